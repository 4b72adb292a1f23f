from django.contrib import admin
from django.urls import include, path

from shelters.api.schema_views import SchemaDocsView, SchemaView
from shelters.views import healthz

urlpatterns = [
    path("api/v1/", include("shelters.api.urls")),
    path("hsds/", include("shelters.hsds.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SchemaDocsView.as_view(url_name="schema"), name="docs"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("staff/", include("shelters.console.urls")),
    path("", include("shelters.pages.urls")),
]

handler404 = "shelters.views.not_found"
handler500 = "shelters.views.server_error"
