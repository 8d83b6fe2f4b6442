# Complaint history rows get the one shape of pamong.core.history.History; every existing row is kept and the new
# columns are filled by the next migration (kabupaten/kota from the complaint; the actor's post and unit from their staff record as it
# is now). Rows written before are not rewritten otherwise: a reporter's addition or a photo decision keeps the
# status it was written under as its from and to.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("complaints", "0007_employee_desk_index"),
        ("organization", "0002_formasi"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="complaintchange",
            options={
                "ordering": ["complaint_id", "at", "id"],
                "verbose_name": "riwayat pengaduan",
                "verbose_name_plural": "riwayat pengaduan",
            },
        ),
        migrations.AddField(
            model_name="complaintchange",
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
            model_name="complaintchange",
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
            model_name="complaintchange",
            name="kabkota_code",
            field=models.CharField(default="", editable=False, max_length=5),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="complaintchange",
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
            model_name="complaintchange",
            name="actor_label",
            field=models.CharField(blank=True, max_length=200, verbose_name="pelaku"),
        ),
        migrations.AlterField(model_name="complaintchange", name="at", field=models.DateTimeField(verbose_name="waktu")),
        migrations.AlterField(
            model_name="complaintchange",
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="dari status"),
        ),
        migrations.AlterField(
            model_name="complaintchange", name="note", field=models.TextField(blank=True, verbose_name="catatan")
        ),
        migrations.AlterField(
            model_name="complaintchange",
            name="public",
            field=models.BooleanField(default=False, verbose_name="tampil untuk publik"),
        ),
        migrations.AlterField(
            model_name="complaintchange",
            name="to_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="ke status"),
        ),
    ]
