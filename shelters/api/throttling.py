"""Rate limiting that never stores a client's address.

DRF's own throttles key the cache on the raw client IP. Here the key is a keyed
hash of the address (HMAC with the SECRET_KEY and the current date, so keys
cannot be linked across days or recomputed without the key), and it lives only
in the cache, only for the throttle window.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from rest_framework.throttling import SimpleRateThrottle


class HashedAddressRateThrottle(SimpleRateThrottle):
    scope = "public"

    def get_rate(self) -> str:
        return settings.PUBLIC_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str:
        # get_ident honours REST_FRAMEWORK["NUM_PROXIES"]: only that many proxies'
        # X-Forwarded-For entries are trusted, so a client cannot pick its own key.
        address = self.get_ident(request)
        digest = salted_hmac(
            f"shelters.throttle.{timezone.now():%Y-%m-%d}", address, algorithm="sha256"
        ).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
