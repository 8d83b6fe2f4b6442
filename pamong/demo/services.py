"""Demo and benchmark data: staff for the standard offices, and demo accounts for each role."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from pamong.accounts.models import Role, User
from pamong.core.formats import ribuan
from pamong.demo.people import PeopleFactory
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region

DEMO_PASSWORD = "pamong-demo-2026"  # noqa: S105  (printed for the demo on purpose)

# Share of each position kind that is filled, and how many people a staff position holds.
_FILL: dict[str, float] = {
    Position.Kind.KEPALA: 0.96,
    Position.Kind.SEKRETARIS: 0.93,
    Position.Kind.KEPALA_SEKSI: 0.84,
    Position.Kind.KEPALA_DUSUN: 0.92,  # each dusun's post
    Position.Kind.STAF: 0.9,
}
DUSUN_PER_DESA = (2, 6)
TERM_YEARS = 8  # UU 3/2024 (amending UU 6/2014, art. 39): a kepala desa is elected for eight years


def _desa_employment_for(kind: str, rng: random.Random) -> str:
    """A kantor desa is staffed by its own apparatus (UU 6/2014): the elected kepala desa and the perangkat desa
    he appoints. A few ASN remain: a PNS as penjabat kepala desa after a term ended, a PNS sekretaris desa
    appointed before 2014."""
    roll = rng.random()
    if kind == Position.Kind.KEPALA:
        return Employee.EmploymentType.KEPALA_DESA if roll < 0.96 else Employee.EmploymentType.PNS
    if kind == Position.Kind.SEKRETARIS:
        return Employee.EmploymentType.PERANGKAT_DESA if roll < 0.9 else Employee.EmploymentType.PNS
    if kind == Position.Kind.STAF:
        return Employee.EmploymentType.PERANGKAT_DESA if roll < 0.55 else Employee.EmploymentType.HONORER
    return Employee.EmploymentType.PERANGKAT_DESA


def _employment_for(kind: str, rng: random.Random) -> str:
    if kind in (Position.Kind.KEPALA, Position.Kind.SEKRETARIS, Position.Kind.KEPALA_SEKSI):
        return Employee.EmploymentType.PNS
    roll = rng.random()
    if roll < 0.42:
        return Employee.EmploymentType.PNS
    if roll < 0.58:
        return Employee.EmploymentType.PPPK
    if roll < 0.9:
        return Employee.EmploymentType.HONORER
    return Employee.EmploymentType.KONTRAK


@dataclass
class StaffResult:
    employees: int = 0
    vacant_positions: int = 0


def staff_populate(
    *,
    kabkota: Region,
    seed: int = 1371,
    staff_per_position: tuple[int, int] = (1, 2),
    extra_honorer: tuple[int, int] = (0, 2),
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> StaffResult:
    """Fill the positions of every unit of a kabupaten/kota with plausible people (deterministic for a seed).

    Heads and secretaries get one holder; staff positions get ``staff_per_position`` holders; each unit also
    gets ``extra_honorer`` honorer without a position. Some positions stay vacant on purpose.
    """
    rng = random.Random(seed)
    today = today or dt.date.today()
    taken = {nip for nip in Employee.objects.exclude(nip=None).values_list("nip", flat=True) if nip}
    factory = PeopleFactory(rng, taken_nips=taken)
    result = StaffResult()
    units = list(Unit.objects.filter(kabkota_code=kabkota.code).prefetch_related("positions").order_by("region_id"))
    batch: list[Employee] = []
    nipd_seq = 0

    def add(unit: Unit, position: Position | None, kind: str, employment: str) -> None:
        nonlocal nipd_seq
        senior = kind in (Position.Kind.KEPALA, Position.Kind.SEKRETARIS)
        young = employment in (Employee.EmploymentType.HONORER, Employee.EmploymentType.KONTRAK)
        desa = employment in Employee.DESA_APPARATUS
        educated = rng.random() < (0.4 if desa else 0.5) if (young or desa) else True
        person = factory.person(senior=senior, young=young, educated=educated)
        with_nip = employment in Employee.WITH_NIP
        nipd, term_start, term_end = "", None, None
        if desa and rng.random() < 0.8:
            nipd_seq += 1
            nipd = f"{unit.region_id}.{nipd_seq % 1000:03d}"
        if employment == Employee.EmploymentType.KEPALA_DESA:
            # Installed up to a little over one term ago: a few terms are over (the page flags them).
            term_start = today - dt.timedelta(days=rng.randint(60, 365 * TERM_YEARS + 200))
            term_end = term_start.replace(year=term_start.year + TERM_YEARS, day=min(term_start.day, 28))
        batch.append(
            Employee(
                nip=factory.nip(person, today=today) if with_nip else None,
                nipd=nipd,
                term_start=term_start,
                term_end=term_end,
                name=person.name,
                title_prefix=person.title_prefix,
                title_suffix=person.title_suffix,
                gender=person.gender,
                birth_date=person.birth_date,
                employment_type=employment,
                unit=unit,
                position=position,
                kabkota_code=unit.kabkota_code,
                phone=factory.phone() if rng.random() < 0.8 else "",
            )
        )

    with transaction.atomic():
        for index, unit in enumerate(units, start=1):
            desa = unit.kind == Unit.Kind.KANTOR_DESA
            if desa and unit.dusun_count is None:
                unit.dusun_count = rng.randint(*DUSUN_PER_DESA)
                unit.save(update_fields=["dusun_count"])
            employment_for = _desa_employment_for if desa else _employment_for
            for position in unit.positions.all():
                if position.kind == Position.Kind.KEPALA_DUSUN:
                    # One post per dusun, each filled or vacant on its own.
                    for _ in range(unit.dusun_count or 0):
                        if rng.random() > _FILL[position.kind]:
                            result.vacant_positions += 1
                        else:
                            add(unit, position, position.kind, employment_for(position.kind, rng))
                    continue
                if rng.random() > _FILL[position.kind]:
                    result.vacant_positions += 1
                    continue
                holders = 1 if position.kind != Position.Kind.STAF else rng.randint(*staff_per_position)
                for _ in range(holders):
                    add(unit, position, position.kind, employment_for(position.kind, rng))
            for _ in range(rng.randint(*extra_honorer)):
                add(unit, None, Position.Kind.STAF, Employee.EmploymentType.HONORER)
            if len(batch) >= 2000 or index == len(units):
                Employee.objects.bulk_create(batch, batch_size=1000)
                result.employees += len(batch)
                batch.clear()
                if progress:
                    progress(f"  pegawai: {ribuan(result.employees)} ({index}/{len(units)} unit)")
    return result


def head_username(unit: Unit) -> str:
    """The demo account of the head of the demo office: ``lurah`` for a kantor lurah, ``kades`` for a desa."""
    return "kades" if unit.kind == Unit.Kind.KANTOR_DESA else "lurah"


HEAD_USERNAMES = ("lurah", "kades")


@dataclass
class DemoAccount:
    username: str
    role: str
    who: str


def _holder(unit_qs: QuerySet[Unit], title: str) -> Employee | None:
    return (
        Employee.objects.filter(unit__in=unit_qs, position__title=title, active=True)
        .select_related("unit")
        .order_by("unit__region_id", "id")
        .first()
    )


def demo_heads(*, kabkota: Region) -> tuple[Employee, Employee, Employee] | None:
    """The camat, sekcam and lurah (or kepala desa) of the demo accounts: in the first kecamatan whose camat,
    sekcam and a head of a kelurahan/desa office are in place. A kabupaten shows a kantor desa (most of its
    villages are desa), a kota a kantor lurah; the other kind when none is staffed. The requests' demo reads it
    too, before the accounts exist: its weak link (a slow signature) is in this office."""
    kecamatan = Region.objects.filter(parent=kabkota, level=Region.Level.KECAMATAN).order_by("code")
    kinds = [Unit.Kind.KANTOR_LURAH, Unit.Kind.KANTOR_DESA]
    if kabkota.kind == Region.Kind.KABUPATEN:
        kinds.reverse()
    for office_kind in kinds:
        for kec in kecamatan:
            camat = _holder(Unit.objects.filter(region=kec), "Camat")
            sekcam = _holder(Unit.objects.filter(region=kec), "Sekretaris Camat")
            lurah = (
                Employee.objects.filter(
                    unit__region__parent=kec, unit__kind=office_kind, position__kind=Position.Kind.KEPALA, active=True
                )
                .select_related("unit")
                .order_by("unit__region_id", "id")
                .first()
            )
            if camat and sekcam and lurah:
                return camat, sekcam, lurah
    return None


def demo_accounts_create(*, kabkota: Region) -> list[DemoAccount]:
    """One account per role, tied to real demo employees. Re-running resets their passwords."""
    accounts: list[DemoAccount] = []
    chosen = demo_heads(kabkota=kabkota)
    if chosen is None:
        return accounts
    camat, sekcam, lurah = chosen
    petugas = (
        Employee.objects.filter(unit=lurah.unit, position__kind=Position.Kind.STAF, active=True).order_by("id").first()
    )
    # A health worker placed at the office (posyandu/puskesmas liaison): sees the vulnerable register.
    nakes = (
        Employee.objects.filter(unit=lurah.unit, position__kind=Position.Kind.STAF, active=True)
        .exclude(pk__in=[petugas.pk] if petugas else [])
        .order_by("id")
        .first()
    )
    pimpinan = _holder(Unit.objects.filter(region=kabkota), "Kepala Bagian Tata Pemerintahan")
    plan = [
        ("admin", Role.ADMIN, None, "Admin Diskominfo"),
        ("pimpinan", Role.PIMPINAN_DAERAH, pimpinan, None),
        ("camat", Role.KEPALA_UNIT, camat, None),
        ("sekcam", Role.SEKRETARIS, sekcam, None),
        (head_username(lurah.unit), Role.KEPALA_UNIT, lurah, None),
        ("petugas", Role.PETUGAS, petugas, None),
        ("nakes", Role.KESEHATAN, nakes, None),
    ]
    with transaction.atomic():
        for username, role, employee, label in plan:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.role = role
            user.employee = employee
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.first_name = (employee.name if employee else label or username)[:150]
            user.set_password(DEMO_PASSWORD)
            user.save()
            who = label or (
                f"{employee.position.title if employee and employee.position else ''}, {employee.unit.name}"
                if employee
                else ""
            )
            accounts.append(DemoAccount(username=username, role=str(Role(role).label), who=who))
    return accounts


def database_analyze() -> None:
    """After a bulk load, do now what autovacuum would do later (PostgreSQL): refresh the planner's statistics
    and the visibility map, so that counts read the index alone (index-only scans) as they do in production."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE")


def data_reloaded() -> None:
    """Data was written in bulk, past the services: every cached page built from it is stale."""
    from pamong.complaints.services import complaints_changed
    from pamong.organization.services import staff_changed
    from pamong.regions.selectors import forget_region_overviews
    from pamong.servicerequests.services import inbox_reloaded
    from pamong.surveys.services import forget_public_results

    inbox_reloaded()
    complaints_changed()
    staff_changed()
    forget_region_overviews()
    forget_public_results()


def standards_approve(*, kabkota_code: str, left_for_review: int = 2) -> int:
    """The demo's pimpinan daerah has approved the Standar Pelayanan of every service but the last few, so that the
    review page and the checklist show both states. Returns how many were approved now."""
    from pamong.catalog.models import ServiceType
    from pamong.catalog.services import standard_approve

    pimpinan = User.objects.filter(username="pimpinan", role=Role.PIMPINAN_DAERAH).first()
    waiting = list(ServiceType.objects.for_kabkota(kabkota_code).needing_review().order_by("order", "name"))
    if pimpinan is None or len(waiting) < len(ServiceType.objects.for_kabkota(kabkota_code)):
        return 0  # already done once (or no pimpinan): what the demo user did since is kept
    for service in waiting[: max(len(waiting) - left_for_review, 0)]:
        standard_approve(actor=pimpinan, service=service)
    return max(len(waiting) - left_for_review, 0)
