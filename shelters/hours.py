"""Whether a listing is open at a moment, evaluated in each listing's own time zone."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, Q

from shelters.gazetteer import us_timezones
from shelters.privacy import public_timezone_in


def _spans_open_at_q(weekday: int, at: time) -> Q:
    """Spans open at (weekday, at): today's spans that have begun and not yet
    closed (an overnight span, closing at or before it opens, stays open past
    midnight), and yesterday's overnight spans that have not closed yet."""
    overnight = Q(closes__lte=F("opens"))
    today = Q(weekday=weekday, opens__lte=at) & (Q(closes__gt=at) | overnight)
    from_yesterday = Q(weekday=(weekday - 1) % 7, closes__gt=at) & overnight
    return today | from_yesterday


def _local_moment(now: datetime, tz_name: str) -> tuple[int, time]:
    local = now.astimezone(ZoneInfo(tz_name))
    return local.weekday(), local.time().replace(microsecond=0, tzinfo=None)


def open_now_q(listing_model: type, now: datetime) -> Q:
    """A filter for listings open at `now`: open 24/7, or with one of their
    `hours` spans covering the local time of their public time zone (see
    privacy.public_timezone: a hidden shelter's own zone is never used)."""
    relation = listing_model.hours.field
    hours_model, owner_field = relation.model, relation.name
    zones_by_moment: dict[tuple[int, time], list[str]] = defaultdict(list)
    for tz_name in us_timezones():
        zones_by_moment[_local_moment(now, tz_name)].append(tz_name)
    condition = Q(open_24_7=True)
    for (weekday, at), zones in zones_by_moment.items():
        spans = hours_model.objects.filter(
            _spans_open_at_q(weekday, at), **{owner_field: OuterRef("pk")}
        )
        condition |= public_timezone_in(listing_model, zones) & Exists(spans)
    return condition


def is_open(open_24_7: bool, spans, tz_name: str, now: datetime) -> bool:
    """The same rule in Python, for one listing and its prefetched spans."""
    if open_24_7:
        return True
    if not tz_name:
        return False
    weekday, at = _local_moment(now, tz_name)
    for span in spans:
        overnight = span.closes <= span.opens
        if span.weekday == weekday and span.opens <= at and (overnight or at < span.closes):
            return True
        if overnight and span.weekday == (weekday - 1) % 7 and at < span.closes:
            return True
    return False
