"""Personal data typed into free text meant for the public (a complaint's title and text, a public answer):
NIK and KK numbers, telephone numbers and e-mail addresses are masked before the text leaves for a public page or
response. Detection is lokal-id's (``lokal.samaran``, written for UU PDP); only these kinds are masked, so that
places, dates, amounts and house numbers — what a complaint is about — stay readable.
"""

from __future__ import annotations

import re

from lokal.samaran import PiiType, mask_pii

LABELS: dict[PiiType, str] = {
    "NIK": "[NIK disamarkan]",
    "KK": "[nomor KK disamarkan]",
    "PHONE": "[nomor telepon disamarkan]",
    "EMAIL": "[surel disamarkan]",
}


# Every kind masked here has an "@" or a run of at least 7 digits (a telephone number, possibly spaced or dashed);
# text without either is returned at once, without lokal's detector (about 1 ms a text: 1,000 Open311 rows paid a
# second for it).
_MAYBE = re.compile(r"@|\d(?:[\s.\-()]*\d){6}")


def mask_contacts(text: str) -> str:
    """``text`` with every NIK, KK number, telephone number and e-mail address replaced by a bracketed note."""
    if not text or not _MAYBE.search(text):
        return text
    found = mask_pii(text, types=list(LABELS))
    out, at = [], 0
    for match in sorted(found.matches, key=lambda m: m.start):
        out += [text[at : match.start], LABELS[match.type]]
        at = match.end
    return "".join([*out, text[at:]])
