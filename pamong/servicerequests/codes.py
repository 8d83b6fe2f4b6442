"""Tracking codes: unguessable, short enough to read over the phone, with a check character.

Eight random characters from Crockford's base32 alphabet (no I, L, O, U: nothing to mix up when read aloud)
carry 40 bits; a ninth is Crockford's mod-37 check symbol, so a mistyped character is caught before any
lookup. Written as K7M2-9QXD-4.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _value(body: str) -> int:
    value = 0
    for ch in body:
        value = value * 32 + ALPHABET.index(ch)
    return value


def check_symbol(body: str) -> str:
    return CHECK_ALPHABET[_value(body) % 37]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return body + check_symbol(body)


def normalize(raw: str) -> str | None:
    """The stored form of a code a person typed ("k7m2 9qxd-4" → "K7M29QXD4"), or None if it cannot be one."""
    text = re.sub(r"[\s\-]", "", raw or "").upper().translate(_CONFUSABLE)
    if len(text) != 9 or any(ch not in ALPHABET for ch in text[:8]) or text[8] not in CHECK_ALPHABET:
        return None
    if check_symbol(text[:8]) != text[8]:
        return None
    return text


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}" if len(code) == 9 else code
