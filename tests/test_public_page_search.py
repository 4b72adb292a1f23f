"""The public search page answers from the API's own search: the same listings,
the same disclosure, hotlines covering the place first (24/7 first)."""

from __future__ import annotations

import re

import pytest

from shelters.models import HotlineChannel

from .conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


def page(client, query: str, status: int = 200, prefix: str = ""):
    response = client.get(f"{prefix}/?{query}")
    assert response.status_code == status, response.content[:2000]
    return response.content.decode()


def test_a_zip_search_lists_the_api_results_in_the_api_order(client, api):
    near = make_shelter(name="Near House", latitude=30.27, longitude=-97.74)
    far = make_shelter(name="Far House", latitude=30.6, longitude=-97.7)
    make_shelter(name="Other State House", state="OK", latitude=36.15, longitude=-95.99)
    html = page(client, "place=78701")
    api_names = [
        r["name"] for r in api.get("/api/v1/shelters/?zip=78701&radius_km=80").json()["results"]
    ]
    assert api_names == [near.name, far.name]
    assert html.index("Near House") < html.index("Far House")
    assert "Other State House" not in html
    assert re.search(r'role="status"[^>]*>2 results for 78701', html)


def test_city_and_state_search_from_the_gazetteer(client):
    make_shelter(name="Austin House")
    assert "Austin House" in page(client, "place=Austin%2C+TX")
    assert "Austin House" in page(client, "place=austin+tx")


def test_area_only_shelters_show_no_street_and_hidden_ones_no_location(client):
    make_shelter(name="Area House", location_disclosure="area", street_address="12 Secret Lane")
    make_shelter(
        name="Hidden House",
        location_disclosure="hidden",
        street_address="99 Hidden Road",
        phones=[("intake", "512-555-0199")],
    )
    html = page(client, "place=78701")
    assert "Area House" in html
    assert "Secret Lane" not in html
    assert "Approximate area only" in html
    hidden_part = html[html.index('id="phone-only"') :]
    assert "Hidden House" in hidden_part
    assert "Hidden Road" not in html
    assert "tel:+15125550199" in hidden_part
    # Not in the distance-ranked list.
    listings = html[html.index('id="listings"') : html.index('id="phone-only"')]
    assert "Hidden House" not in listings


def test_eligibility_filters_are_the_api_filters(client):
    make_shelter(name="Pets House", accepts_pets=True)
    make_shelter(name="No Pets House", accepts_pets=False)
    html = page(client, "place=78701&accepts_pets=true")
    assert "Pets House" in html
    assert "No Pets House" not in html


def test_medical_services_search(client):
    make_medical_service(name="Test Clinic Downtown")
    make_shelter(name="A Shelter")
    html = page(client, "place=78701&type=medical")
    assert "Test Clinic Downtown" in html
    assert "A Shelter" not in html


def test_hotlines_covering_the_place_come_first_and_24_7_first(client):
    national = make_hotline(name="A National Line")
    texas_day = make_hotline(name="B Texas Daytime Line", areas=[("TX", "", "")])
    texas_24 = make_hotline(name="C Texas Night Line", areas=[("TX", "", "")])
    HotlineChannel.objects.filter(hotline=texas_24).update(available_24_7=True)
    make_hotline(name="D Ohio Line", areas=[("OH", "", "")])
    html = page(client, "place=78701&type=hotlines")
    order = [html.index(h.name) for h in (texas_24, texas_day, national)]
    assert order == sorted(order)
    assert "D Ohio Line" not in html


def test_empty_results_offer_a_wider_area_and_the_national_hotline(client):
    make_shelter(name="Far Away", latitude=31.5, longitude=-97.1)  # ~150 km from 78701
    html = page(client, "place=78701")
    assert 'id="empty-results"' in html
    assert 'href="tel:+18007997233"' in html[html.index('id="empty-results"') :]
    wider = re.search(r'href="([^"]+)"[^>]*id="wider-area"', html)
    assert wider and "radius_km=200" in wider.group(1)
    assert "Far Away" in page(client, wider.group(1).replace("&amp;", "&").split("?", 1)[1])


def test_bad_input_is_a_400_that_says_what_is_wrong(client):
    assert "five-digit ZIP" in page(client, "place=nowhere", status=400)
    assert "We do not know the ZIP code 00000" in page(client, "place=00000", status=400)
    assert "not one of ours" in page(client, "place=78701&zip=78701", status=400)
    assert "offered search areas" in page(client, "place=78701&radius_km=3", status=400)
    page(client, "place=78701&accepts_pets=maybe", status=400)
    missing = client.get("/es/shelters/999999/")
    assert missing.status_code == 404
    assert 'class="exit-button"' in missing.content.decode()
    assert "Página no encontrada" in missing.content.decode()


def test_a_detail_page_is_the_public_payload(client):
    shelter = make_shelter(
        name="Detail House", location_disclosure="area", street_address="5 Quiet Street"
    )
    response = client.get(f"/shelters/{shelter.pk}/")
    html = response.content.decode()
    assert "Detail House" in html
    assert "Quiet Street" not in html
    assert "tel:+15125550100" in html


def test_results_and_every_page_are_no_store_and_set_no_cookie(client):
    make_shelter()
    for path in ("/", "/?place=78701", "/safety/", "/es/", "/es/?place=78701"):
        response = client.get(path)
        assert "no-store" in response.headers["Cache-Control"], path
        assert not response.cookies, path
        assert "Set-Cookie" not in response.headers


def test_titles_and_headings_are_neutral(client):
    make_shelter()
    for path in ("/", "/?place=78701", "/safety/", "/es/"):
        html = client.get(path).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        headings = " ".join(re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S))
        for word in ("violence", "abuse", "violencia", "abuso"):
            assert word not in (title + headings).lower(), path


def test_every_page_has_the_exit_the_safety_link_and_the_help_numbers(client, settings):
    settings.EXIT_PAGE_URL = "https://example.org/neutral"
    shelter = make_shelter()
    for path in ("/", "/?place=78701", f"/shelters/{shelter.pk}/", "/safety/", "/es/"):
        html = client.get(path).content.decode()
        body = html[html.index("<body>") :]
        # First the skip link, then the secondary exit link, then the button.
        links = re.findall(r"<a [^>]*>", body)
        assert 'href="#main"' in links[0]
        assert 'href="https://example.org/neutral"' in links[1]
        assert 'rel="nofollow noreferrer"' in links[1] and "data-exit" in links[1]
        assert 'href="https://example.org/neutral"' in links[2]
        assert 'href="tel:911"' in body and 'href="tel:+18007997233"' in body
        assert "/safety/" in body
        for link in re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', body):
            assert "noreferrer" in link, link


def test_spanish_pages_are_prefixed_and_mark_english_listing_text(client):
    shelter = make_shelter(name="Casa Test", description="A quiet place.")
    html = page(client, "place=78701", prefix="/es")
    assert '<html lang="es">' in html
    assert "Buscar servicios locales" in html
    assert re.search(r'lang="en"[^>]*>Casa Test<', html)
    detail = client.get(f"/es/shelters/{shelter.pk}/").content.decode()
    assert re.search(r'<p lang="en">A quiet place.</p>', detail)
    english = client.get("/").content.decode()
    assert '<html lang="en">' in english
    assert 'href="/es/"' in english
