"""Query parameters of the public list endpoints, declared and validated in one place.

Every parameter is a filter here, including the location, paging and radius ones
that the view applies as ordering and slicing: django-filter validates them all,
a bad value becomes a 400 naming the parameter, and the OpenAPI schema lists them.
"""

from __future__ import annotations

import copy
import math
import re

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from shelters import coverage, gazetteer, hours, i18n, privacy
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

INTEGER = re.compile(r"^[+-]?[0-9]+$")
# ASCII only: float() and int() also read full-width and Arabic-Indic digits, and
# "1_000"; the schema promises plain decimal numbers.
DECIMAL = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
ZIP = re.compile(r"^[0-9]{5}$")
MAX_LIMIT = 100
DEFAULT_LIMIT = 10
# Paging reaches the first MAX_RESULTS results of a list and no further (offset +
# limit <= MAX_RESULTS): a deeper page costs work that grows with the directory, and
# a narrower search, or a snapshot, serves anyone who needs more.
MAX_RESULTS = 1_000
MAX_OFFSET = MAX_RESULTS - 1
MAX_RADIUS_KM = 500.0
MAX_TEXT_LENGTH = 100
TRUE_VALUES = ("true", "1")
FALSE_VALUES = ("false", "0")


class FiniteFloatField(forms.FloatField):
    """A float that must be finite: Django already refuses NaN and Infinity here,
    and this keeps it so whatever the version."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not DECIMAL.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not math.isfinite(value):
            raise forms.ValidationError("Enter a finite number.", code="invalid")


class StrictBooleanField(forms.TypedChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.pop("empty_label", None)
        super().__init__(
            *args,
            choices=[(v, v) for v in (*TRUE_VALUES, *FALSE_VALUES)],
            coerce=lambda value: value in TRUE_VALUES,
            empty_value=None,
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value.lower() if isinstance(value, str) else value)

    def valid_value(self, value):
        return value in (*TRUE_VALUES, *FALSE_VALUES)


def _copy_filter(declared: filters.Filter, parent, model) -> filters.Filter:
    declared.field  # noqa: B018 - builds the form field once, on the declared filter
    clone = copy.copy(declared)
    clone.model = model
    clone.parent = parent
    if declared.method:
        clone.method = declared.method  # re-binds the method wrapper to the clone
    return clone


def _documented(filter_: filters.Filter, schema: dict) -> None:
    """Give the OpenAPI schema the parameter's real type, range and description."""
    description = filter_.extra.get("help_text")
    extend_schema_field({**schema, **({"description": description} if description else {})})(
        filter_
    )


def _range_schema(base: dict, kwargs: dict) -> dict:
    schema = dict(base)
    if kwargs.get("min_value") is not None:
        schema["minimum"] = kwargs["min_value"]
    if kwargs.get("max_value") is not None:
        schema["maximum"] = kwargs["max_value"]
    return schema


class FloatFilter(filters.Filter):
    field_class = FiniteFloatField

    def __init__(self, *args, schema: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        base = {"type": "number", "format": "double", **(schema or {})}
        _documented(self, _range_schema(base, kwargs))


class StrictIntegerField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "10.0" and "1e1"-like input
    that the schema (type: integer) says is not an integer."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not INTEGER.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IntFilter(filters.Filter):
    field_class = StrictIntegerField

    def __init__(self, *args, schema: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _documented(self, _range_schema({"type": "integer", **(schema or {})}, kwargs))


class BoolFilter(filters.Filter):
    """`true`/`false` (or 1/0); anything else is a 400, not silently ignored."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _documented(self, {"type": "boolean"})


class TextFilter(filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_TEXT_LENGTH)
        super().__init__(*args, **kwargs)
        _documented(self, {"type": "string", "maxLength": kwargs["max_length"]})


class EnumFilter(filters.ChoiceFilter):
    """A closed vocabulary. The form gets its choices through a function: forms
    deep-copy their fields on every request, and copying a function is free where
    copying 178 language pairs is not. The schema lists the values."""

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, choices=lambda: choices, **kwargs)
        _documented(self, {"type": "string", "enum": [value for value, _label in choices]})


class ZipField(forms.CharField):
    """Five ASCII digits, exactly as given: " " or "abcde" is a 400, never a
    silently dropped filter or search location."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, strip=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values and not ZIP.match(value):
            raise forms.ValidationError("Enter a five-digit ZIP code.", code="invalid")


class ZipFilter(filters.CharFilter):
    field_class = ZipField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _documented(self, {"type": "string", "pattern": "^[0-9]{5}$"})


def not_a_filter(queryset: QuerySet, name: str, value) -> QuerySet:
    """For parameters the view applies itself (origin, radius, paging)."""
    return queryset


# An empty value reads as "no filter" only for free text; for a number, a choice,
# a boolean or a ZIP it is a mistake worth a 400.
FREE_TEXT_PARAMETERS = frozenset({"q", "city", "county"})


def parameter_errors(query_params: QueryDict, known=()) -> dict[str, list[str]]:
    """What is wrong with the parameters' names and counts: unknown, repeated, or
    empty (free text may be empty). Every public endpoint holds to this."""
    errors = {}
    for key in query_params:
        if key not in known:
            errors[key] = ["Unknown parameter."]
        elif len(query_params.getlist(key)) > 1:
            errors[key] = ["Give this parameter at most once."]
        elif not query_params[key].strip() and key not in FREE_TEXT_PARAMETERS:
            errors[key] = ["Give a value, or leave the parameter out."]
    return errors


def refuse_bad_parameters(query_params: QueryDict, known=()) -> None:
    """For endpoints without a filter set (details, snapshots): a 400 naming each
    parameter that is unknown, repeated or empty."""
    errors = parameter_errors(query_params, known)
    if errors:
        raise ValidationError(errors)


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


class StrictForm(forms.Form):
    """Refuses unknown and repeated parameters: a typo such as `accept_pets=true`
    must not silently widen a survivor's search."""

    def clean(self):
        cleaned = super().clean()
        for key, messages in parameter_errors(self.data, self.fields).items():
            self._errors[key] = self.error_class(messages)
        return cleaned


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


def _positive(value: float) -> None:
    if value is not None and value <= 0:
        raise forms.ValidationError("Ensure this value is greater than 0.", code="min_value")


def _bool(help_text: str, **kwargs) -> BoolFilter:
    return BoolFilter(help_text=f"{help_text} (true or false).", **kwargs)


class PagingFilterSet(filters.FilterSet):
    """Base of every public filter set.

    django-filter deep-copies every declared filter, choices and all, for each
    request; that copying cost more than the search itself. Filters are never
    changed after declaration, so each request gets shallow copies instead.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # FilterSet.__init__ less its deepcopy of base_filters.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {
            name: _copy_filter(declared, self, queryset.model)
            for name, declared in self.base_filters.items()
        }

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

    def filter_queryset(self, queryset):
        # The form also resolves values that are not filters (the search origin).
        for name, declared in self.filters.items():
            queryset = declared.filter(queryset, self.form.cleaned_data.get(name))
        return queryset


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
        return queryset.filter(coverage.county_q("public_county", value))

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
        validators=[_positive],
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


class GuidanceFilterSet(filters.FilterSet):
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


class LabelsFilterSet(filters.FilterSet):
    lang = EnumFilter(choices=i18n.LANGUAGE_CHOICES, method=not_a_filter, help_text=LANG_HELP)

    class Meta:
        form = StrictForm
        model = Guidance
        fields: list[str] = []
