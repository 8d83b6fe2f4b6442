from django.contrib import admin

from pamong.innovation.models import Evidence, Innovation


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
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
