"""Letter numbers unique in a kabupaten/kota (part 2 of 2): sequences no longer name an office, and the database
refuses a second letter with the same office code, year and sequence. Letters issued before 0007 have no office
code and are left out of the check."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("servicerequests", "0008_letter_numbering"),
    ]

    operations = [
        migrations.RemoveField(model_name="lettersequence", name="unit"),
        migrations.AddConstraint(
            model_name="lettersequence",
            constraint=models.UniqueConstraint(fields=("kabkota_code", "code", "year"), name="lettersequence_code_year"),
        ),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.UniqueConstraint(
                fields=("kabkota_code", "unit_code", "year", "sequence"), name="letter_number_unique"
            ),
        ),
    ]
