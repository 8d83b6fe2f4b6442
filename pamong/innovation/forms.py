"""Forms of innovations: registering or correcting one, its stage, its evidence, an approval step, the searches."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from pamong.catalog.models import ServiceType
from pamong.core.forms import bootstrap
from pamong.innovation.models import EvidenceKind, Indicator, Kind, Stage
from pamong.innovation.services import MAX_COST, InnovationData
from pamong.organization.models import Unit
from pamong.training.models import TrainingEvent

DATE = {"invalid": "Tanggal tidak valid.", "required": "Isi tanggal."}


def _date(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE,
        help_text=help_text,
    )


def parse_rupiah(raw: str) -> int | None:
    """An amount as people type it: 15000000, 15.000.000 or Rp 15.000.000. Blank is none."""
    text = (raw or "").strip()
    text = re.sub(r"^rp\.?\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r",0+$", "", text)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})*|[0-9]+", text):
        raise ValueError("Tuliskan biaya dalam rupiah dengan angka, mis. 15.000.000.")
    value = int(text.replace(".", ""))
    if value > MAX_COST:
        raise ValueError("Biaya tidak masuk akal; periksa kembali angkanya.")
    return value


class InnovationForm(forms.Form):
    unit = forms.TypedChoiceField(label="Kantor", coerce=int, error_messages={"invalid_choice": "Pilih kantor."})
    name = forms.CharField(label="Nama inovasi", max_length=200, error_messages={"required": "Tuliskan nama inovasi."})
    kind = forms.ChoiceField(label="Jenis inovasi", choices=Kind.choices, error_messages={"required": "Pilih jenis."})
    problem = forms.CharField(
        label="Masalah yang diatasi",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan masalah yang diatasi."},
    )
    change = forms.CharField(
        label="Yang berubah bagi warga",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan apa yang berubah bagi warga."},
    )
    stage = forms.ChoiceField(label="Tahap", choices=Stage.choices, error_messages={"required": "Pilih tahap."})
    initiated_on = _date("Tanggal inisiatif", required=True)
    trial_on = _date("Mulai uji coba", help_text="Diisi bila sudah uji coba.")
    applied_on = _date("Mulai penerapan", help_text="Diisi bila sudah diterapkan.")
    services = forms.ModelMultipleChoiceField(
        label="Layanan sasaran",
        queryset=ServiceType.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Layanan yang hendak diperbaiki; tahan Ctrl untuk memilih lebih dari satu.",
        error_messages={"invalid_choice": "Pilih layanan dari daftar.", "invalid_pk_value": "Pilih layanan."},
    )
    indicators = forms.MultipleChoiceField(
        label="Indikator yang hendak digerakkan",
        choices=Indicator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Pilih indikator dari daftar."},
    )
    team = forms.CharField(
        label="Tim",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu orang per baris: nama | peran, mis. “Yusnimar | koordinator loket”.",
    )
    cost = forms.CharField(label="Biaya (Rp)", required=False, max_length=30, help_text="Kosongkan bila tanpa biaya.")
    funding = forms.CharField(label="Sumber dana", required=False, max_length=120, help_text="Mis. APBD, Dana Desa.")
    summary = forms.CharField(
        label="Ringkasan untuk publik",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Teks biasa, paling panjang 1.000 huruf; tampil di halaman publik setelah disetujui.",
    )
    field_visit = forms.ModelChoiceField(
        label="Berawal dari studi tiru",
        queryset=TrainingEvent.objects.none(),
        required=False,
        empty_label="— tidak ada —",
        error_messages={"invalid_choice": "Pilih kegiatan studi tiru dari daftar."},
    )

    def __init__(self, *args: Any, units: list[Unit], services: Any, visits: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units = {u.pk: u for u in units}
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        if len(units) == 1:
            self.initial.setdefault("unit", units[0].pk)
        self.fields["services"].queryset = services  # type: ignore[attr-defined]
        self.fields["field_visit"].queryset = visits  # type: ignore[attr-defined]
        bootstrap(self)
        self.fields["indicators"].widget.attrs["class"] = "form-check-input"

    def clean_cost(self) -> int | None:
        try:
            return parse_rupiah(self.cleaned_data["cost"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_team(self) -> str:
        for number, line in enumerate(self.cleaned_data["team"].splitlines(), start=1):
            name, _sep, role = (part.strip() for part in line.partition("|"))
            if line.strip() and (not name or len(name) > 160 or len(role) > 160):
                raise forms.ValidationError(f"Baris {number}: nama 1–160 huruf, peran paling panjang 160 huruf.")
        return str(self.cleaned_data["team"])

    def unit_instance(self) -> Unit:
        return self._units[self.cleaned_data["unit"]]

    def data_object(self) -> InnovationData:
        c = self.cleaned_data
        return InnovationData(
            name=c["name"],
            problem=c["problem"],
            change=c["change"],
            kind=c["kind"],
            stage=c["stage"],
            initiated_on=c["initiated_on"],
            trial_on=c["trial_on"],
            applied_on=c["applied_on"],
            services=list(c["services"]),
            indicators=list(c["indicators"]),
            team=c["team"],
            cost=c["cost"],
            funding=c["funding"],
            summary=c["summary"],
            field_visit=c["field_visit"],
        )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="Tahap baru",
        choices=[(Stage.UJI_COBA, Stage.UJI_COBA.label), (Stage.PENERAPAN, Stage.PENERAPAN.label)],
        error_messages={"required": "Pilih tahap.", "invalid_choice": "Pilih tahap uji coba atau penerapan."},
    )
    day = _date("Mulai tanggal", required=True)
    note = forms.CharField(label="Catatan", required=False, max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Jenis bukti", choices=EvidenceKind.choices, error_messages={"required": "Pilih jenis bukti."}
    )
    title = forms.CharField(
        label="Keterangan", max_length=200, error_messages={"required": "Tuliskan keterangan bukti."}
    )
    file = forms.FileField(
        label="Berkas (PDF, JPEG atau PNG)",
        error_messages={"required": "Pilih berkas.", "empty": "Berkas kosong.", "invalid": "Berkas tidak terbaca."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class TransitionForm(forms.Form):
    from_status = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    to_status = forms.CharField(widget=forms.HiddenInput, max_length=20)
    note = forms.CharField(label="Catatan", required=False, max_length=1000)
