"""The OpenAPI schema and the docs page developers integrate from."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_every_public_path_is_documented(schema):
    assert {
        "/api/v1/shelters/",
        "/api/v1/shelters/{id}/",
        "/api/v1/hotlines/",
        "/api/v1/hotlines/{id}/",
        "/api/v1/medical-services/",
        "/api/v1/medical-services/{id}/",
        "/api/v1/organizations/{id}/",
    } <= set(schema["paths"])


def test_location_parameters_have_types_and_ranges(schema):
    params = parameters(schema, "/api/v1/shelters/")
    assert params["lat"]["schema"] == {
        "type": "number", "format": "double", "minimum": -90, "maximum": 90,
    }  # fmt: skip
    assert params["lon"]["schema"]["minimum"] == -180
    assert params["lon"]["schema"]["maximum"] == 180
    assert params["limit"]["schema"] == {
        "type": "integer", "default": 10, "minimum": 1, "maximum": 100,
    }  # fmt: skip
    assert params["radius_km"]["schema"]["maximum"] == 500
    assert params["radius_km"]["schema"]["exclusiveMinimum"] is True
    assert params["zip"]["schema"]["pattern"] == "^[0-9]{5}$"
    assert params["accepts_pets"]["schema"] == {"type": "boolean"}
    assert "women" in params["population"]["schema"]["enum"]


@pytest.mark.parametrize(
    "path", ["/api/v1/shelters/", "/api/v1/hotlines/", "/api/v1/medical-services/"]
)
def test_every_list_parameter_has_a_type_and_description(schema, path):
    for name, param in parameters(schema, path).items():
        assert param["in"] == "query"
        assert param["schema"].get("type") or param["schema"].get("enum"), name
        assert param.get("description"), name


def test_list_responses_document_the_envelope(schema):
    response = schema["paths"]["/api/v1/shelters/"]["get"]["responses"]["200"]
    ref = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    envelope = schema["components"]["schemas"][ref]
    assert {"count", "count_capped", "next", "previous", "emergency", "hotlines", "results"} <= set(
        envelope["properties"]
    )


def test_docs_page_loads_its_assets_from_this_server(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()
