"""No URL of ours leaves for another site: Chromium sends no Referer to another
origin from an admin page, under the "same-origin" policy that lets our forms
POST (see PRIVACY.md)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .conftest import WAIT

PASSWORD = "a-long-pass-phrase"


class Recorder(BaseHTTPRequestHandler):
    """Another site: answers anything, and keeps the headers of every request."""

    seen: dict[str, dict[str, str]]

    def do_GET(self) -> None:
        self.seen[self.path] = dict(self.headers.items())
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>elsewhere</title><p>another site</p>")

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def other_site() -> Iterator[tuple[str, dict[str, dict[str, str]]]]:
    seen: dict[str, dict[str, str]] = {}
    handler = type("SeenRecorder", (Recorder,), {"seen": seen})
    # Another address and port: another origin and another site.
    server = ThreadingHTTPServer(("127.0.0.2", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_links_and_images_to_another_site_carry_no_referrer(browser, cast, other_site):
    url, seen = other_site
    browser.other_hosts_allowed = True
    browser.sign_in("advocate", PASSWORD)
    browser.get("/admin/shelters/shelter/?q=Ours")
    browser.driver.execute_script(
        "const image = new Image(); image.src = arguments[0] + '/image.png';"
        "document.body.append(image);"
        "const link = document.createElement('a'); link.id = 'away'; link.textContent = 'away';"
        "link.href = arguments[0] + '/link'; document.body.prepend(link);",
        url,
    )
    WebDriverWait(browser.driver, WAIT).until(lambda driver: "/image.png" in seen)
    browser.driver.find_element(By.ID, "away").click()
    WebDriverWait(browser.driver, WAIT).until(lambda driver: "/link" in seen)
    # The performance log sees them: the check other tests rely on would catch them.
    assert {f"{url}/image.png", f"{url}/link"} <= set(browser.urls_elsewhere())
    for path in ("/image.png", "/link"):
        assert "Referer" not in seen[path], (path, seen[path])
        assert "Origin" not in seen[path], (path, seen[path])
    # Our own pages still get it, with the query: the policy is "same-origin", not
    # "no-referrer" (under which Chromium's POSTs say Origin: null).
    ours = [
        request["headers"]["Referer"]
        for request in browser.requests()
        if request["url"].startswith(browser.base_url) and request["headers"].get("Referer")
    ]
    assert ours
    assert all(referer.startswith(browser.base_url) for referer in ours)
