"""A searcher's language is not written down beside where she searched: `lang` is
redacted from every logged query string like the location, and no log format
records Accept-Language (issue 14)."""

from __future__ import annotations

from pathlib import Path

from shelters import redaction

PROJECT = Path(__file__).resolve().parent.parent


def test_lang_is_redacted_with_the_location():
    line = redaction.redact('"GET /api/v1/shelters/?zip=78701&lang=es&limit=10 HTTP/1.1" 200')
    assert "78701" not in line and "lang=es" not in line and "=es" not in line
    assert "limit=10" in line


def test_lang_alone_is_redacted_too():
    assert "es" not in redaction.redact("/api/v1/guidance/?lang=es").split("?")[1]
    assert "lang" not in redaction.LOGGABLE_PARAMETERS


def test_the_access_log_records_no_request_header():
    """gunicorn writes a request header only through a %({name}i)s directive."""
    namespace: dict = {}
    exec((PROJECT / "gunicorn.conf.py").read_text(), namespace)
    assert "i)s" not in namespace["access_log_format"]
    assert "%(a)s" not in namespace["access_log_format"]  # the user agent
