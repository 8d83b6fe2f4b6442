from django.contrib import admin

from pamong.meetings.models import ActionItem, ActionItemChange, Meeting, MeetingChange, Visit


class MeetingChangeInline(admin.TabularInline):
    model = MeetingChange
    extra = 0
    can_delete = False
    readonly_fields = ("field", "from_status", "to_status", "actor_label", "note", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-only: meetings change through their pages, which keep the history."""

    list_display = ("title", "kind", "unit", "starts_at", "status")
    list_filter = ("status", "kind", "kabkota_code")
    search_fields = ("title",)
    list_select_related = ("unit",)
    exclude = ("submit_token",)
    inlines = [MeetingChangeInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class ActionChangeInline(admin.TabularInline):
    model = ActionItemChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor_label", "note", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "unit", "deadline", "status", "reminder_sent_at")
    list_filter = ("status", "kabkota_code")
    search_fields = ("title",)
    list_select_related = ("owner", "unit")
    inlines = [ActionChangeInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("title", "region", "visited_on", "led_by")
    list_filter = ("kabkota_code",)
    search_fields = ("title",)
    list_select_related = ("region", "led_by")
    exclude = ("submit_token",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
