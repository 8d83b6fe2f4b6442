"""Draft → final by the rater, one assessment per employee per period, final is frozen until re-opened by
pimpinan/admin with a reason, and re-opening keeps the earlier values in the history."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError, Forbidden
from pamong.notifications.models import Notification
from pamong.skp.models import SkpAssessment, SkpChange, Status
from pamong.skp.services import ItemData, assessment_reopen
from pamong.skp.testing import post_data, rate
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def url(employee_pk: int, period: str = "2026") -> str:
    return reverse("skp:assess", kwargs={"employee_pk": employee_pk, "period": period})


def test_a_draft_keeps_what_was_typed_and_the_final_stores_the_predikat(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    draft = post_data(
        "di_bawah",
        "",
        **{
            "hasil-0-indicator": "Surat keterangan domisili selesai 1 hari",
            "hasil-0-target": "95%",
            "hasil-0-realisasi": "88%",
            "catatan_akuntabel": "Selalu tepat waktu",
            "simpan": "1",
        },
    )
    draft["nilai_akuntabel"] = "di_atas"
    for code in ("berorientasi_pelayanan", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"):
        draft[f"nilai_{code}"] = ""
    page = client.post(url(padang.staf_bp.pk), draft, follow=True)
    html = page.content.decode()
    assert "Draf penilaian Yusnimar Tahun 2026 disimpan" in html
    assert 'value="Surat keterangan domisili selesai 1 hari"' in html and 'value="Selalu tepat waktu"' in html
    assert "belum diberi rating: 6" in html
    a = SkpAssessment.objects.get()
    assert a.status == Status.DRAFT and a.predikat == "" and a.items.get().realisasi == "88%"
    # Finalising without every value rated is refused next to the field, and nothing typed is lost.
    refused = client.post(url(padang.staf_bp.pk), dict(draft, perilaku_rating="sesuai", finalkan="1"))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Beri rating nilai Berorientasi Pelayanan sebelum memfinalkan." in text
    assert 'value="Selalu tepat waktu"' in text
    a.refresh_from_db()
    assert a.status == Status.DRAFT
    done = client.post(url(padang.staf_bp.pk), post_data("di_bawah", "sesuai", finalkan="1"), follow=True)
    assert "Butuh Perbaikan" in done.content.decode()
    a.refresh_from_db()
    assert (a.status, a.predikat, a.finalized_at is not None) == (Status.FINAL, "butuh_perbaikan", True)
    assert list(a.changes.values_list("from_status", "to_status")) == [("", "draft"), ("draft", "final")]


def test_one_assessment_per_employee_per_period(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    first = client.post(url(padang.staf_bp.pk), post_data(finalkan="1"))
    again = client.post(url(padang.staf_bp.pk), post_data(finalkan="1"))  # double submit
    assert first.status_code == 302 and again.status_code == 302
    assert SkpAssessment.objects.count() == 1 and SkpChange.objects.count() == 2
    client.post(url(padang.staf_bp.pk, "2026-t1"), post_data(simpan="1"))
    assert SkpAssessment.objects.count() == 2  # a quarter is another period
    a = SkpAssessment.objects.get(quarter=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        SkpAssessment.objects.create(
            **{f.attname: getattr(a, f.attname) for f in SkpAssessment._meta.concrete_fields if f.name != "id"}
        )


def test_future_and_unknown_periods_are_refused(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    assert "Tahun 2027 belum dimulai" in client.get(url(padang.staf_bp.pk, "2027")).content.decode()
    assert client.get(url(padang.staf_bp.pk, "2026-t9")).status_code == 404
    assert client.get(url(padang.staf_bp.pk, "2026-t4")).status_code == 200  # October has begun


def test_a_final_assessment_cannot_be_edited(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    a = rate(padang.staf_bp, lurah_belakang_pondok, hasil="sesuai", perilaku="sesuai")
    client.force_login(lurah_belakang_pondok)
    page = client.post(url(padang.staf_bp.pk), post_data("di_bawah", "di_bawah", finalkan="1"), follow=True)
    assert "sudah final" in page.content.decode()
    with pytest.raises(DomainError, match="sudah final dan tidak dapat diubah"):
        rate(padang.staf_bp, lurah_belakang_pondok, hasil="di_bawah", perilaku="di_bawah", final=False)
    a.refresh_from_db()
    assert (a.predikat, a.hasil_rating) == ("baik", "sesuai")
    assert "Ubah draf" not in client.get(a.get_absolute_url()).content.decode()


def test_reopening_needs_pimpinan_and_a_reason_and_keeps_the_history(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    pimpinan_padang: User,
) -> None:
    a = rate(
        padang.staf_bp,
        lurah_belakang_pondok,
        hasil="di_atas",
        perilaku="di_atas",
        items=[ItemData("Layanan KTP", "100", "120")],
    )
    reopen_url = reverse("skp:reopen", kwargs={"pk": a.pk})
    client.force_login(camat_padang_selatan)  # a kepala unit may not re-open
    assert "Buka kembali untuk koreksi" not in client.get(a.get_absolute_url()).content.decode()
    refused = client.post(reopen_url, {"reason": "Salah memilih rating hasil kerja"})
    assert refused.status_code == 403 and "Hanya pimpinan daerah atau admin" in refused.content.decode()
    client.force_login(pimpinan_padang)
    short = client.post(reopen_url, {"reason": "salah"})
    assert "paling sedikit 10 huruf" in short.content.decode()
    done = client.post(reopen_url, {"reason": "Realisasi layanan KTP salah ketik"}, follow=True)
    assert "Penilaian dibuka kembali" in done.content.decode()
    a.refresh_from_db()
    assert a.status == Status.DRAFT and a.finalized_at is None
    # The rater corrects and finalises again; the first final values stay in the history.
    rate(padang.staf_bp, lurah_belakang_pondok, hasil="sesuai", perilaku="sesuai")
    a.refresh_from_db()
    assert a.predikat == "baik"
    history = list(a.changes.order_by("at", "id"))
    assert [(h.from_status, h.to_status) for h in history] == [
        ("", "draft"),
        ("draft", "final"),
        ("final", "draft"),
        ("draft", "final"),
    ]
    assert history[2].note == "Realisasi layanan KTP salah ketik"
    assert history[2].snapshot["predikat"] == "sangat_baik"
    assert history[2].snapshot["items"][0]["realisasi"] == "120"
    assert history[3].snapshot["predikat"] == "baik"
    html = client.get(a.get_absolute_url()).content.decode()
    assert (
        "Alasan: Realisasi layanan KTP salah ketik" in html
        and "hasil kerja di atas ekspektasi, perilaku kerja di atas ekspektasi, predikat Sangat Baik" in html
    )


def test_two_leaders_reopening_at_once_the_second_is_told(
    padang: Padang, lurah_belakang_pondok: User, pimpinan_padang: User, admin_diskominfo: User
) -> None:
    a = rate(padang.staf_bp, lurah_belakang_pondok)
    stale = SkpAssessment.objects.get(pk=a.pk)
    assessment_reopen(assessment=a, actor=pimpinan_padang, reason="Koreksi rating perilaku")
    with pytest.raises(DomainError, match="baru saja diubah oleh orang lain"):
        assessment_reopen(assessment=stale, actor=admin_diskominfo, reason="Koreksi rating perilaku")
    assert a.changes.filter(to_status=Status.DRAFT, from_status=Status.FINAL).count() == 1


def test_the_employee_is_told_by_email_when_final(padang: Padang, lurah_belakang_pondok: User) -> None:
    padang.staf_bp.email = "yusnimar@example.id"
    padang.staf_bp.save()
    rate(padang.staf_bp, lurah_belakang_pondok, hasil="di_atas", perilaku="sesuai")
    note = Notification.objects.get()
    assert note.recipient == "yusnimar@example.id" and "Predikat kinerja: Baik" in note.body


def test_each_role_is_offered_only_the_steps_it_may_take(
    client: Client,
    padang: Padang,
    lurah_belakang_pondok: User,
    camat_padang_selatan: User,
    petugas_belakang_pondok: User,
    pimpinan_padang: User,
    admin_diskominfo: User,
) -> None:
    from pamong.skp.services import MACHINE

    a = rate(padang.staf_bp, lurah_belakang_pondok, final=False)

    def offered(user: User) -> list[str]:
        return [t.verb_for(a) for t in MACHINE.available(user, a)]

    # A draft: only the rater (the lurah, direct superior of the staf) may make it final.
    assert offered(lurah_belakang_pondok) == ["Simpan dan finalkan"]
    for other in (camat_padang_selatan, petugas_belakang_pondok, pimpinan_padang, admin_diskominfo):
        assert offered(other) == []
    with pytest.raises(DomainError, match="Hanya pejabat penilai"):
        rate(padang.staf_bp, camat_padang_selatan)  # the higher superior does not rate while the lurah is in office
    a = rate(padang.staf_bp, lurah_belakang_pondok)
    # Final: only pimpinan daerah and admins may re-open it, with a reason.
    assert offered(pimpinan_padang) == offered(admin_diskominfo) == ["Buka kembali untuk koreksi"]
    for other in (lurah_belakang_pondok, camat_padang_selatan, petugas_belakang_pondok):
        assert offered(other) == []
    with pytest.raises(Forbidden, match="Hanya pimpinan daerah atau admin"):
        assessment_reopen(assessment=a, actor=camat_padang_selatan, reason="Salah memilih rating hasil kerja")
    client.force_login(pimpinan_padang)
    assert "Buka kembali untuk koreksi" in client.get(a.get_absolute_url()).content.decode()
    client.force_login(lurah_belakang_pondok)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Buka kembali untuk koreksi" not in page and "Ubah draf" not in page


def test_the_history_keeps_the_post_the_actor_held_at_the_time(
    padang: Padang, lurah_belakang_pondok: User, pimpinan_padang: User
) -> None:
    a = rate(padang.staf_bp, lurah_belakang_pondok)
    assessment_reopen(assessment=a, actor=pimpinan_padang, reason="Koreksi rating perilaku kerja")
    lurah_post = padang.lurah_bp.position
    # Later the lurah moves to Alang Laweh with another post.
    padang.lurah_bp.unit, padang.lurah_bp.position = padang.kantor_lurah_al, padang.staf_al_pos
    padang.lurah_bp.save()
    created, final, reopened = SkpChange.objects.filter(assessment=a).order_by("at", "id")
    for row in (created, final):
        assert (row.actor_unit, row.actor_position, row.kabkota_code) == (
            padang.kantor_lurah_bp,
            lurah_post,
            "13.71",
        )
        assert row.actor_label == "Lurah (Mulyadi)"
    assert final.snapshot["predikat"] == "baik"
    assert (reopened.actor_unit, reopened.note, reopened.get_from_status_display()) == (
        padang.tapem,
        "Koreksi rating perilaku kerja",
        "Final",
    )


def test_after_a_final_the_rater_goes_on_to_the_next_subordinate(
    client: Client, padang: Padang, lurah_belakang_pondok: User, pimpinan_padang: User
) -> None:
    """Rating a team: each final assessment offers the next subordinate of the period still to rate, until none
    is left; someone who is not the rater is offered nothing."""
    from pamong.testing import make_employee

    second = make_employee(padang.kantor_lurah_bp, "Rina Marlina", padang.staf_bp_pos)
    client.force_login(lurah_belakang_pondok)
    done = client.post(url(padang.staf_bp.pk), post_data("sesuai", "sesuai", finalkan="1"), follow=True)
    html = done.content.decode()
    assert 'id="berikutnya"' in html and "Masih 1 bawahan" in html
    assert f'href="{url(second.pk)}">Berikutnya: {second.full_name} ›' in html
    done = client.post(url(second.pk), post_data("sesuai", "sesuai", finalkan="1"), follow=True)
    html = done.content.decode()
    assert "Semua bawahan Anda sudah dinilai final untuk Tahun 2026." in html and "Berikutnya:" not in html
    client.force_login(pimpinan_padang)
    first = SkpAssessment.objects.get(employee=padang.staf_bp)
    assert 'id="berikutnya"' not in client.get(first.get_absolute_url()).content.decode()
