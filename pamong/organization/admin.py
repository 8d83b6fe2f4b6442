from typing import Any

from django import forms
from django.contrib import admin

from pamong.core import geo
from pamong.core.errors import DomainError
from pamong.organization import letter_codes
from pamong.organization.models import (
    Employee,
    FormasiChange,
    FormasiNeed,
    Position,
    SignerIdentity,
    SignerNikAccess,
    Unit,
)
from pamong.organization.services import letter_code_default, letter_code_taken, signer_nik_check, signer_nik_set
from pamong.regions.selectors import forget_region_overviews


class UnitAdminForm(forms.ModelForm):
    """The letter code may be left empty on a new office (the default is filled in) and must be unique in the
    kabupaten/kota; the database constraint backs this check up."""

    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "kind",
            "region",
            "letter_code",
            "dusun_count",
            "address",
            "phone",
            "email",
            "latitude",
            "longitude",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter_code"].required = self.instance.pk is not None
        self.fields["letter_code"].error_messages["required"] = "Isi kode surat kantor ini."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", "Isi lintang dan bujur bersama, atau kosongkan keduanya.")
        elif latitude is not None and longitude is not None and not geo.in_area(latitude, longitude):
            self.add_error("latitude", "Lokasi itu di luar wilayah layanan (PAMONG_MAP_BOUNDS).")
        if data.get("dusun_count") is not None and data.get("kind") != Unit.Kind.KANTOR_DESA:
            self.add_error("dusun_count", "Jumlah dusun hanya diisi untuk kantor desa.")
        region, kind = data.get("region"), data.get("kind")
        if region is None or not kind:
            return data
        code = (data.get("letter_code") or "").strip()
        if not code and "letter_code" not in self.errors:
            code = letter_code_default(region=region, kind=kind, exclude_pk=self.instance.pk)
            data["letter_code"] = code
            self.instance.letter_code = code
        if code and letter_code_taken(kabkota_code=region.code[:5], letter_code=code, exclude_pk=self.instance.pk):
            self.add_error("letter_code", letter_codes.TAKEN_MESSAGE)
        return data


class PositionInline(admin.TabularInline):
    model = Position
    fk_name = "unit"
    extra = 0
    raw_id_fields = ("reports_to",)
    fields = ("title", "kind", "reports_to", "order")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    form = UnitAdminForm
    list_display = ("name", "code", "letter_code", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("name", "code", "letter_code")
    raw_id_fields = ("region",)
    inlines = [PositionInline]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.kabkota_code = obj.region_id[:5]
        super().save_model(request, obj, form, change)
        forget_region_overviews()

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        for position in formset.save(commit=False):
            position.kabkota_code = form.instance.kabkota_code
            position.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    """Read-mostly: employees are added and changed through the staff pages, where the NIP rules run."""

    list_display = ("name", "nip", "employment_type", "unit", "position", "active")
    list_filter = ("employment_type", "active")
    search_fields = ("name", "nip", "nipd")
    raw_id_fields = ("unit", "position")
    # NIP, NIPD and the term are checked by the staff pages' rules; changed there.
    readonly_fields = ("nip", "nipd", "term_start", "term_end", "kabkota_code", "created_at", "updated_at")
    list_select_related = ("unit", "position")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # New employees go through the staff pages or the import, where NIP and scope rules are checked.
        return False


class FormasiChangeInline(admin.TabularInline):
    model = FormasiChange
    extra = 0
    can_delete = False
    readonly_fields = ("old_needed", "new_needed", "note", "actor", "actor_label", "actor_position", "at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FormasiNeed)
class FormasiNeedAdmin(admin.ModelAdmin):
    """Read-only here: needs are set on the formasi page, which keeps the history."""

    list_display = ("position", "unit", "year", "needed", "basis", "updated_at")
    list_filter = ("year",)
    search_fields = ("position__title", "unit__name")
    inlines = [FormasiChangeInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


class SignerIdentityForm(forms.ModelForm):
    """The NIK is typed, never shown back whole: the list shows it masked."""

    new_nik = forms.CharField(
        label="NIK penanda tangan",
        max_length=24,
        required=False,
        help_text="16 digit NIK yang terdaftar di BSrE. Kosongkan untuk tidak mengubah.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = SignerIdentity
        fields = ["employee"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        employee = data.get("employee")
        nik = data.get("new_nik", "")
        if employee is not None and self.instance.pk is None and not nik:
            raise forms.ValidationError("Isi NIK penanda tangan.")
        if employee is not None and nik:
            try:
                signer_nik_check(employee=employee, nik=nik)
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from None
        return data


@admin.register(SignerIdentity)
class SignerIdentityAdmin(admin.ModelAdmin):
    """Signers' NIKs for the BSrE electronic signature: masked in the list, typed anew to change."""

    form = SignerIdentityForm
    list_display = ("employee", "masked_nik", "updated_at")
    raw_id_fields = ("employee",)
    search_fields = ("employee__name", "employee__nip")

    @admin.display(description="NIK")
    def masked_nik(self, obj: SignerIdentity) -> str:
        return obj.masked_nik

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        nik = form.cleaned_data.get("new_nik", "")
        if nik:
            signer_nik_set(employee=obj.employee, nik=nik)


@admin.register(SignerNikAccess)
class SignerNikAccessAdmin(admin.ModelAdmin):
    """Who read a signer's whole NIK, when, and for what: written once, never edited."""

    list_display = ("at", "employee", "user", "what")
    list_select_related = ("employee", "user")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
