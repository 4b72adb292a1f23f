"""The OpenAPI document and its docs page, answering GET and HEAD only.

The API has one version. drf-spectacular reads a `version` query parameter and
copies it unchecked into the Content-Disposition header (a CR/LF or NUL there was a
500); it is not read here. DRF's OPTIONS reply cannot render the docs page's
template (another 500), and neither page has anything to say to it.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

READ_ONLY = ["get", "head"]


class SchemaView(SpectacularAPIView):
    http_method_names = READ_ONLY

    def _get_version_parameter(self, request) -> None:
        return None


class SchemaDocsView(SpectacularSwaggerView):
    http_method_names = READ_ONLY
