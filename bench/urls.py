from django.http import JsonResponse
from django.urls import path

from directory.urls import urlpatterns as directory_urlpatterns

FIXED_ITEMS = [
    {"id": index, "name": f"Item {index}", "distance_km": index * 1.5} for index in range(10)
]


def ceiling(request):
    """A fixed 10-item JSON list: what Django and gunicorn alone cost on this machine."""
    return JsonResponse({"results": FIXED_ITEMS})


urlpatterns = [path("bench/ceiling", ceiling), *directory_urlpatterns]
