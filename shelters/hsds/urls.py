"""The HSDS 3.0 API's paths, as the HSDS OpenAPI file names them (no trailing slash)."""

from django.urls import path

from shelters.hsds import api

urlpatterns = [
    path("", api.RootView.as_view(), name="hsds-root"),
    path("openapi.json", api.OpenAPIView.as_view(), name="hsds-openapi"),
    path("profile", api.ProfileView.as_view(), name="hsds-profile"),
    path("services", api.ServicesView.as_view(), name="hsds-services"),
    path("services/<str:hsds_id>", api.ServiceView.as_view(), name="hsds-service"),
    path("organizations", api.OrganizationsView.as_view(), name="hsds-organizations"),
    path("organizations/<str:hsds_id>", api.OrganizationView.as_view(), name="hsds-organization"),
    path("service_at_locations", api.ServiceAtLocationsView.as_view(), name="hsds-sals"),
    path(
        "service_at_locations/<str:hsds_id>",
        api.ServiceAtLocationView.as_view(),
        name="hsds-sal",
    ),
    path("taxonomies", api.TaxonomiesView.as_view(), name="hsds-taxonomies"),
    path("taxonomies/<str:hsds_id>", api.TaxonomyView.as_view(), name="hsds-taxonomy"),
    path("taxonomy_terms", api.TaxonomyTermsView.as_view(), name="hsds-terms"),
    path("taxonomy_terms/<str:hsds_id>", api.TaxonomyTermView.as_view(), name="hsds-term"),
]
