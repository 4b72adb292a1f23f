"""CSV and XLSX import and export of listings for advocates (django-import-export).

Each resource is built for the person signed in: it finds existing rows only
among her organisations' listings, refuses rows that would put a listing in
another organisation or reuse another's id, and checks every row as the admin
form would (choices, beds within the total, the rule on publishing a shelter's
address, shelters.access.refusals: a hotline's coverage needs coalition staff to
become national). The admin previews an import as a dry run, lists row errors, and
imports nothing unless every row is sound, at the preview and again at the
confirmation (a row that stopped being hers in between fails the whole import).

The preview writes nothing and opens no transaction: it reads, checks every row as
the import would (full_clean, constraints included) and rolls nothing back, so a
state-wide file's preview holds no lock anyone else waits for. Rows without
coordinates are placed at their ZIP code's (or city's) centre inside the import,
and found by street address (shelters.geocoding) only after it has committed, so
that a slow geocoder holds no transaction open; a failure leaves the centre.

A confidential (area-only or hidden) shelter's street, ZIP and coordinates are
left blank in exports, and a blank cell on import keeps what is stored: the true
location stays in the admin. Public listings' addresses are exported in full.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from shelters import access, geocoding, privacy, spreadsheet_cells
from shelters.choices import PointSource
from shelters.models import Hotline, MedicalService, Organization, Shelter


class CodeListWidget(widgets.Widget):
    """A list of codes as one cell: "en, es"."""

    def clean(self, value, row=None, **kwargs) -> list[str]:
        return [part.strip() for part in str(value or "").split(",") if part.strip()]

    def render(self, value, obj=None, **kwargs) -> str:
        return ", ".join(value or [])


def code_list(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=CodeListWidget())


def read_only(name: str, attribute: str | None = None) -> fields.Field:
    return fields.Field(attribute=attribute or name, column_name=name, readonly=True)


LISTING_FIELDS = ("id", "organization", "organization_name", "name", "status", "description",
                  "languages", "last_verified")  # fmt: skip
PLACE_FIELDS = ("street_address", "city", "county", "state", "postal_code", "country",
                "latitude", "longitude", "point_source", "timezone", "open_24_7")  # fmt: skip


class WithheldForConfidentialShelters(fields.Field):
    """A confidential shelter's street, ZIP and point stay in the admin: exported
    (and shown in an import's preview) as blank, since files are copied, mailed and
    forgotten on laptops."""

    def export(self, instance, **kwargs):
        if privacy.is_approximate(instance):
            return ""
        return super().export(instance, **kwargs)


def withheld(name: str, widget: widgets.Widget) -> fields.Field:
    return WithheldForConfidentialShelters(attribute=name, column_name=name, widget=widget)


logger = logging.getLogger(__name__)


class ListingsReadAtOnce(ModelInstanceLoader):
    """The file's listings read in one query (among hers: the resource's scoped
    queryset) instead of one query a row. An id that cannot be read is left to
    the row, which then fails with the same message as before; a listing that is
    not hers is not found, and the row fails as "None of your listings has id"."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.id_field = resource.fields[resource.get_import_id_fields()[0]]
        ids = set()
        rows = dataset.dict if dataset is not None else []
        for row in rows:
            try:
                ids.add(self.id_field.clean(row))
            except Exception:  # the row itself reports it, as before
                continue
        ids.discard(None)
        queryset = self.get_queryset().filter(**{f"{self.id_field.attribute}__in": ids})
        self.found = {self.id_field.get_value(row): row for row in queryset} if ids else {}

    def get_instance(self, row):
        return self.found.get(self.id_field.clean(row))


class OrganizationsReadOnce(widgets.ForeignKeyWidget):
    """The organisation column's lookups, each value read once per import (a
    state-wide file names the same organisation on every row). The resource's
    fields are copied for each import, and its before_import empties this."""

    def __init__(self):
        super().__init__(Organization)
        self.found: dict[str, Organization] = {}

    def clean(self, value, row=None, **kwargs):
        key = str(value).strip() if value is not None else ""
        if key not in self.found:
            found = super().clean(value, row, **kwargs)
            if found is None:
                return None
            self.found[key] = found
        return self.found[key]


class ListingResource(resources.ModelResource):
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=OrganizationsReadOnce(),
    )
    organization_name = read_only("organization_name", "organization__name")
    languages = code_list("languages")
    hsds_id = read_only("hsds_id")
    # Exported for reading; an imported value is ignored: the verification date
    # comes only from the admin's verify action, with the verifier's name.
    last_verified = read_only("last_verified")

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_queryset(self):
        queryset = super().get_queryset().select_related("organization")
        return queryset if self.user is None else access.scope(queryset, self.user)

    def before_import(self, dataset, **kwargs):
        self.fields["organization"].widget.found.clear()
        super().before_import(dataset, **kwargs)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, **kwargs):  # fmt: skip
        with access.held_for_one_import(self.user):
            return self._import_data(dataset, dry_run, raise_errors, use_transactions,
                                     collect_failed_rows, **kwargs)  # fmt: skip

    def _import_data(self, dataset, dry_run, raise_errors, use_transactions,
                     collect_failed_rows, **kwargs):  # fmt: skip
        if dry_run:
            # django-import-export's own dry run without a transaction: every row is
            # read and checked, none is saved, nothing needs rolling back.
            kwargs.pop("rollback_on_validation_errors", None)
            return self.import_data_inner(
                dataset, True, raise_errors, False, collect_failed_rows, **kwargs
            )
        return super().import_data(dataset, dry_run=False, raise_errors=raise_errors,
                                   use_transactions=use_transactions,
                                   collect_failed_rows=collect_failed_rows, **kwargs)  # fmt: skip

    def before_import_row(self, row, **kwargs):
        # Our exports escape formula-like text with an apostrophe: take it off again.
        for column, value in row.items():
            row[column] = spreadsheet_cells.restored(value)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._imported_as_new = new

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        errors = {}
        if instance._imported_as_new and instance.pk is not None:
            errors["id"] = (
                f"None of your listings has id {instance.pk}: leave id blank to add a listing."
            )
        if self.user is not None:
            # The admin forms' rule: her own organisations, coverage within reach.
            for field, message in access.refusals(self.user, instance).items():
                errors[field or "organization"] = message
        if errors:
            raise ValidationError(errors)


class PlaceResource(ListingResource):
    point_source = read_only("point_source")

    def import_instance(self, instance, row, **kwargs):
        before = (instance.latitude, instance.longitude)
        super().import_instance(instance, row, **kwargs)
        if instance.point is not None and (instance.latitude, instance.longitude) != before:
            instance.point_source = PointSource.MANUAL

    def before_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") or instance.point is not None:
            return
        # The centre of its ZIP code now; its street address after the commit.
        placed = geocoding.offline(instance)
        if placed.point is not None:
            instance.latitude, instance.longitude = placed.point.lat, placed.point.lon
        instance.point_source = placed.source
        self.placed_at_centre.append(instance)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.placed_at_centre: list = []

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or not self.placed_at_centre:
            return
        listings, result.geocoding_notes = self.placed_at_centre, []
        transaction.on_commit(lambda: self.geocode_after_commit(listings, result))

    def geocode_after_commit(self, listings: list, result) -> None:
        """Ask the configured geocoder for the street-address point of each listing
        the import placed at a centre, within SPREADSHEET_GEOCODE_BUDGET_SECONDS; each
        better point is saved on its own, outside the import's transaction."""
        deadline = time.monotonic() + settings.SPREADSHEET_GEOCODE_BUDGET_SECONDS
        unanswered = not_reached = 0
        for listing in listings:
            if time.monotonic() >= deadline:
                not_reached += 1
                continue
            try:
                located = geocoding.locate(listing)
            except Exception:  # the import has committed: its rows stay at their centre
                logger.exception("Geocoding an imported listing failed")
                unanswered += 1
                continue
            if located.warning:
                unanswered += 1
            if located.point is None or located.point == listing.point:
                continue
            listing.latitude, listing.longitude = located.point.lat, located.point.lon
            listing.point_source = located.source
            listing.save()
        if unanswered or not_reached:
            result.geocoding_notes.append(
                f"{unanswered + not_reached} imported listing(s) stay at the centre of their "
                "ZIP code or city: the geocoder did not answer for them in time. Open one and "
                "save it, or enter its coordinates, to place it by street address."
            )


class ShelterResource(PlaceResource):
    street_address = withheld("street_address", widgets.CharWidget())
    postal_code = withheld("postal_code", widgets.CharWidget())
    latitude = withheld("latitude", widgets.FloatWidget())
    longitude = withheld("longitude", widgets.FloatWidget())
    populations = code_list("populations")
    services = code_list("services")
    beds_updated_at = read_only("beds_updated_at")

    class Meta:
        model = Shelter
        fields = (*LISTING_FIELDS, "kind", "location_disclosure",
                  "address_publication_authorized_by", "address_publication_authorized_on",
                  *PLACE_FIELDS, "populations", "accepts_children", "max_boy_age", "accepts_pets",
                  "wheelchair_accessible", "deaf_services", "services", "no_id_required",
                  "free_of_charge", "beds_total", "beds_available", "beds_updated_at",
                  "hsds_id")  # fmt: skip
        clean_model_instances = True
        instance_loader_class = ListingsReadAtOnce
        skip_unchanged = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        beds_before = None if instance._state.adding else instance.beds_available
        withheld = not instance._state.adding and privacy.is_approximate(instance)
        kept = {name: getattr(instance, name) for name in privacy.TRUE_LOCATION_FIELDS}
        super().import_instance(instance, row, **kwargs)
        if withheld:
            # The export left these blank: a blank cell keeps what is stored.
            for name, value in kept.items():
                if row.get(name) in (None, ""):
                    setattr(instance, name, value)
        errors = privacy.publication_errors(
            instance.location_disclosure,
            instance.address_publication_authorized_by,
            instance.address_publication_authorized_on,
        )
        if errors:
            raise ValidationError(errors)
        if instance.beds_available != beds_before:
            instance.beds_updated_at, instance.beds_updated_by = timezone.now(), self.user


class MedicalServiceResource(PlaceResource):
    services = code_list("services")

    class Meta:
        model = MedicalService
        fields = (*LISTING_FIELDS, "kind", *PLACE_FIELDS, "services", "wheelchair_accessible",
                  "deaf_services", "accessibility_notes", "cost", "walk_in",
                  "hsds_id")  # fmt: skip
        clean_model_instances = True
        instance_loader_class = ListingsReadAtOnce
        skip_unchanged = True
        use_transactions = True


class HotlineResource(ListingResource):
    topics = code_list("topics")

    class Meta:
        model = Hotline
        fields = (*LISTING_FIELDS, "topics", "coverage", "hsds_id")
        clean_model_instances = True
        instance_loader_class = ListingsReadAtOnce
        skip_unchanged = True
        use_transactions = True
