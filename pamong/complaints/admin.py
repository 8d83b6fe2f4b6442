from django.contrib import admin

from pamong.complaints.models import Category, Complaint, ComplaintChange


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "kabkota_code", "completion_days", "active", "order")
    list_filter = ("active", "kabkota_code")
    search_fields = ("name", "code")


class ChangeInline(admin.TabularInline):
    model = ComplaintChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor_label", "note", "public", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    """Read-only: complaints change only through their transitions, which keep the history."""

    list_display = ("code", "title", "category", "unit", "status", "stage_due_at", "overdue")
    list_filter = ("status", "overdue", "confidential")
    search_fields = ("code",)
    exclude = ("reporter_name", "reporter_phone", "reporter_email", "submit_token")
    inlines = [ChangeInline]
    list_select_related = ("category", "unit")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
