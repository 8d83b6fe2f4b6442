# FormasiChange gets the one history shape of pamong.core.history.History. Old columns are renamed, not dropped
# (changed_by → actor, changed_at → at, basis → note: the basis given for a change is its note), so no change is
# lost; the old and new numbers stay its own columns. Every existing row is kept and the new columns filled:
# kabupaten/kota from the need, the actor's post and unit from their staff record as it is now (the best that can
# be known of old rows).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from pamong.core.history import fill_columns


def fill(apps, schema_editor):
    fill_columns(apps, "organization.FormasiChange", subject="need")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organization", "0003_unit_letter_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="formasichange", old_name="changed_by", new_name="actor"),
        migrations.RenameField(model_name="formasichange", old_name="changed_at", new_name="at"),
        migrations.RenameField(model_name="formasichange", old_name="basis", new_name="note"),
        migrations.AlterField(
            model_name="formasichange",
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
        migrations.AlterField(model_name="formasichange", name="at", field=models.DateTimeField(verbose_name="waktu")),
        migrations.AlterField(
            model_name="formasichange", name="note", field=models.TextField(blank=True, verbose_name="catatan")
        ),
        migrations.AddField(
            model_name="formasichange",
            name="kabkota_code",
            field=models.CharField(default="", editable=False, max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="formasichange",
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
            model_name="formasichange",
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
            model_name="formasichange",
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
        migrations.AddField(
            model_name="formasichange",
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AddField(
            model_name="formasichange",
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
        migrations.AddField(
            model_name="formasichange",
            name="public",
            field=models.BooleanField(default=False, verbose_name="tampil untuk publik"),
        ),
        migrations.AlterModelOptions(
            name="formasichange",
            options={
                "ordering": ["-at", "-id"],
                "verbose_name": "riwayat kebutuhan formasi",
                "verbose_name_plural": "riwayat kebutuhan formasi",
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
