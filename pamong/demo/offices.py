"""The demo offices' contact details: an address on a street named after the place, a telephone number with the
kabupaten/kota's area code, and a point on the map near its centre (for the regions the demo knows; pamong.demo.
places). Invented like the demo's people: a real deployment's admin enters the real ones."""

from __future__ import annotations

import random
from decimal import Decimal

from pamong.demo.places import CENTERS
from pamong.organization.models import Unit
from pamong.regions.models import Region

AREA_CODES = {"13.71": "0751", "61.71": "0561", "74.05": "0401"}
SPREAD = 0.05


def offices_contact(*, kabkota: Region, seed: int = 1371) -> int:
    """Fill the address, telephone and location of the offices that have none. Returns how many were filled."""
    rng = random.Random(seed)
    area = AREA_CODES.get(kabkota.code)
    center = CENTERS.get(kabkota.code)
    regions = {r.code: r for r in Region.objects.subtree(kabkota.code)}
    filled = []
    for unit in Unit.objects.filter(kabkota_code=kabkota.code, address="").order_by("code"):
        region = regions.get(unit.region_id)
        if region is None:
            continue
        parent = regions.get(region.parent_id or "")
        where = [region.display_name] if region.level > Region.Level.KECAMATAN else []
        if parent is not None and parent.level == Region.Level.KECAMATAN:
            where.append(parent.display_name)
        elif region.level == Region.Level.KECAMATAN:
            where.append(region.display_name)
        street = "Jl. Jenderal Sudirman" if region.level == Region.Level.KABKOTA else f"Jl. {region.name}"
        postal = f" {region.postal_code}" if region.postal_code else ""
        unit.address = ", ".join([f"{street} No. {rng.randint(1, 120)}", *where, kabkota.name]) + postal
        if area and not unit.phone:
            unit.phone = f"({area}) {rng.randint(20, 79)}{rng.randint(1000, 9999)}"
        if center and unit.latitude is None:
            unit.latitude = Decimal(f"{center[0] + rng.uniform(-SPREAD, SPREAD):.6f}")
            unit.longitude = Decimal(f"{center[1] + rng.uniform(-SPREAD, SPREAD):.6f}")
        filled.append(unit)
    Unit.objects.bulk_update(filled, ["address", "phone", "latitude", "longitude"], batch_size=500)
    return len(filled)
