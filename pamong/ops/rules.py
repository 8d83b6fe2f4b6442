"""Who may do what on the operations pages. Views ask here; no role is compared anywhere else."""

from __future__ import annotations

from typing import Any

from pamong.accounts.models import Role

# Messages that could not be delivered: admins (Diskominfo) and pimpinan daerah, who can act on them.
FAILED_MESSAGE_ROLES = frozenset({Role.ADMIN, Role.PIMPINAN_DAERAH})


def can_see_failed_messages(user: Any) -> bool:
    """The "Pesan gagal terkirim" page and its resend action."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", None) in FAILED_MESSAGE_ROLES)
