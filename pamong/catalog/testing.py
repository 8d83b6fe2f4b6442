"""Test builders for the service catalogue: one service type's data as the loader takes it."""

from __future__ import annotations

import copy
from typing import Any

DOMISILI: dict[str, Any] = {
    "code": "sk-domisili",
    "name": "Surat Keterangan Domisili",
    "summary": "Keterangan tempat tinggal untuk melamar kerja, sekolah atau bank.",
    "level": "desa",
    "deadline_days": 1,
    "fee": 0,
    "archive_code": "470",
    "signer": "kepala",
    "product": "Surat Keterangan Domisili yang ditandatangani Lurah",
    "procedure": "1. Pemohon mengajukan permohonan.\n2. Petugas memverifikasi berkas.\n3. Lurah menandatangani surat.",
    "complaints": "Melalui aplikasi Pamong atau kotak saran.",
    "legal_basis": "UU 25/2009 tentang Pelayanan Publik",
    "guarantee": "Pelayanan diberikan tepat waktu dan tanpa biaya.",
    "documents": [
        {"name": "KTP-el", "required": True, "note": "asli diperlihatkan"},
        {"name": "Surat pengantar RT/RW", "required": True, "note": ""},
        {"name": "Surat keterangan pindah", "required": False, "note": ""},
    ],
    "fields": [{"code": "keperluan", "label": "Keperluan surat", "kind": "textarea", "required": True, "help": ""}],
    "letter_body": "Menerangkan bahwa {nama}, NIK {nik}, berdomisili di {alamat} untuk keperluan {keperluan}.",
}


def with_changes(**changes: Any) -> dict[str, Any]:
    """DOMISILI with some of its keys changed (a deep copy: the original stays)."""
    data = copy.deepcopy(DOMISILI)
    data.update(changes)
    return data
