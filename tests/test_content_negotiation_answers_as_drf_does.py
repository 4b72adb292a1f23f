"""The API's content negotiation gives DRF's own answer for every Accept header,
renderer list and format: its shortcut for the usual headers changes no answer."""

from __future__ import annotations

import pytest
from django.http import Http404
from drf_spectacular.views import SpectacularAPIView
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import renderers
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from shelters.api.negotiation import ContentNegotiation
from shelters.api.renderers import JSONRenderer
from shelters.api.views import ShelterViewSet

RENDERER_LISTS = [
    [JSONRenderer],
    ShelterViewSet.renderer_classes,
    SpectacularAPIView.renderer_classes,
    [JSONRenderer, renderers.BrowsableAPIRenderer],
    [renderers.BrowsableAPIRenderer, JSONRenderer],
    [renderers.TemplateHTMLRenderer],
]
HEADERS = [
    None,
    "*/*",
    "application/json",
    "text/html",
    "application/json; indent=4",
    "application/json;q=0.5, text/html",
    "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8",
    "application/*",
    "application/vnd.oai.openapi",
    "image/png",
    "",
    " */*",
]


def answer(negotiation, renderer_classes, header, query="", suffix=None):
    headers = {} if header is None else {"HTTP_ACCEPT": header}
    request = Request(APIRequestFactory().get("/api/v1/shelters/" + query, **headers))
    found = [renderer() for renderer in renderer_classes]
    try:
        renderer, media_type = negotiation.select_renderer(request, found, suffix)
    except NotAcceptable:
        return "406"
    except Http404:  # a format no renderer writes
        return "404"
    return type(renderer), media_type


@pytest.mark.parametrize("renderer_classes", RENDERER_LISTS)
@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("query", ["", "?format=json", "?format=api", "?lat=1&format=html"])
def test_the_answer_is_drfs(renderer_classes, header, query):
    expected = answer(DefaultContentNegotiation(), renderer_classes, header, query)
    assert answer(ContentNegotiation(), renderer_classes, header, query) == expected


@pytest.mark.parametrize("renderer_classes", RENDERER_LISTS)
@pytest.mark.parametrize("suffix", ["json", "api", "openapi"])
@pytest.mark.parametrize("header", [None, "*/*", "application/json"])
def test_a_format_suffix_is_drfs_to_decide(renderer_classes, suffix, header):
    expected = answer(DefaultContentNegotiation(), renderer_classes, header, suffix=suffix)
    assert answer(ContentNegotiation(), renderer_classes, header, suffix=suffix) == expected


MEDIA_TYPES = st.sampled_from(
    ["*/*", "application/json", "text/html", "application/*", "text/*", "image/png"]
)


@given(
    tokens=st.lists(
        st.tuples(MEDIA_TYPES, st.sampled_from(["", ";q=0.1", ";q=0", "; indent=2"])),
        max_size=4,
    ),
    renderer_classes=st.sampled_from(RENDERER_LISTS),
)
def test_any_accept_header_gets_drfs_answer(tokens, renderer_classes):
    header = ", ".join(media + params for media, params in tokens)
    expected = answer(DefaultContentNegotiation(), renderer_classes, header)
    assert answer(ContentNegotiation(), renderer_classes, header) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "status", "content_type"),
    [
        (None, 200, "application/json"),
        ("*/*", 200, "application/json"),
        ("application/json", 200, "application/json"),
        ("text/html", 406, "application/json"),
    ],
)
def test_the_api_answers_each_accept_header(client, header, status, content_type):
    headers = {} if header is None else {"HTTP_ACCEPT": header}
    response = client.get("/api/v1/shelters/?state=TX", **headers)
    assert response.status_code == status
    assert response["Content-Type"] == content_type
