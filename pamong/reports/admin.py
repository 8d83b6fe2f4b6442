from django.contrib import admin

from pamong.reports.models import PeriodicReport, ReportChange, ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["kabkota_code", "frequency", "due_days", "updated_at"]


class ReportChangeInline(admin.TabularInline):
    model = ReportChange
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "from_status",
        "to_status",
        "actor",
        "actor_label",
        "actor_position",
        "actor_unit",
        "note",
        "at",
    )


@admin.register(PeriodicReport)
class PeriodicReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period_start", "status", "due_at", "submitted_at", "late"]
    list_filter = ["status", "late", "frequency"]
    readonly_fields = ["status", "figures", "figures_at", "submitted_at", "first_submitted_at", "late"]
    inlines = [ReportChangeInline]
