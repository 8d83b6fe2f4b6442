"""What a national deployment on PostgreSQL with Citus needs of the schema (docs/SCALE.md): every tenant table
carries ``kabkota_code`` and every unique constraint on it includes that column, so that the tables can be
distributed by it. A tenant table is any model of Pamong that is not named below as a reference table."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from pamong.core.tenancy import TenantChild

# Replicated to every node in a Citus deployment (docs/SCALE.md, "Tabel referensi"): the same for the whole country,
# or small and read far more than written. Keep this list and the document's in step.
REFERENCE_TABLES = {
    "regions.Region",  # Kemendagri regions of the whole country
    "workdays.Holiday",  # national holidays and cuti bersama
    "catalog.ServiceType",  # the service catalogue (rows per kabupaten/kota, but small and read everywhere)
    "catalog.RequiredDocument",
    "catalog.ServiceField",
    "complaints.Category",  # the complaint catalogue, like the service catalogue
    "complaints.CategoryField",
    "programmes.Programme",  # the national priority programmes (kemiskinan ekstrem, stunting)
    "accounts.User",  # sign-in looks a user up by name before the kabupaten/kota is known
    "api.ApiClient",  # an API key is looked up before the kabupaten/kota is known
    "ops.WorkerHeartbeat",  # the worker processes of a deployment, not anyone's data
}


def _pamong_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("pamong.")]


def _unique_sets(model: type[models.Model]) -> list[tuple[str, tuple[str, ...]]]:
    """Every set of columns the database keeps unique on this table (the primary key aside)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            found.append((f"{field.name} (unique=True)", (field.name,)))
    for together in model._meta.unique_together:
        found.append(("unique_together", tuple(together)))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names = tuple(constraint.fields) or tuple(
                ref for expression in constraint.expressions for ref in _column_refs(expression)
            )
            found.append((constraint.name, names))
    return found


def _column_refs(expression: object) -> list[str]:
    if isinstance(expression, models.F):
        return [str(expression.name)]  # type: ignore[attr-defined]
    if isinstance(expression, str):
        return [expression]
    refs: list[str] = []
    for source in getattr(expression, "get_source_expressions", list)():
        refs.extend(_column_refs(source))
    return refs


def test_the_reference_tables_named_here_exist() -> None:
    labels = {m._meta.label for m in _pamong_models()}
    assert labels >= REFERENCE_TABLES, REFERENCE_TABLES - labels


def test_every_tenant_table_carries_kabkota_code_in_every_unique_constraint() -> None:
    problems = []
    for model in _pamong_models():
        label = model._meta.label
        if label in REFERENCE_TABLES:
            continue
        columns = {f.name for f in model._meta.concrete_fields}
        if "kabkota_code" not in columns:
            problems.append(f"{label}: no kabkota_code")
            continue
        for name, fields in _unique_sets(model):
            if "kabkota_code" not in fields:
                problems.append(f"{label}: {name} {fields} without kabkota_code")
    assert not problems, "\n".join(problems)


def test_rows_that_copy_their_kabkota_code_name_a_parent_that_has_one() -> None:
    children = [m for m in _pamong_models() if issubclass(m, TenantChild)]
    assert len(children) >= 18
    for model in children:
        parent = model._meta.get_field(model.kabkota_from).related_model
        assert isinstance(parent, type)
        assert "kabkota_code" in {f.name for f in parent._meta.concrete_fields}, model


@pytest.mark.django_db
def test_a_child_row_takes_its_parents_kabkota_code_when_created() -> None:
    from pamong.complaints.models import DigestSent
    from pamong.testing import make_region, make_unit

    make_region("13", "Sumatera Barat")
    kota = make_region("13.71", "Kota Padang")
    unit = make_unit(region=kota)
    sent = DigestSent.objects.create(unit=unit, kind="weekly", period="2026-W01")
    assert sent.kabkota_code == unit.kabkota_code == "13.71"


@pytest.mark.django_db
def test_child_rows_created_in_bulk_take_their_parents_kabkota_code_too() -> None:
    from pamong.complaints.models import DigestSent
    from pamong.testing import make_region, make_unit

    make_region("13", "Sumatera Barat")
    unit = make_unit(region=make_region("13.71", "Kota Padang"))
    DigestSent.objects.bulk_create([DigestSent(unit=unit, kind="weekly", period=f"2026-W0{i}") for i in (1, 2)])
    assert set(DigestSent.objects.values_list("kabkota_code", flat=True)) == {"13.71"}
