"""Personal data typed into free text meant for the public (a complaint's title and text, a public answer):
NIK, telephone numbers and e-mail addresses are masked before the text leaves for a public page or response.

The patterns are deliberately generous: a 16-digit run is taken as a NIK; a run of 9–15 digits (spaces, dots and
dashes inside allowed) starting with +62, 62 or 0 as a telephone number; anything shaped like an e-mail address as
one. Dates, amounts and short numbers (RT/RW, house numbers, "2,5 meter") are left alone.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NIK = re.compile(r"(?<![\d])\d{16}(?![\d])")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)(?:[\s.-]?\d){8,13}(?![\d])")

MASK_EMAIL = "[surel disamarkan]"
MASK_NIK = "[NIK disamarkan]"
MASK_PHONE = "[nomor telepon disamarkan]"


def mask_contacts(text: str) -> str:
    """``text`` with every NIK, telephone number and e-mail address replaced by a bracketed note."""
    if not text:
        return text
    text = _EMAIL.sub(MASK_EMAIL, text)
    text = _NIK.sub(MASK_NIK, text)
    return _PHONE.sub(MASK_PHONE, text)
