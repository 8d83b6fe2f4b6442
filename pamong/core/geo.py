"""Coordinates inside Indonesia: a complaint's location is checked against the country's bounding box."""

from __future__ import annotations

from decimal import Decimal

LATITUDE = (Decimal("-11.5"), Decimal("6.5"))
LONGITUDE = (Decimal("94"), Decimal("141.5"))


def in_indonesia(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    return (
        LATITUDE[0] <= Decimal(str(latitude)) <= LATITUDE[1] and LONGITUDE[0] <= Decimal(str(longitude)) <= LONGITUDE[1]
    )
