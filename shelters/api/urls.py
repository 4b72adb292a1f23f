from django.urls import path, re_path
from rest_framework.routers import APIRootView, DefaultRouter

from shelters.api import guidance_views, snapshot_views, staff_views, views
from shelters.api.strict_params import refuse_bad_parameters


# The API's index, which takes no parameter (as every endpoint refuses one it does
# not know). A comment, not a docstring: DRF would publish one as its description.
class StrictRoot(APIRootView):
    def get_view_name(self) -> str:
        return "Api Root"

    def get(self, request, *args, **kwargs):
        refuse_bad_parameters(request.query_params)
        return super().get(request, *args, **kwargs)


# No format suffixes (/shelters.json): JSON is the one format, and `format` is no
# parameter (settings: URL_FORMAT_OVERRIDE), so .xml was a 404 where .json answered.
router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.APIRootView = StrictRoot
router.register("shelters", views.ShelterViewSet, basename="shelter")
router.register("hotlines", views.HotlineViewSet, basename="hotline")
router.register("medical-services", views.MedicalServiceViewSet, basename="medical-service")
router.register("organizations", views.OrganizationViewSet, basename="organization")

urlpatterns = [
    path("guidance/", guidance_views.GuidanceView.as_view(), name="guidance"),
    path("labels/", guidance_views.LabelsView.as_view(), name="labels"),
    path("snapshots/", snapshot_views.SnapshotListView.as_view(), name="snapshot-list"),
    re_path(
        r"^snapshots/(?P<region>[A-Za-z]{2})/$",
        snapshot_views.SnapshotDetailView.as_view(),
        name="snapshot-detail",
    ),
    path("availability/", snapshot_views.AvailabilityView.as_view(), name="availability"),
    path(
        "shelters/<int:pk>/availability/",
        staff_views.ShelterAvailabilityView.as_view(),
        name="shelter-availability",
    ),
    *router.urls,
]
