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


# Paths read by programs (the REST API and the HSDS API): they get JSON.
API_PREFIXES = ("/api/", "/hsds/")
# Paths of signed-in staff: Django's own pages.
STAFF_PREFIXES = ("/admin/", "/staff/")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """JSON for the APIs (and apps reading them); Django's page for staff paths; the
    public not-found page everywhere else, since whoever mistyped a public address
    may be a survivor who needs the exit button and the help numbers on it too."""
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"detail": "Not found."}, status=404)
    if request.path.startswith(STAFF_PREFIXES):
        return defaults.page_not_found(request, exception)
    from shelters.pages.views import not_found_page

    return not_found_page(request, language="es" if request.path.startswith("/es/") else "en")


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIXES):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
