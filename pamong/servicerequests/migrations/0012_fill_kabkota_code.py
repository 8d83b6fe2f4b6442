"""Fill ``kabkota_code`` on rows written before the column existed, from the row they belong to (data only; the
column came in 0011_kabkota_code, so that PostgreSQL never mixes the schema change and the update in one transaction)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

# (model, foreign key, parent app, parent model), parents before children.
STEPS = [
    ("RequestDocument", "request", "servicerequests", "ServiceRequest"),
    ("PersonalDataAccess", "request", "servicerequests", "ServiceRequest"),
    ("UnitCertificate", "unit", "organization", "Unit"),
]


def fill(apps, schema_editor):
    for model_name, fk, parent_app, parent_name in STEPS:
        model = apps.get_model("servicerequests", model_name)
        parent = apps.get_model(parent_app, parent_name)
        code = parent.objects.filter(pk=OuterRef(f"{fk}_id")).values("kabkota_code")[:1]
        model.objects.filter(kabkota_code="").update(kabkota_code=Subquery(code))


class Migration(migrations.Migration):
    dependencies = [
        ("organization", "0004_formasichange_history_shape"),
        ("servicerequests", "0011_kabkota_code"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
