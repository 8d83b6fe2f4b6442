"""Who may do what in this app. One place, used by querysets, services and views."""

from __future__ import annotations

from typing import Any

from pamong.accounts.models import Role

# Health data has a need-to-know: health workers and the head of the unit of the area, nobody else
# (not admin, not pimpinan daerah, not sekretaris or petugas).
REGISTER_ROLES = frozenset({Role.KESEHATAN, Role.KEPALA_UNIT})
# Offices enter the monthly counts of their own kelurahan/desa (kantor camat: of its kecamatan).
PROGRESS_ROLES = frozenset({Role.KEPALA_UNIT, Role.SEKRETARIS, Role.PETUGAS})


def can_see_register(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_superuser
        and user.role in REGISTER_ROLES
    )


def can_read_access_log(user: Any) -> bool:
    return can_see_register(user) and user.role == Role.KEPALA_UNIT


def can_enter_progress(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_admin_role or user.role in PROGRESS_ROLES))


def can_read_programmes(user: Any) -> bool:
    """Counts only, no names: every staff member may read them within their scope."""
    return bool(getattr(user, "is_authenticated", False))
