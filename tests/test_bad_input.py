"""Bad input is a 400 whose JSON names the parameter; never a 500."""

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    ("lat=91&lon=0", "lat"),
    ("lat=-90.0001&lon=0", "lat"),
    ("lat=0&lon=180.5", "lon"),
    ("lat=0&lon=-181", "lon"),
    ("lat=30", "lon"),
    ("lon=-97", "lat"),
    ("lat=abc&lon=0", "lat"),
    ("lat=NaN&lon=0", "lat"),
    ("lat=nan&lon=0", "lat"),
    ("lat=0&lon=Infinity", "lon"),
    ("lat=0&lon=-inf", "lon"),
    ("lat=1e400&lon=0", "lat"),
    ("lat=&lon=0", "lat"),
    ("zip=00000", "zip"),
    ("zip=7870", "zip"),
    ("zip=787011", "zip"),
    ("zip=abcde", "zip"),
    ("zip=78701&lat=30&lon=-97", "zip"),
    ("lat=30&lon=-97&limit=0", "limit"),
    ("lat=30&lon=-97&limit=-1", "limit"),
    ("lat=30&lon=-97&limit=101", "limit"),
    ("limit=1.5", "limit"),
    ("offset=0.0", "offset"),
    ("limit=10.0", "limit"),
    ("boy_age=12.", "boy_age"),
    ("offset=-1", "offset"),
    ("offset=99999999999999999999", "offset"),
    ("lat=30&lon=-97&radius_km=0", "radius_km"),
    ("lat=30&lon=-97&radius_km=-5", "radius_km"),
    ("lat=30&lon=-97&radius_km=500.1", "radius_km"),
    ("lat=30&lon=-97&radius_km=NaN", "radius_km"),
    ("radius_km=10", "radius_km"),
    ("kind=castle", "kind"),
    ("population=aliens", "population"),
    ("service=spa", "service"),
    ("language=xx", "language"),
    ("state=ZZ", "state"),
    ("accepts_pets=maybe", "accepts_pets"),
    ("has_beds=yes%20please", "has_beds"),
    ("open_now=2", "open_now"),
    ("boy_age=-1", "boy_age"),
    ("boy_age=40", "boy_age"),
    ("accept_pets=true", "accept_pets"),
    ("lat=30&lat=31&lon=-97", "lat"),
    ("q=" + "x" * 101, "q"),
    ("accepts_pets=", "accepts_pets"),
    ("zip=", "zip"),
    ("limit=", "limit"),
    ("kind=", "kind"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD_QUERIES)
def test_bad_shelter_query_is_a_400_naming_the_parameter(api, query, parameter):
    response = api.get(f"/api/v1/shelters/?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "Invalid request parameters."
    assert parameter in body["errors"], body
    assert all(isinstance(message, str) for message in body["errors"][parameter])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("kind=castle", "kind"), ("service=spa", "service"), ("lat=95&lon=0", "lat"),
     ("walk_in=perhaps", "walk_in")],
)  # fmt: skip
def test_bad_medical_query_is_a_400(api, query, parameter):
    response = api.get(f"/api/v1/medical-services/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("topic=weather", "topic"), ("text=sometimes", "text"), ("county=Travis", "county"),
     ("zip=99999", "zip"), ("state=XX", "state")],
)  # fmt: skip
def test_bad_hotline_query_is_a_400(api, query, parameter):
    response = api.get(f"/api/v1/hotlines/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_several_bad_parameters_are_all_named(api):
    response = api.get("/api/v1/shelters/?lat=100&lon=200&limit=0&kind=x")
    assert response.status_code == 400
    assert {"lat", "lon", "limit", "kind"} <= set(response.json()["errors"])


@pytest.mark.parametrize(
    "query",
    ["lat=90&lon=180", "lat=-90&lon=-180", "lat=0&lon=0", "lat=1e-320&lon=-1e-320",
     "lat=30.2672000000000000001&lon=-97.7431", "limit=100", "offset=990",
     "lat=30&lon=-97&radius_km=500", "lat=30&lon=-97&radius_km=0.0001", "q=%27%3B%20DROP%20TABLE",
     "q=%3Cscript%3E", "q=%E2%9C%93%F0%9F%8F%A0", "q=", "city=", "county="],
)  # fmt: skip
def test_edge_values_that_are_valid_answer_200(api, query):
    make_shelter()
    response = api.get(f"/api/v1/shelters/?{query}")
    assert response.status_code == 200, response.content


def test_public_endpoints_are_read_only(api):
    shelter = make_shelter()
    for method in ("post", "put", "patch", "delete"):
        list_response = getattr(api, method)("/api/v1/shelters/", {})
        detail_response = getattr(api, method)(f"/api/v1/shelters/{shelter.pk}/", {})
        assert list_response.status_code == 405
        assert detail_response.status_code == 405
    assert api.get(f"/api/v1/shelters/{shelter.pk}/").status_code == 200
