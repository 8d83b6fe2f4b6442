from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pamong.innovation.models import Evidence, Innovation


class EvidenceInline(admin.TabularInline):
    """Evidence is uploaded on the innovation's page, where the file is checked; the admin only reads it."""

    model = Evidence
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    fields = ["kind", "title", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_at"]


@admin.register(Innovation)
class InnovationAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "stage", "status", "initiated_on"]
    list_filter = ["kind", "stage", "status"]
    search_fields = ["name", "problem", "change"]
    raw_id_fields = ["unit", "created_by", "field_visit"]
    # The approval moves only through its transitions (history kept); the admin corrects the text.
    readonly_fields = ["status", "unit", "published_at"]
    inlines = [EvidenceInline]
