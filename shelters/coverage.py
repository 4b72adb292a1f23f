"""Hotline coverage: which hotlines cover a place, and how county names compare.

One rule, in its two forms side by side (as shelters.hours does): `covers()` in
Python, for the in-memory hotline directory, and `covering_q()` as SQL, for
querysets. Both fold county names with `fold_county()`, so "Travis", "travis
county" and "Travis  County" are one county everywhere: in coverage, in the
public county filter and in the disclosure rule that withholds a county; so are
"Doña Ana" and "Dona Ana County", and "St. Louis" and "Saint Louis County".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from shelters import gazetteer
from shelters.choices import Coverage as CoverageKind
from shelters.geo import Point
from shelters.text import without_accents

COUNTY_SUFFIX = " county"
COUNTY_ABBREVIATION = "co"
# Words abbreviated in place names, as they are spelled out: the gazetteer (the
# Postal Service's spellings) has "St. Louis County" and "Saint Louis", people type
# either. shelters.regions reads the place box with the same table.
SPELLED_OUT = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_PUNCTUATION = re.compile("[.'\u2019]")


def plain_words(name: str) -> list[str]:
    """The words of a place name without accents, full stops and apostrophes ("Coeur
    d'Alene" -> Coeur, d, Alene; "Doña" -> Dona): how the gazetteer writes them."""
    return _PUNCTUATION.sub(" ", without_accents(name)).split()


def fold_county(name: str) -> str:
    """A county name as compared: plain_words, case-folded, abbreviations spelled
    out (SPELLED_OUT), no "County" (nor "Co.", as 211 data often writes it; no US
    county's name ends in the word). "Doña Ana County", "DONA ANA" and "dona  ana
    county" are one county, as are "St. Louis County", "Saint Louis" and "St Louis Co"."""
    words = [SPELLED_OUT.get(word, word) for word in map(str.casefold, plain_words(name))]
    if len(words) > 1 and words[-1] == COUNTY_ABBREVIATION:
        words.pop()
    return " ".join(words).removesuffix(COUNTY_SUFFIX).strip()


def public_county_q(name: str) -> Q:
    """Listings whose public county is `name`'s county: `fold_county` of both,
    the listing's stored at every save (privacy.public_location_values)."""
    return Q(public_county_key=fold_county(name))


def area_county_q(name: str) -> Q:
    """Hotline areas whose county is `name`'s county: `fold_county` of both, the
    area's stored at every save (shelters.derived.fill_county_key)."""
    return Q(county_key=fold_county(name))


@dataclass(frozen=True)
class Area:
    """Where a person is, as coarse as hotline coverage needs: state, county, ZIP."""

    state: str
    county: str = ""
    zip_code: str = ""


def area_for(
    origin: Point | None = None,
    zip_place: gazetteer.ZipPlace | None = None,
    state: str = "",
    county: str = "",
) -> Area | None:
    """The area of a search: from its ZIP, else the ZIP nearest its point, else the
    state (and county) it names; None when nothing places it."""
    if zip_place is None and origin is not None:
        zip_place = gazetteer.nearest_zip(origin)
    if zip_place is not None:
        return Area(zip_place.state, zip_place.county, zip_place.zip_code)
    if state:
        return Area(state, county)
    return None


# The rule: a national hotline covers everywhere. A regional one covers an area
# given with a county or ZIP when one of its areas is that whole state, that
# county of that state, or that ZIP; it covers an area given by state alone when
# any of its areas lies in that state. A ZIP area counts only in its own state, so
# a ZIP entered under the wrong state covers nothing rather than another state.


@dataclass(frozen=True)
class Coverage:
    """One hotline's coverage, for the Python form of the rule."""

    national: bool
    states: frozenset[str]  # whole states
    counties: frozenset[tuple[str, str]]  # (state, folded county)
    zip_codes: frozenset[tuple[str, str]]  # (state, ZIP)
    any_state: frozenset[str]  # states with any coverage at all

    @classmethod
    def of(cls, national: bool, areas) -> Coverage:
        """From HotlineArea rows (or anything with state, county, postal_code)."""
        return cls(
            national=national,
            states=frozenset(a.state for a in areas if not a.county and not a.postal_code),
            counties=frozenset(
                (a.state, fold_county(a.county)) for a in areas if a.county and not a.postal_code
            ),
            zip_codes=frozenset((a.state, a.postal_code) for a in areas if a.postal_code),
            any_state=frozenset(a.state for a in areas),
        )

    def covers(self, area: Area | None) -> bool:
        """Python form of the rule; `area_q` is the SQL form."""
        if self.national:
            return True
        if area is None:
            return False
        if area.county or area.zip_code:
            return (
                area.state in self.states
                or bool(area.county and (area.state, fold_county(area.county)) in self.counties)
                or bool(area.zip_code and (area.state, area.zip_code) in self.zip_codes)
            )
        return area.state in self.any_state

    def reach(self, area: Area | None) -> int:
        """How local the coverage of `area` is: 0 its ZIP, 1 its county, 2 its state
        (or wider), 3 national. Python form of the order in hotlines_covering."""
        if self.national:
            return 3
        if area is not None and area.zip_code and (area.state, area.zip_code) in self.zip_codes:
            return 0
        county = (area.state, fold_county(area.county)) if area is not None else None
        if area is not None and area.county and county in self.counties:
            return 1
        return 2


def area_q(area: Area) -> Q:
    """SQL form of the rule for a regional hotline, on HotlineArea rows: the rows
    that put `area` inside the hotline's coverage. See Coverage.covers."""
    if not (area.county or area.zip_code):
        return Q(state=area.state)
    place = Q(state=area.state, county="", postal_code="")
    if area.county:
        place |= Q(state=area.state, postal_code="") & area_county_q(area.county)
    if area.zip_code:
        place |= Q(state=area.state, postal_code=area.zip_code)
    return place


def hotlines_covering(queryset: QuerySet, area: Area | None) -> QuerySet:
    """Hotlines of `queryset` covering `area` (SQL form): the most local first (a
    ZIP, then a county, then a state, then national ones), and at each reach the
    lines answered 24/7 first; all of them when the area is unknown."""
    from shelters.models import HotlineArea, HotlineChannel

    if area is None:
        return queryset
    rows = HotlineArea.objects.filter(hotline=OuterRef("pk"))
    reach = [When(coverage=CoverageKind.NATIONAL, then=Value(3))]
    if area.zip_code:
        zip_rows = rows.filter(state=area.state, postal_code=area.zip_code)
        reach.append(When(Exists(zip_rows), then=Value(0)))
    if area.county:
        county_rows = rows.filter(area_county_q(area.county), state=area.state)
        reach.append(When(Exists(county_rows.filter(postal_code="")), then=Value(1)))
    always_open = HotlineChannel.objects.filter(hotline=OuterRef("pk"), available_24_7=True)
    return (
        queryset.filter(Q(coverage=CoverageKind.NATIONAL) | Exists(rows.filter(area_q(area))))
        .annotate(
            _reach=Case(*reach, default=Value(2), output_field=IntegerField()),
            _always_open=Exists(always_open),
        )
        .order_by("_reach", "-_always_open", "name", "id")
    )


def hotlines_touching_state(queryset: QuerySet, state: str) -> QuerySet:
    """Hotlines of `queryset` covering any part of `state` (a state's snapshot)."""
    return hotlines_covering(queryset, Area(state)).order_by("name", "id")


def hotlines_listing_area(queryset: QuerySet, area: Area) -> QuerySet:
    """Regional hotlines of `queryset` that list `area` itself (the ZIP, else the
    county, else the whole state) among their areas: the staff console's "located
    in", since a hotline has no address. National and wider ones are left out."""
    from shelters.models import HotlineArea

    if area.zip_code:
        place = Q(state=area.state, postal_code=area.zip_code)
    elif area.county:
        place = Q(state=area.state, postal_code="") & area_county_q(area.county)
    else:
        place = Q(state=area.state, county="", postal_code="")
    rows = HotlineArea.objects.filter(place, hotline=OuterRef("pk"))
    return queryset.filter(Exists(rows)).order_by("name", "id")
