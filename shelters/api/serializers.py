"""The documented shape of the public payload, for the OpenAPI schema.

Responses are built by the plain functions of shelters.public (they are several
times faster); tests/test_public_payload.py holds both to the same output.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from shelters import hours, privacy
from shelters.geo import km_to_miles
from shelters.public import dial_string


class OrganizationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    website = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class OrganizationSerializer(OrganizationSummarySerializer):
    description = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "enum": ["en", "es"]},
        "description": "Each text of this object that is not in the language asked for "
        "(no translation was written), with the language it is in, e.g. "
        '{"description": "en"}. Empty when every text is in the language asked for.',
    }
)
class TextLanguageField(serializers.Field):
    """Documents `text_lang` (shelters.public); the fast payload fills it."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> dict:
        return {}


class PhoneSerializer(serializers.Serializer):
    type = serializers.CharField()
    number = serializers.CharField(help_text="As published, e.g. 1-800-799-7233.")
    dial = serializers.SerializerMethodField(help_text="Digits to dial, e.g. +18007997233.")
    available_24_7 = serializers.BooleanField()
    hours = serializers.CharField(allow_blank=True)
    text_lang = TextLanguageField()

    def get_dial(self, phone) -> str:
        return dial_string(phone.number)


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "09:00"})
class ClockTimeField(serializers.TimeField):
    """Local wall-clock time as HH:MM (not an RFC 3339 time, which needs an offset)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class HoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6, help_text="0 is Monday.")
    opens = ClockTimeField()
    closes = ClockTimeField(help_text="At or before `opens` when the span runs past midnight.")


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField(allow_null=True, help_text="Null unless the address is public.")
    city = serializers.CharField(allow_null=True, help_text="Null when finer than the public area.")
    county = serializers.CharField(allow_null=True, help_text="Null when hidden.")
    state = serializers.CharField()
    postal_code = serializers.CharField(
        allow_null=True, help_text="Null unless the address is public."
    )
    country = serializers.CharField()


class LocationSerializer(serializers.Serializer):
    lat = serializers.FloatField()
    lon = serializers.FloatField()
    approximate = serializers.BooleanField(
        help_text="True when this is a coarse public point, not the listing's own."
    )


class BedsSerializer(serializers.Serializer):
    total = serializers.IntegerField(allow_null=True)
    available = serializers.IntegerField(
        allow_null=True, help_text="Null when unknown or older than the availability window."
    )
    updated_at = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="Whether `available` is recent enough to trust.")


NULLABLE_DISTANCE = {
    "type": "number",
    "format": "double",
    "nullable": True,
    "description": "Great-circle distance from the search origin; null without one.",
}


class PlaceFieldsMixin(serializers.Serializer):
    """Address, public point, distance and opening state shared by located listings."""

    address = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField()
    distance_mi = serializers.SerializerMethodField()
    timezone = serializers.SerializerMethodField(
        help_text="IANA zone; for a hidden shelter its state's, or null where the state has "
        "more than one. `open_now` is evaluated in this zone."
    )
    open_24_7 = serializers.BooleanField()
    open_now = serializers.SerializerMethodField()
    hours = HoursSerializer(many=True)
    phones = PhoneSerializer(many=True)

    @extend_schema_field(AddressSerializer)
    def get_address(self, obj) -> dict:
        return privacy.public_address(obj)

    @extend_schema_field(
        LocationSerializer(
            allow_null=True,
            help_text="The public point; approximate for an area-only shelter, null for a "
            "hidden one.",
        )
    )
    def get_location(self, obj) -> dict | None:
        return privacy.public_location(obj)

    def get_timezone(self, obj) -> str | None:
        return privacy.public_timezone(obj)

    @extend_schema_field(NULLABLE_DISTANCE)
    def get_distance_km(self, obj) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return None if distance is None else round(distance, 3)

    @extend_schema_field(NULLABLE_DISTANCE)
    def get_distance_mi(self, obj) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return None if distance is None else round(km_to_miles(distance), 3)

    def get_open_now(self, obj) -> bool:
        return hours.is_open(
            obj.open_24_7, obj.hours.all(), privacy.public_timezone(obj), self._now()
        )

    def _now(self):
        if "now" not in self.context:
            self.context["now"] = timezone.now()
        return self.context["now"]


class ListingFieldsMixin(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    text_lang = TextLanguageField()
    organization = OrganizationSummarySerializer()
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1 codes.")
    last_verified = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField(
        source="public_updated_at",
        allow_null=True,
        help_text="When a field shown here last changed.",
    )


class ShelterSerializer(ListingFieldsMixin, PlaceFieldsMixin):
    kind = serializers.CharField()
    location_disclosure = serializers.CharField(
        help_text="public (address shown), area (approximate point) or hidden (state only)."
    )
    populations = serializers.ListField(child=serializers.CharField())
    accepts_children = serializers.BooleanField()
    max_boy_age = serializers.IntegerField(
        allow_null=True, help_text="Oldest age of boys accepted; null when there is no limit."
    )
    accepts_pets = serializers.BooleanField()
    wheelchair_accessible = serializers.BooleanField()
    deaf_services = serializers.BooleanField()
    services = serializers.ListField(child=serializers.CharField())
    no_id_required = serializers.BooleanField()
    free_of_charge = serializers.BooleanField()
    beds = serializers.SerializerMethodField()

    @extend_schema_field(BedsSerializer)
    def get_beds(self, shelter) -> dict:
        current = shelter.availability_is_current(self._now())
        return {
            "total": shelter.beds_total,
            "available": shelter.beds_available if current else None,
            "updated_at": serializers.DateTimeField().to_representation(shelter.beds_updated_at)
            if shelter.beds_updated_at
            else None,
            "current": current,
        }


class MedicalServiceSerializer(ListingFieldsMixin, PlaceFieldsMixin):
    kind = serializers.CharField()
    services = serializers.ListField(child=serializers.CharField())
    wheelchair_accessible = serializers.BooleanField()
    deaf_services = serializers.BooleanField()
    accessibility_notes = serializers.CharField(allow_blank=True)
    cost = serializers.CharField()
    walk_in = serializers.BooleanField()


class HotlineAreaSerializer(serializers.Serializer):
    state = serializers.CharField()
    county = serializers.CharField(allow_blank=True)
    postal_code = serializers.CharField(allow_blank=True)


class HotlineChannelSerializer(serializers.Serializer):
    kind = serializers.CharField()
    number = serializers.CharField(allow_blank=True, help_text="Number, or short code for text.")
    dial = serializers.SerializerMethodField()
    keyword = serializers.CharField(allow_blank=True, help_text="Word to text, e.g. START.")
    url = serializers.CharField(allow_blank=True, help_text="Chat address.")
    available_24_7 = serializers.BooleanField()
    hours = HoursSerializer(many=True)
    languages = serializers.ListField(child=serializers.CharField())
    notes = serializers.CharField(allow_blank=True)
    text_lang = TextLanguageField()

    def get_dial(self, channel) -> str:
        return dial_string(channel.number)


class HotlineSerializer(ListingFieldsMixin):
    topics = serializers.ListField(child=serializers.CharField())
    coverage = serializers.CharField(help_text="national, or regional (see areas).")
    areas = HotlineAreaSerializer(many=True)
    channels = HotlineChannelSerializer(many=True)


class EmergencySerializer(serializers.Serializer):
    number = serializers.CharField()
    text = serializers.CharField()


class PageSerializer(serializers.Serializer):
    """Documents the list envelope; the view builds it."""

    count = serializers.IntegerField(help_text="Matching listings, counted up to a cap.")
    count_capped = serializers.BooleanField(
        help_text="True when there are more matches than `count` says."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    emergency = EmergencySerializer()


class GuidanceReferenceSerializer(serializers.Serializer):
    state = serializers.CharField(
        allow_null=True, help_text="The searched place's state; null when none was found."
    )
    url = serializers.CharField(help_text="The guidance for that state, in the answer's language.")


def page_serializer(
    item: type[serializers.Serializer],
    with_hotlines: bool,
    extra: dict | None = None,
    with_guidance: bool = False,
) -> type:
    fields = {"results": item(many=True), **(extra or {})}
    if with_guidance:
        fields["guidance"] = GuidanceReferenceSerializer(
            allow_null=True,
            help_text="In a location search: where the safety guidance for the searched "
            "state is (GET it; it is cacheable). Null without a location.",
        )
    if with_hotlines:
        fields["hotlines"] = HotlineSerializer(
            many=True,
            allow_null=True,
            help_text="In a location search: the hotlines covering that place, local first.",
        )
    page = type(f"{item.__name__.removesuffix('Serializer')}Page", (PageSerializer,), fields)
    # The envelope is one object, not a list of them.
    return extend_schema_serializer(many=False)(page)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each bad parameter, with what is wrong with it.",
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# What every throttled public endpoint answers past PUBLIC_THROTTLE_RATE.
THROTTLED = OpenApiResponse(DetailSerializer, "Too many requests; see Retry-After.")


class SnapshotSummarySerializer(serializers.Serializer):
    region = serializers.CharField(help_text="USPS state code, or US.")
    url = serializers.URLField()
    listing_count = serializers.IntegerField()
    size_bytes = serializers.IntegerField(help_text="Size of the JSON document.")
    gzip_bytes = serializers.IntegerField(help_text="Size when fetched with gzip.")
    version = serializers.CharField(help_text="Changes whenever the content does.")
    generated_at = serializers.DateTimeField()


class SnapshotListSerializer(serializers.Serializer):
    snapshots = SnapshotSummarySerializer(many=True)


class GuidanceStepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    topic = serializers.CharField(help_text="immediate_danger, police, medical, find_shelter...")
    order = serializers.IntegerField(help_text="Position within the topic.")
    title = serializers.CharField()
    body = serializers.CharField()
    scope = serializers.CharField(help_text="national, or the USPS code of the state it is for.")
    lang = serializers.CharField(
        help_text="The language this step is in: the one asked for, or en when it has none."
    )
    reviewed_on = serializers.DateField(help_text="When the text was last checked.")


class GuidanceSerializer(serializers.Serializer):
    state = serializers.CharField(allow_null=True)
    lang = serializers.CharField(help_text="The language asked for.")
    topics = serializers.DictField(
        child=serializers.CharField(), help_text="Each topic's heading in that language."
    )
    steps = GuidanceStepSerializer(many=True)


TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "The listing's texts written in another language than English, by "
    'language: {"es": {"description": ..., "phones": [{"hours": ...}]}}. Parts follow '
    "the order of `phones` or `channels`, with an empty text where a part has none.",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": {
            "oneOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            ]
        },
    },
}


@extend_schema_field(TRANSLATIONS_SCHEMA)
class TranslationsField(serializers.Field):
    """Documents a snapshot item's `translations` (shelters.public.translations)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> dict:
        return {}


class SnapshotShelterSerializer(ShelterSerializer):
    """A shelter as the search API shows it, less what depends on the moment or on
    the searcher (distance, open now, bed availability: see the availability feed)."""

    distance_km = None
    distance_mi = None
    open_now = None
    beds = None
    beds_total = serializers.IntegerField(allow_null=True)
    translations = TranslationsField()


class SnapshotMedicalServiceSerializer(MedicalServiceSerializer):
    distance_km = None
    distance_mi = None
    open_now = None
    translations = TranslationsField()


class SnapshotHotlineSerializer(HotlineSerializer):
    translations = TranslationsField()


class SnapshotDocumentSerializer(serializers.Serializer):
    version = serializers.CharField()
    generated_at = serializers.DateTimeField()
    format = serializers.CharField(help_text="shelter-directory-snapshot/1")
    region = serializers.CharField()
    shelters = SnapshotShelterSerializer(many=True)
    medical_services = SnapshotMedicalServiceSerializer(many=True)
    hotlines = SnapshotHotlineSerializer(many=True)
    guidance = serializers.DictField(
        child=GuidanceSerializer(),
        help_text="The region's safety guidance by language (en, es), as /api/v1/guidance/ "
        "serves it.",
    )


class AvailabilityRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    beds_available = serializers.IntegerField(
        allow_null=True, help_text="Null when unknown or older than the availability window."
    )
    beds_total = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class AvailabilitySerializer(serializers.Serializer):
    region = serializers.CharField()
    shelters = AvailabilityRowSerializer(many=True)


class LabelsSerializer(serializers.Serializer):
    lang = serializers.CharField()
    vocabularies = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="For each vocabulary (populations, services...), each code's label.",
    )
