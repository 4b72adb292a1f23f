"""Building large HSDS 3.0 packages for the import tests and bench/hsds_import.py:
one organisation and N shelter services spread over a state, each with a phone,
a location, an address and a bed capacity, shaped as our own export writes them
(`{"organizations": [...], "services": [...]}`)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

ORGANIZATION_ID = "5a0c2f3e-7b1d-4e6a-9c8f-2d4b6a8e0c10"
NAMESPACE = uuid.UUID("9e3b7c1a-4f2d-4a6b-8c0e-1f3a5b7d9c20")


def _id(*parts: object) -> str:
    """A stable UUID per part of a service, so a package is the same every time."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def service(number: int, organization_id: str = ORGANIZATION_ID) -> dict:
    lat, lon = 26.0 + (number % 900) / 100, -106.0 + (number // 900) % 1200 / 100
    return {
        "id": _id("service", number),
        "organization_id": organization_id,
        "name": f"Prairie shelter {number}",
        "description": f"Emergency shelter number {number}, open to survivors and their children.",
        "status": "active",
        "phones": [{"id": _id("phone", number), "number": f"512-555-{number % 10_000:04d}"}],
        "capacities": [{"id": _id("capacity", number), "available": number % 7, "maximum": 12,
                        "updated": "2026-11-30T12:00:00Z", "unit": {"id": _id("unit"),
                                                                    "name": "bed"}}],
        "service_at_locations": [{"id": _id("sal", number), "location": {
            "id": _id("location", number), "location_type": "physical",
            "latitude": lat, "longitude": lon,
            "addresses": [{"id": _id("address", number), "address_1": f"{number} Main Street",
                           "city": "Austin", "region": "", "state_province": "TX",
                           "postal_code": "78701", "country": "US",
                           "address_type": "physical"}]}}],
    }  # fmt: skip


def package(services: int) -> dict:
    organization = {"id": ORGANIZATION_ID, "name": "Prairie Network",
                    "description": "A state-wide shelter network."}  # fmt: skip
    return {"organizations": [organization], "services": [service(n) for n in range(services)]}


def write_package(path: Path, services: int) -> Path:
    """The package as a file at `path` (about 1.2 KB a service)."""
    path.write_text(json.dumps(package(services)))
    return path
