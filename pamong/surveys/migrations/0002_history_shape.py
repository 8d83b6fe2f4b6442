# Follow-up history rows get the one shape of pamong.core.history.History. The old columns already carry the base's
# names (actor, from_status, to_status, note, at), so nothing is renamed; every existing row is kept and the new
# columns are filled: the kabupaten/kota from the survey, the actor's post and unit from their staff record as it is
# now (the best that can be known of rows written before the post at the time was kept). Follow-up actions were
# created without their kabupaten/kota code: it is filled from their survey too.
# The rows are filled by the next migration: on PostgreSQL the new foreign keys are created at the end of this one
# (deferred SQL), which cannot follow an UPDATE of the same table in one transaction.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('organization', '0002_formasi'),
        ('surveys', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='followupchange',
            options={'ordering': ['follow_up_id', 'at', 'id'], 'verbose_name': 'riwayat tindak lanjut', 'verbose_name_plural': 'riwayat tindak lanjut'},
        ),
        migrations.AddField(
            model_name='followupchange',
            name='actor_label',
            field=models.CharField(blank=True, max_length=200, verbose_name='pelaku'),
        ),
        migrations.AddField(
            model_name='followupchange',
            name='actor_position',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organization.position', verbose_name='jabatan saat itu'),
        ),
        migrations.AddField(
            model_name='followupchange',
            name='actor_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organization.unit', verbose_name='unit saat itu'),
        ),
        migrations.AddField(
            model_name='followupchange',
            name='kabkota_code',
            field=models.CharField(default='', editable=False, max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='followupchange',
            name='public',
            field=models.BooleanField(default=False, verbose_name='tampil untuk publik'),
        ),
        migrations.AlterField(
            model_name='followupchange',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oleh'),
        ),
        migrations.AlterField(
            model_name='followupchange',
            name='at',
            field=models.DateTimeField(verbose_name='waktu'),
        ),
        migrations.AlterField(
            model_name='followupchange',
            name='from_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='dari status'),
        ),
        migrations.AlterField(
            model_name='followupchange',
            name='note',
            field=models.TextField(blank=True, verbose_name='catatan'),
        ),
        migrations.AlterField(
            model_name='followupchange',
            name='to_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='ke status'),
        ),
    ]
