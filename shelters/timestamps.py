"""Timestamps from outside the server's clock may not lie in the future.

A bed count dated 2099 would stay "current" for ever and a verification date of
2099 would keep a listing off every review list. A clock a little fast is
forgiven (FUTURE_TIMESTAMP_SKEW_SECONDS, 5 minutes by default); anything later is
refused by the fields' validators, which every path runs (admin forms, spreadsheet
rows through full_clean, HSDS loads through clean_fields). Rows stored before the
rule keep their value but cannot be saved through those paths until it is fixed,
and the read sides (shelters.models availability, verification_due, the has_beds
filter) treat such a value as not current.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone


def in_utc(moment: datetime) -> datetime:
    """An aware moment from outside, as UTC.

    Python accepts offsets up to ±23:59, PostgreSQL only up to ±15:59: a value like
    "2026-01-01T00:00:00+17:02" must be converted here, before it reaches a query or
    a column. Raises OverflowError when the moment in UTC falls outside years
    1 to 9999 (0001-01-01T00:00:00+05:00, say)."""
    return moment.astimezone(UTC)


def latest_acceptable() -> datetime:
    """The latest moment a timestamp sent to us may name."""
    return timezone.now() + timedelta(seconds=settings.FUTURE_TIMESTAMP_SKEW_SECONDS)


def latest_acceptable_date() -> date:
    return timezone.localdate(latest_acceptable())


def not_in_the_future(value: datetime | date | None) -> None:
    """Field validator for DateTimeField and DateField."""
    if value is None:
        return
    if isinstance(value, datetime):
        limit = latest_acceptable()
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        if value > limit:
            raise ValidationError(
                "%(value)s is in the future: enter a time no later than now.",
                code="future_timestamp",
                params={"value": value.isoformat(timespec="minutes")},
            )
    elif value > latest_acceptable_date():
        raise ValidationError(
            "%(value)s is in the future: enter a date no later than today.",
            code="future_timestamp",
            params={"value": value.isoformat()},
        )
