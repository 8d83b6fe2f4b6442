"""The nine unsur of the Survei Kepuasan Masyarakat (PermenPANRB 14/2017), each with its question and the
plain wording of the four answers (1 = worst, 4 = best), as in the regulation's sample questionnaire."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unsur:
    number: int
    name: str
    short: str  # for chart labels
    question: str
    answers: tuple[str, str, str, str]  # values 1, 2, 3, 4

    @property
    def field(self) -> str:
        return f"u{self.number}"

    @property
    def code(self) -> str:
        return f"U{self.number}"


UNSUR: tuple[Unsur, ...] = (
    Unsur(
        1,
        "Persyaratan",
        "Persyaratan",
        "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        2,
        "Sistem, mekanisme dan prosedur",
        "Prosedur",
        "Bagaimana pendapat Anda tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        3,
        "Waktu penyelesaian",
        "Waktu",
        "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        4,
        "Biaya/tarif",
        "Biaya",
        "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        5,
        "Produk spesifikasi jenis pelayanan",
        "Produk",
        "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        6,
        "Kompetensi pelaksana",
        "Kompetensi",
        "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        7,
        "Perilaku pelaksana",
        "Perilaku",
        "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Unsur(
        8,
        "Penanganan pengaduan, saran dan masukan",
        "Pengaduan",
        "Bagaimana pendapat Anda tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    Unsur(
        9,
        "Sarana dan prasarana",
        "Sarana",
        "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)

FIELDS: tuple[str, ...] = tuple(u.field for u in UNSUR)
BY_NUMBER = {u.number: u for u in UNSUR}
