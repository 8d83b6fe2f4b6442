from django.contrib import admin

from pamong.portal.models import Announcement, AnnouncementChange


class ChangeInline(admin.TabularInline):
    model = AnnouncementChange
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "from_status",
        "to_status",
        "actor_label",
        "actor_position",
        "actor_unit",
        "note",
        "old_values",
        "at",
    )


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "status", "publish_from", "pinned"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["status", "published_at", "submit_token"]
    inlines = [ChangeInline]
