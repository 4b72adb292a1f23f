"""Keep public responses free of cookies, and of caches when they carry a search."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control

from shelters import redaction

ADMIN_PREFIX = "/admin/"
# The staff console signs in through the admin and keeps the admin's session: its
# responses may refresh the session cookie exactly as the admin's do.
SIGNED_IN_PREFIXES = (ADMIN_PREFIX, "/staff/")
# The availability feed's `region` names a whole state's public download, which any
# cache may keep (as it may a snapshot): it is kept out of logs but not out of caches.
PUBLIC_DOWNLOAD_PARAMETERS = frozenset({"region"})
# The guidance of a state is one public document, the same for everyone, like a
# state's snapshot: its `state` may be cached (it is still kept out of logs).
CACHEABLE_PATHS = frozenset({"/api/v1/guidance/", "/api/v1/labels/"})


class NoPublicCookiesMiddleware:
    """Strip every cookie from responses outside the admin and the staff console.

    A survivor's phone may be searched: nothing the public API or its docs
    page sends should linger in a browser. Only advocates signing in to the
    admin get session and CSRF cookies, and the staff console (signed in
    through the admin) keeps refreshing them: SESSION_SAVE_EVERY_REQUEST
    renews the idle timeout on every request, which only counts if the
    browser gets the renewed cookie. Listed above the session and CSRF
    middleware so that it sees the response after they have added theirs.

    Any response to a request with a search location (lat, zip, county, q...) is
    `no-store`, whatever answered it: a view, a 400 or 404, or CommonMiddleware's
    301 to the URL with its trailing slash, whose Location repeats the coordinates
    and which browsers otherwise keep for good.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIX):
            if not request.path.startswith(SIGNED_IN_PREFIXES):
                response.cookies.clear()
            if request.path in CACHEABLE_PATHS:
                return response
            if redaction.has_search_location(set(request.GET) - PUBLIC_DOWNLOAD_PARAMETERS):
                patch_cache_control(response, no_store=True, private=True)
        return response


PUBLIC_API_PREFIXES = ("/api/", "/hsds/", "/healthz")


class ReferrerPolicyMiddleware:
    """`Referrer-Policy: no-referrer` on the public API and health check.

    Every other response keeps SECURE_REFERRER_POLICY ("same-origin"): pages with
    forms of ours need it, because under "no-referrer" browsers send
    `Origin: null` with same-origin POSTs and Django's CSRF check refuses them.
    Both policies send nothing to another site. Listed just below
    SecurityMiddleware, which only sets the header where none is set yet.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PUBLIC_API_PREFIXES):
            response.headers["Referrer-Policy"] = "no-referrer"
        return response


class PublicApiGZipMiddleware(GZipMiddleware):
    """Gzip the public API's JSON answers above PUBLIC_GZIP_MIN_BYTES.

    A nearby search or an HSDS page can run to hundreds of kilobytes for a phone
    on a slow network. Only the anonymous API under /api/ is compressed: its
    answers carry no secret for a BREACH-style attack to recover, while admin
    pages (CSRF tokens, session-bound data) and requests with credentials (the
    bed-report token) are left as they are. Snapshots already answer with their
    stored gzip body and Content-Encoding, which GZipMiddleware leaves alone.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith("/api/") or "Authorization" in request.headers:
            return response
        if response.streaming or len(response.content) < settings.PUBLIC_GZIP_MIN_BYTES:
            return response
        return super().process_response(request, response)
