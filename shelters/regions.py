"""What a place box means: a ZIP, "City, ST", a county or a state.

One reading for both boxes: the staff console's region box and the public search
page's place box. Read from the offline gazetteer only: where a caller or a
survivor is never leaves the server.

The gazetteer spells places as the Postal Service does ("Saint Louis", "Coeur D
Alene", "Ft Mitchell", "Dona Ana County"); people type "St. Louis", "Coeur
d'Alene", "Fort Mitchell" and "Doña Ana". `_spellings` gives the ways a typed
name may be spelled there, tried in turn.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from shelters import gazetteer
from shelters.choices import USState
from shelters.coverage import SPELLED_OUT, Area, plain_words
from shelters.geo import Point

ZIP = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")
# A ZIP after a place ("Austin, TX 78701"): the most precise part of what was typed.
TRAILING_ZIP = re.compile(r"[\s,](\d{5})(?:-\d{4})?$")
# The country after a place ("Austin, TX, USA"): every place here is in it.
TRAILING_COUNTRY = re.compile(
    r"[\s,]+(?:u\.?s\.?a?\.?|united states(?: of america)?)$", re.IGNORECASE
)
COUNTY_WORDS = re.compile(r"\s+(county|parish|borough)$", re.IGNORECASE)
STATE_NAMES = {label.casefold(): code for code, label in USState.choices}
# Words spelled out or abbreviated in place names, either way in the gazetteer.
ABBREVIATIONS = tuple({short, full} for short, full in SPELLED_OUT.items())
# At most this many spellings of one typed name are looked up.
MAX_SPELLINGS = 16


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
    """ "TX", "tx", "Tx.", "D.C." or "Texas": the state's code, or None."""
    text = " ".join(text.split())
    code = re.sub(r"[.\s]", "", text).upper()
    if code in USState.values:
        return code
    return STATE_NAMES.get(text.casefold())


def _spellings(name: str) -> list[str]:
    """`name` as typed, then as the gazetteer may spell it: without accents, with
    apostrophes and full stops as spaces, each of ABBREVIATIONS either way, and
    without a trailing "City" ("New York City")."""
    words = plain_words(name)
    plain = " ".join(words)
    choices = [
        next((sorted(pair) for pair in ABBREVIATIONS if word.casefold() in pair), [word])
        for word in words
    ]
    found = [name, plain]
    for combination in itertools.islice(itertools.product(*choices), MAX_SPELLINGS):
        found.append(" ".join(combination))
    if len(words) > 1 and words[-1].casefold() == "city":
        found.append(" ".join(words[:-1]))
    return list(dict.fromkeys(found))[:MAX_SPELLINGS]


def _first(lookup, name: str, state: str) -> str | None:
    """The gazetteer's name for the first spelling of `name` it knows in `state`."""
    for spelling in _spellings(name):
        if found := lookup(spelling, state):
            return found
    return None


def _splits(text: str) -> list[tuple[str, str]]:
    """The ways `text` divides into a place and its state: at its last comma
    ("Austin, TX"), else before its last three, two or one words, the longest state
    name first ("Charleston West Virginia" is in West Virginia, not Virginia)."""
    name, _comma, state_text = text.rpartition(",")
    if name:
        state = _state_code(state_text)
        return [(name.strip(), state)] if state and name.strip() else []
    words = text.split()
    return [
        (" ".join(words[:-count]), state)
        for count in (3, 2, 1)
        if len(words) > count and (state := _state_code(" ".join(words[-count:])))
    ]


def _zip_region(zip_code: str) -> Region:
    place = gazetteer.lookup_zip(zip_code)
    if place is None:
        raise RegionError(_("We do not know the ZIP code %(zip)s.") % {"zip": zip_code})
    return Region(
        "zip",
        f"{place.zip_code} ({place.city}, {place.state})",
        place.state,
        county=place.county,
        city=place.city,
        zip_code=place.zip_code,
        centre=place.point,
    )


def _place_with_zip(before: str, zip_code: str) -> Region:
    """ "Austin, TX 78701": the ZIP, the most precise part, when it lies in the state
    typed before it; the place alone when the ZIP is unknown. A ZIP of another state
    is refused, not followed: one mistyped digit ("Austin, TX 87701") would move the
    search hundreds of kilometres, with only the ZIP shown."""
    typed = [state for _name, state in _splits(before)]
    if not typed and (state := _state_code(before)) is not None:
        typed = [state]  # "TX 78701"
    place = gazetteer.lookup_zip(zip_code)
    if place is None:
        return resolve(before) if typed else _zip_region(zip_code)
    if typed and place.state not in typed:
        raise RegionError(
            _("ZIP code %(zip)s is in %(zip_state)s, not %(state)s. Check it, or leave it out.")
            % {
                "zip": zip_code,
                "zip_state": USState(place.state).label,
                "state": USState(typed[0]).label,
            }
        )
    return _zip_region(zip_code)


def _place_in(name: str, state: str) -> Region | None:
    """The county or city `name` of `state`: the county when the name says so or
    no city has it, else the city; None when the gazetteer knows neither."""
    county = _first(gazetteer.county_name, name, state)
    city = _first(gazetteer.city_name, name, state)
    if county and (COUNTY_WORDS.search(name) or not city):
        return Region(
            "county",
            f"{county}, {state}",
            state,
            county=county,
            centre=gazetteer.county_centroid(county, state),
        )
    if city:
        return Region(
            "city",
            f"{city}, {state}",
            state,
            county=gazetteer.city_county(city, state),
            city=city,
            centre=gazetteer.city_centroid(city, state),
        )
    return None


def resolve(text: str) -> Region:
    """The region `text` names, or RegionError saying, in the active language,
    what the box takes."""
    text = " ".join((text or "").split())
    text = TRAILING_COUNTRY.sub("", text).strip(" ,")
    if not text:
        raise RegionError(_("Type a ZIP code, a city and state, a county and state, or a state."))
    if match := ZIP.match(text):
        return _zip_region(match.group(1))
    if match := TRAILING_ZIP.search(text):
        return _place_with_zip(text[: match.start()].strip(" ,"), match.group(1))
    if (state := _state_code(text)) is not None:
        return Region("state", USState(state).label, state, centre=gazetteer.state_centroid(state))
    splits = _splits(text)
    if not splits:
        raise RegionError(
            _(
                '"%(text)s" is not a place we know. Type a five-digit ZIP code, or a city '
                'or county with its state after a comma, like "Austin, TX" or "Travis County, TX".'
            )
            % {"text": text}
        )
    for name, state in splits:
        if (region := _place_in(name, state)) is not None:
            return region
    name, state = splits[0]
    raise RegionError(
        _('No city or county "%(name)s" in %(state)s.')
        % {"name": name, "state": USState(state).label}
    )


def suggestions(prefix: str, limit: int = 8) -> list[str]:
    """What the box may complete `prefix` to: states, then cities and counties."""
    folded = " ".join((prefix or "").casefold().split())
    if len(folded) < 2:
        return []
    states = [label for label in USState.labels if label.casefold().startswith(folded)]
    return (states + gazetteer.place_names_starting(folded, limit))[:limit]
