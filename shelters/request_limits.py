"""A request body larger than the page takes is refused before it is read."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# The admin's spreadsheet import page, the one place a large body is expected.
SPREADSHEET_IMPORT_PATH = re.compile(r"^/admin/shelters/[a-z]+/import/$")
# Room for the import form's other fields and the multipart framing around the file.
MULTIPART_SLACK_BYTES = 64 * 1024


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose declared body is larger than the page takes,
    before anything reads it: a 200 MB POST to the sign-in page is not read, let
    alone parsed. The spreadsheet import takes a file of up to
    SPREADSHEET_IMPORT_MAX_BYTES; every other request REQUEST_MAX_BYTES. (A body
    without Content-Length is read as empty by Django.) The proxy in front should
    refuse such bodies first: see README, "Limits on what comes in"."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Content-Length is not a number.")
        limit = settings.REQUEST_MAX_BYTES
        if SPREADSHEET_IMPORT_PATH.match(request.path_info):
            limit = max(limit, settings.SPREADSHEET_IMPORT_MAX_BYTES + MULTIPART_SLACK_BYTES)
        if declared > limit:
            response = HttpResponse(
                f"The request is {declared:,} bytes; this page takes at most {limit:,}.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            return response
        return self.get_response(request)
