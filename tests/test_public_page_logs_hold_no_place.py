"""The public page's search parameters never reach a log: `place`, `lat`, `lon`
and `radius_km` are redacted like the API's, in Django's and gunicorn's lines."""

from __future__ import annotations

import logging

import pytest

from shelters.redaction import RedactingFormatter

pytestmark = pytest.mark.django_db

PLACE = "Pflugerville"


def test_a_page_request_line_is_redacted():
    query = f"place={PLACE}%2C+TX&lat=30.44&lon=-97.62&radius_km=200&type=shelters"
    line = f'"GET /es/?{query} HTTP/1.1" 400'
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, line, None, None)
    formatted = RedactingFormatter("%(message)s").format(record)
    for secret in (PLACE, "30.44", "-97.62", "200"):
        assert secret not in formatted
    assert "place=[redacted]" in formatted


def test_a_refused_page_search_logs_no_place(client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = client.get(f"/?place={PLACE}+XX&accepts_pets=maybe")
        assert response.status_code == 400
        client.get(f"/shelters/999999/?place={PLACE}")
    formatter = RedactingFormatter("%(message)s")
    for record in caplog.records:
        assert PLACE not in formatter.format(record)
