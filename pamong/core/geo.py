"""Coordinates inside Indonesia, and inside the area this deployment serves (PAMONG_MAP_BOUNDS, the kabupaten/kota's
bounding box set by its admin, Indonesia's by default): a complaint's location is checked against it."""

from __future__ import annotations

from decimal import Decimal

LATITUDE = (Decimal("-11.5"), Decimal("6.5"))
LONGITUDE = (Decimal("94"), Decimal("141.5"))


def in_indonesia(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    return (
        LATITUDE[0] <= Decimal(str(latitude)) <= LATITUDE[1] and LONGITUDE[0] <= Decimal(str(longitude)) <= LONGITUDE[1]
    )


def area() -> tuple[float, float, float, float]:
    """South, west, north, east of the deployment's area."""
    from django.conf import settings

    return settings.PAMONG_MAP_BOUNDS  # type: ignore[no-any-return]


def in_area(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    south, west, north, east = area()
    return south <= float(latitude) <= north and west <= float(longitude) <= east
