"""The organisation list is a list like the others: the same envelope, paging and
strict parameters, and only organisations the public can already see (issue 10,
finding 10)."""

from __future__ import annotations

import pytest

from tests.conftest import make_hotline, make_medical_service, make_organization, make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations():
    with_shelter = make_organization(name="A shelters", email="a@example.org")
    make_shelter(organization=with_shelter)
    with_clinic = make_organization(name="B clinics")
    make_medical_service(organization=with_clinic)
    with_hotline = make_organization(name="C hotlines")
    make_hotline(organization=with_hotline)
    drafting = make_organization(name="D drafting", email="d@example.org", phone="512-555-0199")
    make_shelter(organization=drafting, status="draft")
    make_hotline(organization=drafting, status="archived")
    empty = make_organization(name="E empty", email="e@example.org")
    return {"listed": [with_shelter, with_clinic, with_hotline], "unlisted": [drafting, empty]}


def test_lists_only_organisations_with_a_published_listing(api, organizations):
    body = api.get("/api/v1/organizations/").json()
    assert [item["name"] for item in body["results"]] == ["A shelters", "B clinics", "C hotlines"]
    assert body["results"][0]["email"] == "a@example.org"


def test_has_the_envelope_and_paging_of_the_other_lists(api, organizations):
    body = api.get("/api/v1/organizations/", {"limit": 2}).json()
    assert set(body) == {"count", "count_capped", "next", "previous", "emergency", "results"}
    assert body["count"] == 3
    assert [item["name"] for item in body["results"]] == ["A shelters", "B clinics"]
    assert body["next"].endswith("limit=2&offset=2")
    second = api.get("/api/v1/organizations/", {"limit": 2, "offset": 2}).json()
    assert [item["name"] for item in second["results"]] == ["C hotlines"]
    assert second["next"] is None


@pytest.mark.parametrize(
    "params, bad",
    [({"bogus": "1"}, "bogus"), ({"limit": "0"}, "limit"), ({"offset": "x"}, "offset")],
)
def test_refuses_unknown_and_bad_parameters(api, organizations, params, bad):
    response = api.get("/api/v1/organizations/", params)
    assert response.status_code == 400
    assert bad in response.json()["errors"]


def test_an_organisation_without_a_published_listing_has_no_page(api, organizations):
    for organization in organizations["unlisted"]:
        response = api.get(f"/api/v1/organizations/{organization.pk}/")
        assert response.status_code == 404
    listed = organizations["listed"][0]
    assert api.get(f"/api/v1/organizations/{listed.pk}/").json()["name"] == "A shelters"
