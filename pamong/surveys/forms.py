"""Forms of the SKM: the questionnaire (link, kiosk, paper), opening a survey, the follow-up plan, kiosks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils import timezone

from pamong.catalog.models import ServiceType
from pamong.core.forms import bootstrap
from pamong.organization.models import Employee, Unit
from pamong.surveys.models import Education, Occupation
from pamong.surveys.services import Answers
from pamong.surveys.unsur import UNSUR

DATE = {"invalid": "Tanggal tidak valid."}


class ResponseForm(forms.Form):
    """The nine questions with their plain answers, the respondent's profile and suggestions.

    On the citizen's channels (link, kiosk) every question must be answered; on a paper form typed in by staff
    a question the respondent left blank stays blank."""

    token = forms.RegexField(
        regex=r"^[0-9a-f]{8,40}$",
        max_length=40,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "Formulir tidak utuh; muat ulang halaman.",
            "max_length": "Formulir tidak utuh; muat ulang halaman.",
            "required": "Formulir tidak utuh; muat ulang halaman.",
        },
    )
    gender = forms.ChoiceField(
        label="Jenis kelamin",
        required=False,
        choices=[("L", "Laki-laki"), ("P", "Perempuan")],
        widget=forms.RadioSelect,
    )
    age = forms.IntegerField(
        label="Umur (tahun)",
        required=False,
        min_value=15,
        max_value=100,
        error_messages={
            "invalid": "Tuliskan umur dengan angka.",
            "min_value": "Umur paling sedikit 15 tahun.",
            "max_value": "Umur paling banyak 100 tahun.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    education = forms.ChoiceField(label="Pendidikan terakhir", required=False, choices=[("", "—"), *Education.choices])
    occupation = forms.ChoiceField(label="Pekerjaan utama", required=False, choices=[("", "—"), *Occupation.choices])
    suggestion = forms.CharField(
        label="Saran dan masukan", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        all_required: bool = True,
        services: list[ServiceType] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        for u in UNSUR:
            choices = [(str(i), label) for i, label in enumerate(u.answers, start=1)]
            if not all_required:
                choices = [("", "Tidak dijawab"), *choices]
            self.fields[u.field] = forms.TypedChoiceField(
                label=f"{u.number}. {u.question}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=all_required,
                widget=forms.RadioSelect,
                error_messages={"required": "Pilih salah satu jawaban.", "invalid_choice": "Pilihan tidak dikenal."},
            )
            self.fields[u.field].unsur = u  # type: ignore[attr-defined]
        if services is not None:
            self.fields["service"] = forms.TypedChoiceField(
                label="Layanan yang Anda terima",
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "— pilih layanan —"), *[(s.pk, s.name) for s in services]],
                error_messages={"invalid_choice": "Pilih layanan dari daftar."},
            )
            self._services = {s.pk: s for s in services}
        bootstrap(self)

    def unsur_fields(self) -> list[forms.BoundField]:
        return [self[u.field] for u in UNSUR]

    def profile_fields(self) -> list[forms.BoundField]:
        names = ["service"] if "service" in self.fields else []
        return [self[name] for name in [*names, "gender", "age", "education", "occupation"]]

    def answers(self) -> Answers:
        data = self.cleaned_data
        service_id = data.get("service")
        return Answers(
            values={u.field: data.get(u.field) for u in UNSUR},
            gender=data.get("gender") or "",
            age=data.get("age"),
            education=data.get("education") or "",
            occupation=data.get("occupation") or "",
            suggestion=data.get("suggestion") or "",
            service=getattr(self, "_services", {}).get(service_id) if service_id else None,
        )


class PaperResponseForm(ResponseForm):
    paper_number = forms.CharField(
        label="Nomor kuesioner",
        max_length=20,
        error_messages={"required": "Tuliskan nomor kuesioner yang tertera di kertas."},
    )
    filled_on = forms.DateField(
        label="Tanggal diisi",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**DATE, "required": "Tuliskan tanggal kuesioner diisi."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, all_required=False, **kwargs)
        self.order_fields(["paper_number", "filled_on"])


class SurveyForm(forms.Form):
    unit = forms.TypedChoiceField(label="Unit layanan", coerce=int, error_messages={"invalid_choice": "Pilih unit."})
    service = forms.TypedChoiceField(
        label="Layanan", required=False, coerce=int, empty_value=None, help_text="Kosongkan untuk semua layanan unit."
    )
    period_start = forms.DateField(
        label="Awal periode", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), error_messages=DATE
    )
    period_end = forms.DateField(
        label="Akhir periode", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), error_messages=DATE
    )
    population = forms.IntegerField(
        label="Populasi (penerima layanan dalam periode)",
        required=False,
        min_value=1,
        max_value=10_000_000,
        help_text="Kosongkan untuk memakai jumlah permohonan yang tercatat di Pamong.",
        error_messages={
            "invalid": "Tuliskan angka.",
            "min_value": "Populasi harus lebih dari nol.",
            "max_value": "Populasi paling banyak 10.000.000.",
        },
    )

    def __init__(self, *args: Any, units: list[Unit], services: list[ServiceType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units = {u.pk: u for u in units}
        self._services = {s.pk: s for s in services}
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        self.fields["service"].choices = [("", "Semua layanan"), *[(s.pk, s.name) for s in services]]  # type: ignore[attr-defined]
        year = timezone.localdate().year
        self.initial.setdefault("period_start", dt.date(year, 1, 1))
        self.initial.setdefault("period_end", dt.date(year, 12, 31))
        if len(units) == 1:
            self.initial.setdefault("unit", units[0].pk)
        bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("period_start", "period_end"):
            day = data.get(name)
            if day is not None and not 2000 <= day.year <= 2100:
                self.add_error(name, "Tahun antara 2000 dan 2100.")
        return data

    def unit_instance(self) -> Unit:
        return self._units[self.cleaned_data["unit"]]

    def service_instance(self) -> ServiceType | None:
        pk = self.cleaned_data.get("service")
        return self._services.get(pk) if pk else None


class FollowUpForm(forms.Form):
    unsur = forms.TypedChoiceField(label="Unsur", coerce=int, choices=[(u.number, f"{u.code} {u.name}") for u in UNSUR])
    action = forms.CharField(
        label="Tindakan",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Jelaskan tindakan yang akan dilakukan."},
    )
    owner = forms.TypedChoiceField(
        label="Penanggung jawab", coerce=int, error_messages={"invalid_choice": "Pilih pegawai unit ini."}
    )
    due_date = forms.DateField(
        label="Batas waktu",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**DATE, "required": "Tuliskan batas waktunya."},
    )

    def __init__(self, *args: Any, staff: list[Employee], weakest: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._staff = {e.pk: e for e in staff}
        self.fields["owner"].choices = [("", "—"), *[(e.pk, e.full_name) for e in staff]]  # type: ignore[attr-defined]
        if weakest:
            self.initial.setdefault("unsur", weakest)
        bootstrap(self)

    def owner_instance(self) -> Employee:
        return self._staff[self.cleaned_data["owner"]]


class KioskForm(forms.Form):
    name = forms.CharField(label="Nama kios", max_length=80, error_messages={"required": "Beri nama kios."})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("name", "Loket pelayanan")
        bootstrap(self)
