"""The public portal: figures without personal data, served from memory yet fresh after every change;
announcements with their workflow, sanitising, who may post, and the feed."""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.complaints.categories import categories_seed
from pamong.complaints.models import Category
from pamong.complaints.models import Status as ComplaintStatus
from pamong.complaints.services import Report, complaint_submit
from pamong.core.errors import DomainError, Forbidden
from pamong.kinerja.services import indicators_build
from pamong.kinerja.testing import WIB
from pamong.portal.models import Announcement, AnnouncementChange, Kind, Status, Verdict
from pamong.portal.services import (
    AnnouncementData,
    announcement_create,
    announcement_transition,
    announcement_update,
)
from pamong.servicerequests.testing import WARGA, finish, make_request, make_service
from pamong.surveys.services import forget_public_results
from pamong.surveys.testing import add_responses, make_survey
from pamong.testing import Padang, make_employee, make_user

pytestmark = pytest.mark.django_db


def data(**kw: Any) -> AnnouncementData:
    values: dict[str, Any] = {
        "kind": Kind.PENGUMUMAN,
        "title": "Pelayanan KTP keliling hari Sabtu",
        "body": "Pelayanan KTP keliling dibuka di aula kantor lurah.",
        "publish_from": timezone.localdate(),
    }
    values.update(kw)
    return AnnouncementData(**values)


def post(actor: User, unit: Any, *, publish: bool = True, **kw: Any) -> Announcement:
    a = announcement_create(actor=actor, unit=unit, data=data(**kw), submit_token=uuid.uuid4().hex)
    if publish:
        announcement_transition(actor=actor, announcement=a, to_status=Status.TERBIT)
    return a


@pytest.fixture
def category(padang: Padang) -> Category:
    categories_seed(kabkota_code="13.71")
    return Category.objects.get(code="pelayanan-administrasi")


def finished_yesterday(padang: Padang, petugas: User, lurah: User) -> Any:
    """A request of Kantor Lurah Belakang Pondok submitted and finished yesterday, and the night's indicators."""
    yesterday = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=1), dt.time(10), tzinfo=WIB)
    request = finish(make_request(padang.kantor_lurah_bp, make_service(), now=yesterday), petugas, lurah, now=yesterday)
    indicators_build(day=yesterday.date(), kabkota_code="13.71")
    return request


def complain(padang: Padang, category: Category, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "category": category,
        "region": padang.belakang_pondok,
        "title": "Lampu jalan padam",
        "text": "Lampu jalan di depan masjid padam sejak seminggu.",
        "token": uuid.uuid4().hex,
        "name": "Rahmat Hidayat",
        "phone": "+6281234567001",
    }
    values.update(kw)
    complaint, _created = complaint_submit(report=Report(**values))
    complaint.status = ComplaintStatus.DIVERIFIKASI  # verified by the office: public from now on
    complaint.save()
    return complaint


def test_no_personal_data_on_any_portal_page(
    client: Client,
    padang: Padang,
    category: Category,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
) -> None:
    service = finished_yesterday(padang, petugas_belakang_pondok, lurah_belakang_pondok).service
    complain(padang, category)
    complain(padang, category, title="Pungutan liar oleh oknum", name="Siti Aminah", confidential=True)
    for url in (
        reverse("portal:home"),
        reverse("portal:region", args=["13.71.01"]),
        reverse("portal:region", args=["13.71.01.1001"]),
    ):
        page = client.get(url).content.decode()
        assert client.get(url).status_code == 200
        for secret in (WARGA.name, WARGA.nik, WARGA.phone, "Rahmat Hidayat", "+6281234567001", "Siti Aminah"):
            assert secret not in page, (url, secret)
        assert "Pungutan liar" not in page  # the confidential complaint
    village = client.get(reverse("portal:region", args=["13.71.01.1001"])).content.decode()
    assert "Lampu jalan padam" in village
    assert "1 dari 1 selesai" in village
    assert service.name in village  # the services offered at a kantor lurah, linked to the catalogue
    assert reverse("catalog:service", args=[service.code]) in village


def test_the_kota_page_lists_each_kecamatan_with_its_figures(
    client: Client, padang: Padang, category: Category
) -> None:
    survey = make_survey(padang.kantor_camat_ps, published=True)
    add_responses(survey, [[4] * 9] * 3)
    complain(padang, category)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Padang Selatan" in page and "Padang Barat" in page
    assert "100,00" in page  # IKM of the kantor camat of Padang Selatan, Indonesian decimal comma
    assert reverse("portal:region", args=["13.71.01"]) in page


def test_the_cached_page_changes_at_once_after_an_announcement_and_after_the_nights_indicators(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    url = reverse("portal:region", args=["13.71.01.1001"])
    before = client.get(url).content.decode()
    assert "0 dari 0 selesai" in before
    assert client.get(url).content.decode() == before  # from memory
    with django_capture_on_commit_callbacks(execute=True):
        post(lurah_belakang_pondok, padang.kantor_lurah_bp, title="Kerja bakti Minggu pagi")
    assert "Kerja bakti Minggu pagi" in client.get(url).content.decode()
    # Requests are counted from the daily aggregates: a request finished yesterday shows once the night's
    # indicators are built, and the raw rows are never read by the portal.
    with django_capture_on_commit_callbacks(execute=True):
        finished_yesterday(padang, petugas_belakang_pondok, lurah_belakang_pondok)
    assert "1 dari 1 selesai" in client.get(url).content.decode()


def test_the_workflow_keeps_history_and_refuses_what_the_table_does_not_allow(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    a = post(lurah_belakang_pondok, padang.kantor_lurah_bp, publish=False, title="Draf rahasia")
    assert "Draf rahasia" not in client.get(reverse("portal:region", args=["13.71.01.1001"])).content.decode()
    assert client.get(reverse("portal:announcement", args=[a.pk])).status_code == 404
    stale = Announcement.objects.get(pk=a.pk)
    announcement_transition(actor=lurah_belakang_pondok, announcement=a, to_status=Status.TERBIT)
    with pytest.raises(DomainError, match="baru saja diubah"):
        announcement_transition(actor=lurah_belakang_pondok, announcement=stale, to_status=Status.TERBIT)
    with pytest.raises(DomainError, match="tidak dapat diubah menjadi"):
        announcement_transition(actor=lurah_belakang_pondok, announcement=a, to_status=Status.DRAF)
    with pytest.raises(DomainError, match="alasan"):
        announcement_transition(actor=lurah_belakang_pondok, announcement=a, to_status=Status.DITARIK)
    announcement_update(actor=lurah_belakang_pondok, announcement=a, data=data(title="Judul yang dikoreksi"))
    announcement_transition(actor=lurah_belakang_pondok, announcement=a, to_status=Status.DITARIK, note="Batal")
    steps = [(c.from_status, c.to_status) for c in AnnouncementChange.objects.filter(announcement=a)]
    assert steps == [("", "draf"), ("draf", "terbit"), ("", ""), ("terbit", "ditarik")]  # a correction moves none
    correction = AnnouncementChange.objects.get(announcement=a, note="Koreksi isi")
    assert correction.old_values == {"title": "Draf rahasia"}
    assert client.get(reverse("portal:announcement", args=[a.pk])).status_code == 404


def test_publication_window_and_hoax_clarification(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    today = timezone.localdate()
    post(lurah_belakang_pondok, padang.kantor_lurah_bp, title="Belum tayang", publish_from=today + dt.timedelta(3))
    post(
        lurah_belakang_pondok,
        padang.kantor_lurah_bp,
        title="Sudah lewat",
        publish_from=today - dt.timedelta(9),
        publish_until=today - dt.timedelta(1),
    )
    with pytest.raises(DomainError) as exc:
        post(lurah_belakang_pondok, padang.kantor_lurah_bp, kind=Kind.KLARIFIKASI, title="Klarifikasi")
    assert exc.value.field == "claim"
    hoax = post(
        lurah_belakang_pondok,
        padang.kantor_lurah_bp,
        kind=Kind.KLARIFIKASI,
        title="Tidak ada pungutan untuk KTP",
        claim="Beredar pesan bahwa pembuatan KTP dipungut Rp50.000.",
        verdict=Verdict.HOAKS,
        source_url="https://padang.go.id/klarifikasi",
    )
    page = client.get(reverse("portal:region", args=["13.71.01"])).content.decode()
    assert "Belum tayang" not in page and "Sudah lewat" not in page
    assert "Tidak ada pungutan untuk KTP" in page and "Kesimpulan: <strong>Hoaks</strong>" in page
    detail = client.get(reverse("portal:announcement", args=[hoax.pk])).content.decode()
    assert "dipungut Rp50.000" in detail and "https://padang.go.id/klarifikasi" in detail


def test_the_body_is_sanitised(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    a = post(
        lurah_belakang_pondok,
        padang.kantor_lurah_bp,
        body='<p onclick="x()">Halo <strong>warga</strong><script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a><img src=x onerror=y></p>',
    )
    assert a.body.startswith("<p>Halo <strong>warga</strong>")
    page = client.get(reverse("portal:announcement", args=[a.pk])).content.decode()
    for bad in ("<script>alert", "onclick", "javascript:", "onerror", "<img"):
        assert bad not in page


def test_who_may_post_for_which_unit(
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    petugas_belakang_pondok: User,
    pimpinan_padang: User,
) -> None:
    post(lurah_belakang_pondok, padang.kantor_lurah_bp)
    post(pimpinan_padang, padang.kantor_lurah_bt)  # pimpinan daerah: any unit of the kota
    sekretaris = make_user("sekcam_ps", Role.SEKRETARIS, make_employee(padang.kantor_camat_ps, "Hasnah"))
    post(sekretaris, padang.kantor_camat_ps)
    for actor, unit in (
        (lurah_belakang_pondok, padang.kantor_lurah_al),
        (camat_padang_selatan, padang.kantor_lurah_bp),  # a camat posts for the kantor camat only
        (petugas_belakang_pondok, padang.kantor_lurah_bp),
    ):
        with pytest.raises(Forbidden, match="tidak berwenang"):
            post(actor, unit)
    assert Announcement.objects.count() == 3


def test_staff_pages_keep_what_was_typed_make_one_record_and_hide_other_units(
    client: Client, padang: Padang, lurah_belakang_pondok: User, petugas_alang_laweh: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    form = {
        "unit": padang.kantor_lurah_bp.pk,
        "kind": "klarifikasi",
        "title": "Isu bantuan sosial",
        "body": "Isi",
        "publish_from": timezone.localdate().isoformat(),
        "submit_token": "token-1",
    }
    page = client.post(reverse("portal:new"), form).content.decode()
    assert "Tuliskan isu atau kabar yang diklarifikasi." in page and "Isu bantuan sosial" in page
    form.update(claim="Bansos dihentikan", verdict="hoaks")
    assert client.post(reverse("portal:new"), form).status_code == 302
    assert client.post(reverse("portal:new"), form).status_code == 302  # sent twice
    assert Announcement.objects.count() == 1
    a = Announcement.objects.get()
    assert client.get(reverse("portal:staff_detail", args=[a.pk])).status_code == 200
    client.force_login(petugas_alang_laweh)
    assert client.get(reverse("portal:staff_detail", args=[a.pk])).status_code == 404


def test_the_feed_is_valid_atom_with_published_items_only(padang: Padang, lurah_belakang_pondok: User) -> None:
    post(lurah_belakang_pondok, padang.kantor_lurah_bp, title="Terbit satu")
    post(lurah_belakang_pondok, padang.kantor_lurah_bp, title="Masih draf", publish=False)
    response = Client().get(reverse("portal:feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's answer, in a test)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["Terbit satu"]


def test_unknown_regions_get_an_indonesian_404(client: Client, padang: Padang) -> None:
    for url in (
        reverse("portal:region", args=["13.71.99"]),
        reverse("portal:region", args=["14.01"]),
        reverse("portal:region", args=["13.71.01.9999"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_cold_render_keeps_a_constant_number_of_queries(
    client: Client,
    padang: Padang,
    category: Category,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    pimpinan_padang: User,
) -> None:
    from django.core.cache import caches

    service = make_service()

    def cold(url: str) -> int:
        caches["local"].clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def seed() -> None:
        finished_yesterday(padang, petugas_belakang_pondok, lurah_belakang_pondok)
        make_request(padang.kantor_lurah_al, service)
        complain(padang, category)
        complain(padang, category, region=padang.belakang_tangsi)
        post(pimpinan_padang, padang.kantor_lurah_bt)
        add_responses(make_survey(padang.kantor_lurah_bp, published=True), [[3] * 9])

    seed()
    client.get(reverse("portal:home"))  # the deployment's name is read once per process
    first = {
        url: cold(url)
        for url in (
            reverse("portal:home"),
            reverse("portal:region", args=["13.71.01"]),
            reverse("portal:region", args=["13.71.01.1001"]),
        )
    }
    for _ in range(3):
        seed()
    again = {url: cold(url) for url in first}
    assert again == first
    assert max(first.values()) <= 14


def test_each_role_is_offered_only_the_steps_it_may_take(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    petugas_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
) -> None:
    from pamong.portal.services import MACHINE

    a = post(lurah_belakang_pondok, padang.kantor_lurah_bp, publish=False)

    def offered(user: User) -> list[str]:
        return [str(t.verb) for t in MACHINE.available(user, a)]

    # The lurah posted it for the kantor lurah; pimpinan daerah may act on every unit of the kota.
    assert offered(lurah_belakang_pondok) == offered(pimpinan_padang) == ["Terbitkan"]
    assert offered(petugas_belakang_pondok) == offered(camat_padang_selatan) == []
    with pytest.raises(Forbidden, match="tidak berwenang"):
        announcement_transition(actor=camat_padang_selatan, announcement=a, to_status=Status.TERBIT)
    announcement_transition(actor=pimpinan_padang, announcement=a, to_status=Status.TERBIT)
    assert offered(lurah_belakang_pondok) == ["Tarik dari portal"]
    url = reverse("portal:staff_detail", args=[a.pk])
    client.force_login(petugas_belakang_pondok)  # sees it, may neither correct nor withdraw it
    page = client.get(url).content.decode()
    assert "Tarik dari portal" not in page and "Simpan" not in page and a.title in page
    assert client.post(url, {"title": "Diubah petugas"}).status_code == 403
    assert client.get(reverse("portal:new")).status_code == 404
    assert "Tulis pengumuman" not in client.get(reverse("portal:manage")).content.decode()
    client.force_login(lurah_belakang_pondok)
    page = client.get(url).content.decode()
    assert "Tarik dari portal" in page and "Alasan penarikan" in page and "Simpan" in page


def test_the_history_keeps_the_post_the_actor_held_at_the_time(padang: Padang, lurah_belakang_pondok: User) -> None:
    a = post(lurah_belakang_pondok, padang.kantor_lurah_bp)
    lurah_post = padang.lurah_bp.position
    # Later the lurah moves to Alang Laweh with another post.
    padang.lurah_bp.unit, padang.lurah_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.lurah_bp.save()
    created, published = AnnouncementChange.objects.filter(announcement=a).order_by("at", "id")
    for row in (created, published):
        assert (row.actor_unit, row.actor_position, row.kabkota_code, row.actor_label) == (
            padang.kantor_lurah_bp,
            lurah_post,
            "13.71",
            "Lurah (Mulyadi)",
        )
    assert published.get_to_status_display() == "Terbit"


def test_a_refused_withdrawal_keeps_what_was_typed(
    client: Client, padang: Padang, lurah_belakang_pondok: User, pimpinan_padang: User
) -> None:
    a = post(lurah_belakang_pondok, padang.kantor_lurah_bp)
    client.force_login(lurah_belakang_pondok)
    url = reverse("portal:transition", args=[a.pk])
    empty = client.post(url, {"from_status": "terbit", "to_status": "ditarik", "note": " "})
    assert empty.status_code == 400 and "Tuliskan alasan penarikan pengumuman." in empty.content.decode()
    # Pimpinan withdraws it first; the lurah's reason, sent from the page opened before, is shown back.
    announcement_transition(actor=pimpinan_padang, announcement=a, to_status=Status.DITARIK, note="Salah tanggal")
    page = client.post(url, {"from_status": "terbit", "to_status": "ditarik", "note": "Jadwal diundur sepekan"})
    html = page.content.decode()
    assert page.status_code == 400 and "baru saja diubah" in html and "Jadwal diundur sepekan" in html
    assert "Jadikan draf lagi" in html  # what may be done now


def test_without_the_page_cache_the_figures_kept_as_fragments_are_never_stale(
    client: Client,
    padang: Padang,
    category: Category,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The complaint figures and the SKM results of a portal page are kept as fragments under their versions: with
    the whole-page cache off, a new complaint and new survey answers show at once."""
    settings.PAMONG_PAGE_CACHE = False
    village = reverse("portal:region", args=["13.71.01.1001"])
    assert "Lampu jalan padam" not in client.get(village).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        complain(padang, category)
    assert "Lampu jalan padam" in client.get(village).content.decode()
    survey = make_survey(padang.kantor_camat_ps, published=True)
    home = reverse("portal:home")
    assert "100,00" not in client.get(home).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        add_responses(survey, [[4] * 9] * 3)
        forget_public_results()  # what the services that take an answer do after it commits
    assert "100,00" in client.get(home).content.decode()


def test_an_office_page_says_where_when_and_who(
    client: Client, padang: Padang, lurah_belakang_pondok: User, django_capture_on_commit_callbacks: Any
) -> None:
    from pamong.attendance.services import Hours, schedule_save

    unit = padang.kantor_lurah_bp
    unit.address, unit.phone = "Jl. Belakang Pondok No. 12, Padang", "0751 21234"
    unit.latitude, unit.longitude = Decimal("-0.963400"), Decimal("100.361200")
    unit.save()
    url = reverse("portal:region", args=["13.71.01.1001"])
    page = client.get(url).content.decode()
    assert '<h1 class="h3 mb-1">Kelurahan Belakang Pondok</h1>' in page
    assert "Jl. Belakang Pondok No. 12, Padang" in page and 'href="tel:075121234"' in page
    assert "Senin–Kamis 07.30–16.00; Jumat 07.30–16.30" in page
    assert 'aria-label="Peta lokasi kantor"' in page and 'data-lat="-0.963400"' in page
    assert '<dt class="col-sm-3">Lurah</dt><dd class="col-sm-9">Mulyadi</dd>' in page
    assert "Kabupaten/Kota" not in client.get(reverse("portal:region", args=["13.71"])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        schedule_save(
            kabkota_code="13.71",
            unit=unit,
            hours=Hours(dt.time(8), dt.time(15, 30), dt.time(8), dt.time(15, 30), 0),
            actor=lurah_belakang_pondok,
        )
    assert "Senin–Jumat 08.00–15.30" in client.get(url).content.decode()  # the cached page follows at once


def test_kept_sections_follow_what_they_show_when_the_page_is_built_again(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    category: Category,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Without the whole-page cache (as after any write), the office card, the services, the announcements and
    the innovations are kept rendered under their own versions: a complaint rebuilds the page around them, and
    a change to any of them shows at once."""
    settings.PAMONG_PAGE_CACHE = False
    service = make_service()
    url = reverse("portal:region", args=["13.71.01.1001"])  # the kelurahan: its services and office
    assert service.name in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        complain(padang, category)
        service.name = "Surat Keterangan Domisili Penduduk"
        service.save()  # as the admin saves it
    page = client.get(url).content.decode()
    assert "Surat Keterangan Domisili Penduduk" in page
    with django_capture_on_commit_callbacks(execute=True):
        post(lurah_belakang_pondok, padang.kantor_lurah_bp, title="Pelayanan KTP keliling")
    assert "Pelayanan KTP keliling" in client.get(url).content.decode()
