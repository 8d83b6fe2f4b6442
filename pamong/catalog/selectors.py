"""Reads for the service catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from pamong.catalog.models import RequiredDocument, ServiceType


@dataclass
class CatalogueGroup:
    level: str
    label: str
    services: list[ServiceType]


def public_catalogue(kabkota_code: str) -> list[CatalogueGroup]:
    """Published services of a kabupaten/kota, grouped by where they are handled. Two queries."""
    services = list(
        ServiceType.objects.published()
        .for_kabkota(kabkota_code)
        .prefetch_related(Prefetch("documents", queryset=RequiredDocument.objects.filter(required=True)))
    )
    return [
        CatalogueGroup(level=value, label=str(label), services=[s for s in services if s.level == value])
        for value, label in ServiceType.Level.choices
    ]


def public_service(kabkota_code: str, code: str) -> ServiceType | None:
    return (
        ServiceType.objects.published()
        .for_kabkota(kabkota_code)
        .prefetch_related("documents", "fields")
        .filter(code=code)
        .first()
    )
