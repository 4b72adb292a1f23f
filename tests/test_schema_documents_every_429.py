"""Every public GET the throttle counts documents its 429 in the OpenAPI schema:
the snapshot list, a snapshot and the availability feed answered 429 with
Retry-After undocumented, so a generated client had no case for it."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_every_public_get_documents_429(api):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]  # every API view is counted
    schema = api.get("/api/schema/", {"format": "json"}).json()
    gets = {
        path: operations["get"]
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/") and "get" in operations
    }
    assert {"/api/v1/snapshots/", "/api/v1/snapshots/{region}/", "/api/v1/availability/"} <= set(
        gets
    )
    undocumented = [path for path, operation in gets.items() if "429" not in operation["responses"]]
    assert undocumented == []
