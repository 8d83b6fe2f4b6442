from django.contrib import admin

from pamong.catalog.models import (
    MANAGEMENT_COMPONENTS,
    PUBLISHED_COMPONENTS,
    RequiredDocument,
    ServiceField,
    ServiceType,
)
from pamong.catalog.selectors import forget_catalogue


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0
    fields = ("order", "name", "note", "required")


class ServiceFieldInline(admin.TabularInline):
    model = ServiceField
    extra = 0
    fields = ("order", "code", "label", "kind", "required", "help", "choices")


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "deadline_days", "fee", "active", "kabkota_code")
    list_filter = ("level", "active", "kabkota_code")
    search_fields = ("name", "code")
    inlines = [RequiredDocumentInline, ServiceFieldInline]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        forget_catalogue()  # documents are edited inline, so clear after they are saved too

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        forget_catalogue()

    fieldsets = (
        (None, {"fields": ("kabkota_code", "code", "name", "summary", "level", "active", "order")}),
        (
            "Komponen yang dipublikasikan",
            {"fields": PUBLISHED_COMPONENTS},
        ),
        (
            "Komponen pengelolaan",
            {"fields": MANAGEMENT_COMPONENTS},
        ),
        ("Surat", {"fields": ("signer", "archive_code", "letter_body")}),
    )
