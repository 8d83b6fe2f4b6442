"""Starting from what a Pemda has: a BKN SIASN employee export of its ASN, and a list of each desa's apparatus
(not in SIASN). Column titles in SIASN's spelling, units and posts matched by name, every bad row reported with
its column, nothing saved while one row is bad."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from pamong.accounts.models import Role, User
from pamong.organization.models import Employee, Position
from pamong.organization.services import units_scaffold
from pamong.testing import Konsel, make_konsel, make_nip, make_region, make_user

pytestmark = pytest.mark.django_db

SIASN_HEADER = [
    "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR", "TANGGAL LAHIR",
    "JENIS KELAMIN", "AGAMA", "NIK", "JENIS PEGAWAI", "KEDUDUKAN HUKUM", "GOL AKHIR", "JABATAN NAMA",
    "UNOR NAMA", "INSTANSI INDUK NAMA", "TMT JABATAN",
]  # fmt: skip
# (jabatan, unit organisasi as SIASN writes it): posts of the kantor camat, the kantor lurah and Bagian Tapem.
POSTS = [
    ("Camat", "KECAMATAN TINANGGEA"),
    ("Sekretaris Camat", "Kecamatan Tinanggea"),
    ("Kepala Seksi Pemerintahan", "Seksi Pemerintahan Kecamatan Tinanggea"),
    ("Pengelola Data Pemerintahan", "Seksi Pemerintahan  Kecamatan  Tinanggea"),
    ("Pengadministrasi Layanan", "Kantor Camat Tinanggea"),
    ("Operator Layanan Terpadu", "kecamatan tinanggea"),
    ("Lurah Tinanggea", "Kelurahan Tinanggea Kecamatan Tinanggea"),
    ("Sekretaris Lurah", "KELURAHAN TINANGGEA"),
    ("Pengadministrasi Umum", "Kelurahan Tinanggea"),
    ("Kepala Bagian Tata Pemerintahan", "Bagian Tata Pemerintahan Setda Kabupaten Konawe Selatan"),
]


@pytest.fixture
def konsel(db: object) -> Konsel:
    return make_konsel()


@pytest.fixture
def admin_konsel(konsel: Konsel) -> User:
    return make_user("admin_konsel", Role.ADMIN)


def siasn_rows(n: int = 50) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(n):
        gender = "1" if i % 2 == 0 else "2"
        birth = dt.date(1970 + i % 25, 1 + i % 12, 1 + i % 27)
        pppk = i % 5 == 4
        nip = make_nip(birth=birth, tmt=f"{birth.year + 25}0{1 + i % 9}", gender=gender, seq=i + 1)
        title, unor = POSTS[i % len(POSTS)]
        rows.append(
            [
                nip,
                "",
                f"Pegawai {i + 1:02d}",
                "",
                "S.Sos." if i % 3 == 0 else "",
                "Andoolo",
                birth.strftime("%d-%m-%Y"),
                "Pria" if gender == "1" else "Wanita",
                "Islam",
                "7405010101900001",  # SIASN carries the NIK: it is not read, never stored
                "PPPK" if pppk else "PNS Daerah",
                "Aktif",
                "IX" if pppk else f"III/{'abcd'[i % 4]}",
                title,
                unor,
                "Pemerintah Kab. Konawe Selatan",
                "01-03-2021",  # not the term of a kepala desa: not read
            ]
        )
    return rows


def workbook(header: list[str], rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    for cell in ws["A"]:
        cell.number_format = "@"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client: Client, content: bytes, name: str) -> str:
    response = client.post(reverse("organization:employee_import"), {"file": SimpleUploadedFile(name, content)})
    return response.content.decode() if response.status_code == 200 else f"REDIRECT {response['Location']}"


def test_a_siasn_export_of_50_asn_is_imported(client: Client, konsel: Konsel, admin_konsel: User) -> None:
    client.force_login(admin_konsel)
    assert upload(client, workbook(SIASN_HEADER, siasn_rows(50)), "siasn.xlsx") == "REDIRECT /pegawai/"
    staff = Employee.objects.filter(kabkota_code="74.05")
    assert staff.count() == 50
    assert staff.filter(employment_type="pppk").count() == 10 and staff.filter(employment_type="pns").count() == 40
    first = staff.get(name="Pegawai 01")
    assert (first.position, first.gender, first.golongan, first.birth_date, first.title_suffix) == (
        konsel.position(konsel.kantor_camat, "Camat"),
        "L",
        "III/a",
        dt.date(1970, 1, 1),
        "S.Sos.",
    )
    # The most local office a SIASN unit names; the office's own name after a post is read as the post.
    lurah = staff.get(name="Pegawai 07")
    assert lurah.unit == konsel.kantor_lurah and lurah.position == konsel.position(konsel.kantor_lurah, "Lurah")
    assert staff.get(name="Pegawai 10").unit == konsel.tapem
    assert staff.get(name="Pegawai 05").golongan == "IX"


def test_every_bad_siasn_row_is_reported_with_its_column_and_nothing_is_saved(
    client: Client, konsel: Konsel, admin_konsel: User
) -> None:
    # A second Desa Lapoa in another kecamatan: "Desa Lapoa" names two offices.
    make_region("74.05.08", "Palangga")
    make_region("74.05.08.2001", "Lapoa")
    units_scaffold(kabkota=konsel.kabkota)
    client.force_login(admin_konsel)
    rows = siasn_rows(6)
    rows[1][14] = "Kelurahan Antah Berantah"
    rows[2][14] = "Desa Lapoa"
    rows[3][13] = "Bupati"
    rows[4][10] = "Magang"
    rows[5][12] = "V/z"
    html = upload(client, workbook(SIASN_HEADER, rows), "siasn.xlsx")
    assert "5 dari 6 baris perlu diperbaiki" in html
    assert (
        "baris 3, kolom unit_organisasi: unit organisasi &#x27;Kelurahan Antah Berantah&#x27; tidak cocok dengan "
        "kantor mana pun di wilayah Anda" in html
    )
    assert (
        "baris 4, kolom unit_organisasi: unit organisasi &#x27;Desa Lapoa&#x27; cocok dengan lebih dari satu kantor: "
        "Kantor Desa Lapoa (74.05.07.2006), Kantor Desa Lapoa (74.05.08.2001); isi kolom kode_unit." in html
    )
    assert "baris 5, kolom jabatan: jabatan &#x27;Bupati&#x27; tidak ada di Kantor Camat Tinanggea." in html
    assert "baris 6, kolom jenis_kepegawaian: jenis kepegawaian &#x27;Magang&#x27;" in html
    assert "baris 7, kolom golongan: Golongan PNS &#x27;V/Z&#x27; tidak dikenal; tulis seperti III/a." in html
    assert not Employee.objects.exists()


PERANGKAT_CSV = """Nama;Jenis Kelamin;Jabatan;NIPD;Kode Desa;Awal Masa Jabatan;Akhir Masa Jabatan
Lukman Tawulo;L;Kepala Desa;;74.05.07.2006;10-01-2022;10-01-2030
Wa Ode Hasnah;P;Sekdes;7405.07.2006.002;74.05.07.2006;;
Ahmad Laode;L;Kaur TU dan Umum;7405.07.2006.003;74.05.07.2006;;
Sitti Aminah;P;Kaur Keuangan;7405.07.2006.004;74.05.07.2006;;
Rusdin;L;Kaur Perencanaan;;74.05.07.2006;;
Hasrun;L;Kasi Pemerintahan;7405.07.2006.006;74.05.07.2006;;
Nurhaeda;P;Kasi Kesejahteraan;;74.05.07.2006;;
Irwan Saleh;L;Kasi Pelayanan;;74.05.07.2006;;
La Ode Amir;L;Kepala Dusun I;;74.05.07.2006;;
Wa Nisa;P;Kepala Dusun II;;74.05.07.2006;;
Samsul;L;Kadus III;;74.05.07.2006;;
"""


def test_a_desas_perangkat_with_its_kepala_desa_is_imported(client: Client, konsel: Konsel, admin_konsel: User) -> None:
    client.force_login(admin_konsel)
    assert upload(client, PERANGKAT_CSV.encode(), "perangkat-lapoa.csv") == "REDIRECT /pegawai/"
    staff = Employee.objects.filter(unit=konsel.kantor_desa)
    assert staff.count() == 11 and not staff.exclude(nip=None).exists()
    kades = staff.get(employment_type=Employee.EmploymentType.KEPALA_DESA)
    assert (kades.name, kades.term_start, kades.term_end) == (
        "Lukman Tawulo",
        dt.date(2022, 1, 10),
        dt.date(2030, 1, 10),
    )
    assert kades.position == konsel.position(konsel.kantor_desa, "Kepala Desa")
    assert staff.filter(employment_type=Employee.EmploymentType.PERANGKAT_DESA).count() == 10
    sekdes = staff.get(name="Wa Ode Hasnah")
    assert (sekdes.position.title, sekdes.nipd) == ("Sekretaris Desa", "7405.07.2006.002")  # type: ignore[union-attr]
    assert staff.get(name="Ahmad Laode").position.title == "Kepala Urusan Tata Usaha dan Umum"  # type: ignore[union-attr]
    assert staff.filter(position__kind=Position.Kind.KEPALA_DUSUN).count() == 3


def test_a_perangkat_list_by_desa_name_reports_its_bad_rows(client: Client, konsel: Konsel, admin_konsel: User) -> None:
    client.force_login(admin_konsel)
    csv = (
        "nama,jk,jabatan,nipd,nama desa,awal masa jabatan,akhir masa jabatan\n"
        "Lukman Tawulo,L,Kepala Desa,,Lapoa,2030-01-10,2022-01-10\n"
        "Wa Ode Hasnah,P,Sekretaris Desa,12/34,Lapoa,2022-01-10,\n"
        "Rusdin,L,Kaur Keuangan,,Lapoaa,,\n"
        "Nurhaeda,,Kasi Pelayanan,X,LAPOA,,\n"
        "Irwan Saleh,L,Kasi Pelayanan,12/34,Lapoa,,\n"
    )
    html = upload(client, csv.encode(), "perangkat.csv")
    assert "4 dari 5 baris perlu diperbaiki" in html
    assert "baris 2, kolom akhir_masa_jabatan: Akhir masa jabatan harus sesudah awal masa jabatan." in html
    assert "baris 3, kolom awal_masa_jabatan: Masa jabatan hanya diisi untuk kepala desa" in html
    assert "baris 4, kolom nama_desa: nama desa &#x27;Lapoaa&#x27; tidak cocok" in html
    assert "baris 5, kolom jenis_kelamin: jenis kelamin kosong; isi L atau P." in html
    assert "baris 6" not in html
    assert not Employee.objects.exists()
