"""Fields computed from what an advocate enters: public location, time zone, a
lapsed address authorisation, when the public last saw a change, and a hotline
area's county as county names compare."""

from __future__ import annotations

from django.utils import timezone

from shelters import coverage, gazetteer, privacy


def fill_derived_fields(sender, instance, **kwargs) -> None:
    # The zone first: the public fields derive the public zone from it.
    if not instance.timezone:
        instance.timezone = guess_timezone(instance)
    privacy.refresh_public_fields(instance)
    privacy.lapse_authorisation(instance)


def guess_timezone(place) -> str:
    """From the ZIP, else from the ZIP nearest the point. The zone is a true field
    like the point: the public sees only privacy.public_timezone."""
    zip_place = gazetteer.lookup_zip((place.postal_code or "")[:5])
    if zip_place is None and place.point is not None:
        zip_place = gazetteer.nearest_zip(place.point)
    return zip_place.timezone if zip_place else ""


def stamp_public_change(sender, instance, **kwargs) -> None:
    """pre_save, after fill_derived_fields: move public_updated_at only when what the
    public sees of the listing changed (a new listing, or a public field)."""
    stored = sender.objects.filter(pk=instance.pk).first() if instance.pk is not None else None
    if stored is None:
        instance.public_updated_at = instance.public_updated_at or timezone.now()
    elif privacy.public_values(stored) != privacy.public_values(instance):
        instance.public_updated_at = timezone.now()
    else:
        instance.public_updated_at = stored.public_updated_at


def fill_county_key(sender, instance, **kwargs) -> None:
    """pre_save of a hotline area: its county as coverage compares county names."""
    instance.county_key = coverage.fold_county(instance.county)
