"""`format` is not a parameter of the API: any value is a 400 naming it, on every
public endpoint and the API's index, as any unknown parameter is (DRF's format
override answered ?format=xml with a 404), and no path takes a format suffix
(/shelters.json answered, /shelters.xml did not). The schema keeps ?format=json."""

import pytest

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


def test_any_format_is_a_400_naming_it(api):
    shelter = make_shelter()
    line = make_hotline()
    paths = [
        "/api/v1/shelters/?zip=78701",
        f"/api/v1/shelters/{shelter.pk}/",
        f"/api/v1/hotlines/{line.pk}/",
        "/api/v1/medical-services/?zip=78701",
        "/api/v1/labels/",
        "/api/v1/snapshots/",
        "/hsds/services",
        "/hsds/openapi.json",
        "/api/v1/",
    ]
    for path in paths:
        for value in ("xml", "json", "api"):
            joiner = "&" if "?" in path else "?"
            response = api.get(f"{path}{joiner}format={value}")
            assert response.status_code == 400, (path, value)
            assert response.json()["errors"] == {"format": ["Unknown parameter."]}


def test_the_schema_still_takes_format_json(api):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.parametrize(
    "path", ["/api/v1/shelters.json", "/api/v1/shelters.xml", "/api/v1/shelters/1.json"]
)
def test_there_are_no_format_suffixes(api, path):
    make_shelter()
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
