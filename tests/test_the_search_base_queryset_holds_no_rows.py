"""Every search filters one QuerySet built once per listing model
(selectors.published_listings) and copied per request. The built one must never
be evaluated: a search answers from the database as it is now, whatever was
published, changed or archived since the process started."""

from __future__ import annotations

import pytest

from shelters import selectors
from shelters.models import MedicalService, Shelter

from .conftest import make_medical_service, make_shelter

pytestmark = pytest.mark.django_db

SEARCHES = [
    "/api/v1/shelters/?lat=30.27&lon=-97.74",
    "/api/v1/shelters/?state=TX",
    "/api/v1/shelters/",
    "/api/v1/medical-services/?lat=30.27&lon=-97.74",
]


def names(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["results"]}


@pytest.mark.parametrize("url", SEARCHES)
def test_searches_see_each_change_as_it_is_made(client, url):
    make = make_medical_service if "medical" in url else make_shelter
    first = make(name="First")
    assert names(client, url) == {"First"}

    make(name="Second")
    assert names(client, url) == {"First", "Second"}

    first.status = "archived"
    first.save()
    assert names(client, url) == {"Second"}

    for model in (Shelter, MedicalService):
        assert selectors._published_listings(model)._result_cache is None


def test_each_copy_is_its_own():
    one = selectors.published_listings(Shelter).filter(state="TX")
    other = selectors.published_listings(Shelter)

    assert "TX" not in str(other.query)
    assert str(one.query) != str(other.query)
