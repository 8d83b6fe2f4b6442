# The history of meetings and action items gets the one shape of pamong.core.history.History. Every existing row is
# kept: the columns it had keep their names (actor, actor_label, note, at, from/to; a minutes correction keeps
# ``field`` and ``old_value``), and the new columns are filled (kabupaten/kota from the meeting or the item; the
# actor's post and unit from their staff record as it is now, the best that can be known of older rows).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def history_columns(model_name):
    """The base's columns this table did not have, and the new definitions of those it had."""
    return [
        migrations.AddField(
            model_name=model_name,
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
            model_name=model_name,
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
            model_name=model_name,
            name="kabkota_code",
            field=models.CharField(default="", editable=False, max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name=model_name,
            name="public",
            field=models.BooleanField(default=False, verbose_name="tampil untuk publik"),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="oleh",
            ),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
        migrations.AlterField(model_name=model_name, name="at", field=models.DateTimeField(verbose_name="waktu")),
        migrations.AlterField(
            model_name=model_name,
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AlterField(
            model_name=model_name, name="note", field=models.TextField(blank=True, verbose_name="catatan")
        ),
        migrations.AlterField(
            model_name=model_name,
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("meetings", "0001_initial"),
        ("organization", "0002_formasi"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *history_columns("meetingchange"),
        *history_columns("actionitemchange"),
    ]
