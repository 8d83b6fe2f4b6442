from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import User
from pamong.organization.models import Employee
from pamong.testing import Padang

pytestmark = pytest.mark.django_db


def form_data(padang: Padang, **overrides: Any) -> dict[str, Any]:
    data = {
        "nip": "19900101 201503 2 007",
        "name": "Desi Chaniago",
        "title_suffix": "S.Kom.",
        "gender": "P",
        "birth_date": "1990-01-01",
        "employment_type": "pns",
        "unit": padang.kantor_lurah_bp.pk,
        "position": padang.staf_bp_pos.pk,
        "active": "on",
    }
    data.update(overrides)
    return data


def test_lurah_adds_an_employee_with_a_valid_nip(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    response = client.post(reverse("organization:employee_new"), form_data(padang))
    employee = Employee.objects.get(name="Desi Chaniago")
    assert response.status_code == 302
    assert response["Location"] == reverse("organization:employee", args=[employee.pk])
    assert employee.nip == "199001012015032007"
    assert employee.kabkota_code == "13.71"
    page = client.get(response["Location"]).content.decode()
    assert "19900101 201503 2 007" in page
    assert "Desi Chaniago, S.Kom." in page


def test_an_invalid_nip_is_explained_next_to_the_field_and_the_input_is_kept(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    response = client.post(reverse("organization:employee_new"), form_data(padang, nip="199001012015132007"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bulan TMT pada NIP (digit 13–14: 13) harus 01 sampai 12." in html
    assert 'value="199001012015132007"' in html
    assert 'value="Desi Chaniago"' in html
    assert not Employee.objects.filter(name="Desi Chaniago").exists()


def test_a_duplicate_nip_is_refused_with_a_clear_message(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    existing = padang.staf_bp.nip
    assert existing is not None
    birth = f"{existing[0:4]}-{existing[4:6]}-{existing[6:8]}"
    response = client.post(
        reverse("organization:employee_new"), form_data(padang, nip=existing, gender="P", birth_date=birth)
    )
    html = response.content.decode()
    assert f"NIP {existing} sudah terdaftar untuk pegawai lain" in html
    assert Employee.objects.filter(nip=existing).count() == 1


def test_nip_that_disagrees_with_the_birth_date_is_refused(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    response = client.post(reverse("organization:employee_new"), form_data(padang, birth_date="1990-02-01"))
    assert (
        "Tanggal lahir (01-02-1990) tidak sama dengan tanggal lahir pada NIP (01-01-1990)." in response.content.decode()
    )


def test_honorer_has_no_nip_and_pns_must_have_one(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    response = client.post(reverse("organization:employee_new"), form_data(padang, employment_type="honorer"))
    assert "NIP hanya untuk PNS dan PPPK; honorer tidak memiliki NIP" in response.content.decode()
    response = client.post(reverse("organization:employee_new"), form_data(padang, nip=""))
    assert "NIP wajib diisi untuk pegawai PNS." in response.content.decode()
    response = client.post(reverse("organization:employee_new"), form_data(padang, nip="", employment_type="honorer"))
    assert response.status_code == 302
    assert Employee.objects.get(name="Desi Chaniago").nip is None


def test_a_position_from_another_unit_is_refused(client: Client, padang: Padang, camat_padang_selatan: User) -> None:
    client.force_login(camat_padang_selatan)
    response = client.post(reverse("organization:employee_new"), form_data(padang, position=padang.staf_al_pos.pk))
    assert "bukan jabatan di Kantor Lurah Belakang Pondok" in response.content.decode()


def test_editing_keeps_the_record_and_changes_only_what_was_changed(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    staf = padang.staf_bp
    page = client.get(reverse("organization:employee_edit", args=[staf.pk])).content.decode()
    assert f'value="{staf.nip}"' in page
    response = client.post(
        reverse("organization:employee_edit", args=[staf.pk]),
        {
            "nip": staf.nip,
            "name": "Yusnimar",
            "title_suffix": "S.E.",
            "gender": "P",
            "employment_type": "pns",
            "unit": padang.kantor_lurah_bp.pk,
            "position": padang.staf_bp_pos.pk,
        },
    )
    assert response.status_code == 302
    staf.refresh_from_db()
    assert staf.full_name == "Yusnimar, S.E."
    assert staf.active is False  # the box was unticked
