"""The migrations that give old history tables the one history shape keep every old row: old columns are renamed,
not dropped, and the new columns are filled — kabupaten/kota from the object, the actor's post and unit from
their staff record, an attendance correction's status before and after from its stored values. Covered: the
corrections (organization 0003, attendance 0002, programmes 0003) and the request history the weak-link build
reads (servicerequests 0007), on SQLite and PostgreSQL, with rows in the tables."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.accounts.models import Role
from pamong.servicerequests.testing import make_request, make_service
from pamong.testing import Padang, make_user, migrated_back

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("organization", "0002_formasi"),
    ("attendance", "0001_initial"),
    ("programmes", "0002_target_history"),
    ("servicerequests", "0006_employee_desk_index"),
]
AT = dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.UTC)


def test_old_history_rows_are_kept_and_filled(padang: Padang) -> None:
    petugas = make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)
    request = make_request(padang.kantor_lurah_bp, make_service())
    unit, position = padang.kantor_lurah_bp, padang.staf_bp_pos
    with migrated_back(BEFORE) as old:
        # A request moved by the petugas, written before the history kept the post at the time.
        step = old.get_model("servicerequests", "StatusChange").objects.create(
            request_id=request.pk,
            from_status="diajukan",
            to_status="diverifikasi",
            actor_id=petugas.pk,
            actor_label="Petugas",
            at=AT,
        )
        # Formasi: a change by the petugas's account (whatever its role was), and one from the demo data.
        need = old.get_model("organization", "FormasiNeed").objects.create(
            position_id=position.pk, unit_id=unit.pk, kabkota_code="13.71", year=2026, needed=2
        )
        formasi = old.get_model("organization", "FormasiChange")
        by_user = formasi.objects.create(
            need=need, old_needed=1, new_needed=2, basis="ABK 2026", changed_by_id=petugas.pk
        )
        formasi.objects.filter(pk=by_user.pk).update(changed_at=AT)
        seeded = formasi.objects.create(need=need, new_needed=1)
        # Attendance: a correction from tanpa keterangan to sakit.
        record = old.get_model("attendance", "Attendance").objects.create(
            kabkota_code="13.71",
            unit_id=unit.pk,
            employee_id=padang.staf_bp.pk,
            date=dt.date(2026, 1, 5),
            status="sakit",
            source="petugas",
        )
        correction = old.get_model("attendance", "AttendanceChange").objects.create(
            kabkota_code="13.71",
            attendance=record,
            old_values={"status": "tanpa_keterangan", "note": ""},
            new_values={"status": "sakit", "note": "Demam"},
            reason="Melapor lewat telepon",
            changed_by_id=petugas.pk,
            changed_by_label="Yusnimar",
            at=AT,
        )
        # Programmes: a target corrected with a reason, and a first monthly count.
        programme = old.get_model("programmes", "Programme").objects.create(
            code="uji-migrasi", name="Uji", unit_label="rumah tangga"
        )
        target = old.get_model("programmes", "ProgrammeTarget").objects.create(
            programme=programme,
            place_id=padang.belakang_pondok.code,
            kabkota_code="13.71",
            year=2026,
            baseline=9,
            target=4,
        )
        target_change = old.get_model("programmes", "TargetChange").objects.create(
            target=target,
            kabkota_code="13.71",
            kind="corrected",
            actor_id=petugas.pk,
            old_baseline=9,
            old_target=5,
            new_baseline=9,
            new_target=4,
            reason="Perbup baru",
        )
        report = old.get_model("programmes", "ProgressReport").objects.create(
            programme=programme,
            place_id=padang.belakang_pondok.code,
            kabkota_code="13.71",
            month=dt.date(2026, 1, 1),
            count=7,
        )
        progress_change = old.get_model("programmes", "ProgressChange").objects.create(
            report=report, kabkota_code="13.71", kind="created", actor_id=petugas.pk, new_count=7, new_reached=0
        )

    from pamong.attendance.models import AttendanceChange
    from pamong.organization.models import FormasiChange
    from pamong.programmes.models import ProgressChange, TargetChange
    from pamong.servicerequests.models import StatusChange

    moved = StatusChange.objects.get(pk=step.pk)
    assert (moved.actor, moved.actor_label, moved.at, moved.kabkota_code) == (petugas, "Petugas", AT, "13.71")
    assert (moved.actor_position, moved.actor_unit) == (position, unit)

    kept = FormasiChange.objects.get(pk=by_user.pk)
    assert (kept.old_needed, kept.new_needed, kept.note, kept.actor, kept.at) == (1, 2, "ABK 2026", petugas, AT)
    assert (kept.kabkota_code, kept.actor_position, kept.actor_unit) == ("13.71", position, unit)
    first = FormasiChange.objects.get(pk=seeded.pk)
    assert (first.actor, first.actor_position, first.kabkota_code) == (None, None, "13.71")

    fixed = AttendanceChange.objects.get(pk=correction.pk)
    assert (fixed.note, fixed.actor, fixed.actor_label, fixed.at) == ("Melapor lewat telepon", petugas, "Yusnimar", AT)
    assert (fixed.from_status, fixed.to_status, fixed.get_from_status_display()) == (
        "tanpa_keterangan",
        "sakit",
        "Tanpa keterangan",
    )
    assert (fixed.actor_position, fixed.actor_unit) == (position, unit)
    assert fixed.old_values["status"] == "tanpa_keterangan" and fixed.new_values["note"] == "Demam"

    changed = TargetChange.objects.get(pk=target_change.pk)
    assert (changed.kind, changed.old_target, changed.new_target, changed.note) == ("corrected", 5, 4, "Perbup baru")
    assert (changed.actor, changed.actor_position, changed.actor_unit) == (petugas, position, unit)
    entered = ProgressChange.objects.get(pk=progress_change.pk)
    assert (entered.kind, entered.new_count, entered.note, entered.kabkota_code) == ("created", 7, "", "13.71")
    assert (entered.actor_position, entered.actor_unit) == (position, unit)
