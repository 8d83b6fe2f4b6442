"""Plausible people for demo and benchmark data: Minangkabau-flavoured names, valid NIPs, degrees.

Deterministic for a given random generator, so every demo looks the same.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

MALE = """
    Afrizal Syafrizal Yusrizal Zulkarnain Hendri Firdaus Irwan Dedi Rahmat Fauzan Aldi Rizki Andika
    Efendi Syahrial Jasman Erizal Nofrizal Ardiansyah Fikri Hafiz Ilham Muhammad Ahmad Budiman Joni
    Roni Zulfahmi Asrul Darmawan Indra Alfian Rudi Syamsul Taufik Wahyu Yunaldi Amril Boy Dasril
    Edwar Gusrizal Harmen Iskandar Januar Khairul Mulyadi Nasrul Novrizal Osman Rasyid Suardi Syafri
    Yohanes Zainal Rahmadi Fadli Arif Refki
""".split()  # noqa: SIM905  (a word list reads better as prose)
FEMALE = """
    Yusnimar Rosmawati Nurhayati Desi Fitri Rina Yulia Elvi Mardiana Suryani Nelly Yeni Rahmi Wirda
    Gusniati Zurniati Afrida Sri Dewi Lusi Mona Silvia Vivi Yanti Ratna Nova Fadhilah Annisa Nadia
    Putri Dian Elsa Winda Erlina Hasnah Ismarni Jusniar Kurniati Linda Maisyarah Nofriyanti Oktavia
    Rosnita Syafrida Titin Uswatun Welni Yelfi Zahara Delfi Meri Rezi Febri Hayati
""".split()  # noqa: SIM905  (a word list reads better as prose)
FAMILY = """
    Putra Putri Syahputra Saputra Hidayat Chaniago Piliang Tanjung Koto Sikumbang Jambak Caniago
    Guci Rangkuti Harahap Pratama Rahman Syukri Amir Hasan Nasution Sutan Marajo Mandah Bagindo
""".split()  # noqa: SIM905  (a word list reads better as prose)
DEGREES_PNS = ("S.Sos.", "S.STP", "S.E.", "S.H.", "S.Kom.", "S.AP", "S.I.P.", "A.Md.", "S.Pd.", "")
MASTERS = ("M.Si.", "M.M.", "M.AP", "M.H.")


@dataclass
class Person:
    name: str
    gender: str
    birth_date: dt.date
    title_suffix: str
    title_prefix: str = ""


class PeopleFactory:
    def __init__(self, rng: random.Random, *, taken_nips: set[str] | None = None) -> None:
        self.rng = rng
        self.taken = taken_nips if taken_nips is not None else set()

    def person(self, *, senior: bool = False, young: bool = False, educated: bool = True) -> Person:
        rng = self.rng
        gender = "L" if rng.random() < (0.62 if senior else 0.5) else "P"
        given = rng.choice(MALE if gender == "L" else FEMALE)
        name = given if rng.random() < 0.25 else f"{given} {rng.choice(FAMILY)}"
        if gender == "P" and name.endswith(" Putra"):
            name = name[:-6] + " Putri"
        if gender == "L" and name.endswith(" Putri"):
            name = name[:-6] + " Putra"
        first, last = (1966, 1980) if senior else (1992, 2002) if young else (1970, 1998)
        birth = dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
        suffix = ""
        if educated:
            suffix = rng.choice(DEGREES_PNS)
            if senior and suffix and not suffix.startswith("A.Md") and rng.random() < 0.6:
                suffix = f"{suffix}, {rng.choice(MASTERS)}"
        prefix = ("Drs." if gender == "L" else "Dra.") if senior and birth.year < 1972 and rng.random() < 0.3 else ""
        if prefix:
            suffix = rng.choice(("", "M.Si."))
        return Person(name=name, gender=gender, birth_date=birth, title_suffix=suffix, title_prefix=prefix)

    def nip(self, person: Person, *, today: dt.date) -> str:
        """A NIP that passes every check: birth date, TMT at 22–35 years of age and not in the future, gender."""
        rng = self.rng
        while True:
            year = min(person.birth_date.year + rng.randint(22, 35), today.year - 1)
            tmt = f"{year:04d}{rng.randint(1, 12):02d}"
            gender = "1" if person.gender == "L" else "2"
            nip = f"{person.birth_date:%Y%m%d}{tmt}{gender}{rng.randint(1, 999):03d}"
            if nip not in self.taken:
                self.taken.add(nip)
                return nip

    def phone(self) -> str:
        prefix = self.rng.choice(("11", "12", "13", "21", "22", "52", "53", "77", "81", "95"))
        return f"08{prefix}{self.rng.randint(10_000_000, 99_999_999)}"
