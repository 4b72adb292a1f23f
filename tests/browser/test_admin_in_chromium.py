"""The admin in a real browser: signing in, the advocate's everyday tasks, the map.

The Django test client sends no Origin header and runs no JavaScript, so it
cannot see what broke sign-in for every advocate (issue 16: under
`Referrer-Policy: no-referrer` Chromium sends `Origin: null` and the CSRF check
answers 403). These tests drive Debian's headless Chromium against the live
server; the `browser` fixture also fails any test whose pages asked another host
for anything.
"""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from shelters.models import Shelter, ShelterHours

from ..conftest import make_shelter
from .conftest import WAIT

PASSWORD = "a-long-pass-phrase"
FORBIDDEN = "CSRF verification failed"


def assert_signed_in(browser) -> None:
    assert FORBIDDEN not in browser.text()
    assert browser.driver.current_url.endswith("/admin/"), browser.text()[:500]
    assert "Site administration" in browser.text()


@pytest.fixture
def shelter(cast):
    ours = cast["listings"]["Ours"]["shelter"]
    ours.languages = ["en", "es"]
    ours.save()
    ShelterHours.objects.create(shelter=ours, weekday=0, opens=time(9), closes=time(17))
    return ours


def test_an_advocate_signs_in_with_a_password(browser, cast):
    browser.sign_in("advocate", PASSWORD)
    assert_signed_in(browser)
    sign_in_post = [
        request
        for request in browser.requests()
        if request["url"].endswith("/admin/login/?next=/admin/") and request.get("method") == "POST"
    ]
    # Chromium sends our own origin, which the CSRF check accepts.
    assert sign_in_post[0]["headers"].get("Origin") == browser.base_url


def test_a_coalition_member_signs_in_with_a_password_and_a_code(browser, cast, settings):
    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = True
    device = TOTPDevice.objects.create(user=cast["coalition"], name="phone", confirmed=True)
    browser.sign_in("coalition", "x-long-pass-phrase")
    assert "Site administration" not in browser.text()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    browser.sign_in("coalition", "x-long-pass-phrase", code)
    assert_signed_in(browser)


def test_a_wrong_password_says_so(browser, cast):
    browser.sign_in("advocate", "not-the-pass-phrase")
    assert "Please enter the correct username and password" in browser.text()
    assert FORBIDDEN not in browser.text()


def test_a_locked_out_account_is_told_so_even_with_the_right_password(browser, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.sign_in("advocate", "not-the-pass-phrase")
    browser.sign_in("advocate", PASSWORD)
    assert "Account locked: too many login attempts" in browser.text()
    browser.get("/admin/")
    assert "Site administration" not in browser.text()


def test_an_advocate_reports_beds_from_the_shelter_list(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get("/admin/shelters/shelter/")
    # Only her organisation's shelter is listed.
    assert "Theirs shelter" not in browser.text()
    beds = browser.find(f"input[name$='-beds_available'][value='{shelter.beds_available}']")
    beds.clear()
    beds.send_keys("7")
    browser.submit("input[name=_save]")
    assert "was changed successfully" in browser.text()
    shelter.refresh_from_db()
    assert shelter.beds_available == 7
    assert shelter.beds_updated_by == cast["advocate"]
    assert timezone.now() - shelter.beds_updated_at < timezone.timedelta(minutes=5)


def test_an_advocate_edits_hours_and_phone_inline(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get(f"/admin/shelters/shelter/{shelter.pk}/change/")
    browser.fill("#id_phones-0-number", "512-555-0199")
    browser.fill("#id_hours-0-closes", "18:30")
    browser.submit("input[name=_save]")
    assert "was changed successfully" in browser.text(), browser.text()[:2000]
    shelter.refresh_from_db()
    assert [phone.number for phone in shelter.phones.all()] == ["512-555-0199"]
    assert [hours.closes for hours in shelter.hours.all()] == [time(18, 30)]
    # The searchable language picker sent back what was chosen.
    assert sorted(shelter.languages) == ["en", "es"]


def test_the_language_picker_is_searchable(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get(f"/admin/shelters/shelter/{shelter.pk}/change/")
    browser.fill("#id_languages_input", "Vietnam")
    available = Select(browser.find("#id_languages_from"))
    assert [option.text for option in available.options] == ["Vietnamese"]
    available.select_by_visible_text("Vietnamese")
    browser.find("#id_languages_add").click()
    browser.submit("input[name=_save]")
    shelter.refresh_from_db()
    assert sorted(shelter.languages) == ["en", "es", "vi"]


def test_an_advocate_marks_a_listing_verified(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get("/admin/shelters/shelter/")
    browser.find(f"input[name=_selected_action][value='{shelter.pk}']").click()
    Select(browser.find("select[name=action]")).select_by_value("mark_verified")
    browser.submit("button[name=index]")
    assert "1 listing(s) verified." in browser.text()
    shelter.refresh_from_db()
    assert shelter.last_verified == timezone.localdate()
    assert shelter.last_verified_by == cast["advocate"]


def test_an_advocate_opens_the_history_page(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get(f"/admin/shelters/shelter/{shelter.pk}/change/")
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "HISTORY"))
    assert "/history/" in browser.driver.current_url
    assert "Change history" in browser.text()
    assert shelter.name in browser.text()


def map_drawn(browser) -> None:
    WebDriverWait(browser.driver, WAIT).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".location-map.leaflet-container")
    )


def tile_requests(browser) -> list[str]:
    return [request["url"] for request in browser.requests() if "/tiles/" in request["url"]]


def test_the_map_is_drawn_from_our_own_files_without_tiles_by_default(browser, cast, shelter):
    browser.sign_in("advocate", PASSWORD)
    browser.get(f"/admin/shelters/shelter/{shelter.pk}/change/")
    map_drawn(browser)
    assert browser.find_all(".location-map .leaflet-marker-icon")
    assert "No map tiles" in browser.find(".location-map-note").text
    scripts = [r["url"] for r in browser.requests() if r["url"].endswith(".js")]
    assert any(url.endswith("/static/leaflet/leaflet.js") for url in scripts)
    assert all(url.startswith(browser.base_url) for url in scripts)
    assert tile_requests(browser) == []


@pytest.fixture
def tile_server() -> Iterator[str]:
    """A tile server of its own, on another port, answering 404 to every tile, as a
    real one is another host. (Tiles asked of the live server went through Django
    with the advocate's session, several at once: on SQLite the live server's one
    shared in-memory connection then lost its savepoints, and the test database
    with them.)"""

    class NoTiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NoTiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_tile_server_is_asked_for_a_public_shelter_and_never_for_a_hidden_one(
    browser, cast, settings, tile_server
):
    settings.MAP_TILE_URL = f"{tile_server}/tiles/{{z}}/{{x}}/{{y}}.png"
    browser.other_hosts_allowed = True  # the tile server, and nothing else (below)
    public = make_shelter(organization=cast["ours"], name="Public one",
                          address_publication_authorized_by="Director",
                          address_publication_authorized_on=timezone.localdate())  # fmt: skip
    hidden = make_shelter(organization=cast["ours"], name="Hidden one",
                          location_disclosure="hidden")  # fmt: skip
    browser.sign_in("advocate", PASSWORD)
    browser.get(f"/admin/shelters/shelter/{public.pk}/change/")
    map_drawn(browser)
    WebDriverWait(browser.driver, WAIT).until(lambda driver: tile_requests(browser))
    assert all(url.startswith(f"{tile_server}/tiles/") for url in browser.urls_elsewhere())
    browser.forget()
    browser.get(f"/admin/shelters/shelter/{hidden.pk}/change/")
    map_drawn(browser)
    assert browser.find_all(".location-map .leaflet-marker-icon")
    assert "No map tiles for a hidden shelter" in browser.find(".location-map-note").text
    assert tile_requests(browser) == []
    assert browser.urls_elsewhere() == []


def visible_right_edge(browser, css: str) -> float:
    return browser.driver.execute_script(
        "return Math.max(...Array.from(document.querySelectorAll(arguments[0]))"
        ".map(e => e.getBoundingClientRect().right));",
        css,
    )


def test_the_shelter_list_fits_a_laptop_screen(browser, cast, shelter):
    """At 1366 px: name, beds (editable), when beds were reported and when the
    listing was verified, without scrolling sideways. Also takes the README's
    screenshots when SCREENSHOT_DIR is set."""
    reported = timezone.now() - timezone.timedelta(hours=3)
    Shelter.objects.filter(pk=shelter.pk).update(
        beds_updated_at=reported, last_verified=timezone.localdate()
    )
    for name, city, beds in [
        ("Harbor House", "Round Rock", 4),
        ("Safe Place Family Center", "San Marcos", 0),
        ("New Dawn Transitional Housing", "Georgetown", 12),
    ]:
        make_shelter(organization=cast["ours"], name=name, city=city, beds_total=max(beds, 6),
                     beds_available=beds, beds_updated_at=reported,
                     last_verified=timezone.localdate() - timezone.timedelta(days=40))  # fmt: skip
    browser.sign_in("advocate", PASSWORD)
    browser.get("/admin/shelters/shelter/")
    assert browser.driver.execute_script("return window.innerWidth") == 1366
    # The page's width without its vertical scroll bar.
    width = browser.driver.execute_script("return document.documentElement.clientWidth")
    scroll_width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width
    for column in ("name", "beds_available", "beds_reported", "last_verified"):
        assert visible_right_edge(browser, f"#result_list .column-{column}") <= width, column
    # The table does not scroll sideways inside its own box either.
    overflow = browser.driver.execute_script(
        "const box = document.querySelector('#changelist .results');"
        "return [box.scrollWidth, box.clientWidth, Array.from("
        "document.querySelectorAll('#result_list thead th'))"
        ".map(th => [th.className, th.offsetWidth])];"
    )
    assert overflow[0] <= overflow[1], overflow
    assert browser.find_all("#result_list input[name$='-beds_available']")
    screenshot(browser, "advocate-shelter-list.png")
    browser.get(f"/admin/shelters/shelter/{shelter.pk}/change/")
    map_drawn(browser)
    screenshot(browser, "advocate-shelter-form.png", full_page=True)


def test_list_filters_offer_only_what_the_advocate_has(browser, cast, shelter):
    make_shelter(organization=cast["ours"], name="Ours in Oklahoma", state="OK", city="Tulsa",
                 postal_code="74103", latitude=36.15, longitude=-95.99)  # fmt: skip
    make_shelter(organization=cast["theirs"], name="Theirs in Maine", state="ME", city="Portland",
                 postal_code="04101", latitude=43.66, longitude=-70.26)  # fmt: skip
    browser.sign_in("advocate", PASSWORD)
    browser.get("/admin/shelters/shelter/")
    filters = browser.find("#changelist-filter").text
    assert "Oklahoma" in filters
    assert "Texas" in filters
    assert "Maine" not in filters
    # One organisation: nothing to choose, so no organisation filter at all.
    assert "By organisation" not in filters
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "Oklahoma"))
    assert "state=OK" in browser.driver.current_url
    assert "Ours in Oklahoma" in browser.text()
    assert "Ours shelter" not in browser.text()


def screenshot(browser, name: str, full_page: bool = False) -> None:
    """Written only when SCREENSHOT_DIR is set (`make screenshots`), so that a test
    run leaves the tree as it was."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    target = Path(directory) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if full_page:
        height = browser.driver.execute_script("return document.documentElement.scrollHeight")
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1366, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
    try:
        target.write_bytes(browser.driver.get_screenshot_as_png())
    finally:
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )


def test_no_admin_page_asks_another_host_for_anything(browser, cast, shelter):
    """Every list and add page on the index, and a change page of each listing
    kind, as coalition staff (who see every model). The `browser` fixture checks
    the performance log after the walk: every request went to the server."""
    browser.sign_in("coalition", "x-long-pass-phrase")
    assert_signed_in(browser)
    links = {
        element.get_attribute("href")
        for element in browser.find_all("#content-main a")
        if element.get_attribute("href").startswith(browser.base_url)
    }
    listings = cast["listings"]["Theirs"]
    for kind in ("shelter", "medicalservice", "hotline"):
        links.add(f"{browser.base_url}/admin/shelters/{kind}/{listings[kind].pk}/change/")
    assert len(links) > 10
    for link in sorted(links):
        browser.driver.get(link)
        assert "Server Error" not in browser.text(), link
    assert browser.requests()
    assert browser.urls_elsewhere() == []
