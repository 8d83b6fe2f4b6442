"""Approval by the head of the unit only, access scoped as everywhere, and what the public sees of a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role, User
from pamong.core.errors import Forbidden
from pamong.innovation.models import Innovation, InnovationChange, Stage, Status
from pamong.innovation.services import InnovationData, innovation_create, innovation_stage_set, innovation_transition
from pamong.innovation.testing import make_innovation
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lurah_belakang_tangsi(padang: Padang) -> User:
    lurah = make_employee(
        padang.kantor_lurah_bt, "Syafrizal", make_position(padang.kantor_lurah_bt, "Lurah", Position.Kind.KEPALA)
    )
    return make_user("lurah_bt", Role.KEPALA_UNIT, lurah)


def _propose(padang: Padang, petugas: User) -> Innovation:
    innovation, created = innovation_create(
        unit=padang.kantor_lurah_bp,
        data=InnovationData(
            name="Surat antar lansia",
            problem="Warga lanjut usia sulit datang ke kantor lurah.",
            change="Surat keterangan diantar petugas ke rumah.",
            kind="pelayanan",
            initiated_on=dt.date(2026, 1, 5),
            summary="<b>Surat</b> diantar ke rumah <script>alert(1)</script>",
        ),
        actor=petugas,
    )
    assert created
    return innovation


def test_staff_propose_and_only_the_head_of_the_unit_approves(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    innovation = _propose(padang, petugas_belakang_pondok)
    assert innovation.status == Status.DRAF
    assert innovation.summary == "Surat diantar ke rumah"  # plain text: HTML (and any script) taken out
    innovation_transition(innovation=innovation, to_status=Status.DIAJUKAN, actor=petugas_belakang_pondok)

    # The petugas who proposed it may not approve it, and the page offers no such button.
    with pytest.raises(Forbidden, match="Hanya kepala unit"):
        innovation_transition(innovation=innovation, to_status=Status.DITERBITKAN, actor=petugas_belakang_pondok)
    page = _client(petugas_belakang_pondok).get(innovation.get_absolute_url()).content.decode()
    assert "Setujui dan terbitkan" not in page and "Menunggu persetujuan kepala unit" in page
    posted = _client(petugas_belakang_pondok).post(
        reverse("innovation:transition", args=[innovation.pk]), {"from_status": "diajukan", "to_status": "diterbitkan"}
    )
    assert posted.status_code == 403
    # The camat sees it (his kecamatan) but heads another office.
    assert _client(camat_padang_selatan).get(innovation.get_absolute_url()).status_code == 200
    with pytest.raises(Forbidden):
        innovation_transition(innovation=innovation, to_status=Status.DITERBITKAN, actor=camat_padang_selatan)

    lurah = _client(lurah_belakang_pondok)
    assert "Setujui dan terbitkan" in lurah.get(innovation.get_absolute_url()).content.decode()
    response = lurah.post(
        reverse("innovation:transition", args=[innovation.pk]), {"from_status": "diajukan", "to_status": "diterbitkan"}
    )
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == Status.DITERBITKAN and innovation.published_at is not None
    steps = list(InnovationChange.objects.filter(innovation=innovation).values_list("to_status", "actor_label"))
    assert steps == [
        ("draf", "Pengadministrasi Umum (Yusnimar)"),
        ("diajukan", "Pengadministrasi Umum (Yusnimar)"),
        ("diterbitkan", "Lurah (Mulyadi)"),
    ]


def test_returning_needs_a_reason_and_keeps_what_was_typed(
    padang: Padang, petugas_belakang_pondok: User, lurah_belakang_pondok: User
) -> None:
    innovation = make_innovation(padang.kantor_lurah_bp, status=Status.DIAJUKAN)
    url = reverse("innovation:transition", args=[innovation.pk])
    response = _client(lurah_belakang_pondok).post(url, {"from_status": "diajukan", "to_status": "draf", "note": " "})
    assert response.status_code == 400
    assert "Tuliskan apa yang perlu diperbaiki." in response.content.decode()
    innovation.refresh_from_db()
    assert innovation.status == Status.DIAJUKAN


def test_another_kecamatan_cannot_see_or_change_it(
    padang: Padang, lurah_belakang_tangsi: User, petugas_alang_laweh: User
) -> None:
    innovation = make_innovation(padang.kantor_lurah_bp, status=Status.DIAJUKAN)
    other = _client(lurah_belakang_tangsi)
    for name in ("detail", "edit"):
        assert other.get(reverse(f"innovation:{name}", args=[innovation.pk])).status_code == 404
    for name in ("transition", "stage", "evidence_add"):
        assert other.post(reverse(f"innovation:{name}", args=[innovation.pk]), {}).status_code == 404
    assert innovation.name not in other.get(reverse("innovation:list")).content.decode()
    # Staff of a sibling kelurahan do not see another office's draft, not even through the search.
    page = _client(petugas_alang_laweh).get(reverse("innovation:list"), {"q": "antar"}).content.decode()
    assert innovation.name not in page


def test_a_published_innovation_of_another_office_is_found_by_the_search(
    padang: Padang, lurah_belakang_tangsi: User
) -> None:
    innovation = make_innovation(
        padang.kantor_lurah_bp, "Loket lansia", problem="Antrean panjang bagi lansia.", status=Status.DITERBITKAN
    )
    page = _client(lurah_belakang_tangsi).get(reverse("innovation:list"), {"q": "antrean lansia"}).content.decode()
    assert "Loket lansia" in page and innovation.get_public_url() in page
    assert innovation.get_absolute_url() not in page  # its staff page stays theirs


def test_a_draft_is_invisible_to_the_public(
    padang: Padang, lurah_belakang_pondok: User, django_capture_on_commit_callbacks: Any
) -> None:
    draft = make_innovation(padang.kantor_lurah_bp, "Inovasi rahasia", status=Status.DRAF)
    submitted = make_innovation(padang.kantor_lurah_bp, "Inovasi menunggu", status=Status.DIAJUKAN)
    public = Client()
    for innovation in (draft, submitted):
        assert public.get(reverse("innovation:public_detail", args=[innovation.pk])).status_code == 404
    pages = [
        public.get(reverse("innovation:public_list")).content.decode(),
        public.get(reverse("innovation:feed")).content.decode(),
        public.get(reverse("portal:region", args=[padang.belakang_pondok.code])).content.decode(),
    ]
    for html in pages:
        assert "Inovasi rahasia" not in html and "Inovasi menunggu" not in html
    # Once the head approves it, it shows everywhere at once (cached pages follow their version).
    with django_capture_on_commit_callbacks(execute=True):
        innovation_transition(innovation=submitted, to_status=Status.DITERBITKAN, actor=lurah_belakang_pondok)
    assert public.get(submitted.get_public_url()).status_code == 200
    assert "Inovasi menunggu" in public.get(reverse("innovation:public_list")).content.decode()
    assert "Inovasi menunggu" in public.get(reverse("innovation:feed")).content.decode()
    region = public.get(reverse("portal:region", args=[padang.belakang_pondok.code])).content.decode()
    assert "Inovasi menunggu" in region


def test_the_public_list_filters_by_kecamatan(padang: Padang) -> None:
    make_innovation(padang.kantor_lurah_bp, "Inovasi Padang Selatan", status=Status.DITERBITKAN)
    make_innovation(padang.kantor_lurah_bt, "Inovasi Padang Barat", status=Status.DITERBITKAN)
    html = Client().get(reverse("innovation:public_list"), {"kecamatan": padang.padang_barat.code}).content.decode()
    assert "Inovasi Padang Barat" in html and "Inovasi Padang Selatan" not in html


def test_the_stage_moves_forward_only_and_keeps_history(padang: Padang, petugas_belakang_pondok: User) -> None:
    innovation = make_innovation(padang.kantor_lurah_bp, initiated_on=dt.date(2026, 1, 5))
    innovation_stage_set(
        innovation=innovation, stage=Stage.UJI_COBA, day=dt.date(2026, 2, 2), actor=petugas_belakang_pondok
    )
    assert (innovation.stage, innovation.trial_on) == (Stage.UJI_COBA, dt.date(2026, 2, 2))
    response = _client(petugas_belakang_pondok).post(
        reverse("innovation:stage", args=[innovation.pk]), {"stage": "uji_coba", "day": "2026-02-10"}
    )
    assert response.status_code == 400
    assert "tahap hanya bergerak maju" in response.content.decode()
    change = InnovationChange.objects.filter(innovation=innovation).exclude(new={}).get()
    assert change.new == {"stage": "uji_coba", "date": "2026-02-02"}


def test_the_lists_take_as_many_queries_for_many_innovations_as_for_few(
    padang: Padang, lurah_belakang_pondok: User, settings: Any
) -> None:
    settings.PAMONG_PAGE_CACHE = False  # the cold path
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_innovation(padang.kantor_lurah_bp, status=Status.DITERBITKAN)
    staff, public = _client(lurah_belakang_pondok), Client()
    staff.get(reverse("innovation:recap"))  # the first request of a session reads more (the user, the session)
    few = (count(staff, reverse("innovation:list")), count(public, reverse("innovation:public_list")))
    for _ in range(5):
        make_innovation(padang.kantor_lurah_bp, status=Status.DITERBITKAN)
    many = (count(staff, reverse("innovation:list")), count(public, reverse("innovation:public_list")))
    assert many == few
