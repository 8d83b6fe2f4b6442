"""Writes for the SKM: surveys, responses from the three channels, kiosks, and the follow-up plan.

A response lands whole or not at all. The same form sent twice (a double click, a resent page) returns the
response already made; a second response for one finished request, a paper form number entered twice, a
response outside the survey's period, a link that was not signed by us or a switched-off kiosk are refused
with a message that says why.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from pamong.catalog.models import ServiceType
from pamong.core import gate, versions
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.transitions import Field, Machine, Transition
from pamong.organization.models import Employee, Unit
from pamong.servicerequests.models import ServiceRequest, Status
from pamong.surveys.models import Channel, FollowUp, FollowUpChange, FollowUpStatus, Kiosk, Survey, SurveyResponse
from pamong.surveys.unsur import FIELDS

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_POPULATION = 10_000_000
LINK_DAYS = 30  # a finished request's survey link is accepted for this many days
PAPER_GRACE_DAYS = 30  # paper forms may be entered up to this many days after the period ends
_LINK_SALT = "pamong.surveys.link"


def _local_date(unit: Unit, when: dt.datetime) -> dt.date:
    return timezone.localtime(when, zoneinfo.ZoneInfo(unit.region.timezone)).date()


# Surveys ------------------------------------------------------------------------------------------------------


def survey_create(
    *,
    unit: Unit,
    period_start: dt.date,
    period_end: dt.date,
    actor: Any,
    service: ServiceType | None = None,
    population: int | None = None,
) -> Survey:
    """Open a survey for a unit (and optionally one service) over a period. Periods of the same unit and service
    may not overlap: a respondent's answer must belong to exactly one survey."""
    gate.require(actor, "surveys.open", unit, "Hanya kepala unit atau sekretaris unit ini yang dapat membuka survei.")
    if unit.kind == Unit.Kind.BAGIAN_TAPEM:
        raise DomainError("Survei dibuka oleh unit yang melayani masyarakat: kantor camat, lurah atau desa.")
    if not (MIN_YEAR <= period_start.year <= MAX_YEAR and MIN_YEAR <= period_end.year <= MAX_YEAR):
        raise DomainError(f"Periode survei antara tahun {MIN_YEAR} dan {MAX_YEAR}.", field="period_start")
    if period_end < period_start:
        raise DomainError("Akhir periode tidak boleh sebelum awal periode.", field="period_end")
    if (period_end - period_start).days > 366:
        raise DomainError("Periode survei paling lama satu tahun.", field="period_end")
    if service is not None and service.kabkota_code != unit.kabkota_code:
        raise DomainError("Layanan ini bukan layanan kabupaten/kota unit tersebut.", field="service")
    if population is not None and not 1 <= population <= MAX_POPULATION:
        raise DomainError("Populasi antara 1 dan 10.000.000, atau kosongkan.", field="population")
    with transaction.atomic():
        # Lock the unit's row so that two managers opening surveys at once cannot both pass the overlap check.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        overlapping = Survey.objects.filter(
            unit=unit, period_start__lte=period_end, period_end__gte=period_start
        ).filter(Q(service=service) if service else Q(service__isnull=True))
        clash = overlapping.first()
        if clash is not None:
            raise DomainError(
                f"Periode ini bertumpang tindih dengan survei {clash.period_label} yang sudah ada.",
                field="period_start",
            )
        survey = Survey.objects.create(
            kabkota_code=unit.kabkota_code,
            unit=unit,
            service=service,
            period_start=period_start,
            period_end=period_end,
            population=population,
            created_by=actor,
        )
    forget_public_results()  # finished requests of the unit now show the survey link
    return survey


def survey_publish(*, survey: Survey, actor: Any, published: bool) -> Survey:
    """Show the survey's result on the public portal, or take it down."""
    gate.require(
        actor, "surveys.publish", survey, "Hanya kepala unit atau sekretaris yang dapat mengumumkan hasil survei."
    )
    if published and not survey.responses.exists():
        raise DomainError("Survei ini belum memiliki jawaban; belum ada hasil yang dapat diumumkan.")
    survey.published = published
    survey.published_at = timezone.now() if published else None
    survey.save(update_fields=["published", "published_at"])
    forget_public_results()
    return survey


def survey_for(*, unit: Unit, day: dt.date, service: ServiceType | None = None) -> Survey | None:
    """The survey an answer about ``service`` at ``unit`` on ``day`` belongs to: the service's own survey if the
    unit runs one, otherwise the unit's survey of all services."""
    covering = Survey.objects.select_related("unit__region").filter(
        unit=unit, period_start__lte=day, period_end__gte=day
    )
    if service is not None:
        own = covering.filter(service=service).first()
        if own is not None:
            return own
    return covering.filter(service__isnull=True).first()


# Responses ----------------------------------------------------------------------------------------------------


@dataclass
class Answers:
    values: dict[str, int | None]  # "u1".."u9" → 1..4 or None when not answered
    gender: str = ""
    age: int | None = None
    education: str = ""
    occupation: str = ""
    suggestion: str = ""
    service: ServiceType | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _check_answers(answers: Answers, *, all_required: bool) -> None:
    for name in FIELDS:
        value = answers.values.get(name)
        if value is not None and value not in (1, 2, 3, 4):
            raise DomainError("Nilai jawaban harus 1, 2, 3 atau 4.", field=name)
        if value is None and all_required:
            raise DomainError("Pilih salah satu jawaban.", field=name)
    if not any(answers.values.get(name) for name in FIELDS):
        raise DomainError("Belum ada pertanyaan yang dijawab.")
    if answers.age is not None and not 15 <= answers.age <= 100:
        raise DomainError("Umur responden antara 15 dan 100 tahun.", field="age")


def _save(
    *,
    survey: Survey,
    answers: Answers,
    channel: str,
    token: str,
    now: dt.datetime,
    request_key: str | None = None,
    kiosk: Kiosk | None = None,
    paper_number: str = "",
    entered_by: Any = None,
) -> tuple[SurveyResponse, bool]:
    if (existing := response_sent_before(token)) is not None:
        return existing, False
    response = SurveyResponse(
        kabkota_code=survey.kabkota_code,
        survey=survey,
        service=answers.service or survey.service,
        channel=channel,
        request_key=request_key,
        kiosk=kiosk,
        paper_number=paper_number,
        gender=answers.gender,
        age=answers.age,
        education=answers.education,
        occupation=answers.occupation,
        suggestion=clean_suggestion(answers.suggestion),
        submit_token=token,
        submitted_at=now,
        entered_by=entered_by,
        **{name: answers.values.get(name) for name in FIELDS},
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        again = SurveyResponse.objects.filter(submit_token=token).first()
        if again is not None:  # the same form, sent twice at the same moment
            return again, False
        if request_key is not None and SurveyResponse.objects.filter(request_key=request_key).exists():
            raise DomainError("Survei untuk permohonan ini sudah diisi. Terima kasih.", code="repeated") from None
        if paper_number:
            raise DomainError(
                f"Kuesioner nomor {paper_number} sudah dimasukkan untuk survei ini.", field="paper_number"
            ) from None
        raise
    forget_public_results()
    return response, True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NIK_LIKE = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
_PHONE_LIKE = re.compile(r"(?<![\d+])((?:\+62|62|0)8\d)[\d\- ]{6,12}(\d{2})(?!\d)")


def clean_suggestion(text: str) -> str:
    """A suggestion as it is stored: no control characters (they break spreadsheets), and anything that looks
    like a NIK or a phone number masked, because suggestions are read by staff and printed in reports."""
    text = _CONTROL.sub("", text).strip()[:2000]
    text = _NIK_LIKE.sub(r"\1********\2", text)
    return _PHONE_LIKE.sub(r"\1******\2", text)


def forget_public_results() -> None:
    """The public result pages are cached until an answer arrives or a result is published or withdrawn."""
    versions.bump("skm-results")


def request_key(service_request: ServiceRequest) -> str:
    """A keyed hash of the request: enough to allow one answer per request, not enough to find the applicant."""
    return salted_hmac("pamong.surveys.request", str(service_request.pk), algorithm="sha256").hexdigest()


def response_sent_before(token: str) -> SurveyResponse | None:
    """The answer a form with this one-time token already made (a double click, a resent page)."""
    return SurveyResponse.objects.filter(submit_token=token).first()


def link_token(request: ServiceRequest) -> str:
    """The signed part of the survey link sent when a request is finished. Only the server can make one."""
    return signing.Signer(salt=_LINK_SALT).sign(request.code)


def request_from_link(token: str) -> ServiceRequest:
    """The finished request a survey link belongs to. A link not signed by us, or edited, is refused."""
    try:
        code = signing.Signer(salt=_LINK_SALT).unsign(token)
    except signing.BadSignature:
        raise DomainError("Tautan survei ini tidak sah. Gunakan tautan dari pesan atau halaman lacak.", code="forged")
    found = ServiceRequest.objects.select_related("unit__region", "service").filter(code=code).first()
    if found is None:
        raise DomainError("Tautan survei ini tidak sah. Gunakan tautan dari pesan atau halaman lacak.", code="forged")
    return found


def link_survey(*, service_request: ServiceRequest, now: dt.datetime | None = None) -> Survey:
    """Check that a finished request may still be surveyed and return its survey (the one covering the day the
    request was finished)."""
    now = now or timezone.now()
    if service_request.status != Status.SELESAI or service_request.finished_at is None:
        raise DomainError("Survei dapat diisi setelah permohonan selesai.", code="not_finished")
    if now - service_request.finished_at > dt.timedelta(days=LINK_DAYS):
        raise DomainError(
            f"Tautan survei hanya berlaku {LINK_DAYS} hari setelah permohonan selesai. Terima kasih atas niat Anda; "
            "Anda tetap dapat mengisi survei di kios kantor.",
            code="late",
        )
    if SurveyResponse.objects.filter(request_key=request_key(service_request)).exists():
        raise DomainError("Survei untuk permohonan ini sudah diisi. Terima kasih.", code="repeated")
    survey = survey_for(
        unit=service_request.unit,
        day=_local_date(service_request.unit, service_request.finished_at),
        service=service_request.service,
    )
    if survey is None:
        raise DomainError("Unit ini belum membuka survei untuk periode layanan Anda.", code="no_survey")
    return survey


def response_by_link(
    *, service_request: ServiceRequest, answers: Answers, token: str, now: dt.datetime | None = None
) -> tuple[SurveyResponse, bool]:
    now = now or timezone.now()
    if (existing := response_sent_before(token)) is not None:
        return existing, False
    survey = link_survey(service_request=service_request, now=now)
    _check_answers(answers, all_required=True)
    answers.service = service_request.service
    return _save(
        survey=survey,
        answers=answers,
        channel=Channel.TAUTAN,
        token=token,
        now=now,
        request_key=request_key(service_request),
    )


def kiosk_by_key(key: str) -> Kiosk:
    kiosk = Kiosk.objects.select_related("unit__region").filter(key=key).first()
    if kiosk is None or not kiosk.active:
        raise DomainError("Kios survei ini tidak dikenal atau sudah dinonaktifkan.", code="forged")
    return kiosk


def kiosk_open(*, kiosk: Kiosk, now: dt.datetime | None = None) -> str:
    """Whether the kiosk's unit runs any survey today (of all services or of one); returns its period label."""
    now = now or timezone.now()
    day = _local_date(kiosk.unit, now)
    covering = Survey.objects.filter(unit=kiosk.unit, period_start__lte=day, period_end__gte=day).first()
    if covering is None:
        raise DomainError("Belum ada survei yang dibuka untuk hari ini. Terima kasih.", code="no_survey")
    return covering.period_label


def kiosk_survey(*, kiosk: Kiosk, service: ServiceType | None = None, now: dt.datetime | None = None) -> Survey:
    now = now or timezone.now()
    day = _local_date(kiosk.unit, now)
    survey = survey_for(unit=kiosk.unit, day=day, service=service)
    if survey is not None:
        return survey
    if service is None and Survey.objects.filter(unit=kiosk.unit, period_start__lte=day, period_end__gte=day).exists():
        raise DomainError("Pilih layanan yang Anda terima.", field="service")
    if service is not None:
        raise DomainError("Survei untuk layanan ini belum dibuka. Pilih layanan lain.", field="service")
    raise DomainError("Belum ada survei yang dibuka untuk hari ini. Terima kasih.", code="no_survey")


def response_by_kiosk(
    *, kiosk: Kiosk, answers: Answers, token: str, now: dt.datetime | None = None
) -> tuple[SurveyResponse, bool]:
    now = now or timezone.now()
    if (existing := response_sent_before(token)) is not None:
        return existing, False
    kiosk = kiosk_by_key(kiosk.key)  # switched off since the form was shown: refused
    survey = kiosk_survey(kiosk=kiosk, service=answers.service, now=now)
    _check_answers(answers, all_required=True)
    today = _local_date(kiosk.unit, now)
    zone = zoneinfo.ZoneInfo(kiosk.unit.region.timezone)
    start = dt.datetime.combine(today, dt.time.min, tzinfo=zone)
    if SurveyResponse.objects.filter(kiosk=kiosk, submitted_at__gte=start).count() >= settings.PAMONG_KIOSK_DAILY:
        raise DomainError(
            "Kios ini sudah menerima jawaban sebanyak batas harian. Silakan isi kuesioner kertas di loket.",
            code="limit",
        )
    return _save(survey=survey, answers=answers, channel=Channel.KIOSK, token=token, now=now, kiosk=kiosk)


def response_by_paper(
    *,
    survey: Survey,
    answers: Answers,
    paper_number: str,
    filled_on: dt.date,
    token: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> tuple[SurveyResponse, bool]:
    """A paper questionnaire typed in by staff of the unit. Blank answers stay blank (the respondent skipped
    them); the day it was filled must fall in the survey's period."""
    now = now or timezone.now()
    gate.require(
        actor, "surveys.enter_paper", survey, "Hanya petugas unit ini yang dapat memasukkan kuesioner kertasnya."
    )
    paper_number = paper_number.strip()
    if not paper_number:
        raise DomainError("Tuliskan nomor kuesioner yang tertera di kertas.", field="paper_number")
    if not survey.period_start <= filled_on <= survey.period_end:
        raise DomainError(f"Tanggal pengisian di luar periode survei ({survey.period_label}).", field="filled_on")
    today = _local_date(survey.unit, now)
    if filled_on > today:
        raise DomainError("Tanggal pengisian tidak boleh di masa depan.", field="filled_on")
    if (today - survey.period_end).days > PAPER_GRACE_DAYS:
        raise DomainError(
            f"Kuesioner kertas dapat dimasukkan paling lambat {PAPER_GRACE_DAYS} hari setelah periode berakhir.",
            code="late",
        )
    _check_answers(answers, all_required=False)
    local_noon = dt.datetime.combine(filled_on, dt.time(12), tzinfo=zoneinfo.ZoneInfo(survey.unit.region.timezone))
    return _save(
        survey=survey,
        answers=answers,
        channel=Channel.KERTAS,
        token=token,
        now=local_noon,
        paper_number=paper_number,
        entered_by=actor,
    )


# Kiosks -------------------------------------------------------------------------------------------------------


KIOSK_MANAGERS_ONLY = "Hanya kepala unit atau sekretaris yang dapat mengubah kios survei."


def kiosk_create(*, unit: Unit, name: str, actor: Any) -> Kiosk:
    gate.require(actor, "surveys.kiosk", unit, "Hanya kepala unit atau sekretaris yang dapat memasang kios survei.")
    name = name.strip()
    if not name:
        raise DomainError("Beri nama kios, mis. 'Loket 1'.", field="name")
    return Kiosk.objects.create(
        kabkota_code=unit.kabkota_code, unit=unit, name=name[:80], key=secrets.token_urlsafe(18), created_by=actor
    )


def kiosk_new_key(*, kiosk: Kiosk, actor: Any) -> Kiosk:
    """Give the kiosk a new secret address (the old one leaked, or a tablet was lost): the old one stops at once."""
    gate.require(actor, "surveys.kiosk", kiosk.unit, KIOSK_MANAGERS_ONLY)
    kiosk.key = secrets.token_urlsafe(18)
    kiosk.save(update_fields=["key"])
    return kiosk


def kiosk_set_active(*, kiosk: Kiosk, active: bool, actor: Any) -> Kiosk:
    gate.require(actor, "surveys.kiosk", kiosk.unit, KIOSK_MANAGERS_ONLY)
    kiosk.active = active
    kiosk.save(update_fields=["active"])
    return kiosk


# Follow-up plan -----------------------------------------------------------------------------------------------

F = FollowUpStatus
_follow_up: dict[str, Any] = {
    "refusal": "Hanya penanggung jawab, kepala unit atau sekretaris yang dapat mengubahnya.",
}
FOLLOW_UP = Machine(
    model=FollowUp,
    history=FollowUpChange,
    noun="Tindak lanjut",
    statuses=FollowUpStatus,
    transitions=[
        Transition(
            (F.RENCANA,),
            F.BERJALAN,
            "Mulai kerjakan",
            "surveys.follow_up",
            fields=(Field("note", "Catatan", required=False),),
            **_follow_up,
        ),
        Transition(
            (F.RENCANA, F.BERJALAN),
            F.SELESAI,
            "Tandai selesai",
            "surveys.follow_up",
            fields=(Field("note", "Yang sudah dilakukan", message="Tuliskan apa yang sudah dilakukan."),),
            **_follow_up,
        ),
        Transition(
            (F.RENCANA, F.BERJALAN),
            F.BATAL,
            "Batalkan",
            "surveys.follow_up",
            fields=(Field("note", "Alasan pembatalan", message="Tuliskan alasan pembatalan."),),
            style="danger",
            **_follow_up,
        ),
    ],
)


def follow_up_create(
    *, survey: Survey, unsur: int, action: str, owner: Employee, due_date: dt.date, actor: Any
) -> FollowUp:
    gate.require(
        actor, "surveys.plan", survey, "Hanya kepala unit atau sekretaris yang dapat menyusun rencana tindak lanjut."
    )
    if not 1 <= unsur <= 9:
        raise DomainError("Pilih unsur yang akan diperbaiki.", field="unsur")
    action = action.strip()
    if len(action) < 10:
        raise DomainError("Jelaskan tindakan yang akan dilakukan (paling sedikit 10 karakter).", field="action")
    if owner.unit_id != survey.unit_id or not owner.active:
        raise DomainError("Penanggung jawab harus pegawai aktif unit ini.", field="owner")
    if due_date < _local_date(survey.unit, timezone.now()):
        raise DomainError("Batas waktu tidak boleh di masa lalu.", field="due_date")
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            kabkota_code=survey.kabkota_code,
            survey=survey,
            unsur=unsur,
            action=action,
            owner=owner,
            due_date=due_date,
        )
        # Created, not moved: the first history row is written here, with the actor's post at the time.
        FollowUpChange.objects.create(
            follow_up=follow_up,
            kabkota_code=follow_up.kabkota_code,
            from_status="",
            to_status=F.RENCANA,
            at=timezone.now(),
            **actor_fields(actor),
        )
    return follow_up


def follow_up_transition(
    *, follow_up: FollowUp, to_status: str, actor: Any, note: str = "", seen: str | None = None
) -> FollowUp:
    """Move a follow-up action (see ``FOLLOW_UP``). ``seen``: the status the user saw when choosing the action."""
    if to_status not in FollowUpStatus.values:
        raise DomainError("Status tujuan tidak dikenal.", code="invalid_transition")
    FOLLOW_UP.perform(
        follow_up, to=to_status, actor=actor, values={"note": note}, seen=seen, changes={"updated_at": timezone.now()}
    )
    return follow_up
