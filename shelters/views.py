from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shelters import db_routing


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the primary database answers a query, 503 when it does not.

    With read replicas, also each replica's alias, whether it answers, how many
    seconds it is behind and whether public reads use it. A replica that is down
    or behind does not make this 503: reads fall back to the primary. Nothing else
    (no host names, no versions) is said.
    """
    try:
        with connections[db_routing.PRIMARY].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        body, status = {"status": "ok", "database": "up"}, 200
    except DatabaseError:
        body, status = {"status": "unavailable", "database": "down"}, 503
    if db_routing.replicas():
        body["replicas"] = db_routing.health()
    return JsonResponse(body, status=status)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """JSON for the API (and apps reading it); Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
