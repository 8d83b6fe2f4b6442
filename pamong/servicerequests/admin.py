import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin

from pamong.core.errors import DomainError
from pamong.core.uploads import JPEG, PNG, clean_upload
from pamong.regions.models import Region
from pamong.servicerequests.letters import letter_number
from pamong.servicerequests.models import Letterhead, LetterNumbering, PersonalDataAccess, ServiceRequest, StatusChange


class LetterNumberingForm(forms.ModelForm):
    class Meta:
        model = LetterNumbering
        fields = ["kabkota_code", "pattern"]
        help_texts = {"kabkota_code": "Kode Kemendagri kabupaten/kota, mis. 13.71."}

    def clean_kabkota_code(self) -> str:
        code = self.cleaned_data["kabkota_code"].strip()
        if not Region.objects.filter(code=code, level=Region.Level.KABKOTA).exists():
            raise forms.ValidationError("Kode ini bukan kode kabupaten/kota yang ada, mis. 13.71 untuk Kota Padang.")
        return code

    def clean_pattern(self) -> str:
        return str(self.cleaned_data["pattern"]).strip()


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["kabkota_code", "logo"]

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo is None or not hasattr(logo, "content_type"):  # unchanged
            return logo
        if logo.size > 1024 * 1024:
            raise forms.ValidationError("Logo lebih dari 1 MB; kecilkan lalu unggah lagi.")
        try:
            clean = clean_upload(logo, field="logo")
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        if clean.content_type not in (JPEG, PNG):
            raise forms.ValidationError("Logo harus gambar PNG atau JPEG.")
        return clean.content


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    form = LetterheadForm
    list_display = ("kabkota_code", "logo", "updated_at")


@admin.register(LetterNumbering)
class LetterNumberingAdmin(admin.ModelAdmin):
    """The kabupaten/kota's numbering pattern; the placeholders are checked by the model field's validator."""

    form = LetterNumberingForm
    list_display = ("kabkota_code", "kabkota_name", "pattern", "example", "updated_at")
    readonly_fields = ("example", "updated_at")
    search_fields = ("kabkota_code",)

    @admin.display(description="kabupaten/kota")
    def kabkota_name(self, obj: LetterNumbering) -> str:
        return Region.objects.filter(code=obj.kabkota_code).values_list("name", flat=True).first() or "-"

    @admin.display(description="contoh nomor")
    def example(self, obj: LetterNumbering) -> str:
        if not obj.pk:
            return "-"
        return letter_number(
            archive_code="470", sequence=15, code="Kel.BP", when=dt.date(2026, 11, 2), pattern=obj.pattern
        )

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        # The kabupaten/kota of an existing row stays; a typo is fixed by deleting the row and adding one.
        return (*self.readonly_fields, "kabkota_code") if obj is not None else self.readonly_fields


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor_label", "note", "at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    """Read-only: requests change only through their transitions, which keep the history."""

    list_display = ("code", "service", "unit", "status", "due_at", "overdue")
    list_filter = ("status", "overdue")
    search_fields = ("code",)
    inlines = [StatusChangeInline]
    exclude = ("nik", "name", "phone", "email", "address", "birth_place", "birth_date", "answers")
    list_select_related = ("service", "unit")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "request", "what")
    list_select_related = ("user", "request")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
