from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pamong.core.forms import bootstrap
from pamong.programmes.models import Category
from pamong.regions.models import Region

COUNT_ERRORS = {
    "required": _("Wajib diisi."),
    "invalid": _("Isi dengan bilangan bulat, mis. 12."),
    "min_value": _("Jumlah tidak boleh negatif."),
}


def _place_field(places: list[Region]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Kelurahan/desa"),
        choices=[("", "— pilih —")] + [(p.code, p.name) for p in places],
        error_messages={"required": _("Pilih kelurahan/desa."), "invalid_choice": _("Pilih kelurahan/desa.")},
    )


class MonthField(forms.CharField):
    """A month typed as YYYY-MM (the browser's month picker) or MM/YYYY."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"})

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        raw = (super().to_python(value) or "").strip()
        if not raw:
            return None
        for fmt in ("%Y-%m", "%m/%Y", "%m-%Y"):
            try:
                return dt.datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
        raise forms.ValidationError(_("Isi bulan dengan format tahun-bulan, mis. 2026-05."))


class ProgressForm(forms.Form):
    place = forms.ChoiceField()
    month = MonthField(label=_("Bulan"), error_messages={"required": _("Pilih bulan laporan.")})
    count = forms.IntegerField(label=_("Jumlah pada akhir bulan"), min_value=0, error_messages=COUNT_ERRORS)
    reached = forms.IntegerField(
        label=_("Dijangkau intervensi bulan ini"), min_value=0, initial=0, error_messages=COUNT_ERRORS
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500, widget=forms.Textarea({"rows": 2}))
    reason = forms.CharField(
        label=_("Alasan koreksi"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila bulan ini sudah pernah diisi; nilai lama tetap tersimpan dalam riwayat."),
    )

    def __init__(self, *args: Any, places: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(places)
        self.places = {p.code: p for p in places}
        bootstrap(self)

    def clean_month(self) -> dt.date:
        month: dt.date = self.cleaned_data["month"]
        if month > timezone.localdate().replace(day=1):
            raise forms.ValidationError(_("Bulan laporan tidak boleh di masa depan."))
        return month


class TargetForm(forms.Form):
    place = forms.ChoiceField()
    year = forms.IntegerField(
        label=_("Tahun"), min_value=2000, max_value=2100, error_messages={"invalid": _("Isi tahun, mis. 2026.")}
    )
    baseline = forms.IntegerField(label=_("Data awal (awal tahun)"), min_value=0, error_messages=COUNT_ERRORS)
    target = forms.IntegerField(label=_("Target akhir tahun"), min_value=0, error_messages=COUNT_ERRORS)
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        required=False,
        max_length=300,
        help_text=_("Wajib bila target tahun ini sudah ditetapkan; nilai lama tetap tersimpan dalam riwayat."),
    )

    def __init__(self, *args: Any, places: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(places)
        self.places = {p.code: p for p in places}
        bootstrap(self)


class ResidentForm(forms.Form):
    place = forms.ChoiceField()
    name = forms.CharField(label=_("Nama"), max_length=160)
    nik = forms.CharField(label=_("NIK"), max_length=24, help_text=_("16 angka sesuai KTP/KK."))
    address = forms.CharField(label=_("Alamat"), max_length=255)
    category = forms.ChoiceField(label=_("Kategori"), choices=[("", "— pilih —"), *Category.choices])
    condition = forms.CharField(label=_("Catatan kondisi"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, places: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = _place_field(places)
        self.places = {p.code: p for p in places}
        for name in ("name", "nik", "address", "category"):
            self.fields[name].error_messages["required"] = _("Wajib diisi.")
        self.fields["nik"].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
        bootstrap(self)


class VisitForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Tanggal kunjungan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"required": _("Wajib diisi."), "invalid": _("Isi tanggal, mis. 17-08-2026.")},
    )
    note = forms.CharField(
        label=_("Catatan kunjungan"), widget=forms.Textarea({"rows": 3}), error_messages={"required": _("Wajib diisi.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
