"""The complaint's location on a map, in a real browser under the strict Content-Security-Policy: the citizen
marks it by tapping the map (the coordinates fill in), the petugas sees it on the complaint with links to open it
in a maps app. Tiles come from a data: URL here, so nothing leaves the machine."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from pamong.accounts.models import Role
from pamong.complaints.models import Complaint
from pamong.complaints.testing import make_category
from pamong.testing import Padang, make_user, sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# A 1×1 grey PNG as every tile; the placeholders sit in the fragment, which Leaflet fills and the browser ignores.
TILE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
    "#{z}/{x}/{y}"
)


@override_settings(PAMONG_MAP_TILES=TILE)
def test_the_location_marked_on_the_map_reaches_the_petugas(
    live_server: Any, browser_page: Any, padang: Padang, settings: Any
) -> None:
    """On a 360×740 phone, within Kota Padang's bounding box."""
    from playwright.sync_api import expect

    settings.PAMONG_MAP_BOUNDS = (-1.13, 100.25, -0.70, 100.57)
    page, errors = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    category = make_category()
    make_user("petugas_bp", Role.PETUGAS, padang.staf_bp)

    page.goto(live_server.url + reverse("complaints:new"))
    picker = page.locator(".pamong-map.pamong-map-live")
    expect(picker).to_be_visible()
    page.select_option("#id_category", str(category.pk))
    page.select_option("#id_region", padang.belakang_pondok.code)
    page.fill("#id_title", "Lampu jalan mati")
    page.fill("#id_text", "Lampu jalan di depan masjid mati sejak seminggu, jalan gelap pada malam hari.")
    # Typing coordinates moves the marker there; a tap next to it moves the point and rewrites both fields.
    page.fill("#id_latitude", "-0.9497")
    page.fill("#id_longitude", "100.3541")
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1)
    box = picker.bounding_box()
    assert box is not None
    picker.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2})
    lat, lng = float(page.input_value("#id_latitude")), float(page.input_value("#id_longitude"))
    # Moved by the tap, near the typed point (where on a 360 px map depends on the tiles' layout).
    assert (lat, lng) != (-0.9497, 100.3541) and abs(lat + 0.9497) < 0.01 and abs(lng - 100.3541) < 0.02
    # "Gunakan lokasi saya" takes the phone's position (granted here) and moves the marker there.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": -0.9571, "longitude": 100.3532})
    page.get_by_role("button", name="Gunakan lokasi saya").click()
    expect(page.locator("#id_latitude")).to_have_value("-0.957100")
    assert page.input_value("#id_longitude") == "100.353200"
    lat, lng = -0.9571, 100.3532
    page.fill("#id_name", "Rahmat Hidayat")
    page.fill("#id_phone", "081234567001")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url("**/pengaduan/*/")

    complaint = Complaint.objects.get()
    assert complaint.latitude is not None and abs(float(complaint.latitude) - lat) < 1e-6
    # A phone outside the kabupaten/kota (another browser: the position is cached for a minute) is told so, and its
    # position is not written.
    elsewhere = page.context.browser.new_context(viewport={"width": 360, "height": 740})
    elsewhere.grant_permissions(["geolocation"])
    elsewhere.set_geolocation({"latitude": -6.2, "longitude": 106.8166})  # Jakarta
    other = elsewhere.new_page()
    other.goto(live_server.url + reverse("complaints:new"))
    other.get_by_role("button", name="Gunakan lokasi saya").click()
    expect(other.get_by_text("di luar wilayah layanan ini")).to_be_visible()
    assert other.input_value("#id_latitude") == ""
    elsewhere.close()
    # The sender's page shows what was sent, the point on a map, and nothing scrolls sideways on the phone.
    expect(page.get_by_role("heading", name="Yang Anda kirim")).to_be_visible()
    expect(page.locator(".pamong-map.pamong-map-live .leaflet-marker-icon")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    sign_in(page, live_server.url, "petugas_bp")
    page.goto(live_server.url + reverse("complaints:staff_detail", args=[complaint.code]))
    shown = page.locator(".pamong-map.pamong-map-live")
    expect(shown.locator(".leaflet-marker-icon")).to_have_count(1)
    geo = page.get_by_role("link", name="Buka di aplikasi peta")
    assert geo.get_attribute("href") == f"geo:{lat:.6f},{lng:.6f}?q={lat:.6f},{lng:.6f}"
    assert errors == []


def test_without_tiles_the_page_keeps_the_coordinates_and_links(client: Any, padang: Padang) -> None:
    from pamong.complaints.testing import make_complaint

    complaint = make_complaint(padang, make_category(), latitude=-0.9497, longitude=100.3541)
    client.force_login(make_user("petugas_bp", Role.PETUGAS, padang.staf_bp))
    with override_settings(PAMONG_MAP_TILES=""):
        html = client.get(reverse("complaints:staff_detail", args=[complaint.code])).content.decode()
    assert 'data-tiles=""' in html
    assert "-0.949700, 100.354100" in html
    assert 'href="geo:-0.949700,100.354100?q=-0.949700,100.354100"' in html
