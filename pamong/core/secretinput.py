"""Reading a secret for a management command (a password, a certificate's passphrase): typed at a hidden prompt,
or read from a file for automation (first line; the file is the operator's to protect and remove). Never taken
from the command line (it would land in the shell history and the process list) and never printed."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from django.core.management.base import CommandError


def secret_read(*, path: str | None, prompt: str, option: str, confirm: bool = False, min_length: int = 0) -> str:
    """``option``: the command's option that names the file, for the message when there is no terminal."""
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(f"Berkas {path} tidak dapat dibaca: {exc.strerror}.") from exc
        secret = lines[0] if lines else ""
    else:
        if not sys.stdin.isatty():
            raise CommandError(f"{prompt} perlu diketik di terminal, atau dibaca dari berkas dengan {option} BERKAS.")
        secret = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} (ulangi): ") != secret:
            raise CommandError("Kedua isian tidak sama.")
    if not secret:
        raise CommandError(f"{prompt} kosong.")
    if len(secret) < min_length:
        raise CommandError(f"{prompt} terlalu pendek: paling sedikit {min_length} karakter.")
    return secret
