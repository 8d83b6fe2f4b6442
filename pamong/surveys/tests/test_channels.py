"""The three ways answers come in (a link after a finished request, the kiosk at the counter, paper forms typed
in by staff), and the late, repeated and forged submissions each of them refuses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.servicerequests.models import ServiceRequest
from pamong.servicerequests.testing import make_request
from pamong.surveys.models import Channel, Kiosk, Survey, SurveyResponse
from pamong.surveys.selectors import survey_result
from pamong.surveys.services import kiosk_create, link_token, request_key
from pamong.surveys.testing import answers
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def link_url(request: ServiceRequest) -> str:
    return reverse("surveys:answer", kwargs={"token": link_token(request)})


# The link sent when a request is finished --------------------------------------------------------------------


def test_a_citizen_answers_after_a_finished_request_and_the_result_changes(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    assert survey_result(survey_bp).respondents == 0
    page = client.get(link_url(finished_request))
    assert page.status_code == 200
    assert "kesesuaian persyaratan" in page.content.decode()
    assert "Sangat sopan dan ramah" in page.content.decode()  # the regulation's plain wording per value
    done = client.post(link_url(finished_request), answers())
    assert "Terima kasih" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.channel == Channel.TAUTAN and response.request_key == request_key(finished_request)
    assert response.service == finished_request.service and response.survey == survey_bp
    result = survey_result(survey_bp)
    assert result.respondents == 1 and str(result.ikm_unit) == "83.33"  # 30 / 9 × 25


def test_the_same_form_sent_twice_makes_one_response(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    client.post(link_url(finished_request), answers(token="same"))
    again = client.post(link_url(finished_request), answers(token="same"))
    assert SurveyResponse.objects.count() == 1
    assert "sudah diisi" in again.content.decode() or "Terima kasih" in again.content.decode()


def test_a_second_response_for_one_request_is_refused(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    client.post(link_url(finished_request), answers(token="first"))
    second = client.post(link_url(finished_request), answers(token="second"))
    assert "Survei untuk permohonan ini sudah diisi" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_forged_or_edited_link_is_refused(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    token = link_token(finished_request)

    def edited(t: str) -> str:  # change the last character of the signature into a different one
        return t[:-1] + ("B" if t[-1] == "A" else "A")

    other_code = "ABCDEFGH2"
    for forged in (finished_request.code, f"{other_code}:{token.split(':')[1]}", edited(token)):
        page = client.get(reverse("surveys:answer", kwargs={"token": forged}))
        assert page.status_code == 404
        assert "Tautan survei ini tidak sah" in page.content.decode()
    posted = client.post(reverse("surveys:answer", kwargs={"token": edited(token)}), answers())
    assert posted.status_code == 404
    assert not SurveyResponse.objects.exists()


def test_a_late_link_is_refused(client: Client, survey_bp: Survey, finished_request: ServiceRequest) -> None:
    assert finished_request.finished_at is not None
    with time_machine.travel(finished_request.finished_at + dt.timedelta(days=31)):
        page = client.post(link_url(finished_request), answers())
    assert "hanya berlaku 30 hari" in page.content.decode()
    assert not SurveyResponse.objects.exists()


def test_no_survey_before_the_request_is_finished(client: Client, padang: Padang, survey_bp: Survey, domisili) -> None:  # type: ignore[no-untyped-def]
    open_request = make_request(padang.kantor_lurah_bp, domisili)
    page = client.get(link_url(open_request))
    assert "setelah permohonan selesai" in page.content.decode()


def test_a_link_without_an_open_survey_says_so(client: Client, finished_request: ServiceRequest) -> None:
    page = client.get(link_url(finished_request))
    assert "belum membuka survei" in page.content.decode()


def test_every_question_must_be_answered_online_and_what_was_typed_is_kept(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    data = answers()
    del data["u3"]
    data["u5"] = "7"
    page = client.post(link_url(finished_request), data)
    html = page.content.decode()
    assert html.count("Pilih salah satu jawaban.") == 2  # beside question 3 and in the summary at the top
    summary = html[html.index('id="ringkasan-kesalahan"') : html.index('name="u1"')]
    assert 'href="#id_u3_0"' in summary and 'href="#id_u5_0"' in summary  # each links to its question
    assert "Pilihan tidak dikenal." in html
    assert "Ruang tunggu panas." in html  # the suggestion stays
    assert 'value="41"' in html
    assert not SurveyResponse.objects.exists()


def test_the_finished_request_link_appears_on_the_tracking_page(
    client: Client, survey_bp: Survey, finished_request: ServiceRequest
) -> None:
    html = client.get(reverse("servicerequests:track", kwargs={"code": finished_request.code})).content.decode()
    assert link_url(finished_request) in html
    client.post(link_url(finished_request), answers())
    html = client.get(reverse("servicerequests:track", kwargs={"code": finished_request.code})).content.decode()
    assert link_url(finished_request) not in html
    assert "Terima kasih sudah mengisi survei" in html


def test_the_message_of_a_finished_request_carries_the_survey_link(
    padang: Padang, domisili, survey_bp: Survey, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:  # type: ignore[no-untyped-def]
    from pamong.notifications.models import Notification
    from pamong.servicerequests.testing import finish

    done = finish(make_request(padang.kantor_lurah_bp, domisili), petugas_belakang_pondok, lurah_belakang_pondok)
    sms = Notification.objects.filter(channel="sms", body__contains="Surat dapat diunduh").get()
    assert link_token(done) in sms.body and "Mohon nilai pelayanan kami" in sms.body


# The kiosk at the counter ------------------------------------------------------------------------------------


@pytest.fixture
def kiosk(survey_bp: Survey, lurah_belakang_pondok: User) -> Kiosk:
    return kiosk_create(unit=survey_bp.unit, name="Loket 1", actor=lurah_belakang_pondok)


def test_the_kiosk_takes_one_respondent_after_another_without_login(client: Client, kiosk: Kiosk, domisili) -> None:  # type: ignore[no-untyped-def]
    url = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    page = client.get(url)
    assert page.status_code == 200 and "Masuk petugas" not in page.content.decode()  # no staff navigation
    first = client.post(url, answers(token="k1", service=str(domisili.pk)))
    assert "Terima kasih" in first.content.decode()
    assert f'content="8;url={url}"' in first.content.decode()  # back to a fresh form for the next person
    response = SurveyResponse.objects.get()
    assert response.channel == Channel.KIOSK and response.service == domisili and response.kiosk == kiosk


def test_the_kiosk_refuses_answers_faster_than_one_at_a_time(client: Client, kiosk: Kiosk) -> None:
    url = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    client.post(url, answers(token="k1"))
    burst = client.post(url, answers(token="k2"))
    assert "satu jawaban dalam satu waktu" in burst.content.decode()
    assert SurveyResponse.objects.count() == 1
    with time_machine.travel(dt.timedelta(seconds=11)):
        from django.core.cache import cache

        cache.delete(f"kiosk-gap:{kiosk.pk}")  # the locmem cache does not follow the travelled clock
        client.post(url, answers(token="k3"))
    assert SurveyResponse.objects.count() == 2


def test_a_switched_off_or_unknown_kiosk_is_refused(client: Client, kiosk: Kiosk, lurah_belakang_pondok: User) -> None:
    url = reverse("surveys:kiosk", kwargs={"key": kiosk.key})
    page = client.get(url)  # the form was shown...
    assert page.status_code == 200
    Kiosk.objects.filter(pk=kiosk.pk).update(active=False)  # ...then the kiosk was switched off
    refused = client.post(url, answers())
    assert refused.status_code == 404 and "sudah dinonaktifkan" in refused.content.decode()
    unknown = client.get(reverse("surveys:kiosk", kwargs={"key": "tebak-tebakan"}))
    assert unknown.status_code == 404
    assert not SurveyResponse.objects.exists()


def test_the_kiosk_outside_any_survey_period_says_so(client: Client, kiosk: Kiosk, survey_bp: Survey) -> None:
    # A month after this year's survey closed (it is this year's whichever year the tests run in).
    after = dt.datetime.combine(survey_bp.period_end + dt.timedelta(days=32), dt.time(3), tzinfo=dt.UTC)
    with time_machine.travel(after):
        page = client.post(reverse("surveys:kiosk", kwargs={"key": kiosk.key}), answers())
    assert "Belum ada survei yang dibuka" in page.content.decode()
    assert not SurveyResponse.objects.exists()


# Paper forms -------------------------------------------------------------------------------------------------


def paper(number: str, filled_on: str = "2026-03-04", values: list[Any] | None = None, **extra: str) -> dict[str, str]:
    data = answers(values, token=f"p-{number}-{filled_on}", **extra)
    data.update({"paper_number": number, "filled_on": filled_on})
    return data


@pytest.fixture
def in_march_2026() -> Any:
    """Paper forms are typed in within 30 days of being filled in: these tests happen in March 2026."""
    with time_machine.travel(dt.datetime(2026, 3, 10, 3, tzinfo=dt.UTC)):
        yield


def test_staff_enter_paper_forms_with_blank_answers_kept_blank(
    in_march_2026: None, client: Client, survey_bp: Survey, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    url = reverse("surveys:paper", kwargs={"pk": survey_bp.pk})
    data = paper("001")
    data["u8"] = ""  # the respondent skipped penanganan pengaduan
    done = client.post(url, data, follow=True)
    assert "Kuesioner nomor 001 tersimpan" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.u8 is None and response.channel == Channel.KERTAS
    assert response.entered_by == petugas_belakang_pondok
    assert response.submitted_at.date() == dt.date(2026, 3, 4)


def test_a_paper_form_number_entered_twice_is_refused(
    in_march_2026: None, client: Client, survey_bp: Survey, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    url = reverse("surveys:paper", kwargs={"pk": survey_bp.pk})
    client.post(url, paper("002"))
    again = client.post(url, paper("002", filled_on="2026-03-05"))
    assert "Kuesioner nomor 002 sudah dimasukkan" in again.content.decode()
    assert 'value="002"' in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_paper_form_outside_the_period_or_too_late_is_refused(
    in_march_2026: None, client: Client, survey_bp: Survey, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    url = reverse("surveys:paper", kwargs={"pk": survey_bp.pk})
    outside = client.post(url, paper("003", filled_on="2025-12-31"))
    assert "di luar periode survei (Tahun 2026)" in outside.content.decode()
    with time_machine.travel(dt.datetime(2027, 2, 15, 3, tzinfo=dt.UTC)):
        client.force_login(petugas_belakang_pondok)  # the earlier session has expired by then
        late = client.post(url, paper("004", filled_on="2026-12-20"))
    assert "paling lambat 30 hari" in late.content.decode()
    assert not SurveyResponse.objects.exists()


def test_staff_of_another_unit_cannot_enter_or_see_the_survey(
    client: Client, survey_bp: Survey, petugas_alang_laweh: User
) -> None:
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("surveys:detail", kwargs={"pk": survey_bp.pk})).status_code == 404
    assert client.post(reverse("surveys:paper", kwargs={"pk": survey_bp.pk}), paper("005")).status_code == 404
    assert not SurveyResponse.objects.exists()
