"""Letter numbers unique in a kabupaten/kota (part 1 of 2): the numbering pattern per kabupaten/kota, the office
code on each letter, and the sequences kept per office code and year instead of per office.

Numbers already issued are not touched, and letters issued so far keep an empty ``unit_code``: where two offices
printed the same code (Kel.BP in Kota Padang) their duplicate numbers stay as they were. New numbers cannot repeat
them: each office goes on with its own count under its new code, and every code printed so far keeps a sequence
that starts after the highest number printed with it, in case admin gives that code to an office again."""

import pamong.servicerequests.numbering
from django.db import migrations, models

DEFAULT_PATTERN = "{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}"


def printed_code(number):
    """The office code in a number made by the old fixed form 470/015/Kel.BP/XI/2026 (the classification may hold
    slashes itself, so it is read from the right)."""
    parts = number.rsplit("/", 3)
    return parts[1] if len(parts) == 4 and parts[1] else None


def sequences_by_code(apps, schema_editor):
    Unit = apps.get_model("organization", "Unit")
    Letter = apps.get_model("servicerequests", "Letter")
    LetterSequence = apps.get_model("servicerequests", "LetterSequence")
    LetterNumbering = apps.get_model("servicerequests", "LetterNumbering")
    units = {pk: (kabkota, code) for pk, kabkota, code in Unit.objects.values_list("pk", "kabkota_code", "letter_code")}
    last: dict = {}

    def bump(key, number):
        last[key] = max(last.get(key, 0), number)

    # Each office goes on with its own count under its (possibly new) code.
    for unit_id, year, number in LetterSequence.objects.values_list("unit_id", "year", "last_number"):
        kabkota, code = units[unit_id]
        bump((kabkota, code, year), number)
    # Every code printed so far goes on after the highest number printed with it.
    rows = Letter.objects.values_list("kabkota_code", "year", "number", "sequence").order_by()
    for kabkota, year, number, sequence in rows.iterator(chunk_size=5000):
        code = printed_code(number)
        if code:
            bump((kabkota, code, year), sequence)
    LetterSequence.objects.all().delete()
    LetterSequence.objects.bulk_create(
        [
            LetterSequence(kabkota_code=kabkota, code=code, year=year, last_number=number)
            for (kabkota, code, year), number in sorted(last.items())
        ],
        batch_size=1000,
    )
    # One pattern row per kabupaten/kota, the form used until now, for admin to adapt to its tata naskah.
    kabkotas = set(Unit.objects.values_list("kabkota_code", flat=True).distinct())
    for kabkota in sorted(kabkotas):
        LetterNumbering.objects.get_or_create(kabkota_code=kabkota, defaults={"pattern": DEFAULT_PATTERN})


class Migration(migrations.Migration):

    dependencies = [
        ("organization", "0003_unit_letter_code"),
        ("servicerequests", "0007_history_shape"),
    ]

    operations = [
        migrations.CreateModel(
            name="LetterNumbering",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kabkota_code", models.CharField(max_length=5, verbose_name="kode kabupaten/kota")),
                (
                    "pattern",
                    models.CharField(
                        default="{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}",
                        help_text=pamong.servicerequests.numbering.pattern_help(),
                        max_length=100,
                        validators=[pamong.servicerequests.numbering.pattern_check],
                        verbose_name="pola nomor surat",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="diubah")),
            ],
            options={
                "verbose_name": "pola nomor surat",
                "verbose_name_plural": "pola nomor surat",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kabkota_code",),
                        name="letternumbering_one_per_kabkota",
                        violation_error_message="Kabupaten/kota ini sudah punya pola nomor surat; ubah yang ada.",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="letter",
            name="unit_code",
            field=models.CharField(blank=True, max_length=32, null=True, verbose_name="kode surat kantor"),
        ),
        migrations.AlterField(
            model_name="letter",
            name="number",
            field=models.CharField(max_length=120, verbose_name="nomor surat"),
        ),
        migrations.AddField(
            model_name="lettersequence",
            name="kabkota_code",
            field=models.CharField(default="", max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="lettersequence",
            name="code",
            field=models.CharField(default="", max_length=32),
            preserve_default=False,
        ),
        migrations.RemoveConstraint(model_name="lettersequence", name="lettersequence_unit_year"),
        migrations.AlterField(
            model_name="lettersequence",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=models.deletion.PROTECT, related_name="+", to="organization.unit"
            ),
        ),
        migrations.RunPython(sequences_by_code, migrations.RunPython.noop, elidable=False),
    ]
