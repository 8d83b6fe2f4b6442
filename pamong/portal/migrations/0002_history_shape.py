# Announcement history rows get the one shape of pamong.core.history.History. The old columns already carry the
# base's names (actor, actor_label, from_status, to_status, note, at) and old_values stays the table's own, so
# nothing is renamed; every existing row is kept (corrections keep the status they recorded) and the new columns
# are filled: the kabupaten/kota from the announcement, the actor's post and unit from their staff record as it is
# now (the best that can be known of rows written before the post at the time was kept).
# The rows are filled by the next migration: on PostgreSQL the new foreign keys are created at the end of this one
# (deferred SQL), which cannot follow an UPDATE of the same table in one transaction.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('organization', '0002_formasi'),
        ('portal', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='announcementchange',
            options={'ordering': ['announcement_id', 'at', 'id'], 'verbose_name': 'riwayat pengumuman', 'verbose_name_plural': 'riwayat pengumuman'},
        ),
        migrations.AddField(
            model_name='announcementchange',
            name='actor_position',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organization.position', verbose_name='jabatan saat itu'),
        ),
        migrations.AddField(
            model_name='announcementchange',
            name='actor_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organization.unit', verbose_name='unit saat itu'),
        ),
        migrations.AddField(
            model_name='announcementchange',
            name='kabkota_code',
            field=models.CharField(default='', editable=False, max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='announcementchange',
            name='public',
            field=models.BooleanField(default=False, verbose_name='tampil untuk publik'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='oleh'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='actor_label',
            field=models.CharField(blank=True, max_length=200, verbose_name='pelaku'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='at',
            field=models.DateTimeField(verbose_name='waktu'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='from_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='dari status'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='note',
            field=models.TextField(blank=True, verbose_name='catatan'),
        ),
        migrations.AlterField(
            model_name='announcementchange',
            name='to_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='ke status'),
        ),
    ]
