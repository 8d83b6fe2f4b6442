"""The public board on a 360 px phone: cards, twenty a page, nothing to scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pamong.complaints.testing import make_category, public_complaint
from pamong.testing import Padang

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_the_board_fits_a_phone(live_server: Any, browser_page: Any, padang: Padang) -> None:
    page, errors = browser_page
    category = make_category()
    for i in range(23):
        public_complaint(padang, category, title=f"Saluran air tersumbat di gang nomor {i} dekat pasar lama")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("complaints:board"))
    assert page.locator(".board-list li").count() == 20
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Berikutnya ›").click()
    page.wait_for_url("**hal=2")
    assert page.locator(".board-list li").count() == 3
    assert errors == []
