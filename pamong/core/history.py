"""History has one shape across the apps: every ``*Change`` table inherits these columns.

A row says what happened to one object (its foreign key is declared by the subclass and named in ``subject``):
from which status to which (both blank for a correction that changes no status), who did it — the user, and
their position and unit *at that moment*, so a later move or promotion does not rewrite who held the work —,
a label for actors without an account ("Pemohon", "Pelapor", "Sistem"), a note, whether the note is public, and
when. Rows are written once and never edited.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class History(models.Model):
    subject: ClassVar[str]  # the name of the foreign key to the object whose history this is
    STATUSES: ClassVar[type[models.TextChoices] | None] = None  # the labels of from/to

    kabkota_code = models.CharField(max_length=5, editable=False)
    from_status = models.CharField(_("dari status"), max_length=20, blank=True)
    to_status = models.CharField(_("ke status"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("jabatan saat itu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("unit saat itu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("pelaku"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    public = models.BooleanField(_("tampil untuk publik"), default=False)
    at = models.DateTimeField(_("waktu"))

    class Meta:
        abstract = True
        ordering: ClassVar[list[str]] = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status or '—'}"

    def _label(self, value: str) -> str:
        if self.STATUSES is not None and value in self.STATUSES.values:
            return str(self.STATUSES(value).label)
        return value

    def get_from_status_display(self) -> str:
        return self._label(self.from_status)

    def get_to_status_display(self) -> str:
        return self._label(self.to_status)


def actor_fields(actor: Any) -> dict[str, Any]:
    """The history columns that describe ``actor`` (a user, or None for the applicant/system) as they are now."""
    employee = getattr(actor, "employee", None) if actor is not None else None
    position = getattr(employee, "position", None) if employee is not None else None
    return {
        "actor": actor,
        "actor_position_id": getattr(employee, "position_id", None),
        "actor_unit_id": getattr(employee, "unit_id", None),
        "actor_label": describe(actor, position=position, employee=employee),
    }


def describe(actor: Any, *, position: Any = None, employee: Any = None) -> str:
    """How an actor is named in a history: "Lurah (Mulyadi)"; a user without a staff record by their username."""
    if actor is None:
        return ""
    if employee is None:
        return str(getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "") or "Sistem")
    name = getattr(employee, "full_name", "") or getattr(employee, "name", "")
    return f"{position.title} ({name})" if position is not None else name


def fill_columns(apps: Any, label: str, *, subject: str, kabkota: str = "kabkota_code") -> None:
    """For a data migration that gives an existing history table this shape: ``kabkota_code`` from the object
    (``<subject>__<kabkota>``), and the actor's position and unit from their staff record as it is now — the
    best that can be known of rows written before the post at the time was kept. Set-based: one UPDATE each."""
    from django.db.models import OuterRef, Subquery

    model = apps.get_model(label)
    parent = model._meta.get_field(subject).related_model
    path = kabkota.split("__")
    owner = parent.objects.filter(pk=OuterRef(f"{subject}_id")).values("__".join(path))[:1]
    model.objects.filter(kabkota_code="").update(kabkota_code=Subquery(owner))
    user = apps.get_model("accounts", "User")
    staff = user.objects.filter(pk=OuterRef("actor_id"))
    model.objects.filter(actor__isnull=False, actor_unit__isnull=True).update(
        actor_position_id=Subquery(staff.values("employee__position_id")[:1]),
        actor_unit_id=Subquery(staff.values("employee__unit_id")[:1]),
    )
    from django.db import connections

    connection = connections[model.objects.db]
    if connection.vendor == "postgresql":
        # A row updated twice in one transaction leaves its deferred foreign-key checks pending, and PostgreSQL
        # then refuses the migration's own deferred DDL (the indexes of the new columns, created when the
        # migration ends): "cannot CREATE INDEX ... because it has pending trigger events". Check them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
