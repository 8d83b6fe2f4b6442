"""Certificate numbers unique per organiser and year (part 1 of 2): each certificate records the organiser code
it printed, and sequences are kept per code and year instead of per office.

Numbers already issued are not touched. Each organiser goes on with its own count under its (possibly new) letter
code, and every code printed so far keeps a sequence that starts after the highest number printed with it."""

from django.db import migrations, models


def printed_code(number):
    """The organiser code in 007/SERT-PLT/Kec.PS/2026."""
    parts = number.split("/")
    return parts[2] if len(parts) == 4 and parts[2] else None


def sequences_by_code(apps, schema_editor):
    Unit = apps.get_model("organization", "Unit")
    Certificate = apps.get_model("training", "Certificate")
    CertificateSequence = apps.get_model("training", "CertificateSequence")
    units = {pk: (kabkota, code) for pk, kabkota, code in Unit.objects.values_list("pk", "kabkota_code", "letter_code")}
    last: dict = {}

    def bump(key, number):
        last[key] = max(last.get(key, 0), number)

    for unit_id, year, number in CertificateSequence.objects.values_list("unit_id", "year", "last_number"):
        kabkota, code = units[unit_id]
        bump((kabkota, code, year), number)
    certificates = list(Certificate.objects.only("pk", "kabkota_code", "unit_id", "year", "sequence", "number"))
    for certificate in certificates:
        # The code as printed; numbers were unique across the country, so (code, year, sequence) is too.
        certificate.unit_code = printed_code(certificate.number) or units[certificate.unit_id][1]
        bump((certificate.kabkota_code, certificate.unit_code, certificate.year), certificate.sequence)
    Certificate.objects.bulk_update(certificates, ["unit_code"], batch_size=1000)
    CertificateSequence.objects.all().delete()
    CertificateSequence.objects.bulk_create(
        [
            CertificateSequence(kabkota_code=kabkota, code=code, year=year, last_number=number)
            for (kabkota, code, year), number in sorted(last.items())
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("organization", "0003_unit_letter_code"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="unit_code",
            field=models.CharField(default="", max_length=32, verbose_name="kode surat penyelenggara"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificatesequence",
            name="kabkota_code",
            field=models.CharField(default="", max_length=5),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificatesequence",
            name="code",
            field=models.CharField(default="", max_length=32),
            preserve_default=False,
        ),
        migrations.RemoveConstraint(model_name="certificatesequence", name="certificate_sequence_once"),
        migrations.AlterField(
            model_name="certificatesequence",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=models.deletion.PROTECT, related_name="+", to="organization.unit"
            ),
        ),
        migrations.RunPython(sequences_by_code, migrations.RunPython.noop, elidable=False),
    ]
