"""Letter codes: the part of a letter or certificate number that names the office ("Kel.BP" in
470/015/Kel.BP/XI/2026). Each office has its own, unique in its kabupaten/kota (a database constraint on
``Unit``), so that two offices never print the same number. Admin may set any code; the default is the
office's initials, and when several offices of the kabupaten/kota share initials (Belakang Pondok, Batipuh
Panjang and Bungo Pasang in Kota Padang), each gets a suffix made from its region code: "Kel.BP.01.1001".

Pure functions on plain values: the migration that gave existing offices their codes uses them too."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_LENGTH = 32
# Letters and digits in groups joined by a dot or a hyphen: it sits between slashes in a number.
PATTERN = re.compile(r"^[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*$")
INVALID_MESSAGE = (
    "Kode surat hanya berisi huruf dan angka, boleh dipisah titik atau tanda hubung (mis. Kel.BP), "
    f"paling panjang {MAX_LENGTH} karakter, tanpa spasi atau garis miring."
)
TAKEN_MESSAGE = "Kode surat ini sudah dipakai kantor lain di kabupaten/kota yang sama."

PREFIX = {
    "kantor_lurah": "Kel",
    "kantor_desa": "Desa",
    "kantor_camat": "Kec",
    "bagian_tapem": "Tapem",
}


@dataclass(frozen=True)
class Office:
    """What a code is made from: the unit's kind and its region's code and name."""

    key: object
    kind: str
    region_code: str
    region_name: str


def initials_code(kind: str, region_name: str) -> str:
    """The code offices had before codes were stored: "Kel.BP" for Belakang Pondok, "Kec.PS" for Padang
    Selatan. Only letters count, as then."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", region_name)).upper()
    prefix = PREFIX.get(kind, "Unit")
    return f"{prefix}.{initials}" if initials else prefix


def region_suffix(region_code: str) -> str:
    """The region code below its kabupaten/kota: "01.1001" for 13.71.01.1001, "04" for 61.71.04."""
    return region_code[6:] if len(region_code) > 6 else ""


def letter_codes_assign(offices: Iterable[Office], taken: Iterable[str] = ()) -> dict[object, str]:
    """A code for each office, unique among them and not in ``taken`` (compared without case).

    Initials when no other office here or in ``taken`` has them; otherwise every office sharing them gets the
    suffix of its region code, so none of them keeps the shared code. Deterministic: the same offices and
    taken codes always give the same codes."""
    offices = sorted(offices, key=lambda o: (o.region_code, o.kind, str(o.key)))
    used = {code.lower() for code in taken}
    base = {o.key: initials_code(o.kind, o.region_name) for o in offices}
    counts: dict[str, int] = {}
    for code in base.values():
        counts[code.lower()] = counts.get(code.lower(), 0) + 1
    result: dict[object, str] = {}
    for office in offices:
        code = base[office.key]
        suffix = region_suffix(office.region_code)
        if (counts[code.lower()] > 1 or code.lower() in used or code == PREFIX.get(office.kind, "Unit")) and suffix:
            code = f"{code}.{suffix}"
        result[office.key] = _free(code, used)
        used.add(result[office.key].lower())
    return result


def _free(code: str, used: set[str]) -> str:
    """``code`` or, when it is taken, ``code-2``, ``code-3`` ... (kept within the maximum length)."""
    if code.lower() not in used:
        return code[:MAX_LENGTH]
    n = 2
    while True:
        candidate = f"{code[: MAX_LENGTH - len(str(n)) - 1]}-{n}"
        if candidate.lower() not in used:
            return candidate
        n += 1
