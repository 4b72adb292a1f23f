"""The OpenAPI document and its docs page, answering GET and HEAD only.

The API has one version. drf-spectacular reads a `version` query parameter and
copies it unchecked into the Content-Disposition header (a CR/LF or NUL there was a
500); it is not read here. DRF's OPTIONS reply cannot render the docs page's
template (another 500), and neither page has anything to say to it.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import DefaultContentNegotiation

READ_ONLY = ["get", "head"]


class _FormatParameter(DefaultContentNegotiation):
    """`?format=json` or `?format=yaml`: the API's own endpoints take no `format`
    (settings: URL_FORMAT_OVERRIDE is None), the schema keeps drf-spectacular's."""

    def select_renderer(self, request, renderers, format_suffix=None):
        chosen = format_suffix or request.query_params.get("format")
        return super().select_renderer(request, renderers, chosen)


class SchemaView(SpectacularAPIView):
    http_method_names = READ_ONLY
    content_negotiation_class = _FormatParameter

    def _get_version_parameter(self, request) -> None:
        return None


class SchemaDocsView(SpectacularSwaggerView):
    http_method_names = READ_ONLY
