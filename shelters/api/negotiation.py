"""Content negotiation that answers the usual Accept headers without parsing them.

DRF's negotiation parses the Accept header into media types, and each renderer's
media type too, on every request: 2 % of a nearest search's time (py-spy, BENCHMARKS.md
"Stop 26"), for a header that is almost always absent, `*/*` or `application/json`.
For those headers, when the view's first renderer is JSON and no format is forced,
DRF's own answer is always that renderer with `application/json`; this returns it
directly. Any other header, or a forced format, is DRF's to decide, 406 included.
tests/test_content_negotiation_answers_as_drf_does.py holds the two to the same answer.
"""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation

JSON = "application/json"
# Accept headers DRF would answer with the first renderer, when that one is JSON.
USUAL_ACCEPT = frozenset({"*/*", JSON})


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if (
            renderers
            and renderers[0].media_type == JSON
            and format_suffix is None
            and request.headers.get("Accept", "*/*") in USUAL_ACCEPT
            and self.settings.URL_FORMAT_OVERRIDE not in request.query_params
        ):
            return renderers[0], JSON
        return super().select_renderer(request, renderers, format_suffix)
