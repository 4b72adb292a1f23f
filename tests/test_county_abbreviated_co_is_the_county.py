""" "Travis Co." is Travis County, as 211 data often writes it: a county filter
finds the county's listings, a hotline area typed so covers its callers, and
areas stored before the rule are keyed again by migration 0035."""

import pytest

from shelters import coverage

from .conftest import apps_at, make_hotline, make_shelter, migrate_to_latest, old_hotline_areas


@pytest.mark.parametrize("typed", ["Travis Co", "Travis Co.", "TRAVIS  CO.", "travis county"])
def test_co_folds_as_county(typed):
    assert coverage.fold_county(typed) == coverage.fold_county("Travis County") == "travis"


def test_a_county_named_co_alone_is_not_emptied():
    assert coverage.fold_county("Co") == "co"


@pytest.mark.django_db
def test_filters_and_coverage_read_co_as_county(api):
    shelter = make_shelter(name="Travis shelter")
    line = make_hotline(name="Travis line", areas=[("TX", "Travis Co.", "")])
    found = api.get("/api/v1/shelters/", {"state": "TX", "county": "Travis Co"}).json()
    assert [item["id"] for item in found["results"]] == [shelter.pk]
    lines = api.get("/api/v1/hotlines/", {"zip": "78701"}).json()["results"]
    assert line.name in [item["name"] for item in lines]


@pytest.mark.django_db(transaction=True)
def test_stored_areas_are_keyed_again():
    old_hotline_areas(apps_at("0034_public_timezone"), "TX", ("Harris Co.", "harris co"))
    migrate_to_latest()

    from shelters.models import HotlineArea

    assert HotlineArea.objects.get().county_key == "harris"
