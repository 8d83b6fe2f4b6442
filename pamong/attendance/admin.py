from django.contrib import admin

from pamong.attendance.models import Attendance, AttendanceChange, WorkSchedule


@admin.register(WorkSchedule)
class WorkScheduleAdmin(admin.ModelAdmin):
    list_display = (
        "unit",
        "kabkota_code",
        "weekday_start",
        "weekday_end",
        "friday_start",
        "friday_end",
        "tolerance_minutes",
    )
    list_filter = ("kabkota_code",)
    readonly_fields = ("updated_by", "updated_at")


class ChangeInline(admin.TabularInline):
    model = AttendanceChange
    extra = 0
    can_delete = False
    readonly_fields = ("old_values", "new_values", "note", "actor_label", "actor_position", "actor_unit", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Read-only: records change only through corrections, which keep the old values."""

    list_display = ("employee", "date", "status", "check_in", "check_out", "late_minutes", "unit")
    list_filter = ("status", "non_working_day", "source")
    date_hierarchy = "date"
    search_fields = ("employee__name", "employee__nip")
    list_select_related = ("employee", "unit")
    exclude = ("document",)
    inlines = [ChangeInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
