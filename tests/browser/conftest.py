"""One headless Chromium for the whole session, driving the live server.

Every request the browser makes is read back from Chromium's performance log, so
a test can check that an admin page asked no other host for anything; the
`browser` fixture checks that after every test unless the test says otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WIDTH, HEIGHT = 1366, 900
# Seconds to wait for a page or a script; generous, as CI machines are shared.
WAIT = 30
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get(
    "CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium(django_db_setup, live_server) -> Iterator[webdriver.Chrome]:
    """Set up after (so torn down before) the test database and the live server:
    Chromium's open keep-alive connections hold server threads, each with a
    database connection, and PostgreSQL will not drop a database in use."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"The browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt chromium-driver).")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
        f"--window-size={WIDTH},{HEIGHT}",
    ):
        options.add_argument(argument)
    # The HTTPS test serves a throwaway self-signed certificate.
    options.accept_insecure_certs = True
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    # The viewport itself is 1366 px wide, as on a laptop screen.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Browser:
    """The session's Chromium, with what it requested during one test."""

    driver: webdriver.Chrome
    base_url: str
    other_hosts_allowed: bool = False
    _messages: list[dict] = field(default_factory=list)

    def get(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def messages(self) -> list[dict]:
        """Chromium's DevTools network events so far in this test."""
        for entry in self.driver.get_log("performance"):
            self._messages.append(json.loads(entry["message"])["message"])
        return self._messages

    def forget(self) -> None:
        """Start counting requests afresh."""
        self.messages()
        self._messages.clear()

    def requests(self) -> list[dict]:
        """Every request sent so far in this test (url, method, headers)."""
        return [
            message["params"]["request"]
            for message in self.messages()
            if message["method"] == "Network.requestWillBeSent"
        ]

    def response_headers(self, url: str) -> dict[str, str]:
        """The headers of the last response to `url`, names in lower case."""
        found: dict[str, str] = {}
        for message in self.messages():
            if message["method"] == "Network.responseReceived":
                response = message["params"]["response"]
                if response["url"] == url:
                    found = {name.lower(): value for name, value in response["headers"].items()}
        return found

    def urls_elsewhere(self) -> list[str]:
        """URLs requested from any host other than the server under test."""
        ours = urlsplit(self.base_url).netloc
        return [
            request["url"]
            for request in self.requests()
            if urlsplit(request["url"]).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(request["url"]).netloc != ours
        ]

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css: str, value: str) -> None:
        element = self.find(css)
        element.clear()
        element.send_keys(value)

    def submit(self, css: str) -> None:
        """Click a submit button and wait for the next page."""
        self.follow(self.find(css))

    def follow(self, element) -> None:
        """Click `element` and wait for the page it leads to.

        Marks this document, then waits for a complete one without the mark.
        (Waiting for the old <html> to go stale races the navigation: Chromium may
        answer "node does not belong to the document" mid-way.)"""
        self.driver.execute_script("window.__leaving = true;")
        element.click()
        WebDriverWait(self.driver, WAIT, ignored_exceptions=[WebDriverException]).until(
            lambda driver: driver.execute_script(
                "return !window.__leaving && document.readyState === 'complete';"
            )
        )

    def text(self) -> str:
        return self.find("body").text

    def sign_in(self, username: str, password: str, code: str | None = None) -> None:
        self.get("/admin/login/?next=/admin/")
        self.fill("#id_username", username)
        self.fill("#id_password", password)
        if code is not None:
            self.fill("#id_otp_token", code)
        self.submit("#login-form [type=submit]:not([name])")


def open_browser(chromium: webdriver.Chrome, base_url: str) -> Browser:
    """A clean slate: no cookies, and the performance log drained."""
    chromium.delete_all_cookies()
    chromium.get("about:blank")
    chromium.get_log("performance")
    return Browser(chromium, base_url)


@pytest.fixture
def browser(chromium, live_server) -> Iterator[Browser]:
    """Chromium against the live server; fails the test if any page it opened
    asked another host for anything."""
    session = open_browser(chromium, live_server.url)
    yield session
    if not session.other_hosts_allowed:
        assert session.urls_elsewhere() == []
    # Signed-out for the next test, whatever this one left behind.
    chromium.delete_all_cookies()
