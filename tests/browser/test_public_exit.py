"""Exit this page: by click, by Shift pressed three times, by the skip link, and
without JavaScript; Back afterwards does not lead to the search or the listing."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from ..conftest import make_shelter
from .public import NEUTRAL_PATH, javascript_off, search, wait_for_url


@pytest.fixture
def neutral(settings, live_server):
    settings.EXIT_PAGE_URL = live_server.url + NEUTRAL_PATH
    return settings.EXIT_PAGE_URL


@pytest.fixture
def listing(transactional_db):
    return make_shelter(name="Riverside House")


def test_click_exits_and_back_does_not_return_to_results_or_detail(browser, neutral, listing):
    search(browser, "78701")
    assert "place=78701" in browser.driver.current_url
    browser.follow(browser.driver.find_element(By.LINK_TEXT, "Riverside House"))
    assert f"/shelters/{listing.pk}/" in browser.driver.current_url
    browser.find(".exit-button").click()
    wait_for_url(browser, NEUTRAL_PATH)
    browser.driver.back()
    url = browser.driver.current_url
    assert (
        "place=" not in url
        and "/shelters/" not in url
        and not url.startswith(browser.base_url + "/")
    ), url


def test_the_page_is_hidden_behind_an_overlay_before_leaving(browser, neutral, listing):
    browser.get("/")
    # A link that goes nowhere, so the page stays to be looked at.
    browser.driver.execute_script("document.querySelector('.exit-button').href = '#';")
    browser.find(".exit-button").click()
    assert browser.find(".exit-overlay").is_displayed()
    assert not browser.find("main").is_displayed()
    assert not browser.find(".site-header").is_displayed()


def test_shift_three_times_exits_and_shift_with_letters_does_not(browser, neutral, listing):
    browser.get("/")
    browser.find("#place").click()
    browser.find("#place").send_keys("ABC")
    ActionChains(browser.driver).key_down(Keys.SHIFT).send_keys("d").key_up(Keys.SHIFT).perform()
    assert browser.driver.current_url == browser.base_url + "/"
    assert browser.find("#place").get_attribute("value") == "ABCD"
    actions = ActionChains(browser.driver)
    for _ in range(2):
        actions.key_down(Keys.SHIFT).key_up(Keys.SHIFT)
    actions.perform()
    assert "1 more time" in browser.find("#exit-status").get_attribute("textContent")
    ActionChains(browser.driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()
    wait_for_url(browser, NEUTRAL_PATH)


def test_the_second_tab_stop_is_the_exit_skip_link(browser, neutral, listing):
    browser.get("/")
    body = browser.find("body")
    body.send_keys(Keys.TAB)
    assert browser.driver.switch_to.active_element.get_attribute("href").endswith("#main")
    browser.driver.switch_to.active_element.send_keys(Keys.TAB)
    active = browser.driver.switch_to.active_element
    assert active.text == "Exit this page"
    assert active.get_attribute("href") == neutral
    active.send_keys(Keys.ENTER)
    wait_for_url(browser, NEUTRAL_PATH)


def test_exit_works_without_javascript(browser, neutral, listing):
    with javascript_off(browser):
        browser.get("/safety/")
        assert browser.find(".exit-button").get_attribute("rel") == "nofollow noreferrer"
        browser.follow(browser.find(".exit-button"))
        assert browser.driver.current_url == neutral


def test_the_destination_is_a_setting(browser, settings, listing):
    settings.EXIT_PAGE_URL = "https://www.example.org/weather"
    browser.get("/")
    assert browser.find(".exit-button").get_attribute("href") == "https://www.example.org/weather"
    assert (
        browser.find(".exit-skip-link").get_attribute("href") == "https://www.example.org/weather"
    )
