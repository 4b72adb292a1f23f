"""The Django admin where advocates keep listings true."""

from __future__ import annotations

from django.contrib import admin
from django.db import models as db_models

from shelters import models

# Links typed without a scheme (example.org) are taken as https.
HTTPS_URLS = {db_models.URLField: {"assume_scheme": "https"}}


class ShelterPhoneInline(admin.TabularInline):
    model = models.ShelterPhone
    extra = 1


class ShelterHoursInline(admin.TabularInline):
    model = models.ShelterHours
    extra = 0


class MedicalServicePhoneInline(admin.TabularInline):
    model = models.MedicalServicePhone
    extra = 1


class MedicalServiceHoursInline(admin.TabularInline):
    model = models.MedicalServiceHours
    extra = 0


class HotlineChannelInline(admin.StackedInline):
    model = models.HotlineChannel
    formfield_overrides = HTTPS_URLS
    extra = 0
    show_change_link = True


class HotlineAreaInline(admin.TabularInline):
    model = models.HotlineArea
    extra = 0


class HotlineChannelHoursInline(admin.TabularInline):
    model = models.HotlineChannelHours
    extra = 0


ADDRESS_FIELDSET = (
    "Address and location",
    {
        "fields": (
            "street_address",
            ("city", "county"),
            ("state", "postal_code", "country"),
            ("latitude", "longitude"),
            ("public_latitude", "public_longitude"),
            ("public_city", "public_county", "public_postal_code"),
            "timezone",
        ),
        "description": "The public fields are derived on save from the disclosure level: "
        "an area-only shelter is shown by the centre of its grid cell, a hidden one by "
        "its state alone.",
    },
)


class PlaceAdmin(admin.ModelAdmin):
    """What the shelter and medical-service admins share: search, the organisation
    picker, and the derived public fields shown read-only."""

    search_fields = ["name", "description", "city", "county", "postal_code", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    readonly_fields = [
        "public_latitude",
        "public_longitude",
        "public_city",
        "public_county",
        "public_postal_code",
        "created_at",
        "updated_at",
    ]


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "website", "phone", "email", "updated_at"]
    search_fields = ["name", "description"]


@admin.register(models.Shelter)
class ShelterAdmin(PlaceAdmin):
    list_display = [
        "name",
        "organization",
        "kind",
        "city",
        "state",
        "location_disclosure",
        "beds_available",
        "beds_total",
        "beds_updated_at",
        "status",
        "last_verified",
    ]
    list_filter = ["status", "state", "kind", "location_disclosure", "accepts_pets"]
    inlines = [ShelterPhoneInline, ShelterHoursInline]
    fieldsets = [
        (None, {"fields": ("organization", "name", "kind", "description", "status")}),
        (
            "Location disclosure",
            {
                "fields": (
                    "location_disclosure",
                    ("address_publication_authorized_by", "address_publication_authorized_on"),
                )
            },
        ),
        ADDRESS_FIELDSET,
        (
            "Who it serves",
            {
                "fields": (
                    "populations",
                    ("accepts_children", "max_boy_age"),
                    "accepts_pets",
                    ("wheelchair_accessible", "deaf_services"),
                    "languages",
                    "services",
                    ("no_id_required", "free_of_charge"),
                    "open_24_7",
                )
            },
        ),
        ("Beds", {"fields": (("beds_total", "beds_available"), "beds_updated_at")}),
        ("Verification", {"fields": ("last_verified", "created_at", "updated_at")}),
    ]


@admin.register(models.Hotline)
class HotlineAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "coverage", "status", "last_verified"]
    list_filter = ["status", "coverage", "areas__state"]
    search_fields = ["name", "description", "organization__name", "channels__number"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    inlines = [HotlineChannelInline, HotlineAreaInline]


@admin.register(models.HotlineChannel)
class HotlineChannelAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["hotline", "kind", "number", "keyword", "url", "available_24_7"]
    list_filter = ["kind", "available_24_7"]
    search_fields = ["hotline__name", "number"]
    list_select_related = ["hotline"]
    inlines = [HotlineChannelHoursInline]


@admin.register(models.MedicalService)
class MedicalServiceAdmin(PlaceAdmin):
    list_display = ["name", "organization", "kind", "city", "state", "status", "last_verified"]
    list_filter = ["status", "state", "kind", "walk_in"]
    inlines = [MedicalServicePhoneInline, MedicalServiceHoursInline]
    fieldsets = [
        (None, {"fields": ("organization", "name", "kind", "description", "status")}),
        ADDRESS_FIELDSET,
        (
            "Care",
            {
                "fields": (
                    "services",
                    "languages",
                    ("wheelchair_accessible", "deaf_services"),
                    "accessibility_notes",
                    ("cost", "walk_in"),
                    "open_24_7",
                )
            },
        ),
        ("Verification", {"fields": ("last_verified", "created_at", "updated_at")}),
    ]
