"""Messages to citizens and staff, kept until delivered: a gateway that is down never loses one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from lokal import partial_mask


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Surel")
        SMS = "sms", _("SMS/WhatsApp")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    kabkota_code = models.CharField(max_length=5, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    reference = models.CharField(max_length=80, blank=True, help_text=_("mis. permohonan:K7M29QXD4"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kabkota_code", "status", "created_at"], name="notification_status")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.masked_recipient}: {self.subject or self.body[:40]}"

    @property
    def masked_recipient(self) -> str:
        return partial_mask("EMAIL" if self.channel == self.Channel.EMAIL else "PHONE", self.recipient)
