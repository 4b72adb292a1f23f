"""The HSDS OpenAPI file this API serves names only the query parameters each of
its endpoints takes: the specification's file also names `format`, `full`,
`minimal`, `taxonomy_id`, `full_service`, `top_only` and `parent_id`, which a
generic HSDS client would send and get a 400 for."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SAMPLE_VALUES = {
    "search": "house",
    "page": "1",
    "per_page": "5",
    "taxonomy_term_id": "a6a5d4d0-6222-59d2-8c79-f9d8626523a8",
    "organization_id": "00000000-0000-4000-8000-000000000000",
    "modified_after": "2026-01-01T00:00:00Z",
    "postcode": "78701",
    "proximity": "10000",
}
NOT_TAKEN = {"format", "full", "minimal", "taxonomy_id", "full_service", "top_only", "parent_id"}


def names(operation: dict) -> list[str]:
    return [p.get("name") or p["$ref"].rsplit("/", 1)[-1] for p in operation.get("parameters", [])]


def test_every_named_parameter_is_taken_and_no_other(api, sample_data):
    document = api.get("/hsds/openapi.json").json()
    assert not NOT_TAKEN & set(document["components"]["parameters"])
    checked = 0
    for template, operations in document["paths"].items():
        named = names(operations["get"])
        assert not NOT_TAKEN & set(named), template
        if "{id}" in template or not named:
            continue
        query = {name: SAMPLE_VALUES[name] for name in named}
        response = api.get(f"/hsds{template}", query)
        assert response.status_code == 200, (template, response.json())
        checked += 1
    assert checked == 5  # services, taxonomies, taxonomy terms, organizations, service at locations
    for name in NOT_TAKEN:
        assert api.get("/hsds/services", {name: "x"}).status_code == 400, name
