from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from pamong.core.scope import Scope


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    PIMPINAN_DAERAH = "pimpinan_daerah", _("Pimpinan daerah")
    KEPALA_UNIT = "kepala_unit", _("Kepala unit")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    PETUGAS = "petugas", _("Petugas")
    KESEHATAN = "kesehatan", _("Petugas kesehatan")


# Roles that must use a second factor (TOTP) when PAMONG_REQUIRE_OTP is on.
OTP_ROLES = frozenset({Role.ADMIN, Role.PIMPINAN_DAERAH})
# Roles that may add and change staff records inside their scope.
STAFF_MANAGER_ROLES = frozenset({Role.ADMIN, Role.KEPALA_UNIT, Role.SEKRETARIS})


class User(AbstractUser):
    """A staff account. Its scope follows its role and the region of its employee's unit."""

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.PETUGAS)
    employee = models.OneToOneField(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def is_admin_role(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def requires_otp(self) -> bool:
        return self.is_admin_role or self.role in OTP_ROLES

    @property
    def can_manage_staff(self) -> bool:
        return self.is_admin_role or self.role in STAFF_MANAGER_ROLES

    def compute_scope(self) -> Scope:
        if not self.is_active:
            return Scope.nothing()
        if self.is_admin_role:
            return Scope.all()
        if self.employee_id is None:
            return Scope.nothing()
        # An employee who left or moved (inactive) keeps no access through their old unit.
        employee = self._state.fields_cache.get("employee")
        if employee is not None and "unit" in employee._state.fields_cache:  # loaded with the user (PamongBackend)
            region_code = employee.unit.region_id if employee.active else None
        else:
            mine = type(self).objects.filter(pk=self.pk, employee__active=True)
            region_code = mine.values_list("employee__unit__region_id", flat=True).first()
        if not region_code:
            return Scope.nothing()
        if self.role == Role.PIMPINAN_DAERAH:
            return Scope(region_code=region_code[:5])
        return Scope(region_code=region_code)
