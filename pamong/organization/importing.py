"""Reading employee files (CSV or XLSX) into rows, and one row into ``EmployeeData``.

The file type is recognised by content, not by name. Column titles are matched loosely
("Jenis Kelamin", "jenis_kelamin" and "JENIS KELAMIN" are the same column).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from typing import IO
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.services import EmployeeData

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

COLUMNS = {
    "nip": "NIP (18 digit; kosong untuk honorer/kontrak)",
    "nama": "nama tanpa gelar",
    "gelar_depan": "mis. Drs.",
    "gelar_belakang": "mis. S.Sos., M.Si.",
    "jenis_kelamin": "L atau P",
    "tanggal_lahir": "YYYY-MM-DD atau DD-MM-YYYY",
    "jenis_kepegawaian": "PNS, PPPK, Honorer atau Kontrak",
    "kode_unit": "kode unit kerja, mis. 13.71.01.1001",
    "jabatan": "nama jabatan persis seperti di unit (boleh kosong)",
    "telepon": "",
    "surel": "",
    "aktif": "Ya atau Tidak (bawaan Ya)",
}
REQUIRED = ("nama", "jenis_kelamin", "jenis_kepegawaian", "kode_unit")
_ALIASES = {"email": "surel", "e_mail": "surel", "no_hp": "telepon", "hp": "telepon", "unit": "kode_unit"}


def _key(title: object) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", str(title or "").strip().lower()).strip("_")
    return _ALIASES.get(key, key)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            value = int(value)
        return str(value)
    return str(value).strip()


def _rows_from_table(
    table: list[list[object]], *, numeric_nip_cells: set[int] | None = None
) -> list[tuple[int, dict[str, str]]]:
    if not table:
        raise DomainError("Berkas kosong.", field="file")
    header = [_key(c) for c in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DomainError(
            "Kolom wajib tidak ditemukan di baris judul: " + ", ".join(missing) + ". Unduh templat untuk contoh.",
            field="file",
        )
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise DomainError("Kolom tidak dikenal: " + ", ".join(unknown) + ".", field="file")
    rows: list[tuple[int, dict[str, str]]] = []
    for index, cells in enumerate(table[1:], start=2):
        if all(_text(c) == "" for c in cells):
            continue
        row = {header[i]: _text(c) for i, c in enumerate(cells) if i < len(header) and header[i]}
        if numeric_nip_cells and index in numeric_nip_cells:
            row["_nip_numeric"] = "1"
        rows.append((index, row))
        if len(rows) > MAX_ROWS:
            raise DomainError(
                f"Berkas berisi lebih dari {ribuan(MAX_ROWS)} baris; bagi menjadi beberapa berkas.", field="file"
            )
    return rows


def read_employee_file(upload: IO[bytes], *, size: int) -> list[tuple[int, dict[str, str]]]:
    """Parse an uploaded CSV or XLSX into (line number, column → text) pairs."""
    if size > MAX_BYTES:
        raise DomainError("Berkas lebih dari 5 MB.", field="file")
    content = upload.read()
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if content[:5] == b"%PDF-" or b"\x00" in content[:2048]:
        raise DomainError("Berkas bukan CSV atau XLSX. Simpan dari Excel sebagai .xlsx atau .csv.", field="file")
    return _read_csv(content)


def _read_csv(content: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error:
        raise DomainError(
            "Berkas CSV tidak terbaca (ada isian yang terlalu panjang atau tanda kutip rusak).", field="file"
        )
    return _rows_from_table(table)  # type: ignore[arg-type]


def _read_xlsx(content: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError("Berkas XLSX rusak atau bukan buku kerja Excel.", field="file") from None
    sheet = workbook.worksheets[0]
    table: list[list[object]] = []
    numeric_nip: set[int] = set()
    nip_col: int | None = None
    try:
        # A sheet may claim to be 16,384 columns wide; read no further than the columns we know.
        for index, cells in enumerate(sheet.iter_rows(max_col=len(COLUMNS) + 4, values_only=True), start=1):
            row = list(cells)
            if index == 1:
                keys = [_key(c) for c in row]
                nip_col = keys.index("nip") if "nip" in keys else None
            elif nip_col is not None and nip_col < len(row) and isinstance(row[nip_col], float):
                numeric_nip.add(index)
            table.append(row)
            if index > MAX_ROWS + 1:
                break
    except (ET.ParseError, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise DomainError("Berkas XLSX rusak atau bukan buku kerja Excel.", field="file") from None
    finally:
        workbook.close()
    return _rows_from_table(table, numeric_nip_cells=numeric_nip)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")
_TYPES = {t.label.lower(): t.value for t in Employee.EmploymentType}
_GENDERS = {"l": "L", "laki-laki": "L", "laki laki": "L", "p": "P", "perempuan": "P", "pr": "P", "lk": "L"}


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DomainError(f"tanggal lahir '{text}' tidak terbaca; tulis sebagai YYYY-MM-DD atau DD-MM-YYYY.")


_LIMITS = {
    "nip": 24,
    "nama": Employee._meta.get_field("name").max_length,
    "gelar_depan": Employee._meta.get_field("title_prefix").max_length,
    "gelar_belakang": Employee._meta.get_field("title_suffix").max_length,
    "telepon": Employee._meta.get_field("phone").max_length,
    "surel": 254,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_text(row: dict[str, str]) -> None:
    """Field rules the form would check: lengths, control characters, e-mail form, no spreadsheet formulas."""
    for column, limit in _LIMITS.items():
        value = row.get(column, "")
        if limit and len(value) > limit:
            raise DomainError(f"kolom {column} lebih dari {limit} karakter.")
    for column, value in row.items():
        if _CONTROL.search(value):
            raise DomainError(f"kolom {column} berisi karakter yang tidak dapat dibaca.")
    email = row.get("surel", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(f"surel '{email}' bukan alamat surel yang valid.") from None


def row_to_data(
    row: dict[str, str], *, units: dict[str, Unit], positions: dict[tuple[int, str], Position]
) -> EmployeeData:
    _check_text(row)
    if row.get("_nip_numeric"):
        raise DomainError(
            "NIP tersimpan sebagai angka di Excel sehingga digitnya berubah; format kolom NIP sebagai Teks."
        )
    unit_code = row.get("kode_unit", "")
    unit = units.get(unit_code)
    if unit is None:
        raise DomainError(f"kode unit '{unit_code}' tidak dikenal atau di luar wilayah Anda.")
    position = None
    title = row.get("jabatan", "").strip()
    if title:
        position = positions.get((unit.pk, title.casefold()))
        if position is None:
            raise DomainError(f"jabatan '{title}' tidak ada di {unit.name}.")
    employment = _TYPES.get(row.get("jenis_kepegawaian", "").strip().lower())
    if employment is None:
        raise DomainError(
            f"jenis kepegawaian '{row.get('jenis_kepegawaian', '')}' harus PNS, PPPK, Honorer atau Kontrak."
        )
    gender = _GENDERS.get(row.get("jenis_kelamin", "").strip().lower())
    if gender is None:
        raise DomainError(f"jenis kelamin '{row.get('jenis_kelamin', '')}' harus L atau P.")
    active_text = row.get("aktif", "").strip().lower()
    if active_text not in ("", "ya", "y", "1", "aktif", "tidak", "t", "0", "nonaktif"):
        raise DomainError(f"kolom aktif '{row.get('aktif')}' harus Ya atau Tidak.")
    return EmployeeData(
        nip=row.get("nip", ""),
        name=row.get("nama", ""),
        title_prefix=row.get("gelar_depan", ""),
        title_suffix=row.get("gelar_belakang", ""),
        gender=gender,
        birth_date=_parse_date(row.get("tanggal_lahir", "")),
        employment_type=employment,
        unit=unit,
        position=position,
        phone=row.get("telepon", ""),
        email=row.get("surel", ""),
        active=active_text not in ("tidak", "t", "0", "nonaktif"),
    )
