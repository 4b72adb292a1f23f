"""Malformed, huge and hostile requests answer 400 or a correct 200, doing no more
work (database queries) than an ordinary search does."""

from urllib.parse import quote

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

ORDINARY = "/api/v1/shelters/?zip=78701&accepts_pets=true"
TEXT_PARAMETERS = ["q", "city", "county"]
NASTY_STRINGS = [
    "' OR 1=1 --", "'; DROP TABLE shelters_shelter; --", "\" OR \"\"=\"", "1) UNION SELECT * --",
    "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "%s%s%s%n", "../../etc/passwd",
    "Ünïcødé ∑ 中文 עברית 🏠🐕", "\u202eevil", "a" * 100,
]  # fmt: skip


@pytest.fixture
def ordinary_queries(client, sample_data, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(ORDINARY).status_code == 200
    return len(captured.captured_queries)


def get_within_budget(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget):
        return client.get(url)


@pytest.mark.parametrize("parameter", TEXT_PARAMETERS)
@pytest.mark.parametrize("value", NASTY_STRINGS)
def test_sql_script_and_unicode_strings_are_plain_text(
    client, ordinary_queries, django_assert_max_num_queries, parameter, value
):
    url = f"/api/v1/shelters/?{parameter}={quote(value)}"
    response = get_within_budget(client, url, ordinary_queries, django_assert_max_num_queries)
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "query",
    ["q=" + "x" * 10_000, "city=" + "é" * 5000, "q=%00", "county=a%00b", "zip=7870%00",
     "lat=" + "9" * 5000 + "&lon=0", "offset=" + "9" * 400, "limit=" + "1" * 400,
     "&".join(f"p{i}=1" for i in range(500)), "&".join(["accepts_pets=true"] * 200),
     "lat=0x1E&lon=0", "lat=1_0&lon=0", "lat=%EF%BC%91&lon=0", "radius_km=1e309&lat=0&lon=0",
     "lat=-0&lon=-0&radius_km=1e-300", "offset=-0", "limit=+5", "kind=emergency_shelter%00"],
)  # fmt: skip
def test_malformed_and_huge_input_is_refused_cheaply(
    client, ordinary_queries, django_assert_max_num_queries, query
):
    response = get_within_budget(
        client, f"/api/v1/shelters/?{query}", ordinary_queries, django_assert_max_num_queries
    )
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["errors"]


def test_the_deepest_page_is_answered_without_scanning(
    client, ordinary_queries, django_assert_max_num_queries
):
    response = get_within_budget(
        client, "/api/v1/shelters/?zip=78701&offset=900&limit=100", ordinary_queries,
        django_assert_max_num_queries,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert client.get("/api/v1/shelters/?offset=901&limit=100").status_code == 400


@pytest.mark.parametrize(
    "origin", ["lat=90&lon=0", "lat=-90&lon=180", "lat=0&lon=180", "lat=0&lon=-180",
               "lat=89.9999999&lon=179.9999999", "lat=0&lon=0"],
)  # fmt: skip
def test_extreme_origins_answer_correctly(client, origin):
    make_shelter(latitude=30.27, longitude=-97.74)
    body = client.get(f"/api/v1/shelters/?{origin}&limit=1").json()
    assert len(body["results"]) == 1
    assert 0 < body["results"][0]["distance_km"] <= 20_016


def test_unicode_names_survive_the_round_trip(client):
    make_shelter(name="Casa Esperanza — 希望之家 🏠")
    body = client.get("/api/v1/shelters/?q=%E5%B8%8C%E6%9C%9B").json()
    assert [r["name"] for r in body["results"]] == ["Casa Esperanza — 希望之家 🏠"]
