# Fills the history columns that 0007_history_shape added (kept apart from it: on PostgreSQL, filling foreign keys queues
# deferred constraint checks, and the indexes 0007_history_shape creates at its end cannot be built on a table with pending
# checks in the same transaction). Every row is kept; set-based, one UPDATE per column group.

from django.db import migrations

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    fill_columns(apps, "servicerequests.StatusChange", subject="request")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("servicerequests", "0009_letter_number_unique"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=False)]
