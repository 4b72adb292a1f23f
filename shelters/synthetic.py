"""Fictional listings spread like the US population, for benchmarks at national scale.

Four in five listings cluster around metro areas, in proportion to their
population and spread wider for bigger metros; one in five lies near a random
street-delivery ZIP, which over-represents the countryside as ZIP codes do.
Names say "Synthetic" and every phone number is in the 555-01xx range that is
reserved for fiction.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from shelters import gazetteer, privacy
from shelters.choices import (
    Cost,
    Disclosure,
    MedicalKind,
    MedicalServiceType,
    PointSource,
    Population,
    ShelterKind,
    ShelterService,
)
from shelters.geo import Point

# (name, state, latitude, longitude, population in millions): metro areas.
METROS = [
    ("New York", "NY", 40.71, -74.01, 19.5), ("Los Angeles", "CA", 34.05, -118.24, 12.9),
    ("Chicago", "IL", 41.88, -87.63, 9.3), ("Dallas", "TX", 32.78, -96.80, 8.1),
    ("Houston", "TX", 29.76, -95.37, 7.5), ("Washington", "DC", 38.91, -77.04, 6.4),
    ("Philadelphia", "PA", 39.95, -75.17, 6.2), ("Miami", "FL", 25.76, -80.19, 6.1),
    ("Atlanta", "GA", 33.75, -84.39, 6.2), ("Boston", "MA", 42.36, -71.06, 4.9),
    ("Phoenix", "AZ", 33.45, -112.07, 5.0), ("San Francisco", "CA", 37.77, -122.42, 4.6),
    ("Riverside", "CA", 33.95, -117.40, 4.6), ("Detroit", "MI", 42.33, -83.05, 4.3),
    ("Seattle", "WA", 47.61, -122.33, 4.0), ("Minneapolis", "MN", 44.98, -93.27, 3.7),
    ("San Diego", "CA", 32.72, -117.16, 3.3), ("Tampa", "FL", 27.95, -82.46, 3.3),
    ("Denver", "CO", 39.74, -104.99, 3.0), ("Baltimore", "MD", 39.29, -76.61, 2.8),
    ("St. Louis", "MO", 38.63, -90.20, 2.8), ("Orlando", "FL", 28.54, -81.38, 2.7),
    ("Charlotte", "NC", 35.23, -80.84, 2.7), ("San Antonio", "TX", 29.42, -98.49, 2.6),
    ("Portland", "OR", 45.52, -122.68, 2.5), ("Sacramento", "CA", 38.58, -121.49, 2.4),
    ("Pittsburgh", "PA", 40.44, -79.99, 2.4), ("Austin", "TX", 30.27, -97.74, 2.4),
    ("Las Vegas", "NV", 36.17, -115.14, 2.3), ("Cincinnati", "OH", 39.10, -84.51, 2.3),
    ("Kansas City", "MO", 39.10, -94.58, 2.2), ("Columbus", "OH", 39.96, -83.00, 2.1),
    ("Indianapolis", "IN", 39.77, -86.16, 2.1), ("Cleveland", "OH", 41.50, -81.69, 2.1),
    ("San Jose", "CA", 37.34, -121.89, 2.0), ("Nashville", "TN", 36.16, -86.78, 2.0),
    ("San Juan", "PR", 18.47, -66.11, 2.0), ("Virginia Beach", "VA", 36.85, -75.98, 1.8),
    ("Providence", "RI", 41.82, -71.41, 1.7), ("Jacksonville", "FL", 30.33, -81.66, 1.6),
    ("Milwaukee", "WI", 43.04, -87.91, 1.6), ("Raleigh", "NC", 35.78, -78.64, 1.4),
    ("Oklahoma City", "OK", 35.47, -97.52, 1.4), ("Memphis", "TN", 35.15, -90.05, 1.3),
    ("Richmond", "VA", 37.54, -77.44, 1.3), ("Louisville", "KY", 38.25, -85.76, 1.3),
    ("New Orleans", "LA", 29.95, -90.07, 1.3), ("Salt Lake City", "UT", 40.76, -111.89, 1.3),
    ("Hartford", "CT", 41.76, -72.67, 1.2), ("Buffalo", "NY", 42.89, -78.88, 1.2),
    ("Birmingham", "AL", 33.52, -86.80, 1.1), ("Honolulu", "HI", 21.31, -157.86, 1.0),
    ("Omaha", "NE", 41.26, -95.93, 1.0), ("Tucson", "AZ", 32.22, -110.97, 1.0),
    ("El Paso", "TX", 31.76, -106.49, 0.9), ("Albuquerque", "NM", 35.08, -106.65, 0.9),
    ("Boise", "ID", 43.62, -116.20, 0.8), ("Anchorage", "AK", 61.22, -149.90, 0.4),
]  # fmt: skip
RURAL_SHARE = 0.2
SHELTER_SHARE = 0.7


@dataclass
class Row:
    """One synthetic listing, with its public fields already derived."""

    is_shelter: bool
    fields: dict


def _metro_point(rng: random.Random, metro) -> Point:
    _name, _state, lat, lon, population = metro
    spread = 0.12 * math.sqrt(population)  # degrees; bigger metros sprawl further
    lat = max(-89.0, min(89.0, rng.gauss(lat, spread)))
    lon = rng.gauss(lon, spread / max(0.2, math.cos(math.radians(lat))))
    return Point(round(lat, 6), round(((lon + 180) % 360) - 180, 6))


def generate(count: int, seed: int, now: datetime) -> Iterator[Row]:
    rng = random.Random(seed)
    rural = [place for place in gazetteer.all_places() if place.delivers_to_streets]
    weights = [metro[4] for metro in METROS]
    for index in range(count):
        if rng.random() < RURAL_SHARE:
            place = rng.choice(rural)
            point = Point(
                round(place.point.lat + rng.uniform(-0.05, 0.05), 6),
                round(place.point.lon + rng.uniform(-0.05, 0.05), 6),
            )
            city, state, county, postal_code = place.city, place.state, place.county, place.zip_code
            timezone = place.timezone
        else:
            metro = rng.choices(METROS, weights)[0]
            point = _metro_point(rng, metro)
            city, state, county, postal_code, timezone = metro[0], metro[1], "", "", ""
        is_shelter = rng.random() < SHELTER_SHARE
        roll = rng.random()
        disclosure = (
            Disclosure.PUBLIC if not is_shelter or roll < 0.75
            else Disclosure.AREA if roll < 0.95 else Disclosure.HIDDEN
        )  # fmt: skip
        view = SimpleNamespace(
            location_disclosure=disclosure, point=point, street_address=f"{index} Synthetic Way",
            city=city, county=county, state=state, postal_code=postal_code, timezone=timezone,
        )  # fmt: skip
        fields = {
            "hsds_id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "name": f"Synthetic {'Shelter' if is_shelter else 'Clinic'} {index:07d} (fictional)",
            "description": "Synthetic benchmark listing. Not a real service.",
            "status": "published",
            "languages": ["en"] + (["es"] if rng.random() < 0.4 else []),
            "street_address": view.street_address, "city": city, "county": county,
            "state": state, "postal_code": postal_code, "country": "US",
            "latitude": point.lat, "longitude": point.lon, "point_source": PointSource.MANUAL,
            **privacy.public_location_values(view), "timezone": timezone,
            "open_24_7": rng.random() < 0.6, "wheelchair_accessible": rng.random() < 0.6,
            "deaf_services": rng.random() < 0.2, "last_verified": now.date(),
            "created_at": now, "updated_at": now, "public_updated_at": now,
            "staff_notes": "",  # COPY sends only these columns; the column has no default
        }  # fmt: skip
        if is_shelter:
            total = rng.randint(4, 80)
            fresh = rng.random() < 0.7
            fields.update(
                kind=rng.choice(ShelterKind.values),
                location_disclosure=disclosure,
                address_publication_authorized_by="Synthetic" if disclosure == "public" else "",
                address_publication_authorized_on=now.date() if disclosure == "public" else None,
                populations=rng.sample(Population.values, rng.randint(1, 3)),
                accepts_children=rng.random() < 0.6, max_boy_age=rng.choice([None, 12, 14, 17]),
                accepts_pets=rng.random() < 0.25, services=rng.sample(ShelterService.values, 3),
                no_id_required=rng.random() < 0.5, free_of_charge=True, beds_total=total,
                beds_available=rng.randint(0, min(total, 8)) if rng.random() < 0.8 else None,
                beds_updated_at=now - timedelta(hours=rng.uniform(0, 20 if fresh else 200)),
            )  # fmt: skip
        else:
            fields.update(
                kind=rng.choice(MedicalKind.values),
                services=rng.sample(MedicalServiceType.values, 3),
                accessibility_notes="", cost=rng.choice(Cost.values),
                walk_in=rng.random() < 0.7,
            )  # fmt: skip
        yield Row(is_shelter, fields)
