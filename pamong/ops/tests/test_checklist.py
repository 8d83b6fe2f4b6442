"""Persiapan penerapan: what a deployment still lacks, counted from the data, and the gateway test message that
goes through the real queue."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.catalog.models import ServiceType
from pamong.catalog.services import service_types_load, standard_approve
from pamong.catalog.testing import DOMISILI
from pamong.notifications.models import Notification
from pamong.ops.checklist import checklist
from pamong.organization.models import Position
from pamong.servicerequests.signing import certificate_create_self_signed
from pamong.testing import Padang, make_position, make_user

pytestmark = pytest.mark.django_db
PAGE = reverse("ops:checklist")


def _items(code: str = "13.71") -> dict[str, tuple[int, str]]:
    return {item.key: (item.missing, item.summary) for item in checklist(code=code)}


def test_each_item_counts_what_is_missing_and_turns_done_when_fixed(padang: Padang, pimpinan_padang: User) -> None:
    service_types_load(kabkota_code="13.71", data=[DOMISILI])
    items = _items()
    # Heads: only the kantor camat Padang Selatan and the kantor lurah Belakang Pondok have a head in post.
    assert items["kepala"][0] == 4
    assert items["pegawai"][0] == 1  # the kantor camat Padang Barat has nobody
    assert items["akun"][0] == 5  # no front-line office has a head who can log in
    assert items["standar"][0] == 1
    assert items["sertifikat"][0] == 5  # every front-line office; the Bagian Tata Pemerintahan signs no letters
    assert items["gateway-sms"][0] == items["gateway-email"][0] == 1

    make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    standard_approve(actor=pimpinan_padang, service=ServiceType.objects.get(code="sk-domisili"))
    certificate_create_self_signed(unit=padang.kantor_lurah_bp, organization="Pemerintah Kota Padang")
    padang.kabag.position = make_position(padang.tapem, "Kepala Bagian Tata Pemerintahan", Position.Kind.KEPALA)
    padang.kabag.save()
    items = _items()
    assert items["kepala"][0] == 3
    assert items["akun"][0] == 4  # the lurah of Belakang Pondok can now
    assert items["standar"] == (0, "Standar pelayanan setiap layanan sudah disetujui.")
    assert items["sertifikat"][0] == 4


def test_holidays_of_this_and_next_year(padang: Padang) -> None:
    # The Padang fixture seeds last, this and next year.
    assert _items()["libur"][0] == 0


def test_a_test_message_goes_through_the_queue_and_the_item_says_how_it_went(
    client: Client, admin_diskominfo: User, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    client.force_login(admin_diskominfo)
    page = client.get(PAGE).content.decode()
    assert "Belum pernah diuji" in page

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(PAGE, {"channel": "email", "recipient": "ops@padang.go.id"})
    assert response.status_code == 302
    sent = Notification.objects.get(reference="uji-gateway:email")
    assert sent.status == Notification.Status.SENT  # the immediate task backend of the tests ran it
    assert mail.outbox[-1].to == ["ops@padang.go.id"]
    items = _items()
    assert items["gateway-email"][0] == 0 and "terkirim" in items["gateway-email"][1]
    assert items["gateway-sms"][0] == 1


def test_a_bad_number_is_refused_in_indonesian_and_kept(client: Client, admin_diskominfo: User) -> None:
    client.force_login(admin_diskominfo)
    response = client.post(PAGE, {"channel": "sms", "recipient": "12ab"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nomor ponsel tidak dikenali" in page
    assert 'value="12ab"' in page
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["lurah_belakang_pondok", "camat_padang_selatan", "petugas_belakang_pondok"])
def test_only_admin_and_pimpinan_see_it(client: Client, who: str, request: pytest.FixtureRequest) -> None:
    client.force_login(request.getfixturevalue(who))
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"channel": "sms", "recipient": "081234567890"}).status_code == 404
    assert not Notification.objects.exists()


def test_pimpinan_sees_it(client: Client, pimpinan_padang: User) -> None:
    client.force_login(pimpinan_padang)
    assert client.get(PAGE).status_code == 200
