"""Starting production without demo data: setup_kabkota makes the offices, positions, catalogue, holidays and the
first admin of a real kabupaten/kota, never prints the password, and can be run again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pamong.accounts.models import Role, User
from pamong.catalog.models import ServiceType
from pamong.organization.models import Employee, Position, Unit
from pamong.regions.models import Region
from pamong.workdays.models import Holiday

pytestmark = pytest.mark.django_db
PASSWORD = "Konsel-Produksi-2027!"


def _setup(tmp_path: Path, *extra: str) -> str:
    secret = tmp_path / "admin.pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("setup_kabkota", "74.05", "--password-file", str(secret), *extra, stdout=out)
    return out.getvalue()


def test_a_kabupaten_starts_with_its_offices_catalogue_and_admin_and_no_people(tmp_path: Path) -> None:
    output = _setup(tmp_path, "--admin", "diskominfo", "--admin-email", "kominfo@konaweselatankab.go.id")

    kecamatan = Region.objects.filter(code__startswith="74.05.", level=Region.Level.KECAMATAN).count()
    villages = Region.objects.filter(code__startswith="74.05.", level=Region.Level.DESA)
    desa = villages.filter(kind=Region.Kind.DESA).count()
    assert (kecamatan, desa, villages.count() - desa) == (25, 336, 15)
    units = Unit.objects.filter(kabkota_code="74.05")
    assert units.count() == 1 + 25 + 336 + 15
    assert units.filter(kind=Unit.Kind.KANTOR_DESA).count() == 336
    # Every office has its chain: a kepala desa reports to the camat of its kecamatan.
    kantor_desa = units.filter(kind=Unit.Kind.KANTOR_DESA).order_by("code").first()
    assert kantor_desa is not None and kantor_desa.name.startswith("Kantor Desa ")
    kades = Position.objects.get(unit=kantor_desa, kind=Position.Kind.KEPALA)
    assert kades.title == "Kepala Desa"
    assert kades.reports_to is not None and kades.reports_to.unit.kind == Unit.Kind.KANTOR_CAMAT
    assert kades.reports_to.unit.code == kantor_desa.region.parent_id
    # Letter codes are unique in the kabupaten (offices with the same initials get a suffix).
    codes = list(units.values_list("letter_code", flat=True))
    assert len({c.lower() for c in codes}) == len(codes)

    services = ServiceType.objects.filter(kabkota_code="74.05")
    assert services.count() > 10 and services.filter(reviewed_at__isnull=False).count() == 0
    assert Holiday.objects.exists()
    assert not Employee.objects.exists()  # nobody is invented
    admin = User.objects.get(username="diskominfo")
    assert admin.role == Role.ADMIN and admin.is_superuser and admin.email == "kominfo@konaweselatankab.go.id"
    assert admin.check_password(PASSWORD)
    assert PASSWORD not in output
    assert "377 kantor" in output
    assert "Kantor dengan kepala: 377 kantor belum punya kepala" in output


def test_running_again_changes_nothing_and_keeps_the_password(tmp_path: Path) -> None:
    _setup(tmp_path)
    before = (Unit.objects.count(), Position.objects.count(), ServiceType.objects.count(), Holiday.objects.count())
    (tmp_path / "other.pw").write_text("Kata-Sandi-Lain-2027\n", encoding="utf-8")
    out = io.StringIO()
    call_command("setup_kabkota", "74.05", "--password-file", str(tmp_path / "other.pw"), stdout=out)
    after = (Unit.objects.count(), Position.objects.count(), ServiceType.objects.count(), Holiday.objects.count())
    assert before == after
    assert "0 kantor dan 0 jabatan baru" in out.getvalue()
    assert "sudah ada; kata sandinya tidak diubah" in out.getvalue()
    assert User.objects.get(username="admin").check_password(PASSWORD)


def test_a_weak_password_or_none_at_all_stops_before_anything_is_made(tmp_path: Path) -> None:
    (tmp_path / "weak.pw").write_text("12345678901\n", encoding="utf-8")
    with pytest.raises(CommandError, match="seluruhnya terdiri dari angka"):
        call_command("setup_kabkota", "74.05", "--password-file", str(tmp_path / "weak.pw"), stdout=io.StringIO())
    assert not User.objects.exists() and not Region.objects.exists()
    with pytest.raises(CommandError, match="perlu diketik di terminal, atau dibaca dari berkas dengan --password-file"):
        call_command("setup_kabkota", "74.05", stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("setup_kabkota", "74.05", "--password-file", str(tmp_path / "none.pw"), stdout=io.StringIO())


def test_a_code_that_is_not_a_kabupaten_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.pw").write_text(PASSWORD, encoding="utf-8")
    with pytest.raises(CommandError, match="bukan kode kabupaten/kota"):
        call_command("setup_kabkota", "74.05.01", "--password-file", str(tmp_path / "a.pw"), stdout=io.StringIO())
