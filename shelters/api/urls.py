from rest_framework.routers import DefaultRouter

from shelters.api import views

router = DefaultRouter(trailing_slash=True)
router.register("shelters", views.ShelterViewSet, basename="shelter")
router.register("hotlines", views.HotlineViewSet, basename="hotline")
router.register("medical-services", views.MedicalServiceViewSet, basename="medical-service")
router.register("organizations", views.OrganizationViewSet, basename="organization")

urlpatterns = router.urls
