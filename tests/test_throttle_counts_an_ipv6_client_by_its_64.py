"""Finding 7 of issue 10: the throttle keyed each full IPv6 address apart, so the
holder of a /64 (any home line or host) was unlimited. IPv6 clients are counted by
their /64; other /64s, and IPv4 clients, are still counted apart."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_rate(settings):
    settings.PUBLIC_THROTTLE_RATE = "3/min"
    cache.clear()
    yield
    cache.clear()


def test_addresses_of_one_64_share_a_limit(client, tight_rate):
    for host in ("1", "2", "ab:cd:1"):
        response = client.get("/api/v1/hotlines/", REMOTE_ADDR=f"2001:db8:0:1::{host}")
        assert response.status_code == 200
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="2001:db8:0:1::99").status_code == 429
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="2001:db8:0:2::1").status_code == 200


def test_an_ipv4_mapped_address_counts_as_the_ipv4_address(client, tight_rate):
    for _ in range(3):
        client.get("/api/v1/hotlines/", REMOTE_ADDR="192.0.2.7")
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="::ffff:192.0.2.7").status_code == 429
    assert client.get("/api/v1/hotlines/", REMOTE_ADDR="192.0.2.8").status_code == 200
