"""A request with no client address (some WSGI servers and test harnesses send no
REMOTE_ADDR) is throttled like any other, never answered with a 500."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_a_request_without_remote_addr_is_answered(client):
    cache.clear()
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR=None).status_code == 200
