"""Each shelter filter narrows the list to what it says, and nothing else."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


def names(api, query):
    response = api.get(f"/api/v1/shelters/?{query}")
    assert response.status_code == 200, response.json()
    return {r["name"] for r in response.json()["results"]}


@pytest.mark.parametrize(
    "field",
    ["accepts_pets", "accepts_children", "wheelchair_accessible", "deaf_services",
     "no_id_required", "free_of_charge"],
)  # fmt: skip
def test_boolean_filters(api, field):
    make_shelter(name="yes", **{field: True})
    make_shelter(name="no", **{field: False})
    assert names(api, f"{field}=true") == {"yes"}
    assert names(api, f"{field}=false") == {"no"}
    assert names(api, f"{field}=1") == {"yes"}


@pytest.mark.parametrize(
    ("param", "field", "value"),
    [("population", "populations", "lgbtq"), ("service", "services", "legal_advocacy"),
     ("language", "languages", "es")],
)  # fmt: skip
def test_list_membership_filters(api, param, field, value):
    make_shelter(name="has", **{field: [value, "women"] if param == "population" else [value]})
    make_shelter(name="lacks", **{field: []})
    assert names(api, f"{param}={value}") == {"has"}


def test_kind_filter(api):
    make_shelter(name="emergency", kind="emergency_shelter")
    make_shelter(name="transitional", kind="transitional_housing")
    assert names(api, "kind=transitional_housing") == {"transitional"}


def test_boy_age_respects_the_oldest_boy_accepted(api):
    make_shelter(name="up to 12", accepts_children=True, max_boy_age=12)
    make_shelter(name="any age", accepts_children=True, max_boy_age=None)
    make_shelter(name="no children", accepts_children=False)
    assert names(api, "boy_age=14") == {"any age"}
    assert names(api, "boy_age=12") == {"up to 12", "any age"}


def test_has_beds_needs_a_recent_positive_count(api):
    now = timezone.now()
    make_shelter(name="open bed", beds_total=5, beds_available=1, beds_updated_at=now)
    make_shelter(name="full", beds_total=5, beds_available=0, beds_updated_at=now)
    make_shelter(name="unknown", beds_total=5, beds_available=None)
    make_shelter(
        name="old news", beds_total=5, beds_available=3, beds_updated_at=now - timedelta(days=3)
    )
    assert names(api, "has_beds=true") == {"open bed"}
    assert names(api, "has_beds=false") == {"full", "unknown", "old news"}


def test_open_now_uses_each_shelters_local_time(api):
    make_shelter(name="always", open_24_7=True)
    every_day_all_hours = [(day, (0, 0), (0, 0)) for day in range(7)]  # overnight spans
    make_shelter(name="spans", open_24_7=False, hours=every_day_all_hours)
    make_shelter(name="never", open_24_7=False, hours=[])
    assert names(api, "open_now=true") == {"always", "spans"}
    assert names(api, "open_now=false") == {"never"}


def test_filters_combine_with_location(api):
    make_shelter(name="near pets", accepts_pets=True, latitude=30.27, longitude=-97.74)
    make_shelter(name="near no pets", accepts_pets=False, latitude=30.27, longitude=-97.74)
    make_shelter(name="far pets", accepts_pets=True, latitude=40.7, longitude=-74.0,
                 city="New York", state="NY", postal_code="10001")  # fmt: skip
    body = api.get("/api/v1/shelters/?lat=30.27&lon=-97.74&accepts_pets=true").json()
    assert [r["name"] for r in body["results"]] == ["near pets", "far pets"]
