"""Each role sees its own region subtree; another unit's staff are a 404, never a 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.organization.models import Employee
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def names(user: User) -> set[str]:
    return set(Employee.objects.visible_to(user).values_list("name", flat=True))


def test_petugas_sees_only_their_kelurahan(petugas_belakang_pondok: User) -> None:
    assert names(petugas_belakang_pondok) == {"Mulyadi", "Yusnimar"}


def test_camat_sees_the_kecamatan_and_all_its_kelurahan(camat_padang_selatan: User) -> None:
    assert names(camat_padang_selatan) == {"Zulfahmi", "Mulyadi", "Yusnimar", "Rosmawati"}


def test_pimpinan_daerah_sees_the_whole_kota(pimpinan_padang: User) -> None:
    assert names(pimpinan_padang) == {"Zulfahmi", "Mulyadi", "Yusnimar", "Rosmawati", "Hendri", "Firdaus"}


def test_an_account_without_an_employee_sees_nothing(padang: Padang) -> None:
    stray = User.objects.create_user(username="stray", password="x-very-long-pass", role="petugas")
    assert names(stray) == set()


def test_petugas_cannot_list_open_or_change_staff_of_another_kelurahan(
    client: Client, padang: Padang, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    listing = client.get(reverse("organization:employees")).content.decode()
    assert "Yusnimar" in listing
    assert "Rosmawati" not in listing

    other = padang.staf_al
    assert client.get(reverse("organization:employee", args=[other.pk])).status_code == 404
    assert client.get(reverse("organization:employee_edit", args=[other.pk])).status_code == 404
    response = client.post(reverse("organization:employee_edit", args=[other.pk]), {"name": "Diubah", "gender": "P"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Rosmawati"
    assert client.get(reverse("organization:unit", args=[padang.kantor_lurah_al.pk])).status_code == 404


def test_petugas_may_read_but_not_change_staff_of_their_own_unit(
    client: Client, padang: Padang, petugas_belakang_pondok: User
) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("organization:employee", args=[padang.lurah_bp.pk])).status_code == 200
    response = client.get(reverse("organization:employee_edit", args=[padang.lurah_bp.pk]))
    assert response.status_code == 403
    assert "hanya dapat melihat" in response.content.decode()


def test_lurah_cannot_move_an_employee_into_another_kelurahan(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    staf = padang.staf_bp
    response = client.post(
        reverse("organization:employee_edit", args=[staf.pk]),
        {
            "nip": staf.nip,
            "name": staf.name,
            "gender": "P",
            "employment_type": "pns",
            "unit": padang.kantor_lurah_al.pk,
        },
    )
    assert response.status_code == 200
    assert "Unit tidak ditemukan" in response.content.decode()
    staf.refresh_from_db()
    assert staf.unit_id == padang.kantor_lurah_bp.pk


def test_staff_pages_need_sign_in(client: Client, padang: Padang) -> None:
    response = client.get(reverse("organization:employees"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_employee_who_left_keeps_no_access(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    padang.lurah_bp.active = False
    padang.lurah_bp.save()
    client.force_login(lurah_belakang_pondok)
    assert names(lurah_belakang_pondok) == set()
    assert client.get(reverse("organization:employee_edit", args=[padang.staf_bp.pk])).status_code == 404


def test_a_duplicate_nip_elsewhere_does_not_reveal_where(
    client: Client, padang: Padang, lurah_belakang_pondok: User, camat_padang_selatan: User
) -> None:
    nip = padang.staf_al.nip
    assert nip is not None
    data = {
        "nip": nip,
        "name": "Orang Baru",
        "gender": "P",
        "employment_type": "pns",
        "unit": padang.kantor_lurah_bp.pk,
    }
    client.force_login(lurah_belakang_pondok)
    html = client.post(reverse("organization:employee_new"), data).content.decode()
    assert f"NIP {nip} sudah terdaftar untuk pegawai lain." in html
    assert "Alang Laweh" not in html
    client.force_login(camat_padang_selatan)  # the camat sees both kelurahan
    html = client.post(reverse("organization:employee_new"), data).content.decode()
    assert f"NIP {nip} sudah terdaftar untuk pegawai lain (Kantor Lurah Alang Laweh)." in html


def test_each_role_is_offered_only_the_staff_actions_it_may_take(
    client: Client,
    padang: Padang,
    petugas_belakang_pondok: User,
    lurah_belakang_pondok: User,
    pimpinan_padang: User,
    admin_diskominfo: User,
) -> None:
    """Staff records are kept by the heads and secretaries of offices (and admins) within their area; the
    formasi by the pimpinan daerah and admins. The others see no button and are refused when they post."""
    unit, staf = padang.kantor_lurah_bp, padang.staf_bp
    keepers = {lurah_belakang_pondok, admin_diskominfo}
    planners = {pimpinan_padang, admin_diskominfo}
    for user in (petugas_belakang_pondok, lurah_belakang_pondok, pimpinan_padang, admin_diskominfo):
        client.force_login(user)
        unit_page = client.get(reverse("organization:unit", args=[unit.pk])).content.decode()
        assert ("Tambah pegawai" in unit_page) == (user in keepers), user
        assert ("Ubah data" in client.get(reverse("organization:employee", args=[staf.pk])).content.decode()) == (
            user in keepers
        ), user
        assert ("Impor pegawai" in client.get(reverse("organization:employees")).content.decode()) == (
            user in keepers
        ), user
        formasi = client.get(reverse("organization:formasi_unit", args=[unit.pk])).content.decode()
        assert ("Simpan kebutuhan" in formasi) == (user in planners), user
        if user not in keepers:
            assert client.get(reverse("organization:employee_edit", args=[staf.pk])).status_code == 403
            assert client.get(reverse("organization:employee_new")).status_code == 403
        if user not in planners:
            assert (
                client.post(
                    reverse("organization:formasi_unit", args=[unit.pk]), {f"need_{staf.position_id}": 4}
                ).status_code
                == 403
            )
