"""A person in a real browser (Debian's chromium through Playwright): public pages, sign-in, the staff
directory's live filter, all under the production Content-Security-Policy with no console errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pamong.accounts.models import User
from pamong.testing import Padang

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_a_lurah_signs_in_and_filters_the_staff_directory(
    live_server: Any, browser_page: Any, padang: Padang, lurah_belakang_pondok: User
) -> None:
    from playwright.sync_api import expect

    page, errors = browser_page
    page.goto(live_server.url + reverse("portal:front"))
    assert page.locator("h1").inner_text().startswith("Layanan kecamatan dan kelurahan Kota Padang")

    page.get_by_role("link", name="Masuk petugas").click()
    page.fill("#id_username", "lurah_bp")
    page.fill("#id_password", "salah")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Nama pengguna atau kata sandi salah").first).to_be_visible()
    page.fill("#id_password", "rahasia-panjang-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**" + reverse("desk:home"))
    assert "Selamat datang, Mulyadi" in page.content()

    page.get_by_role("button", name="Aparatur").click()  # the menu's dropdown opens with Bootstrap's script
    page.get_by_role("link", name="Pegawai", exact=True).click()
    page.wait_for_url("**" + reverse("organization:employees"))
    rows = page.locator("#directory tbody tr")
    expect(rows).to_have_count(2)
    page.fill("#id_q", "yusni")  # htmx swaps the table without a page load
    expect(rows).to_have_count(1)
    assert "q=yusni" in page.url
    assert "Yusnimar" in rows.first.inner_text()

    page.get_by_role("link", name="Yusnimar").click()
    expect(page.get_by_text("Rantai atasan")).to_be_visible()
    assert errors == []
