"""The Django admin where advocates keep listings true."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import models as db_models
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from shelters import access, geocoding, models, privacy, spreadsheets
from shelters.choices import PointSource, Status

# Links typed without a scheme (example.org) are taken as https.
HTTPS_URLS = {db_models.URLField: {"assume_scheme": "https"}}


class ShelterPhoneInline(admin.TabularInline):
    model = models.ShelterPhone
    ordering = ("id",)
    extra = 1


class ShelterHoursInline(admin.TabularInline):
    model = models.ShelterHours
    ordering = ("weekday", "opens", "id")
    extra = 0


class MedicalServicePhoneInline(admin.TabularInline):
    model = models.MedicalServicePhone
    ordering = ("id",)
    extra = 1


class MedicalServiceHoursInline(admin.TabularInline):
    model = models.MedicalServiceHours
    ordering = ("weekday", "opens", "id")
    extra = 0


class HotlineChannelInline(admin.StackedInline):
    model = models.HotlineChannel
    ordering = ("id",)
    formfield_overrides = HTTPS_URLS
    extra = 0
    show_change_link = True


class HotlineAreaInline(admin.TabularInline):
    model = models.HotlineArea
    ordering = ("state", "county", "postal_code", "id")
    extra = 0


class HotlineChannelHoursInline(admin.TabularInline):
    model = models.HotlineChannelHours
    ordering = ("weekday", "opens", "id")
    extra = 0


ADDRESS_FIELDSET = (
    "Address and location",
    {
        "fields": (
            "street_address",
            ("city", "county"),
            ("state", "postal_code", "country"),
            ("latitude", "longitude"),
            "point_source",
            "location_map",
            ("public_latitude", "public_longitude"),
            ("public_city", "public_county", "public_postal_code"),
            "timezone",
        ),
        "description": "Leave the coordinates blank to have them found from the address "
        "on save (a confidential shelter's address is never sent to an outside service), "
        "or click the map to place the point by hand. The public fields are derived on "
        "save from the disclosure level: an area-only shelter is shown by the centre of "
        "its grid cell, a hidden one by its state alone.",
    },
)


class OrganizationScopedAdmin(SimpleHistoryAdmin):
    """An advocate sees and changes only her organisations' rows: in lists, change
    pages, actions, autocomplete (all read get_queryset), the organisation picker,
    and the change history with its revert pages, which fetch historical rows
    themselves and so ask the object permissions below. Coalition staff and
    superusers see everything."""

    organization_path = "organization"

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, self.organization_path)

    def organization_id_of(self, obj) -> int | None:
        """Follow organization_path on an object, which may be a historical copy of
        one that no longer exists."""
        *hops, last = self.organization_path.split("__")
        try:
            for hop in hops:
                obj = getattr(obj, hop)
        except ObjectDoesNotExist:
            return None
        return obj.pk if last == "pk" else getattr(obj, f"{last}_id")

    def may_keep(self, request, obj) -> bool:
        return obj is None or access.may_keep(request.user, self.organization_id_of(obj))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.may_keep(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_keep(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_keep(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = access.scope(
                models.Organization.objects.order_by("name", "id"), request.user, "pk"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.action(description="Archive selected listings (they leave the public directory)")
def archive(modeladmin, request, queryset):
    # save() per listing, not update(): signals keep snapshots and derived fields true.
    count = 0
    for listing in queryset.exclude(status=Status.ARCHIVED):
        listing.status = Status.ARCHIVED
        listing.save()
        count += 1
    modeladmin.message_user(request, f"{count} listing(s) archived.", messages.SUCCESS)


@admin.action(description="Mark selected listings verified today")
def mark_verified(modeladmin, request, queryset):
    today = timezone.localdate()
    for listing in queryset:
        listing.last_verified, listing.last_verified_by = today, request.user
        listing.save(update_fields=["last_verified", "last_verified_by", "updated_at"])
    modeladmin.message_user(request, f"{len(queryset)} listing(s) verified.", messages.SUCCESS)


class VerificationDueFilter(admin.SimpleListFilter):
    title = "verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        days = settings.VERIFICATION_MAX_AGE_DAYS
        return [("due", f"Not verified in {days} days"), ("current", "Verified recently")]

    def queryset(self, request, queryset):
        due = queryset.verification_due()
        if self.value() == "due":
            return due
        if self.value() == "current":
            return queryset.exclude(pk__in=due.values("pk"))
        return queryset


class ListingPartAdmin(OrganizationScopedAdmin):
    """Phones, hours and hotline areas are edited inline on their listing; their
    own admin pages exist for their history and revert pages, linked from the
    listing's history, and stay out of the admin index."""

    def has_module_permission(self, request):
        return False


class ListingAdmin(ImportExportMixin, OrganizationScopedAdmin):
    """Listings: archive and verify actions, history with the parts' changes, and
    CSV/XLSX import and export scoped to the advocate's organisations."""

    actions = [archive, mark_verified]
    ordering = ("name", "id")
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    object_history_template = "admin/shelters/listing_history.html"
    # (related name, foreign key) of the parts whose changes the history page lists
    history_parts: tuple[tuple[str, str], ...] = ()

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def history_view(self, request, object_id, extra_context=None):
        parts = []
        for related_name, foreign_key in self.history_parts:
            part_model = self.model._meta.get_field(related_name).related_model
            records = (
                part_model.history.filter(**{f"{foreign_key}_id": object_id})
                .select_related("history_user")
                .order_by("-history_date")[:100]
            )
            parts.append((part_model._meta, records))
        context = {"part_histories": parts, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), VerificationDueFilter]


class PlaceAdmin(ListingAdmin):
    """What the shelter and medical-service admins share: search, the organisation
    picker, and the derived public fields shown read-only."""

    search_fields = ["name", "description", "city", "county", "postal_code", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    readonly_fields = [
        "point_source",
        "location_map",
        "public_latitude",
        "public_longitude",
        "public_city",
        "public_county",
        "public_postal_code",
        "created_at",
        "updated_at",
    ]

    class Media:
        css = {"all": ["leaflet/leaflet.css"]}
        js = ["leaflet/leaflet.js", "shelters/location_map.js"]

    @admin.display(description="Map")
    def location_map(self, obj):
        """A preview of the point, drawn by location_map.js. Map tiles are fetched
        from MAP_TILE_URL, which learns where the map is: the script stops at coarse
        zoom for area-only shelters and loads no tiles for hidden ones."""
        return format_html(
            '<div class="location-map" data-tiles="{}" data-attribution="{}" '
            'data-area-max-zoom="10" style="height: 300px; width: 640px; max-width: 100%"></div>'
            '<p class="help location-map-note"></p>',
            settings.MAP_TILE_URL,
            settings.MAP_TILE_ATTRIBUTION,
        )

    POINT_FIELDS = frozenset({"latitude", "longitude"})
    ADDRESS_FIELDS = frozenset({"street_address", "city", "county", "state", "postal_code"})
    GEOCODED = frozenset({PointSource.ADDRESS, PointSource.ZIP, PointSource.CITY})

    def save_model(self, request, obj, form, change):
        changed = set(form.changed_data)
        if changed & self.POINT_FIELDS and obj.point is not None:
            obj.point_source = PointSource.MANUAL
        elif changed & self.ADDRESS_FIELDS and obj.point_source in self.GEOCODED:
            # The address moved and the point was found from the old one: find it again.
            obj.latitude = obj.longitude = None
        located = geocoding.fill_missing_point(obj)
        super().save_model(request, obj, form, change)
        if located is None:
            return
        if located.warning:
            self.message_user(request, located.warning, messages.WARNING)
        else:
            self.message_user(request, f"Location found: {located.source.label}.", messages.INFO)


@admin.register(models.Organization)
class OrganizationAdmin(OrganizationScopedAdmin):
    organization_path = "pk"
    ordering = ("name", "id")
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "website", "phone", "email", "updated_at"]
    search_fields = ["name", "description"]


class ShelterAdminForm(forms.ModelForm):
    """Fields come from ShelterAdmin; this adds the rule on publishing an address."""

    def clean(self):
        cleaned = super().clean()
        errors = privacy.publication_errors(
            cleaned.get("location_disclosure"),
            cleaned.get("address_publication_authorized_by"),
            cleaned.get("address_publication_authorized_on"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class BedsListForm(forms.ModelForm):
    """The shelter list's editable beds column. Its form holds no beds_total, so
    the database constraint would be the first to object: say it here instead."""

    def clean_beds_available(self):
        available = self.cleaned_data.get("beds_available")
        total = self.instance.beds_total
        if available is not None and total is not None and available > total:
            raise forms.ValidationError(f"At most the {total} beds in total.")
        return available


@admin.register(models.Shelter)
class ShelterAdmin(PlaceAdmin):
    form = ShelterAdminForm
    resource_classes = [spreadsheets.ShelterResource]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=BedsListForm, **kwargs)

    def save_model(self, request, obj, form, change):
        if "beds_available" in form.changed_data or "beds_total" in form.changed_data:
            obj.beds_updated_at = timezone.now()
            obj.beds_updated_by = request.user
        super().save_model(request, obj, form, change)

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
    # Beds available, in one step from the list; who and when are recorded.
    list_editable = ["beds_available"]
    readonly_fields = [*PlaceAdmin.readonly_fields, "beds_updated_at", "beds_updated_by"]
    inlines = [ShelterPhoneInline, ShelterHoursInline]
    history_parts = (("phones", "shelter"), ("hours", "shelter"))
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
        (
            "Beds",
            {"fields": (("beds_total", "beds_available"), ("beds_updated_at", "beds_updated_by"))},
        ),
        ("Verification", {"fields": ("last_verified", "created_at", "updated_at")}),
    ]


@admin.register(models.Hotline)
class HotlineAdmin(ListingAdmin):
    resource_classes = [spreadsheets.HotlineResource]
    list_display = ["name", "organization", "coverage", "status", "last_verified"]
    list_filter = ["status", "coverage", "areas__state"]
    search_fields = ["name", "description", "organization__name", "channels__number"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    inlines = [HotlineChannelInline, HotlineAreaInline]
    history_parts = (("channels", "hotline"), ("areas", "hotline"))


@admin.register(models.HotlineChannel)
class HotlineChannelAdmin(OrganizationScopedAdmin):
    organization_path = "hotline__organization"
    formfield_overrides = HTTPS_URLS
    list_display = ["hotline", "kind", "number", "keyword", "url", "available_24_7"]
    list_filter = ["kind", "available_24_7"]
    search_fields = ["hotline__name", "number"]
    list_select_related = ["hotline"]
    ordering = ("hotline__name", "id")
    inlines = [HotlineChannelHoursInline]


@admin.register(models.MedicalService)
class MedicalServiceAdmin(PlaceAdmin):
    resource_classes = [spreadsheets.MedicalServiceResource]
    list_display = ["name", "organization", "kind", "city", "state", "status", "last_verified"]
    list_filter = ["status", "state", "kind", "walk_in"]
    inlines = [MedicalServicePhoneInline, MedicalServiceHoursInline]
    history_parts = (("phones", "medical_service"), ("hours", "medical_service"))
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


@admin.register(models.ShelterPhone, models.ShelterHours)
class ShelterPartAdmin(ListingPartAdmin):
    organization_path = "shelter__organization"
    ordering = ("id",)


@admin.register(models.MedicalServicePhone, models.MedicalServiceHours)
class MedicalServicePartAdmin(ListingPartAdmin):
    organization_path = "medical_service__organization"
    ordering = ("id",)


@admin.register(models.HotlineArea)
class HotlineAreaAdmin(ListingPartAdmin):
    organization_path = "hotline__organization"
    ordering = ("state", "county", "postal_code", "id")


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["organization"]
