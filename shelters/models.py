"""The directory's listings: organisations, shelters, hotlines and medical services."""

from __future__ import annotations

import uuid
from datetime import timedelta
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from simple_history.models import HistoricalRecords

from shelters import gazetteer, privacy, search
from shelters.choices import (
    ChannelKind,
    Cost,
    Coverage,
    Disclosure,
    GuidanceLanguage,
    GuidanceTopic,
    HotlineTopic,
    MedicalKind,
    MedicalServiceType,
    PhoneType,
    PointSource,
    Population,
    ShelterKind,
    ShelterService,
    Status,
    USState,
    Weekday,
)
from shelters.constraints import OneQueryConstraints
from shelters.fields import ChoiceListField
from shelters.geo import Point
from shelters.languages import LANGUAGE_CHOICES
from shelters.timestamps import latest_acceptable, latest_acceptable_date, not_in_the_future

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().\-]{1,24}$",
    "Enter a phone number of digits, spaces, dashes, dots or brackets, e.g. 1-800-799-7233.",
)


def validate_timezone(value: str) -> None:
    if value and value not in available_timezones():
        raise ValidationError("Enter an IANA time zone such as America/Chicago.")


# The longest public text (README "Text limits"). Names, addresses and notes are
# CharFields whose max_length Django already checks in full_clean/clean_fields;
# descriptions are TextFields, whose max_length only reaches forms, so they carry
# the validator too. Every path that writes them (admin forms, spreadsheet rows
# through full_clean, HSDS loads through clean_fields) refuses longer text; a row
# stored longer before the limit keeps its text until it is next saved through one
# of those paths, which then asks for it to be shortened.
DESCRIPTION_MAX_LENGTH = 4000
# Read aloud on a call: a few lines, not a manual.
STAFF_NOTES_MAX_LENGTH = 2000


def description_field() -> models.TextField:
    return models.TextField(
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
        help_text=f"At most {DESCRIPTION_MAX_LENGTH:,} characters.",
    )


postal_code_validator = RegexValidator(r"^\d{5}(-\d{4})?$", "Enter a US ZIP code like 78701.")


def exchange_id() -> models.UUIDField:
    """The record's identity outside this database: stable across HSDS exports and
    imports, where primary keys are not."""
    return models.UUIDField(
        "HSDS id", default=uuid.uuid4, unique=True, editable=False,
        help_text="Identifies the record in Open Referral HSDS exports and imports.",
    )  # fmt: skip


def change_history(**kwargs) -> HistoricalRecords:
    """Who changed what and when, shown and revertible in the admin."""
    return HistoricalRecords(**kwargs)


class Organization(models.Model):
    hsds_id = exchange_id()
    name = models.CharField(max_length=200)
    description = description_field()
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = change_history()

    def __str__(self) -> str:
        return self.name


def staff_member(**kwargs) -> models.ForeignKey:
    """Who did something to a listing: set by the code, kept if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        **kwargs,
    )


class Membership(models.Model):
    """An advocate works for an organisation and keeps its listings."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organization}"


class ListingQuerySet(models.QuerySet):
    def published(self) -> ListingQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def verification_due(self, today=None) -> ListingQuerySet:
        """Live listings nobody has confirmed within VERIFICATION_MAX_AGE_DAYS."""
        today = today or timezone.localdate()
        cutoff = today - timedelta(days=settings.VERIFICATION_MAX_AGE_DAYS)
        # A date in the future (stored before shelters.timestamps refused one)
        # is no verification at all.
        return self.exclude(status=Status.ARCHIVED).filter(
            Q(last_verified__isnull=True)
            | Q(last_verified__lt=cutoff)
            | Q(last_verified__gt=max(today, latest_acceptable_date()))
        )

    def nearest(self, origin: Point, k: int, radius_km: float | None = None, skip: int = 0) -> list:
        """The `k` listings nearest `origin` by their public point, nearest first,
        each with `distance_km` set, less the first `skip`. See shelters.search."""
        return search.nearest(self, origin, k, radius_km, skip)

    def within(self, origin: Point, radius_km: float) -> ListingQuerySet:
        return search.within(self, origin, radius_km)


class Listing(models.Model):
    """What every listing type shares: owner, name, publication status, verification.

    Listings and their parts have no Meta.ordering: an implicit ORDER BY turned the
    snapshot list's DISTINCT state into one row per listing and joined the hotline
    table into every channel prefetch. Whoever reads them orders them (admin
    `ordering`, selectors.ordered_parts, explicit order_by)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT)
    hsds_id = exchange_id()
    name = models.CharField(max_length=200)
    description = description_field()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    languages = ChoiceListField(
        item_choices=LANGUAGE_CHOICES, help_text="Languages served (ISO 639-1)."
    )
    last_verified = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text="When an advocate last confirmed this listing is true (set only by the "
        "verify action).",
    )
    last_verified_by = staff_member()
    staff_notes = models.TextField(
        "staff-only notes",
        blank=True,
        max_length=STAFF_NOTES_MAX_LENGTH,
        validators=[MaxLengthValidator(STAFF_NOTES_MAX_LENGTH)],
        help_text=f"At most {STAFF_NOTES_MAX_LENGTH:,} characters. "
        'For hotline staff on a call, e.g. "call intake first" or "after 10 pm use '
        'the crisis line". Shown only on the staff console, never to the public '
        "(shelters.privacy.STAFF_ONLY_FIELDS).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    public_updated_at = models.DateTimeField(
        "public fields changed at",
        null=True,
        editable=False,
        help_text="The public `updated_at`: set only when a field the public sees changes "
        "(shelters.privacy.PUBLIC_FIELDS), so that a confidential move cannot be dated.",
    )

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The stamp is set in pre_save (shelters.derived), which cannot widen a
        # save limited to some fields.
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "public_updated_at"}
        super().save(*args, **kwargs)


class Place(OneQueryConstraints):
    """An address and a WGS-84 point, plus what the public may see of them.

    The `public_*` fields are derived on every save by shelters.privacy; public
    search, filters, distances and output use only them.
    """

    street_address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    county = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices)
    postal_code = models.CharField(max_length=10, blank=True, validators=[postal_code_validator])
    country = models.CharField(max_length=2, default="US")
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="WGS-84 decimal degrees.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="WGS-84 decimal degrees.",
    )
    point_source = models.CharField(
        "how the point was found",
        max_length=8,
        choices=PointSource.choices,
        blank=True,
        editable=False,
        help_text="Set when the point is geocoded on save or entered by hand.",
    )
    public_latitude = models.FloatField(null=True, editable=False)
    public_longitude = models.FloatField(null=True, editable=False)
    public_city = models.CharField(max_length=100, blank=True, editable=False)
    public_county = models.CharField(max_length=100, blank=True, editable=False)
    # public_county as county names compare (coverage.fold_county: "Harris County",
    # "harris" and "HARRIS  county" are one county), so that a county filter is one
    # equality, which an index walked nearest first can take (migration 0031).
    # Casefolding can lengthen a name up to threefold (ß to ss, ﬃ to ffi): 300.
    # The database default serves writers that predate the field (a rolling deploy).
    public_county_key = models.CharField(max_length=300, blank=True, editable=False, db_default="")
    public_postal_code = models.CharField(max_length=10, blank=True, editable=False)
    timezone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text="Filled from the ZIP code when left blank.",
    )
    # The zone the public sees (privacy.public_timezone): for an area-only or hidden
    # listing, no finer than what it publishes of its location. The database default
    # serves writers that predate the field (a rolling deploy): no zone shown until
    # the listing's next save or refresh_public_locations.
    public_timezone = models.CharField(max_length=64, blank=True, editable=False, db_default="")
    open_24_7 = models.BooleanField("open 24/7", default=False)

    class Meta:
        abstract = True

    @property
    def point(self) -> Point | None:
        if self.latitude is None or self.longitude is None:
            return None
        return Point(self.latitude, self.longitude)

    @property
    def public_point(self) -> Point | None:
        if self.public_latitude is None or self.public_longitude is None:
            return None
        return Point(self.public_latitude, self.public_longitude)


def place_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
            name=f"{prefix}_latitude_range",
        ),
        models.CheckConstraint(
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_longitude_range",
        ),
        models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True)
            | Q(latitude__isnull=False, longitude__isnull=False),
            name=f"{prefix}_point_complete",
        ),
        models.CheckConstraint(
            condition=Q(public_latitude__isnull=True)
            | Q(public_latitude__gte=-90, public_latitude__lte=90),
            name=f"{prefix}_public_latitude_range",
        ),
        models.CheckConstraint(
            condition=Q(public_longitude__isnull=True)
            | Q(public_longitude__gte=-180, public_longitude__lte=180),
            name=f"{prefix}_public_longitude_range",
        ),
    ]


def place_indexes(prefix: str, counted: tuple[str, ...]) -> list[models.Index]:
    # The bounding-box search on SQLite ranges over this pair. PostgreSQL adds GiST
    # indexes in migrations: KNN on ll_to_earth(public point) (0002), the same after
    # the state, a point index with `counted` for radius counts (0027), and the same
    # KNN after the upper-cased city (0029) and after the state and folded county
    # (0031). Keep 0027's column lists in step with `counted`.
    located = Q(status=Status.PUBLISHED, public_latitude__isnull=False)
    return [
        # A nearest search's capped count ("1,000+") takes the first 1,001
        # published, located listings passing its filters, in any order. This
        # index alone answers it (an index-only scan of a few pages, where a
        # sequential scan of the table read 44 to 300 pages outside the buffer
        # cache); `counted` are the columns of the simple filters, so that they are
        # checked in the index too.
        models.Index(
            fields=["id"],
            include=list(counted),
            condition=located,
            name=f"{prefix}_located_count",
        ),
        models.Index(fields=["public_latitude", "public_longitude"], name=f"{prefix}_public_pt"),
        # Region lists (hotline staff: "shelters in Houston, TX") come out in name
        # order straight from these, and the city match is case-insensitive. The
        # city itself is included so that PostgreSQL counts a city's listings from
        # the index alone: it plans no index-only scan of an expression whose
        # column the index lacks (1.5 ms for Houston's capped count, then 0.4).
        models.Index(F("status"), F("state"), F("name"), F("id"), name=f"{prefix}_state_name"),
        models.Index(
            F("status"),
            F("state"),
            Upper("public_city"),
            F("name"),
            F("id"),
            include=["public_city"],
            name=f"{prefix}_city_name",
        ),
        models.Index(fields=["public_postal_code"], name=f"{prefix}_public_zip"),
        # A nearest search filtered to a city (without its state) or to a county
        # counts its "1,000+" from these, index-only. Without them PostgreSQL read the
        # table until it met 1,001 of the city's listings, or all of them for a small
        # city or a county: 5 to 170 ms at a million listings, against under 1 ms.
        # (The page itself walks the region's GiST index, migrations 0029 and 0031.)
        models.Index(
            Upper("public_city"),
            include=["public_city", *counted],
            condition=located,
            name=f"{prefix}_city_count",
        ),
        models.Index(
            F("state"),
            F("public_county_key"),
            include=list(counted),
            # Only listings with a county: the index then stays smaller than the
            # located count's, which PostgreSQL keeps for the unfiltered count.
            condition=located & ~Q(public_county_key=""),
            name=f"{prefix}_county_count",
        ),
    ]


# The columns of a shelter search's simple filters: indexes include them, so that a
# count or the phone-only shelters are checked against the filters index-only.
SHELTER_FILTER_COLUMNS = (
    "kind",
    "accepts_pets",
    "accepts_children",
    "max_boy_age",
    "wheelchair_accessible",
    "deaf_services",
    "no_id_required",
    "free_of_charge",
    "open_24_7",
    "beds_available",
    "beds_updated_at",
)


class Shelter(Listing, Place):
    kind = models.CharField(max_length=32, choices=ShelterKind.choices)
    location_disclosure = models.CharField(
        max_length=8,
        choices=Disclosure.choices,
        default=Disclosure.AREA,
        help_text="Area only is the safe default for a domestic-violence shelter. Publish "
        "the address only with the operator's written authorisation.",
    )
    address_publication_authorized_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who authorised publishing the address (required for a public address).",
    )
    address_publication_authorized_on = models.DateField(null=True, blank=True)
    populations = ChoiceListField(item_choices=Population.choices)
    accepts_children = models.BooleanField(default=False)
    max_boy_age = models.PositiveSmallIntegerField(
        "oldest age of boys accepted",
        null=True,
        blank=True,
        validators=[MaxValueValidator(25)],
        help_text="Leave blank when boys of any age are accepted with their family.",
    )
    accepts_pets = models.BooleanField(default=False)
    wheelchair_accessible = models.BooleanField(default=False)
    deaf_services = models.BooleanField(
        "services for deaf and hard-of-hearing people", default=False
    )
    services = ChoiceListField(item_choices=ShelterService.choices)
    no_id_required = models.BooleanField("no ID or documents required", default=False)
    free_of_charge = models.BooleanField(default=True)
    beds_total = models.PositiveIntegerField(null=True, blank=True)
    beds_available = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave blank when unknown."
    )
    beds_updated_at = models.DateTimeField(null=True, blank=True, validators=[not_in_the_future])
    beds_updated_by = staff_member(help_text="Who last reported the bed count.")

    # The true location stays out of history (see privacy.TRUE_LOCATION_FIELDS).
    history = change_history(excluded_fields=list(privacy.TRUE_LOCATION_FIELDS))

    class Meta:
        constraints = [
            *place_constraints("shelter"),
            models.CheckConstraint(
                condition=Q(beds_available__isnull=True) | Q(beds_available__gte=0),
                name="shelter_beds_available_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(beds_available__isnull=True)
                | Q(beds_total__isnull=True)
                | Q(beds_available__lte=F("beds_total")),
                name="shelter_beds_available_within_total",
            ),
        ]
        indexes = [
            *place_indexes("shelter", counted=SHELTER_FILTER_COLUMNS),
            models.Index(fields=["beds_available", "beds_updated_at"], name="shelter_beds"),
            # A search's phone-only shelters: the searched state's hidden ones, in
            # name order, checked against the filters in the index alone. Hidden
            # shelters have no public city or county, so a search filtered by one
            # finds none; through the city index it read every shelter of the city
            # to learn that (55 ms for Houston, 100 ms for New York at a million).
            models.Index(
                F("state"),
                F("name"),
                F("id"),
                include=["public_city", "public_county_key", *SHELTER_FILTER_COLUMNS],
                condition=Q(status=Status.PUBLISHED, location_disclosure=Disclosure.HIDDEN),
                name="shelter_phone_only",
            ),
        ]

    def availability_is_current(self, now=None) -> bool:
        ends = self.availability_ends_at()
        return ends is not None and (now or timezone.now()) <= ends

    def availability_ends_at(self):
        """When the bed count stops being current (None: it is unknown)."""
        if self.beds_available is None or self.beds_updated_at is None:
            return None
        if self.beds_updated_at > latest_acceptable():
            return None  # a count dated in the future is no count
        return self.beds_updated_at + availability_max_age()


def availability_max_age() -> timedelta:
    return timedelta(hours=settings.AVAILABILITY_MAX_AGE_HOURS)


class PhoneBase(models.Model):
    type = models.CharField(max_length=16, choices=PhoneType.choices, default=PhoneType.INTAKE)
    number = models.CharField(max_length=32, validators=[phone_validator])
    available_24_7 = models.BooleanField("answered 24/7", default=False)
    hours = models.CharField(
        max_length=200, blank=True, help_text='When it is answered, e.g. "Mon-Fri 9am-5pm".'
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.number}"


class ShelterPhone(PhoneBase):
    shelter = models.ForeignKey(Shelter, on_delete=models.CASCADE, related_name="phones")
    history = change_history()

    class Meta(PhoneBase.Meta):
        pass


class WeeklyHours(models.Model):
    """One opening span in the listing's local time; `closes` at or before `opens`
    means the span runs past midnight into the next day."""

    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class ShelterHours(WeeklyHours):
    shelter = models.ForeignKey(Shelter, on_delete=models.CASCADE, related_name="hours")
    history = change_history()

    class Meta(WeeklyHours.Meta):
        verbose_name_plural = "shelter hours"


class Hotline(Listing):
    topics = ChoiceListField(item_choices=HotlineTopic.choices)
    coverage = models.CharField(max_length=16, choices=Coverage.choices, default=Coverage.NATIONAL)
    history = change_history()

    class Meta:
        indexes = [models.Index(fields=["status", "coverage"], name="hotline_coverage")]


class HotlineArea(models.Model):
    """A state, a county of a state, or a ZIP that a regional hotline covers."""

    hotline = models.ForeignKey(Hotline, on_delete=models.CASCADE, related_name="areas")
    history = change_history()
    state = models.CharField(max_length=2, choices=USState.choices)
    county = models.CharField(max_length=100, blank=True, help_text="Blank for the whole state.")
    # county as county names compare (coverage.fold_county), set in pre_save
    # (shelters.derived), so that the SQL form of coverage is one equality and agrees
    # with the Python form for any spelling an advocate typed ("DOÑA  Ana county").
    # 300: casefolding can lengthen a name threefold, as public_county_key.
    county_key = models.CharField(max_length=300, blank=True, editable=False, db_default="")
    postal_code = models.CharField(max_length=5, blank=True, validators=[postal_code_validator])

    class Meta:
        indexes = [
            models.Index(fields=["state", "county_key", "postal_code"], name="hotline_area_key")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["hotline", "state", "county", "postal_code"], name="hotline_area_unique"
            )
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.postal_code, self.county, self.state) if part)

    def save(self, *args, **kwargs):
        # The key is set in pre_save (shelters.derived), which cannot widen a save
        # limited to some fields: neither one asked for, nor the loaded fields that
        # Django saves of an instance read with .only() or .defer(). A placeholder
        # makes the key a loaded field; pre_save then derives it.
        if kwargs.get("update_fields") and "county" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "county_key"}
        if "county_key" in self.get_deferred_fields():
            self.county_key = ""
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """A ZIP is matched on its own in searches, so one entered under the wrong
        state would put the hotline into another state's results."""
        place = gazetteer.lookup_zip(self.postal_code) if self.postal_code else None
        if place is not None and self.state and place.state != self.state:
            raise ValidationError(
                {"postal_code": f"ZIP {self.postal_code} is in {place.state}, not {self.state}."}
            )


class HotlineChannel(OneQueryConstraints):
    hotline = models.ForeignKey(Hotline, on_delete=models.CASCADE, related_name="channels")
    history = change_history()
    kind = models.CharField(max_length=16, choices=ChannelKind.choices)
    number = models.CharField(
        max_length=32,
        blank=True,
        validators=[phone_validator],
        help_text="Phone number, or the short code for text.",
    )
    keyword = models.CharField(max_length=40, blank=True, help_text="Text keyword, e.g. START.")
    url = models.URLField("chat URL", blank=True)
    available_24_7 = models.BooleanField("24/7", default=False)
    languages = ChoiceListField(item_choices=LANGUAGE_CHOICES)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ChannelKind.CHAT) | ~Q(url=""),
                name="hotline_channel_chat_has_url",
            ),
            models.CheckConstraint(
                condition=Q(kind=ChannelKind.CHAT) | ~Q(number=""),
                name="hotline_channel_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hotline.name}: {self.get_kind_display()}"


class HotlineChannelHours(WeeklyHours):
    channel = models.ForeignKey(HotlineChannel, on_delete=models.CASCADE, related_name="hours")
    history = change_history()

    class Meta(WeeklyHours.Meta):
        verbose_name_plural = "hotline channel hours"


class MedicalService(Listing, Place):
    kind = models.CharField(max_length=32, choices=MedicalKind.choices)
    services = ChoiceListField(item_choices=MedicalServiceType.choices)
    wheelchair_accessible = models.BooleanField(default=False)
    deaf_services = models.BooleanField(
        "services for deaf and hard-of-hearing people", default=False
    )
    accessibility_notes = models.CharField(max_length=300, blank=True)
    cost = models.CharField(max_length=16, choices=Cost.choices, default=Cost.INSURANCE)
    walk_in = models.BooleanField("walk-ins welcome", default=True)
    history = change_history()

    class Meta:
        constraints = place_constraints("medical")
        indexes = place_indexes(
            "medical",
            counted=("kind", "wheelchair_accessible", "deaf_services", "walk_in", "open_24_7"),
        )


class MedicalServicePhone(PhoneBase):
    medical_service = models.ForeignKey(
        MedicalService, on_delete=models.CASCADE, related_name="phones"
    )
    history = change_history()

    class Meta(PhoneBase.Meta):
        pass


class MedicalServiceHours(WeeklyHours):
    medical_service = models.ForeignKey(
        MedicalService, on_delete=models.CASCADE, related_name="hours"
    )
    history = change_history()

    class Meta(WeeklyHours.Meta):
        verbose_name_plural = "medical service hours"


class Snapshot(models.Model):
    """A region's public directory, generated once and served until a listing in
    the region changes (see shelters.snapshots)."""

    region = models.CharField(max_length=2, unique=True, help_text="USPS state code, or US.")
    version = models.CharField(max_length=64)
    generated_at = models.DateTimeField()
    listing_count = models.PositiveIntegerField()
    body = models.BinaryField(help_text="The JSON document.")
    gzipped = models.BinaryField(help_text="The same document, gzip-compressed.")
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["region"]

    def __str__(self) -> str:
        return f"{self.region} snapshot {self.version[:12]}"


class ReferenceVersion(models.Model):
    """A token that changes whenever a kind of rarely changing reference data does
    (e.g. the hotlines every search names). Each process keeps that data in memory
    and reloads it when the token it reads from the database differs: a save on any
    worker or machine is seen by the next search everywhere. The token is random,
    never a counter, so a change rolled back cannot collide with a later one."""

    name = models.CharField(max_length=32, primary_key=True)
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name} {self.token}"


class AvailabilityFeed(models.Model):
    """A region's bed availability feed as served, generated off the request path
    whenever a bed count or a listing of the region changes (see shelters.feeds)."""

    region = models.CharField(max_length=2, unique=True, help_text="USPS state code, or US.")
    version = models.CharField(max_length=64, help_text="A hash of the body: its ETag.")
    generated_at = models.DateTimeField()
    body = models.BinaryField(help_text="The JSON document.")
    stale = models.BooleanField(default=True)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="When a count in it leaves the availability window."
    )

    def __str__(self) -> str:
        return f"{self.region} availability feed {self.version[:12]}"


class BedToken(models.Model):
    """A bed-reporting credential: one person, one organisation's bed counts, a
    lifetime; only a SHA-256 digest of the secret is stored (see shelters.bed_tokens)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bed_tokens"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="bed_tokens"
    )
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    credentials = models.CharField(
        max_length=128,
        editable=False,
        help_text="A keyed hash of the person's password and role when issued: a token "
        "stops working when either changes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"bed token {self.prefix}… of {self.user} for {self.organization}"


class Guidance(models.Model):
    """One step of safety guidance: what to do now, in plain language.

    Kept by coalition staff only (shelters.access.may_keep_guidance). A step is
    national (blank state) or for one state; shelters.guidance decides which steps
    a searcher of a state sees: a state step with the same topic and order as a
    national one replaces it, any other state step is added to its topic."""

    topic = models.CharField(max_length=32, choices=GuidanceTopic.choices)
    order = models.PositiveSmallIntegerField(
        default=1, help_text="Position within its topic, from 1."
    )
    title = models.CharField(max_length=120)
    body = models.TextField(
        max_length=600, help_text="A few short sentences in plain, calm language."
    )
    state = models.CharField(
        max_length=2,
        choices=USState.choices,
        blank=True,
        help_text="Blank for national guidance. A state step with the topic and order of a "
        "national one replaces it in that state; otherwise it is added.",
    )
    language = models.CharField(
        max_length=2, choices=GuidanceLanguage.choices, default=GuidanceLanguage.ENGLISH
    )
    reviewed_on = models.DateField(help_text="When the text was last checked to be right.")
    reviewed_by = models.CharField(max_length=200, help_text="Who checked it.")
    history = change_history()

    class Meta:
        verbose_name_plural = "guidance"
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "order", "state", "language"], name="guidance_step_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.state or 'national'}, {self.language})"
