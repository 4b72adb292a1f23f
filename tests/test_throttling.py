"""Flooding clients get 429 with Retry-After; the throttle never stores an address."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_rate(settings):
    settings.PUBLIC_THROTTLE_RATE = "3/min"
    cache.clear()
    yield
    cache.clear()


def test_a_flood_is_answered_429_with_retry_after(client, tight_rate):
    statuses = [client.get("/api/v1/hotlines/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/hotlines/")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert "detail" in response.json()


def test_clients_are_counted_apart(client, tight_rate):
    for _ in range(3):
        client.get("/api/v1/hotlines/", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_cache_keeps_a_hash_not_the_address(client, tight_rate):
    client.get("/api/v1/hotlines/", REMOTE_ADDR="198.51.100.77")
    keys = list(cache._cache.keys())  # the test cache is Django's local-memory cache
    assert keys
    assert not any("198.51.100.77" in key for key in keys)
    assert all("throttle_public_" in key for key in keys)


def test_forwarded_for_is_not_trusted_without_a_proxy(client, tight_rate):
    for index in range(3):
        client.get("/api/v1/hotlines/", HTTP_X_FORWARDED_FOR=f"203.0.113.{index}")
    blocked = client.get("/api/v1/hotlines/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert blocked.status_code == 429
