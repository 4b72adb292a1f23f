"""Reporting beds available: atomic, bounded, attributed to the person reporting,
and kept in the shelter's change history."""

from __future__ import annotations

from collections.abc import Collection

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from shelters import feeds, snapshots
from shelters.models import Shelter

API_CHANGE_REASON = "Beds reported through the availability API"


class AvailabilityError(ValueError):
    """The report cannot be applied; the message says why, for the person sending it."""


class AvailabilityConflict(AvailabilityError):
    """Someone reported beds since the sender last read the count."""


def version(shelter: Shelter) -> str:
    """An entity tag of the bed count: it changes with every report."""
    stamp = shelter.beds_updated_at.timestamp() if shelter.beds_updated_at else 0
    return f'"beds-{shelter.beds_available}-{stamp:.6f}"'


def report_beds(
    shelter_id: int,
    user,
    *,
    available: int | None = None,
    change: int | None = None,
    expected_version: str | Collection[str] | None = None,
) -> Shelter:
    """Set beds available to `available`, or move it by `change` (+1 when a bed
    frees up, -1 when one is taken).

    A change is applied by the database itself (beds_available + change), so two
    reports at the same moment both count. A count set outright replaces
    whatever is there; with `expected_version` (the ETag the sender last read, or
    any of several) it is refused when another report came in between. The check constraint
    refuses a count below zero or above the total, and nothing is written then.
    An UPDATE statement sends no save() signal, so what they would do is done here:
    the public `updated_at` moves (beds are shown, and HSDS and app clients sync by
    that stamp), the report is recorded in the shelter's history, and the snapshot
    and availability feeds of its state are marked stale.
    """
    if (available is None) == (change is None):
        raise AvailabilityError("Send either beds_available or change.")
    new_value = available if available is not None else F("beds_available") + change
    rows = Shelter.objects.filter(pk=shelter_id)
    if change is not None:
        rows = rows.filter(beds_available__isnull=False)
    try:
        with transaction.atomic():
            if expected_version is not None:
                current = rows.select_for_update().only("beds_available", "beds_updated_at")
                accepted = (
                    {expected_version} if isinstance(expected_version, str) else expected_version
                )
                if not current or version(current[0]) not in accepted:
                    raise AvailabilityConflict(
                        "The bed count changed since you read it; read it again and resend."
                    )
            now = timezone.now()
            updated = rows.update(
                beds_available=new_value,
                beds_updated_at=now,
                beds_updated_by=user,
                public_updated_at=now,
            )
            if updated:
                shelter = Shelter.objects.get(pk=shelter_id)
                Shelter.history.bulk_history_create(
                    [shelter],
                    update=True,
                    default_user=user,
                    default_change_reason=API_CHANGE_REASON,
                )
                feeds.mark_stale({shelter.state})
                snapshots.mark_snapshots_stale({shelter.state})
    except IntegrityError:
        shelter = Shelter.objects.get(pk=shelter_id)
        raise AvailabilityError(
            f"Beds available must stay between 0 and the total of {shelter.beds_total}; "
            f"it is {shelter.beds_available} now."
        ) from None
    if not updated:
        raise AvailabilityError("The bed count is unknown: send beds_available, not a change.")
    return shelter
