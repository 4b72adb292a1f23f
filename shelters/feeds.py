"""The bed availability feed: per region, each published shelter's bed count.

Built here and only here (document()), stored per region with a version (a hash of
its bytes, served as the ETag), and served as stored: a request reads one row,
whatever the size of the directory. Like a snapshot (shelters.snapshots), a feed is
marked stale by what changes it: any listing change, once committed
(snapshots.mark_stale marks the feeds too), and every bed report
(availability.report_beds, an UPDATE that sends no signal). `refresh()` regenerates
stale feeds off the request path; `manage.py refresh_snapshots --watch` runs it
every SNAPSHOT_REFRESH_SECONDS in a thread of its own, so a national snapshot that
takes seconds to build never delays a bed count. A count also changes with no
write at all when it leaves the availability window: each feed stores when its
first current count does (`expires_at`) and is regenerated then.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from shelters import public
from shelters.models import AvailabilityFeed, Shelter

# Not generated yet (a fresh database before the refresher's first pass): requests
# answer 503 with Retry-After, as for snapshots.
PENDING = ""

logger = logging.getLogger(__name__)


class _Beds(NamedTuple):
    """The columns of a shelter the feed reads, with the model's own rules for
    whether a count is current and until when."""

    id: int
    beds_total: int | None
    beds_available: int | None
    beds_updated_at: datetime | None

    availability_is_current = Shelter.availability_is_current
    availability_ends_at = Shelter.availability_ends_at


def document(region: str, now: datetime) -> tuple[dict, datetime | None]:
    """The region's feed as the JSON-ready dict it is served as, and when the first
    count in it stops being current (None: none is current)."""
    from shelters.snapshots import in_region

    shelters = in_region(Shelter.objects.published(), region).values_list(*_Beds._fields)
    rows, expires_at = [], None
    # Plain tuples, not model instances: a national feed has a row per shelter.
    for shelter in map(_Beds._make, shelters.order_by("id").iterator(chunk_size=5000)):
        beds = public.beds(shelter, now)
        rows.append(
            {
                "id": shelter.id,
                "beds_available": beds["available"],
                "beds_total": beds["total"],
                "updated_at": beds["updated_at"],
            }
        )
        if beds["current"]:
            ends = shelter.availability_ends_at()
            expires_at = ends if expires_at is None else min(expires_at, ends)
    return {"region": region, "shelters": rows}, expires_at


def generate(region: str) -> None:
    """Write the region's feed now. Leaves `stale` alone: refresh() clears it before
    reading, so a report made while this runs marks it stale again."""
    now = timezone.now()
    content, expires_at = document(region, now)
    body = json.dumps(content, separators=(",", ":")).encode()
    version = hashlib.sha256(body).hexdigest()[:32]
    feeds = AvailabilityFeed.objects.filter(region=region)
    if feeds.filter(version=version).update(expires_at=expires_at):
        return  # the same bytes: clients' ETags stay valid
    feeds.update(version=version, generated_at=now, body=body, expires_at=expires_at)


def stored(region: str) -> AvailabilityFeed | None:
    """The region's feed as last generated; None when there is none yet. Never
    generates: that is refresh()'s work, off the request path."""
    feed = AvailabilityFeed.objects.filter(region=region).first()
    return None if feed is None or feed.version == PENDING else feed


def _due(now: datetime) -> Q:
    return Q(stale=True) | Q(expires_at__lte=now)


def refresh() -> list[str]:
    """Regenerate every stale or expired feed (adding a pending one for any region
    that has none). Returns the regions generated. Safe to run in several processes
    at once: each feed is claimed by clearing its marks; a failure marks it stale."""
    from shelters.snapshots import REGIONS

    now = timezone.now()
    missing = REGIONS - set(AvailabilityFeed.objects.values_list("region", flat=True))
    for region in sorted(missing):
        AvailabilityFeed.objects.get_or_create(
            region=region, defaults={"version": PENDING, "generated_at": now, "body": b""}
        )
    generated = []
    due = AvailabilityFeed.objects.filter(_due(now)).order_by("region")
    for region in due.values_list("region", flat=True):
        claimed = AvailabilityFeed.objects.filter(_due(now), region=region)
        if not claimed.update(stale=False, expires_at=None):
            continue  # another process claimed it
        try:
            generate(region)
        except Exception:
            AvailabilityFeed.objects.filter(region=region).update(stale=True)
            logger.exception("Could not generate the %s availability feed; it stays stale.", region)
            raise
        generated.append(region)
    return generated


def mark_stale(regions: set[str] | None) -> None:
    """Mark feeds stale (None: all of them); the national one always. A bed report
    calls it inside its own short transaction; a listing change through
    snapshots.mark_stale, once the change has committed."""
    from shelters.snapshots import NATIONAL

    feeds = AvailabilityFeed.objects.all()
    if regions is not None:
        feeds = feeds.filter(region__in={r for r in regions if r} | {NATIONAL})
    feeds.update(stale=True)
