# AttendanceChange gets the one history shape of pamong.core.history.History. Old columns are renamed, not
# dropped (changed_by → actor, changed_by_label → actor_label, reason → note), so no correction is lost; the new
# columns are filled for every existing row: the record's status before and after from the stored values, and
# the actor's post and unit from their staff record as it is now (the best that can be known of old rows).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    change = apps.get_model("attendance", "AttendanceChange")
    change.objects.filter(from_status="", to_status="").update(
        from_status=Coalesce(KT("old_values__status"), Value("")),
        to_status=Coalesce(KT("new_values__status"), Value("")),
    )
    fill_columns(apps, "attendance.AttendanceChange", subject="attendance")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("attendance", "0001_initial"),
        ("organization", "0002_formasi"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="attendancechange", old_name="changed_by", new_name="actor"),
        migrations.RenameField(model_name="attendancechange", old_name="changed_by_label", new_name="actor_label"),
        migrations.RenameField(model_name="attendancechange", old_name="reason", new_name="note"),
        migrations.AlterField(
            model_name="attendancechange",
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
            model_name="attendancechange",
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
        migrations.AlterField(
            model_name="attendancechange", name="note", field=models.TextField(blank=True, verbose_name="catatan")
        ),
        migrations.AddField(
            model_name="attendancechange",
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
            model_name="attendancechange",
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
            model_name="attendancechange",
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AddField(
            model_name="attendancechange",
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
        migrations.AddField(
            model_name="attendancechange",
            name="public",
            field=models.BooleanField(default=False, verbose_name="tampil untuk publik"),
        ),
        migrations.AlterField(model_name="attendancechange", name="at", field=models.DateTimeField(verbose_name="waktu")),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
