"""Access to every object URL, generated from the URL configuration: a new URL is covered without a new test.

For each login-required URL that names an object (an id or a code), the test finds an object of the world below
that one of its own staff may open, then checks that

- a user of another unit, with the same role, gets 404 for it — fetched and posted (or 405 where the URL does not
  take that method): another unit's object is never confirmed to exist;
- a user of the same unit who does not have the action gets 403 or 404 when posting to it.

Public pages (the citizen's tracking page, the portal, Open311, ...) are excluded by one declared list, and so are
objects that belong to the whole kabupaten/kota rather than to a unit. A URL for which the world has no object
fails the test: give the world one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from pamong.accounts.models import Role, User
from pamong.organization.models import Position
from pamong.testing import Padang, make_employee, make_position, make_region, make_unit, make_user

pytestmark = pytest.mark.slow

# Pages for citizens and machines, open without an account (their own checks are tested in their apps).
PUBLIC = {
    "catalog:service",
    "servicerequests:apply",
    "servicerequests:track",
    "servicerequests:receipt",
    "servicerequests:correct",
    "servicerequests:letter",
    "servicerequests:verify",
    "surveys:answer",
    "surveys:kiosk",
    "surveys:public_unit",
    "complaints:detail",
    "complaints:respond",
    "complaints:photo",
    "training:verify",
    "innovation:public_detail",
    "portal:browse",
    "portal:announcement",
    "portal:region",
}
PUBLIC_NAMESPACES = ("open311:", "api:", "admin:")
# Objects of the whole kabupaten/kota, the same for every office in it: the priority programmes (poverty,
# stunting) are read by every staff member, each entering the counts of the places in their own scope.
# The Standar Pelayanan of a service is the kabupaten/kota's too, approved by pimpinan daerah (catalog tests).
KOTA_WIDE = {
    "programmes:programme",
    "programmes:xlsx",
    "programmes:entry",
    "programmes:target",
    "catalog:approve",
}


@dataclass
class Target:
    name: str
    kwargs: list[str]


def object_urls() -> list[Target]:
    found: list[Target] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                names = list(p.pattern.regex.groupindex)
                if names:
                    found.append(Target(namespace + p.name, names))

    walk(get_resolver().url_patterns, "")
    return [
        t
        for t in found
        if t.name not in PUBLIC and t.name not in KOTA_WIDE and not t.name.startswith(PUBLIC_NAMESPACES)
    ]


class World:
    """One office's objects of every kind (Kantor Lurah Belakang Pondok, in Padang Selatan), and the people
    around it; their counterparts in another kecamatan (Padang Barat) and another kota (Solok)."""

    def __init__(self, padang: Padang) -> None:
        self.padang = padang
        p = padang
        self.lurah = make_user("lurah_bp", Role.KEPALA_UNIT, p.lurah_bp)
        self.petugas = make_user("petugas_bp", Role.PETUGAS, p.staf_bp)
        self.nakes = make_user("nakes_bp", Role.KESEHATAN, make_employee(p.kantor_lurah_bp, "Nurhayati", gender="P"))
        self.camat = make_user("camat_ps", Role.KEPALA_UNIT, p.camat_ps)
        self.pimpinan = make_user("pimpinan", Role.PIMPINAN_DAERAH, p.kabag)
        # Another kecamatan: Padang Barat, with its kantor camat and the kantor lurah of Belakang Tangsi.
        camat_pb = make_position(p.kantor_camat_pb, "Camat", Position.Kind.KEPALA)
        lurah_bt = make_position(p.kantor_lurah_bt, "Lurah", Position.Kind.KEPALA, reports_to=camat_pb)
        self.others = {
            self.lurah: make_user("lurah_bt", Role.KEPALA_UNIT, make_employee(p.kantor_lurah_bt, "Syafril", lurah_bt)),
            self.petugas: make_user("petugas_bt", Role.PETUGAS, p.staf_bt),
            self.nakes: make_user("nakes_bt", Role.KESEHATAN, make_employee(p.kantor_lurah_bt, "Rahmi", gender="P")),
            self.camat: make_user("camat_pb", Role.KEPALA_UNIT, make_employee(p.kantor_camat_pb, "Edi", camat_pb)),
        }
        make_region("13.72", "Kota Solok")
        tapem_solok = make_unit(make_region("13.72", "Kota Solok"))
        self.others[self.pimpinan] = make_user(
            "pimpinan_solok", Role.PIMPINAN_DAERAH, make_employee(tapem_solok, "Zulkifli")
        )
        self.owners = [self.lurah, self.petugas, self.camat, self.pimpinan, self.nakes]
        self.objects: list[models.Model] = []
        self.codes: list[str] = [p.belakang_pondok.code, p.padang_selatan.code]
        self._build()

    def add(self, *objs: models.Model) -> None:
        self.objects.extend(objs)
        self.codes.extend(str(getattr(o, "code", "")) for o in objs if isinstance(getattr(o, "code", None), str))

    def _build(self) -> None:
        from pamong.complaints.categories import categories_seed
        from pamong.complaints.models import Category, ComplaintPhoto
        from pamong.complaints.services import Report, complaint_submit
        from pamong.meetings.models import ActionItem, Finding, FindingPhoto, Meeting, Visit
        from pamong.notifications.models import Notification
        from pamong.portal.models import Announcement
        from pamong.programmes.models import Category as Vulnerability
        from pamong.programmes.models import VulnerableResident
        from pamong.reports.models import Attachment
        from pamong.reports.services import report_open
        from pamong.servicerequests.models import RequestDocument
        from pamong.servicerequests.testing import make_request, make_service
        from pamong.skp.models import SkpAssessment
        from pamong.surveys.models import FollowUp, Kiosk, Survey
        from pamong.training.models import Certificate, Participant, TrainingEvent

        p, unit, now, today = self.padang, self.padang.kantor_lurah_bp, timezone.now(), timezone.localdate()
        kab = unit.kabkota_code
        self.add(unit, p.staf_bp)
        request = make_request(unit, make_service())
        document = RequestDocument.objects.create(
            request=request,
            file=ContentFile(b"%PDF-1.4 ktp", name="ktp.pdf"),
            original_name="ktp.pdf",
            content_type="application/pdf",
            size=12,
            sha256="0" * 64,
        )
        self.add(request, document)
        # A letter being prepared (its DRAF preview) and one signed (the office's copy).
        from pamong.servicerequests.letters import letter_render_pdf
        from pamong.servicerequests.models import Letter
        from pamong.servicerequests.models import Status as RS
        from pamong.servicerequests.services import request_transition
        from pamong.servicerequests.testing import finish

        waiting = make_request(unit, request.service)
        for to in (RS.DIVERIFIKASI, RS.DIPROSES, RS.MENUNGGU_TTD):
            waiting = request_transition(request=waiting, actor=self.petugas, to_status=to)
        signed = finish(make_request(unit, request.service), self.petugas, self.lurah)
        letter_render_pdf(letter=Letter.objects.get(request=signed))
        self.add(waiting, signed)
        categories_seed(kabkota_code=kab)
        complaint = complaint_submit(
            report=Report(
                category=Category.objects.filter(kabkota_code=kab).first(),  # type: ignore[arg-type]
                region=p.belakang_pondok,
                title="Lampu jalan padam",
                text="Sudah seminggu.",
                token=uuid.uuid4().hex,
                name="Warga",
                phone="+6281200000001",
            )
        )[0]
        photo = ComplaintPhoto.objects.create(
            complaint=complaint,
            file=ContentFile(b"\xff\xd8jpg", name="foto.jpg"),
            content_type="image/jpeg",
            size=5,
            sha256="1" * 64,
        )
        self.add(complaint, photo)
        survey = Survey.objects.create(
            kabkota_code=kab,
            unit=unit,
            period_start=today.replace(month=1, day=1),
            period_end=today.replace(month=12, day=31),
        )
        follow_up = FollowUp.objects.create(
            kabkota_code=kab,
            survey=survey,
            unsur=8,
            action="Perbaiki alur pengaduan",
            owner=p.staf_bp,
            due_date=today + dt.timedelta(days=30),
        )
        kiosk = Kiosk.objects.create(kabkota_code=kab, unit=unit, name="Loket 1", key=uuid.uuid4().hex)
        self.add(survey, follow_up, kiosk)
        self.skp = SkpAssessment.objects.create(
            kabkota_code=kab,
            unit=unit,
            employee=p.staf_bp,
            year=today.year - 1,
            quarter=4,
            employee_position_title="Pengadministrasi Umum",
            rater=p.lurah_bp,
            rater_position_title="Lurah",
            created_at=now,
            updated_at=now,
        )
        self.add(self.skp)
        event = TrainingEvent.objects.create(
            kabkota_code=kab,
            unit=unit,
            title="Bimtek tata naskah",
            kind="bimtek",
            start_date=today,
            end_date=today,
            place="Aula",
            hours=8,
            status="selesai",
        )
        participant = Participant.objects.create(
            kabkota_code=kab, event=event, employee=p.staf_bp, unit=unit, attendance="hadir"
        )
        certificate = Certificate.objects.create(
            kabkota_code=kab,
            participant=participant,
            unit=unit,
            unit_code=unit.letter_code,
            year=today.year,
            sequence=1,
            number=f"001/SERT-PLT/{unit.letter_code}/{today.year}",
            code="SERTBP000001",
            issued_at=now,
        )
        planned = TrainingEvent.objects.create(
            kabkota_code=kab,
            unit=unit,
            title="Pelatihan pelayanan prima",
            kind="bimtek",
            start_date=today + dt.timedelta(days=20),
            end_date=today + dt.timedelta(days=21),
            place="Aula",
            hours=16,
        )
        enrolled = Participant.objects.create(kabkota_code=kab, event=planned, employee=p.staf_bp, unit=unit)
        self.add(event, participant, certificate, planned, enrolled)
        meeting = Meeting.objects.create(
            kabkota_code=kab,
            unit=unit,
            kind="rapat_kerja",
            title="Rapat kerja",
            chair=p.lurah_bp,
            starts_at=now,
            ends_at=now + dt.timedelta(hours=1),
            place="Aula",
            submit_token=uuid.uuid4().hex,
        )
        visit = Visit.objects.create(
            kabkota_code=kab,
            region=p.belakang_pondok,
            unit=unit,
            visited_on=today,
            title="Kunjungan kerja",
            submit_token=uuid.uuid4().hex,
        )
        finding = Finding.objects.create(visit=visit, theme="pelayanan", text="Ruang tunggu sempit.")
        finding_photo = FindingPhoto.objects.create(
            finding=finding,
            file=ContentFile(b"\xff\xd8jpg", name="temuan.jpg"),
            content_type="image/jpeg",
            size=5,
            sha256="3" * 64,
        )
        item = ActionItem.objects.create(
            kabkota_code=kab,
            unit=unit,
            title="Perluas ruang tunggu",
            owner=p.staf_bp,
            meeting=meeting,
            deadline=today + dt.timedelta(days=14),
        )
        self.add(meeting, visit, finding, finding_photo, item)
        from pamong.attendance.models import Attendance

        record = Attendance.objects.create(
            kabkota_code=kab,
            unit=unit,
            employee=p.staf_bp,
            date=today - dt.timedelta(days=1),
            status="sakit",
            source="petugas",
            document=ContentFile(b"%PDF-1.4 surat", name="surat-dokter.pdf"),
            document_type="application/pdf",
        )
        resident = VulnerableResident.objects.create(
            place=p.belakang_pondok,
            kabkota_code=kab,
            name="Ani",
            nik="1371014204850003",
            address="Jl. Belakang Pondok 1",
            category=Vulnerability.values[0],
        )
        announcement = Announcement.objects.create(
            kabkota_code=kab,
            unit=unit,
            title="Pelayanan tutup",
            body="<p>Libur.</p>",
            publish_from=today,
            submit_token=uuid.uuid4().hex,
        )
        self.add(record, resident, announcement)
        from pamong.innovation.models import Evidence as InnovationEvidence
        from pamong.innovation.models import Innovation

        innovation = Innovation.objects.create(
            kabkota_code=kab,
            unit=unit,
            name="Surat antar lansia",
            problem="Lansia sulit datang ke kantor.",
            change="Surat diantar ke rumah.",
            kind="pelayanan",
            initiated_on=today,
        )
        innovation_file = InnovationEvidence.objects.create(
            innovation=innovation,
            kind="sop",
            title="SOP antar surat",
            file=ContentFile(b"%PDF-1.4 sop", name="sop.pdf"),
            original_name="sop.pdf",
            content_type="application/pdf",
            size=12,
            sha256="4" * 64,
        )
        self.add(innovation, innovation_file)
        report = report_open(unit=p.kantor_camat_ps, day=today - dt.timedelta(days=40))
        attachment = Attachment.objects.create(
            report=report,
            file=ContentFile(b"%PDF-1.4 lampiran", name="lampiran.pdf"),
            original_name="lampiran.pdf",
            content_type="application/pdf",
            size=16,
            sha256="2" * 64,
        )
        self.add(report, attachment, p.kantor_camat_ps)
        failed = Notification.objects.create(
            channel="sms",
            recipient="+6281200000002",
            body="Permohonan diterima.",
            kabkota_code=kab,
            status="failed",
        )
        self.add(failed)

    def candidates(self, target: Target) -> list[dict[str, Any]]:
        """Every way to fill the URL's arguments from the world (a wrong type of object is simply a 404)."""
        from pamong.skp.models import period_slug

        combos: list[dict[str, Any]] = [{}]
        for arg in target.kwargs:
            if arg == "period":
                values: list[Any] = [period_slug(self.skp.year, self.skp.quarter)]
            elif arg in ("code",):
                values = self.codes
            else:
                values = sorted({o.pk for o in self.objects if isinstance(o.pk, int)})
            combos = [{**c, arg: v} for c in combos for v in values]
        return combos


def _status(user: User, method: str, url: str) -> int:
    """The answer to one request; a POST is rolled back afterwards, so probing changes nothing in the world."""
    client = Client()
    client.force_login(user)
    if method == "GET":
        return client.get(url).status_code
    with transaction.atomic():
        status = client.post(url, {}).status_code
        transaction.set_rollback(True)
    return status


def _opened_by_owner(world: World, target: Target) -> tuple[User, str] | None:
    for kwargs in world.candidates(target):
        try:
            url = reverse(target.name, kwargs=kwargs)
        except Exception:  # noqa: S112 (a value that does not fit the URL's converter)
            continue
        for owner in world.owners:
            if _status(owner, "GET", url) == 200:
                return owner, url
    return None


def test_every_object_url_is_a_404_for_another_unit_and_refused_without_the_action(padang: Padang) -> None:
    world = World(padang)
    targets = object_urls()
    opened: dict[str, tuple[User, str]] = {}
    for target in targets:
        found = _opened_by_owner(world, target)
        if found is not None:
            opened[target.name] = found
    missing = []
    for target in targets:
        if target.name in opened:
            continue
        posted = _post_only(world, target)
        if posted is None:
            missing.append(target.name)
        else:
            opened[target.name] = posted
    assert not missing, f"no object in the world opens these URLs; give the world one: {missing}"
    problems = []
    for name, (owner, url) in sorted(opened.items()):
        other = world.others[owner]
        for method in ("GET", "POST"):
            status = _status(other, method, url)
            if status not in (404, 405):
                problems.append(f"{method} {url} ({name}) by {other.username}: {status}, expected 404")
        # The health worker has no action outside the register of vulnerable residents; there the petugas has none.
        actionless = world.petugas if name.startswith("programmes:") else world.nakes
        status = _status(actionless, "POST", url)
        if status not in (403, 404, 405):
            problems.append(f"POST {url} ({name}) by {actionless.username}: {status}, expected 403 or 404")
    assert not problems, "\n".join(problems)
    assert len(opened) >= 60


def _post_only(world: World, target: Target) -> tuple[User, str] | None:
    """A URL that takes only POST: the object is found when one of its own staff gets anything but 404 (the POST
    is empty and rolled back)."""
    for kwargs in world.candidates(target):
        try:
            url = reverse(target.name, kwargs=kwargs)
        except Exception:  # noqa: S112
            continue
        for owner in world.owners:
            if _status(owner, "POST", url) not in (404, 405):
                return owner, url
    return None
