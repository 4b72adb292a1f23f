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

from shelters import public
from shelters.choices import Coverage

VERSION_KEY = "shelters:hotlines-version"
MAX_AGE_SECONDS = 30.0


@dataclass(frozen=True)
class Entry:
    name: str
    pk: int
    national: bool
    states: frozenset[str]  # whole states covered
    counties: frozenset[tuple[str, str]]  # (state, county name folded)
    zip_codes: frozenset[str]
    any_state: frozenset[str]  # states with any coverage at all
    payload: dict


_lock = Lock()
_loaded: tuple[object, float, list[Entry]] | None = None


def _fold(county: str) -> str:
    name = " ".join(county.casefold().split())
    return name.removesuffix(" county")


def _load() -> list[Entry]:
    from shelters.selectors import public_hotlines

    entries = []
    for hotline in public_hotlines().order_by("name", "id"):
        areas = list(hotline.areas.all())
        entries.append(
            Entry(
                name=hotline.name,
                pk=hotline.pk,
                national=hotline.coverage == Coverage.NATIONAL,
                states=frozenset(a.state for a in areas if not a.county and not a.postal_code),
                counties=frozenset(
                    (a.state, _fold(a.county)) for a in areas if a.county and not a.postal_code
                ),
                zip_codes=frozenset(a.postal_code for a in areas if a.postal_code),
                any_state=frozenset(a.state for a in areas),
                payload=public.hotline(hotline),
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


def covering(state: str, county: str = "", zip_code: str = "") -> list[dict]:
    """The same rule as selectors.hotlines_covering, in memory: national hotlines,
    and regional ones covering the state, the county or the ZIP; local first."""
    folded = _fold(county)
    local, national = [], []
    for entry in entries():
        if entry.national:
            national.append(entry.payload)
        elif county or zip_code:
            if (
                state in entry.states
                or (county and (state, folded) in entry.counties)
                or (zip_code and zip_code in entry.zip_codes)
            ):
                local.append(entry.payload)
        elif state in entry.any_state:
            local.append(entry.payload)
    return local + national


def for_area(area) -> list[dict]:
    """Hotlines for a selectors.Area; only the national ones when the place is
    unknown (a search far out at sea, say)."""
    if area is None:
        return covering("")
    return covering(area.state, area.county, area.zip_code)


def changed(**kwargs) -> None:
    """Signal receiver: a hotline or something it shows was saved or deleted."""
    cache.set(VERSION_KEY, time.time_ns(), None)
