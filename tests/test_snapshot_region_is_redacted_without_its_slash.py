"""Finding 6 of issue 10: `/api/v1/snapshots/TX` (no slash, answered by a redirect)
reached the access log with its region; a region names where someone is looking,
in any spelling of the path."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path

import pytest

from shelters.redaction import RedactingFormatter

CONF = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))


@pytest.mark.parametrize(
    "path", ["/api/v1/snapshots/TX", "/api/v1/snapshots/TX/", "/api/v1/snapshots/tx",
             "/api/v1/snapshots/T%58/", "/api/v1/snapshots/TX?x=1"],
)  # fmt: skip
def test_gunicorn_access_line_names_no_region(path):
    line = CONF["access_log_format"] % {"m": "GET", "U": path, "H": "HTTP/1.1", "s": "301",
                                         "B": "0", "M": "3"}  # fmt: skip
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, line, None, None)
    formatted = RedactingFormatter("%(message)s").format(record)
    assert "/api/v1/snapshots/" in formatted
    assert "TX" not in formatted and "tx" not in formatted and "%58" not in formatted
