"""Fill ``kabkota_code`` on rows written before the column existed, from the row they belong to (data only; the
column came in 0004_kabkota_code, so that PostgreSQL never mixes the schema change and the update in one transaction)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

# (model, foreign key, parent app, parent model), parents before children.
STEPS = [
    ("Invitee", "meeting", "meetings", "Meeting"),
    ("Guest", "meeting", "meetings", "Meeting"),
    ("Decision", "meeting", "meetings", "Meeting"),
    ("VisitParticipant", "visit", "meetings", "Visit"),
    ("Finding", "visit", "meetings", "Visit"),
    ("FindingPhoto", "finding", "meetings", "Finding"),
]


def fill(apps, schema_editor):
    for model_name, fk, parent_app, parent_name in STEPS:
        model = apps.get_model("meetings", model_name)
        parent = apps.get_model(parent_app, parent_name)
        code = parent.objects.filter(pk=OuterRef(f"{fk}_id")).values("kabkota_code")[:1]
        model.objects.filter(kabkota_code="").update(kabkota_code=Subquery(code))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_kabkota_code"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
