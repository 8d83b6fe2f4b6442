from django.contrib import admin

from pamong.catalog.models import (
    MANAGEMENT_COMPONENTS,
    PUBLISHED_COMPONENTS,
    STANDARD_FIELDS,
    RequiredDocument,
    ServiceField,
    ServiceType,
)
from pamong.catalog.selectors import forget_catalogue
from pamong.catalog.services import standard_review_reset


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
    list_display = ("name", "code", "level", "deadline_days", "fee", "active", "reviewed", "kabkota_code")
    list_filter = ("level", "active", ("reviewed_at", admin.EmptyFieldListFilter), "kabkota_code")
    search_fields = ("name", "code")
    readonly_fields = ("reviewed_at", "reviewed_by")
    inlines = [RequiredDocumentInline, ServiceFieldInline]

    @admin.display(description="standar disetujui", boolean=True)
    def reviewed(self, obj: ServiceType) -> bool:
        return not obj.needs_review

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        forget_catalogue()  # documents are edited inline, so clear after they are saved too
        documents_changed = any(fs.model is RequiredDocument and fs.has_changed() for fs in formsets)
        if (
            change
            and not form.instance.needs_review
            and (set(form.changed_data) & set(STANDARD_FIELDS) or documents_changed)
        ):
            standard_review_reset(service=form.instance)
            self.message_user(request, "Standar pelayanan berubah: perlu disetujui lagi oleh pimpinan.")

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
        ("Persetujuan standar", {"fields": ("reviewed_at", "reviewed_by")}),
    )
