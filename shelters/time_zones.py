"""Which time zones keep the same clock, and the name a state knows each clock by.

The tz database names many zones for history alone: America/Kentucky/Monticello
keeps New York's clock today and is named by one ZIP (42633). Shown for a listing
whose location is withheld, such a name would say more than the listing's grid
cell does. privacy.derive_public_location publishes, for those listings, the zone
most of the state's ZIPs name among those that keep the same clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from shelters import gazetteer

# Same clock: the same UTC offset at every sampled instant over these years from
# the start of the current one. Six-hourly samples see every US switch to and from
# summer time, which fall on the same dates in every zone that keeps one.
SAME_CLOCK_YEARS = 5
SAMPLE_HOURS = 6


@cache
def _clock(zone: str, year: int) -> tuple[timedelta, ...]:
    start = datetime(year, 1, 1, tzinfo=UTC)
    steps = SAME_CLOCK_YEARS * 366 * 24 // SAMPLE_HOURS
    tz = ZoneInfo(zone)
    return tuple(
        (start + timedelta(hours=SAMPLE_HOURS * step)).astimezone(tz).utcoffset()
        for step in range(steps)
    )


def same_clock(zone: str, other: str, year: int | None = None) -> bool:
    """Whether two zones show the same local time for the next few years."""
    year = year or datetime.now(UTC).year
    return zone == other or _clock(zone, year) == _clock(other, year)


@cache
def _state_zone(state: str, zone: str, year: int) -> str:
    counts = gazetteer.zip_counts_by_zone()
    candidates = [
        (count, name)
        for (zone_state, name), count in counts.items()
        if zone_state == state and same_clock(zone, name, year)
    ]
    if not candidates:
        return zone
    # Most ZIPs first; the name breaks a tie, so the answer never depends on order.
    return max(candidates, key=lambda candidate: (candidate[0], candidate[1]))[1]


def state_zone(state: str, zone: str) -> str:
    """The zone most of `state`'s ZIPs name among those keeping `zone`'s clock
    ("KY", "America/Kentucky/Monticello" -> "America/New_York"); `zone` itself when
    no ZIP of the state keeps its clock, "" for no zone."""
    if not zone:
        return ""
    return _state_zone((state or "").upper(), zone, datetime.now(UTC).year)


def state_zones(state: str) -> frozenset[str]:
    """The distinct clocks of a state, each by the name state_zone gives it (asked
    for each hidden listing a page shows, and for every state by `open_now`)."""
    return _state_zones((state or "").upper(), datetime.now(UTC).year)


@cache
def _state_zones(state: str, year: int) -> frozenset[str]:
    return frozenset(_state_zone(state, zone, year) for zone in gazetteer.state_timezones(state))
