"""Error reporting is on only when SENTRY_DSN is set, and then sends no personal data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pamong.ops.testing import ROOT, child_env

PROBE = """
import json, django
django.setup()
import sentry_sdk
client = sentry_sdk.get_client()
options = client.options if client.is_active() else {}
print(json.dumps({
    "active": client.is_active(),
    "pii": options.get("send_default_pii"),
    "body": options.get("max_request_body_size"),
    "locals": options.get("include_local_variables"),
}))
"""


def probe(tmp: Path, **env: str) -> dict[str, object]:
    done = subprocess.run(  # noqa: S603 - this interpreter, the project's settings
        [sys.executable, "-c", PROBE], cwd=ROOT, env=child_env(tmp, **env), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_sentry_is_off_without_a_dsn(tmp_path: Path) -> None:
    assert probe(tmp_path)["active"] is False


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data(tmp_path: Path) -> None:
    found = probe(tmp_path, SENTRY_DSN="https://kunci@127.0.0.1:9/1")
    assert found == {"active": True, "pii": False, "body": "never", "locals": False}
