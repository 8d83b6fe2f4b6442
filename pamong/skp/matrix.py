"""The predikat kinerja pegawai of PermenPANRB 6/2022, in one table.

Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai Aparatur Sipil Negara, Lampiran
(Bab IV, Penilaian Kinerja Pegawai — evaluasi kinerja): the pejabat penilai kinerja rates the hasil kerja and the
perilaku kerja (the BerAKHLAK core values) each as "di atas ekspektasi", "sesuai ekspektasi" or "di bawah
ekspektasi"; the predikat kinerja follows from the two ratings through the kuadran kinerja pegawai:

                         perilaku di bawah     perilaku sesuai      perilaku di atas
    hasil di atas        Kurang/Misconduct     Baik                 Sangat Baik
    hasil sesuai         Kurang/Misconduct     Baik                 Baik
    hasil di bawah       Sangat Kurang         Butuh Perbaikan      Butuh Perbaikan

The predikat is computed from this table and stored with the assessment; nobody types it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    DI_ATAS = "di_atas", _("Di atas ekspektasi")
    SESUAI = "sesuai", _("Sesuai ekspektasi")
    DI_BAWAH = "di_bawah", _("Di bawah ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


R, P = Rating, Predikat

# (rating hasil kerja, rating perilaku kerja) → predikat kinerja pegawai.
MATRIX: dict[tuple[str, str], str] = {
    (R.DI_ATAS, R.DI_ATAS): P.SANGAT_BAIK,
    (R.DI_ATAS, R.SESUAI): P.BAIK,
    (R.DI_ATAS, R.DI_BAWAH): P.KURANG,
    (R.SESUAI, R.DI_ATAS): P.BAIK,
    (R.SESUAI, R.SESUAI): P.BAIK,
    (R.SESUAI, R.DI_BAWAH): P.KURANG,
    (R.DI_BAWAH, R.DI_ATAS): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.SESUAI): P.BUTUH_PERBAIKAN,
    (R.DI_BAWAH, R.DI_BAWAH): P.SANGAT_KURANG,
}


def predikat_for(hasil: str, perilaku: str) -> str:
    """The predikat for two ratings; "" while either is still missing."""
    return MATRIX.get((hasil, perilaku), "")


class CoreValue(models.TextChoices):
    """The seven ASN core values (BerAKHLAK), the aspects of perilaku kerja in PermenPANRB 6/2022."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", _("Berorientasi Pelayanan")
    AKUNTABEL = "akuntabel", _("Akuntabel")
    KOMPETEN = "kompeten", _("Kompeten")
    HARMONIS = "harmonis", _("Harmonis")
    LOYAL = "loyal", _("Loyal")
    ADAPTIF = "adaptif", _("Adaptif")
    KOLABORATIF = "kolaboratif", _("Kolaboratif")


# What each value asks of the employee (panduan perilaku), shown beside the radio buttons.
CORE_VALUE_GUIDE: dict[str, str] = {
    CoreValue.BERORIENTASI_PELAYANAN: "Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif; "
    "terus memperbaiki layanan.",
    CoreValue.AKUNTABEL: "Jujur, bertanggung jawab, cermat, disiplin; menggunakan kekayaan dan barang milik negara "
    "secara bertanggung jawab; tidak menyalahgunakan kewenangan.",
    CoreValue.KOMPETEN: "Meningkatkan kompetensi diri; membantu orang lain belajar; melaksanakan tugas dengan "
    "kualitas terbaik.",
    CoreValue.HARMONIS: "Menghargai setiap orang apa pun latar belakangnya; suka menolong; membangun lingkungan "
    "kerja yang kondusif.",
    CoreValue.LOYAL: "Setia kepada Pancasila, UUD 1945, NKRI dan pemerintahan yang sah; menjaga nama baik instansi; "
    "menjaga rahasia jabatan dan negara.",
    CoreValue.ADAPTIF: "Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan "
    "kreativitas; bertindak proaktif.",
    CoreValue.KOLABORATIF: "Memberi kesempatan kepada berbagai pihak untuk berkontribusi; terbuka bekerja sama; "
    "menggerakkan pemanfaatan sumber daya bersama.",
}


def behaviour_summary(ratings: dict[str, str]) -> dict[str, object]:
    """Counts of the core-value ratings and the rating they lean to, shown to the rater as guidance only: the
    overall perilaku rating is the rater's own judgement (PermenPANRB 6/2022 leaves it to the pejabat penilai)."""
    counts = {r: sum(1 for v in ratings.values() if v == r) for r in Rating.values}
    rated = sum(counts.values())
    if rated < len(CoreValue.values):
        lean = ""
    elif counts[R.DI_BAWAH] > counts[R.DI_ATAS] and counts[R.DI_BAWAH] >= counts[R.SESUAI]:
        lean = R.DI_BAWAH
    elif counts[R.DI_ATAS] > counts[R.SESUAI] and counts[R.DI_ATAS] > counts[R.DI_BAWAH]:
        lean = R.DI_ATAS
    else:
        lean = R.SESUAI
    return {
        "di_atas": counts[R.DI_ATAS],
        "sesuai": counts[R.SESUAI],
        "di_bawah": counts[R.DI_BAWAH],
        "rated": rated,
        "missing": len(CoreValue.values) - rated,
        "lean": lean,
        "lean_label": Rating(lean).label if lean else "",
    }
