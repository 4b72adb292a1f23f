"""Public responses: no cookies, safety headers, no caching of searches, open CORS."""

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/api/v1/shelters/?zip=78701", "/api/v1/hotlines/", "/api/v1/medical-services/",
    "/api/v1/organizations/", "/api/schema/", "/api/docs/", "/healthz", "/api/v1/shelters/?lat=1",
    "/api/v1/", "/api/v1/nothing-here/",
]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_responses_set_no_cookie_and_send_safety_headers(client, path):
    make_shelter()
    response = client.get(path)
    assert response.status_code in (200, 400, 404)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "query", ["lat=30.27&lon=-97.74", "zip=78701", "city=Austin", "county=Travis",
              "postal_code=78701", "q=haven", "lat=30.27"],
)  # fmt: skip
def test_location_searches_are_never_cached(client, query):
    for endpoint in ("shelters", "medical-services", "hotlines"):
        if endpoint == "hotlines" and query.split("=")[0] in {"city", "postal_code", "q"}:
            continue
        response = client.get(f"/api/v1/{endpoint}/?{query}")
        assert "no-store" in response.headers["Cache-Control"], (endpoint, query)


@pytest.mark.parametrize("path", ["/api/v1/shelters/", "/hsds/services", "/hsds/openapi.json"])
def test_public_get_allows_any_origin_without_credentials(client, path):
    response = client.get(path, HTTP_ORIGIN="https://app.example.org")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = client.options(
        path,
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]


def test_admin_is_not_open_to_other_origins(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://evil.example.org")
    assert "Access-Control-Allow-Origin" not in response.headers


def test_the_public_api_takes_no_credentials_or_personal_data(client):
    make_shelter()
    response = client.get(
        "/api/v1/shelters/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz", HTTP_COOKIE="sessionid=x"
    )
    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/static-missing/"])
def test_our_pages_send_their_address_only_to_ourselves(client, path):
    """Our pages say "same-origin", not "no-referrer": under "no-referrer" browsers send
    `Origin: null` with a form's POST and the CSRF check refuses every sign-in.
    Neither sends anything to another site (tests/browser checks it in Chromium)."""
    response = client.get(path)
    assert response.headers["Referrer-Policy"] == "same-origin"
