"""The standard service catalogue: the Standar Pelayanan (PermenPANRB 15/2014) of common kelurahan, desa and
kecamatan services, as data files in ``standards/`` (one TOML file per service). The demo and a new deployment
load the same files; ``${...}`` placeholders name the kabupaten/kota and its head, filled in when loaded.
"""

from __future__ import annotations

import string
import tomllib
from pathlib import Path
from typing import Any

from pamong.regions.models import Region

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"


def village_words(kabkota: Region) -> dict[str, str]:
    """How the standards name the kelurahan/desa level in this kabupaten/kota: a kota with kelurahan only says
    "Lurah", "kantor lurah", "kelurahan"; a kabupaten of desa only "Kepala Desa", "kantor desa", "desa"; one with
    both says both ("Lurah/Kepala Desa"). Read from its imported regions (a kabupaten without them: both)."""
    kinds = set(
        Region.objects.filter(code__startswith=kabkota.code + ".", level=Region.Level.DESA)
        .values_list("kind", flat=True)
        .distinct()
    )
    has_kelurahan = Region.Kind.KELURAHAN in kinds or (not kinds and kabkota.kind == Region.Kind.KOTA)
    has_desa = bool(kinds - {Region.Kind.KELURAHAN}) or (not kinds and kabkota.kind != Region.Kind.KOTA)
    both = has_kelurahan and has_desa

    def pick(kelurahan: str, desa: str) -> str:
        return f"{kelurahan}/{desa}" if both else (desa if has_desa else kelurahan)

    return {
        "lurah": pick("Lurah", "Kepala Desa"),
        "lurah_kecil": pick("lurah", "kepala desa"),
        "sekretaris_lurah": pick("Sekretaris Lurah", "Sekretaris Desa"),
        "kantor_lurah": pick("kantor lurah", "kantor desa"),
        "kelurahan": pick("kelurahan", "desa"),
    }


def _province(kabkota: Region) -> str:
    name = Region.objects.filter(code=kabkota.code[:2]).values_list("name", flat=True).first()
    if not name:
        return "provinsi yang sama"
    return name if name.lower().startswith(("provinsi", "daerah istimewa", "dki")) else f"Provinsi {name}"


def region_words(kabkota: Region) -> dict[str, str]:
    """``nama_kabkota`` "Kota Padang", ``nama_daerah`` "Padang", ``kepala_daerah`` "Wali Kota" (or "Bupati"), and
    the words of the kelurahan/desa level (``village_words``)."""
    kota = kabkota.kind == Region.Kind.KOTA
    bare = kabkota.name
    for prefix in ("Kota ", "Kabupaten ", "Kab. "):
        if bare.startswith(prefix):
            bare = bare[len(prefix) :]
    full = kabkota.name if bare != kabkota.name else f"{'Kota' if kota else 'Kabupaten'} {bare}"
    return {
        "nama_kabkota": full,
        "nama_daerah": bare,
        "kepala_daerah": "Wali Kota" if kota else "Bupati",
        "nama_provinsi": _province(kabkota),
        **village_words(kabkota),
    }


def _fill(value: Any, words: dict[str, str], where: str) -> Any:
    if isinstance(value, str):
        try:
            return string.Template(value).substitute(words)
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{where}: unknown or broken placeholder {exc}") from None
    if isinstance(value, list):
        return [_fill(v, words, where) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, words, where) for k, v in value.items()}
    return value


def standard_services(kabkota: Region) -> list[dict[str, Any]]:
    """Every standard service, in catalogue order, worded for ``kabkota``; the shape ``service_types_load`` takes."""
    words = region_words(kabkota)
    found = []
    for path in sorted(STANDARDS_DIR.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        found.append(_fill(data, words, path.name))
    return sorted(found, key=lambda item: (item.pop("order"), item["code"]))
