"""Keep search locations and client addresses out of every log line.

A survivor's search location must never be written down: not in the request log,
not in an error log, not in an error report. Log formatters of Django (the
development server's request log included) and of gunicorn run every finished
line through `redact`, which rewrites query strings so that only harmless,
non-identifying parameters keep their values, and masks IP addresses.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, quote

# Values safe to log: paging and the coarse, non-identifying filters.
LOGGABLE_PARAMETERS = frozenset(
    {
        "limit", "offset", "kind", "population", "service", "language", "topic",
        "accepts_pets", "accepts_children", "has_beds", "wheelchair_accessible",
        "deaf_services", "no_id_required", "free_of_charge", "open_now", "walk_in", "text",
        "chat", "format", "page", "per_page",
    }
)  # fmt: skip
# Named in the log with their values hidden; any other name is hidden too.
SEARCH_PARAMETERS = frozenset(
    {"lat", "lon", "zip", "city", "county", "postal_code", "q", "state", "radius_km", "boy_age",
     "region", "place", "where", "postcode", "proximity", "search"}
)  # fmt: skip
REDACTED = "[redacted]"

_QUERY = re.compile(r"\?([^\s\"'<>]*)")
# A snapshot's region is in its path: /api/v1/snapshots/TX/ says which state, and so
# do /snapshots/TX (redirected), /snapshots/tx and /snapshots/T%58/: whatever follows.
_SNAPSHOT_PATH = re.compile(r"(/snapshots/)[^/\s?#\"'<>]+")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_HEX = "[0-9A-Fa-f]{1,4}"
# Either eight full groups, or a compressed form with "::" (a clock time such as
# 12:30:45 is neither).
_IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:{_HEX}:){{7}}{_HEX}|(?:{_HEX}(?::{_HEX})*)?::(?:{_HEX}(?::{_HEX})*)?)"
    rf"(?![\w:])"
)


def redact_query_string(query: str) -> str:
    kept = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in LOGGABLE_PARAMETERS:
            kept.append(f"{quote(key)}={quote(value)}")
        elif key in SEARCH_PARAMETERS:
            kept.append(f"{key}={REDACTED}")
        else:
            kept.append(REDACTED)
    return "&".join(kept)


def redact(text: str) -> str:
    text = _QUERY.sub(lambda match: "?" + redact_query_string(match.group(1)), text)
    text = _SNAPSHOT_PATH.sub(rf"\1{REDACTED}", text)
    text = _IPV4.sub("[ip]", text)
    return _IPV6.sub("[ip]", text)


def has_search_location(query_params) -> bool:
    return any(key in SEARCH_PARAMETERS for key in query_params)


# Control characters a request can carry into a log line through its decoded path
# (%00, %1B): written as \xNN, so no raw NUL, terminal escape or carriage return
# reaches the log. Line feeds and tabs are kept where a record may span lines.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_LINE_FEED = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _escaped(match: re.Match) -> str:
    return f"\\x{ord(match.group(0)):02x}"


class RedactingFormatter(logging.Formatter):
    """A formatter whose every finished line, traceback included, is redacted, with
    control characters other than line feeds and tabs escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return _CONTROL.sub(_escaped, redact(super().format(record)))


# Django's development server logs a request as (request line, status, size).
_SERVER_LINE_WITH_SIZE = '"%s" %s %s'


class RequestLineFormatter(logging.Formatter):
    """RedactingFormatter for a request log, where one request is one line: a line
    feed in a decoded path (%0A) is escaped too, so it cannot forge a second line.

    The response's size is left out: a search from a ZIP answers the same bytes
    each time, so a size next to a redacted line would let anyone holding the log
    find the ZIP by replaying candidates (gunicorn.conf.py leaves it out too)."""

    def format(self, record: logging.LogRecord) -> str:
        if record.msg == _SERVER_LINE_WITH_SIZE and len(record.args or ()) == 3:
            record = logging.makeLogRecord(
                {**record.__dict__, "msg": '"%s" %s', "args": record.args[:2]}
            )
        return _CONTROL_OR_LINE_FEED.sub(_escaped, redact(super().format(record)))
