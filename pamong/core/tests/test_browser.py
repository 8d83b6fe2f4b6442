"""A person in a real browser (Debian's chromium through Playwright): public pages, sign-in, the staff
directory's live filter, all under the production Content-Security-Policy with no console errors."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import Padang
from pamong.accounts.models import User

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import ConsoleMessage, Error, sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":  # CSP violations and failed loads show up here
                errors.append(message.text)

        def on_page_error(error: Error) -> None:
            errors.append(str(error))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        yield page, errors
        browser.close()


def test_a_lurah_signs_in_and_filters_the_staff_directory(
    live_server: Any, browser_page: Any, padang: Padang, lurah_belakang_pondok: User
) -> None:
    page, errors = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Layanan kecamatan dan kelurahan Kota Padang")

    page.get_by_role("link", name="Masuk petugas").click()
    page.fill("#id_username", "lurah_bp")
    page.fill("#id_password", "salah")
    page.get_by_role("button", name="Masuk").click()
    assert "Nama pengguna atau kata sandi salah" in page.content()
    page.fill("#id_password", "rahasia-panjang-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/beranda/")
    assert "Selamat datang, Mulyadi" in page.content()

    from playwright.sync_api import expect

    page.get_by_role("link", name="Pegawai", exact=True).click()
    rows = page.locator("#directory tbody tr")
    assert rows.count() == 2
    page.fill("#id_q", "yusni")  # htmx swaps the table without a page load
    expect(rows).to_have_count(1)
    assert "q=yusni" in page.url
    assert "Yusnimar" in rows.first.inner_text()

    page.get_by_role("link", name="Yusnimar").click()
    assert "Rantai atasan" in page.content()
    assert errors == []
