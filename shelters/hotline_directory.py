"""The published hotlines, held in memory by each process.

Every location search names the hotlines covering the searched place. There are
a few hundred hotlines and they rarely change, so each process keeps them all,
already serialized, and picks the covering ones in Python: no query per search,
and no cache entry keyed by anyone's location.

Saving a hotline (or its channels, areas, hours or organisation) writes a new
random token into the database (shelters.models.ReferenceVersion) in the same
transaction. A search reads the token, on PostgreSQL in the same round trip as its
listings (shelters.listing_search), and a process whose hotlines were loaded under
another token reloads them: a save on any worker or machine is seen at once by
every other, with no shared cache and no expiry to wait for.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from threading import Lock

from django.db import connections, router

from shelters import i18n, public
from shelters.choices import Coverage as CoverageKind
from shelters.coverage import Area, Coverage

REFERENCE_NAME = "hotlines"
# The statement that reads the current token (its one parameter: REFERENCE_NAME).
TOKEN_SQL = "SELECT token FROM shelters_referenceversion WHERE name = %s"


@dataclass(frozen=True)
class Entry:
    coverage: Coverage
    payloads: dict[str, dict]  # by language (shelters.i18n.LANGUAGES)


_lock = Lock()
_loaded: tuple[int | None, list[Entry]] | None = None


def _load() -> list[Entry]:
    from shelters.selectors import public_hotlines

    entries = []  # in the database's order of names (see for_area)
    for hotline in public_hotlines().order_by("name", "id"):
        areas = list(hotline.areas.all())
        entries.append(
            Entry(
                coverage=Coverage.of(hotline.coverage == CoverageKind.NATIONAL, areas),
                payloads={lang: public.hotline(hotline, lang) for lang in i18n.LANGUAGES},
            )
        )
    return entries


def current_token(using: str | None = None) -> int | None:
    """The token in the database now (None before any hotline was ever saved)."""
    from shelters.models import ReferenceVersion

    alias = using or router.db_for_read(ReferenceVersion)
    with connections[alias].cursor() as cursor:
        cursor.execute(TOKEN_SQL, [REFERENCE_NAME])
        row = cursor.fetchone()
    return row[0] if row else None


def entries(token: object = ...) -> list[Entry]:
    """Every published hotline, reloaded if `token` (read from the database, by
    the caller in its own query or here) differs from the one they were loaded under."""
    global _loaded
    if token is ...:
        token = current_token()
    loaded = _loaded
    if loaded is None or loaded[0] != token:
        with _lock:
            _loaded = loaded = (token, _load())
    return loaded[1]


def for_area(area: Area | None, lang: str = i18n.ENGLISH, token=...) -> list[dict]:
    """The hotlines covering `area` (shelters.coverage, Python form) in the order of
    coverage.hotlines_covering: the most local first (ZIP, county, state, national),
    lines answered 24/7 first at each reach, then by name; only the national ones
    when the place is unknown (a search far out at sea, say).

    By name means as the database orders names: entries are loaded in its
    ("name", "id") order and keep that rank. Python's own order (by code point)
    puts "Zeta Line" before "abuse help line", where a database with a language
    collation (PostgreSQL's en_US, as docker-compose's) does not."""
    covering = [
        (
            entry.coverage.reach(area),
            not any(
                channel["available_24_7"] for channel in entry.payloads[i18n.ENGLISH]["channels"]
            ),
            rank,
            entry.payloads[lang],
        )
        for rank, entry in enumerate(entries(token))
        if entry.coverage.national or entry.coverage.covers(area)
    ]
    covering.sort(key=lambda row: row[:3])
    return [row[3] for row in covering]


def changed(**kwargs) -> None:
    """A hotline or something it shows was saved or deleted (a signal receiver;
    bulk writes call it themselves). Writes a new token in the caller's transaction."""
    from shelters.models import ReferenceVersion

    token = secrets.randbits(62)
    updated = ReferenceVersion.objects.filter(name=REFERENCE_NAME).update(token=token)
    if not updated:
        ReferenceVersion.objects.update_or_create(name=REFERENCE_NAME, defaults={"token": token})
