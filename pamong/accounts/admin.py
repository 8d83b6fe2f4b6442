from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from pamong.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "employee", "is_active", "last_login")
    list_filter = ("role", "is_active")
    raw_id_fields = ("employee",)
    fieldsets = (*BaseUserAdmin.fieldsets, ("Pamong", {"fields": ("role", "employee")}))  # type: ignore[misc]
    add_fieldsets = (*BaseUserAdmin.add_fieldsets, ("Pamong", {"fields": ("role", "employee")}))
