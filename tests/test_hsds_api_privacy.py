"""The HSDS API keeps every promise of the public API: confidential locations
reduced exactly as there, hidden shelters never in a location search, no cookie,
no-store and no log of a location search, a 400 naming each bad parameter, the
throttle, published listings only, and the search's own ranking."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from shelters import redaction
from shelters.hsds.common import derived_id
from shelters.models import Shelter

from .conftest import make_medical_service, make_shelter, shows

pytestmark = pytest.mark.django_db

SECRETS = ("41 Confidential Row", "78702", "30.2634567", "-97.7212345",
           "9 Secret Court", "Secretville", "78703", "30.3012345", "-97.7012345")  # fmt: skip


@pytest.fixture
def shelters(db):
    return {
        "area": make_shelter(name="Area shelter", location_disclosure="area",
                             street_address="41 Confidential Row", postal_code="78702",
                             latitude=30.2634567, longitude=-97.7212345),
        "hidden": make_shelter(name="Hidden shelter", location_disclosure="hidden",
                               street_address="9 Secret Court", city="Secretville",
                               postal_code="78703", latitude=30.3012345,
                               longitude=-97.7012345),
        "public": make_shelter(name="Public shelter", latitude=30.27, longitude=-97.74,
                               address_publication_authorized_by="Director, by letter",
                               address_publication_authorized_on="2026-01-05"),
        "draft": make_shelter(name="Draft shelter", status="draft"),
    }  # fmt: skip


def every_response(api, shelters) -> list:
    urls = ["/hsds/", "/hsds/services?per_page=100", "/hsds/organizations?per_page=100",
            "/hsds/service_at_locations?per_page=100",
            "/hsds/service_at_locations?postcode=78701&per_page=100",
            "/hsds/service_at_locations?postcode=78701&proximity=50000&per_page=100",
            "/hsds/taxonomies", "/hsds/taxonomy_terms?per_page=100"]  # fmt: skip
    for shelter in shelters.values():
        urls.append(f"/hsds/services/{shelter.hsds_id}")
        urls.append(f"/hsds/organizations/{shelter.organization.hsds_id}")
    return [api.get(url) for url in urls]


def test_no_hsds_response_carries_a_confidential_location(api, shelters):
    for response in every_response(api, shelters):
        text = response.content.decode()
        for secret in SECRETS:
            assert not shows(text, secret), (response.wsgi_request.get_full_path(), secret)


def test_an_area_shelter_is_at_its_public_cell_point_without_street_or_zip(api, shelters):
    area = shelters["area"]
    shown = api.get(f"/api/v1/shelters/{area.pk}/").json()["location"]
    service = api.get(f"/hsds/services/{area.hsds_id}").json()
    [link] = service["service_at_locations"]
    location = link["location"]
    assert (location["latitude"], location["longitude"]) == (shown["lat"], shown["lon"])
    [address] = location["addresses"]
    assert (address["address_1"], address["postal_code"]) == ("", "")


def test_a_hidden_shelter_has_nothing_below_its_state_and_no_location(api, shelters):
    hidden = shelters["hidden"]
    service = api.get(f"/hsds/services/{hidden.hsds_id}").json()
    assert service["service_at_locations"] == []
    assert [area["extent"] for area in service["service_areas"]] == ["TX"]
    link_id = derived_id(str(hidden.hsds_id), "service_at_location")
    assert api.get(f"/hsds/service_at_locations/{link_id}").status_code == 404
    for query in ("", "?postcode=78703", "?postcode=78701&proximity=500000", "?per_page=100"):
        page = api.get(f"/hsds/service_at_locations{query}").json()
        assert str(hidden.hsds_id) not in json.dumps(page), query


def test_drafts_are_not_served(api, shelters):
    draft = shelters["draft"]
    assert api.get(f"/hsds/services/{draft.hsds_id}").status_code == 404
    names = [s["name"] for s in api.get("/hsds/services?per_page=100").json()["contents"]]
    assert "Draft shelter" not in names and "Area shelter" in names


def test_no_cookie_and_no_store_on_location_searches(api, shelters):
    for response in every_response(api, shelters):
        assert not response.cookies
    for query in ("postcode=78701", "postcode=78701&proximity=5000", "search=house"):
        response = api.get(f"/hsds/service_at_locations?{query}")
        assert "no-store" in response.headers.get("Cache-Control", ""), query
    refused = api.get("/hsds/service_at_locations?postcode=00000")
    assert refused.status_code == 400
    assert "no-store" in refused.headers.get("Cache-Control", "")
    assert "no-store" not in api.get("/hsds/services").headers.get("Cache-Control", "")


def test_log_lines_keep_no_postcode_or_proximity():
    line = "GET /hsds/service_at_locations?postcode=78701&proximity=4200&page=2&search=Elm"
    redacted = redaction.redact(line)
    for value in ("78701", "4200", "Elm"):
        assert value not in redacted
    assert "page=2" in redacted


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("services?colour=red", "colour"),
        ("services?page=0", "page"),
        ("services?page=two", "page"),
        ("services?per_page=1000", "per_page"),
        ("services?per_page=5&per_page=6", "per_page"),
        ("services?modified_after=yesterday", "modified_after"),
        ("services?organization_id=42", "organization_id"),
        ("services?taxonomy_term_id=shelter", "taxonomy_term_id"),
        ("organizations?modified_after=2026-01-01", "modified_after"),
        ("service_at_locations?postcode=ABCDE", "postcode"),
        ("service_at_locations?postcode=00000", "postcode"),
        ("service_at_locations?proximity=5000", "proximity"),
        ("service_at_locations?postcode=78701&proximity=-1", "proximity"),
        ("service_at_locations?postcode=78701&proximity=far", "proximity"),
        ("service_at_locations?postcode=78701&page=1000", "page"),
        ("taxonomy_terms?page=x", "page"),
        ("?page=1", "page"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api, query, parameter):
    response = api.get(f"/hsds/{query}")
    assert response.status_code == 400, query
    assert list(response.json()["errors"]) == [parameter], response.json()


def test_the_hsds_api_is_throttled_like_the_rest(client, settings, db):
    settings.PUBLIC_THROTTLE_RATE = "3/min"
    cache.clear()
    try:
        statuses = [client.get("/hsds/services").status_code for _ in range(4)]
    finally:
        cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_postcode_ranking_is_the_searchs_own(api, shelters):
    """The shelters of /service_at_locations?postcode=… come in the order the shelter
    search gives for that ZIP, medical services merged in by the same distance."""
    make_medical_service(name="Clinic", latitude=30.28, longitude=-97.73)
    for index in range(6):
        make_shelter(name=f"Ring {index}", latitude=30.25 + index * 0.01, longitude=-97.75)
    search = api.get("/api/v1/shelters/", {"zip": "78701", "limit": 50}).json()["results"]
    searched = [str(Shelter.objects.get(pk=s["id"]).hsds_id) for s in search]
    page = api.get("/hsds/service_at_locations", {"postcode": "78701", "per_page": 50}).json()
    hsds_order = [content["service_id"] for content in page["contents"]]
    assert [service for service in hsds_order if service in searched] == searched
    assert len(hsds_order) == len(searched) + 1  # the clinic

    near = api.get(
        "/hsds/service_at_locations", {"postcode": "78701", "proximity": 3000, "per_page": 50}
    ).json()
    within = api.get("/api/v1/shelters/", {"zip": "78701", "radius_km": 3, "limit": 50}).json()
    near_shelters = [c["service_id"] for c in near["contents"] if c["service_id"] in searched]
    assert near_shelters == [
        str(Shelter.objects.get(pk=s["id"]).hsds_id) for s in within["results"]
    ]
    assert 0 < len(near_shelters) < len(searched)


def test_last_modified_moves_only_when_a_public_field_changes(api, shelters):
    hidden = shelters["hidden"]

    def last_modified() -> str:
        return api.get(f"/hsds/services/{hidden.hsds_id}").json()["last_modified"]

    before = last_modified()
    hidden.street_address = "10 Secret Court"  # private: the public sees the state only
    hidden.save()
    assert last_modified() == before
    Shelter.objects.update(public_updated_at="2020-01-01T00:00:00Z")
    hidden.refresh_from_db()
    hidden.name = "Hidden shelter (renamed)"
    hidden.save()
    assert last_modified() > "2020-01-01T00:00:00.000Z"
    later = api.get("/hsds/services", {"modified_after": "2021-01-01T00:00:00Z"}).json()
    assert [c["id"] for c in later["contents"]] == [str(hidden.hsds_id)]
