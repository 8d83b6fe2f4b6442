from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.selectors import DirectoryFilters
from pamong.regions.models import Region


class EmployeeForm(forms.Form):
    """The employee record as staff type it. Rules (NIP, scope, duplicates) are checked by the service."""

    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=24,
        help_text=_("18 digit, boleh dengan spasi; hanya untuk PNS dan PPPK. Kosongkan untuk yang lain."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    title_prefix = forms.CharField(label=_("Gelar depan"), required=False, max_length=32)
    name = forms.CharField(label=_("Nama"), max_length=160, error_messages={"required": _("Nama wajib diisi.")})
    title_suffix = forms.CharField(label=_("Gelar belakang"), required=False, max_length=48)
    gender = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *list(Employee.Gender.choices)])
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )
    employment_type = forms.ChoiceField(
        label=_("Jenis kepegawaian"), choices=[("", "—"), *list(Employee.EmploymentType.choices)]
    )
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=Unit.objects.none(), empty_label=_("— pilih unit —"))
    position = forms.ModelChoiceField(
        label=_("Jabatan"), queryset=Position.objects.none(), required=False, empty_label=_("— tanpa jabatan —")
    )
    nipd = forms.CharField(
        label=_("NIPD"),
        required=False,
        max_length=32,
        help_text=_("Nomor induk perangkat desa: hanya untuk kepala desa dan perangkat desa, bila sudah ada."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    golongan = forms.CharField(
        label=_("Golongan"),
        required=False,
        max_length=8,
        help_text=_("PNS: golongan/ruang, mis. III/a. PPPK: I sampai XVII."),
    )
    term_start = forms.DateField(
        label=_("Awal masa jabatan"),
        required=False,
        help_text=_("Hanya untuk kepala desa: tanggal pelantikan."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )
    term_end = forms.DateField(
        label=_("Akhir masa jabatan"),
        required=False,
        help_text=_("Hanya untuk kepala desa."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )
    phone = forms.CharField(label=_("Telepon"), required=False, max_length=20)
    email = forms.EmailField(
        label=_("Surel"), required=False, error_messages={"invalid": _("Alamat surel tidak valid.")}
    )
    active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    # Write-only: the stored NIK is never put back into the form (it is shown masked in the help text).
    signer_nik = forms.CharField(
        label=_("NIK penanda tangan (TTE BSrE)"),
        required=False,
        max_length=24,
        help_text=_(
            "Hanya untuk kepala unit atau sekretaris yang menandatangani surat secara elektronik: NIK yang "
            "terdaftar di BSrE. Kosongkan bila tidak diubah."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    signer_nik_clear = forms.BooleanField(label=_("Hapus NIK penanda tangan"), required=False)

    def __init__(self, *args: Any, user: Any, signer_nik_masked: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signer_nik_masked:
            self.fields["signer_nik"].help_text = _(
                "Tersimpan: %(nik)s. Isi untuk mengganti; kosongkan bila tidak diubah. Hanya untuk kepala unit "
                "atau sekretaris yang menandatangani surat secara elektronik."
            ) % {"nik": signer_nik_masked}
        else:
            del self.fields["signer_nik_clear"]
        units = Unit.objects.visible_to(user).order_by("region_id", "kind")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["position"].queryset = (  # type: ignore[attr-defined]
            Position.objects.filter(unit__in=units).select_related("unit").order_by("unit__region_id", "order")
        )
        self.fields["position"].label_from_instance = lambda p: f"{p.title} — {p.unit.name}"  # type: ignore[attr-defined]
        for name in ("gender", "employment_type"):
            self.fields[name].error_messages["required"] = _("Pilih salah satu.")
        self.fields["unit"].error_messages.update(
            {"required": _("Pilih unit kerja."), "invalid_choice": _("Unit tidak ditemukan.")}
        )
        self.fields["position"].error_messages["invalid_choice"] = _("Jabatan tidak ditemukan.")
        bootstrap(self)

    @staticmethod
    def initial_from(employee: Employee) -> dict[str, Any]:
        return {
            "nip": employee.nip or "",
            "nipd": employee.nipd,
            "golongan": employee.golongan,
            "term_start": employee.term_start,
            "term_end": employee.term_end,
            "title_prefix": employee.title_prefix,
            "name": employee.name,
            "title_suffix": employee.title_suffix,
            "gender": employee.gender,
            "birth_date": employee.birth_date,
            "employment_type": employee.employment_type,
            "unit": employee.unit_id,
            "position": employee.position_id,
            "phone": employee.phone,
            "email": employee.email,
            "active": employee.active,
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas pegawai (.xlsx atau .csv, paling besar 5 MB)"),
        error_messages={"required": _("Pilih berkas yang akan diimpor."), "empty": _("Berkas kosong.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=80)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    employment_type = forms.ChoiceField(
        label=_("Jenis kepegawaian"), required=False, choices=[("", _("Semua")), *list(Employee.EmploymentType.choices)]
    )
    active = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("1", _("Aktif")), ("0", _("Tidak aktif")), ("", _("Semua"))]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = Region.objects.visible_to(user).filter(level=Region.Level.KECAMATAN).values_list("code", "name")
        cast(forms.ChoiceField, self.fields["kecamatan"]).choices = [("", _("Semua"))] + [(c, n) for c, n in kecamatan]
        units = Unit.objects.visible_to(user).order_by("region_id", "kind").values_list("pk", "name")
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("Semua")), *list(units)]
        bootstrap(self)

    def filters(self) -> DirectoryFilters:
        if not self.is_valid():
            return DirectoryFilters()
        data = self.cleaned_data
        return DirectoryFilters(
            q=data["q"] or "",
            unit=data["unit"],
            kecamatan=data["kecamatan"] or "",
            employment_type=data["employment_type"] or "",
            active=data["active"] if "active" in self.data else "1",
        )


class FormasiForm(forms.Form):
    """One number per position of a unit: how many people it needs in the year."""

    basis = forms.CharField(
        label=_("Dasar penetapan"),
        required=False,
        max_length=200,
        help_text=_("Mis. hasil analisis beban kerja 2026 atau nomor keputusan."),
    )

    def __init__(self, *args: Any, positions: list[Position], initial_needs: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.positions = positions
        for position in positions:
            self.fields[f"need_{position.pk}"] = forms.IntegerField(
                label=position.title,
                min_value=0,
                max_value=500,
                initial=initial_needs.get(position.pk, 1),
                error_messages={
                    "required": _("Isi kebutuhan (0 bila jabatan tidak diperlukan)."),
                    "invalid": _("Isi dengan bilangan bulat."),
                    "min_value": _("Kebutuhan tidak boleh negatif."),
                    "max_value": _("Kebutuhan paling banyak 500 orang."),
                },
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm text-end", "inputmode": "numeric"}
                ),
            )
        bootstrap(self)

    def needs(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"need_{p.pk}"] for p in self.positions}

    def need_field(self, position: Position) -> forms.BoundField:
        return self[f"need_{position.pk}"]
