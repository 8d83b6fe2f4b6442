"""Reads for operations, already scoped to the user."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from pamong.core import gate
from pamong.core.scope import scope_of
from pamong.notifications.models import Notification


def failed_messages(user: Any) -> QuerySet[Notification]:
    """Messages that were not delivered after every try, newest failure first: an admin sees all of them, the
    pimpinan daerah those of their kabupaten/kota."""
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    if not gate.can(user, "ops.failed_messages"):
        return failed.none()
    scope = scope_of(user)
    if not scope.everything:
        if not scope.region_code:
            return failed.none()
        failed = failed.filter(kabkota_code=scope.region_code[:5])
    return failed.order_by(F("failed_at").desc(nulls_last=True), "-pk")
