"""Reads for operations, already scoped to the user."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from pamong.core import gate
from pamong.core.scope import scope_of
from pamong.notifications.models import Notification


def messages_of(user: Any) -> QuerySet[Notification]:
    """The messages an operations user answers for: an admin all of them, the pimpinan daerah those of their
    kabupaten/kota; nobody else any."""
    messages = Notification.objects.all()
    if not gate.can(user, "ops.failed_messages"):
        return messages.none()
    scope = scope_of(user)
    if scope.everything:
        return messages
    if not scope.region_code:
        return messages.none()
    return messages.filter(kabkota_code=scope.region_code[:5])


def failed_messages(user: Any) -> QuerySet[Notification]:
    """Messages that were not delivered after every try, newest failure first."""
    failed = messages_of(user).filter(status=Notification.Status.FAILED)
    return failed.order_by(F("failed_at").desc(nulls_last=True), "-pk")
