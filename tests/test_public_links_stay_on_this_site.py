"""Every link a public page builds from its own address stays on this site: the
language switch of "/es//evil.example/login" (a 404 page since any missing public
address renders one) led to "//evil.example/login", a phishing hop dressed as
this site, exit button and hotline included."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

HOSTILE = [
    "/es//evil.example/login",
    "/es/%2Fevil.example/",
    "/es/%5Cevil.example/",
    "//evil.example/",
    "/es/%2F%2Fevil.example/",
    "/es/safety//evil.example",
]


def _off_site(href: str) -> bool:
    if href.startswith(("tel:", "#")) or href == settings.EXIT_PAGE_URL:
        return False
    return not href.startswith("/") or href[1:2] in ("/", "\\")


@pytest.mark.parametrize("path", HOSTILE)
def test_no_link_leaves_the_site(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    hrefs = re.findall(r'href="([^"]*)"', response.content.decode())
    assert hrefs
    assert [href for href in hrefs if _off_site(href)] == []


def test_the_not_found_page_switches_to_the_other_languages_home(client):
    html = client.get("/es/nada-aqui").content.decode()
    assert re.search(r'<a href="/"[^>]*hreflang="en"', html)
    html = client.get("/nothing-here").content.decode()
    assert re.search(r'<a href="/es/"[^>]*hreflang="es"', html)
