"""The public page in Chromium: no cookie, no request to any other host, no
geolocation unless asked, no-store results, and the same search without JavaScript."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from ..conftest import make_hotline, make_shelter
from .public import javascript_off, search

STUB_GEOLOCATION = """
window.__geolocationCalls = 0;
const stub = {
  getCurrentPosition(success) {
    window.__geolocationCalls += 1;
    success({coords: {latitude: 30.2672, longitude: -97.7431, accuracy: 10}});
  },
  watchPosition() { window.__geolocationCalls += 1; return 1; },
  clearWatch() {},
};
Object.defineProperty(navigator, 'geolocation', {value: stub, configurable: true});
"""


@pytest.fixture
def listings(transactional_db):
    make_hotline(name="Night Line")
    return make_shelter(name="Riverside House", accepts_pets=True), make_shelter(
        name="Hillside House", accepts_pets=False
    )


def test_no_cookie_and_no_other_host_on_any_public_page(browser, listings):
    search(browser, "Austin, TX")
    assert "Riverside House" in browser.text()
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "Riverside House"))
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "Staying safe online"))
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "Español"))
    assert browser.find("html").get_attribute("lang") == "es"
    assert browser.driver.get_cookies() == []
    assert browser.urls_elsewhere() == []
    results = [r["url"] for r in browser.requests() if "place=" in r["url"]]
    assert results
    assert "no-store" in browser.response_headers(results[0])["cache-control"]


def test_geolocation_is_asked_only_when_the_button_is_pressed(browser, listings):
    browser.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": STUB_GEOLOCATION}
    )
    try:
        search(browser, "78701")
        assert browser.driver.execute_script("return window.__geolocationCalls") == 0
        browser.get("/")
        assert browser.driver.execute_script("return window.__geolocationCalls") == 0
        button = browser.find("#use-my-location")
        assert button.is_displayed()
        browser.follow(button)
        assert "lat=30.27" in browser.driver.current_url
        assert "lon=-97.74" in browser.driver.current_url
        assert "Riverside House" in browser.text()
    finally:
        browser.driver.execute_cdp_cmd("Page.reload", {})


def test_the_same_search_works_without_javascript(browser, listings):
    with javascript_off(browser):
        browser.get("/")
        assert not browser.find("#use-my-location").is_displayed()
        browser.fill("#place", "78701")
        browser.find("summary").click()
        browser.find("input[name=accepts_pets]").click()
        browser.submit("#search-form [type=submit]")
        assert "accepts_pets=true" in browser.driver.current_url
        assert "Riverside House" in browser.text()
        assert "Hillside House" not in browser.text()
        assert browser.find("#result-count[role=status]").text.startswith("1 result for 78701")
    assert browser.driver.get_cookies() == []
