"""Input that must never break a page or leak: control characters, numbers that look like a NIK or a phone,
over-long hidden fields, odd URL parameters, absurd dates and sizes, resent forms, leaked kiosk addresses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pamong.accounts.models import User
from pamong.catalog.models import ServiceType
from pamong.surveys.models import Kiosk, Survey, SurveyResponse
from pamong.surveys.services import Answers, clean_suggestion, kiosk_create, response_by_kiosk
from pamong.surveys.testing import add_responses, answers, make_survey
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _november_2026():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 25, 3, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def kiosk(survey_bp: Survey, lurah_belakang_pondok: User) -> Kiosk:
    return kiosk_create(unit=survey_bp.unit, name="Loket 1", actor=lurah_belakang_pondok)


def test_suggestions_lose_control_characters_and_numbers_that_identify_someone() -> None:
    text = "Petugas\x0b lambat.\x0c Hubungi 0812-3456-7890 atau NIK saya 1371014204850003."
    cleaned = clean_suggestion(text)
    assert "\x0b" not in cleaned and "\x0c" not in cleaned
    assert "0812-3456-7890" not in cleaned and "1371014204850003" not in cleaned
    assert "1371********0003" in cleaned and "081******90" in cleaned


def test_a_pasted_control_character_does_not_break_the_xlsx(
    client: Client, kiosk: Kiosk, lurah_belakang_pondok: User
) -> None:
    response_by_kiosk(
        kiosk=kiosk, answers=Answers(values={f"u{i}": 3 for i in range(1, 10)}, suggestion="a\x0bb"), token="a" * 32
    )
    SurveyResponse.objects.update(suggestion="tempel\x0cdari Word")  # even if one got stored before the fix
    client.force_login(lurah_belakang_pondok)
    xlsx = client.get(reverse("surveys:xlsx", kwargs={"pk": kiosk.unit.surveys.get().pk}))
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Tabulasi responden"].iter_rows(values_only=True))
    assert rows[3][-1] == "tempeldari Word"


def test_a_forged_hidden_token_is_a_form_error_not_a_crash(client: Client, kiosk: Kiosk) -> None:
    data = answers()
    data["token"] = "x" * 500
    page = client.post(reverse("surveys:kiosk", kwargs={"key": kiosk.key}), data)
    assert page.status_code == 200 and "Formulir tidak utuh" in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_resent_kiosk_form_shows_thanks_again_and_saves_once(client: Client, kiosk: Kiosk) -> None:
    url = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    client.post(url, answers(token="once"))
    again = client.post(url, answers(token="once"))
    assert "Terima kasih" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_new_kiosk_address_retires_the_old_one(
    client: Client, kiosk: Kiosk, survey_bp: Survey, lurah_belakang_pondok: User
) -> None:
    old = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    client.force_login(lurah_belakang_pondok)
    client.post(reverse("surveys:kiosk_toggle", kwargs={"pk": kiosk.pk}), {"action": "kunci", "survey": survey_bp.pk})
    kiosk.refresh_from_db()
    assert Client().get(old).status_code == 404
    assert Client().get(reverse("surveys:kiosk", kwargs={"key": kiosk.key})).status_code == 200


def test_the_daily_cap_of_a_kiosk(kiosk: Kiosk, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PAMONG_KIOSK_DAILY = 2
    values = {f"u{i}": 4 for i in range(1, 10)}
    for n in range(2):
        response_by_kiosk(kiosk=kiosk, answers=Answers(values=dict(values)), token=f"{n:032d}")
    from pamong.core.errors import DomainError

    with pytest.raises(DomainError, match="batas harian"):
        response_by_kiosk(kiosk=kiosk, answers=Answers(values=dict(values)), token="9" * 32)


def test_a_unit_with_only_per_service_surveys_still_takes_kiosk_answers(
    client: Client, padang: Padang, domisili: ServiceType, lurah_belakang_pondok: User
) -> None:
    make_survey(padang.kantor_lurah_bp, service=domisili)
    kiosk = kiosk_create(unit=padang.kantor_lurah_bp, name="Loket", actor=lurah_belakang_pondok)
    url = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    assert client.get(url).status_code == 200
    without = client.post(url, answers(token="tanpa"))
    assert "Pilih layanan yang Anda terima" in without.content.decode()
    client.post(url, answers(token="dengan", service=str(domisili.pk)))
    assert SurveyResponse.objects.get().survey.service == domisili


@pytest.mark.parametrize("query", ["?tahun=²", "?tahun=99999", "?tahun=0", "?tahun=2026&kecamatan=zz", "?hal=9999"])
def test_odd_url_parameters_never_crash(client: Client, pimpinan_padang: User, query: str) -> None:
    client.force_login(pimpinan_padang)
    assert client.get(reverse("surveys:list") + query).status_code == 200
    assert client.get(reverse("surveys:comparison") + query).status_code == 200


def test_an_odd_survey_field_on_a_kiosk_change_is_ignored(
    client: Client, kiosk: Kiosk, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    for bad in ("²", "9" * 5000):
        page = client.post(reverse("surveys:kiosk_toggle", kwargs={"pk": kiosk.pk}), {"active": "1", "survey": bad})
        assert page.status_code == 302


def test_absurd_periods_and_populations_are_refused_with_a_message(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    url = reverse("surveys:new")
    unit = padang.kantor_lurah_bp.pk
    far = client.post(url, {"unit": unit, "period_start": "9999-01-01", "period_end": "9999-12-31"})
    assert "Tahun antara 2000 dan 2100" in far.content.decode()
    huge = client.post(
        url, {"unit": unit, "period_start": "2026-01-01", "period_end": "2026-12-31", "population": 10**20}
    )
    assert "Populasi paling banyak" in huge.content.decode()
    assert not Survey.objects.exists()


def test_the_public_results_page_is_cached_until_something_changes(
    client: Client,
    padang: Padang,
    kiosk: Kiosk,
    survey_bp: Survey,
    lurah_belakang_pondok: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    add_responses(survey_bp, [[4] * 9])
    client.force_login(lurah_belakang_pondok)
    client.post(reverse("surveys:publish", kwargs={"pk": survey_bp.pk}), {"published": "1"})
    public = Client()
    assert "100,00" in public.get(reverse("surveys:public_index")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response_by_kiosk(kiosk=kiosk, answers=Answers(values={f"u{i}": 2 for i in range(1, 10)}), token="b" * 32)
    assert "75,00" in public.get(reverse("surveys:public_index")).content.decode()  # (4 + 2) / 2 × 25
