"""The standard organisation of front-line offices, used to set up a kabupaten/kota.

Kecamatan follow PP 17/2018 (camat, sekretaris, subbagian and seksi); kelurahan follow the usual
Perwako/Perbup shape (lurah, sekretaris, three seksi); desa follow Permendagri 84/2015 (kepala desa,
sekretaris, kaur and kasi, and the kepala dusun as pelaksana kewilayahan under the kepala desa: one position
whose need is the desa's number of dusun, ``Unit.dusun_count``). Each entry: (title, kind, title of the superior
in the same unit or None, staff titles under it). The chain is drawn as the issue asks: kepala → sekretaris →
kasi → staf.
"""

from __future__ import annotations

from pamong.organization.models import Position, Unit

K, S, KS, ST = Position.Kind.KEPALA, Position.Kind.SEKRETARIS, Position.Kind.KEPALA_SEKSI, Position.Kind.STAF
KD = Position.Kind.KEPALA_DUSUN

Structure = list[tuple[str, str, str | None, list[str]]]

KECAMATAN: Structure = [
    ("Camat", K, None, []),
    ("Sekretaris Camat", S, "Camat", []),
    (
        "Kepala Subbagian Umum dan Kepegawaian",
        KS,
        "Sekretaris Camat",
        ["Pengadministrasi Umum", "Pengelola Kepegawaian"],
    ),
    (
        "Kepala Subbagian Perencanaan dan Keuangan",
        KS,
        "Sekretaris Camat",
        ["Bendahara", "Penyusun Program dan Anggaran"],
    ),
    ("Kepala Seksi Pemerintahan", KS, "Sekretaris Camat", ["Pengelola Data Pemerintahan"]),
    (
        "Kepala Seksi Ketenteraman dan Ketertiban Umum",
        KS,
        "Sekretaris Camat",
        ["Pengelola Ketenteraman dan Ketertiban"],
    ),
    ("Kepala Seksi Pemberdayaan Masyarakat", KS, "Sekretaris Camat", ["Pengelola Pemberdayaan Masyarakat"]),
    ("Kepala Seksi Kesejahteraan Sosial", KS, "Sekretaris Camat", ["Pengelola Data Kesejahteraan Sosial"]),
    ("Kepala Seksi Pelayanan Umum", KS, "Sekretaris Camat", ["Pengadministrasi Layanan", "Operator Layanan Terpadu"]),
]

KELURAHAN: Structure = [
    ("Lurah", K, None, []),
    ("Sekretaris Lurah", S, "Lurah", ["Pengadministrasi Umum", "Operator Komputer"]),
    ("Kepala Seksi Pemerintahan dan Ketenteraman", KS, "Sekretaris Lurah", ["Pengelola Data Kependudukan"]),
    ("Kepala Seksi Pemberdayaan Masyarakat", KS, "Sekretaris Lurah", ["Pengelola Pemberdayaan Masyarakat"]),
    ("Kepala Seksi Kesejahteraan Sosial dan Pelayanan", KS, "Sekretaris Lurah", ["Pengadministrasi Layanan"]),
]

DESA: Structure = [
    ("Kepala Desa", K, None, []),
    ("Sekretaris Desa", S, "Kepala Desa", []),
    ("Kepala Urusan Tata Usaha dan Umum", KS, "Sekretaris Desa", ["Staf Tata Usaha"]),
    ("Kepala Urusan Keuangan", KS, "Sekretaris Desa", []),
    ("Kepala Urusan Perencanaan", KS, "Sekretaris Desa", []),
    ("Kepala Seksi Pemerintahan", KS, "Sekretaris Desa", []),
    ("Kepala Seksi Kesejahteraan", KS, "Sekretaris Desa", []),
    ("Kepala Seksi Pelayanan", KS, "Sekretaris Desa", ["Operator Desa"]),
    ("Kepala Dusun", KD, "Kepala Desa", []),
]

TAPEM: Structure = [
    ("Kepala Bagian Tata Pemerintahan", K, None, []),
    ("Kepala Subbagian Pemerintahan Umum", KS, "Kepala Bagian Tata Pemerintahan", ["Analis Pemerintahan"]),
    ("Kepala Subbagian Otonomi Daerah", KS, "Kepala Bagian Tata Pemerintahan", ["Analis Kebijakan"]),
    (
        "Kepala Subbagian Administrasi Kewilayahan",
        KS,
        "Kepala Bagian Tata Pemerintahan",
        ["Pengelola Data Kewilayahan"],
    ),
]

BY_KIND: dict[str, Structure] = {
    Unit.Kind.KANTOR_CAMAT: KECAMATAN,
    Unit.Kind.KANTOR_LURAH: KELURAHAN,
    Unit.Kind.KANTOR_DESA: DESA,
    Unit.Kind.BAGIAN_TAPEM: TAPEM,
}
