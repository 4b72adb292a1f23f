"""The Spanish public pages (/es/) show a listing's Spanish text where it has one,
as the API's lang=es does, and mark English fallback text lang="en" only where
the text really is English."""

import re

import pytest

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


def _paragraph_with(html: str, text: str) -> str:
    match = re.search(r"<p[^>]*>[^<]*" + re.escape(text), html)
    assert match, text
    return match.group(0)


def test_a_spanish_detail_page_shows_the_spanish_description(client):
    shelter = make_shelter(description="Safe rooms.", description_es="Habitaciones seguras.")
    html = client.get(f"/es/shelters/{shelter.pk}/").content.decode()
    assert "Habitaciones seguras." in html and "Safe rooms." not in html
    assert 'lang="en"' not in _paragraph_with(html, "Habitaciones seguras.")
    english = client.get(f"/shelters/{shelter.pk}/").content.decode()
    assert "Safe rooms." in english and "Habitaciones seguras." not in english


def test_english_fallback_text_is_marked_english(client):
    shelter = make_shelter(description="Safe rooms.")
    html = client.get(f"/es/shelters/{shelter.pk}/").content.decode()
    assert 'lang="en"' in _paragraph_with(html, "Safe rooms.")


def test_a_spanish_hotline_page_shows_the_spanish_description(client):
    line = make_hotline(description="Call us.", description_es="Llámenos.")
    html = client.get(f"/es/hotlines/{line.pk}/").content.decode()
    assert "Llámenos." in html and "Call us." not in html
