"""Public, read-only, anonymous API views. Thin: validate, ask selectors, serialize."""

from __future__ import annotations

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from shelters import coverage, i18n, listing_search, public, redaction, selectors
from shelters.api import errors, filters, serializers, strict_params
from shelters.models import MedicalService, Shelter


def list_responses(page: type) -> dict:
    return {
        200: page,
        400: OpenApiResponse(serializers.ErrorSerializer, "A parameter is missing or wrong."),
        429: serializers.THROTTLED,
    }


def search_list_responses(page: type) -> dict:
    return {
        **list_responses(page),
        503: OpenApiResponse(
            serializers.DetailSerializer,
            "The search reached its time limit: search from nearer the region named, "
            "with a smaller radius or fewer filters.",
        ),
    }


# A detail page's one parameter.
LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=list(i18n.LANGUAGES), required=False, description=filters.LANG_HELP
)


def detail_responses(item: type) -> dict:
    return {
        200: item,
        400: OpenApiResponse(serializers.ErrorSerializer, "A detail page takes only `lang`."),
        404: OpenApiResponse(serializers.DetailSerializer, "No such published listing."),
        429: serializers.THROTTLED,
    }


def language_headers(response, lang: str) -> None:
    """Say which language answered, and that Accept-Language may change it."""
    response.headers["Content-Language"] = lang
    patch_vary_headers(response, ["Accept-Language"])


def requested_language(request, lang: str | None) -> str:
    return i18n.requested(lang, request.headers.get("Accept-Language"))


def emergency(lang: str = i18n.ENGLISH) -> dict[str, str]:
    text = settings.EMERGENCY_TEXT_ES if lang == i18n.SPANISH else settings.EMERGENCY_TEXT
    return {"number": settings.EMERGENCY_NUMBER, "text": text}


def _page_links(request, offset: int, limit: int, has_next: bool) -> tuple[str | None, ...]:
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "offset", offset + limit) if has_next else None
    if offset <= 0:
        previous_url = None
    elif offset - limit <= 0:
        previous_url = remove_query_param(url, "offset")
    else:
        previous_url = replace_query_param(url, "offset", offset - limit)
    return next_url, previous_url


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """Lists and details of one listing type. `represent` (a function of
    shelters.public) builds each item; `serializer_class` documents it."""

    lookup_value_regex = r"[0-9]{1,18}"
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    # The answer's language, set from `lang` or Accept-Language once they are valid.
    lang = i18n.ENGLISH

    def represent(self, listing, now) -> dict:
        raise NotImplementedError

    def retrieve(self, request, *args, **kwargs):
        # A detail page takes no parameters but `lang`: list filters must not turn a
        # listing into a 404, and an unknown parameter is named, as everywhere.
        self.lang = requested_language(request, filters.detail_language(request.query_params))
        listing = get_object_or_404(self.get_queryset(), pk=kwargs[self.lookup_field])
        return Response(self.represent(listing, timezone.now()))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if redaction.has_search_location(request.query_params):
            # A shared or browser cache would otherwise keep where someone searched.
            patch_cache_control(response, no_store=True, private=True)
        language_headers(response, self.lang)
        return response

    def validated_params(self) -> strict_params.CleanedParams:
        """The list's cleaned parameters (or a 400); the filtered queryset is built
        only if a caller reads params["queryset"]."""

        def answer_in_language(cleaned: dict) -> None:
            self.lang = requested_language(self.request, cleaned.get("lang"))

        return strict_params.validate(
            self.filterset_class,
            self.request.query_params,
            self.get_queryset,
            request=self.request,
            on_cleaned=answer_in_language,
        )

    def page_in_order(self, queryset, params: dict) -> selectors.Page:
        """The requested page of `queryset` in its own order (no distance)."""
        return selectors.listing_page(
            queryset,
            origin=None,
            radius_km=None,
            limit=params.get("limit") or filters.DEFAULT_LIMIT,
            offset=params.get("offset") or 0,
            count_cap=settings.SEARCH_COUNT_CAP,
        )

    def page_response(self, page: selectors.Page, params: dict, extra: dict) -> Response:
        limit = params.get("limit") or filters.DEFAULT_LIMIT
        offset = params.get("offset") or 0
        next_url, previous_url = _page_links(self.request, offset, limit, page.has_next)
        now = timezone.now()
        return Response(
            {
                "count": page.count,
                "count_capped": page.count_capped,
                "next": next_url,
                "previous": previous_url,
                "emergency": emergency(self.lang),
                **extra,
                "results": [self.represent(item, now) for item in page.items],
            }
        )


class LocatedListingViewSet(PublicViewSet):
    """Shelters and medical services: searchable by region and by distance."""

    model: type

    def get_queryset(self):
        return selectors.published_listings(self.model)

    def retrieve(self, request, *args, **kwargs):
        # As PublicViewSet.retrieve: no parameters but `lang`, so no list filter applies.
        self.lang = requested_language(request, filters.detail_language(request.query_params))
        listing = get_object_or_404(self.get_queryset(), pk=kwargs[self.lookup_field])
        prefetch_related_objects([listing], *selectors.ordered_parts(self.model, "phones", "hours"))
        return Response(self.represent(listing, timezone.now()))

    def list(self, request, *args, **kwargs):
        params = self.validated_params()
        origin = params.get("origin")
        try:
            found = listing_search.search(
                params["queryset"],
                origin=origin,
                radius_km=params.get("radius_km"),
                limit=params.get("limit") or filters.DEFAULT_LIMIT,
                offset=params.get("offset") or 0,
                count_cap=settings.SEARCH_COUNT_CAP,
                zip_place=params.get("zip_place"),
                phone_only=self.lists_phone_only,
            )
        except listing_search.SearchTooSlow:
            raise errors.SearchTooSlow from None
        extra: dict = {"hotlines": None, "guidance": None}
        if origin is not None:
            extra["hotlines"] = found.hotlines(self.lang)
            state = found.area.state if found.area else None
            extra["guidance"] = public.guidance_reference(state, self.lang)
            if self.lists_phone_only:
                now = timezone.now()
                extra["phone_only"] = [self.represent(item, now) for item in found.phone_only]
        return self.page_response(found.page, params, extra)

    # Shelters list the area's hidden shelters (no public point) beside the page.
    lists_phone_only = False


@extend_schema_view(
    list=extend_schema(
        summary="Find shelters",
        description="Nearest first when `lat`+`lon` or `zip` is given (great-circle "
        "distance), otherwise by name. Confidential shelters appear only with an "
        "approximate public location.",
        responses=search_list_responses(
            serializers.page_serializer(
                serializers.ShelterSerializer,
                with_hotlines=True,
                with_guidance=True,
                extra={
                    "phone_only": serializers.ShelterSerializer(
                        many=True,
                        required=False,
                        help_text="In a location search: shelters of that state that publish "
                        "no location at all, reachable by phone. Never ranked by distance.",
                    )
                },
            )
        ),
    ),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER],
        summary="One shelter",
        responses=detail_responses(serializers.ShelterSerializer),
    ),
)
class ShelterViewSet(LocatedListingViewSet):
    model = Shelter
    serializer_class = serializers.ShelterSerializer
    filterset_class = filters.ShelterFilterSet

    lists_phone_only = True

    def represent(self, listing, now) -> dict:
        return public.shelter(listing, now, self.lang)


@extend_schema_view(
    list=extend_schema(
        summary="Find medical services",
        description="Emergency departments, forensic-exam programs and clinics; nearest "
        "first when a location is given.",
        responses=search_list_responses(
            serializers.page_serializer(
                serializers.MedicalServiceSerializer, with_hotlines=True, with_guidance=True
            )
        ),
    ),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER],
        summary="One medical service",
        responses=detail_responses(serializers.MedicalServiceSerializer),
    ),
)
class MedicalServiceViewSet(LocatedListingViewSet):
    model = MedicalService
    serializer_class = serializers.MedicalServiceSerializer
    filterset_class = filters.MedicalServiceFilterSet

    def represent(self, listing, now) -> dict:
        return public.medical_service(listing, now, self.lang)


@extend_schema_view(
    list=extend_schema(
        summary="Find hotlines",
        description="With a location (`lat`+`lon`, `zip`, or `state` and optional "
        "`county`), the hotlines covering it: local ones first, then national.",
        responses=list_responses(
            serializers.page_serializer(
                serializers.HotlineSerializer, with_hotlines=False, with_guidance=True
            )
        ),
    ),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER],
        summary="One hotline",
        responses=detail_responses(serializers.HotlineSerializer),
    ),
)
class HotlineViewSet(PublicViewSet):
    serializer_class = serializers.HotlineSerializer
    filterset_class = filters.HotlineFilterSet

    def represent(self, listing, now) -> dict:
        return public.hotline(listing, self.lang)

    def get_queryset(self):
        return selectors.public_hotlines().order_by("name", "id")

    def list(self, request, *args, **kwargs):
        params = self.validated_params()
        area = coverage.area_for(
            params.get("origin"),
            params.get("zip_place"),
            params.get("state") or "",
            params.get("county") or "",
        )
        queryset = coverage.hotlines_covering(params["queryset"], area)
        guidance = public.guidance_reference(area.state, self.lang) if area else None
        return self.page_response(
            self.page_in_order(queryset, params), params, {"guidance": guidance}
        )


@extend_schema_view(
    list=extend_schema(
        summary="List organizations",
        description="Organizations with at least one published listing, by name.",
        responses=list_responses(
            serializers.page_serializer(serializers.OrganizationSerializer, with_hotlines=False)
        ),
    ),
    retrieve=extend_schema(
        parameters=[LANG_PARAMETER],
        summary="One organization",
        responses=detail_responses(serializers.OrganizationSerializer),
    ),
)
class OrganizationViewSet(PublicViewSet):
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilterSet

    def represent(self, listing, now) -> dict:
        return public.organization(listing)

    def get_queryset(self):
        return selectors.public_organizations().order_by("name", "id")

    def list(self, request, *args, **kwargs):
        params = self.validated_params()
        return self.page_response(self.page_in_order(params["queryset"], params), params, {})
