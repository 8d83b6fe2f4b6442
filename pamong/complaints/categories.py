"""Complaint categories a kabupaten/kota starts with (an admin can change them)."""

from __future__ import annotations

from pamong.complaints.models import Category, CategoryField

DEFAULT_CATEGORIES = (
    ("pelayanan-administrasi", "Pelayanan administrasi (surat, KTP, KK)", 10),
    ("perilaku-petugas", "Perilaku atau disiplin petugas", 10),
    ("pungutan-liar", "Pungutan liar atau biaya tidak resmi", 5),
    ("infrastruktur", "Jalan, drainase dan fasilitas umum", 30),
    ("kebersihan", "Kebersihan dan sampah", 14),
    ("ketertiban", "Ketenteraman dan ketertiban umum", 14),
    ("bantuan-sosial", "Bantuan sosial dan data kemiskinan", 20),
    ("kesehatan", "Kesehatan dan stunting", 14),
)


FIELDS = {
    "infrastruktur": [
        (
            "jenis",
            "Jenis kerusakan",
            CategoryField.Kind.CHOICE,
            True,
            "jalan|Jalan berlubang\ndrainase|Drainase tersumbat\nlampu|Lampu jalan mati\nlain|Lainnya",
        ),
        ("lebar", "Perkiraan luas kerusakan (meter persegi)", CategoryField.Kind.NUMBER, False, ""),
    ],
    "pungutan-liar": [("jumlah", "Jumlah yang diminta (rupiah)", CategoryField.Kind.NUMBER, False, "")],
}


def categories_seed(*, kabkota_code: str) -> int:
    """Add the default categories (and their questions) a kabupaten/kota lacks. Returns how many were added."""
    made = 0
    for order, (code, name, days) in enumerate(DEFAULT_CATEGORIES, start=1):
        category, created = Category.objects.get_or_create(
            kabkota_code=kabkota_code, code=code, defaults={"name": name, "completion_days": days, "order": order}
        )
        made += created
        for n, (field_code, label, kind, required, choices) in enumerate(FIELDS.get(code, []), start=1):
            CategoryField.objects.get_or_create(
                category=category,
                code=field_code,
                defaults={"label": label, "kind": kind, "required": required, "choices": choices, "order": n},
            )
    return made
