"""Reporting beds available: atomic, bounded, and attributed to the person reporting."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from shelters.models import Shelter


class AvailabilityError(ValueError):
    """The report cannot be applied; the message says why, for the person sending it."""


def report_beds(shelter_id: int, user, *, available: int | None = None, change: int | None = None):
    """Set beds available to `available`, or move it by `change` (+1 when a bed
    frees up, -1 when one is taken).

    A change is applied by the database itself (beds_available + change), so two
    reports at the same moment both count; the check constraint refuses a count
    below zero or above the total, and nothing is written then.
    """
    if (available is None) == (change is None):
        raise AvailabilityError("Send either beds_available or change.")
    new_value = available if available is not None else F("beds_available") + change
    rows = Shelter.objects.filter(pk=shelter_id)
    if change is not None:
        rows = rows.filter(beds_available__isnull=False)
    try:
        with transaction.atomic():
            updated = rows.update(
                beds_available=new_value, beds_updated_at=timezone.now(), beds_updated_by=user
            )
    except IntegrityError:
        shelter = Shelter.objects.get(pk=shelter_id)
        raise AvailabilityError(
            f"Beds available must stay between 0 and the total of {shelter.beds_total}; "
            f"it is {shelter.beds_available} now."
        ) from None
    if not updated:
        raise AvailabilityError("The bed count is unknown: send beds_available, not a change.")
    return Shelter.objects.get(pk=shelter_id)
