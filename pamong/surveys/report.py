"""The SKM report in the usual format: a PDF (WeasyPrint, SVG charts) and an XLSX with the tabulation per
respondent and per unsur."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from pamong.core.xlsx import Sheet, build_sheets
from pamong.organization.models import Employee, Position
from pamong.regions.models import Region
from pamong.servicerequests.letters import kop_lines
from pamong.surveys import charts
from pamong.surveys.ikm import BANDS, Result
from pamong.surveys.models import Channel, Education, FollowUp, Occupation, Survey, SurveyResponse
from pamong.surveys.selectors import (
    Profile,
    Sample,
    Slice,
    channel_counts,
    follow_ups,
    respondent_profile,
    results_by_month,
    results_by_service,
    sample_of,
    suggestions,
    survey_result,
    unit_history,
)
from pamong.surveys.unsur import FIELDS, UNSUR


@dataclass
class Report:
    survey: Survey
    result: Result
    sample: Sample
    profile: Profile
    by_service: list[Slice]
    months: list[tuple[str, Decimal | None]]
    history: list[tuple[str, Decimal | None]]
    follow_ups: list[FollowUp]
    channels: list[tuple[str, int]]

    @property
    def profile_groups(self) -> list[tuple[str, list[tuple[str, int]]]]:
        p = self.profile
        return [("Jenis kelamin", p.gender), ("Umur", p.age), ("Pendidikan", p.education), ("Pekerjaan", p.occupation)]

    def charts(self) -> dict[str, str]:
        out = {"unsur": charts.unsur_chart(self.result)} if self.result.respondents else {}
        if len(self.months) > 1:
            out["months"] = charts.trend_chart(self.months, "IKM unit per bulan")
        if len(self.history) > 1:
            out["history"] = charts.trend_chart(self.history, "IKM unit per periode survei", bars=True)
        return out


def report_of(survey: Survey) -> Report:
    result = survey_result(survey)
    return Report(
        survey=survey,
        result=result,
        sample=sample_of(survey, result.respondents),
        profile=respondent_profile(survey),
        by_service=results_by_service(survey) if survey.service_id is None else [],
        months=[(charts.month_label(day), r.ikm_unit) for day, r in results_by_month(survey)],
        history=[(s.period_label, r.ikm_unit) for s, r in unit_history(survey)],
        follow_ups=list(follow_ups(survey)),
        channels=channel_counts(survey),
    )


def _num(value: Any, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _head_of(survey: Survey) -> Employee | None:
    return (
        Employee.objects.filter(unit_id=survey.unit_id, position__kind=Position.Kind.KEPALA, active=True)
        .select_related("position")
        .first()
    )


def report_pdf(survey: Survey) -> bytes:
    from weasyprint import HTML

    report = report_of(survey)
    unit = survey.unit
    kabkota = Region.objects.filter(code=unit.region_id[:5]).values_list("name", flat=True).first() or ""
    html = render_to_string(
        "surveys/report_pdf.html",
        {
            "report": report,
            "survey": survey,
            "result": report.result,
            "charts": report.charts(),
            "kop": kop_lines(unit),
            "bands": BANDS,
            "head": _head_of(survey),
            "place": re.sub(r"^(Kota|Kabupaten)\s+", "", kabkota),
            "today": date_format(timezone.localtime(timezone.now(), _zone(survey)).date(), "j F Y"),
            "suggestions": suggestions(survey, limit=40),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def report_xlsx(survey: Survey) -> bytes:
    report = report_of(survey)
    result = report.result
    title = f"SKM {survey.unit.name} {survey.period_label}"
    recap_rows = [
        [
            u.unsur.code,
            u.unsur.name,
            u.total,
            u.answered,
            _round(u.nrr, 4),
            _round(u.weighted, 4),
            _round(u.weighted_regulation, 4),
            _round(u.converted, 2),
            u.band.mutu if u.band else "",
        ]
        for u in result.unsur
    ]
    band = result.band
    recap_footer: list[list[Any]] = [
        [],
        ["", "Jumlah responden", result.respondents],
        ["", "IKM (Σ NRR × 1/9)", _round(result.ikm, 4)],
        ["", "IKM unit pelayanan (IKM × 25)", _round(result.ikm_unit, 2)],
        ["", "IKM dengan bobot 0,111 (× 25)", _round(result.ikm_unit_regulation, 2)],
        ["", "Mutu pelayanan", band.mutu if band else ""],
        ["", "Kinerja unit pelayanan", band.kinerja if band else ""],
        ["", "Populasi", report.sample.population if report.sample.known else "belum diketahui"],
        ["", "Sampel minimum (Krejcie & Morgan)", report.sample.minimum if report.sample.known else "—"],
    ]
    channels = dict(Channel.choices)
    educations = dict(Education.choices)
    occupations = dict(Occupation.choices)
    services = dict(
        SurveyResponse.objects.filter(survey=survey)
        .exclude(service__isnull=True)
        .values_list("service_id", "service__name")
        .distinct()
    )
    zone = _zone(survey)
    columns = ["submitted_at", "channel", "service_id", "paper_number", "gender", "age", "education", "occupation"]

    def tabulation() -> Any:
        rows = (
            SurveyResponse.objects.filter(survey=survey)
            .order_by("submitted_at", "id")
            .values_list(*columns, *FIELDS, "suggestion")
        )
        for number, row in enumerate(rows.iterator(chunk_size=2000), start=1):
            at, channel, service_id, paper, gender, age, education, occupation = row[:8]
            yield [
                number,
                timezone.localtime(at, zone).strftime("%d-%m-%Y"),
                str(channels.get(channel, channel)),
                services.get(service_id, ""),
                paper,
                {"L": "Laki-laki", "P": "Perempuan"}.get(gender, ""),
                age,
                str(educations.get(education, "")),
                str(occupations.get(occupation, "")),
                *row[8:17],
                row[17],
            ]

    unsur_codes = [u.code for u in UNSUR]
    blank = [""] * 7
    tab_footer: list[list[Any]] = [
        ["", "Jumlah nilai per unsur", *blank, *[u.total for u in result.unsur]],
        ["", "Jumlah responden yang menjawab", *blank, *[u.answered for u in result.unsur]],
        ["", "NRR per unsur", *blank, *[_round(u.nrr, 4) for u in result.unsur]],
        ["", "NRR tertimbang (× 1/9)", *blank, *[_round(u.weighted, 4) for u in result.unsur]],
    ]
    profile_rows = [[group, label, count] for group, items in report.profile_groups for label, count in items]
    follow_up_rows = [
        [f"U{f.unsur}", f.action, f.owner.full_name, f.due_date.strftime("%d-%m-%Y"), f.get_status_display()]
        for f in report.follow_ups
    ]
    subtitle = f"{survey.unit.name} · {survey.period_label}" + (f" · {survey.service.name}" if survey.service else "")
    return build_sheets(
        [
            Sheet(
                "Rekap per unsur",
                ["Kode", "Unsur", "Jumlah nilai", "Menjawab", "NRR", "NRR × 1/9", "NRR × 0,111", "Konversi", "Mutu"],
                recap_rows,
                subtitle=title,
                footer=recap_footer,
            ),
            Sheet(
                "Tabulasi responden",
                [
                    "No",
                    "Tanggal",
                    "Saluran",
                    "Layanan",
                    "No. kuesioner",
                    "Jenis kelamin",
                    "Umur",
                    "Pendidikan",
                    "Pekerjaan",
                    *unsur_codes,
                    "Saran",
                ],
                tabulation(),
                subtitle=subtitle,
                text_columns=(4,),
                footer=tab_footer,
            ),
            Sheet("Profil responden", ["Kelompok", "Kategori", "Jumlah"], profile_rows, subtitle=subtitle),
            Sheet(
                "Rencana tindak lanjut",
                ["Unsur", "Tindakan", "Penanggung jawab", "Batas waktu", "Status"],
                follow_up_rows,
                subtitle=subtitle,
            ),
        ]
    )


def _zone(survey: Survey) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(survey.unit.region.timezone)


def _round(value: Decimal | None, places: int) -> float | None:
    return None if value is None else float(round(value, places))
