"""Demo formasi: the need of every position for this year, as an analisis beban kerja would set it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from pamong.core.formats import ribuan
from pamong.organization.models import FormasiChange, FormasiNeed, Position, Unit
from pamong.regions.models import Region


def formasi_populate(*, kabkota: Region, seed: int = 1372, progress: Callable[[str], None] | None = None) -> int:
    """Structural positions need one person; staff positions need one to four more than some hold today, so the
    report shows the gap that honorer fill. Deterministic for a seed; returns the number of needs set."""
    rng = random.Random(seed)
    year = dt.date.today().year
    # A kantor desa has no ASN formasi: its needs follow the desa's organisation (organization.selectors).
    positions = (
        Position.objects.filter(kabkota_code=kabkota.code)
        .exclude(unit__kind=Unit.Kind.KANTOR_DESA)
        .annotate(n=Count("holders", filter=Q(holders__active=True)))
        .order_by("pk")
    )
    needs: list[FormasiNeed] = []
    for position in positions:
        held: int = position.n  # type: ignore[attr-defined]
        needed = max(1, held + rng.choice([-1, 0, 0, 1, 1, 2, 3])) if position.kind == Position.Kind.STAF else 1
        needs.append(
            FormasiNeed(
                position=position,
                unit_id=position.unit_id,
                kabkota_code=position.kabkota_code,
                year=year,
                needed=needed,
                basis=f"Analisis beban kerja {year - 1}",
            )
        )
    now = timezone.now()
    with transaction.atomic():
        made = FormasiNeed.objects.bulk_create(needs, batch_size=1000)
        FormasiChange.objects.bulk_create(
            [
                FormasiChange(
                    need=n,
                    kabkota_code=n.kabkota_code,
                    old_needed=None,
                    new_needed=n.needed,
                    note=n.basis,
                    at=now,
                )
                for n in made
            ],
            batch_size=1000,
        )
    if progress:
        progress(f"  {ribuan(len(made))} kebutuhan formasi {year}")
    return len(made)
