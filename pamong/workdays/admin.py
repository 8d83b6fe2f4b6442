from django.contrib import admin

from pamong.workdays.models import Holiday


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "kind", "decree")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name", "decree")
