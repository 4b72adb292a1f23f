"""Keep public responses free of cookies."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


class NoPublicCookiesMiddleware:
    """Strip every cookie from responses outside the admin.

    A survivor's phone may be searched: nothing the public API or its docs
    page sends should linger in a browser. Only advocates signing in to the
    admin get session and CSRF cookies. Listed above the session and CSRF
    middleware so that it sees the response after they have added theirs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIX):
            response.cookies.clear()
        return response


PUBLIC_API_PREFIXES = ("/api/", "/healthz")


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
