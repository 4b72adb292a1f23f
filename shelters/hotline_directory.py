"""The published hotlines, held in memory by each process.

Every location search names the hotlines covering the searched place. There are
a few hundred hotlines and they rarely change, so each process keeps them all,
already serialized, and picks the covering ones in Python: no query per search,
and no cache entry keyed by anyone's location. Saving a hotline (or its channels,
areas, hours or organisation) bumps a version in the shared cache; a process also
reloads after MAX_AGE_SECONDS, in case its cache is not shared with the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from threading import Lock

from django.core.cache import cache

from shelters import i18n, public
from shelters.choices import Coverage as CoverageKind
from shelters.coverage import Area, Coverage

VERSION_KEY = "shelters:hotlines-version"
MAX_AGE_SECONDS = 30.0


@dataclass(frozen=True)
class Entry:
    name: str
    pk: int
    coverage: Coverage
    payloads: dict[str, dict]  # by language (shelters.i18n.LANGUAGES)


_lock = Lock()
_loaded: tuple[object, float, list[Entry]] | None = None


def _load() -> list[Entry]:
    from shelters.selectors import public_hotlines

    entries = []
    for hotline in public_hotlines().order_by("name", "id"):
        areas = list(hotline.areas.all())
        entries.append(
            Entry(
                name=hotline.name,
                pk=hotline.pk,
                coverage=Coverage.of(hotline.coverage == CoverageKind.NATIONAL, areas),
                payloads={lang: public.hotline(hotline, lang) for lang in i18n.LANGUAGES},
            )
        )
    return entries


def entries() -> list[Entry]:
    global _loaded
    version = cache.get(VERSION_KEY)
    now = time.monotonic()
    loaded = _loaded
    if loaded is None or loaded[0] != version or now - loaded[1] > MAX_AGE_SECONDS:
        with _lock:
            _loaded = loaded = (version, now, _load())
    return loaded[2]


def for_area(area: Area | None, lang: str = i18n.ENGLISH) -> list[dict]:
    """The hotlines covering `area` (shelters.coverage, Python form) in the order of
    coverage.hotlines_covering: the most local first (ZIP, county, state, national),
    lines answered 24/7 first at each reach, then by name; only the national ones
    when the place is unknown (a search far out at sea, say)."""
    covering = [
        (
            entry.coverage.reach(area),
            not any(
                channel["available_24_7"] for channel in entry.payloads[i18n.ENGLISH]["channels"]
            ),
            entry.name,
            entry.pk,
            entry.payloads[lang],
        )
        for entry in entries()
        if entry.coverage.national or entry.coverage.covers(area)
    ]
    covering.sort(key=lambda row: row[:4])
    return [row[4] for row in covering]


def changed(**kwargs) -> None:
    """Signal receiver: a hotline or something it shows was saved or deleted."""
    cache.set(VERSION_KEY, time.time_ns(), None)
