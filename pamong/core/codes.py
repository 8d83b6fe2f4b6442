"""Tracking codes: unguessable, short enough to read over the phone, with a check character.

Eight random characters from Crockford's base32 alphabet (no I, L, O, U: nothing to mix up when read aloud)
carry 40 bits; a ninth is a Luhn mod 32 check character from the same alphabet, which catches every single
mistyped character and every swap of two neighbours (but 0 with Z, Luhn's one blind spot) before any lookup.
Written as K7M2-9QXD-4.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_N = len(ALPHABET)
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def check_symbol(body: str) -> str:
    """Luhn mod N (N = 32): double every second value from the right, fold, and complete to a multiple of N."""
    total = 0
    factor = 2
    for ch in reversed(body):
        addend = factor * ALPHABET.index(ch)
        total += addend // _N + addend % _N
        factor = 1 if factor == 2 else 2
    return ALPHABET[(_N - total % _N) % _N]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return body + check_symbol(body)


def normalize(raw: str) -> str | None:
    """The stored form of a code a person typed ("k7m2 9qxd-4" → "K7M29QXD4"), or None if it cannot be one."""
    text = re.sub(r"[\s\-]", "", raw or "").upper().translate(_CONFUSABLE)
    if len(text) != 9 or any(ch not in ALPHABET for ch in text):
        return None
    if check_symbol(text[:8]) != text[8]:
        return None
    return text


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}" if len(code) == 9 else code
