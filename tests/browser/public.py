"""Shared steps for the public page's browser tests."""

from __future__ import annotations

from contextlib import contextmanager

from selenium.webdriver.support.ui import WebDriverWait

from .conftest import HEIGHT, WAIT, WIDTH

NEUTRAL_PATH = "/healthz"


def wait_for_url(browser, fragment: str) -> None:
    WebDriverWait(browser.driver, WAIT).until(lambda driver: fragment in driver.current_url)


def search(browser, place: str, prefix: str = "") -> None:
    browser.get(f"{prefix}/")
    browser.fill("#place", place)
    browser.submit("#search-form [type=submit]")


@contextmanager
def viewport(browser, width: int, height: int, mobile: bool = True):
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    try:
        yield
    finally:
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )


@contextmanager
def javascript_off(browser):
    browser.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        yield
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
