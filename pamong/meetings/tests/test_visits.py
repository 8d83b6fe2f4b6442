"""Evaluation visits: recorded by the pimpinan daerah with findings and photos (EXIF stripped, served after a
permission check), the history per region, scope per role; the employee card and the demo data."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from pamong.accounts.models import User
from pamong.core.errors import Forbidden
from pamong.meetings.models import ActionItem, Finding, FindingPhoto, Visit
from pamong.meetings.selectors import employee_section
from pamong.meetings.testing import WIB, make_item, make_meeting, make_visit, photo_with_gps
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def test_the_pimpinan_records_a_visit_with_findings_and_a_photo_without_its_gps(
    client: Client, padang: Padang, pimpinan_padang: User, lurah_belakang_pondok: User, petugas_alang_laweh: User
) -> None:
    client.force_login(pimpinan_padang)
    data = {
        "token": uuid.uuid4().hex,
        "region": padang.belakang_pondok.code,
        "visited_on": "2026-03-10",
        "title": "Kunjungan kerja Sekda ke Belakang Pondok",
        "led_by": padang.kabag.pk,
        "employees": [padang.lurah_bp.pk],
        "others": "Ir. Yulia — Kepala Bappeda",
        "theme_1": "pelayanan",
        "text_1": "Antrean panjang, papan standar pelayanan belum dipasang.",
        "photos_1": photo_with_gps(),
        "theme_2": "dana_desa",
        "text_2": "",
    }
    response = client.post(reverse("meetings:visit_new"), data)
    assert response.status_code == 400 and "Tuliskan temuannya." in response.content.decode()
    data["theme_2"] = ""
    data["photos_1"] = photo_with_gps()
    response = client.post(reverse("meetings:visit_new"), data)
    visit = Visit.objects.get()
    assert response.status_code == 302 and visit.unit == padang.kantor_lurah_bp
    stored = FindingPhoto.objects.get()
    with Image.open(stored.file.open("rb")) as img:
        assert not img.getexif()  # re-encoded: camera and GPS gone
    # The lurah of the visited kelurahan sees the visit and its photo; another kelurahan's staff do not.
    client.force_login(lurah_belakang_pondok)
    page = client.get(reverse("meetings:visit", args=[visit.pk])).content.decode()
    assert "Antrean panjang" in page and "Kepala Bappeda" in page
    assert client.get(reverse("meetings:photo", args=[stored.pk])).status_code == 200
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("meetings:visit", args=[visit.pk])).status_code == 404
    assert client.get(reverse("meetings:photo", args=[stored.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("meetings:photo", args=[stored.pk])).status_code == 302  # to the login page


def test_only_the_pimpinan_or_admin_records_visits(
    client: Client, padang: Padang, camat_padang_selatan: User, admin_diskominfo: User
) -> None:
    client.force_login(camat_padang_selatan)
    assert client.get(reverse("meetings:visit_new")).status_code == 404
    with pytest.raises(Forbidden, match="pimpinan daerah"):
        make_visit(camat_padang_selatan, padang.belakang_pondok)
    assert make_visit(admin_diskominfo, padang.padang_barat).unit == padang.kantor_camat_pb


def test_a_text_file_posing_as_a_photo_is_refused_with_the_form_kept(
    client: Client, padang: Padang, pimpinan_padang: User
) -> None:
    client.force_login(pimpinan_padang)
    response = client.post(
        reverse("meetings:visit_new"),
        {
            "token": uuid.uuid4().hex,
            "region": padang.padang_selatan.code,
            "visited_on": "2026-03-10",
            "title": "Kunjungan ke kecamatan",
            "theme_1": "disiplin",
            "text_1": "Apel pagi tidak lengkap.",
            "photos_1": SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "bukan PDF, JPEG atau PNG" in page and "Apel pagi tidak lengkap." in page
    assert not Visit.objects.exists() and not Finding.objects.exists()


def test_the_region_history_lists_visits_to_it_and_below_newest_first_with_open_items(
    client: Client,
    padang: Padang,
    pimpinan_padang: User,
    camat_padang_selatan: User,
    lurah_belakang_pondok: User,
    django_assert_max_num_queries: object,
) -> None:
    kec = make_visit(pimpinan_padang, padang.padang_selatan, day=dt.date(2026, 2, 1), title="Ke kecamatan")
    kel = make_visit(pimpinan_padang, padang.belakang_pondok, day=dt.date(2026, 3, 1), title="Ke kelurahan BP")
    make_visit(pimpinan_padang, padang.padang_barat, day=dt.date(2026, 3, 2), title="Ke Padang Barat")
    make_item(pimpinan_padang, padang.lurah_bp, dt.date(2026, 3, 20), visit=kel, title="Pasang papan alur layanan")
    done = make_item(pimpinan_padang, padang.camat_ps, dt.date(2026, 3, 20), visit=kec, title="Rapikan arsip")
    ActionItem.objects.filter(pk=done.pk).update(status="selesai")
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=WIB)):
        client.force_login(camat_padang_selatan)
        page = client.get(reverse("meetings:region_history", args=[padang.padang_selatan.code])).content.decode()
        assert page.index("Ke kelurahan BP") < page.index("Ke kecamatan") and "Ke Padang Barat" not in page
        assert "Pasang papan alur layanan" in page and "terlambat" in page and "Rapikan arsip" not in page
        # The lurah sees their own kelurahan's history, not the kecamatan above it.
        client.force_login(lurah_belakang_pondok)
        assert client.get(reverse("meetings:region_history", args=[padang.padang_selatan.code])).status_code == 404
        mine = client.get(reverse("meetings:region_history", args=[padang.belakang_pondok.code])).content.decode()
        assert "Ke kelurahan BP" in mine and "Ke kecamatan" not in mine
        # A fixed number of queries however many visits there are.
        client.force_login(pimpinan_padang)
        url = reverse("meetings:region_history", args=[padang.kota.code])
        client.get(url)
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            client.get(url)
        for n in range(6):
            v = make_visit(pimpinan_padang, padang.alang_laweh, day=dt.date(2026, 3, 10 + n), title=f"Ulang {n}")
            make_item(
                pimpinan_padang, padang.staf_al, dt.date(2026, 4, 20), visit=v, now=dt.datetime(2026, 4, 1, tzinfo=WIB)
            )
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            assert "Ulang 5" in client.get(url).content.decode()
        assert client.get(reverse("meetings:visits")).status_code == 200


def test_the_employee_section_counts_attendance_and_items_in_constant_queries(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    petugas_alang_laweh: User,
    django_assert_max_num_queries: object,
) -> None:
    from pamong.meetings.services import meeting_record_attendance

    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=WIB)):
        for n, att in enumerate(["hadir", "sakit", "terlambat"]):
            meeting = make_meeting(
                lurah_belakang_pondok,
                padang.kantor_lurah_bp,
                padang.lurah_bp,
                employees=[padang.staf_bp],
                start=dt.datetime(2026, 3, 2 + n, 9, tzinfo=WIB),
            )
            invitee = meeting.invitees.get()
            meeting_record_attendance(meeting=meeting, actor=lurah_belakang_pondok, marks={invitee.pk: (att, "")})
        make_item(
            lurah_belakang_pondok,
            padang.staf_bp,
            dt.date(2026, 3, 16),
            meeting=meeting,
            now=dt.datetime(2026, 3, 5, tzinfo=WIB),
        )
        make_item(lurah_belakang_pondok, padang.staf_bp, dt.date(2026, 3, 30), meeting=meeting, title="Arsip")
        with django_assert_max_num_queries(5):  # type: ignore[operator]
            section = employee_section(employee=padang.staf_bp, viewer=camat_padang_selatan)
        assert (section["invited"], section["present"], section["recorded"]) == (3, 2, 3)
        assert (section["open"], section["overdue"]) == (2, 1)
        with translation.override("id"):  # as on a page, where the request activates Bahasa Indonesia
            html = render_to_string("meetings/_employee_section.html", {"section": section})
        assert "66,7%" in html and "terlambat" in html and "Perbarui data stunting" in html
        # Someone outside the subtree sees nothing of it.
        hidden = employee_section(employee=padang.staf_bp, viewer=petugas_alang_laweh)
        assert (hidden["invited"], hidden["open"], hidden["nearest"]) == (0, 0, [])
