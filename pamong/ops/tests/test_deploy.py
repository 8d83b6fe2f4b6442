"""The deployment files in deploy/ agree with the settings: the environment template names every variable the
settings read, the nginx site lets through the largest form the application accepts, and the systemd units are
hardened and pass ``systemd-analyze verify`` where it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
# Read by the systemd units (ExecStart), not by the settings.
UNIT_VARIABLES = {"WEB_CONCURRENCY", "GRACEFUL_TIMEOUT", "FORWARDED_ALLOW_IPS"}


def variables_read_by_settings() -> set[str]:
    found: set[str] = {"DATABASE_URL"}  # read by dj_database_url.config()
    for path in (ROOT / "config" / "settings.py", ROOT / "config" / "sentry.py"):
        text = path.read_text()
        found |= set(re.findall(r'(?:environ\.get|env_bool|env_list|environ\[)\(?\s*"([A-Z][A-Z0-9_]+)"', text))
    return found


def variables_in_template() -> set[str]:
    text = (DEPLOY / "pamong.env.example").read_text()
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def test_the_environment_template_lists_every_variable_the_settings_read() -> None:
    read = variables_read_by_settings()
    assert {"SECRET_KEY", "CACHE_KEY_PREFIX", "PAMONG_TRUSTED_PROXIES", "SENTRY_RELEASE"} <= read
    listed = variables_in_template()
    assert read - listed == set()
    assert listed - read - UNIT_VARIABLES == set()  # nothing listed that nobody reads


def test_every_variable_a_unit_uses_is_in_the_template() -> None:
    used = {name for unit in UNITS for name in re.findall(r"\$\{([A-Z_]+)\}", unit.read_text())}
    assert used == UNIT_VARIABLES
    assert used <= variables_in_template()


def test_nginx_lets_the_largest_form_through_and_never_serves_media() -> None:
    site = (DEPLOY / "nginx" / "pamong.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", site)
    assert limit
    largest_form = 8 * settings.PAMONG_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert int(limit.group(1)) * 1024 * 1024 >= largest_form
    assert "/media" not in re.sub(r"#.*", "", site)
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


def test_the_units_are_hardened_and_cover_every_queue() -> None:
    for unit in UNITS:
        text = unit.read_text()
        for line in ("User=pamong", "ProtectSystem=strict", "NoNewPrivileges=yes", "EnvironmentFile="):
            assert line in text, (unit.name, line)
    target = (DEPLOY / "systemd" / "pamong.target").read_text()
    for queue in settings.TASK_QUEUES:
        assert f"pamong-worker@{queue}.service" in target


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_finds_nothing(tmp_path: Path) -> None:
    """Offline, under a root of its own: the programs the units start exist there (as stand-ins)."""
    system = tmp_path / "etc" / "systemd" / "system"
    system.mkdir(parents=True)
    for unit in (DEPLOY / "systemd").iterdir():
        shutil.copy(unit, system)
    shutil.copytree("/lib/systemd/system", tmp_path / "usr" / "lib" / "systemd" / "system", symlinks=True)
    for program in ("srv/pamong/app/.venv/bin/gunicorn", "srv/pamong/app/.venv/bin/python", "bin/kill"):
        stand_in = tmp_path / program
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        stand_in.write_text("#!/bin/sh\n")
        stand_in.chmod(0o755)
    names = [u.name for u in UNITS if "@" not in u.name]
    names += [f"pamong-worker@{q}.service" for q in settings.TASK_QUEUES] + ["pamong.target"]
    result = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", f"--root={tmp_path}", *names],  # noqa: S607
        cwd=system,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stdout + result.stderr
