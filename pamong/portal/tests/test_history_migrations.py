"""The migrations that give the history tables of camat reports, SKP, SKM follow-up and announcements the one
history shape (reports, skp, surveys and portal 0002 + 0003) keep every old row and fill the new columns: the
kabupaten/kota from the object, the actor's post and unit from their staff record; a snapshot and the values before
a correction stay as they were. With rows in the tables, on SQLite and PostgreSQL (where filling the new foreign
keys in the migration that creates them would fail)."""

from __future__ import annotations

import datetime as dt

import pytest

from pamong.accounts.models import Role
from pamong.testing import Padang, make_user, migrated_back

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("reports", "0001_initial"), ("skp", "0001_initial"), ("surveys", "0001_initial"), ("portal", "0001_initial")]
AT = dt.datetime(2026, 11, 5, 3, 0, tzinfo=dt.UTC)


def test_old_history_rows_are_kept_and_filled(padang: Padang) -> None:
    camat = make_user("camat_ps", Role.KEPALA_UNIT, padang.camat_ps)
    lurah = make_user("lurah_bp", Role.KEPALA_UNIT, padang.lurah_bp)
    with migrated_back(BEFORE) as old:
        # A camat report sent by the camat and returned with a note (the reviewer's account since removed).
        report = old.get_model("reports", "PeriodicReport").objects.create(
            kabkota_code="13.71",
            unit_id=padang.kantor_camat_ps.pk,
            frequency="bulanan",
            period_start=dt.date(2026, 10, 1),
            period_end=dt.date(2026, 10, 31),
            due_at=AT,
            status="dikembalikan",
        )
        report_change = old.get_model("reports", "ReportChange")
        sent = report_change.objects.create(
            report=report, from_status="draf", to_status="disampaikan", actor_id=camat.pk, at=AT
        )
        returned = report_change.objects.create(
            report=report, from_status="disampaikan", to_status="dikembalikan", note="Lengkapi pemilu", at=AT
        )
        # An SKP made final by the lurah, with the values of that moment.
        assessment = old.get_model("skp", "SkpAssessment").objects.create(
            kabkota_code="13.71",
            unit_id=padang.kantor_lurah_bp.pk,
            employee_id=padang.staf_bp.pk,
            year=2026,
            employee_position_title="Pengadministrasi Umum",
            rater_id=padang.lurah_bp.pk,
            rater_position_title="Lurah",
            status="final",
            predikat="baik",
            created_at=AT,
            updated_at=AT,
        )
        final = old.get_model("skp", "SkpChange").objects.create(
            assessment=assessment,
            from_status="draft",
            to_status="final",
            actor_id=lurah.pk,
            actor_label="Lurah (Mulyadi)",
            snapshot={"predikat": "baik"},
            at=AT,
        )
        # An SKM follow-up action, created (as the old service did) without its kabupaten/kota code.
        survey = old.get_model("surveys", "Survey").objects.create(
            kabkota_code="13.71",
            unit_id=padang.kantor_lurah_bp.pk,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
        )
        follow_up = old.get_model("surveys", "FollowUp").objects.create(
            survey=survey, unsur=3, action="Tambah petugas loket", owner_id=padang.staf_bp.pk, due_date=AT.date()
        )
        planned = old.get_model("surveys", "FollowUpChange").objects.create(
            follow_up=follow_up, from_status="", to_status="rencana", actor_id=lurah.pk, at=AT
        )
        # An announcement corrected after publication (the old rows recorded the status as from and to).
        announcement = old.get_model("portal", "Announcement").objects.create(
            kabkota_code="13.71",
            unit_id=padang.kantor_lurah_bp.pk,
            title="Pelayanan KTP keliling",
            body="<p>Isi</p>",
            publish_from=AT.date(),
            status="terbit",
            submit_token="migrasi-1",
        )
        corrected = old.get_model("portal", "AnnouncementChange").objects.create(
            announcement=announcement,
            from_status="terbit",
            to_status="terbit",
            actor_id=lurah.pk,
            actor_label="Lurah (Mulyadi)",
            note="Koreksi isi",
            old_values={"title": "Pelayanan KTP"},
            at=AT,
        )

    from pamong.portal.models import AnnouncementChange
    from pamong.reports.models import ReportChange
    from pamong.skp.models import SkpChange
    from pamong.surveys.models import FollowUp, FollowUpChange

    camat_post, lurah_post = padang.camat_ps.position, padang.lurah_bp.position
    kept = ReportChange.objects.get(pk=sent.pk)
    assert (kept.actor, kept.at, kept.kabkota_code, kept.to_status) == (camat, AT, "13.71", "disampaikan")
    assert (kept.actor_position, kept.actor_unit) == (camat_post, padang.kantor_camat_ps)
    back = ReportChange.objects.get(pk=returned.pk)
    assert (back.actor, back.actor_unit, back.note, back.kabkota_code) == (None, None, "Lengkapi pemilu", "13.71")

    rated = SkpChange.objects.get(pk=final.pk)
    assert (rated.snapshot, rated.actor_label, rated.kabkota_code) == ({"predikat": "baik"}, "Lurah (Mulyadi)", "13.71")
    assert (rated.actor_position, rated.actor_unit) == (lurah_post, padang.kantor_lurah_bp)

    assert FollowUp.objects.get(pk=follow_up.pk).kabkota_code == "13.71"
    plan = FollowUpChange.objects.get(pk=planned.pk)
    assert (plan.to_status, plan.actor, plan.kabkota_code, plan.actor_unit) == (
        "rencana",
        lurah,
        "13.71",
        padang.kantor_lurah_bp,
    )

    fixed = AnnouncementChange.objects.get(pk=corrected.pk)
    assert (fixed.from_status, fixed.to_status, fixed.note) == ("terbit", "terbit", "Koreksi isi")
    assert (fixed.old_values, fixed.kabkota_code, fixed.actor_position) == (
        {"title": "Pelayanan KTP"},
        "13.71",
        lurah_post,
    )
