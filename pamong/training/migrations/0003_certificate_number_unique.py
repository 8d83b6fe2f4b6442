"""Certificate numbers unique per organiser and year (part 2 of 2): sequences no longer name an office; the
database refuses a second certificate with the same organiser code, year and sequence, and a number that repeats
within the kabupaten/kota (before, numbers had to be unique across all kabupaten/kota, so Pontianak Timur and
Pontianak Tenggara, both "Kec.PT", could not both issue)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("training", "0002_certificate_numbering"),
    ]

    operations = [
        migrations.RemoveField(model_name="certificatesequence", name="unit"),
        migrations.AddConstraint(
            model_name="certificatesequence",
            constraint=models.UniqueConstraint(
                fields=("kabkota_code", "code", "year"), name="certificate_sequence_code_year"
            ),
        ),
        migrations.RemoveConstraint(model_name="certificate", name="certificate_sequence_unique"),
        migrations.AlterField(
            model_name="certificate",
            name="number",
            field=models.CharField(max_length=64, verbose_name="nomor sertifikat"),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                fields=("kabkota_code", "unit_code", "year", "sequence"), name="certificate_number_per_organiser"
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(fields=("kabkota_code", "number"), name="certificate_number_unique"),
        ),
    ]
