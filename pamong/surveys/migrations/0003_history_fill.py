# Fills the columns that surveys 0002 gave the history table: every existing row is kept; kabkota_code comes from the
# object, the actor's post and unit from their staff record as it is now (the best that can be known of rows written
# before the post at the time was kept).

from django.db import migrations
from django.db.models import OuterRef, Subquery

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    survey = apps.get_model("surveys", "Survey")
    follow_up = apps.get_model("surveys", "FollowUp")
    follow_up.objects.filter(kabkota_code="").update(
        kabkota_code=Subquery(survey.objects.filter(pk=OuterRef("survey_id")).values("kabkota_code")[:1])
    )
    fill_columns(apps, "surveys.FollowUpChange", subject="follow_up")


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_history_shape"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
