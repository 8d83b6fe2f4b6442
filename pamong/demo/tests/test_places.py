"""The demo's complaint locations: near the middle of the regions the demo knows, none elsewhere."""

from __future__ import annotations

import random

from pamong.demo.places import CENTERS, SPREAD, point_near


def test_points_fall_near_the_known_centre_and_nowhere_else() -> None:
    rng = random.Random(7)
    points = [point_near("13.71", rng) for _ in range(200)]
    located = [(lat, lng) for lat, lng in points if lat is not None and lng is not None]
    assert 100 < len(located) < 180  # most, not all, carry a location
    lat0, lng0 = CENTERS["13.71"]
    assert all(abs(float(lat) - lat0) <= SPREAD and abs(float(lng) - lng0) <= SPREAD for lat, lng in located)
    assert point_near("11.01", random.Random(1)) == (None, None)
