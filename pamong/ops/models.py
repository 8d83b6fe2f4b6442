"""Operations: the task workers' heartbeats. A task left RUNNING by a worker whose heartbeat stopped is queued
again (pamong.ops.services.tasks_reclaim)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per running task worker, touched every few seconds by a thread of the worker (also while it runs a
    long task) and removed when the worker stops cleanly. A row that stops being touched is a dead worker."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    queues = models.CharField(max_length=200)
    hostname = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pekerja antrean")
        verbose_name_plural = _("pekerja antrean")
        ordering = ["queues", "started_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.queues})"
