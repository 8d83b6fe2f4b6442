"""The migrations that give the correction histories the one history shape (organization 0003, attendance 0002,
programmes 0003) keep every old row: old columns are renamed, not dropped, and the new columns are filled
(kabupaten/kota from the object, the actor's post and unit from their staff record, an attendance correction's
status before and after from its stored values). Historical models only, so this file imports no higher app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [
    ("organization", "0002_formasi"),
    ("attendance", "0001_initial"),
    ("programmes", "0002_target_history"),
]
AT = dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.UTC)


@contextmanager
def migrated_back(targets: list[tuple[str, str]]) -> Iterator[Any]:
    """The database at ``targets`` (yields the historical models); then forward to the latest state again, in
    any case, and yields nothing more: read the result with ``latest()``."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    try:
        yield executor.loader.project_state(targets).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def latest() -> Any:
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps


def _staff(old: Any) -> dict[str, Any]:
    region = old.get_model("regions", "Region")
    for code, name, level, kind, parent in (
        ("13", "Sumatera Barat", 1, "provinsi", None),
        ("13.71", "Kota Padang", 2, "kota", "13"),
        ("13.71.01", "Padang Selatan", 3, "kecamatan", "13.71"),
        ("13.71.01.1001", "Belakang Pondok", 4, "kelurahan", "13.71.01"),
    ):
        region.objects.create(code=code, name=name, level=level, kind=kind, parent_id=parent)
    unit = old.get_model("organization", "Unit").objects.create(
        code="13.71.01.1001",
        name="Kantor Lurah Belakang Pondok",
        kind="kantor_lurah",
        region_id="13.71.01.1001",
        kabkota_code="13.71",
    )
    position = old.get_model("organization", "Position").objects.create(
        unit=unit, title="Sekretaris Lurah", kind="sekretaris", kabkota_code="13.71"
    )
    employee = old.get_model("organization", "Employee").objects.create(
        name="Desmawati", gender="P", employment_type="honorer", unit=unit, position=position, kabkota_code="13.71"
    )
    user = old.get_model("accounts", "User").objects.create(username="seklur", employee=employee)
    return {"unit": unit, "position": position, "employee": employee, "user": user}


def test_old_correction_histories_are_kept_and_filled() -> None:
    with migrated_back(BEFORE) as old:
        s = _staff(old)
        # Formasi: a change by the secretary, and one written by the demo data without a person.
        need = old.get_model("organization", "FormasiNeed").objects.create(
            position=s["position"], unit=s["unit"], kabkota_code="13.71", year=2026, needed=2
        )
        formasi = old.get_model("organization", "FormasiChange")
        by_user = formasi.objects.create(need=need, old_needed=1, new_needed=2, basis="ABK 2026", changed_by=s["user"])
        formasi.objects.filter(pk=by_user.pk).update(changed_at=AT)
        seeded = formasi.objects.create(need=need, new_needed=1)
        # Attendance: a correction from tanpa keterangan to sakit.
        record = old.get_model("attendance", "Attendance").objects.create(
            kabkota_code="13.71",
            unit=s["unit"],
            employee=s["employee"],
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
            changed_by=s["user"],
            changed_by_label="Desmawati",
            at=AT,
        )
        # Programmes: a target and a monthly count, each first set and then corrected with a reason.
        programme = old.get_model("programmes", "Programme").objects.create(
            code="uji-migrasi", name="Uji", unit_label="rumah tangga"
        )
        target = old.get_model("programmes", "ProgrammeTarget").objects.create(
            programme=programme, place_id="13.71.01.1001", kabkota_code="13.71", year=2026, baseline=9, target=4
        )
        target_change = old.get_model("programmes", "TargetChange").objects.create(
            target=target,
            kabkota_code="13.71",
            kind="corrected",
            actor=s["user"],
            old_baseline=9,
            old_target=5,
            new_baseline=9,
            new_target=4,
            reason="Perbup baru",
        )
        report = old.get_model("programmes", "ProgressReport").objects.create(
            programme=programme, place_id="13.71.01.1001", kabkota_code="13.71", month=dt.date(2026, 1, 1), count=7
        )
        progress_change = old.get_model("programmes", "ProgressChange").objects.create(
            report=report, kabkota_code="13.71", kind="created", actor=s["user"], new_count=7, new_reached=0
        )

    new = latest()
    unit_id, position_id, user_id = s["unit"].pk, s["position"].pk, s["user"].pk

    kept = new.get_model("organization", "FormasiChange").objects.get(pk=by_user.pk)
    assert (kept.old_needed, kept.new_needed, kept.note, kept.actor_id, kept.at) == (1, 2, "ABK 2026", user_id, AT)
    assert (kept.kabkota_code, kept.actor_position_id, kept.actor_unit_id) == ("13.71", position_id, unit_id)
    first = new.get_model("organization", "FormasiChange").objects.get(pk=seeded.pk)
    assert (first.actor_id, first.actor_position_id, first.kabkota_code) == (None, None, "13.71")

    fixed = new.get_model("attendance", "AttendanceChange").objects.get(pk=correction.pk)
    assert (fixed.note, fixed.actor_id, fixed.actor_label, fixed.at) == (
        "Melapor lewat telepon",
        user_id,
        "Desmawati",
        AT,
    )
    assert (fixed.from_status, fixed.to_status) == ("tanpa_keterangan", "sakit")
    assert (fixed.actor_position_id, fixed.actor_unit_id) == (position_id, unit_id)
    assert fixed.old_values["status"] == "tanpa_keterangan" and fixed.new_values["note"] == "Demam"

    changed = new.get_model("programmes", "TargetChange").objects.get(pk=target_change.pk)
    assert (changed.kind, changed.old_target, changed.new_target, changed.note) == ("corrected", 5, 4, "Perbup baru")
    assert (changed.actor_id, changed.actor_position_id, changed.actor_unit_id) == (user_id, position_id, unit_id)
    entered = new.get_model("programmes", "ProgressChange").objects.get(pk=progress_change.pk)
    assert (entered.kind, entered.new_count, entered.note, entered.kabkota_code) == ("created", 7, "", "13.71")
    assert (entered.actor_position_id, entered.actor_unit_id) == (position_id, unit_id)
