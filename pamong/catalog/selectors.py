"""Reads for the service catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from pamong.catalog.models import RequiredDocument, ServiceType
from pamong.core import versions


@dataclass
class CatalogueGroup:
    level: str
    label: str
    services: list[ServiceType]


_LIST_FIELDS = ("code", "name", "summary", "level", "deadline_days", "fee", "order", "kabkota_code")


def catalogue_version() -> str:
    return versions.current("catalogue")


def forget_catalogue() -> None:
    """Call after a service changes so that the cached public catalogue is built again."""
    versions.bump("catalogue")


def public_catalogue(kabkota_code: str) -> list[CatalogueGroup]:
    """Published services of a kabupaten/kota, grouped by where they are handled. Two queries, and only the
    columns the list shows (the Standar Pelayanan texts stay in the database)."""
    services = list(
        ServiceType.objects.published()
        .for_kabkota(kabkota_code)
        .only(*_LIST_FIELDS)
        .prefetch_related(
            Prefetch("documents", queryset=RequiredDocument.objects.filter(required=True).only("service_id", "name"))
        )
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
