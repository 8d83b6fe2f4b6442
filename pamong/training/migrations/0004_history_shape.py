# The history of training events and of participants' corrections gets the one shape of
# pamong.core.history.History. Every existing row is kept: the columns it had keep their names (actor, note, at,
# from/to; the old and new values of a correction stay as the table's own columns), the new ones are added blank
# (a participant's correction changes no status: blank from/to, no note) and filled: kabupaten/kota from the event
# or the participant, the actor's post and unit from their staff record as it is now (the best that can be known
# of older rows).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def status_column(model_name, name, label):
    return migrations.AddField(
        model_name=model_name, name=name, field=models.CharField(blank=True, max_length=20, verbose_name=label)
    )


def added(model_name):
    """The base's columns both tables lacked."""
    return [
        migrations.AddField(
            model_name=model_name,
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
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
    ]


def altered(model_name):
    """The columns both tables had, as the base defines them."""
    return [
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
        migrations.AlterField(model_name=model_name, name="at", field=models.DateTimeField(verbose_name="waktu")),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organization", "0002_formasi"),
        ("training", "0003_certificate_number_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *added("eventchange"),
        *altered("eventchange"),
        migrations.AlterField(
            model_name="eventchange",
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AlterField(
            model_name="eventchange",
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
        migrations.AlterField(
            model_name="eventchange", name="note", field=models.TextField(blank=True, verbose_name="catatan")
        ),
        *added("participantchange"),
        *altered("participantchange"),
        status_column("participantchange", "from_status", "dari status"),
        status_column("participantchange", "to_status", "ke status"),
        migrations.AddField(
            model_name="participantchange",
            name="note",
            field=models.TextField(blank=True, default="", verbose_name="catatan"),
            preserve_default=False,
        ),
    ]
