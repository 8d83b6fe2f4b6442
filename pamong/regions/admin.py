from django.contrib import admin

from pamong.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "timezone", "postal_code")
    list_filter = ("level", "timezone")
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
    show_full_result_count = False
