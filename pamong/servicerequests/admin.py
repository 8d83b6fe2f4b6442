from django.contrib import admin

from pamong.servicerequests.models import PersonalDataAccess, ServiceRequest, StatusChange


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor_label", "note", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change only through their transitions, which keep the history."""

    list_display = ("code", "service", "unit", "status", "due_at", "overdue")
    list_filter = ("status", "overdue")
    search_fields = ("code",)
    inlines = [StatusChangeInline]
    exclude = ("nik", "name", "phone", "email", "address", "birth_place", "birth_date", "answers")
    list_select_related = ("service", "unit")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "request", "what")
    list_select_related = ("user", "request")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
