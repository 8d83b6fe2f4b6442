"""Forms for meetings, attendance, minutes, action items and evaluation visits."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from pamong.core.errors import DomainError
from pamong.core.forms import MultipleFileField, MultipleFileInput, bootstrap
from pamong.core.uploads import CleanFile, clean_upload
from pamong.meetings import rules
from pamong.meetings.models import Attendance, Invitee, MeetingKind, Theme
from pamong.meetings.services import FindingDraft, MeetingDraft, VisitDraft
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region

REQUIRED = {"required": "Wajib diisi."}
DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


def _date_field(label: str, **kw: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": "Tanggal tidak valid (hh/bb/tttt)."},
        **kw,
    )


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**REQUIRED, "invalid": "Jam tidak valid (jj:mm)."},
    )


class EmployeeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        position = f"{obj.position.title}, " if obj.position_id else ""
        return f"{obj.full_name} — {position}{obj.unit.name}"


class EmployeeMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return EmployeeChoice.label_from_instance(self, obj)  # type: ignore[arg-type]


class PositionMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} — {obj.unit.name}"


def employees_for(user: Any) -> Any:
    return (
        Employee.objects.visible_to(user)
        .active()
        .select_related("position", "unit")
        .order_by("unit__region_id", "name")
    )


def lines_to_pairs(text: str) -> list[tuple[str, str]]:
    """'Nama — Instansi' (or 'Nama; Instansi', 'Nama, Instansi') one per line."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in (" — ", " - ", ";", ","):
            if sep in line:
                name, _s, rest = line.partition(sep)
                out.append((name.strip(), rest.strip()))
                break
        else:
            out.append((line, ""))
    return out


class MeetingForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{8,40}$", max_length=40, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label="Unit penyelenggara", queryset=Unit.objects.none(), error_messages=REQUIRED)
    kind = forms.ChoiceField(label="Jenis rapat", choices=MeetingKind.choices, error_messages=REQUIRED)
    title = forms.CharField(label="Judul", max_length=200, error_messages=REQUIRED)
    chair = EmployeeChoice(label="Pimpinan rapat", queryset=Employee.objects.none(), error_messages=REQUIRED)
    date = _date_field("Tanggal")
    start_time = _time_field("Jam mulai")
    end_time = _time_field("Jam selesai")
    place = forms.CharField(label="Tempat", max_length=200, error_messages=REQUIRED)
    agenda = forms.CharField(label="Agenda", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    positions = PositionMultiple(
        label="Undang jabatan",
        queryset=Position.objects.none(),
        required=False,
        help_text="Pemegang jabatan yang aktif saat ini ikut diundang. Tahan Ctrl untuk memilih lebih dari satu.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    employees = EmployeeMultiple(
        label="Undang pegawai",
        queryset=Employee.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    guests = forms.CharField(
        label="Tamu dari luar (TNI, Polri, OPD, tokoh masyarakat)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu per baris: Nama — Instansi/jabatan, mis. Serka Budi — Babinsa Koramil Padang Selatan.",
    )

    def __init__(self, *args: Any, user: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        units = rules.organisable_units(user).select_related("region").order_by("region_id", "kind")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        employees = employees_for(user)
        self.fields["chair"].queryset = employees  # type: ignore[attr-defined]
        self.fields["employees"].queryset = employees  # type: ignore[attr-defined]
        self.fields["positions"].queryset = (  # type: ignore[attr-defined]
            Position.objects.visible_to(user).select_related("unit").order_by("unit__region_id", "order", "id")
        )
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            employee = getattr(user, "employee", None)
            if employee is not None:
                self.initial.setdefault("chair", employee.pk)
                self.initial.setdefault("unit", employee.unit_id)
        bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_time") and data.get("end_time") and data["end_time"] < data["start_time"]:
            self.add_error("end_time", "Jam selesai tidak boleh sebelum jam mulai.")
        return data

    def draft(self) -> MeetingDraft:
        d = self.cleaned_data
        unit: Unit = d["unit"]
        zone = zoneinfo.ZoneInfo(unit.region.timezone)
        return MeetingDraft(
            unit=unit,
            kind=d["kind"],
            title=d["title"],
            chair=d["chair"],
            starts_at=dt.datetime.combine(d["date"], d["start_time"], tzinfo=zone),
            ends_at=dt.datetime.combine(d["date"], d["end_time"], tzinfo=zone),
            place=d["place"],
            agenda=d["agenda"],
            employees=list(d["employees"]),
            positions=list(d["positions"]),
            guests=lines_to_pairs(d["guests"]),
            token=d["token"],
        )


class InviteForm(forms.Form):
    positions = PositionMultiple(
        label="Undang jabatan",
        queryset=Position.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    employees = EmployeeMultiple(
        label="Undang pegawai",
        queryset=Employee.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, user: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["employees"].queryset = employees_for(user)  # type: ignore[attr-defined]
        self.fields["positions"].queryset = (  # type: ignore[attr-defined]
            Position.objects.visible_to(user).select_related("unit").order_by("unit__region_id", "order", "id")
        )
        bootstrap(self)


class StepForm(forms.Form):
    """A step of a status machine as a page posts it: the status the user saw, the one chosen, and the note."""

    from_status = forms.CharField(required=False, max_length=20)
    to_status = forms.CharField(max_length=20)
    note = forms.CharField(required=False, max_length=2000)


class AttendanceSheet(forms.Form):
    """One row per invitee: attendance and a note. Field names carry the invitee id."""

    def __init__(self, *args: Any, invitees: list[Invitee], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.invitees = invitees
        choices = [("", "— belum dicatat —"), *Attendance.choices]
        for inv in invitees:
            self.fields[f"att_{inv.pk}"] = forms.ChoiceField(
                label=inv.employee.full_name, choices=choices, required=False, initial=inv.attendance
            )
            self.fields[f"note_{inv.pk}"] = forms.CharField(
                label="Keterangan", required=False, max_length=200, initial=inv.note
            )
        bootstrap(self)

    def rows(self) -> list[tuple[Invitee, Any, Any]]:
        return [(inv, self[f"att_{inv.pk}"], self[f"note_{inv.pk}"]) for inv in self.invitees]

    def marks(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {inv.pk: (d[f"att_{inv.pk}"], d[f"note_{inv.pk}"]) for inv in self.invitees}


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label="Notulen",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14, "data-richtext": "1"}),
        help_text="Tanpa bilah alat: pisahkan paragraf dengan baris kosong. Tag selain huruf tebal, miring, daftar, "
        "subjudul dan tautan dibuang.",
    )
    decisions = forms.CharField(
        label="Keputusan rapat",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Satu keputusan per baris.",
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        bootstrap(self)

    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()]


class ActionItemForm(forms.Form):
    title = forms.CharField(label="Tindak lanjut", max_length=300, error_messages=REQUIRED)
    owner = EmployeeChoice(label="Penanggung jawab", queryset=Employee.objects.none(), error_messages=REQUIRED)
    deadline = _date_field("Batas waktu")

    def __init__(self, *args: Any, owners: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        bootstrap(self)


def _clean_photos(files: list[UploadedFile], field: str) -> list[CleanFile]:
    return [clean_upload(f, field=field) for f in files]


FINDING_SLOTS = 3


class VisitForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{8,40}$", max_length=40, widget=forms.HiddenInput)
    region = forms.ModelChoiceField(
        label="Wilayah yang dikunjungi", queryset=Region.objects.none(), error_messages=REQUIRED
    )
    visited_on = _date_field("Tanggal kunjungan")
    title = forms.CharField(label="Judul", max_length=200, error_messages=REQUIRED)
    led_by = EmployeeChoice(label="Dipimpin oleh", queryset=Employee.objects.none(), required=False)
    summary = forms.CharField(
        label="Ringkasan", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    employees = EmployeeMultiple(
        label="Pegawai yang ikut / ditemui",
        queryset=Employee.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    others = forms.CharField(
        label="Peserta lain",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu per baris: Nama — Jabatan/instansi.",
    )

    def __init__(self, *args: Any, user: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["region"].queryset = (  # type: ignore[attr-defined]
            Region.objects.visible_to(user).filter(level__in=(3, 4)).order_by("code")
        )
        self.fields["region"].label_from_instance = lambda r: f"{'— ' if r.level == 4 else ''}{r.name} ({r.code})"  # type: ignore[attr-defined]
        employees = employees_for(user)
        self.fields["led_by"].queryset = employees  # type: ignore[attr-defined]
        self.fields["employees"].queryset = employees  # type: ignore[attr-defined]
        for i in range(1, FINDING_SLOTS + 1):
            self.fields[f"theme_{i}"] = forms.ChoiceField(
                label=f"Tema temuan {i}", choices=[("", "—"), *Theme.choices], required=False
            )
            self.fields[f"text_{i}"] = forms.CharField(
                label=f"Temuan {i}", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"photos_{i}"] = MultipleFileField(
                label=f"Foto temuan {i}",
                required=False,
                widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
            )
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
            employee = getattr(user, "employee", None)
            if employee is not None:
                self.initial.setdefault("led_by", employee.pk)
        bootstrap(self)

    def finding_slots(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"theme_{i}"], self[f"text_{i}"], self[f"photos_{i}"]) for i in range(1, FINDING_SLOTS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, FINDING_SLOTS + 1):
            theme, text = data.get(f"theme_{i}"), (data.get(f"text_{i}") or "").strip()
            if text and not theme:
                self.add_error(f"theme_{i}", "Pilih tema temuan ini.")
            if theme and not text:
                self.add_error(f"text_{i}", "Tuliskan temuannya.")
        return data

    def draft(self) -> VisitDraft:
        d = self.cleaned_data
        findings = []
        for i in range(1, FINDING_SLOTS + 1):
            if d.get(f"theme_{i}") and d.get(f"text_{i}", "").strip():
                try:
                    photos = _clean_photos(d.get(f"photos_{i}") or [], f"photos_{i}")
                except DomainError:
                    raise
                findings.append(FindingDraft(theme=d[f"theme_{i}"], text=d[f"text_{i}"], photos=photos))
        return VisitDraft(
            region=d["region"],
            visited_on=d["visited_on"],
            title=d["title"],
            summary=d["summary"],
            led_by=d["led_by"],
            employees=list(d["employees"]),
            others=lines_to_pairs(d["others"]),
            findings=findings,
            token=d["token"],
        )


class FindingForm(forms.Form):
    theme = forms.ChoiceField(label="Tema", choices=Theme.choices, error_messages=REQUIRED)
    text = forms.CharField(
        label="Temuan", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    photos = MultipleFileField(
        label="Foto", required=False, widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"})
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        bootstrap(self)

    def draft(self) -> FindingDraft:
        d = self.cleaned_data
        return FindingDraft(theme=d["theme"], text=d["text"], photos=_clean_photos(d["photos"] or [], "photos"))
