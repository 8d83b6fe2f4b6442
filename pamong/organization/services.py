"""Writes for units, positions and employees. Keyword-only, typed, transactional."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from lokal import parse_nik

from pamong.core import gate, versions
from pamong.core.errors import DomainError
from pamong.core.history import actor_fields
from pamong.core.scope import scope_of
from pamong.organization import letter_codes
from pamong.organization.models import (
    SIGNING_POSTS,
    Employee,
    FormasiChange,
    FormasiNeed,
    Position,
    SignerIdentity,
    SignerNikAccess,
    Unit,
)
from pamong.organization.nip import check_nip_matches, clean_nip, parse_nip
from pamong.regions.models import Region
from pamong.regions.selectors import forget_region_overviews


def _check_can_manage(actor: Any, unit: Unit) -> None:
    if not gate.can(actor, "organization.manage_staff", unit):
        raise DomainError("Anda tidak berwenang mengubah data pegawai unit ini.", field="unit", code="forbidden")


def letter_code_default(*, region: Region, kind: str, exclude_pk: int | None = None) -> str:
    """The letter code a new office gets unless admin sets one: its initials, or with its region code as a
    suffix when another office of the kabupaten/kota already has them (see ``letter_codes``)."""
    taken = Unit.objects.filter(kabkota_code=region.code[:5])
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    office = letter_codes.Office(key=None, kind=kind, region_code=region.code, region_name=region.name)
    return letter_codes.letter_codes_assign([office], taken.values_list("letter_code", flat=True))[None]


def letter_code_taken(*, kabkota_code: str, letter_code: str, exclude_pk: int | None = None) -> bool:
    """Whether another office of the kabupaten/kota has this code (without regard to case)."""
    others = Unit.objects.filter(kabkota_code=kabkota_code, letter_code__iexact=letter_code)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def unit_create(
    *,
    region: Region,
    kind: str,
    name: str,
    code: str | None = None,
    address: str = "",
    letter_code: str = "",
) -> Unit:
    unit = Unit(
        code=code or region.code,
        region=region,
        kind=kind,
        name=name,
        kabkota_code=region.code[:5],
        letter_code=letter_code.strip() or letter_code_default(region=region, kind=kind),
        address=address,
    )
    unit.full_clean(exclude=["kabkota_code"])
    if letter_code_taken(kabkota_code=unit.kabkota_code, letter_code=unit.letter_code):
        raise DomainError(letter_codes.TAKEN_MESSAGE, field="letter_code")
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        # Another office took the code (or the unit code) between the check and the save.
        raise DomainError(letter_codes.TAKEN_MESSAGE, field="letter_code", code="conflict")
    forget_region_overviews()
    return unit


def position_create(
    *, unit: Unit, title: str, kind: str, reports_to: Position | None = None, order: int = 0
) -> Position:
    if reports_to is not None:
        # The superior sits in the same office or in an office above it (lurah → camat).
        above = reports_to.unit.region_id
        if not (unit.region_id == above or unit.region_id.startswith(above + ".")):
            raise DomainError(
                "Atasan langsung harus berada di unit yang sama atau unit di atasnya.", field="reports_to"
            )
    return Position.objects.create(
        unit=unit, title=title, kind=kind, reports_to=reports_to, order=order, kabkota_code=unit.kabkota_code
    )


# A cell starting with one of these is a formula in a spreadsheet; names never start with them.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class EmployeeData:
    """What a form or an import row says about an employee, before the rules are checked."""

    name: str
    gender: str
    employment_type: str
    unit: Unit
    nip: str = ""
    birth_date: dt.date | None = None
    title_prefix: str = ""
    title_suffix: str = ""
    position: Position | None = None
    phone: str = ""
    email: str = ""
    active: bool = True
    signer_nik: str | None = None  # the signer's NIK at BSrE: None leaves it as it is, "" removes it
    nipd: str = ""
    golongan: str = ""
    term_start: dt.date | None = None
    term_end: dt.date | None = None


def _validate(
    data: EmployeeData,
    *,
    actor: Any,
    current: Employee | None = None,
    today: dt.date | None = None,
    taken: dict[str, tuple[str, str]] | None = None,
) -> str | None:
    """Check the rules for one employee; returns the cleaned NIP (or None). Raises DomainError."""
    if not data.name.strip():
        raise DomainError("Nama wajib diisi.", field="name")
    for field_name, value in (
        ("name", data.name),
        ("title_prefix", data.title_prefix),
        ("title_suffix", data.title_suffix),
    ):
        if value.strip()[:1] in FORMULA_STARTS:
            raise DomainError("Tidak boleh diawali tanda = + - atau @.", field=field_name)
    if data.gender not in Employee.Gender.values:
        raise DomainError("Jenis kelamin harus L (laki-laki) atau P (perempuan).", field="gender")
    if data.employment_type not in Employee.EmploymentType.values:
        raise DomainError(f"Jenis kepegawaian harus {EMPLOYMENT_TYPES_TEXT}.", field="employment_type")
    nip = clean_nip(data.nip)
    if data.employment_type in Employee.WITH_NIP:
        if not nip:
            raise DomainError(f"NIP wajib diisi untuk pegawai {data.employment_type.upper()}.", field="nip")
        info = parse_nip(nip, today=today)
        check_nip_matches(info, birth_date=data.birth_date, gender=data.gender)
        if data.birth_date is None:
            data.birth_date = info.birth_date
    elif nip:
        label = Employee.EmploymentType(data.employment_type).label.lower()
        raise DomainError(
            f"NIP hanya untuk PNS dan PPPK; {label} tidak memiliki NIP. Kosongkan kolom NIP"
            + (" dan isi NIPD bila ada." if data.employment_type in Employee.DESA_APPARATUS else "."),
            field="nip",
        )
    if data.position is not None and data.position.unit_id != data.unit.pk:
        raise DomainError(f"Jabatan {data.position.title} bukan jabatan di {data.unit.name}.", field="position")
    data.golongan = _clean_golongan(data.golongan, data.employment_type)
    _validate_desa(data)
    if nip:
        if taken is None:
            others = Employee.objects.filter(nip=nip)
            if current is not None:
                others = others.exclude(pk=current.pk)
            taken = _taken_nips(others)
        if nip in taken:
            unit_name, region_code = taken[nip]
            # Name the other unit only to someone who may see it.
            where = f" ({unit_name})" if scope_of(actor).contains(region_code) else ""
            raise DomainError(f"NIP {nip} sudah terdaftar untuk pegawai lain{where}.", field="nip")
    if data.nipd:
        others = Employee.objects.filter(kabkota_code=data.unit.kabkota_code, nipd=data.nipd)
        if current is not None:
            others = others.exclude(pk=current.pk)
        if others.exists():
            raise DomainError(f"NIPD {data.nipd} sudah terdaftar untuk pegawai lain.", field="nipd")
    return nip or None


EMPLOYMENT_TYPES_TEXT = (
    ", ".join(str(label) for label in Employee.EmploymentType.labels[:-1])
    + " atau "
    + str(Employee.EmploymentType.labels[-1])
)
_NIPD = re.compile(r"[0-9A-Za-z][0-9A-Za-z./\- ]{0,31}")


_GOLONGAN_PNS = re.compile(r"(IV|III|II|I)\s*[/-]?\s*([A-Ea-e])")
_GOLONGAN_PPPK = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


def _clean_golongan(text: str, employment_type: str) -> str:
    """Golongan/ruang of a PNS (PP 99/2000: I/a to IV/e) or golongan of a PPPK (Perpres 98/2020: I to XVII)."""
    text = text.strip().upper()
    if not text:
        return ""
    if employment_type == Employee.EmploymentType.PNS:
        match = _GOLONGAN_PNS.fullmatch(text)
        if match is None:
            raise DomainError(f"Golongan PNS '{text}' tidak dikenal; tulis seperti III/a.", field="golongan")
        return f"{match.group(1)}/{match.group(2).lower()}"
    if employment_type == Employee.EmploymentType.PPPK:
        if text not in _GOLONGAN_PPPK:
            raise DomainError(f"Golongan PPPK '{text}' tidak dikenal; tulis I sampai XVII.", field="golongan")
        return text
    raise DomainError("Golongan hanya untuk PNS dan PPPK; kosongkan kolom golongan.", field="golongan")


def _validate_desa(data: EmployeeData) -> None:
    """The rules of the desa apparatus (UU 6/2014): kepala desa and perangkat desa work in a kantor desa; the
    kepala desa holds the head's post and has the dates of the elected term; a NIPD only for desa apparatus."""
    desa_type = data.employment_type in Employee.DESA_APPARATUS
    data.nipd = " ".join(data.nipd.split())
    if desa_type and data.unit.kind != Unit.Kind.KANTOR_DESA:
        raise DomainError(
            f"{Employee.EmploymentType(data.employment_type).label} hanya bekerja di kantor desa; "
            f"{data.unit.name} bukan kantor desa.",
            field="employment_type",
        )
    if data.nipd:
        if not desa_type:
            raise DomainError("NIPD hanya untuk kepala desa dan perangkat desa; kosongkan kolom NIPD.", field="nipd")
        if not _NIPD.fullmatch(data.nipd):
            raise DomainError(
                "NIPD hanya berisi angka, huruf, titik, garis miring atau tanda hubung (paling banyak 32 karakter).",
                field="nipd",
            )
    kepala_desa = data.employment_type == Employee.EmploymentType.KEPALA_DESA
    if kepala_desa and data.position is not None and data.position.kind != Position.Kind.KEPALA:
        raise DomainError(f"Kepala desa menduduki jabatan Kepala Desa, bukan {data.position.title}.", field="position")
    perangkat = data.employment_type == Employee.EmploymentType.PERANGKAT_DESA
    if perangkat and data.position is not None and data.position.kind == Position.Kind.KEPALA:
        raise DomainError(
            "Jabatan Kepala Desa diisi kepala desa yang dipilih (jenis kepegawaian Kepala desa), bukan perangkat desa.",
            field="employment_type",
        )
    if not kepala_desa:
        if data.term_start or data.term_end:
            raise DomainError(
                "Masa jabatan hanya diisi untuk kepala desa; kosongkan awal dan akhir masa jabatan.",
                field="term_start",
            )
        return
    if data.term_start is None and data.term_end is not None:
        raise DomainError("Isi awal masa jabatan kepala desa.", field="term_start")
    if data.term_end is None and data.term_start is not None:
        raise DomainError("Isi akhir masa jabatan kepala desa.", field="term_end")
    if data.term_start and data.term_end and data.term_end <= data.term_start:
        raise DomainError("Akhir masa jabatan harus sesudah awal masa jabatan.", field="term_end")


def _taken_nips(qs: Any) -> dict[str, tuple[str, str]]:
    return {nip: (unit, region) for nip, unit, region in qs.values_list("nip", "unit__name", "unit__region_id") if nip}


def _apply(employee: Employee, data: EmployeeData, nip: str | None) -> None:
    employee.nip = nip
    employee.name = data.name.strip()
    employee.title_prefix = data.title_prefix.strip()
    employee.title_suffix = data.title_suffix.strip()
    employee.gender = data.gender
    employee.birth_date = data.birth_date
    employee.employment_type = data.employment_type
    employee.unit = data.unit
    employee.kabkota_code = data.unit.kabkota_code
    employee.position = data.position
    employee.phone = data.phone.strip()
    employee.email = data.email.strip()
    employee.active = data.active
    employee.nipd = data.nipd
    employee.golongan = data.golongan
    employee.term_start = data.term_start
    employee.term_end = data.term_end


def _save(employee: Employee) -> Employee:
    try:
        with transaction.atomic():
            employee.save()
    except IntegrityError:
        # Two people saved the same NIP at the same moment: the unique index stops the second.
        if employee.nipd and Employee.objects.filter(nipd=employee.nipd, kabkota_code=employee.kabkota_code).exists():
            raise DomainError(f"NIPD {employee.nipd} sudah terdaftar untuk pegawai lain.", field="nipd") from None
        raise DomainError(f"NIP {employee.nip} sudah terdaftar untuk pegawai lain.", field="nip") from None
    return employee


def staff_changed() -> None:
    """Staff were written in bulk (bulk_create sends no signals): pages and signed-in users built from staff
    records are built again. Single saves are covered by pamong.accounts.signals."""
    versions.bump("staff")


def employee_create(*, actor: Any, data: EmployeeData) -> Employee:
    _check_can_manage(actor, data.unit)
    nip = _validate(data, actor=actor)
    signer_nik = _signer_nik_check(data)
    employee = Employee()
    _apply(employee, data, nip)
    with transaction.atomic():
        _save(employee)
        _signer_nik_apply(employee, signer_nik)
    return employee


def employee_update(*, actor: Any, employee: Employee, data: EmployeeData) -> Employee:
    _check_can_manage(actor, employee.unit)
    _check_can_manage(actor, data.unit)
    nip = _validate(data, actor=actor, current=employee)
    signer_nik = _signer_nik_check(data)
    _apply(employee, data, nip)
    with transaction.atomic():
        _save(employee)
        _signer_nik_apply(employee, signer_nik)
    return employee


# --- the signer's NIK (certified electronic signature) ----------------------------------------------------------


def holds_signing_post(employee: Employee) -> bool:
    position = employee.position
    return position is not None and position.kind in SIGNING_POSTS


def _signer_nik_check(data: EmployeeData) -> str | None:
    """The signer's NIK as it will be stored: None leaves it as it is, "" removes it. Only a head or secretary of
    an office signs letters, so only they may have one."""
    if data.signer_nik is None:
        return None
    nik = "".join(ch for ch in data.signer_nik if ch.isdigit())
    if not nik:
        return "" if not data.signer_nik.strip() else _bad_nik("NIK harus terdiri dari 16 digit angka.")
    if data.position is None or data.position.kind not in SIGNING_POSTS:
        raise DomainError(
            "NIK penanda tangan hanya diisi untuk kepala unit atau sekretaris yang menandatangani surat.",
            field="signer_nik",
        )
    info = parse_nik(nik)
    if not info.valid:
        _bad_nik(" ".join(issue.message for issue in info.errors) or "NIK tidak valid.")
    return nik


def _bad_nik(message: str) -> str:
    raise DomainError(message, field="signer_nik")


def _signer_nik_apply(employee: Employee, nik: str | None) -> None:
    if nik:
        SignerIdentity.objects.update_or_create(
            employee=employee, defaults={"nik": nik, "kabkota_code": employee.kabkota_code}
        )
    elif nik == "" or not holds_signing_post(employee):
        # Removed, or the employee no longer holds a signing post: the number is not kept.
        SignerIdentity.objects.filter(employee=employee).delete()


def signer_nik_check(*, employee: Employee, nik: str) -> str | None:
    """The NIK cleaned by the rules of the staff form, or DomainError (Django admin checks with it)."""
    data = EmployeeData(
        name=employee.name,
        gender=employee.gender,
        employment_type=employee.employment_type,
        unit=employee.unit,
        position=employee.position,
        signer_nik=nik,
    )
    return _signer_nik_check(data)


def signer_nik_set(*, employee: Employee, nik: str) -> None:
    """Store (or with "" remove) the NIK of a signer, by the same rules as the staff form."""
    _signer_nik_apply(employee, signer_nik_check(employee=employee, nik=nik))


def signer_nik_masked(*, employee: Employee) -> str:
    """The signer's NIK masked (1371********0003), or "" when none is stored. Shows nothing whole: not recorded."""
    identity = SignerIdentity.objects.filter(employee=employee).only("nik").first()
    return identity.masked_nik if identity is not None else ""


def signer_nik_read(*, employee: Employee, user: Any, what: str) -> str:
    """The signer's whole NIK, for sending to the certificate authority; the read is recorded (who, when, what
    for). "" when none is stored (nothing to record)."""
    nik = SignerIdentity.objects.filter(employee=employee).values_list("nik", flat=True).first()
    if not nik:
        return ""
    signer_nik_access_record(employee=employee, user=user, what=what)
    return nik


def signer_nik_access_record(*, employee: Employee, user: Any, what: str) -> None:
    """Record one read of the signer's whole NIK (also again, after a rollback took the first record away)."""
    SignerNikAccess.objects.create(employee=employee, user=user if getattr(user, "pk", None) else None, what=what[:80])


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.rows > 0


def employees_import(
    *, actor: Any, rows: list[tuple[int, dict[str, str]]], today: dt.date | None = None
) -> ImportReport:
    """Import parsed rows (line number, column → text). Every bad row is reported as "baris N: alasan";
    nothing is saved while any row is bad."""
    # The column rules live beside the file reader.
    from pamong.organization.importing import import_lookup, row_to_data

    report = ImportReport(rows=len(rows))
    if not rows:
        report.errors.append("Berkas tidak berisi baris data di bawah judul kolom.")
        return report
    lookup = import_lookup(Unit.objects.visible_to(actor).select_related("region"))
    all_nips = [clean_nip(raw.get("nip", "")) for _, raw in rows]
    taken = _taken_nips(Employee.objects.filter(nip__in=[n for n in all_nips if n]))
    seen_nip: dict[str, int] = {}
    seen_nipd: dict[str, int] = {}
    ready: list[Employee] = []
    for line, raw in rows:
        try:
            data = row_to_data(raw, lookup=lookup)
            _check_can_manage(actor, data.unit)
            nip = _validate(data, actor=actor, today=today, taken=taken)
        except DomainError as exc:
            report.errors.append(_row_error(line, exc))
            continue
        if nip and nip in seen_nip:
            report.errors.append(
                f"baris {line}, kolom nip: NIP {nip} sudah dipakai di baris {seen_nip[nip]} berkas ini."
            )
            continue
        if data.nipd and data.nipd in seen_nipd:
            report.errors.append(
                f"baris {line}, kolom nipd: NIPD {data.nipd} sudah dipakai di baris {seen_nipd[data.nipd]} berkas ini."
            )
            continue
        if nip:
            seen_nip[nip] = line
        if data.nipd:
            seen_nipd[data.nipd] = line
        employee = Employee()
        _apply(employee, data, nip)
        ready.append(employee)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            Employee.objects.bulk_create(ready, batch_size=1000)
    except IntegrityError:
        report.errors.append("Sebagian NIP baru saja didaftarkan orang lain. Tidak ada yang diimpor; coba lagi.")
        return report
    report.created = len(ready)
    staff_changed()
    return report


# The import column a rule of the employee record speaks of, for "baris 4, kolom jabatan: ...".
_FIELD_COLUMNS = {
    "nip": "nip",
    "name": "nama",
    "title_prefix": "gelar_depan",
    "title_suffix": "gelar_belakang",
    "gender": "jenis_kelamin",
    "birth_date": "tanggal_lahir",
    "employment_type": "jenis_kepegawaian",
    "unit": "kode_unit",
    "position": "jabatan",
    "nipd": "nipd",
    "golongan": "golongan",
    "term_start": "awal_masa_jabatan",
    "term_end": "akhir_masa_jabatan",
}


def _row_error(line: int, exc: DomainError) -> str:
    column = _FIELD_COLUMNS.get(exc.field or "", exc.field)
    return f"baris {line}, kolom {column}: {exc.message}" if column else f"baris {line}: {exc.message}"


@dataclass
class ScaffoldResult:
    units_created: int = 0
    positions_created: int = 0


def units_scaffold(*, kabkota: Region) -> ScaffoldResult:
    """Create the standard offices and position chains of a kabupaten/kota: bagian tata pemerintahan, a kantor
    camat per kecamatan and a kantor lurah or desa per kelurahan/desa. Idempotent: what exists is kept."""
    from pamong.organization.structure import BY_KIND

    if kabkota.level != Region.Level.KABKOTA:
        raise DomainError("Pilih kabupaten/kota, bukan wilayah tingkat lain.", field="kabkota")
    result = ScaffoldResult()
    regions = list(Region.objects.subtree(kabkota.code).order_by("code"))
    existing_units = {u.code: u for u in Unit.objects.filter(kabkota_code=kabkota.code)}
    existing_positions = {(p.unit_id, p.title): p for p in Position.objects.filter(kabkota_code=kabkota.code)}
    heads: dict[str, Position] = {}  # region code → head position, so that a lurah reports to the camat

    def office_for(region: Region) -> tuple[str, str]:
        if region.level == Region.Level.KABKOTA:
            return Unit.Kind.BAGIAN_TAPEM, f"Bagian Tata Pemerintahan Setda {region.name}"
        if region.level == Region.Level.KECAMATAN:
            return Unit.Kind.KANTOR_CAMAT, f"Kantor Camat {region.name}"
        if region.kind == Region.Kind.KELURAHAN:
            return Unit.Kind.KANTOR_LURAH, f"Kantor Lurah {region.name}"
        return Unit.Kind.KANTOR_DESA, f"Kantor Desa {region.name}"

    # Letter codes of the new offices, decided together so that offices sharing initials all get a suffix.
    new_codes = letter_codes.letter_codes_assign(
        (
            letter_codes.Office(key=r.code, kind=office_for(r)[0], region_code=r.code, region_name=r.name)
            for r in regions
            if r.level >= Region.Level.KABKOTA and r.code not in existing_units
        ),
        taken=[u.letter_code for u in existing_units.values()],
    )

    with transaction.atomic():
        for region in regions:
            if region.level < Region.Level.KABKOTA:
                continue
            kind, name = office_for(region)
            unit = existing_units.get(region.code)
            if unit is None:
                unit = Unit.objects.create(
                    code=region.code,
                    name=name,
                    kind=kind,
                    region=region,
                    kabkota_code=kabkota.code,
                    letter_code=new_codes[region.code],
                )
                result.units_created += 1
            by_title: dict[str, Position] = {}
            parent_head = heads.get(region.parent_id or "") if region.level > Region.Level.KECAMATAN else None
            for order, (title, pkind, superior, staff_titles) in enumerate(BY_KIND[kind]):
                reports_to = by_title.get(superior) if superior else parent_head
                position = existing_positions.get((unit.pk, title))
                if position is None:
                    position = Position.objects.create(
                        unit=unit,
                        title=title,
                        kind=pkind,
                        reports_to=reports_to,
                        order=order * 10,
                        kabkota_code=kabkota.code,
                    )
                    result.positions_created += 1
                by_title[title] = position
                for offset, staff_title in enumerate(staff_titles, start=1):
                    if (unit.pk, staff_title) in existing_positions or staff_title in by_title:
                        continue
                    by_title[staff_title] = Position.objects.create(
                        unit=unit,
                        title=staff_title,
                        kind=Position.Kind.STAF,
                        reports_to=position,
                        order=order * 10 + offset,
                        kabkota_code=kabkota.code,
                    )
                    result.positions_created += 1
            heads[region.code] = by_title[BY_KIND[kind][0][0]]
    forget_region_overviews()
    return result


def _check_can_plan(actor: Any, unit: Unit) -> None:
    gate.require(
        actor,
        "organization.plan_formasi",
        unit,
        "Kebutuhan formasi hanya dapat ditetapkan oleh pimpinan daerah atau admin.",
    )


DESA_NOT_FORMASI = (
    "Kantor desa tidak memakai formasi ASN: kebutuhan perangkat desa mengikuti susunan organisasi desa "
    "(satu orang tiap jabatan, kepala dusun sebanyak jumlah dusun di data unit)."
)


def formasi_years(today: dt.date) -> range:
    """The years whose formasi can be set: last year (corrections) to five years ahead (planning)."""
    return range(today.year - 1, today.year + 6)


@transaction.atomic
def formasi_set(*, actor: Any, unit: Unit, year: int, needs: dict[int, int], basis: str = "") -> int:
    """Set how many people each position of ``unit`` needs in ``year``. Only changed numbers are written, each
    with a history row. Returns how many positions changed."""
    _check_can_plan(actor, unit)
    if unit.kind == Unit.Kind.KANTOR_DESA:
        raise DomainError(DESA_NOT_FORMASI, code="invalid")
    if year not in formasi_years(timezone.localdate()):  # the deployment's day, as the pages offer the years
        raise DomainError("Tahun formasi di luar rentang yang dapat direncanakan.", field="year")
    positions = set(unit.positions.values_list("pk", flat=True))
    unknown = set(needs) - positions
    if unknown:
        raise DomainError("Ada jabatan yang bukan milik unit ini.", code="invalid")
    for n in needs.values():
        if not 0 <= n <= FormasiNeed.MAX_NEEDED:
            raise DomainError(f"Kebutuhan harus antara 0 dan {FormasiNeed.MAX_NEEDED} orang.", field="needs")
    basis = basis.strip()
    existing = {
        need.position_id: need
        for need in FormasiNeed.objects.select_for_update().filter(unit=unit, year=year, position_id__in=needs)
    }
    changed = 0
    who = actor_fields(actor)
    now = timezone.now()
    for position_id, n in needs.items():
        need = existing.get(position_id)
        if need is not None and need.needed == n:
            continue
        old = need.needed if need is not None else None
        if need is None:
            need = FormasiNeed.objects.create(
                position_id=position_id,
                unit=unit,
                kabkota_code=unit.kabkota_code,
                year=year,
                needed=n,
                basis=basis,
                updated_by=actor,
            )
        else:
            need.needed, need.basis, need.updated_by = n, basis or need.basis, actor
            need.save(update_fields=["needed", "basis", "updated_by", "updated_at"])
        FormasiChange.objects.create(
            need=need, kabkota_code=unit.kabkota_code, old_needed=old, new_needed=n, note=basis, at=now, **who
        )
        changed += 1
    return changed
