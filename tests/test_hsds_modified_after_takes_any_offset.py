"""`modified_after` takes any offset Python reads, not only PostgreSQL's ±15:59.

schemathesis found `modified_after=0225-09-25T20:23:20+17:02` a 500 on PostgreSQL
("time zone displacement out of range"); the moment is now converted to UTC before
it reaches the query, and a moment that falls outside years 1 to 9999 in UTC means
"every record" (before) or "none" (after)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db
URLS = ["/hsds/services", "/hsds/service_at_locations"]


@pytest.fixture
def listings(db):
    make_shelter(name="Changed in 2020")
    make_shelter(name="Changed in 2024")
    for year in (2020, 2024):
        Shelter.objects.filter(name=f"Changed in {year}").update(
            public_updated_at=datetime(year, 6, 1, 12, tzinfo=UTC)
        )


def names_after(api, url: str, moment: str) -> set[str]:
    response = api.get(url, {"modified_after": moment, "per_page": 50})
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["contents"]}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 2024-06-01T12:00Z is 2024-06-02T05:02+17:02: a minute before, and after.
        ("2024-06-02T05:01:00+17:02", {"Changed in 2024"}),
        ("2024-06-02T05:03:00+17:02", set()),
        # 2024-06-01T12:00Z is 2024-05-31T18:01-17:59.
        ("2024-05-31T18:00:00-17:59", {"Changed in 2024"}),
        ("2024-05-31T18:02:00-17:59", set()),
        ("0225-09-25T20:23:20+17:02", {"Changed in 2020", "Changed in 2024"}),
        # Before year 1 and after year 9999 in UTC.
        ("0001-01-01T00:00:00+05:00", {"Changed in 2020", "Changed in 2024"}),
        ("9999-12-31T23:59:00-05:00", set()),
    ],
)
def test_a_moment_with_a_wide_offset_is_compared_in_utc(api, listings, moment, expected):
    assert names_after(api, "/hsds/services", moment) == expected


@pytest.mark.parametrize("url", URLS)
def test_every_collection_answers_a_wide_offset(api, listings, url):
    response = api.get(url, {"modified_after": "0225-09-25T20:23:20+17:02"})
    assert response.status_code == 200, response.content
    assert response.json()["contents"]
