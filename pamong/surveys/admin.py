from django.contrib import admin

from pamong.surveys.models import FollowUp, Kiosk, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Responses are not editable here: a questionnaire, once counted, stays as the respondent gave it."""

    list_display = ("unit", "period_start", "period_end", "service", "published")
    list_filter = ("published",)
    search_fields = ("unit__name",)
    list_select_related = ("unit", "service")
    readonly_fields = ("kabkota_code", "created_by", "created_at", "published_at")
    raw_id_fields = ("unit", "service")


@admin.register(Kiosk)
class KioskAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "active", "created_at")
    list_filter = ("active",)
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    """Read-only: a follow-up changes status through its transitions, which keep the history."""

    list_display = ("survey", "unsur", "owner", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("survey__unit", "owner")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
