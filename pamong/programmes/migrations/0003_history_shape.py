# TargetChange and ProgressChange get the one history shape of pamong.core.history.History. ``reason`` is renamed
# to ``note`` (no reason is lost); the values before and after and ``kind`` stay their own columns. Every existing
# row is kept, and the actor's post and unit are filled from their staff record as it is now (the best that can
# be known of old rows).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    fill_columns(apps, "programmes.TargetChange", subject="target")
    fill_columns(apps, "programmes.ProgressChange", subject="report")


def _actor():
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        verbose_name="oleh",
    )


def _shape(model):
    return [
        migrations.RenameField(model_name=model, old_name="reason", new_name="note"),
        migrations.AlterField(model_name=model, name="note", field=models.TextField(blank=True, verbose_name="catatan")),
        migrations.AlterField(model_name=model, name="actor", field=_actor()),
        migrations.AlterField(model_name=model, name="at", field=models.DateTimeField(verbose_name="waktu")),
        migrations.AddField(
            model_name=model,
            name="actor_position",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organization.position",
                verbose_name="jabatan saat itu",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="actor_unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organization.unit",
                verbose_name="unit saat itu",
            ),
        ),
        migrations.AddField(
            model_name=model,
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
        migrations.AddField(
            model_name=model,
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AddField(
            model_name=model,
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
        migrations.AddField(
            model_name=model,
            name="public",
            field=models.BooleanField(default=False, verbose_name="tampil untuk publik"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organization", "0002_formasi"),
        ("programmes", "0002_target_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *_shape("targetchange"),
        *_shape("progresschange"),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
