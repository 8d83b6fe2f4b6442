from django.contrib import admin

from pamong.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "masked_recipient", "subject", "status", "attempts", "reference")
    list_filter = ("channel", "status")
    search_fields = ("reference",)
    readonly_fields = (
        "channel",
        "subject",
        "body",
        "reference",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "failed_at",
    )
    exclude = ("recipient",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
