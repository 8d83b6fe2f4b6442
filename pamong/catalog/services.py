"""Writes for the service catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pamong.catalog.models import (
    MANAGEMENT_COMPONENTS,
    PUBLISHED_COMPONENTS,
    RequiredDocument,
    ServiceField,
    ServiceType,
)
from pamong.catalog.selectors import forget_catalogue
from pamong.core import gate
from pamong.core.errors import DomainError

_TEXT_FIELDS = (
    "name",
    "summary",
    "level",
    "archive_code",
    "signer",
    *PUBLISHED_COMPONENTS,
    *MANAGEMENT_COMPONENTS,
    "letter_body",
)


@dataclass
class LoadResult:
    created: int = 0
    kept: int = 0


def service_types_load(*, kabkota_code: str, data: Iterable[dict[str, Any]]) -> LoadResult:
    """Add services (with documents and form fields) from a list of dicts, in one transaction.

    Services that already exist (same code) are kept as they are: an admin may have edited them.
    Every new service is validated like the admin form would (letter placeholders, choices).
    """
    result = LoadResult()
    existing = set(ServiceType.objects.filter(kabkota_code=kabkota_code).values_list("code", flat=True))
    with transaction.atomic():
        for order, item in enumerate(data, start=1):
            if item["code"] in existing:
                result.kept += 1
                continue
            service = ServiceType(kabkota_code=kabkota_code, code=item["code"], order=order * 10)
            for name in _TEXT_FIELDS:
                setattr(service, name, item.get(name, "") if name not in ("deadline_days", "fee") else item[name])
            if item.get("signer") not in ServiceType.Signer.values:
                service.signer = ServiceType.Signer.KEPALA
            service.save()
            for i, doc in enumerate(item.get("documents", []), start=1):
                RequiredDocument.objects.create(
                    service=service, name=doc["name"], note=doc.get("note", ""), required=doc["required"], order=i
                )
            for i, spec in enumerate(item.get("fields", []), start=1):
                ServiceField(
                    service=service,
                    code=spec["code"],
                    label=spec["label"],
                    kind=spec["kind"],
                    required=spec["required"],
                    help=spec.get("help", ""),
                    choices="\n".join(spec.get("choices", [])),
                    order=i,
                ).save()
            try:
                service.full_clean(exclude=["kabkota_code"])
                for f in service.fields.all():
                    f.full_clean()
            except ValidationError as exc:
                raise DomainError(f"Layanan {item['code']}: {'; '.join(exc.messages)}") from exc
            result.created += 1
    if result.created:
        forget_catalogue()
    return result


def standard_approve(*, actor: Any, service: ServiceType) -> ServiceType:
    """Approve (menetapkan) a service's Standar Pelayanan as it stands now. Recorded with who and when; approving
    again after a change records the new approval."""
    gate.require(
        actor,
        "catalog.approve_standard",
        service,
        "Standar pelayanan hanya dapat disetujui oleh pimpinan daerah atau Kepala Bagian Tata Pemerintahan.",
    )
    with transaction.atomic():
        locked = ServiceType.objects.select_for_update().get(pk=service.pk)
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.save(update_fields=["reviewed_at", "reviewed_by"])
    return locked


def standard_review_reset(*, service: ServiceType) -> None:
    """The standard changed after it was approved: it needs approving again."""
    ServiceType.objects.filter(pk=service.pk).update(reviewed_at=None, reviewed_by=None)
    service.reviewed_at, service.reviewed_by = None, None
