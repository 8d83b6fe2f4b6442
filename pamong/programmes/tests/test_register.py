"""The protected register of vulnerable residents: seen only by health workers and the head of the unit of the
area (not admin, pimpinan, sekretaris, petugas, nor the public); every view recorded; the NIK masked unless the
logged "Tampilkan NIK" action is used."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import Forbidden
from pamong.programmes.models import AccessLog, FollowUpVisit, VulnerableResident
from pamong.programmes.services import resident_create
from pamong.testing import Padang

pytestmark = pytest.mark.django_db

NIK = "1371014506900002"  # format-valid, born 5 June 1990, female, Padang Selatan


def client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def resident(padang: Padang, kesehatan_belakang_pondok: User) -> VulnerableResident:
    resident = resident_create(
        user=kesehatan_belakang_pondok,
        place=padang.belakang_pondok,
        name="Contoh Warga Rahasia",
        nik=NIK,
        address="Jl. Contoh No. 1",
        category="sakit",
        condition="TBC, pengobatan bulan ke-3",
    )
    AccessLog.objects.all().delete()
    return resident


def test_health_worker_records_a_resident_and_sees_the_nik_masked(
    padang: Padang, kesehatan_belakang_pondok: User
) -> None:
    c = client_for(kesehatan_belakang_pondok)
    response = c.post(
        reverse("programmes:register_new"),
        {
            "place": padang.belakang_pondok.code,
            "name": "Contoh Warga",
            "nik": "1371 0145 0690 0002",
            "address": "Jl. Contoh 2",
            "category": "lansia",
            "condition": "",
        },
    )
    resident = VulnerableResident.objects.get()
    assert response["Location"] == reverse("programmes:resident", args=[resident.pk])
    assert resident.nik == NIK
    page = c.get(response["Location"]).content.decode()
    assert "1371********0002" in page and NIK not in page
    listing = c.get(reverse("programmes:register")).content.decode()
    assert "Contoh Warga" in listing and NIK not in listing


def test_an_invalid_nik_is_refused_and_the_typed_values_kept(padang: Padang, kesehatan_belakang_pondok: User) -> None:
    response = client_for(kesehatan_belakang_pondok).post(
        reverse("programmes:register_new"),
        {
            "place": padang.belakang_pondok.code,
            "name": "Contoh Warga",
            "nik": "1234",
            "address": "Jl. Sawo",
            "category": "lansia",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["nik"]
    assert "Jl. Sawo" in response.content.decode()
    assert not VulnerableResident.objects.exists()


@pytest.mark.parametrize(
    "actor",
    [
        "petugas_belakang_pondok",
        "sekretaris_belakang_pondok",
        "pimpinan_padang",
        "admin_diskominfo",
        "kesehatan_alang_laweh",
    ],
)
def test_the_register_does_not_exist_for_other_roles_or_other_areas(
    request: pytest.FixtureRequest, resident: VulnerableResident, actor: str
) -> None:
    c = client_for(request.getfixturevalue(actor))
    body = c.get(reverse("programmes:register"))
    if actor == "kesehatan_alang_laweh":  # a health worker of another kelurahan: the list is empty for them
        assert body.status_code == 200 and "Contoh Warga Rahasia" not in body.content.decode()
    else:
        assert body.status_code == 404
    assert c.get(reverse("programmes:resident", args=[resident.pk])).status_code == 404
    assert c.post(reverse("programmes:reveal_nik", args=[resident.pk])).status_code == 404
    assert (
        c.post(reverse("programmes:visit", args=[resident.pk]), {"visited_on": "2026-11-20", "note": "x"}).status_code
        == 404
    )
    assert c.get(reverse("programmes:access_log")).status_code == 404
    assert not FollowUpVisit.objects.exists()
    assert not AccessLog.objects.filter(resident=resident).exists()


def test_the_public_is_sent_to_login_and_sees_nothing(resident: VulnerableResident) -> None:
    c = Client()
    for url in (reverse("programmes:register"), reverse("programmes:resident", args=[resident.pk])):
        response = c.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "Contoh Warga Rahasia" not in c.get(reverse("portal:front"), follow=True).content.decode()


def test_lurah_and_camat_of_the_area_see_it(
    resident: VulnerableResident, lurah_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    for user in (lurah_belakang_pondok, camat_padang_selatan):
        page = client_for(user).get(reverse("programmes:resident", args=[resident.pk]))
        assert page.status_code == 200 and "TBC" in page.content.decode()


def test_every_view_is_recorded_and_the_lurah_reads_the_log(
    resident: VulnerableResident, kesehatan_belakang_pondok: User, lurah_belakang_pondok: User, padang: Padang
) -> None:
    nakes = client_for(kesehatan_belakang_pondok)
    nakes.get(reverse("programmes:register") + "?kategori=sakit")
    nakes.get(reverse("programmes:resident", args=[resident.pk]))
    revealed = nakes.post(reverse("programmes:reveal_nik", args=[resident.pk])).content.decode()
    assert NIK in revealed
    log = list(AccessLog.objects.order_by("id").values_list("user__username", "action", "resident_id", "detail"))
    assert log == [
        ("nakes_bp", "list", None, "kategori=sakit; halaman 1"),
        ("nakes_bp", "view", resident.pk, ""),
        ("nakes_bp", "reveal_nik", resident.pk, ""),
    ]
    assert nakes.get(reverse("programmes:access_log")).status_code == 404  # the health worker does not read it
    page = client_for(lurah_belakang_pondok).get(reverse("programmes:access_log")).content.decode()
    assert "Menampilkan NIK lengkap" in page and "nakes_bp" in page and NIK not in page


def test_another_lurah_does_not_read_the_log_of_this_kelurahan(
    resident: VulnerableResident, kesehatan_belakang_pondok: User, padang: Padang
) -> None:
    from pamong.accounts.models import Role
    from pamong.testing import make_employee, make_user

    other = make_user("lurah_al", Role.KEPALA_UNIT, make_employee(padang.kantor_lurah_al, "Lurah AL"))
    client_for(kesehatan_belakang_pondok).get(reverse("programmes:resident", args=[resident.pk]))
    page = client_for(other).get(reverse("programmes:access_log")).content.decode()
    assert "nakes_bp" not in page and "Belum ada akses tercatat." in page


def test_follow_up_visits_are_recorded_once_and_not_in_the_future(
    resident: VulnerableResident, kesehatan_belakang_pondok: User
) -> None:
    c = client_for(kesehatan_belakang_pondok)
    url = reverse("programmes:visit", args=[resident.pk])
    for _ in range(2):
        c.post(url, {"visited_on": "2026-11-20", "note": "Obat diminum teratur."})
    assert FollowUpVisit.objects.count() == 1
    response = c.post(url, {"visited_on": "2026-12-01", "note": "nanti"})
    assert "Tanggal kunjungan tidak boleh di masa depan." in response.content.decode()
    page = c.get(reverse("programmes:resident", args=[resident.pk])).content.decode()
    assert "Obat diminum teratur." in page and "20 November 2026" in page


def test_nothing_of_the_resident_reaches_the_logs(
    padang: Padang, kesehatan_belakang_pondok: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    c = client_for(kesehatan_belakang_pondok)
    c.post(
        reverse("programmes:register_new"),
        {
            "place": padang.belakang_pondok.code,
            "name": "Contoh Warga",
            "nik": NIK,
            "address": "Jl. Contoh 3",
            "category": "sakit",
            "condition": "Diabetes",
        },
    )
    c.get(reverse("programmes:resident", args=[VulnerableResident.objects.get().pk]))
    c.get(reverse("programmes:resident", args=[999999]))  # a 404 is logged as a warning
    assert NIK not in caplog.text and "Diabetes" not in caplog.text and "Jl. Contoh 3" not in caplog.text


def test_the_list_keeps_a_constant_query_count(
    padang: Padang,
    kesehatan_belakang_pondok: User,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    c = client_for(kesehatan_belakang_pondok)
    url = reverse("programmes:register")

    def add(n: int) -> None:
        for i in range(n):
            VulnerableResident.objects.create(
                place=padang.belakang_pondok,
                kabkota_code="13.71",
                name=f"Contoh {i}",
                nik=f"13710145069{i:05d}",
                address="Jl.",
                category="lansia",
            )

    add(2)
    c.get(url)
    with django_assert_max_num_queries(20) as few:
        c.get(url)
    VulnerableResident.objects.all().delete()
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = c.get(url).content.decode()
    assert page.count("1371********") == 12


@pytest.mark.parametrize(
    ("actor", "offered"),
    [
        ("kesehatan_belakang_pondok", True),
        ("lurah_belakang_pondok", True),
        ("petugas_belakang_pondok", False),
        ("sekretaris_belakang_pondok", False),
        ("pimpinan_padang", False),
        ("admin_diskominfo", False),
    ],
)
def test_the_register_is_offered_only_to_those_who_need_to_know(
    request: pytest.FixtureRequest, padang: Padang, actor: str, offered: bool
) -> None:
    user = request.getfixturevalue(actor)
    page = client_for(user).get(reverse("programmes:index")).content.decode()
    assert ("Daftar warga rentan (terbatas)" in page) is offered
    if not offered:
        with pytest.raises(Forbidden, match="Anda tidak berwenang mencatat data warga rentan"):
            resident_create(
                user=user,
                place=padang.belakang_pondok,
                name="Warga",
                nik=NIK,
                address="Jl. Contoh",
                category="sakit",
            )
