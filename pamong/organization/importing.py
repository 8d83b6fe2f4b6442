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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.organization.models import Employee, Position, Unit
from pamong.organization.nip import clean_nip
from pamong.organization.services import EmployeeData

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# Each column the import reads: its name (as in the template) and what it holds. Three kinds of file fill them:
# the template, a BKN SIASN employee export (ASN) and a list of a desa's perangkat (not in SIASN).
COLUMNS = {
    "nip": "NIP (18 digit) untuk PNS dan PPPK; kosong untuk yang lain",
    "nama": "nama tanpa gelar",
    "gelar_depan": "mis. Drs.",
    "gelar_belakang": "mis. S.Sos., M.Si.",
    "jenis_kelamin": "L atau P (Pria/Wanita juga dibaca); boleh kosong bila NIP diisi",
    "tanggal_lahir": "YYYY-MM-DD atau DD-MM-YYYY; boleh kosong bila NIP diisi",
    "jenis_kepegawaian": (
        "PNS, PPPK, Honorer, Kontrak, Kepala desa atau Perangkat desa (PNS Daerah, CPNS, P3K juga dibaca); "
        "boleh kosong di kantor desa: Kepala desa untuk jabatan Kepala Desa, Perangkat desa untuk yang lain"
    ),
    "kode_unit": "kode unit kerja, mis. 13.71.01.1001 (kode desa = kode unit kantor desa)",
    "unit_organisasi": (
        "nama unit bila kode unit kosong, mis. Kelurahan Belakang Pondok, Kecamatan Padang Selatan, Desa Lapoa "
        "(besar-kecil huruf dan spasi tidak berpengaruh)"
    ),
    "nama_desa": "nama desa bila kode tidak ada, mis. Lapoa",
    "jabatan": "nama jabatan di unit, mis. Sekretaris Desa, Kaur Keuangan, Kasi Pelayanan, Kepala Dusun II",
    "golongan": "golongan/ruang PNS (mis. III/a) atau golongan PPPK (mis. IX)",
    "nipd": "nomor induk perangkat desa (kepala desa dan perangkat desa)",
    "awal_masa_jabatan": "kepala desa: tanggal pelantikan",
    "akhir_masa_jabatan": "kepala desa: akhir masa jabatan",
    "telepon": "",
    "surel": "",
    "aktif": "Ya atau Tidak (bawaan Ya)",
}
# Other spellings of the column titles, as SIASN and desa lists write them. A title is compared without regard to
# case, spaces and punctuation: "NIP BARU", "nip_baru" and "Nip Baru" are the same.
ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP baru", "NIP BARU"),
    "nama": ("nama lengkap", "nama pegawai"),
    "jenis_kelamin": ("JK", "kelamin"),
    "tanggal_lahir": ("tgl lahir",),
    "jenis_kepegawaian": ("jenis pegawai", "status kepegawaian", "status pegawai"),
    "kode_unit": ("unit", "kode desa", "kode wilayah"),
    "unit_organisasi": ("unor", "unor nama", "nama unor", "unit kerja", "nama unit"),
    "nama_desa": ("desa", "desa kelurahan"),
    "jabatan": ("jabatan nama", "nama jabatan"),
    "golongan": ("gol", "gol akhir", "golongan ruang", "golongan akhir", "pangkat golongan"),
    "nipd": ("NIPD", "nomor induk perangkat desa", "NIAPD"),
    "awal_masa_jabatan": ("mulai masa jabatan", "masa jabatan mulai", "tanggal pelantikan"),
    "akhir_masa_jabatan": ("masa jabatan akhir", "masa jabatan berakhir", "akhir jabatan"),
    "telepon": ("no hp", "hp", "nomor hp", "nomor telepon"),
    "surel": ("email", "e-mail", "alamat email"),
}
MAX_COLUMNS = 80  # a SIASN export has about 40
UNIT_COLUMNS = ("kode_unit", "unit_organisasi", "nama_desa")
REQUIRED = ("nama",)
# A SIASN export has many more columns (NIK, address, education ...): a file with one of these titles is read as
# SIASN, and its other columns are left unread (never stored). Elsewhere an unknown column is an error.
SIASN_MARKERS = frozenset({"nip_baru", "unor_nama", "jenis_pegawai", "gol_akhir", "kedudukan_hukum", "nip_lama"})


def _norm(title: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(title or "").strip().lower()).strip("_")


_ALIAS_KEYS = {_norm(spelling): key for key, spellings in ALIASES.items() for spelling in spellings}


def _key(title: object) -> str:
    key = _norm(title)
    return _ALIAS_KEYS.get(key, key)


def accepted_spellings() -> list[tuple[str, str, list[str]]]:
    """(column, what it holds, other accepted titles) for the import's help."""
    return [(name, hint, list(ALIASES.get(name, ()))) for name, hint in COLUMNS.items()]


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
    titles = [_norm(c) for c in table[0]]
    header = [_key(c) for c in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if not any(c in header for c in UNIT_COLUMNS):
        missing.append("kode_unit (atau unit_organisasi, nama_desa)")
    if missing:
        raise DomainError(
            "Kolom wajib tidak ditemukan di baris judul: " + ", ".join(missing) + ". Unduh templat untuk contoh.",
            field="file",
        )
    duplicated = sorted({h for h in header if h in COLUMNS and header.count(h) > 1})
    if duplicated:
        raise DomainError("Kolom muncul lebih dari sekali: " + ", ".join(duplicated) + ".", field="file")
    siasn = bool(SIASN_MARKERS & set(titles))
    unknown = [t for t, h in zip(titles, header, strict=True) if h and h not in COLUMNS]
    if unknown and not siasn:
        raise DomainError("Kolom tidak dikenal: " + ", ".join(unknown) + ".", field="file")
    # Columns read neither from the template nor from SIASN are dropped before anything else sees them.
    header = [h if h in COLUMNS else "" for h in header]
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
        for index, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
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
_TYPES = {str(t.label).lower(): t.value for t in Employee.EmploymentType} | {
    "kepala desa": Employee.EmploymentType.KEPALA_DESA,
    "kades": Employee.EmploymentType.KEPALA_DESA,
    "p3k": Employee.EmploymentType.PPPK,
}
_GENDERS = {
    "l": "L",
    "laki-laki": "L",
    "laki laki": "L",
    "lk": "L",
    "pria": "L",
    "m": "L",
    "p": "P",
    "perempuan": "P",
    "pr": "P",
    "wanita": "P",
    "f": "P",
}


def _parse_date(text: str, *, column: str = "tanggal_lahir") -> dt.date | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    label = column.replace("_", " ")
    raise DomainError(f"{label} '{text}' tidak terbaca; tulis sebagai YYYY-MM-DD atau DD-MM-YYYY.", field=column)


_LIMITS = {
    "nip": 24,
    "nama": Employee._meta.get_field("name").max_length,
    "gelar_depan": Employee._meta.get_field("title_prefix").max_length,
    "gelar_belakang": Employee._meta.get_field("title_suffix").max_length,
    "telepon": Employee._meta.get_field("phone").max_length,
    "surel": 254,
    "nipd": Employee._meta.get_field("nipd").max_length,
    "golongan": 16,
    "unit_organisasi": 200,
    "nama_desa": 120,
    "jabatan": 200,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _check_text(row: dict[str, str]) -> None:
    """Field rules the form would check: lengths, control characters, e-mail form, no spreadsheet formulas."""
    for column, limit in _LIMITS.items():
        value = row.get(column, "")
        if limit and len(value) > limit:
            raise DomainError(f"kolom {column} lebih dari {limit} karakter.", field=column)
    for column, value in row.items():
        if _CONTROL.search(value):
            raise DomainError(f"kolom {column} berisi karakter yang tidak dapat dibaca.", field=column)
    email = row.get("surel", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(f"surel '{email}' bukan alamat surel yang valid.", field="surel") from None


def _words(text: str) -> str:
    """Lower case, punctuation as spaces, one space between words: "KELURAHAN  Belakang-Pondok" → "kelurahan
    belakang pondok"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


# How an office is named in SIASN and in Pemda lists, before the name of its region.
_OFFICE_WORDS: dict[str, tuple[str, ...]] = {
    Unit.Kind.KANTOR_CAMAT: ("kecamatan", "kantor camat", "kantor kecamatan"),
    Unit.Kind.KANTOR_LURAH: ("kelurahan", "kantor lurah", "kantor kelurahan"),
    Unit.Kind.KANTOR_DESA: ("desa", "kantor desa", "pemerintah desa", "pemerintahan desa"),
    Unit.Kind.BAGIAN_TAPEM: ("bagian tata pemerintahan", "bagian pemerintahan"),
}
# Short forms of desa and kecamatan posts, as lists write them.
_POST_WORDS = {
    "kaur": "kepala urusan",
    "kasi": "kepala seksi",
    "kasubbag": "kepala subbagian",
    "kasubag": "kepala subbagian",
    "sekdes": "sekretaris desa",
    "kades": "kepala desa",
    "kadus": "kepala dusun",
    "sekcam": "sekretaris camat",
    "seklur": "sekretaris lurah",
    "tu": "tata usaha",
}


@dataclass
class Lookup:
    """The offices and positions an import may name, by code and by name (see ``import_lookup``)."""

    by_code: dict[str, Unit]
    by_name: dict[str, list[Unit]]
    positions: dict[tuple[int, str], Position]
    kepala_dusun: dict[int, Position]
    found: dict[str, Unit | DomainError] = field(default_factory=dict)

    def unit_by_name(self, text: str, *, column: str) -> Unit:
        """The office a name points to: an office's own name ("Kantor Desa Lapoa") or its region's with the kind
        ("Desa Lapoa", "KECAMATAN PADANG SELATAN"); within a longer SIASN unit name ("Seksi Pemerintahan Kecamatan
        Padang Selatan") the most local office named. Two offices alike are reported, never guessed."""
        key = _words(text)
        if column == "nama_desa" and key:
            key = key if key.startswith(("desa ", "kelurahan ")) else f"desa {key}"
        if key not in self.found:
            self.found[key] = self._match(key, text, column)
        match = self.found[key]
        if isinstance(match, DomainError):
            raise match
        return match

    def _match(self, key: str, text: str, column: str) -> Unit | DomainError:
        label = column.replace("_", " ")
        candidates = self.by_name.get(key, [])
        if not candidates:
            padded = f" {key} "
            inside = {u.pk: u for name, units in self.by_name.items() if f" {name} " in padded for u in units}
            if inside:
                deepest = max(len(u.region_id) for u in inside.values())
                candidates = [u for u in inside.values() if len(u.region_id) == deepest]
        unique = {u.pk: u for u in candidates}
        if len(unique) == 1:
            return next(iter(unique.values()))
        if not unique:
            return DomainError(
                f"{label} '{text}' tidak cocok dengan kantor mana pun di wilayah Anda; periksa ejaan atau isi kolom "
                "kode_unit.",
                field=column,
            )
        names = ", ".join(f"{u.name} ({u.code})" for u in sorted(unique.values(), key=lambda u: u.code)[:4])
        return DomainError(
            f"{label} '{text}' cocok dengan lebih dari satu kantor: {names}; isi kolom kode_unit.", field=column
        )

    def position(self, unit: Unit, title: str) -> Position:
        """The position of ``unit`` a list names: its title (case and spaces aside), short forms spelled out ("Kaur
        Keuangan"), the office's name after it ("Lurah Belakang Pondok"), any kepala dusun ("Kepala Dusun II")."""
        key = _words(title)
        spelled = " ".join(_POST_WORDS.get(w, w) for w in key.split())
        region = _words(unit.region.name)
        tried = [key, spelled]
        for candidate in (key, spelled):
            for office in (*_OFFICE_WORDS.get(unit.kind, ()), ""):
                suffix = f" {office} {region}".replace("  ", " ")
                if candidate.endswith(suffix) and len(candidate) > len(suffix):
                    tried.append(candidate[: -len(suffix)])
        for candidate in tried:
            position = self.positions.get((unit.pk, candidate))
            if position is not None:
                return position
        if spelled.startswith("kepala dusun") and unit.pk in self.kepala_dusun:
            return self.kepala_dusun[unit.pk]
        raise DomainError(f"jabatan '{title}' tidak ada di {unit.name}.", field="jabatan")


def import_lookup(units: Iterable[Unit]) -> Lookup:
    """Index the offices (with their region loaded) and their positions for matching rows. Two queries."""
    units = list(units)
    by_name: dict[str, list[Unit]] = {}
    for unit in units:
        names = {_words(unit.name)}
        region = _words(unit.region.name)
        names.update(f"{office} {region}" for office in _OFFICE_WORDS.get(unit.kind, ()))
        for name in names:
            by_name.setdefault(name, []).append(unit)
    positions: dict[tuple[int, str], Position] = {}
    kepala_dusun: dict[int, Position] = {}
    for p in Position.objects.filter(unit__in=[u.pk for u in units]).order_by("order", "pk"):
        positions.setdefault((p.unit_id, _words(p.title)), p)
        if p.kind == Position.Kind.KEPALA_DUSUN:
            kepala_dusun.setdefault(p.unit_id, p)
    return Lookup(by_code={u.code: u for u in units}, by_name=by_name, positions=positions, kepala_dusun=kepala_dusun)


def _unit(row: dict[str, str], lookup: Lookup) -> Unit:
    code = row.get("kode_unit", "").strip()
    if code:
        unit = lookup.by_code.get(code)
        if unit is None:
            raise DomainError(f"kode unit '{code}' tidak dikenal atau di luar wilayah Anda.", field="kode_unit")
        return unit
    for column in ("unit_organisasi", "nama_desa"):
        text = row.get(column, "").strip()
        if text:
            return lookup.unit_by_name(text, column=column)
    raise DomainError("unit kosong: isi kode_unit, unit_organisasi atau nama_desa.", field="kode_unit")


def _employment(row: dict[str, str], unit: Unit, position: Position | None) -> str:
    text = row.get("jenis_kepegawaian", "").strip()
    words = _words(text)
    if not words:
        if unit.kind == Unit.Kind.KANTOR_DESA and not row.get("nip", "").strip():
            # A list of a desa's apparatus: the kepala desa heads it, everyone else is perangkat.
            if position is not None and position.kind == Position.Kind.KEPALA:
                return Employee.EmploymentType.KEPALA_DESA
            return Employee.EmploymentType.PERANGKAT_DESA
        raise DomainError("jenis kepegawaian kosong; isi PNS, PPPK, Honorer atau Kontrak.", field="jenis_kepegawaian")
    found = _TYPES.get(text.lower()) or _TYPES.get(words)
    if found is None and words.startswith(("pns", "cpns")):
        found = Employee.EmploymentType.PNS  # SIASN: PNS Daerah, PNS Pusat DPK, CPNS Daerah
    if found is None and words.startswith(("pppk", "p3k")):
        found = Employee.EmploymentType.PPPK  # SIASN: PPPK, PPPK Paruh Waktu
    if found is None:
        raise DomainError(
            f"jenis kepegawaian '{text}' harus PNS, PPPK, Honorer, Kontrak, Kepala desa atau Perangkat desa.",
            field="jenis_kepegawaian",
        )
    return found


def _gender(row: dict[str, str]) -> str:
    text = row.get("jenis_kelamin", "").strip()
    if not text:
        nip = clean_nip(row.get("nip", ""))
        if len(nip) == 18 and nip[14] in "12":
            return "L" if nip[14] == "1" else "P"  # digit 15 of a NIP
        raise DomainError("jenis kelamin kosong; isi L atau P.", field="jenis_kelamin")
    gender = _GENDERS.get(text.lower())
    if gender is None:
        raise DomainError(f"jenis kelamin '{text}' harus L atau P.", field="jenis_kelamin")
    return gender


def row_to_data(row: dict[str, str], *, lookup: Lookup) -> EmployeeData:
    _check_text(row)
    if row.get("_nip_numeric"):
        raise DomainError(
            "NIP tersimpan sebagai angka di Excel sehingga digitnya berubah; format kolom NIP sebagai Teks.",
            field="nip",
        )
    unit = _unit(row, lookup)
    position = None
    title = row.get("jabatan", "").strip()
    if title:
        position = lookup.position(unit, title)
    employment = _employment(row, unit, position)
    gender = _gender(row)
    active_text = row.get("aktif", "").strip().lower()
    if active_text not in ("", "ya", "y", "1", "aktif", "tidak", "t", "0", "nonaktif"):
        raise DomainError(f"kolom aktif '{row.get('aktif')}' harus Ya atau Tidak.", field="aktif")
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
        nipd=row.get("nipd", ""),
        golongan=row.get("golongan", ""),
        term_start=_parse_date(row.get("awal_masa_jabatan", ""), column="awal_masa_jabatan"),
        term_end=_parse_date(row.get("akhir_masa_jabatan", ""), column="akhir_masa_jabatan"),
    )
