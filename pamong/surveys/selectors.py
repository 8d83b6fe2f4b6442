"""Reads for the SKM. Every figure is summed in the database (one aggregate per table or chart); Python only
divides the nine totals it gets back."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.core.cache import caches
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.urls import reverse

from pamong.catalog.models import ServiceType
from pamong.core import fragments, versions
from pamong.core.formats import ribuan
from pamong.servicerequests.models import ServiceRequest
from pamong.surveys.ikm import Result, minimum_sample, result_from_totals
from pamong.surveys.models import Channel, Education, FollowUp, Occupation, Survey, SurveyResponse
from pamong.surveys.unsur import UNSUR


def totals() -> dict[str, Any]:
    """The aggregate expressions of one result: respondents, and per unsur its sum and how many answered it."""
    expressions: dict[str, Any] = {"respondents": Count("id")}
    for u in UNSUR:
        expressions[f"s{u.number}"] = Sum(u.field)
        expressions[f"n{u.number}"] = Count(u.field)
    return expressions


def result_of(responses: QuerySet[SurveyResponse]) -> Result:
    return result_from_totals(responses.order_by().aggregate(**totals()))


def survey_result(survey: Survey) -> Result:
    return result_of(SurveyResponse.objects.filter(survey=survey))


def results_by_survey(surveys: Iterable[Survey]) -> dict[int, Result]:
    """The result of many surveys in one grouped query."""
    ids = [s.pk for s in surveys]
    rows = SurveyResponse.objects.filter(survey_id__in=ids).order_by().values("survey_id").annotate(**totals())
    found = {row["survey_id"]: result_from_totals(row) for row in rows}
    empty = result_from_totals({})
    return {pk: found.get(pk, empty) for pk in ids}


@dataclass
class Slice:
    label: str
    result: Result


def results_by_service(survey: Survey) -> list[Slice]:
    grouped = SurveyResponse.objects.filter(survey=survey).order_by().values("service_id").annotate(**totals())
    rows: list[dict[str, Any]] = sorted((dict(r) for r in grouped), key=lambda r: -r["respondents"])
    names = dict(ServiceType.objects.filter(pk__in=[r["service_id"] for r in rows]).values_list("pk", "name"))
    return [Slice(names.get(r["service_id"], "Tidak menyebut layanan"), result_from_totals(r)) for r in rows]


def results_by_month(survey: Survey) -> list[tuple[dt.date, Result]]:
    """The trend inside a survey's period, month by month in the unit's time zone."""
    zone = zoneinfo.ZoneInfo(survey.unit.region.timezone)
    rows = (
        SurveyResponse.objects.filter(survey=survey)
        .order_by()
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("month")
        .annotate(**totals())
        .order_by("month")
    )
    out = []
    for r in rows:
        month = r["month"]
        out.append((month.date() if isinstance(month, dt.datetime) else month, result_from_totals(r)))
    return out


def unit_history(survey: Survey) -> list[tuple[Survey, Result]]:
    """Every survey of the same unit and service, oldest first, with its result: the trend across periods."""
    surveys = list(Survey.objects.filter(unit_id=survey.unit_id, service_id=survey.service_id).order_by("period_start"))
    results = results_by_survey(surveys)
    return [(s, results[s.pk]) for s in surveys]


AGE_BANDS = (("< 25 tahun", 0, 24), ("25–34 tahun", 25, 34), ("35–44 tahun", 35, 44), ("45–54 tahun", 45, 54))


@dataclass
class Profile:
    gender: list[tuple[str, int]]
    age: list[tuple[str, int]]
    education: list[tuple[str, int]]
    occupation: list[tuple[str, int]]


def respondent_profile(survey: Survey) -> Profile:
    """How many respondents per jenis kelamin, umur, pendidikan and pekerjaan: one query with conditional counts."""
    age_band = Case(
        *[When(age__gte=lo, age__lte=hi, then=Value(i)) for i, (_label, lo, hi) in enumerate(AGE_BANDS)],
        When(age__gte=55, then=Value(len(AGE_BANDS))),
        default=Value(-1),
        output_field=IntegerField(),
    )
    qs = SurveyResponse.objects.filter(survey=survey).order_by()
    counts: dict[str, Any] = {
        "g_l": Count("id", filter=Q(gender="L")),
        "g_p": Count("id", filter=Q(gender="P")),
        "g_x": Count("id", filter=Q(gender="")),
    }
    for value, _label in Education.choices:
        counts[f"e_{value}"] = Count("id", filter=Q(education=value))
    counts["e_x"] = Count("id", filter=Q(education=""))
    for value, _label in Occupation.choices:
        counts[f"o_{value}"] = Count("id", filter=Q(occupation=value))
    counts["o_x"] = Count("id", filter=Q(occupation=""))
    for i in range(-1, len(AGE_BANDS) + 1):
        counts[f"a_{i}"] = Count("id", filter=Q(band=i))
    row = qs.annotate(band=age_band).aggregate(**counts)
    age_labels = [label for label, _lo, _hi in AGE_BANDS] + ["55 tahun ke atas"]
    return Profile(
        gender=[("Laki-laki", row["g_l"]), ("Perempuan", row["g_p"]), ("Tidak diisi", row["g_x"])],
        age=[(label, row[f"a_{i}"]) for i, label in enumerate(age_labels)] + [("Tidak diisi", row["a_-1"])],
        education=[(str(label), row[f"e_{value}"]) for value, label in Education.choices]
        + [("Tidak diisi", row["e_x"])],
        occupation=[(str(label), row[f"o_{value}"]) for value, label in Occupation.choices]
        + [("Tidak diisi", row["o_x"])],
    )


@dataclass
class Sample:
    population: int
    from_requests: bool  # True when the population is the number of requests recorded in Pamong
    minimum: int
    respondents: int

    @property
    def known(self) -> bool:
        """Whether the population can stand: an entered number no smaller than the respondents, or requests
        recorded in Pamong at least as many as the respondents (services handled at the counter without Pamong
        leave fewer requests than people served: then the population must be entered)."""
        return self.population > 0 and self.population >= self.respondents

    @property
    def unknown_reason(self) -> str:
        if self.known:
            return ""
        if not self.from_requests:
            return (
                f"Populasi yang diisi ({ribuan(self.population)}) lebih kecil dari jumlah responden "
                f"({ribuan(self.respondents)}): periksa populasi survei."
            )
        if self.population == 0:
            return (
                "Belum ada permohonan tercatat di Pamong dalam periode ini: isi populasi survei (jumlah penerima "
                "layanan)."
            )
        return (
            f"Hanya {ribuan(self.population)} permohonan tercatat di Pamong dalam periode ini, lebih sedikit dari "
            f"{ribuan(self.respondents)} responden (layanan di loket tidak semuanya tercatat): isi populasi survei "
            "(jumlah penerima layanan) agar sampel minimum dapat dihitung."
        )

    @property
    def enough(self) -> bool:
        return self.known and self.respondents >= self.minimum

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.respondents)


def sample_of(survey: Survey, respondents: int) -> Sample:
    """The survey's population (as entered, or the requests the unit received in the period) and the minimum
    number of respondents it needs."""
    if survey.population:
        population, from_requests = survey.population, False
    else:
        zone = zoneinfo.ZoneInfo(survey.unit.region.timezone)
        start = dt.datetime.combine(survey.period_start, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(survey.period_end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        requests = ServiceRequest.objects.filter(
            kabkota_code=survey.kabkota_code, unit_id=survey.unit_id, submitted_at__gte=start, submitted_at__lt=end
        )
        if survey.service_id:
            requests = requests.filter(service_id=survey.service_id)
        population, from_requests = requests.count(), True
    return Sample(population, from_requests, minimum_sample(population), respondents)


def channel_counts(survey: Survey) -> list[tuple[str, int]]:
    counts = dict(
        SurveyResponse.objects.filter(survey=survey).order_by().values_list("channel").annotate(n=Count("id"))
    )
    return [(str(label), counts.get(value, 0)) for value, label in Channel.choices]


def follow_ups(survey: Survey) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(survey=survey).select_related("owner", "survey").order_by("status", "due_date", "id")


def comparison(*, user: Any, year: int) -> list[tuple[Survey, Result]]:
    """All surveys of all services of the units the user sees whose period starts in ``year``, best IKM first:
    one query for the surveys and one for their results."""
    surveys = list(
        Survey.objects.visible_to(user)
        .filter(period_start__year=year, service__isnull=True)
        .select_related("unit__region")
        .order_by("unit__region_id")
    )
    results = results_by_survey(surveys)
    rows = [(s, results[s.pk]) for s in surveys]
    rows.sort(key=lambda row: (row[1].ikm_unit is None, -(row[1].ikm_unit or 0), row[0].unit.name))
    return rows


def public_surveys(unit_code: str) -> list[tuple[Survey, Result]]:
    surveys = list(
        Survey.objects.published()
        .filter(unit__code=unit_code)
        .select_related("unit__region", "service")
        .order_by("-period_start", "service_id")
    )
    results = results_by_survey(surveys)
    return [(s, results[s.pk]) for s in surveys]


def suggestions(survey: Survey, limit: int = 50) -> list[SurveyResponse]:
    return list(
        SurveyResponse.objects.filter(survey=survey)
        .exclude(suggestion="")
        .only("suggestion", "submitted_at", "channel")
        .order_by("-submitted_at")[:limit]
    )


@dataclass
class Invitation:
    answered: bool
    url: str = ""  # absolute, for messages and the QR code

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def qr(self) -> str:
        """The QR code of the link; the same link always gives the same picture, so it is made once."""
        if not self.url:
            return ""
        key = "skm-qr:" + hashlib.sha256(self.url.encode()).hexdigest()
        found: str | None = caches["local"].get(key)
        if found is None:
            found = segno.make(self.url, error="m").svg_data_uri(scale=3, border=2)
            caches["local"].set(key, found, 60 * 60 * 24 * 31)
        return found


def survey_invitation(service_request: ServiceRequest) -> Invitation | None:
    """What the tracking page of a finished request says about the survey: a link and QR code while it may
    still be answered, thanks once it has been, nothing otherwise."""
    from pamong.core.errors import DomainError
    from pamong.surveys.services import link_survey, request_key

    if service_request.status != "selesai":
        return None
    if SurveyResponse.objects.filter(request_key=request_key(service_request)).exists():
        return Invitation(answered=True)
    try:
        link_survey(service_request=service_request)
    except DomainError:
        return None
    return Invitation(answered=False, url=survey_link(service_request))


def survey_link(service_request: ServiceRequest) -> str:
    from pamong.surveys.services import link_token

    path = reverse("surveys:answer", kwargs={"token": link_token(service_request)})
    return settings.PAMONG_BASE_URL.rstrip("/") + path


def public_results_version() -> str:
    return versions.current("skm-results")


def public_index_rows(kabkota_code: str) -> list[tuple[Survey, Result]]:
    """The latest published survey of all services of every unit, best IKM first. Summed over every answer, so
    kept (``pamong.core.fragments``) until an answer arrives or a result is published or withdrawn ("skm-results"),
    or an office changes (its name is shown)."""
    return fragments.cached(
        "surveys.public_index",
        depends_on=["skm-results", "staff", "region-overview"],
        key=(kabkota_code,),
        daily=True,
        build=lambda: _public_index_rows(kabkota_code),
    )


def _public_index_rows(kabkota_code: str) -> list[tuple[Survey, Result]]:
    surveys = list(
        Survey.objects.published()
        .filter(kabkota_code=kabkota_code, service__isnull=True)
        .select_related("unit__region")
        .order_by("-period_start", "unit__region_id")
    )
    latest: dict[int, Survey] = {}
    for s in surveys:
        latest.setdefault(s.unit_id, s)
    results = results_by_survey(latest.values())
    return sorted(
        ((s, results[s.pk]) for s in latest.values()),
        key=lambda row: (row[1].ikm_unit is None, -(row[1].ikm_unit or 0)),
    )
