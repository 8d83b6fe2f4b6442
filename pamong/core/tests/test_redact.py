"""Public free text: NIK, telephone numbers and e-mail addresses are masked; what the complaint is about is not."""

from __future__ import annotations

import pytest

from pamong.core.redact import mask_contacts


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("hubungi 0812 3456 7001 ya", "hubungi [nomor telepon disamarkan] ya"),
        ("wa +62 812-3456-7001", "wa [nomor telepon disamarkan]"),
        ("NIK 1371010101010001 saya", "NIK [NIK disamarkan] saya"),
        ("email a.b@desa.go.id", "email [surel disamarkan]"),
        ("RT 02/RW 03 no 12, 2,5 meter, tgl 12-10-2026, Rp 150.000", None),
        ("", None),
    ],
)
def test_contacts_are_masked_and_the_rest_is_kept(typed: str, shown: str | None) -> None:
    assert mask_contacts(typed) == (typed if shown is None else shown)
