"""Personal data typed into free text meant for the public (a complaint's title and text, a public answer):
NIK and KK numbers, telephone numbers and e-mail addresses are masked before the text leaves for a public page or
response. Detection is lokal-id's (``lokal.samaran``, written for UU PDP); only these kinds are masked, so that
places, dates, amounts and house numbers — what a complaint is about — stay readable.
"""

from __future__ import annotations

from lokal.samaran import PiiType, mask_pii

LABELS: dict[PiiType, str] = {
    "NIK": "[NIK disamarkan]",
    "KK": "[nomor KK disamarkan]",
    "PHONE": "[nomor telepon disamarkan]",
    "EMAIL": "[surel disamarkan]",
}


def mask_contacts(text: str) -> str:
    """``text`` with every NIK, KK number, telephone number and e-mail address replaced by a bracketed note."""
    if not text:
        return text
    found = mask_pii(text, types=list(LABELS))
    out, at = [], 0
    for match in sorted(found.matches, key=lambda m: m.start):
        out += [text[at : match.start], LABELS[match.type]]
        at = match.end
    return "".join([*out, text[at:]])
