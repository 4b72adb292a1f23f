"""Fields computed from what an advocate enters: public location and time zone."""

from __future__ import annotations

from shelters import gazetteer, privacy


def fill_derived_fields(sender, instance, **kwargs) -> None:
    privacy.refresh_public_fields(instance)
    if not instance.timezone:
        instance.timezone = guess_timezone(instance)


def guess_timezone(place) -> str:
    """From the ZIP, else from the public point: never from a confidential true point."""
    zip_place = gazetteer.lookup_zip((place.postal_code or "")[:5])
    if zip_place is None and place.public_point is not None:
        zip_place = gazetteer.nearest_zip(place.public_point)
    return zip_place.timezone if zip_place else ""
