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


def test_text_without_a_digit_run_or_an_at_sign_skips_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    from pamong.core import redact

    calls: list[str] = []
    real = redact.mask_pii

    def counting(text: str, **kw: object) -> object:
        calls.append(text)
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(redact, "mask_pii", counting)
    assert mask_contacts("Jalan rusak di RT 03 RW 05 No. 12 sejak Januari 2026.") == (
        "Jalan rusak di RT 03 RW 05 No. 12 sejak Januari 2026."
    )
    assert calls == []
    assert mask_contacts("Hubungi 0812-3456-7890") == "Hubungi [nomor telepon disamarkan]" and len(calls) == 1
