"""Each office gets its own letter code, unique in its kabupaten/kota.

Until now the code was computed from the region's initials, so Belakang Pondok, Batipuh Panjang and Bungo Pasang
in Kota Padang all printed "Kel.BP". Offices whose initials are theirs alone keep them (their numbering goes on
as before); offices sharing initials each get the suffix of their region code ("Kel.BP.01.1001"), so nobody keeps
the shared code. Numbers already issued are not touched (see servicerequests 0007 and training 0002)."""

import django.core.validators
import django.db.models.functions.text
import re
from django.db import migrations, models

from pamong.organization import letter_codes


def assign_letter_codes(apps, schema_editor):
    """Give every office a code unique in its kabupaten/kota. Deterministic: the same offices get the same codes."""
    Unit = apps.get_model("organization", "Unit")
    kabkotas = Unit.objects.order_by().values_list("kabkota_code", flat=True).distinct()
    for kabkota_code in sorted(set(kabkotas)):
        units = list(Unit.objects.filter(kabkota_code=kabkota_code).select_related("region"))
        codes = letter_codes.letter_codes_assign(
            letter_codes.Office(key=u.pk, kind=u.kind, region_code=u.region.code, region_name=u.region.name)
            for u in units
        )
        for unit in units:
            unit.letter_code = codes[unit.pk]
        Unit.objects.bulk_update(units, ["letter_code"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("organization", "0002_formasi"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="letter_code",
            field=models.CharField(default="", max_length=32, verbose_name="kode surat"),
            preserve_default=False,
        ),
        migrations.RunPython(assign_letter_codes, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="unit",
            name="letter_code",
            field=models.CharField(
                help_text=(
                    "Kode kantor pada nomor surat dan sertifikat, mis. Kel.BP pada 470/015/Kel.BP/XI/2026; unik di "
                    "kabupaten/kota. Kosongkan saat menambah kantor untuk kode bawaan (inisial wilayah). Kode baru "
                    "memulai nomor urut baru; nomor yang sudah terbit tidak berubah."
                ),
                max_length=32,
                validators=[
                    django.core.validators.RegexValidator(
                        re.compile("^[A-Za-z0-9]+(?:[.\\-][A-Za-z0-9]+)*$"),
                        "Kode surat hanya berisi huruf dan angka, boleh dipisah titik atau tanda hubung (mis. "
                        "Kel.BP), paling panjang 32 karakter, tanpa spasi atau garis miring.",
                    )
                ],
                verbose_name="kode surat",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                models.F("kabkota_code"),
                django.db.models.functions.text.Lower("letter_code"),
                name="unit_letter_code_unique_in_kabkota",
                violation_error_message="Kode surat ini sudah dipakai kantor lain di kabupaten/kota yang sama.",
            ),
        ),
    ]
