"""The API's renderer (orjson) writes byte for byte what DRF's JSONRenderer writes:
for real answers of every public list and detail, errors, and the values DRF's own
encoder formats (dates and times, decimals, lazy texts, U+2028/U+2029, non-ASCII)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from shelters.api.renderers import JSONRenderer

from .conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/shelters/?lat=30.27&lon=-97.74",
    "/api/v1/shelters/?zip=78701&lang=es",
    "/api/v1/shelters/?state=TX&city=Austin",
    "/api/v1/medical-services/?lat=30.27&lon=-97.74&radius_km=50",
    "/api/v1/hotlines/?state=TX",
    "/api/v1/shelters/?lat=95&lon=0",  # a 400
    "/api/v1/shelters/?colour=blue",  # a 400 naming the parameter
]


@pytest.fixture
def directory():
    make_shelter(
        name="Casa Segura \u2028 line",
        description="Refugio \u00e9\u00f1 \U0001f3e0 \u2029 end",
        description_es="Habitaciones seguras.",
    )
    make_medical_service(name="Clinic")
    make_hotline(name="Texas line", areas=[("TX", "", "")])


def drf_bytes(data) -> bytes:
    return DRFJSONRenderer().render(data)


@pytest.mark.parametrize("url", URLS)
def test_api_answers_are_drfs_bytes(api, directory, url):
    response = api.get(url)
    assert response.status_code in (200, 400)
    assert type(response.accepted_renderer) is JSONRenderer
    assert response.content == drf_bytes(json.loads(response.content))


def test_details_are_drfs_bytes(api, directory):
    listing = api.get("/api/v1/shelters/?state=TX").json()["results"][0]
    response = api.get(f"/api/v1/shelters/{listing['id']}/?lang=es")
    assert response.status_code == 200
    assert response.content == drf_bytes(json.loads(response.content))


def test_values_drfs_encoder_formats_are_written_as_drf_writes_them():
    data = {
        "at": dt.datetime(2026, 12, 2, 10, 30, 5, 123456, tzinfo=dt.UTC),
        "local": dt.datetime(2026, 12, 2, 10, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=-6))),
        "day": dt.date(2026, 12, 2),
        "time": dt.time(9, 5, 7, 250000),
        "amount": decimal.Decimal("12.50"),
        "lazy": gettext_lazy("Open now"),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "separators": "a\u2028b\u2029c",
        "text": "Se habla espa\u00f1ol \U0001f3e0",
        "numbers": [0, -1, 2**53, 1.5, 0.1, 30.2672, -97.7431],
        "nested": {"empty": [], "none": None, "yes": True},
    }
    assert JSONRenderer().render(data) == drf_bytes(data)
    assert b"\\u2028" in JSONRenderer().render(data)


def test_indented_json_is_still_available():
    data = {"a": [1, 2]}
    media_type = "application/json; indent=4"
    assert JSONRenderer().render(data, media_type) == DRFJSONRenderer().render(data, media_type)
    assert b"\n    " in JSONRenderer().render(data, media_type)


def test_what_orjson_refuses_is_rendered_by_drf():
    data = {"big": 2**70, 3: "int key"}
    assert JSONRenderer().render(data) == drf_bytes(data)
