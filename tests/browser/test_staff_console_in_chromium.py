"""The staff console in headless Chromium: sign-in, region search, cards, referral,
keyboard-only use, focus on return, axe-core, and the README's screenshots.

Requirements S1-S16 of people-pages.md section 7.1.
"""

from __future__ import annotations

import os
from datetime import time, timedelta
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from django.contrib.auth.models import Group, User
from django.utils import timezone
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from shelters.models import ShelterHours
from shelters.roles import HOTLINE_STAFF_GROUP

from ..conftest import make_hotline, make_medical_service, make_shelter
from .conftest import WAIT

PASSWORD = "h-long-pass-phrase"
AXE_SCRIPT = str(Path(__file__).parent / "axe" / "axe.min.js")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # Off by default in axe-core; WCAG 2.2's 2.5.8 Target Size (Minimum).
    "rules": {"target-size": {"enabled": True}},
}
NOTE = "Call intake first; after 10 pm use the crisis line"


@pytest.fixture
def directory(db):
    user = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    now = timezone.now()
    harbor = make_shelter(
        name="Harbor House", languages=["en", "es"], accepts_children=True, max_boy_age=12,
        accepts_pets=True, no_id_required=True, beds_total=12, beds_available=3,
        beds_updated_at=now - timedelta(hours=2),
        last_verified=timezone.localdate() - timedelta(days=400),
        staff_notes=NOTE, phones=[("intake", "512-555-0100"), ("tty_video", "512-555-0101")],
        hours=[(d, (0, 0), (23, 59)) for d in range(7)],
    )  # fmt: skip
    make_shelter(
        name="Quiet Street Home", accepts_pets=False, location_disclosure="area",
        phones=[("intake", "512-555-0200")], last_verified=timezone.localdate(),
    )  # fmt: skip
    make_shelter(
        name="Round Rock Refuge", city="Round Rock", county="Williamson County",
        postal_code="78664", latitude=30.5083, longitude=-97.6789, accepts_pets=True,
    )  # fmt: skip
    make_medical_service(name="Central Clinic", walk_in=True, languages=["en"])
    line = make_hotline(name="Texas Council Line", areas=[("TX", "", "")],
                        channels=[("voice", "1-800-555-0300"), ("text", "88788")])  # fmt: skip
    line.channels.filter(kind="voice").update(available_24_7=True)
    make_hotline(name="National Line", channels=[("voice", "1-800-799-7233")])
    ShelterHours.objects.filter(shelter=harbor).update(closes=time(23, 59))
    return {"harbor": harbor}


def sign_in(browser) -> None:
    browser.get("/admin/login/?next=/staff/")
    browser.fill("#id_username", "desk")
    browser.fill("#id_password", PASSWORD)
    browser.submit("#login-form [type=submit]:not([name])")
    assert browser.driver.current_url == browser.base_url + "/staff/"


def search(browser, where: str) -> None:
    browser.fill("#id_where", where)
    browser.submit("form.search button.primary")


def active(browser):
    return browser.driver.switch_to.active_element


def axe_violations(browser) -> list:
    axe = Axe(browser.driver, script_url=AXE_SCRIPT)
    axe.inject()
    # Axe.run() writes the options into its script as Python text (True, not true):
    # they go to axe.run as a real argument instead.
    results = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done, (e) => done({error: String(e)}));",
        AXE_OPTIONS,
    )
    assert "error" not in results, results
    # The rule set really ran, target-size included: a check that cannot fail is none.
    ran = {rule["id"] for key in ("passes", "inapplicable", "incomplete", "violations")
           for rule in results[key]}  # fmt: skip
    assert "target-size" in ran and "color-contrast" in ran
    return results["violations"]


def card(browser, name: str):
    return next(c for c in browser.find_all(".card") if name in c.text)


def test_anonymous_visitors_go_to_the_sign_in(browser, directory):
    browser.get("/staff/")
    assert "/admin/login/?next=/staff/" in browser.driver.current_url
    password = browser.find("#id_password")
    assert password.get_attribute("autocomplete") == "current-password"
    # A password manager (or a person) may paste: nothing blocks it.
    browser.driver.execute_script(
        "const e = arguments[0]; e.focus(); document.execCommand('insertText', false, 'pasted');",
        password,
    )
    assert password.get_attribute("value") == "pasted"


def test_region_search_by_county_then_zip_with_filters(browser, directory):
    sign_in(browser)
    assert active(browser).get_attribute("id") == "id_where"
    search(browser, "Travis County, TX")
    status = browser.find('[role="status"]#result-count')
    assert status.text.endswith("serve Travis County, TX")
    names = [e.text for e in browser.find_all(".card-link")]
    # Hotlines first, the state's 24/7 line before the national one; Round Rock serves.
    assert names[:2] == ["Texas Council Line", "National Line"]
    assert "Round Rock Refuge" in names
    browser.find("#id_reach_1").click()  # located in
    browser.submit("form.search button.primary")
    names = [e.text for e in browser.find_all(".card-link")]
    assert "Round Rock Refuge" not in names and "Texas Council Line" not in names
    assert "Harbor House" in names
    browser.find("#id_reach_0").click()  # serves this area, again
    search(browser, "78701")
    browser.find("details.filters summary").click()
    browser.find("#id_accepts_pets").click()
    browser.submit("details.filters button")
    names = [e.text for e in browser.find_all(".card-link")]
    assert "Harbor House" in names and "Quiet Street Home" not in names
    assert "78701" in browser.find("#result-count").text
    # Removing one chip keeps the region.
    browser.follow(browser.find('.chip[aria-label="Remove filter Pets"]'))
    assert browser.find("#id_where").get_attribute("value") == "78701"
    assert "Quiet Street Home" in [e.text for e in browser.find_all(".card-link")]


def test_cards_show_the_fixture_at_a_glance(browser, directory):
    sign_in(browser)
    search(browser, "78701")
    harbor = card(browser, "Harbor House")

    def field(name):
        return harbor.find_element("css selector", f'[data-field="{name}"]').text

    assert field("name") == "Harbor House"
    assert field("type") == "Emergency shelter"
    tel = harbor.find_element("css selector", 'a[href="tel:+15125550100"]')
    assert tel.text == "512-555-0100"
    assert "TTY" in field("phones") and "512-555-0101" in field("phones")
    assert "Open now" in field("hours")
    assert "mi from the area's centre" in field("distance")
    assert field("languages") == "English, Spanish"
    assert "boys up to age 12" in field("eligibility") and "Pets welcome" in field("eligibility")
    assert "No ID needed" in field("eligibility")
    assert field("beds") == "3 of 12 beds free (counted 2 h ago)"
    assert field("verified").startswith("Verified ")
    assert field("verification-overdue") == "Verification overdue"
    assert field("edited").startswith("Edited ")
    quiet = card(browser, "Quiet Street Home")
    assert "approximate area only" in quiet.text and "1 Test Street" not in quiet.text
    assert "512-555-0200" in quiet.text


def test_staff_notes_on_the_console_and_not_in_the_api(browser, directory):
    sign_in(browser)
    browser.get(f"/staff/shelters/{directory['harbor'].pk}/")
    assert browser.find('[data-field="staff-notes"]').text == NOTE
    for heading in ("Intake process", "Documents", "Fees", "Accessibility", "Service area"):
        assert heading in [h.text for h in browser.find_all("h2")]
    browser.get(f"/api/v1/shelters/{directory['harbor'].pk}/")
    assert "Harbor House" in browser.text() and "crisis line" not in browser.text()


def test_copy_referral_sends_nothing(browser, directory):
    sign_in(browser)
    search(browser, "78701")
    harbor = card(browser, "Harbor House")
    harbor.find_element("css selector", ".pick-box").click()
    browser.forget()
    browser.find("#copy-referral").click()
    text = browser.find("#referral-text").get_attribute("value")
    assert text.startswith("Harbor House\n") and "512-555-0100" in text
    assert "Hours: Open now" in text and "Verified " in text and "Intake: " in text
    assert "Quiet Street Home" not in text
    assert browser.find("#referral-status").text
    assert browser.requests() == []


def test_the_whole_flow_by_keyboard_and_back_to_the_card(browser, directory):
    sign_in(browser)
    active(browser).send_keys("78701", Keys.ENTER)
    WebDriverWait(browser.driver, WAIT).until(lambda d: "where=78701" in d.current_url)
    results_url = browser.driver.current_url
    assert active(browser).get_attribute("id") == "id_where"
    order = []
    for _ in range(60):
        active(browser).send_keys(Keys.TAB)
        element = active(browser)
        name = element.get_attribute("id") or element.get_attribute("name")
        order.append(name or element.tag_name)
        if element.text == "Harbor House":
            break
    else:
        pytest.fail(f"Tab never reached the card: {order}")
    # Box -> search button -> filters -> results, in that order.
    harbor_link = f"link-card-shelters-{directory['harbor'].pk}"
    assert order.index("id_reach_0") < order.index("summary") < order.index(harbor_link)
    active(browser).send_keys(Keys.ENTER)
    WebDriverWait(browser.driver, WAIT).until(lambda d: "/staff/shelters/" in d.current_url)
    assert "Staff-only notes" in browser.text()
    browser.driver.back()
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.current_url == results_url)
    WebDriverWait(browser.driver, WAIT).until(
        lambda d: d.switch_to.active_element.text == "Harbor House"
    )
    assert "card-link" in active(browser).get_attribute("class")


def test_axe_finds_no_violations(browser, directory):
    sign_in(browser)
    pages = {
        "search": "/staff/",
        "results": "/staff/?where=Travis+County%2C+TX&accepts_pets=on&show_all=on",
        "empty": "/staff/?where=99501&type=shelters",
        "detail": f"/staff/shelters/{directory['harbor'].pk}/?back=%2Fstaff%2F",
        "print": "/staff/?where=78701&print=1&discreet=1",
    }
    for name, path in pages.items():
        browser.get(path)
        assert axe_violations(browser) == [], name
    browser.driver.set_window_size(390, 844)
    try:
        browser.get(pages["results"])
        assert axe_violations(browser) == [], "results at 390 px"
    finally:
        browser.driver.set_window_size(1366, 900)


def test_console_screenshots_laptop_and_phone(browser, directory):
    """The README's console screenshots (docs/screenshots/console-*.png), written
    when SCREENSHOT_DIR is set (`make screenshots`)."""
    sign_in(browser)
    search(browser, "Travis County, TX")
    assert browser.find_all(".card")
    directory_ = os.environ.get("SCREENSHOT_DIR")
    if not directory_:
        return
    Path(directory_).mkdir(parents=True, exist_ok=True)
    driver = browser.driver
    for width, name in ((1366, "console-results-desktop.png"), (390, "console-results-phone.png")):
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900 if width > 400 else 844, "deviceScaleFactor": 1,
             "mobile": width < 400},
        )  # fmt: skip
        driver.refresh()
        driver.save_screenshot(str(Path(directory_) / name))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
