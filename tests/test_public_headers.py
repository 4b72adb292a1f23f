"""Public responses set no cookies and send the safety headers."""

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/shelters/?zip=78701", "/api/v1/hotlines/", "/api/v1/medical-services/",
     "/api/schema/", "/api/docs/", "/healthz", "/api/v1/shelters/?lat=1"],
)  # fmt: skip
def test_public_responses_set_no_cookie(client, path):
    make_shelter()
    response = client.get(path)
    assert response.status_code in (200, 400)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
