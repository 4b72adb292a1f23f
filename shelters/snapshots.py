"""Downloadable directory snapshots, for ranking by distance on the device.

The most private nearest-shelter search is one whose location never leaves the
phone. A snapshot holds every published shelter, medical service and hotline of
a state (or the whole country) with exactly the public fields and public points
of the search API, so an app can rank them itself (examples/offline_search.py).

A snapshot is generated once and stored, compressed, with a version (a hash of
its bytes). Saving or deleting a listing marks its region's snapshot and the
national one stale once its transaction commits (shelters.signals, and explicitly
wherever a bulk write sends no signal). Requests never generate: they serve the
stored bytes, stale or not, and `refresh()` regenerates stale snapshots off the
request path: `manage.py refresh_snapshots --watch`, which gunicorn starts beside
its workers (gunicorn.conf.py). A national snapshot costs seconds per ten thousand listings; a
request may not. Bed counts change by the hour, so they are not in the snapshot but
in the small availability feed, stored and refreshed the same way (shelters.feeds).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging

from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from shelters import coverage, feeds, guidance, i18n, public
from shelters.choices import GuidanceTopic, USState
from shelters.models import MedicalService, Shelter, Snapshot
from shelters.selectors import ordered_parts, public_hotlines

NATIONAL = "US"
FORMAT = "shelter-directory-snapshot/1"
REGIONS = frozenset({NATIONAL, *USState.values})
# A row whose snapshot has not been generated yet (a region that just got its first
# listing, or a fresh database): requests for it answer 503 with Retry-After.
PENDING = ""

logger = logging.getLogger(__name__)


def in_region(queryset, region: str):
    return queryset if region == NATIONAL else queryset.filter(state=region)


def _hotlines(region: str):
    hotlines = public_hotlines().order_by("name", "id")
    if region == NATIONAL:
        return hotlines
    return coverage.hotlines_touching_state(hotlines, region)


def _without(payload: dict, *keys: str) -> dict:
    return {key: value for key, value in payload.items() if key not in keys}


# Fields of the search API that depend on the moment or the searcher: the app
# computes them (open_now, distance) or reads them from the availability feed.
PER_REQUEST_FIELDS = ("distance_km", "distance_mi", "open_now", "beds")


def document(region: str) -> dict:
    """The snapshot of a region, as the JSON-ready dict it is served as."""
    now = timezone.now()
    shelters = (
        in_region(Shelter.objects.published(), region)
        .select_related("organization")
        .prefetch_related(*ordered_parts(Shelter, "phones", "hours"))
        .order_by("id")
    )
    services = (
        in_region(MedicalService.objects.published(), region)
        .select_related("organization")
        .prefetch_related(*ordered_parts(MedicalService, "phones", "hours"))
        .order_by("id")
    )
    return {
        "format": FORMAT,
        "region": region,
        "shelters": [
            {
                **_without(public.shelter(s, now), *PER_REQUEST_FIELDS),
                "beds_total": s.beds_total,
                "translations": public.translations(s, "shelter"),
            }
            for s in shelters.iterator(chunk_size=2000)
        ],
        "medical_services": [
            {
                **_without(public.medical_service(m, now), *PER_REQUEST_FIELDS),
                "translations": public.translations(m, "medical_service"),
            }
            for m in services.iterator(chunk_size=2000)
        ],
        "hotlines": [
            {**public.hotline(h), "translations": public.translations(h, "hotline")}
            for h in _hotlines(region)
        ],
        "guidance": region_guidance(region),
    }


def region_guidance(region: str) -> dict[str, dict]:
    """The guidance of the region in every language, as the guidance endpoint
    serves it: an app searching on the device has it offline too."""
    state = None if region == NATIONAL else region
    return {
        lang: public.guidance(
            state, lang, guidance.steps_for(state or "", lang), i18n.labels(GuidanceTopic, lang)
        )
        for lang in i18n.LANGUAGES
    }


def _encode(content: dict) -> bytes:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


def generate(region: str) -> Snapshot:
    """Write the region's snapshot now. Leaves `stale` alone: refresh() clears it
    before reading, so an edit made while this runs marks it stale again."""
    content = document(region)
    version = hashlib.sha256(_encode(content)).hexdigest()[:32]
    generated_at = timezone.now()
    body = _encode({"version": version, "generated_at": public.iso_datetime(generated_at),
                    **content})  # fmt: skip
    count = sum(len(content[key]) for key in ("shelters", "medical_services", "hotlines"))
    previous = Snapshot.objects.filter(region=region).first()
    if previous is not None and previous.version == version:
        # Nothing public changed (say, only a true address): keep the old bytes,
        # so that clients' cached copies and ETags stay valid.
        return previous
    fields = {
        "version": version,
        "generated_at": generated_at,
        "listing_count": count,
        "body": body,
        "gzipped": gzip.compress(body, compresslevel=9, mtime=0),
    }
    # An update leaves `stale` alone: an edit made meanwhile keeps its mark.
    snapshot, _created = Snapshot.objects.update_or_create(
        region=region, defaults=fields, create_defaults={**fields, "stale": False}
    )
    return snapshot


def current(region: str) -> Snapshot | None:
    """The region's stored snapshot, stale or not; None when there is none to serve
    yet. Never generates: that is refresh()'s work, off the request path."""
    snapshot = Snapshot.objects.filter(region=region).defer("body", "gzipped").first()
    if snapshot is None or snapshot.version == PENDING:
        return None
    return snapshot


def served():
    """The snapshots the list names: generated ones, without loading their bytes."""
    return (
        Snapshot.objects.exclude(version=PENDING)
        .defer("body", "gzipped")
        .annotate(size_bytes=Length("body"), gzip_bytes=Length("gzipped"))
    )


def refresh() -> list[str]:
    """Regenerate every stale snapshot, add a pending one for each region that got
    listings, drop those of regions that have none left. Returns the regions
    generated. Safe to run in several processes at once: each stale snapshot is
    claimed by clearing its mark, and a failure marks it stale again."""
    if (
        Snapshot.objects.filter(region=NATIONAL).exclude(version=PENDING).exists()
        and not Snapshot.objects.filter(stale=True).exists()
    ):
        return []  # the usual case: one cheap query and nothing to do
    # Any listing change marks the national snapshot stale, so regions are found
    # again whenever something may have moved into or out of one.
    wanted = regions_with_listings()
    Snapshot.objects.exclude(region__in=wanted).delete()
    for region in wanted:
        Snapshot.objects.get_or_create(
            region=region,
            defaults={"version": PENDING, "generated_at": timezone.now(), "listing_count": 0,
                      "body": b"", "gzipped": b"", "stale": True},
        )  # fmt: skip
    generated = []
    for region in wanted:
        if not Snapshot.objects.filter(region=region, stale=True).update(stale=False):
            continue  # fresh, or another process claimed it
        try:
            generate(region)
        except Exception:
            Snapshot.objects.filter(region=region).update(stale=True)
            logger.exception("Could not generate the %s snapshot; it stays stale.", region)
            raise
        generated.append(region)
    return generated


def regions_with_listings() -> list[str]:
    states = set(Shelter.objects.published().values_list("state", flat=True).distinct())
    states |= set(MedicalService.objects.published().values_list("state", flat=True).distinct())
    return [NATIONAL, *sorted(states)]


def mark_stale(regions: set[str] | None) -> None:
    """Listings of these regions changed (None: anywhere): mark their snapshots and
    availability feeds stale once the change commits (see _PendingMarks)."""
    _mark_after_commit(regions, feeds=True)


def mark_snapshots_stale(regions: set[str] | None) -> None:
    """mark_stale for the snapshots alone (a bed report marks its feeds itself)."""
    _mark_after_commit(regions, feeds=False)


def _write_snapshot_marks(regions: set[str] | None) -> None:
    if regions is None:
        Snapshot.objects.update(stale=True)
    else:
        Snapshot.objects.filter(region__in={r for r in regions if r} | {NATIONAL}).update(
            stale=True
        )


def _union(marked: set[str] | None, regions: set[str] | None) -> set[str] | None:
    return None if marked is None or regions is None else marked | regions


class _PendingMarks:
    """The marks one transaction owes, written in one go after it commits.

    Every listing save in the country marks the national snapshot and feed. Written
    inside the saving transaction, that UPDATE held the national rows' lock until
    commit, so one long transaction (a spreadsheet import, or its dry run, rolled
    back anyway) made every other organisation's save and bed report wait behind it.
    After commit, a rolled-back transaction marks nothing and a long one holds no
    shared row; outside a transaction the marks are written at once. The refresher
    may run between the commit and the mark: the mark makes it run again, so a
    change is never left out of a snapshot, only served a moment later."""

    def __init__(self) -> None:
        self.snapshots: set[str] | None = set()
        self.feeds: set[str] | None = set()
        self.marks_feeds = False

    def add(self, regions: set[str] | None, *, feeds: bool) -> None:
        self.snapshots = _union(self.snapshots, regions)
        if feeds:
            self.feeds, self.marks_feeds = _union(self.feeds, regions), True

    def __call__(self) -> None:
        _write_snapshot_marks(self.snapshots)
        if self.marks_feeds:
            feeds.mark_stale(self.feeds)


def _mark_after_commit(regions: set[str] | None, *, feeds: bool) -> None:
    """Add to this transaction's pending marks, registered with on_commit on first
    use. (Marks added inside a savepoint later rolled back stay: one mark too many
    only regenerates a snapshot.)"""
    connection = transaction.get_connection()
    marks = _PendingMarks()
    marks.add(regions, feeds=feeds)
    outermost = _outermost_block(connection)
    if outermost is None:
        marks()
        return
    for savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingMarks) and (outermost == 0 or (
            connection.savepoint_ids[outermost - 1] in savepoints
        )):  # fmt: skip
            callback.add(regions, feeds=feeds)
            return
    # robust: a mark failing after a committed save is logged, not made an error.
    transaction.on_commit(marks, robust=True)


def _outermost_block(connection) -> int | None:
    """The index of our own outermost open atomic block; None outside any. The block
    Django's TestCase wraps each test in stands for autocommit (it never commits, so
    its on_commit callbacks never run, nor leave the list): marks are written at
    once there, as in production, and a test's transaction finds only its own."""
    for index, block in enumerate(connection.atomic_blocks):
        if not getattr(block, "_from_testcase", False):
            return index
    return None


def remember_region(sender, instance, **kwargs) -> None:
    """pre_save: note the state a listing had, in case this save moves it."""
    if instance.pk is not None:
        instance._stored_state = (
            sender.objects.filter(pk=instance.pk).values_list("state", flat=True).first()
        )


def listing_changed(sender, instance, **kwargs) -> None:
    """post_save/post_delete of a shelter or medical service."""
    mark_stale({instance.state, getattr(instance, "_stored_state", None) or ""})


def part_changed(sender, instance, **kwargs) -> None:
    """post_save/post_delete of a listing's phone or hours. (Looked up by id: when
    a listing is deleted, its phones go after it.)"""
    if hasattr(instance, "shelter_id"):
        owner, owner_id = Shelter, instance.shelter_id
    else:
        owner, owner_id = MedicalService, instance.medical_service_id
    state = owner.objects.filter(pk=owner_id).values_list("state", flat=True).first()
    mark_snapshots_stale({state} if state else None)  # not in the availability feed


def everything_changed(sender, instance, **kwargs) -> None:
    """Hotlines and organisations appear in many regions' snapshots (not in the
    availability feed): mark every snapshot."""
    mark_snapshots_stale(None)
