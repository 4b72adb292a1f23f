"""Safety guidance and vocabulary labels: small, cacheable, location-free documents."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView

from shelters import guidance, i18n, public
from shelters.api import filters, serializers, strict_params
from shelters.api.views import language_headers, requested_language
from shelters.choices import (
    ChannelKind,
    Cost,
    GuidanceTopic,
    HotlineTopic,
    MedicalKind,
    MedicalServiceType,
    PhoneType,
    Population,
    ShelterKind,
    ShelterService,
)
from shelters.models import Guidance

MAX_AGE_SECONDS = 3600
VOCABULARIES = {
    "shelter_kinds": ShelterKind,
    "populations": Population,
    "shelter_services": ShelterService,
    "medical_kinds": MedicalKind,
    "medical_services": MedicalServiceType,
    "hotline_topics": HotlineTopic,
    "channel_kinds": ChannelKind,
    "phone_types": PhoneType,
    "costs": Cost,
    "guidance_topics": GuidanceTopic,
}


def cacheable_json(request, document: dict, lang: str) -> HttpResponse:
    """`document` as JSON with an ETag of its bytes, publicly cacheable; 304 when
    the client already holds these bytes."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response.headers["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    language_headers(response, lang)
    return response


class DocumentSchema(AutoSchema):
    """drf-spectacular documents a filter set's parameters for lists only; these
    views answer one document, filtered by the same strict parameters."""

    def get_filter_backends(self) -> list:
        return getattr(self.view, "filter_backends", [])


class DocumentView(GenericAPIView):
    """A location-free document whose parameters are a filter set's (`filterset_class`),
    validated by strict_params.validate and documented from the filter set."""

    authentication_classes: list = []
    filter_backends = [DjangoFilterBackend]
    schema = DocumentSchema()
    filterset_class: type[strict_params.StrictFilterSet]

    def validated_params(self) -> strict_params.CleanedParams:
        return strict_params.validate(self.filterset_class, self.request.query_params)


ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, "A parameter is wrong."),
    304: OpenApiResponse(description="Not modified: the If-None-Match ETag is current."),
    429: serializers.THROTTLED,
}


class GuidanceView(DocumentView):
    """What to do now: the safety guidance for a state (or the nation)."""

    filterset_class = filters.GuidanceFilterSet
    queryset = Guidance.objects.none()  # names the model for the schema; never read

    @extend_schema(
        summary="Safety guidance",
        description="Steps to take in danger, with the police, for medical care, to find "
        "a safe place and to keep private, in English or Spanish. With `state`, that "
        "state's own steps replace or extend the national ones. Needs no location; "
        "cacheable (ETag, If-None-Match).",
        responses={200: serializers.GuidanceSerializer, **ERRORS},
    )
    def get(self, request):
        params = self.validated_params()
        lang = requested_language(request, params.get("lang"))
        state = params.get("state") or None
        document = public.guidance(
            state,
            lang,
            guidance.steps_for(state or "", lang),
            i18n.labels(GuidanceTopic, lang),
        )
        return cacheable_json(request, document, lang)


class LabelsView(DocumentView):
    """Every vocabulary's labels, so that an app shows words, not codes."""

    filterset_class = filters.LabelsFilterSet
    queryset = Guidance.objects.none()  # names the model for the schema; never read

    @extend_schema(
        summary="Vocabulary labels",
        description="The label of every code the listings use (kinds, populations, "
        "services, topics...), in English or Spanish. Cacheable (ETag, If-None-Match).",
        responses={200: serializers.LabelsSerializer, **ERRORS},
    )
    def get(self, request):
        params = self.validated_params()
        lang = requested_language(request, params.get("lang"))
        document = public.labels(
            lang, {name: i18n.labels(choices, lang) for name, choices in VOCABULARIES.items()}
        )
        return cacheable_json(request, document, lang)
