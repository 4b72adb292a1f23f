"""What the staff console's one region box means: a ZIP, "City, ST", a county or a state.

Read from the offline gazetteer only: where a caller is never leaves the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shelters import gazetteer
from shelters.choices import USState
from shelters.coverage import Area
from shelters.geo import Point

ZIP = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")
COUNTY_WORDS = re.compile(r"\s+(county|parish|borough)$", re.IGNORECASE)
STATE_NAMES = {label.casefold(): code for code, label in USState.choices}


class RegionError(ValueError):
    """The box names no place the gazetteer knows; the message says what to type."""


@dataclass(frozen=True)
class Region:
    kind: str  # "zip", "city", "county" or "state"
    label: str  # as shown: "78701 (Austin, TX)", "Travis County, TX"
    state: str
    county: str = ""
    city: str = ""
    zip_code: str = ""
    centre: Point | None = None

    @property
    def area(self) -> Area:
        """The area hotline coverage is decided for (shelters.coverage)."""
        return Area(self.state, self.county, self.zip_code)


def _state_code(text: str) -> str | None:
    text = " ".join(text.split())
    if text.upper() in USState.values:
        return text.upper()
    return STATE_NAMES.get(text.casefold())


def resolve(text: str) -> Region:
    """The region `text` names, or RegionError saying what the box takes."""
    text = " ".join((text or "").split())
    if not text:
        raise RegionError("Type a ZIP code, a city and state, a county and state, or a state.")
    if match := ZIP.match(text):
        place = gazetteer.lookup_zip(match.group(1))
        if place is None:
            raise RegionError(f"{match.group(1)} is not a US ZIP code we know.")
        return Region(
            "zip",
            f"{place.zip_code} ({place.city}, {place.state})",
            place.state,
            county=place.county,
            city=place.city,
            zip_code=place.zip_code,
            centre=place.point,
        )
    if (state := _state_code(text)) is not None:
        return Region("state", USState(state).label, state, centre=gazetteer.state_centroid(state))
    name, _, state_text = text.rpartition(",")
    state = _state_code(state_text) if name else None
    if state is None:
        raise RegionError(
            f'"{text}" is not a place we know. Add the state after a comma, e.g. '
            '"Austin, TX" or "Travis County, TX", or type a ZIP code.'
        )
    name = name.strip()
    county = gazetteer.county_name(name, state)
    if county and (COUNTY_WORDS.search(name) or not gazetteer.city_name(name, state)):
        return Region(
            "county",
            f"{county}, {state}",
            state,
            county=county,
            centre=gazetteer.county_centroid(county, state),
        )
    city = gazetteer.city_name(name, state)
    if city:
        return Region(
            "city",
            f"{city}, {state}",
            state,
            county=gazetteer.city_county(city, state),
            city=city,
            centre=gazetteer.city_centroid(city, state),
        )
    raise RegionError(f'No city or county "{name}" in {USState(state).label}.')


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    """What the box may complete `prefix` to: states, then cities and counties."""
    folded = " ".join((prefix or "").casefold().split())
    if len(folded) < 2:
        return []
    states = [label for label in USState.labels if label.casefold().startswith(folded)]
    return (states + gazetteer.place_names_starting(folded, limit))[:limit]
