"""Every location search answer names the guidance of the searched state, in the
answer's language, compactly: a URL, not the guidance itself (issue 14)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


def test_a_texas_zip_search_names_the_texas_guidance(api):
    make_shelter(city="Austin", state="TX", postal_code="78701", latitude=30.27, longitude=-97.74)
    body = api.get("/api/v1/shelters/", {"zip": "78701", "lang": "es"}).json()
    assert body["guidance"] == {"state": "TX", "url": "/api/v1/guidance/?state=TX&lang=es"}
    guidance = api.get(body["guidance"]["url"]).json()
    assert guidance["state"] == "TX" and guidance["lang"] == "es" and guidance["steps"]


def test_a_washington_point_names_the_washington_guidance(api):
    make_medical_service(city="Seattle", state="WA", latitude=47.61, longitude=-122.33)
    point = {"lat": "47.6062", "lon": "-122.3321"}
    for path in ("/api/v1/shelters/", "/api/v1/medical-services/", "/api/v1/hotlines/"):
        body = api.get(path, point).json()
        assert body["guidance"] == {"state": "WA", "url": "/api/v1/guidance/?state=WA&lang=en"}


def test_a_search_without_a_location_names_no_guidance(api):
    make_shelter()
    make_hotline()
    assert api.get("/api/v1/shelters/").json()["guidance"] is None
    assert api.get("/api/v1/hotlines/").json()["guidance"] is None


def test_the_reference_costs_under_a_tenth_of_a_nearest_10_answer(api, sample_data):
    """The figure in BENCHMARKS.md: the guidance reference's share of a nearest-10
    answer (Austin ZIP, Spanish)."""
    body = api.get("/api/v1/shelters/", {"zip": "78701", "lang": "es", "limit": 10}).json()
    assert len(body["results"]) == 10
    whole = len(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode())
    without = {key: value for key, value in body.items() if key != "guidance"}
    bare = len(json.dumps(without, separators=(",", ":"), ensure_ascii=False).encode())
    assert (whole - bare) / bare < 0.10
