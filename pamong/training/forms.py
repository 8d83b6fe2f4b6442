"""Forms of training: planning an event, a status change, adding participants, and the attendance/score sheet."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from pamong.core.errors import DomainError
from pamong.core.forms import bootstrap
from pamong.organization.models import Employee, Position, Unit
from pamong.training.models import AbsenceReason, Attendance, Kind, Participant
from pamong.training.services import Entry, EventData, check_entry

DATE = {"invalid": "Tanggal tidak valid.", "required": "Isi tanggal."}


def parse_score(raw: str) -> Decimal | None:
    """A score as people type it: 87, 87,5 or 87.5. Blank is no score. Raises ValueError with the message."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,3}([.,][0-9]+)?", raw):
        raise ValueError("Nilai harus berupa angka, mis. 87,5.")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError("Nilai harus berupa angka, mis. 87,5.") from None
    if not Decimal(0) <= value <= Decimal(100):
        raise ValueError("Nilai harus antara 0 dan 100.")
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError("Nilai paling banyak dua angka di belakang koma.")
    return value


def score_text(value: Decimal | None) -> str:
    """87,50 → 87,5; 90,00 → 90 (how the sheet shows a stored score)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


class ScoreField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 8)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 5}))
        super().__init__(**kwargs)
        self.error_messages["max_length"] = "Nilai harus antara 0 dan 100."

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        try:
            return parse_score(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class EventForm(forms.Form):
    unit = forms.TypedChoiceField(label="Penyelenggara", coerce=int, error_messages={"invalid_choice": "Pilih unit."})
    title = forms.CharField(
        label="Judul kegiatan", max_length=200, error_messages={"required": "Tuliskan judul kegiatan."}
    )
    kind = forms.ChoiceField(label="Jenis", choices=Kind.choices, error_messages={"required": "Pilih jenis kegiatan."})
    start_date = forms.DateField(
        label="Tanggal mulai", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE
    )
    end_date = forms.DateField(
        label="Tanggal selesai", widget=forms.DateInput(attrs={"type": "date"}), error_messages=DATE
    )
    place = forms.CharField(label="Tempat", max_length=200, error_messages={"required": "Tuliskan tempat kegiatan."})
    hours = forms.IntegerField(
        label="Jumlah JP",
        min_value=1,
        max_value=2000,
        help_text="Jam pelajaran; 1 JP = 45 menit.",
        error_messages={
            "required": "Isi jumlah JP.",
            "invalid": "Tuliskan jumlah JP dengan angka.",
            "min_value": "Jumlah JP paling sedikit 1.",
            "max_value": "Jumlah JP paling banyak 2.000.",
        },
    )
    pass_mark = ScoreField(label="Nilai lulus post-test", help_text="Kosongkan bila kelulusan cukup dengan hadir.")
    topics = forms.CharField(
        label="Materi",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu materi per baris; JP boleh ditulis di belakang garis tegak, mis. “Tata naskah dinas | 4”.",
    )
    trainers = forms.CharField(
        label="Narasumber/fasilitator",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu orang per baris: nama | instansi.",
    )
    description = forms.CharField(
        label="Keterangan", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    host = forms.CharField(
        label="Tuan rumah (studi tiru)",
        required=False,
        max_length=200,
        help_text="Untuk studi tiru: daerah atau instansi yang dikunjungi, mis. “Kabupaten Banyuwangi”.",
    )
    host_region_code = forms.CharField(
        label="Kode wilayah tuan rumah",
        required=False,
        max_length=13,
        help_text="Kode Kemendagri bila diketahui, mis. 35.10.",
    )
    lessons = forms.CharField(
        label="Pelajaran yang dipetik",
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Untuk studi tiru: apa yang dapat diterapkan di kantor sendiri.",
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units = {u.pk: u for u in units}
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]
        if len(units) == 1:
            self.initial.setdefault("unit", units[0].pk)
        bootstrap(self)

    def clean_topics(self) -> tuple[tuple[str, int | None], ...]:
        out: list[tuple[str, int | None]] = []
        for number, line in enumerate(self.cleaned_data["topics"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, hours = (part.strip() for part in line.partition("|"))
            if not title or len(title) > 200:
                raise forms.ValidationError(f"Baris {number}: nama materi 1–200 huruf.")
            if hours and not (hours.isdigit() and 0 < int(hours) <= 500):
                raise forms.ValidationError(f"Baris {number}: JP materi harus angka bulat 1–500.")
            out.append((title, int(hours) if hours else None))
        return tuple(out)

    def clean_trainers(self) -> tuple[tuple[str, str], ...]:
        out: list[tuple[str, str]] = []
        for number, line in enumerate(self.cleaned_data["trainers"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, institution = (part.strip() for part in line.partition("|"))
            if not name or len(name) > 160 or len(institution) > 200:
                raise forms.ValidationError(f"Baris {number}: nama 1–160 huruf, instansi paling panjang 200 huruf.")
            out.append((name, institution))
        return tuple(out)

    def unit_instance(self) -> Unit:
        return self._units[self.cleaned_data["unit"]]

    def data_object(self) -> EventData:
        c = self.cleaned_data
        return EventData(
            title=c["title"],
            kind=c["kind"],
            start_date=c["start_date"],
            end_date=c["end_date"],
            place=c["place"],
            hours=c["hours"],
            pass_mark=c["pass_mark"],
            description=c["description"],
            topics=c["topics"],
            trainers=c["trainers"],
            host=c["host"],
            host_region_code=c["host_region_code"],
            lessons=c["lessons"],
        )


class TransitionForm(forms.Form):
    """A step of the event's status as the page posts it: the status the user saw, the one chosen, the note."""

    from_status = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    to_status = forms.CharField(widget=forms.HiddenInput, max_length=20)
    note = forms.CharField(label="Catatan", required=False, max_length=1000)


# Adding participants ------------------------------------------------------------------------------------------

# "All holders of a kind of position": the kind of position in a kind of unit ("" = any unit).
GROUPS: dict[str, tuple[str, str, str]] = {
    "lurah": ("Semua lurah", Position.Kind.KEPALA, Unit.Kind.KANTOR_LURAH),
    "kades": ("Semua kepala desa", Position.Kind.KEPALA, Unit.Kind.KANTOR_DESA),
    "camat": ("Semua camat", Position.Kind.KEPALA, Unit.Kind.KANTOR_CAMAT),
    "sekcam": ("Semua sekretaris camat", Position.Kind.SEKRETARIS, Unit.Kind.KANTOR_CAMAT),
    "seklur": ("Semua sekretaris lurah", Position.Kind.SEKRETARIS, Unit.Kind.KANTOR_LURAH),
    "sekdes": ("Semua sekretaris desa", Position.Kind.SEKRETARIS, Unit.Kind.KANTOR_DESA),
    "kasi": ("Semua kepala seksi/subbagian/urusan", Position.Kind.KEPALA_SEKSI, ""),
    "kadus": ("Semua kepala dusun", Position.Kind.KEPALA_DUSUN, Unit.Kind.KANTOR_DESA),
    "staf": ("Semua staf pelaksana", Position.Kind.STAF, ""),
}


class AddEmployeeForm(forms.Form):
    employee = forms.TypedChoiceField(
        label="Pegawai",
        coerce=int,
        error_messages={"required": "Pilih pegawai.", "invalid_choice": "Pilih pegawai dari daftar."},
    )

    def __init__(self, *args: Any, employees: list[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[int, str]]] = {}
        for e in employees:
            label = f"{e.full_name} — {e.position.title if e.position else 'tanpa jabatan'}"
            groups.setdefault(e.unit.name, []).append((e.pk, label))
        self.fields["employee"].choices = [("", "— pilih pegawai —"), *groups.items()]  # type: ignore[attr-defined]
        bootstrap(self)


class AddUnitForm(forms.Form):
    unit = forms.TypedChoiceField(
        label="Semua pegawai aktif unit",
        coerce=int,
        error_messages={"required": "Pilih unit.", "invalid_choice": "Pilih unit dari daftar."},
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— pilih unit —"), *((u.pk, u.name) for u in units)]  # type: ignore[attr-defined]
        bootstrap(self)


class AddGroupForm(forms.Form):
    group = forms.ChoiceField(
        label="Semua pemegang jabatan",
        choices=[("", "— pilih jabatan —"), *((k, v[0]) for k, v in GROUPS.items())],
        error_messages={"required": "Pilih jabatan.", "invalid_choice": "Pilih jabatan dari daftar."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


# The sheet ----------------------------------------------------------------------------------------------------


_ROW = ("attendance", "absence_reason", "pre_score", "post_score")


class SheetForm(forms.Form):
    """One row per participant: attendance, reason when absent, pre-test and post-test. Field names carry the
    participant's id (``p12-attendance``) so that the rows stay matched whatever the order."""

    def __init__(self, *args: Any, participants: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        for p in participants:
            prefix = f"p{p.pk}-"
            self.fields[prefix + "attendance"] = forms.ChoiceField(
                label="Kehadiran",
                required=False,
                choices=[("", "—"), *Attendance.choices],
                error_messages={"invalid_choice": "Pilih hadir atau tidak hadir."},
            )
            self.fields[prefix + "absence_reason"] = forms.ChoiceField(
                label="Alasan",
                required=False,
                choices=[("", "—"), *AbsenceReason.choices],
                error_messages={"invalid_choice": "Pilih alasan dari daftar."},
            )
            self.fields[prefix + "pre_score"] = ScoreField(label="Pre-test")
            self.fields[prefix + "post_score"] = ScoreField(label="Post-test")
            if not self.is_bound:
                self.initial.update(
                    {
                        prefix + "attendance": p.attendance,
                        prefix + "absence_reason": p.absence_reason,
                        prefix + "pre_score": score_text(p.pre_score),
                        prefix + "post_score": score_text(p.post_score),
                    }
                )
        bootstrap(self)
        for name, f in self.fields.items():
            f.widget.attrs["class"] += " form-control-sm" if "score" in name else " form-select-sm"
            f.widget.attrs["aria-label"] = f.label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for p in self.participants:  # the rules across a row, for every row whose own fields are valid
            names = [f"p{p.pk}-{f}" for f in _ROW]
            if all(n in cleaned for n in names):
                try:
                    check_entry(Entry(*(cleaned[n] for n in names)), prefix=f"p{p.pk}-")
                except DomainError as exc:
                    exc.attach_to(self)
        return cleaned

    def error_count(self) -> int:
        return sum(1 for p in self.participants if any(self[f"p{p.pk}-{f}"].errors for f in _ROW))

    def rows(self) -> list[tuple[Participant, list[forms.BoundField]]]:
        return [(p, [self[f"p{p.pk}-{f}"] for f in _ROW]) for p in self.participants]

    def entries(self) -> dict[int, Entry]:
        c = self.cleaned_data
        return {
            p.pk: Entry(
                attendance=c[f"p{p.pk}-attendance"],
                absence_reason=c[f"p{p.pk}-absence_reason"],
                pre_score=c[f"p{p.pk}-pre_score"],
                post_score=c[f"p{p.pk}-post_score"],
            )
            for p in self.participants
        }
