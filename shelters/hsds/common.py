"""What the HSDS export, validation and load share: ids, names, the error."""

from __future__ import annotations

import uuid

HSDS_VERSION = "3.0"
TAXONOMY = "shelter-directory"
# UUID 5 namespace for ids derived from a record's hsds_id.
NAMESPACE = uuid.UUID("5b0e0f36-7a53-4c8e-9d55-1f0e6a9c2b41")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
BED_UNIT = {"id": str(uuid.uuid5(NAMESPACE, "unit:bed")), "name": "bed"}

# Listing fields carried as attributes, per listing type.
SHELTER_ATTRIBUTES = (
    "kind", "location_disclosure", "populations", "accepts_children", "max_boy_age",
    "accepts_pets", "wheelchair_accessible", "deaf_services", "services", "no_id_required",
    "free_of_charge", "open_24_7", "timezone", "beds_total", "state",
)  # fmt: skip
# `state` is a shelter's public state: a hidden shelter has no HSDS location to
# carry it in (only a service area), so it travels as an attribute too.
MEDICAL_ATTRIBUTES = (
    "kind", "services", "wheelchair_accessible", "deaf_services", "accessibility_notes",
    "cost", "walk_in", "open_24_7", "timezone",
)  # fmt: skip
HOTLINE_ATTRIBUTES = ("topics", "coverage", "channels")
# A listing's texts in other languages than English (shelters.public.translations),
# carried only by listings that have some.
TRANSLATIONS_ATTRIBUTE = "translations"


class HSDSError(ValueError):
    """The package cannot be loaded; nothing was written."""


def derived_id(parent: uuid.UUID | str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join([str(parent), *map(str, parts)])))


# Export profiles: strict HSDS 3.0 (the default), or 3.0 plus the 3.1 draft's
# service_capacity for bed counts.
PROFILE_30 = "3.0"
PROFILE_31 = "3.1"
PROFILES = (PROFILE_30, PROFILE_31)
