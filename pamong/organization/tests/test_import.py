from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from pamong.accounts.models import User
from pamong.organization.models import Employee
from pamong.testing import Padang

pytestmark = pytest.mark.django_db

HEADER = "nip;nama;gelar_belakang;jenis_kelamin;tanggal_lahir;jenis_kepegawaian;kode_unit;jabatan\n"


def upload(client: Client, content: bytes, name: str = "pegawai.csv") -> str:
    response = client.post(reverse("organization:employee_import"), {"file": SimpleUploadedFile(name, content)})
    return response.content.decode() if response.status_code == 200 else f"REDIRECT {response['Location']}"


def test_a_good_csv_imports_every_row(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    csv = (
        HEADER
        + "19900101 201503 2 007;Desi Chaniago;S.Kom.;P;01-01-1990;PNS;13.71.01.1001;Pengadministrasi Umum\n"
        + ";Roni Tanjung;;L;1999-05-05;Honorer;13.71.01.1001;\n"
    )
    result = upload(client, csv.encode())
    assert result == "REDIRECT /pegawai/"
    assert Employee.objects.get(name="Desi Chaniago").position == padang.staf_bp_pos
    assert Employee.objects.get(name="Roni Tanjung").employment_type == "honorer"


def test_bad_rows_are_all_reported_and_nothing_is_imported(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    csv = (
        HEADER
        + "199001012015032007;Desi Chaniago;;P;1990-01-01;PNS;13.71.01.1001;\n"  # good
        + "199001012015132007;Salah Bulan;;P;1990-01-01;PNS;13.71.01.1001;\n"  # bad month
        + ";Tanpa Unit;;L;1990-01-01;Honorer;13.71.01.1002;\n"  # another kelurahan
        + "199001012015032007;Kembar;;P;1990-01-01;PNS;13.71.01.1001;\n"  # same NIP as row 2
        + ";Jenis Aneh;;L;1990-01-01;Magang;13.71.01.1001;\n"
        + ";Tanggal;;L;31-31-1990;Honorer;13.71.01.1001;\n"
        + ";Jabatan;;L;;Honorer;13.71.01.1001;Bupati\n"
    )
    html = upload(client, csv.encode())
    assert "tidak ada yang diimpor" in html
    assert "baris 3, kolom nip: Bulan TMT pada NIP (digit 13–14: 13) harus 01 sampai 12." in html
    assert (
        "baris 4, kolom kode_unit: kode unit &#x27;13.71.01.1002&#x27; tidak dikenal atau di luar wilayah Anda." in html
    )
    assert "baris 5, kolom nip: NIP 199001012015032007 sudah dipakai di baris 2 berkas ini." in html
    assert (
        "baris 6, kolom jenis_kepegawaian: jenis kepegawaian &#x27;Magang&#x27; harus PNS, PPPK, Honorer, Kontrak, "
        "Kepala desa atau Perangkat desa." in html
    )
    assert "baris 7, kolom tanggal_lahir: tanggal lahir &#x27;31-31-1990&#x27; tidak terbaca" in html
    assert "baris 8, kolom jabatan: jabatan &#x27;Bupati&#x27; tidak ada di Kantor Lurah Belakang Pondok." in html
    assert "6 dari 7 baris perlu diperbaiki" in html
    assert not Employee.objects.filter(name="Desi Chaniago").exists()


def test_a_nip_already_in_the_database_is_a_bad_row(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    nip = padang.staf_bp.nip
    csv = HEADER + f"{nip};Orang Lain;;P;;PNS;13.71.01.1001;\n"
    html = upload(client, csv.encode())
    assert f"baris 2, kolom nip: NIP {nip} sudah terdaftar untuk pegawai lain" in html


def xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["NIP", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Jenis Kepegawaian", "Kode Unit"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsx_is_recognised_by_content_and_imported(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    import datetime as dt

    content = xlsx([["198711112012061004", "Refki Koto", "L", dt.datetime(1987, 11, 11), "PPPK", "13.71.01.1001"]])
    assert upload(client, content, name="pegawai.dat") == "REDIRECT /pegawai/"
    assert Employee.objects.get(name="Refki Koto").employment_type == "pppk"


def test_a_nip_stored_as_a_number_in_excel_is_explained(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    # Excel keeps numbers as doubles: 18 digits do not survive (…1004 becomes …1000).
    content = xlsx([[1.98711112012061e17, "Refki Koto", "L", None, "PNS", "13.71.01.1001"]])
    html = upload(client, content, name="pegawai.xlsx")
    assert "baris 2, kolom nip: NIP tersimpan sebagai angka di Excel" in html


def test_files_that_are_not_tables_are_refused(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    assert "Berkas bukan CSV atau XLSX" in upload(client, b"%PDF-1.7 ...", name="pegawai.csv")
    assert "Kolom wajib tidak ditemukan di baris judul: kode_unit (atau unit_organisasi, nama_desa)" in upload(
        client, b"nama\nAfrizal\n"
    )
    assert "Berkas XLSX rusak" in upload(client, b"PK\x03\x04garbage", name="x.xlsx")


def test_petugas_cannot_import(client: Client, padang: Padang, petugas_belakang_pondok: User) -> None:
    client.force_login(petugas_belakang_pondok)
    assert client.get(reverse("organization:employee_import")).status_code == 403


def test_rows_get_the_same_field_rules_as_the_form(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    client.force_login(lurah_belakang_pondok)
    header = "nama;jenis_kelamin;jenis_kepegawaian;kode_unit;telepon;surel\n"
    csv = (
        header
        + f"Panjang;L;Honorer;13.71.01.1001;{'8' * 30};\n"
        + "Surel;L;Honorer;13.71.01.1001;;bukan-surel\n"
        + "Bel\x07;L;Honorer;13.71.01.1001;;\n"
        + '"=HYPERLINK(""http://contoh.invalid"")";L;Honorer;13.71.01.1001;;\n'
    )
    html = upload(client, csv.encode())
    assert "baris 2, kolom telepon: kolom telepon lebih dari 20 karakter." in html
    assert "baris 3, kolom surel: surel &#x27;bukan-surel&#x27; bukan alamat surel yang valid." in html
    assert "baris 4, kolom nama: kolom nama berisi karakter yang tidak dapat dibaca." in html
    assert "baris 5, kolom nama: Tidak boleh diawali tanda = + - atau @." in html
    assert not Employee.objects.filter(name="Panjang").exists()


def test_broken_files_get_a_message_not_an_error_page(
    client: Client, padang: Padang, lurah_belakang_pondok: User
) -> None:
    client.force_login(lurah_belakang_pondok)
    huge_field = b'nama;jenis_kelamin;jenis_kepegawaian;kode_unit\n"' + b"x" * 200_000 + b'";L;Honorer;13.71.01.1001\n'
    assert "Berkas CSV tidak terbaca" in upload(client, huge_field)

    import zipfile

    good = xlsx([["", "Refki Koto", "L", None, "Honorer", "13.71.01.1001"]])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut the sheet in the middle of its XML
            dst.writestr(item, data)
    assert "Berkas XLSX rusak" in upload(client, broken.getvalue(), name="x.xlsx")


def test_columns_far_to_the_right_are_not_read(client: Client, padang: Padang, lurah_belakang_pondok: User) -> None:
    """A sheet may claim 16,384 columns; only the known columns are read (memory stays small)."""
    client.force_login(lurah_belakang_pondok)
    wb = Workbook()
    ws = wb.active
    ws.append(["nama", "jenis_kelamin", "jenis_kepegawaian", "kode_unit"])
    ws.append(["Refki Koto", "L", "Honorer", "13.71.01.1001"])
    ws.cell(row=1, column=16000, value="kolom_aneh")
    buffer = io.BytesIO()
    wb.save(buffer)
    assert upload(client, buffer.getvalue(), name="x.xlsx") == "REDIRECT /pegawai/"
