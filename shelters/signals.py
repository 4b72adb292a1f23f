"""What happens when listings are saved: derived fields, and caches to refresh.

Signals rather than save() methods: fixtures load with raw saves that skip save()
but still send pre_save, and admin inlines save phones and hours separately from
their listing.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from shelters import hotline_directory, models, snapshots
from shelters.derived import fill_county_key, fill_derived_fields, stamp_public_change

LISTINGS = (models.Shelter, models.MedicalService)
LISTING_PARTS = (
    models.ShelterPhone,
    models.ShelterHours,
    models.MedicalServicePhone,
    models.MedicalServiceHours,
)
# Shown in many regions' snapshots and in every location search's hotlines.
SHARED = (
    models.Hotline,
    models.HotlineArea,
    models.HotlineChannel,
    models.HotlineChannelHours,
    models.Organization,
)


def _connect(receiver, senders, signals=(post_save, post_delete)) -> None:
    for sender in senders:
        for signal in signals:
            signal.connect(receiver, sender=sender, dispatch_uid=f"{receiver.__name__}-{sender}")


def connect() -> None:
    _connect(fill_derived_fields, LISTINGS, signals=(pre_save,))
    _connect(fill_county_key, (models.HotlineArea,), signals=(pre_save,))
    _connect(stamp_public_change, (*LISTINGS, models.Hotline), signals=(pre_save,))
    _connect(snapshots.remember_region, LISTINGS, signals=(pre_save,))
    _connect(snapshots.listing_changed, LISTINGS)
    _connect(snapshots.part_changed, LISTING_PARTS)
    _connect(snapshots.everything_changed, SHARED)
    # Every snapshot carries the guidance of its region (and the national steps).
    _connect(snapshots.everything_changed, (models.Guidance,))
    _connect(hotline_directory.changed, SHARED)
