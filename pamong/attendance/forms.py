"""Forms of the attendance pages. Labels and messages in Bahasa Indonesia; the rules live in services."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django import forms

from pamong.attendance.models import Attendance, Status
from pamong.attendance.services import SELF_REPORTED, Entry, Hours
from pamong.core import geo
from pamong.core.errors import DomainError
from pamong.core.forms import bootstrap
from pamong.core.uploads import clean_upload
from pamong.organization.models import Employee

REQUIRED = {"required": "Wajib diisi."}
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]


def _time(label: str, *, required: bool = False) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**REQUIRED, "invalid": "Jam tidak valid; tulis seperti 07.30."},
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": "Tanggal tidak valid; tulis seperti 25-11-2026."},
    )


def _coordinate(bounds: tuple[Decimal, Decimal]) -> forms.DecimalField:
    outside = "Lokasi di luar wilayah Indonesia."
    return forms.DecimalField(
        required=False,
        min_value=bounds[0],
        max_value=bounds[1],
        max_digits=12,
        decimal_places=9,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Lokasi tidak valid.", "min_value": outside, "max_value": outside},
    )


def new_token() -> str:
    return uuid.uuid4().hex


class CheckForm(forms.Form):
    """Absen masuk / pulang: the optional location a small script fills from the browser."""

    lat = _coordinate(geo.LATITUDE)
    lon = _coordinate(geo.LONGITUDE)

    def coordinates(self) -> tuple[Decimal | None, Decimal | None]:
        lat, lon = self.cleaned_data.get("lat"), self.cleaned_data.get("lon")
        if lat is None or lon is None:
            return None, None
        return lat, lon


STATUS_CHOICES = [("", "— pilih —"), *Status.choices]


class _EntryFields(forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=STATUS_CHOICES, error_messages={**REQUIRED, "invalid_choice": "Pilih status kehadiran."}
    )
    check_in = _time("Jam masuk")
    check_out = _time("Jam pulang")
    note = forms.CharField(
        label="Keterangan",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keterangan paling panjang 1.000 karakter."},
    )
    document = forms.FileField(
        label="Surat keterangan (PDF/JPEG/PNG)",
        required=False,
        help_text="Mis. surat keterangan dokter untuk sakit.",
        error_messages={"invalid": "Berkas tidak dapat dibaca.", "empty": "Berkas kosong."},
    )

    def entry(self) -> Entry:
        data = self.cleaned_data
        document = None
        if data.get("document"):
            document = clean_upload(data["document"], field="document")
        return Entry(
            status=data["status"],
            check_in=data.get("check_in"),
            check_out=data.get("check_out"),
            note=data.get("note") or "",
            document=document,
        )


class RecordForm(_EntryFields):
    """One day of one employee: the unit's kepala/sekretaris for anyone in the unit, an employee for themself."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    employee = forms.TypedChoiceField(
        label="Pegawai", coerce=int, error_messages={**REQUIRED, "invalid_choice": "Pilih pegawai."}
    )
    date = _date("Tanggal")
    field_order = ["token", "employee", "date", "status", "check_in", "check_out", "note", "document"]

    def __init__(self, *args: Any, employees: list[Employee], self_only: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employees = {e.pk: e for e in employees}
        self.fields["employee"].choices = [(e.pk, e.full_name) for e in employees]  # type: ignore[attr-defined]
        if self_only:
            self.fields["status"].choices = [("", "— pilih —")] + [  # type: ignore[attr-defined]
                (v, label) for v, label in Status.choices if v in SELF_REPORTED
            ]
            del self.fields["check_in"], self.fields["check_out"]
        bootstrap(self)

    def employee_instance(self) -> Employee:
        return self.employees[self.cleaned_data["employee"]]


class CorrectionForm(_EntryFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Alasan koreksi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={**REQUIRED, "max_length": "Alasan paling panjang 1.000 karakter."},
    )

    def __init__(self, *args: Any, attendance: Attendance, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "version": attendance.version,
                "status": attendance.status,
                "check_in": attendance.check_in,
                "check_out": attendance.check_out,
                "note": attendance.note,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["document"].label = "Ganti/unggah surat keterangan"
        bootstrap(self)


class DaySheetForm(forms.Form):
    """All active employees of a unit on one day, one row each; rows left blank are not recorded, rows already
    recorded are shown, not edited (a correction needs a reason)."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        employees: list[Employee],
        recorded: dict[int, Attendance],
        prefill: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.employees = employees
        self.recorded = recorded
        for e in employees:
            if e.pk in recorded:
                continue
            p = f"e{e.pk}_"
            self.fields[p + "status"] = forms.ChoiceField(
                label="Status",
                required=False,
                choices=[("", "—"), *Status.choices],
                initial=prefill if prefill in Status.values else "",
                error_messages={"invalid_choice": "Pilih status kehadiran."},
            )
            self.fields[p + "check_in"] = _time("Masuk")
            self.fields[p + "check_out"] = _time("Pulang")
            self.fields[p + "note"] = forms.CharField(
                label="Keterangan",
                required=False,
                max_length=1000,
                error_messages={"max_length": "Keterangan paling panjang 1.000 karakter."},
            )
        bootstrap(self)
        for name, f in self.fields.items():
            if name != "token":
                f.widget.attrs["class"] += " form-control-sm" if "status" not in name else " form-select-sm"

    def rows(self) -> list[dict[str, Any]]:
        """What the template draws: each employee with their record, or the fields of their row."""
        out = []
        for e in self.employees:
            p = f"e{e.pk}_"
            record = self.recorded.get(e.pk)
            out.append(
                {
                    "employee": e,
                    "record": record,
                    "fields": None if record else [self[p + n] for n in ("status", "check_in", "check_out", "note")],
                }
            )
        return out

    def entries(self) -> dict[int, Entry]:
        out = {}
        for e in self.employees:
            p = f"e{e.pk}_"
            status = self.cleaned_data.get(p + "status")
            if not status:
                if self.cleaned_data.get(p + "check_in") or self.cleaned_data.get(p + "check_out"):
                    self.add_error(p + "status", "Pilih status untuk baris yang diisi jamnya.")
                continue
            out[e.pk] = Entry(
                status=status,
                check_in=self.cleaned_data.get(p + "check_in"),
                check_out=self.cleaned_data.get(p + "check_out"),
                note=self.cleaned_data.get(p + "note") or "",
                prefix=p,
            )
        return out


class ScheduleForm(forms.Form):
    weekday_start = _time("Masuk Senin–Kamis", required=True)
    weekday_end = _time("Pulang Senin–Kamis", required=True)
    friday_start = _time("Masuk Jumat", required=True)
    friday_end = _time("Pulang Jumat", required=True)
    tolerance_minutes = forms.IntegerField(
        label="Toleransi terlambat (menit)",
        min_value=0,
        max_value=120,
        error_messages={
            **REQUIRED,
            "invalid": "Tulis angka menit.",
            "min_value": "Toleransi antara 0 dan 120 menit.",
            "max_value": "Toleransi antara 0 dan 120 menit.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def hours(self) -> Hours:
        return Hours(**self.cleaned_data)


def parse_month(raw: str, today: dt.date) -> tuple[int, int]:
    """``2026-11`` from a URL, or this month. A month after this one is refused."""
    try:
        year, month = (int(x) for x in raw.split("-", 1))
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise ValueError
    except (ValueError, AttributeError):
        return today.year, today.month
    if (year, month) > (today.year, today.month):
        raise DomainError("Rekap bulan yang belum tiba tidak dapat dibuat.", field="bulan")
    return year, month


def parse_day(raw: str, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        raise DomainError("Tanggal tidak valid.", field="tanggal") from None
