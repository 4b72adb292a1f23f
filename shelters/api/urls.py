from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from shelters.api import guidance_views, snapshot_views, staff_views, views

router = DefaultRouter(trailing_slash=True)
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
