"""One error shape for the API: {"detail": ..., "errors": {parameter: [messages]}}, and
{"detail": "Not found."} for anything missing."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND = {"detail": "Not found."}


class SearchTooSlow(exceptions.APIException):
    """A search PostgreSQL stopped at its time limit (listing_search.SearchTooSlow)."""

    status_code = 503
    default_detail = (
        "This search took too long and was stopped. Search from a place in or near the "
        "region you name, with a smaller radius or with fewer filters."
    )
    default_code = "search_too_slow"


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, Http404 | exceptions.NotFound):
        # The same body for every missing thing, as the README says: no model names.
        response.data = dict(NOT_FOUND)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"parameters": exc.detail}
        errors = {
            ("parameters" if key == "__all__" else key): value for key, value in detail.items()
        }
        response.data = {"detail": "Invalid request parameters.", "errors": errors}
    return response
