# Fills the columns that reports 0002 gave the history table: every existing row is kept; kabkota_code comes from the
# object, the actor's post and unit from their staff record as it is now (the best that can be known of rows written
# before the post at the time was kept).

from django.db import migrations

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    fill_columns(apps, "reports.ReportChange", subject="report")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_history_shape"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
