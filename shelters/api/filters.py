"""Query parameters of the public list endpoints: the directory's filter sets.

Every parameter is a filter here, including the location, paging and radius ones
that the view applies as ordering and slicing: the filter set validates them all
(shelters.api.strict_params.validate), a bad value becomes a 400 naming the
parameter, and the OpenAPI schema lists them. The generic strict-parameter
machinery (strict fields and filters, unknown and repeated parameters, the
validation itself) is shelters.api.strict_params.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from shelters import coverage, gazetteer, hours, i18n, privacy

# Generic names once defined here, still importable from here ("as" re-exports them).
from shelters.api.strict_params import INTEGER as INTEGER
from shelters.api.strict_params import MAX_TEXT_LENGTH as MAX_TEXT_LENGTH
from shelters.api.strict_params import (
    BoolFilter,
    EnumFilter,
    FloatFilter,
    IntFilter,
    StrictFilterSet,
    StrictForm,
    TextFilter,
    ZipFilter,
    not_a_filter,
    positive,
    refuse_bad_parameters,
)
from shelters.api.strict_params import parameter_errors as parameter_errors
from shelters.choices import (
    HotlineTopic,
    MedicalKind,
    MedicalServiceType,
    Population,
    ShelterKind,
    ShelterService,
    USState,
)
from shelters.geo import Point
from shelters.languages import LANGUAGE_CHOICES
from shelters.models import (
    Guidance,
    Hotline,
    HotlineChannel,
    MedicalService,
    Organization,
    Shelter,
    availability_max_age,
)
from shelters.timestamps import latest_acceptable

MAX_LIMIT = 100
DEFAULT_LIMIT = 10
# Paging reaches the first MAX_RESULTS results of a list and no further (offset +
# limit <= MAX_RESULTS): a deeper page costs work that grows with the directory, and
# a narrower search, or a snapshot, serves anyone who needs more.
MAX_RESULTS = 1_000
MAX_OFFSET = MAX_RESULTS - 1
MAX_RADIUS_KM = 500.0


LANG_HELP = (
    "Language of the texts and labels: en or es. Without it, the Accept-Language "
    "header decides; English when it names neither. A text with no translation is "
    "given in English and named in the object's `text_lang`."
)


def detail_language(query_params: QueryDict) -> str | None:
    """For detail pages, which take `lang` and nothing else: the language asked
    for (None: none was), or a 400 naming `lang`."""
    refuse_bad_parameters(query_params, known=("lang",))
    lang = query_params.get("lang")
    if lang is not None and lang not in i18n.LANGUAGES:
        raise ValidationError({"lang": [f"Give one of {', '.join(i18n.LANGUAGES)}."]})
    return lang


class LocationForm(StrictForm):
    """Resolves `lat`+`lon` or `zip` into cleaned_data["origin"] (and "zip_place")."""

    def clean(self):
        cleaned = super().clean()
        given = {key for key in ("lat", "lon", "zip") if self.data.get(key, "") != ""}
        origin = None
        if given == {"lat"}:
            self.add_error("lon", "Give lon together with lat.")
        elif given == {"lon"}:
            self.add_error("lat", "Give lat together with lon.")
        elif "zip" in given and given & {"lat", "lon"}:
            self.add_error("zip", "Give either zip or lat and lon, not both.")
        elif given == {"lat", "lon"}:
            if cleaned.get("lat") is not None and cleaned.get("lon") is not None:
                origin = Point(cleaned["lat"], cleaned["lon"])
        elif given == {"zip"} and cleaned.get("zip"):
            place = gazetteer.lookup_zip(cleaned["zip"])
            if place is None:
                self.add_error("zip", "Unknown US ZIP code.")
            else:
                origin = place.point
                cleaned["zip_place"] = place
        if cleaned.get("radius_km") is not None and not given:
            self.add_error("radius_km", "radius_km needs a location: lat and lon, or zip.")
        cleaned["origin"] = origin
        return cleaned


class HotlineLocationForm(LocationForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("county") and "state" not in self.data:
            self.add_error("county", "Give county together with state.")
        return cleaned


def _bool(help_text: str, **kwargs) -> BoolFilter:
    return BoolFilter(help_text=f"{help_text} (true or false).", **kwargs)


class PagingFilterSet(StrictFilterSet):
    """Base of the public list endpoints' filter sets: paging and language."""

    limit = IntFilter(
        method=not_a_filter,
        schema={"default": DEFAULT_LIMIT},
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=f"Number of results, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    )
    offset = IntFilter(
        method=not_a_filter,
        schema={"default": 0},
        min_value=0,
        max_value=MAX_OFFSET,
        help_text=f"Results to skip, 0 to {MAX_OFFSET} (default 0); offset + limit "
        f"may be at most {MAX_RESULTS}.",
    )
    lang = EnumFilter(choices=i18n.LANGUAGE_CHOICES, method=not_a_filter, help_text=LANG_HELP)

    @classmethod
    def errors_once_valid(cls, cleaned: dict) -> dict[str, list[str]]:
        deepest = (cleaned.get("offset") or 0) + (cleaned.get("limit") or DEFAULT_LIMIT)
        if deepest > MAX_RESULTS:
            return {
                "offset": [
                    f"offset + limit may be at most {MAX_RESULTS}: paging reaches "
                    f"the first {MAX_RESULTS} results. Narrow the search instead."
                ]
            }
        return {}


class RegionFilterSet(PagingFilterSet):
    state = EnumFilter(choices=USState.choices, help_text="USPS state code, e.g. TX.")
    county = TextFilter(
        method="filter_county",
        help_text='County name, with or without "County", e.g. Travis.',
    )
    city = TextFilter(field_name="public_city", lookup_expr="iexact", help_text="City name.")
    postal_code = ZipFilter(
        field_name="public_postal_code",
        help_text="Five-digit ZIP code of the listing's published address.",
    )
    q = TextFilter(
        method="filter_text",
        help_text="Words to find in names and descriptions.",
    )
    language = EnumFilter(
        choices=LANGUAGE_CHOICES,
        method="filter_has_item",
        field_name="languages",
        help_text="ISO 639-1 code of a language served, e.g. es.",
    )

    def filter_county(self, queryset, name, value):
        return queryset.filter(coverage.public_county_q(value))

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            matches = Q()
            for field in privacy.FREE_TEXT_FIELDS:
                matches |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset

    def filter_has_item(self, queryset, name, value):
        return queryset.filter(**{f"{name}__has_item": value})


class OriginFilterSet(PagingFilterSet):
    lat = FloatFilter(
        method=not_a_filter,
        min_value=-90,
        max_value=90,
        help_text="Latitude of the search origin, WGS-84 degrees in [-90, 90]. "
        "Give with lon. Not stored or logged.",
    )
    lon = FloatFilter(
        method=not_a_filter,
        min_value=-180,
        max_value=180,
        help_text="Longitude of the search origin, WGS-84 degrees in [-180, 180]. "
        "Give with lat. Not stored or logged.",
    )
    zip = ZipFilter(
        method=not_a_filter,
        help_text="Five-digit US ZIP whose centre is the search origin (instead of lat/lon).",
    )

    class Meta:
        form = LocationForm


class GeoFilterSet(OriginFilterSet, RegionFilterSet):
    radius_km = FloatFilter(
        method=not_a_filter,
        schema={"minimum": 0, "exclusiveMinimum": True},
        max_value=MAX_RADIUS_KM,
        validators=[positive],
        help_text=f"Only results within this many km of the origin, (0, {MAX_RADIUS_KM:g}].",
    )

    open_now = _bool("Open now, in the listing's own local time", method="filter_open_now")

    class Meta(OriginFilterSet.Meta):
        pass

    def filter_open_now(self, queryset, name, value):
        condition = hours.open_now_q(self._meta.model, timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class ShelterFilterSet(GeoFilterSet):
    kind = EnumFilter(choices=ShelterKind.choices, help_text="Kind of shelter.")
    population = EnumFilter(
        choices=Population.choices,
        method="filter_has_item",
        field_name="populations",
        help_text="A population the shelter serves.",
    )
    service = EnumFilter(
        choices=ShelterService.choices,
        method="filter_has_item",
        field_name="services",
        help_text="A service the shelter offers.",
    )
    accepts_pets = _bool("Accepts pets")
    accepts_children = _bool("Accepts children")
    boy_age = IntFilter(
        method="filter_boy_age",
        min_value=0,
        max_value=25,
        help_text="Accepts a family with a boy of this age (0 to 25).",
    )
    has_beds = _bool(
        "Has a bed available, reported within the availability window", method="filter_has_beds"
    )
    wheelchair_accessible = _bool("Wheelchair accessible")
    deaf_services = _bool("Has services for deaf and hard-of-hearing people")
    no_id_required = _bool("Requires no ID or documents")
    free_of_charge = _bool("Free of charge")

    class Meta(GeoFilterSet.Meta):
        model = Shelter
        fields: list[str] = []

    def filter_boy_age(self, queryset, name, value):
        return queryset.filter(accepts_children=True).filter(
            Q(max_boy_age__isnull=True) | Q(max_boy_age__gte=value)
        )

    def filter_has_beds(self, queryset, name, value):
        fresh = Q(
            beds_available__gt=0,
            beds_updated_at__gte=timezone.now() - availability_max_age(),
            beds_updated_at__lte=latest_acceptable(),
        )
        return queryset.filter(fresh) if value else queryset.exclude(fresh)


class MedicalServiceFilterSet(GeoFilterSet):
    kind = EnumFilter(choices=MedicalKind.choices, help_text="Kind of medical service.")
    service = EnumFilter(
        choices=MedicalServiceType.choices,
        method="filter_has_item",
        field_name="services",
        help_text="A medical service offered.",
    )
    wheelchair_accessible = _bool("Wheelchair accessible")
    deaf_services = _bool("Has services for deaf and hard-of-hearing people")
    walk_in = _bool("Welcomes walk-ins")

    class Meta(GeoFilterSet.Meta):
        model = MedicalService
        fields: list[str] = []


class HotlineFilterSet(OriginFilterSet):
    topic = EnumFilter(
        choices=HotlineTopic.choices,
        method="filter_topic",
        help_text="A topic the hotline answers.",
    )
    language = EnumFilter(
        choices=LANGUAGE_CHOICES,
        method="filter_language",
        help_text="ISO 639-1 code of a language served on at least one channel.",
    )
    text = _bool("Can be reached by text message", method="filter_text_channel")
    chat = _bool("Can be reached by online chat", method="filter_chat_channel")
    state = EnumFilter(
        choices=USState.choices,
        method=not_a_filter,
        help_text="USPS state code: hotlines covering the nation or any part of this state.",
    )
    county = TextFilter(
        method=not_a_filter,
        help_text="County name (with state): hotlines covering the nation, the state or "
        "this county.",
    )

    class Meta:
        form = HotlineLocationForm
        model = Hotline
        fields: list[str] = []

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__has_item=value)

    def filter_language(self, queryset, name, value):
        channels = HotlineChannel.objects.filter(hotline=OuterRef("pk"), languages__has_item=value)
        return queryset.filter(Q(languages__has_item=value) | Exists(channels))

    def _channel_kind(self, queryset, kind: str, value: bool):
        channels = HotlineChannel.objects.filter(hotline=OuterRef("pk"), kind=kind)
        return queryset.filter(Exists(channels)) if value else queryset.exclude(Exists(channels))

    def filter_text_channel(self, queryset, name, value):
        return self._channel_kind(queryset, "text", value)

    def filter_chat_channel(self, queryset, name, value):
        return self._channel_kind(queryset, "chat", value)


class OrganizationFilterSet(PagingFilterSet):
    """Organisations take paging only."""

    class Meta:
        form = StrictForm
        model = Organization
        fields: list[str] = []


class GuidanceFilterSet(StrictFilterSet):
    """The guidance endpoint's parameters: no location, no paging."""

    state = EnumFilter(
        choices=USState.choices,
        method=not_a_filter,
        help_text="USPS state code: that state's own steps, then the national ones.",
    )
    lang = EnumFilter(choices=i18n.LANGUAGE_CHOICES, method=not_a_filter, help_text=LANG_HELP)

    class Meta:
        form = StrictForm
        model = Guidance
        fields: list[str] = []


class LabelsFilterSet(StrictFilterSet):
    lang = EnumFilter(choices=i18n.LANGUAGE_CHOICES, method=not_a_filter, help_text=LANG_HELP)

    class Meta:
        form = StrictForm
        model = Guidance
        fields: list[str] = []
