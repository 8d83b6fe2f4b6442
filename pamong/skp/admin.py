from django.contrib import admin

from pamong.skp.models import SkpAssessment, SkpChange


class ChangeInline(admin.TabularInline):
    model = SkpChange
    extra = 0
    can_delete = False
    readonly_fields = (
        "from_status",
        "to_status",
        "actor_label",
        "actor_position",
        "actor_unit",
        "note",
        "snapshot",
        "at",
    )
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(SkpAssessment)
class SkpAssessmentAdmin(admin.ModelAdmin):
    """Read-only: an assessment changes only through its rater and its transitions, which keep the history."""

    list_display = ("employee", "year", "quarter", "rater", "predikat", "status")
    list_filter = ("status", "predikat", "year", "quarter")
    search_fields = ("employee__name", "employee__nip")
    inlines = [ChangeInline]
    list_select_related = ("employee", "rater")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
