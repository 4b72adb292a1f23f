"""Every public endpoint refuses what it cannot read, naming the parameter, rather
than answering something other than what was asked (issue 10, finding 13)."""

from __future__ import annotations

import pytest

from tests.conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


def errors_of(response) -> dict:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "Invalid request parameters."
    return body["errors"]


@pytest.mark.parametrize("value", [" ", "%20%20%20%20%20", "7870 "])
def test_a_blank_or_padded_zip_is_refused_not_dropped(api, value):
    make_shelter()
    response = api.get(f"/api/v1/shelters/?zip={value}&radius_km=5")
    assert "zip" in errors_of(response)


FULL_WIDTH_78701 = "\uff17\uff18\uff17\uff10\uff11"
ARABIC_INDIC_78701 = "\u0667\u0668\u0667\u0660\u0661"


@pytest.mark.parametrize("value", ["abcde", "7870a", FULL_WIDTH_78701, ARABIC_INDIC_78701])
def test_postal_code_takes_five_ascii_digits(api, value):
    make_shelter()
    assert "postal_code" in errors_of(api.get("/api/v1/shelters/", {"postal_code": value}))


@pytest.mark.parametrize(
    "lat",
    ["\uff13\uff10.\uff12", "\u0663\u0660.\u0662", "30_2", "\u0663\u0660"],
    ids=["full-width", "arabic-indic-with-dot", "underscore", "arabic-indic"],
)
def test_coordinates_take_ascii_digits_only(api, lat):
    make_shelter()
    response = api.get("/api/v1/shelters/", {"lat": lat, "lon": "-97.7"})
    assert "lat" in errors_of(response)


def test_plain_coordinates_are_still_read(api):
    make_shelter()
    for lat in ("30.2", "+30", "3.02e1", ".5", "30."):
        assert api.get("/api/v1/shelters/", {"lat": lat, "lon": "-97.7"}).status_code == 200


def test_a_repeated_region_is_refused(api):
    response = api.get("/api/v1/availability/?region=TX&region=CA")
    assert errors_of(response) == {"region": ["Give this parameter at most once."]}


@pytest.mark.parametrize("url", ["/api/v1/snapshots/", "/api/v1/snapshots/TX/"])
def test_snapshots_refuse_unknown_parameters(api, url):
    make_shelter()
    assert errors_of(api.get(url, {"bogus": "1"})) == {"bogus": ["Unknown parameter."]}


def test_an_organization_page_refuses_unknown_parameters(api):
    shelter = make_shelter()
    url = f"/api/v1/organizations/{shelter.organization_id}/"
    assert errors_of(api.get(url, {"bogus": "1"})) == {"bogus": ["Unknown parameter."]}


def detail_urls():
    shelter = make_shelter(accepts_pets=True)
    service = make_medical_service(walk_in=True)
    hotline = make_hotline()
    return {
        f"/api/v1/shelters/{shelter.pk}/": "accepts_pets",
        f"/api/v1/medical-services/{service.pk}/": "walk_in",
        f"/api/v1/hotlines/{hotline.pk}/": "text",
    }


def test_detail_pages_apply_no_list_filters(api):
    for url, filter_name in detail_urls().items():
        assert api.get(url).status_code == 200
        # Not a 404 that says the listing is gone: a 400 that says why.
        assert errors_of(api.get(url, {filter_name: "false"})) == {
            filter_name: ["Unknown parameter."]
        }
        assert errors_of(api.get(url, {"bogus": "1"})) == {"bogus": ["Unknown parameter."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/shelters/999999/",
        "/api/v1/medical-services/999999/",
        "/api/v1/hotlines/999999/",
        "/api/v1/organizations/999999/",
        "/api/v1/snapshots/ZZ/",
        "/api/v1/no-such-thing/",
    ],
)
def test_every_404_has_the_body_the_readme_shows(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
