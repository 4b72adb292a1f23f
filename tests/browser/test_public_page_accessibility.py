"""The public page for people who cannot use a mouse, see small targets or read
a wide screen: axe-core's WCAG 2.0/2.1/2.2 A and AA rules (target-size included)
find nothing; the sticky exit stays visible at 320 px and never hides focus. Also
takes the README's screenshots when SCREENSHOT_DIR is set."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from django.utils import timezone
from selenium.webdriver.common.keys import Keys

from shelters.models import HotlineChannel

from ..conftest import make_hotline, make_shelter
from .conftest import WAIT
from .public import viewport

# axe-core 4.14.1 (tests/browser/axe, MPL-2.0): the one axe-selenium-python bundles
# predates the target-size rule.
AXE_SCRIPT = str(Path(__file__).parent / "axe" / "axe.min.js")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {"target-size": {"enabled": True}},
}


@pytest.fixture
def listings(transactional_db):
    reported = timezone.now() - timezone.timedelta(hours=2)
    line = make_hotline(name="Texas Night Line", areas=[("TX", "", "")])
    HotlineChannel.objects.filter(hotline=line).update(available_24_7=True)
    make_hotline(name="National Line", channels=[("voice", "1-800-555-0142"), ("chat", "")])
    shelters = [
        make_shelter(name="Riverside House", accepts_pets=True, accepts_children=True,
                     max_boy_age=14, beds_total=12, beds_available=3, beds_updated_at=reported,
                     languages=["en", "es"], phones=[("crisis_24h", "512-555-0110")]),
        make_shelter(name="Hillside Family Center", location_disclosure="area",
                     street_address="8 Private Way", latitude=30.31, longitude=-97.7,
                     beds_total=20, beds_available=0, beds_updated_at=reported),
        make_shelter(name="Quiet Harbor", location_disclosure="hidden",
                     phones=[("intake", "512-555-0120")]),
    ]  # fmt: skip
    return shelters


def violations(browser) -> list[dict]:
    browser.driver.set_script_timeout(WAIT)
    axe = Axe(browser.driver, script_url=AXE_SCRIPT)
    axe.inject()
    results = axe.run(options=json.dumps(AXE_OPTIONS))
    assert "target-size" in {rule["id"] for rule in results["passes"] + results["inapplicable"]}
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
    ]


def test_axe_finds_nothing_on_any_public_page(browser, listings):
    riverside = listings[0]
    pages = {
        "home": "/",
        "results": "/?place=78701",
        "empty": "/?place=99501",
        "detail": f"/shelters/{riverside.pk}/",
        "safety": "/safety/",
        "spanish": "/es/?place=78701",
        "hotlines": "/?place=78701&type=hotlines",
        "whole state refused": "/?place=Texas",
        "spanish detail": f"/es/shelters/{riverside.pk}/",
        "not found": "/nothing-here",
        "spanish not found": "/es/nada-aqui",
    }
    found = {}
    for name, path in pages.items():
        browser.get(path)
        found[name] = violations(browser)
    assert found == {name: [] for name in pages}


def exit_is_on_top(browser) -> bool:
    return browser.driver.execute_script(
        "const button = document.querySelector('.exit-button');"
        "const box = button.getBoundingClientRect();"
        "const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight"
        " && box.right <= innerWidth && box.width > 0;"
        "const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);"
        "return inside && (hit === button || button.contains(hit));"
    )


def test_the_exit_stays_visible_on_a_small_phone_and_never_hides_focus(browser, listings):
    with viewport(browser, 320, 480):
        browser.get("/?place=78701")
        assert exit_is_on_top(browser)
        browser.driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        assert browser.driver.execute_script("return window.scrollY") > 300
        assert exit_is_on_top(browser)
        # Tab through the page: no focused element lies wholly under the button.
        browser.driver.execute_script("window.scrollTo(0, 0)")
        body = browser.find("body")
        body.send_keys(Keys.TAB)
        for _ in range(40):
            hidden = browser.driver.execute_script(
                "const focused = document.activeElement.getBoundingClientRect();"
                "const bar = document.querySelector('.exit-this-page').getBoundingClientRect();"
                "if (document.activeElement.closest('.exit-this-page')) return false;"
                "if (document.activeElement.classList.contains('skip-link')) return false;"
                "return focused.top >= bar.top && focused.bottom <= bar.bottom"
                " && focused.left >= bar.left && focused.right <= bar.right;"
            )
            assert not hidden, browser.driver.switch_to.active_element.get_attribute("outerHTML")
            browser.driver.switch_to.active_element.send_keys(Keys.TAB)


def screenshot(browser, path: str, name: str, width: int, height: int) -> None:
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    target = Path(directory) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with viewport(browser, width, height, mobile=width < 600):
        browser.get(path)
        target.write_bytes(browser.driver.get_screenshot_as_png())


def test_screenshots_of_the_public_page(browser, listings):
    """Only writes files under `make screenshots`; otherwise checks what they show."""
    browser.get("/?place=78701#results")
    assert "Riverside House" in browser.text()
    screenshot(browser, "/?place=78701", "public-results-desktop.png", 1366, 1000)
    # As a search leaves it on a phone: scrolled to the results, under the exit.
    screenshot(browser, "/?place=78701#results", "public-results-phone.png", 390, 844)
    screenshot(browser, "/", "public-home-phone.png", 390, 844)
