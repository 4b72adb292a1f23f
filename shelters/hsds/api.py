"""The HSDS 3.0 read-only API at /hsds/: thin views over shelters.hsds.directory.

The same promises as the rest of the public API: anonymous, no cookie, the same
throttle (DRF's defaults), a 400 naming each bad parameter, `no-store` and no log
of a location search (`postcode`, `proximity`, `search` are search parameters in
shelters.redaction), published listings only, confidential locations reduced by
shelters.privacy through the export's documents.
"""

from __future__ import annotations

import string
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from shelters import gazetteer, redaction, timestamps
from shelters.api import filters as api_filters
from shelters.hsds import directory
from shelters.hsds.common import HSDS_VERSION
from shelters.hsds.schemas import openapi_document

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = api_filters.MAX_LIMIT
# A location search pages only as deep as the directory's own search does.
MAX_LOCATED_RESULTS = api_filters.MAX_RESULTS
MAX_PROXIMITY_M = int(api_filters.MAX_RADIUS_KM * 1000)

PAGING = ("page", "per_page")
COLLECTION = (*PAGING, "search")
SERVICE_FILTERS = (*COLLECTION, "modified_after", "organization_id", "taxonomy_term_id")
LOCATION_SEARCH = (*SERVICE_FILTERS, "postcode", "proximity")


def _errors(params, known) -> dict[str, list[str]]:
    return api_filters.parameter_errors(params, known)


def _integer(params, name: str, default: int, lowest: int, highest: int, errors) -> int:
    text = params.get(name)
    if text is None:
        return default
    # Only ASCII whitespace around the digits: str.strip() would also take away the
    # separators \x1c-\x1f, which int() refuses.
    digits = text.strip(string.whitespace)
    if not api_filters.INTEGER.fullmatch(digits):
        errors[name] = ["Give a whole number."]
        return default
    value = int(digits)
    if not lowest <= value <= highest:
        errors[name] = [f"Give a number from {lowest} to {highest}."]
    return value


def _uuid(params, name: str, errors) -> str | None:
    text = params.get(name)
    if text is None:
        return None
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        errors[name] = ["Give an HSDS id (a UUID)."]
        return None


def _moment(params, errors) -> datetime | None:
    text = params.get("modified_after")
    if text is None:
        return None
    text = text.strip()
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime(day.year, day.month, day.day)
    except ValueError:
        moment = None
    if moment is None:
        errors["modified_after"] = ["Give a date-time, e.g. 2026-01-31T00:00:00Z, or a date."]
        return None
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=UTC)
    try:
        return timestamps.in_utc(moment)
    except OverflowError:
        # Before year 1 or after year 9999 in UTC: every record, or none.
        return (datetime.min if moment.year == 1 else datetime.max).replace(tzinfo=UTC)


def _filters(params, errors) -> directory.Filters:
    search = params.get("search", "").strip()
    if len(search) > api_filters.MAX_TEXT_LENGTH:
        errors["search"] = [f"Give at most {api_filters.MAX_TEXT_LENGTH} characters."]
    elif "\x00" in search:  # PostgreSQL text cannot hold it; the API's text filters refuse it too
        errors["search"] = ["Null characters are not allowed."]
    return directory.Filters(
        search=search,
        modified_after=_moment(params, errors),
        organization_id=_uuid(params, "organization_id", errors),
        taxonomy_term_id=_uuid(params, "taxonomy_term_id", errors),
    )


def _paging(params, errors, deepest: int | None = None) -> tuple[int, int]:
    per_page = _integer(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, errors)
    highest_page = 10**6 if deepest is None else max(1, deepest // max(per_page, 1))
    page = _integer(params, "page", 1, 1, highest_page, errors)
    return page, per_page


def _raise(errors) -> None:
    if errors:
        raise ValidationError(errors)


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter(
        "per_page", OpenApiTypes.INT, description=f"Items per page, 1 to {MAX_PER_PAGE}."
    ),
    OpenApiParameter("search", OpenApiTypes.STR, description="Words in the name or description."),
]
SERVICE_PARAMETERS = [
    *PAGE_PARAMETERS,
    OpenApiParameter(
        "modified_after",
        OpenApiTypes.DATETIME,
        description="Only what changed publicly on or after this date-time (last_modified).",
    ),
    OpenApiParameter("organization_id", OpenApiTypes.UUID, description="An organisation's id."),
    OpenApiParameter(
        "taxonomy_term_id", OpenApiTypes.UUID, description="A term of /taxonomy_terms."
    ),
]
LOCATION_PARAMETERS = [
    *SERVICE_PARAMETERS,
    OpenApiParameter(
        "postcode", OpenApiTypes.STR, description="A US ZIP: nearest first from its centre."
    ),
    OpenApiParameter(
        "proximity",
        OpenApiTypes.INT,
        description=f"With postcode: only within this many metres (at most {MAX_PROXIMITY_M}).",
    ),
]
ERRORS = {
    400: OpenApiResponse(description="A parameter is missing or wrong (named in the body)."),
    429: OpenApiResponse(description="Too many requests; see Retry-After."),
}
NOT_FOUND = {
    404: OpenApiResponse(description="No such published listing."),
    **ERRORS,
}


class HSDSView(APIView):
    """Base of every HSDS endpoint: anonymous, throttled, GET only."""

    http_method_names = ["get", "head", "options"]
    known_parameters: tuple[str, ...] = ()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if redaction.has_search_location(request.query_params):
            patch_cache_control(response, no_store=True, private=True)
        return response

    def checked(self, request) -> dict[str, list[str]]:
        return _errors(request.query_params, self.known_parameters)


class RootView(HSDSView):
    @extend_schema(tags=["HSDS"], summary="HSDS API root", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        _raise(self.checked(request))
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": request.build_absolute_uri(reverse("hsds-profile")),
                "openapi_url": request.build_absolute_uri(reverse("hsds-openapi")),
            }
        )


PROFILE_NAME = "Shelter directory HSDS 3.0 profile"
PROFILE_DESCRIPTION = (
    "Plain HSDS 3.0: every object validates strictly against the 3.0 schemas. "
    "Fields HSDS has no place for are attributes of the taxonomy "
    f"'{directory.TAXONOMY}'. Confidential shelters: an area-only shelter's "
    "location is the centre of its grid cell, without street or ZIP; a hidden "
    "shelter has no location, only its state as a service area, and never "
    "appears in postcode or proximity results. Bed counts (HSDS 3.1 draft "
    "service_capacity) are in the export's 3.1 profile only."
)


class OpenAPIView(HSDSView):
    @extend_schema(
        tags=["HSDS"], summary="The HSDS 3.0 OpenAPI file", responses={200: OpenApiTypes.OBJECT}
    )
    def get(self, request):
        _raise(self.checked(request))
        # The specification's file names no API: its info block is a template
        # ("REQUIRED -- TITLE OF YOUR API HERE"). Served with this API's own, and the
        # address its paths are relative to; the paths and schemas stay the file's.
        document = _as_served(openapi_document())
        return Response(
            {
                **document,
                "info": {
                    "title": "Shelter directory HSDS 3.0 API",
                    "version": HSDS_VERSION,
                    "summary": "Shelters, crisis hotlines and medical services as Open "
                    "Referral HSDS 3.0.",
                    "description": PROFILE_DESCRIPTION,
                },
                "servers": [{"url": request.build_absolute_uri(reverse("hsds-root")).rstrip("/")}],
            }
        )


def _as_served(document: dict) -> dict:
    """The specification's file with each operation's query parameters cut to those
    its view here takes (HSDSView.known_parameters): a client that sent the file's
    `format`, `full`, `minimal` or `taxonomy_id` would get a 400 naming it."""
    root = reverse("hsds-root").rstrip("/")
    paths = {}
    for template, operations in document["paths"].items():
        view = resolve(root + template.replace("{id}", "x")).func.view_class
        paths[template] = {
            method: (
                {**operation, "parameters": _taken(operation.get("parameters", []), view)}
                if isinstance(operation, dict)
                else operation
            )
            for method, operation in operations.items()
        }
    used = {
        parameter["$ref"].rsplit("/", 1)[-1]
        for operations in paths.values()
        for operation in operations.values()
        if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
        if "$ref" in parameter
    }
    components = dict(document.get("components", {}))
    components["parameters"] = {
        name: value for name, value in components.get("parameters", {}).items() if name in used
    }
    return {**document, "paths": paths, "components": components}


def _taken(parameters: list[dict], view: type[HSDSView]) -> list[dict]:
    def name(parameter: dict) -> str:
        return parameter.get("name") or parameter["$ref"].rsplit("/", 1)[-1]

    return [p for p in parameters if p.get("in") == "path" or name(p) in view.known_parameters]


class ProfileView(HSDSView):
    """What this API serves beyond and short of plain HSDS 3.0, in words."""

    @extend_schema(
        tags=["HSDS"], summary="This API's HSDS profile", responses={200: OpenApiTypes.OBJECT}
    )
    def get(self, request):
        _raise(self.checked(request))
        return Response(
            {
                "name": PROFILE_NAME,
                "hsds_version": HSDS_VERSION,
                "description": PROFILE_DESCRIPTION,
            }
        )


# (Comments, not docstrings: drf-spectacular would publish a base's docstring as
# each endpoint's description.)
class FilteredPageView(HSDSView):
    # A collection with the listing filters and paging: validate every parameter,
    # name every problem at once, then ask shelters.hsds.directory for the page.

    def page(self, found, page: int, per_page: int) -> directory.Page:
        raise NotImplementedError

    def get(self, request):
        errors = self.checked(request)
        found = _filters(request.query_params, errors)
        page, per_page = _paging(request.query_params, errors)
        _raise(errors)
        return Response(self.page(found, page, per_page).as_hsds())


class DocumentView(HSDSView):
    # One object by its HSDS id, or a 404 that says what was not found.

    not_found = "No such published listing."

    def document(self, hsds_id: str) -> dict | None:
        raise NotImplementedError

    def get(self, request, hsds_id: str):
        _raise(self.checked(request))
        document = self.document(_path_id(hsds_id))
        if document is None:
            raise NotFound(self.not_found)
        return Response(document)


@extend_schema_view(
    get=extend_schema(
        operation_id="hsds_services_list",
        tags=["HSDS"], summary="HSDS services (a Page)", parameters=SERVICE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
)  # fmt: skip
class ServicesView(FilteredPageView):
    known_parameters = SERVICE_FILTERS

    def page(self, found, page: int, per_page: int) -> directory.Page:
        return directory.services_page(found, page, per_page, timezone.now())


@extend_schema_view(
    get=extend_schema(
        tags=["HSDS"], summary="One HSDS service", responses={200: OpenApiTypes.OBJECT, **NOT_FOUND}
    )
)
class ServiceView(DocumentView):
    not_found = "No such published service."

    def document(self, hsds_id: str) -> dict | None:
        return directory.service(hsds_id, timezone.now())


def _path_id(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise NotFound("No such published listing.") from None


@extend_schema_view(
    get=extend_schema(
        operation_id="hsds_organizations_list",
        tags=["HSDS"], summary="HSDS organisations (a Page)", parameters=PAGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
)  # fmt: skip
class OrganizationsView(FilteredPageView):
    known_parameters = COLLECTION

    def page(self, found, page: int, per_page: int) -> directory.Page:
        return directory.organizations_page(found, page, per_page)


@extend_schema_view(
    get=extend_schema(
        tags=["HSDS"],
        summary="One HSDS organisation",
        responses={200: OpenApiTypes.OBJECT, **NOT_FOUND},
    )
)
class OrganizationView(DocumentView):
    not_found = "No such organisation with published listings."

    def document(self, hsds_id: str) -> dict | None:
        return directory.organization(hsds_id)


class ServiceAtLocationsView(HSDSView):
    known_parameters = LOCATION_SEARCH

    @extend_schema(
        operation_id="hsds_service_at_locations_list",
        tags=["HSDS"],
        summary="Services at their public locations (a Page)",
        description="With `postcode`, nearest first from the ZIP's centre, ranked exactly as "
        "the shelter and medical-service search ranks; `proximity` (metres) bounds the "
        "distance. Hidden shelters are never listed here.",
        parameters=LOCATION_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request):
        params = request.query_params
        errors = self.checked(request)
        found = _filters(params, errors)
        origin, radius_km = None, None
        if "postcode" in params and "postcode" not in errors:
            place = gazetteer.lookup_zip(params["postcode"].strip())
            if place is None:
                errors["postcode"] = ["Give a known five-digit US ZIP code."]
            else:
                origin = place.point
        if "proximity" in params and "proximity" not in errors:
            metres = _integer(params, "proximity", 0, 1, MAX_PROXIMITY_M, errors)
            if "postcode" not in params:
                errors["proximity"] = ["proximity needs a postcode to measure from."]
            radius_km = metres / 1000
        page, per_page = _paging(params, errors, MAX_LOCATED_RESULTS if origin else None)
        _raise(errors)
        return Response(
            directory.service_at_locations_page(
                found, page, per_page, timezone.now(), origin=origin, radius_km=radius_km,
                count_cap=settings.SEARCH_COUNT_CAP,
            ).as_hsds()
        )  # fmt: skip


@extend_schema_view(
    get=extend_schema(
        tags=["HSDS"],
        summary="The service at one location",
        responses={200: OpenApiTypes.OBJECT, **NOT_FOUND},
    )
)
class ServiceAtLocationView(DocumentView):
    not_found = "No such published service at a location."

    def document(self, hsds_id: str) -> dict | None:
        return directory.service_at_location_service(hsds_id, timezone.now())


def _page_of(items: list, request, known) -> dict:
    errors = _errors(request.query_params, known)
    search = request.query_params.get("search", "").strip().lower()
    page, per_page = _paging(request.query_params, errors)
    _raise(errors)
    kept = [item for item in items if search in item["name"].lower()]
    shown = kept[(page - 1) * per_page : page * per_page]
    return directory.Page(len(kept), page, per_page, shown).as_hsds()


class TaxonomiesView(HSDSView):
    known_parameters = COLLECTION

    @extend_schema(
        operation_id="hsds_taxonomies_list",
        tags=["HSDS"], summary="The taxonomies this API uses (a Page)", parameters=PAGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )  # fmt: skip
    def get(self, request):
        return Response(_page_of([directory.taxonomy()], request, self.known_parameters))


class TaxonomyView(HSDSView):
    @extend_schema(
        tags=["HSDS"], summary="One taxonomy", responses={200: OpenApiTypes.OBJECT, **NOT_FOUND}
    )
    def get(self, request, hsds_id: str):
        _raise(self.checked(request))
        if _path_id(hsds_id) != directory.TAXONOMY_ID:
            raise NotFound("No such taxonomy.")
        return Response(directory.taxonomy())


class TaxonomyTermsView(HSDSView):
    known_parameters = COLLECTION

    @extend_schema(
        operation_id="hsds_taxonomy_terms_list",
        tags=["HSDS"], summary="The taxonomy terms this API uses (a Page)",
        parameters=PAGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )  # fmt: skip
    def get(self, request):
        return Response(_page_of(directory.taxonomy_terms(), request, self.known_parameters))


class TaxonomyTermView(HSDSView):
    @extend_schema(
        tags=["HSDS"],
        summary="One taxonomy term",
        responses={200: OpenApiTypes.OBJECT, **NOT_FOUND},
    )
    def get(self, request, hsds_id: str):
        _raise(self.checked(request))
        wanted = _path_id(hsds_id)
        term = next((t for t in directory.taxonomy_terms() if t["id"] == wanted), None)
        if term is None:
            raise NotFound("No such taxonomy term.")
        return Response(term)
