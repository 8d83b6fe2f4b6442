"""Tenant rows: every operational row carries the code of its kabupaten/kota (``kabkota_code``), and every unique
constraint on such a table includes that column, so that a national deployment can distribute the tables by it
(PostgreSQL with Citus, docs/SCALE.md). ``pamong/core/tests/test_tenancy.py`` checks every model.

- ``TenantChild``: a row that belongs to one parent row (a document of a request, a photo of a complaint) copies
  the parent's ``kabkota_code`` when it is first saved or bulk-created (give the parent object, not only its id,
  to spare a query per row). The copy is denormalised on purpose: it is what the table is distributed by, never
  a business rule.
- ``TenantOneToOneField``: a one-to-one relation whose uniqueness is carried by a unique constraint that includes
  ``kabkota_code`` (declared in the model's ``Meta.constraints``) instead of a unique index on the key alone; the
  reverse accessor stays one object (``request.letter``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db import models


def kabkota_field(**kwargs: Any) -> models.CharField[str, str]:
    return models.CharField("kode kabupaten/kota", max_length=5, editable=False, **kwargs)


class TenantChildQuerySet(models.QuerySet[Any]):
    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        rows = list(objs)
        for row in rows:
            row.take_kabkota_code()
        return super().bulk_create(rows, *args, **kwargs)


class TenantChild(models.Model):
    kabkota_code = kabkota_field(default="")

    # The name of the foreign key whose target's kabkota_code this row copies.
    kabkota_from: ClassVar[str]

    objects = TenantChildQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.take_kabkota_code()
        super().save(*args, **kwargs)

    def take_kabkota_code(self) -> None:
        if not self.kabkota_code:
            self.kabkota_code = getattr(self, self.kabkota_from).kabkota_code


class TenantOneToOneField(models.OneToOneField):
    """A one-to-one key without a unique index of its own: the model declares
    ``UniqueConstraint(fields=[<this field>, "kabkota_code"])``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unique = False
