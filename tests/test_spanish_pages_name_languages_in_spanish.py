"""A Spanish page names a listing's languages in Spanish, orders the language
menu by Spanish name, and writes a distance with a decimal comma: "Idiomas:
English, Chinese" and "5.3 millas" read as a page half translated."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from shelters.languages import ISO_639_1, language_name

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

# The most spoken languages at home in the US after English and Spanish (Census
# ACS) whose Spanish name differs from the English one (Hindi, Urdu, Tamil and
# Telugu are written alike), each of which a Spanish page must name in Spanish.
COMMON = ("zh", "tl", "vi", "ar", "fr", "ko", "ru", "ht", "pt", "de", "pl", "fa", "gu",
          "ja", "so", "am", "yi", "km", "ne", "pa")  # fmt: skip


def test_common_languages_have_spanish_names():
    with translation.override("es"):
        untranslated = [code for code in COMMON if language_name(code) == ISO_639_1[code]]
    assert untranslated == []


def test_a_spanish_detail_page_and_card_name_languages_in_spanish(client):
    shelter = make_shelter(languages=["en", "es", "zh", "tl"])
    detail = client.get(f"/es/shelters/{shelter.pk}/").content.decode()
    assert re.search(r"Inglés, Español, Chino, Tagalo", detail)
    results = client.get("/es/", {"place": "78701"}).content.decode()
    assert "Inglés, Español, Chino, Tagalo" in results


def test_the_spanish_language_menu_is_in_spanish_order(client):
    html = client.get("/es/").content.decode()
    menu = re.search(r'<select id="language" name="language">(.*?)</select>', html, re.S)[1]
    names = re.findall(r'<option value="[a-z]{2}"[^>]*>([^<]+)</option>', menu)
    assert "Chino" in names and "Chinese" not in names
    assert names.index("Árabe") < names.index("Bengalí") < names.index("Zulú")


def test_a_spanish_distance_has_a_decimal_comma(client):
    make_shelter(latitude=30.3312, longitude=-97.7001)
    html = client.get("/es/", {"place": "78701"}).content.decode()
    assert re.search(r"A unas [0-9]+,[0-9] millas", html), html[:3000]
    english = client.get("/", {"place": "78701"}).content.decode()
    assert re.search(r"About [0-9]+\.[0-9] miles", english)
