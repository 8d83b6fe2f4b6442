"""The desa apparatus (UU 6/2014, Permendagri 83/2015 and 84/2015): the elected kepala desa with the dates of
the term, perangkat desa appointed to the posts of the desa's organisation, a NIPD instead of a NIP, the kepala
dusun counted per dusun, and no ASN formasi for a kantor desa."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.core.errors import DomainError
from pamong.organization.models import Employee, Position
from pamong.organization.selectors import formasi_report, staffing_summary
from pamong.organization.services import EmployeeData, employee_create, formasi_set
from pamong.testing import Konsel, make_employee, make_kepala_desa, make_konsel, make_nip, make_perangkat, make_user

pytestmark = pytest.mark.django_db
KEPALA_DESA = Employee.EmploymentType.KEPALA_DESA
PERANGKAT_DESA = Employee.EmploymentType.PERANGKAT_DESA


@pytest.fixture
def konsel(db: object) -> Konsel:
    return make_konsel()


@pytest.fixture
def admin_konsel(konsel: Konsel):  # type: ignore[no-untyped-def]
    return make_user("admin_konsel", Role.ADMIN)


def data(konsel: Konsel, **kw: object) -> EmployeeData:
    values: dict[str, object] = {
        "name": "Lukman Tawulo",
        "gender": "L",
        "employment_type": KEPALA_DESA,
        "unit": konsel.kantor_desa,
        "position": konsel.position(konsel.kantor_desa, "Kepala Desa"),
        "term_start": dt.date(2022, 1, 10),
        "term_end": dt.date(2030, 1, 10),
        "nipd": "7405.07.2006.001",
    }
    values.update(kw)
    return EmployeeData(**values)  # type: ignore[arg-type]


def test_the_desa_organisation_has_a_kepala_dusun_under_the_kepala_desa(konsel: Konsel) -> None:
    kadus = konsel.position(konsel.kantor_desa, "Kepala Dusun")
    assert kadus.kind == Position.Kind.KEPALA_DUSUN
    assert kadus.reports_to == konsel.position(konsel.kantor_desa, "Kepala Desa")
    titles = set(konsel.kantor_desa.positions.values_list("title", flat=True))
    assert {"Sekretaris Desa", "Kepala Urusan Keuangan", "Kepala Seksi Pemerintahan"} <= titles
    # A kelurahan is not a desa: no kepala dusun there.
    assert not konsel.kantor_lurah.positions.filter(kind=Position.Kind.KEPALA_DUSUN).exists()


def test_a_kepala_desa_is_elected_for_a_term_and_has_a_nipd_not_a_nip(konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    kades = employee_create(actor=admin_konsel, data=data(konsel))
    assert (kades.nip, kades.nipd, kades.term_end) == (None, "7405.07.2006.001", dt.date(2030, 1, 10))
    with pytest.raises(DomainError, match="NIP hanya untuk PNS dan PPPK; kepala desa") as error:
        employee_create(actor=admin_konsel, data=data(konsel, name="Lain", nip=make_nip(), nipd=""))
    assert error.value.field == "nip"
    with pytest.raises(DomainError, match="Akhir masa jabatan harus sesudah awal masa jabatan"):
        employee_create(actor=admin_konsel, data=data(konsel, nipd="", term_end=dt.date(2021, 1, 1)))
    with pytest.raises(DomainError, match="Isi akhir masa jabatan kepala desa"):
        employee_create(actor=admin_konsel, data=data(konsel, nipd="", term_end=None))
    with pytest.raises(DomainError, match=r"NIPD 7405\.07\.2006\.001 sudah terdaftar"):
        employee_create(actor=admin_konsel, data=data(konsel, name="Lain"))


def test_desa_apparatus_work_in_a_kantor_desa_only(konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError, match="Perangkat desa hanya bekerja di kantor desa"):
        employee_create(
            actor=admin_konsel,
            data=data(
                konsel,
                employment_type=PERANGKAT_DESA,
                unit=konsel.kantor_lurah,
                position=None,
                term_start=None,
                term_end=None,
                nipd="",
            ),
        )
    with pytest.raises(DomainError, match="Masa jabatan hanya diisi untuk kepala desa"):
        employee_create(
            actor=admin_konsel,
            data=data(
                konsel, employment_type=PERANGKAT_DESA, position=konsel.position(konsel.kantor_desa, "Sekretaris Desa")
            ),
        )
    with pytest.raises(DomainError, match="NIPD hanya untuk kepala desa dan perangkat desa"):
        employee_create(
            actor=admin_konsel,
            data=data(konsel, employment_type="honorer", position=None, term_start=None, term_end=None),
        )
    sekdes = employee_create(
        actor=admin_konsel,
        data=data(
            konsel,
            name="Wa Ode Hasnah",
            gender="P",
            employment_type=PERANGKAT_DESA,
            position=konsel.position(konsel.kantor_desa, "Sekretaris Desa"),
            term_start=None,
            term_end=None,
            nipd="",
        ),
    )
    assert sekdes.employment_type == PERANGKAT_DESA and sekdes.nip is None


def test_the_employee_page_shows_the_term_and_flags_a_kepala_desa_past_it(
    client: Client, konsel: Konsel, admin_konsel
) -> None:  # type: ignore[no-untyped-def]
    kades = make_kepala_desa(konsel, term_start=dt.date(2018, 11, 1), term_end=dt.date(2024, 11, 1))
    client.force_login(admin_konsel)
    html = client.get(reverse("organization:employee", args=[kades.pk])).content.decode()
    assert "NIPD" in html and "7405.07.2006.001" in html and "Kepala desa (dipilih)" in html
    assert "1 November 2018 – 1 November 2024" in html and "Masa jabatan berakhir" in html
    kades.term_end = dt.date(2032, 11, 1)
    kades.save()
    html = client.get(reverse("organization:employee", args=[kades.pk])).content.decode()
    assert "Masa jabatan berakhir" not in html


def test_the_form_takes_the_nipd_and_the_term(client: Client, konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    client.force_login(admin_konsel)
    form = {
        "name": "Lukman Tawulo",
        "gender": "L",
        "employment_type": KEPALA_DESA,
        "unit": konsel.kantor_desa.pk,
        "position": konsel.position(konsel.kantor_desa, "Kepala Desa").pk,
        "nipd": "7405/2006/01",
        "term_start": "2025-03-01",
        "term_end": "2024-03-01",
        "active": "on",
    }
    html = client.post(reverse("organization:employee_new"), form).content.decode()
    assert "Akhir masa jabatan harus sesudah awal masa jabatan." in html
    response = client.post(reverse("organization:employee_new"), {**form, "term_end": "2033-03-01"})
    assert response.status_code == 302
    kades = Employee.objects.get(name="Lukman Tawulo")
    assert (kades.nipd, kades.term_start, kades.term_end) == ("7405/2006/01", dt.date(2025, 3, 1), dt.date(2033, 3, 1))


def test_kepala_dusun_are_needed_one_per_dusun(konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    kadus = konsel.position(konsel.kantor_desa, "Kepala Dusun")
    make_perangkat(konsel, "Kepala Dusun", "La Ode Amir")
    make_perangkat(konsel, "Kepala Dusun", "Wa Nisa", gender="P")
    year = 2026
    report = formasi_report(user=admin_konsel, year=year, unit=konsel.kantor_desa)
    row = {r.code: r for r in report.rows}[str(kadus.pk)]
    assert (row.needed, row.filled, row.vacant, row.unset, row.non_asn) == (4, 2, 2, 0, 2)
    # No ASN formasi is set for a kantor desa: its needs follow the organisation.
    with pytest.raises(DomainError, match="Kantor desa tidak memakai formasi ASN"):
        formasi_set(actor=admin_konsel, unit=konsel.kantor_desa, year=year, needs={kadus.pk: 9})
    konsel.kantor_desa.dusun_count = None
    konsel.kantor_desa.save()
    row = {r.code: r for r in formasi_report(user=admin_konsel, year=year, unit=konsel.kantor_desa).rows}[str(kadus.pk)]
    assert row.unset == 1


def test_the_staffing_table_counts_a_kepala_dusun_post_per_dusun(konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    before = staffing_summary(user=admin_konsel).total
    make_perangkat(konsel, "Kepala Dusun", "La Ode Amir")
    make_kepala_desa(konsel)
    make_employee(konsel.kantor_desa, "Seconded PNS", konsel.position(konsel.kantor_desa, "Operator Desa"))
    after = staffing_summary(user=admin_konsel).total
    n_positions = Position.objects.filter(kabkota_code="74.05").count()
    assert before.positions == after.positions == n_positions - 1 + 4
    assert before.vacant - after.vacant == 1 + 1 + 1  # one kepala dusun of four, the kepala desa, the operator
    assert after.count(KEPALA_DESA) == 1 and after.count(PERANGKAT_DESA) == 1 and after.count("pns") == 1


def test_the_formasi_page_of_a_kantor_desa_explains_its_needs(client: Client, konsel: Konsel, admin_konsel) -> None:  # type: ignore[no-untyped-def]
    client.force_login(admin_konsel)
    html = client.get(reverse("organization:formasi_unit", args=[konsel.kantor_desa.pk])).content.decode()
    assert "Kantor desa tidak memakai formasi ASN" in html and "4 dusun" in html
    assert "Simpan kebutuhan" not in html
    html = client.get(reverse("organization:formasi_unit", args=[konsel.kantor_lurah.pk])).content.decode()
    assert "Simpan kebutuhan" in html
    html = client.get(reverse("organization:unit", args=[konsel.kantor_desa.pk])).content.decode()
    assert " · 4 dusun" in html and "Kepala Dusun" in html
