"""Hotline coverage (shelters.coverage): one rule, its Python and SQL forms agree,
and county names fold alike everywhere they are compared."""

import pytest

from shelters import coverage, hotline_directory, public, selectors

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling", ["Travis", "Travis County", "travis county", "  TRAVIS   county ", "Travis  County"]
)
def test_county_spellings_fold_to_one_county(spelling):
    assert coverage.fold_county(spelling) == "travis"


def test_the_public_county_filter_folds_like_coverage(api):
    shelter = make_shelter(county="Travis County")
    for spelling in ("Travis", "travis county", "Travis  County"):
        found = api.get("/api/v1/shelters/", {"state": "TX", "county": spelling}).json()
        assert [result["id"] for result in found["results"]] == [shelter.pk], spelling


def test_hotline_search_by_county_folds_like_coverage(api):
    make_hotline(name="Travis line", areas=[("TX", "Travis County", "")])
    for spelling in ("Travis", "travis county"):
        found = api.get("/api/v1/hotlines/", {"state": "TX", "county": spelling}).json()
        assert "Travis line" in {result["name"] for result in found["results"]}, spelling


@pytest.mark.parametrize(
    ("state", "county", "zip_code"),
    [("TX", "Travis County", "78701"), ("TX", "", ""), ("TX", "Harris County", "77002"),
     ("OH", "", ""), ("TX", "travis", ""), ("", "", ""), ("NY", "New York County", "10001")],
)  # fmt: skip
def test_in_memory_coverage_matches_the_sql_rule(sample_data, state, county, zip_code):
    make_hotline(name="ZIP line", areas=[("TX", "", "78701")])
    make_hotline(name="Harris line", areas=[("TX", "Harris County", "")])
    area = coverage.Area(state, county, zip_code) if state else None
    hotlines = selectors.public_hotlines().order_by("name", "id")
    in_sql = coverage.hotlines_covering(hotlines, area)
    expected = (
        [public.hotline(h) for h in in_sql]
        if area
        else [public.hotline(h) for h in in_sql if h.coverage == "national"]
    )
    assert hotline_directory.for_area(area) == expected


def test_a_zip_area_covers_only_in_its_own_state(db):
    """A Texas line whose area names a California ZIP (saved before the admin
    refused such rows, or by a command) must not become a local line in
    California's searches, in either form of the rule."""
    make_hotline(name="Misfiled line", areas=[("TX", "", "90210")])
    california = coverage.Area("CA", "Los Angeles County", "90210")
    in_sql = coverage.hotlines_covering(selectors.public_hotlines(), california)
    assert "Misfiled line" not in {h.name for h in in_sql}
    assert "Misfiled line" not in {h["name"] for h in hotline_directory.for_area(california)}
