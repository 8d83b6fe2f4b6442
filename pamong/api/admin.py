from typing import Any

from django.contrib import admin, messages

from pamong.api.models import ApiClient
from pamong.api.services import _digest, api_client_create


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """A new client's key is shown once, in the message after saving; only its hash is kept."""

    list_display = ("name", "key_prefix", "active", "hourly_limit", "created_at")
    list_filter = ("active",)
    fields = ("name", "contact", "active", "hourly_limit")

    def save_model(self, request: Any, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, key = api_client_create(name=obj.name, contact=obj.contact, hourly_limit=obj.hourly_limit)
        obj.pk, obj.key_prefix, obj.key_hash = client.pk, client.key_prefix, _digest(key)
        messages.warning(
            request, f"Kunci API untuk {client.name}: {key} — simpan sekarang, kunci tidak ditampilkan lagi."
        )
