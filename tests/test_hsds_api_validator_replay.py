"""Done when (issue 11): an HSDS API validator's call sequence, replayed against a
live server, finds 0 failures. The sequence: the root (version, openapi_url); the
first, a middle and the last page of each collection; every {id} found in their
contents. Each response is validated against the shipped OpenAPI file's schema for
its operation (its $refs resolved to the shipped JSON schemas), formats checked."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest

from shelters.hsds.schemas import openapi_response_validator

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db(transaction=True)

COLLECTIONS = {
    "/services": "/services/{id}",
    "/organizations": "/organizations/{id}",
    "/service_at_locations": "/service_at_locations/{id}",
    "/taxonomies": "/taxonomies/{id}",
    "/taxonomy_terms": "/taxonomy_terms/{id}",
}


def fetch(url: str) -> tuple[int, dict, dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), json.loads(response.read())


@pytest.fixture
def directory(sample_data):
    make_shelter(name="Area shelter", location_disclosure="area", postal_code="78702",
                 street_address="41 Confidential Row", latitude=30.2634567,
                 longitude=-97.7212345)  # fmt: skip
    make_shelter(name="Hidden shelter", location_disclosure="hidden",
                 street_address="9 Secret Court", latitude=30.3012345,
                 longitude=-97.7012345)  # fmt: skip
    make_hotline(name="Regional line", areas=[("TX", "Travis County", ""), ("TX", "", "78701")],
                 channels=[("voice", "512-555-0142"), ("text", "55501")])  # fmt: skip


def test_a_validator_replay_finds_no_failure(directory, live_server):
    base = live_server.url + "/hsds"
    failures: list[str] = []
    calls = 0

    def check(path: str, operation: str, query: dict | None = None) -> dict:
        nonlocal calls
        calls += 1
        url = base + path + ("?" + urlencode(query) if query else "")
        status, _, body = fetch(url)
        if status != 200:
            failures.append(f"{url}: HTTP {status}")
        validator = openapi_response_validator(operation)
        failures.extend(f"{url}: {error.message}" for error in validator.iter_errors(body))
        return body

    root = check("/", "/")
    assert root["version"] == "3.0"
    assert urlsplit(root["openapi_url"]).path == "/hsds/openapi.json"
    status, _, openapi = fetch(root["openapi_url"])
    assert status == 200 and set(openapi["paths"]) >= {"/", "/services", "/services/{id}"}

    seen_ids = 0
    for collection, item in COLLECTIONS.items():
        first = check(collection, collection, {"per_page": 3})
        assert first["page_number"] == 1 and first["first_page"] is True
        assert first["total_items"] > 0, collection
        pages = {1, max(1, (first["total_pages"] + 1) // 2), first["total_pages"]}
        for number in sorted(pages):
            page = check(collection, collection, {"per_page": 3, "page": number})
            assert page["page_number"] == number
            assert page["last_page"] is (number == first["total_pages"])
            assert page["size"] == len(page["contents"])
            for content in page["contents"]:
                found = check(item.replace("{id}", content["id"]), item)
                seen_ids += 1
                if item != "/service_at_locations/{id}":
                    assert found["id"] == content["id"]
                else:
                    assert found["id"] == content["service_id"]
    assert failures == []
    assert seen_ids > 10 and calls > 30


def test_the_collections_count_every_published_item_once(directory, live_server):
    """Paging through all of /services gives each published listing exactly once."""
    base = live_server.url + "/hsds/services"
    _, _, first = fetch(base + "?per_page=7")
    ids = []
    for number in range(1, first["total_pages"] + 1):
        _, _, page = fetch(f"{base}?per_page=7&page={number}")
        ids += [content["id"] for content in page["contents"]]
    assert len(ids) == len(set(ids)) == first["total_items"]
    from shelters.models import Hotline, MedicalService, Shelter

    published = sum(m.objects.published().count() for m in (Shelter, MedicalService, Hotline))
    assert first["total_items"] == published
