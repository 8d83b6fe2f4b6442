"""Complaint categories a kabupaten/kota starts with (an admin can change them)."""

from __future__ import annotations

from pamong.complaints.models import Category

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


def categories_seed(*, kabkota_code: str) -> int:
    """Add the default categories a kabupaten/kota lacks. Returns how many were added."""
    made = 0
    for order, (code, name, days) in enumerate(DEFAULT_CATEGORIES, start=1):
        _category, created = Category.objects.get_or_create(
            kabkota_code=kabkota_code, code=code, defaults={"name": name, "completion_days": days, "order": order}
        )
        made += created
    return made
