"""Finding 6 of issue 10: a search URL without its trailing slash answers 301 with
the coordinates in Location. Browsers keep 301s, so every response to a request
that carries a search location, the redirect included, is Cache-Control: no-store."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SEARCHES = [
    "/api/v1/shelters?lat=30.2711&lon=-97.7437",
    "/api/v1/medical-services?zip=78756",
    "/api/v1/hotlines?state=TX&county=Travis",
    "/api/v1/shelters?q=Austin",
    "/api/v1/no-such-page/?zip=78756",
]


@pytest.mark.parametrize("path", SEARCHES)
def test_every_answer_to_a_search_is_no_store(client, path):
    response = client.get(path)
    assert response.status_code in (301, 404)
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, cache_control


def test_the_redirect_of_a_search_is_no_store_and_then_the_search_too(client):
    response = client.get("/api/v1/shelters?lat=30.2711&lon=-97.7437")
    assert response.status_code == 301
    assert "no-store" in response["Cache-Control"]
    followed = client.get(response["Location"])
    assert followed.status_code == 200 and "no-store" in followed["Cache-Control"]
