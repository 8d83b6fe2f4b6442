"""Only the direct superior rates: the active holder of the position the employee's position reports to; when
that position is vacant, the next holder up the chain as Plt.; nobody else, not a higher superior, not an admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.core.errors import DomainError
from pamong.skp.models import SkpAssessment
from pamong.skp.services import rater_for
from pamong.skp.testing import Kecamatan, post_data, rate
from pamong.testing import Padang, make_employee

pytestmark = pytest.mark.django_db


def url(employee_pk: int, period: str = "2026") -> str:
    return reverse("skp:assess", kwargs={"employee_pk": employee_pk, "period": period})


def test_the_lurah_rates_his_staff(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    listing = client.get(reverse("skp:rater")).content.decode()
    # On 25 November the list opens on the last period that is over: the third quarter.
    assert "Triwulan III 2026" in listing and "Belum dinilai" in listing
    assert url(padang.staf_bp.pk, "2026-t3") in listing
    page = client.get(url(padang.staf_bp.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Yusnimar" in html and "Atasan langsung: Lurah (Mulyadi)." in html
    assert 'type="radio" name="hasil_rating"' in html and "Di atas ekspektasi" in html and "Kolaboratif" in html
    done = client.post(url(padang.staf_bp.pk), post_data("di_atas", "di_atas", finalkan="1"), follow=True)
    assert "difinalkan: Sangat Baik" in done.content.decode()
    a = SkpAssessment.objects.get()
    listing = client.get(reverse("skp:rater"), {"tahun": "2026", "periode": "0"}).content.decode()
    assert "Final" in listing and "Sangat Baik" in listing and a.get_absolute_url() in listing
    assert (a.rater, a.rater_position_title, a.employee_position_title) == (
        padang.lurah_bp,
        "Lurah",
        "Pengadministrasi Umum",
    )


def test_the_camat_cannot_rate_the_staff_of_a_lurah_in_office(
    client: Client, padang: Padang, camat_padang_selatan: User
) -> None:
    client.force_login(camat_padang_selatan)
    page = client.get(url(padang.staf_bp.pk))
    assert page.status_code == 403
    assert "Hanya pejabat penilai yang dapat menilai SKP Yusnimar: Lurah (Mulyadi)." in page.content.decode()
    refused = client.post(url(padang.staf_bp.pk), post_data(finalkan="1"))
    assert refused.status_code == 403 and not SkpAssessment.objects.exists()


def test_the_camat_cannot_rate_a_kasis_staff_and_the_kasi_can(
    client: Client, kecamatan: Kecamatan, camat_padang_selatan: User, kasi_pemerintahan: User
) -> None:
    client.force_login(camat_padang_selatan)
    assert client.post(url(kecamatan.staf.pk), post_data(finalkan="1")).status_code == 403
    with pytest.raises(DomainError, match="Kepala Seksi Pemerintahan \\(Desi\\)"):
        rate(kecamatan.staf, camat_padang_selatan)
    client.force_login(kasi_pemerintahan)
    assert client.post(url(kecamatan.staf.pk), post_data(finalkan="1")).status_code == 302
    assert SkpAssessment.objects.get().rater == kecamatan.kasi


def test_an_admin_cannot_rate(client: Client, padang: Padang, admin_diskominfo: User) -> None:
    client.force_login(admin_diskominfo)
    page = client.get(url(padang.staf_bp.pk))
    assert page.status_code == 403 and "Hanya pejabat penilai" in page.content.decode()
    with pytest.raises(DomainError):
        rate(padang.staf_bp, admin_diskominfo)
    assert not SkpAssessment.objects.exists()


def test_staff_of_another_kelurahan_get_a_404(client: Client, padang: Padang, petugas_alang_laweh: User) -> None:
    client.force_login(petugas_alang_laweh)
    assert client.get(url(padang.staf_bp.pk)).status_code == 404


def test_a_vacant_kasi_passes_the_rating_to_the_sekcam_as_plt_and_to_nobody_else(
    client: Client, kecamatan: Kecamatan, sekcam_padang_selatan: User, camat_padang_selatan: User
) -> None:
    kecamatan.kasi.active = False  # the kasi retired: the position is vacant
    kecamatan.kasi.save()
    rater = rater_for(kecamatan.staf)
    assert rater.holder == kecamatan.sekcam and rater.acting
    assert rater.explanation == (
        "Jabatan atasan langsung (Kepala Seksi Pemerintahan) kosong. Penilaian dilakukan oleh Sekretaris Camat "
        "(Rahmat) sebagai pelaksana tugas (Plt.)."
    )
    client.force_login(camat_padang_selatan)
    assert client.get(url(kecamatan.staf.pk)).status_code == 403
    client.force_login(sekcam_padang_selatan)
    listing = client.get(reverse("skp:rater")).content.decode()
    assert "Andi" in listing and "Plt. — atasan langsung (Kepala Seksi Pemerintahan) kosong" in listing
    page = client.get(url(kecamatan.staf.pk)).content.decode()
    assert "sebagai pelaksana tugas (Plt.)" in page
    client.post(url(kecamatan.staf.pk), post_data(finalkan="1"))
    a = SkpAssessment.objects.get()
    assert a.rater_acting and a.vacant_position_title == "Kepala Seksi Pemerintahan"
    assert (
        "sebagai pelaksana tugas Kepala Seksi Pemerintahan (kosong)"
        in client.get(reverse("skp:print", kwargs={"pk": a.pk})).content.decode()
    )


def test_no_rater_is_said_clearly(padang: Padang, kecamatan: Kecamatan) -> None:
    with pytest.raises(DomainError, match="tidak memiliki atasan langsung di Pamong"):
        rater_for(padang.camat_ps)
    without = make_employee(padang.kantor_lurah_bp, "Tanpa Jabatan")
    with pytest.raises(DomainError, match="belum memiliki jabatan"):
        rater_for(without)
    for person in (kecamatan.kasi, kecamatan.sekcam, padang.camat_ps):
        person.active = False
        person.save()
    with pytest.raises(DomainError, match=r"Jabatan atasan langsung \(Kepala Seksi Pemerintahan\) dan jabatan"):
        rater_for(kecamatan.staf)


def test_the_rater_list_shows_direct_subordinates_only(
    client: Client, padang: Padang, kecamatan: Kecamatan, camat_padang_selatan: User
) -> None:
    client.force_login(camat_padang_selatan)
    html = client.get(reverse("skp:rater")).content.decode()
    assert "Mulyadi" in html and "Rahmat" in html  # the lurah and the sekcam
    assert "Yusnimar" not in html and "Andi" not in html and "Desi" not in html
