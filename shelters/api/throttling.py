"""Rate limiting that never stores a client's address.

DRF's own throttles key the cache on the raw client IP. Here the key is a keyed
hash of the address (HMAC with the SECRET_KEY and the current date, so keys
cannot be linked across days or recomputed without the key), and it lives only
in the cache, only for the throttle window.

An IPv6 client is counted by its /64 network, not its full address: a single
subscriber line or host is usually given a whole /64 and can pick any address in
it, so counting addresses would let it send without limit. An IPv4 address written
in IPv6 form (::ffff:192.0.2.1) counts as that IPv4 address.

Counters are in Django's cache: shared by all gunicorn workers with REDIS_URL, per
worker process without it (two workers then let a client through at twice the rate).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from rest_framework.throttling import SimpleRateThrottle

IPV6_CLIENT_PREFIX = 64


def client_key(address: str | None) -> str:
    """What a client is counted by: its IPv4 address, or its IPv6 /64."""
    try:
        ip = ipaddress.ip_address((address or "").strip().split("%")[0])
    except ValueError:
        return str(address)  # not an address (no REMOTE_ADDR, a misconfigured proxy)
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(ip)


class HashedAddressRateThrottle(SimpleRateThrottle):
    scope = "public"

    def get_rate(self) -> str:
        return settings.PUBLIC_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str:
        # get_ident honours REST_FRAMEWORK["NUM_PROXIES"]: only that many proxies'
        # X-Forwarded-For entries are trusted, so a client cannot pick its own key.
        address = client_key(self.get_ident(request))
        digest = salted_hmac(
            f"shelters.throttle.{timezone.now():%Y-%m-%d}", address, algorithm="sha256"
        ).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
