"""The Django admin where advocates keep listings true."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models as db_models
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from shelters import (
    access,
    geocoding,
    i18n,
    models,
    privacy,
    spreadsheet_uploads,
    spreadsheets,
    translation,
)
from shelters.choices import PointSource, Status, USState
from shelters.spreadsheet_formats import CSV, XLSX, SpreadsheetRefused

# Links typed without a scheme (example.org) are taken as https.
HTTPS_URLS = {db_models.URLField: {"assume_scheme": "https"}}


def checked_by_access(form_class: type[forms.ModelForm], user) -> type[forms.ModelForm]:
    """`form_class`, refusing (as form errors) a row that access.refusals says
    `user` may not save as it would stand: a parent or organisation of another
    organisation's, or hotline coverage beyond hers."""

    class Checked(form_class):
        def _post_clean(self):
            super()._post_clean()
            for field, message in access.refusals(user, self.instance).items():
                self.add_error(field if field in self.fields else None, message)

    Checked.__name__ = Checked.__qualname__ = form_class.__name__
    return Checked


class ScopedChoices:
    """Every foreign key to an organisation-owned row offers only the user's rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if access.organization_path(db_field.related_model):
            queryset = kwargs.get("queryset")
            if queryset is None:
                queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
            if queryset is None:
                queryset = db_field.related_model._default_manager.all()
            kwargs["queryset"] = access.scope(queryset, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def english_columns(model) -> list[str]:
    """The `_en` columns of a model's translated fields: the form edits English as
    the field itself (`description`) and Spanish as `description_es`."""
    return [f"{name}_en" for name in translation.translated_fields(model)]


class OneFieldPerLanguage:
    """Shows each translated field once per language: English under its own name,
    Spanish beside it."""

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *english_columns(self.model)]


class ScopedInline(OneFieldPerLanguage, ScopedChoices):
    """An inline's rows are checked by access.refusals like the listing's own form."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = checked_by_access(formset.form, request.user)
        return formset


class ShelterPhoneInline(ScopedInline, admin.TabularInline):
    model = models.ShelterPhone
    ordering = ("id",)
    extra = 1


class ShelterHoursInline(ScopedInline, admin.TabularInline):
    model = models.ShelterHours
    ordering = ("weekday", "opens", "id")
    extra = 0


class MedicalServicePhoneInline(ScopedInline, admin.TabularInline):
    model = models.MedicalServicePhone
    ordering = ("id",)
    extra = 1


class MedicalServiceHoursInline(ScopedInline, admin.TabularInline):
    model = models.MedicalServiceHours
    ordering = ("weekday", "opens", "id")
    extra = 0


class HotlineChannelInline(ScopedInline, admin.StackedInline):
    model = models.HotlineChannel
    ordering = ("id",)
    formfield_overrides = HTTPS_URLS
    extra = 0
    show_change_link = True


class HotlineAreaInline(ScopedInline, admin.TabularInline):
    model = models.HotlineArea
    ordering = ("state", "county", "postal_code", "id")
    extra = 0


class HotlineChannelHoursInline(ScopedInline, admin.TabularInline):
    model = models.HotlineChannelHours
    ordering = ("weekday", "opens", "id")
    extra = 0


# Staff-only (shelters.privacy.STAFF_ONLY_FIELDS): shown on the staff console only.
STAFF_NOTES_FIELDSET = (
    "Notes for hotline staff (never public)",
    {"fields": ("staff_notes",)},
)
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


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """History and revert pages answer 404 for an id that is not one of the model's
    keys ("abc", "²", a NUL): simple_history filters by the raw id, a 500. And a
    revert is a change: simple_history saves a revert POST from anyone who may
    view the row, so an advocate, who may only view her organisation, could
    rename it or change its phone that way."""

    def pk_or_404(self, object_id: str):
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self.pk_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.pk_or_404(object_id)
        if not (version_id.isascii() and version_id.isdigit()):
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class OrganizationScopedAdmin(OneFieldPerLanguage, ScopedChoices, GuardedHistoryAdmin):
    """An advocate sees and changes only her organisations' rows, as shelters.access
    decides: in lists, change pages, actions and autocomplete (all read
    get_queryset), every organisation-owned choice on the form and its inlines,
    the row as it would be saved (checked_by_access), and the history with its
    revert pages, which fetch historical rows themselves. Coalition staff and
    superusers see everything."""

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

    def may_keep(self, request, obj) -> bool:
        return access.may_keep_row(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.may_keep(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_keep(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_keep(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        reverting = getattr(request, "reverting", None)
        if reverting is not None and obj is not None and request.method == "GET":
            self.keep_disclosure_on_revert(request, reverting, obj)
        form = super().get_form(request, obj, change=change, **kwargs)
        return checked_by_access(form, request.user)

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)
        reverting = getattr(request, "reverting", None)
        if reverting is not None:
            self.keep_disclosure_on_revert(request, reverting, obj)
        return obj

    def save_model(self, request, obj, form, change):
        # The forms refuse first, with a message; this holds for any other path.
        if not access.may_keep_row(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if not access.may_keep_row(request.user, row):
                raise PermissionDenied
        super().save_formset(request, form, formset, change)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        versions = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return access.visible_history(versions, request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page: the version must be one the history list shows the user
        (access.visible_history), both the row as it is now and the version must be
        the user's (access.may_revert), and a revert never makes a location more
        public (keep_disclosure_on_revert, applied by get_form to the page shown and
        by save_form to what is posted; request.reverting holds the live row)."""
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        pk = self.pk_or_404(object_id)
        versions = access.visible_history(
            history.filter(**{self.model._meta.pk.attname: pk}), request.user
        )
        try:
            version = versions.get(history_id=version_id)
        except (history.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        live = self.model._default_manager.filter(pk=version.instance.pk).first()
        if not access.may_revert(request.user, live, version.instance):
            raise Http404
        request.reverting = live
        return super().history_form_view(request, object_id, version_id, extra_context)

    def keep_disclosure_on_revert(self, request, live, obj) -> None:
        """Apply privacy.kept_on_revert to the version `obj`, and say so."""
        if live is None:
            return
        kept = privacy.kept_on_revert(live, obj)
        if not kept:
            return
        for name, value in kept.items():
            setattr(obj, name, value)
        level = live.get_location_disclosure_display().split(":")[0].lower()
        self.message_user(
            request,
            f"This version showed the location more publicly. The location stays {level}, "
            "as it is now, with its current authorisation: change history keeps no "
            "addresses, so a revert never makes a location more public. To publish more "
            "of it, change the disclosure level on the listing, with the operator's "
            "written authorisation.",
            messages.WARNING,
        )


@admin.action(description="Archive selected listings (they leave the public directory)")
def archive(modeladmin, request, queryset):
    # save() per listing, not update(): signals keep snapshots and derived fields true.
    count = 0
    for listing in queryset.exclude(status=Status.ARCHIVED):
        listing.status = Status.ARCHIVED
        listing.save()
        count += 1
    modeladmin.message_user(request, f"{count} listing(s) archived.", messages.SUCCESS)


VERIFICATION_FIELDS = ("last_verified", "last_verified_by")


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


class SpanishTextFilter(admin.SimpleListFilter):
    """Which listings have a description in Spanish: the ones to translate next."""

    title = "Spanish description"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", "Missing"), ("written", "Written")]

    def queryset(self, request, queryset):
        missing = i18n.no_text("description", i18n.SPANISH)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "written":
            return queryset.exclude(missing)
        return queryset


class ScopedChoicesFilter(admin.SimpleListFilter):
    """A list filter offering only values found among the rows the advocate may
    keep (shelters.access decides which), not every state or organisation there
    is. Hidden when there is nothing to choose between."""

    field_path: str

    def scoped(self, request, model_admin):
        return access.scope(model_admin.model._default_manager.all(), request.user)

    def has_output(self):
        return len(self.lookup_choices) > 1

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(**{self.field_path: self.value()}).distinct()


class ScopedStateFilter(ScopedChoicesFilter):
    title = "state"
    parameter_name = "state"
    field_path = "state"

    def lookups(self, request, model_admin):
        # order_by() first: a model's default ordering would defeat DISTINCT.
        codes = (
            self.scoped(request, model_admin)
            .order_by()
            .values_list(self.field_path, flat=True)
            .distinct()
        )
        names = dict(USState.choices)
        return sorted(((code, names.get(code, code)) for code in codes if code), key=lambda c: c[1])


class ScopedHotlineAreaStateFilter(ScopedStateFilter):
    title = "area state"
    parameter_name = "areas__state"
    field_path = "areas__state"


class ScopedOrganizationFilter(ScopedChoicesFilter):
    title = "organisation"
    parameter_name = "organization"
    field_path = "organization"

    def lookups(self, request, model_admin):
        held = self.scoped(request, model_admin).order_by().values("organization_id")
        return [
            (str(pk), name)
            for pk, name in models.Organization.objects.filter(pk__in=held)
            .order_by("name")
            .values_list("pk", "name")
        ]


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
    import_form_class = spreadsheet_uploads.BoundedImportForm
    object_history_template = "admin/shelters/listing_history.html"
    # (related name, foreign key) of the parts whose changes the history page lists
    history_parts: tuple[tuple[str, str], ...] = ()

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def get_readonly_fields(self, request, obj=None):
        # The verification date and who verified move together, and only through
        # the verify action: a hand-typed date could hide a listing from review.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, *(name for name in VERIFICATION_FIELDS if name not in fields)]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SpreadsheetRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def import_action(self, request, **kwargs):
        """The upload and its preview. The upload is kept (shelters.spreadsheet_uploads)
        only when a confirmation is offered, under a name remembered in the session."""
        spreadsheet_uploads.sweep()
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        cleaned = getattr(context.get("form"), "cleaned_data", None) or {}
        name = getattr(cleaned.get("import_file"), "tmp_storage_name", None)
        if name:
            if context.get("confirm_form") is not None:
                spreadsheet_uploads.remember(request, name)
            else:
                spreadsheet_uploads.delete(name)
        return response

    def process_import(self, request, **kwargs):
        """The confirmation: only of an upload this session previewed, all or nothing."""
        if request.method != "POST" or not self.has_import_permission(request):
            return super().process_import(request, **kwargs)
        spreadsheet_uploads.sweep()
        name = request.POST.get("import_file_name", "")
        gone = HttpResponseBadRequest(
            "There is no previewed file of yours to import under this name (it was "
            "imported already, or the preview is over "
            f"{settings.SPREADSHEET_UPLOAD_MAX_AGE_MINUTES} minutes old): upload the file again.",
            content_type="text/plain; charset=utf-8",
        )
        if not spreadsheet_uploads.belongs_to_session(request, name):
            return gone
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            return gone  # swept by another process a moment ago
        finally:
            spreadsheet_uploads.forget(request, name)

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at the confirmation too: one refused row rolls back every row.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            problems = [f"row {row.number}: {_row_errors(row.error_dict)}"
                        for row in result.invalid_rows[:10]]  # fmt: skip
            problems += [f"row {number}: {errors[0].error}"
                         for number, errors in result.row_errors()[:10]]  # fmt: skip
            problems += [str(error.error) for error in result.base_errors[:3]]
            self.message_user(
                request,
                "Nothing was imported: the file no longer passes the checks it passed in "
                f"the preview ({'; '.join(problems)}). Export again and start over.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path.replace("process_import/", "import/"))
        response = super().process_result(result, request)
        for note in getattr(result, "geocoding_notes", []):
            self.message_user(request, note, messages.WARNING)
        return response

    def history_view(self, request, object_id, extra_context=None):
        pk = self.pk_or_404(object_id)
        parts = []
        for related_name, foreign_key in self.history_parts:
            part_model = self.model._meta.get_field(related_name).related_model
            versions = part_model.history.filter(**{f"{foreign_key}_id": pk})
            records = (
                access.visible_history(versions, request.user)
                .select_related("history_user")
                .order_by("-history_date")[:100]
            )
            parts.append((part_model._meta, records))
        context = {"part_histories": parts, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), VerificationDueFilter, SpanishTextFilter]


def _row_errors(error_dict: dict) -> str:
    return "; ".join(f"{field}: {' '.join(str(m) for m in messages_)}"
                     for field, messages_ in error_dict.items())  # fmt: skip


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
        zoom for area-only shelters and loads no tiles for hidden ones, nor for any
        shelter while MAP_TILE_URL is blank (the default)."""
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
    ordering = ("name", "id")
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "website", "phone", "email", "updated_at"]
    search_fields = ["name", "description"]


class ShelterAdminForm(forms.ModelForm):
    """Fields come from ShelterAdmin; this adds the rule on publishing an address,
    and notes (`place_warnings`, shown on save without blocking it) where public
    text names a place the disclosure level hides."""

    place_warnings: list[str] = []

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

    def _post_clean(self):
        super()._post_clean()  # sets the form's values on the instance
        self.place_warnings = [] if self.errors else self._place_warnings()

    def _place_warnings(self) -> list[str]:
        listing = self.instance
        organization = self.cleaned_data.get("organization")
        names = privacy.place_names_below_level(
            listing,
            *privacy.public_texts(listing),
            organization.name if organization else "",
        )
        if not names:
            return []
        return [
            f"The name, a description (English or Spanish) or the organisation name of "
            f"“{listing.name}” says "
            f"{', '.join(names)}, which its location disclosure ({listing.location_disclosure}) "
            "keeps from the public: anyone can search that text. Consider rewording it."
        ]


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
        for warning in getattr(form, "place_warnings", []):
            self.message_user(request, warning, messages.WARNING)

    # What an advocate checks every day comes first, so that it fits a 1366 px
    # laptop screen without scrolling sideways (tests/browser checks it); kind and
    # disclosure level, state and organisation are in the filters, the city in search.
    list_display = [
        "name",
        "beds_available",
        "beds_total",
        "beds_reported",
        "last_verified",
        "status",
    ]
    list_filter = [
        "status",
        ScopedStateFilter,
        ScopedOrganizationFilter,
        "kind",
        "location_disclosure",
        "accepts_pets",
    ]

    @admin.display(description="Beds reported", ordering="beds_updated_at")
    def beds_reported(self, obj) -> str:
        """Short enough to keep the list within a laptop screen."""
        if obj.beds_updated_at is None:
            return "-"
        return date_format(timezone.localtime(obj.beds_updated_at), "M j, H:i")

    # Beds available, in one step from the list; who and when are recorded.
    list_editable = ["beds_available"]
    readonly_fields = [*PlaceAdmin.readonly_fields, "beds_updated_at", "beds_updated_by"]
    inlines = [ShelterPhoneInline, ShelterHoursInline]
    history_parts = (("phones", "shelter"), ("hours", "shelter"))
    fieldsets = [
        (None, {"fields": ("organization", "name", "kind", "status")}),
        ("Description", {"fields": ("description", "description_es")}),
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
        STAFF_NOTES_FIELDSET,
        ("Verification", {"fields": (*VERIFICATION_FIELDS, "created_at", "updated_at")}),
    ]


@admin.register(models.Hotline)
class HotlineAdmin(ListingAdmin):
    resource_classes = [spreadsheets.HotlineResource]
    list_display = ["name", "organization", "coverage", "status", "last_verified"]
    list_filter = ["status", "coverage", ScopedHotlineAreaStateFilter, ScopedOrganizationFilter]
    search_fields = ["name", "description", "organization__name", "channels__number"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    inlines = [HotlineChannelInline, HotlineAreaInline]
    history_parts = (("channels", "hotline"), ("areas", "hotline"))


@admin.register(models.HotlineChannel)
class HotlineChannelAdmin(OrganizationScopedAdmin):
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
    list_filter = ["status", ScopedStateFilter, ScopedOrganizationFilter, "kind", "walk_in"]
    inlines = [MedicalServicePhoneInline, MedicalServiceHoursInline]
    history_parts = (("phones", "medical_service"), ("hours", "medical_service"))
    fieldsets = [
        (None, {"fields": ("organization", "name", "kind", "status")}),
        ("Description", {"fields": ("description", "description_es")}),
        ADDRESS_FIELDSET,
        (
            "Care",
            {
                "fields": (
                    "services",
                    "languages",
                    ("wheelchair_accessible", "deaf_services"),
                    ("accessibility_notes", "accessibility_notes_es"),
                    ("cost", "walk_in"),
                    "open_24_7",
                )
            },
        ),
        STAFF_NOTES_FIELDSET,
        ("Verification", {"fields": (*VERIFICATION_FIELDS, "created_at", "updated_at")}),
    ]


admin.site.register(
    [models.ShelterPhone, models.ShelterHours, models.MedicalServicePhone,
     models.MedicalServiceHours, models.HotlineArea],
    ListingPartAdmin,
)  # fmt: skip


@admin.register(models.Guidance)
class GuidanceAdmin(GuardedHistoryAdmin):
    """Safety guidance, with its change history: coalition staff only, on every
    page (list, add, change, delete, history, revert), whatever the groups say."""

    list_display = ["title", "topic", "order", "state", "language", "reviewed_on"]
    list_filter = ["topic", "language", "state"]
    search_fields = ["title", "body"]
    ordering = ("topic", "order", "state", "language", "id")

    def has_module_permission(self, request):
        return access.may_keep_guidance(request.user)

    def has_view_permission(self, request, obj=None):
        return access.may_keep_guidance(request.user)

    def has_add_permission(self, request):
        return access.may_keep_guidance(request.user)

    def has_change_permission(self, request, obj=None):
        return access.may_keep_guidance(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.may_keep_guidance(request.user)

    def history_view(self, request, object_id, extra_context=None):
        if not access.may_keep_guidance(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not access.may_keep_guidance(request.user):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if not access.may_keep_guidance(request.user):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["organization"]
