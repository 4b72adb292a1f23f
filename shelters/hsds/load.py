"""Loading HSDS services into the directory, all or nothing, as one person.

Each service is read (shelters.hsds.readers), checked against per-record caps
and the HSDS 3.0 schemas, mapped (shelters.hsds.mapping) and then stored under
these rules, each decided where it lives:
- whose listings an import may touch: shelters.access (the acting user may keep
  the listing's organisation; an organisation not yet in the directory is
  coalition staff's to create; a listing never moves between organisations;
  hotline coverage as access.refusals decides it for the admin);
- what an import may overwrite: shelters.privacy.import_overwrites (a true
  location, an authorisation and an existing listing's status stay);
- new listings arrive as drafts unless published on purpose.

The whole import is one transaction. A refused record means nothing is written;
a dry run rolls back too. Every row written carries the acting user and the
change reason "HSDS import of FILE by USER" in the change history. A stored row
whose values would not change is not saved, so importing our own export back
changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from shelters import access, i18n, privacy, timestamps
from shelters.choices import Status
from shelters.hsds import mapping, readers
from shelters.hsds.mapping import Plan, Refusal
from shelters.hsds.schemas import validation_errors
from shelters.models import (
    Hotline,
    HotlineArea,
    HotlineChannel,
    HotlineChannelHours,
    MedicalService,
    MedicalServiceHours,
    MedicalServicePhone,
    Organization,
    Shelter,
    ShelterHours,
    ShelterPhone,
)

MODELS = {"shelter": Shelter, "medical_service": MedicalService, "hotline": Hotline}
PARTS = {
    "shelter": (ShelterPhone, ShelterHours, "shelter"),
    "medical_service": (MedicalServicePhone, MedicalServiceHours, "medical_service"),
}
PHONE_FIELDS = (
    "number", "type", "available_24_7", "hours",
    *(f"hours_{lang}" for lang in mapping.OTHER_LANGUAGES),
)  # fmt: skip
CHANNEL_FIELDS = (
    "kind", "number", "keyword", "url", "available_24_7", "languages", "notes",
    *(f"notes_{lang}" for lang in mapping.OTHER_LANGUAGES),
)  # fmt: skip


@dataclass
class Outcome:
    origin: str
    id: str
    name: str
    listing_type: str = ""
    action: str = ""  # created, updated, unchanged, refused
    reason: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    source: str
    shape: str
    acting_user: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    written: bool = False

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == "refused"]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.action] = counts.get(outcome.action, 0) + 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "counts": self.counts()}

    def lines(self) -> list[str]:
        lines = [f"Source: {self.source} ({self.shape})", f"Acting user: {self.acting_user}"]
        for o in self.outcomes:
            kind = f" {o.listing_type}" if o.listing_type else ""
            lines.append(f"- {o.origin}: {o.id or '(no id)'} {o.name!r}{kind}: {o.action}"
                         + (f": {o.reason}" if o.reason else ""))  # fmt: skip
            lines += [f"    note: {note}" for note in o.notes]
        counts = ", ".join(f"{n} {action}" for action, n in sorted(self.counts().items()))
        lines.append(f"Records: {len(self.outcomes)} ({counts or 'none'}).")
        if self.written:
            lines.append("Written in one transaction.")
        elif self.dry_run:
            lines.append("Dry run: nothing was written.")
        else:
            lines.append("Nothing was written.")
        return lines


@dataclass(frozen=True)
class Options:
    user: Any
    publish: bool = False
    authorized_by: str = ""
    listing_type: str | None = None
    coverage: str | None = None
    organization: Organization | None = None
    dry_run: bool = False


def import_source(path: str | Path, options: Options) -> Report:
    """Read `path` and load every service in it as `options.user`. Raises
    HSDSError when the file itself cannot be read; records that cannot be
    loaded are refused in the report, and then nothing is written."""
    source = readers.read_source(path)
    name = Path(path).name
    report = Report(name, source.described, options.user.get_username(), options.dry_run)
    loader = _Loader(options, f"HSDS import of {name} by {options.user.get_username()}")
    seen: dict[str, str] = {}
    with transaction.atomic(), access.held_for_one_import(options.user):
        for record in source.records:
            report.outcomes.append(loader.load(record, seen))
        if report.refused or options.dry_run:
            transaction.set_rollback(True)
        else:
            report.written = True
    return report


class _Loader:
    def __init__(self, options: Options, reason: str):
        self.options = options
        self.reason = reason
        self.policy = privacy.ImportPolicy(authorized_by=options.authorized_by.strip())

    def load(self, record: readers.Record, seen: dict[str, str]) -> Outcome:
        service = record.service
        named = service if isinstance(service, dict) else {}
        outcome = Outcome(record.origin, str(named.get("id") or ""), str(named.get("name") or ""))
        try:
            mapping.check_caps(service)
            if outcome.id and outcome.id in seen:
                raise Refusal(f"duplicate id {outcome.id}: also at {seen[outcome.id]}")
            seen.setdefault(outcome.id, record.origin)
            organization = self._organization_document(record)
            package = {
                "services": [service],
                "organizations": [organization] if organization else [],
            }
            errors = validation_errors(package)
            if errors:
                raise Refusal("not valid HSDS 3.0: " + "; ".join(errors[:5]))
            plan = mapping.plan(service, organization, listing_type=self.options.listing_type,
                                coverage=self.options.coverage)  # fmt: skip
            outcome.listing_type = plan.listing_type
            outcome.notes = plan.notes
            with transaction.atomic():
                outcome.action = self._store(service, plan, outcome)
        except Refusal as refusal:
            outcome.action, outcome.reason = "refused", str(refusal)
        except RecursionError:
            outcome.action, outcome.reason = "refused", "nested too deeply to read"
        except (KeyError, TypeError, ValueError, DatabaseError) as error:
            outcome.action, outcome.reason = "refused", f"cannot be stored: {error!r}"
        return outcome

    def _organization_document(self, record: readers.Record) -> dict | None:
        service = record.service
        found = service.get("organization") or record.organization
        if found is None and service.get("organization_id") in record.organizations:
            found = record.organizations[service["organization_id"]]
        return found if isinstance(found, dict) else None

    # Storing -------------------------------------------------------------------

    def _store(self, service: dict, plan: Plan, outcome: Outcome) -> str:
        organization = self._organization(plan)
        model = MODELS[plan.listing_type]
        listing = self._stored_listing(model, service["id"], organization)
        is_new = listing.pk is None
        incoming: dict[str, Any] = {**plan.fields, "organization": organization}
        if is_new:
            incoming["status"] = Status.PUBLISHED if self.options.publish else Status.DRAFT
            incoming["public_updated_at"] = _last_modified(service)
        elif incoming.pop("last_verified", None) not in (None, listing.last_verified):
            # A stored listing's verification is an advocate's, made with the verify
            # action and her name (models.Listing.last_verified): a file may not
            # reset or backdate it, or clear the name beside it.
            outcome.notes.append("assured_date not kept: the verify action sets it")
        if plan.listing_type == "shelter":
            self._beds(service, incoming, is_new)
        before = _values(listing)
        incoming.update(stale_translations(listing, incoming, plan.listing_type, outcome))
        for name, value in privacy.import_overwrites(
            listing, incoming, is_new=is_new, policy=self.policy
        ).items():
            setattr(listing, name, value)
        changed = is_new or _values(listing) != before
        if changed:
            self._check(listing)
            self._save(listing, exclude=("city",))
        if plan.listing_type == "hotline":
            parts_changed = self._hotline_parts(listing, plan, outcome, is_new)
        else:
            parts_changed = self._place_parts(listing, plan)
        if is_new:
            return "created"
        return "updated" if changed or parts_changed else "unchanged"

    def _organization(self, plan: Plan) -> Organization:
        user = self.options.user
        if self.options.organization is not None:
            return self.options.organization
        document = plan.organization
        if document is None:
            raise Refusal("no organisation: the service names none; import with --organization")
        try:
            hsds_id = uuid.UUID(str(document.get("id")))
        except ValueError:
            raise Refusal(f"organisation id {document.get('id')!r} is not a UUID") from None
        organization = Organization.objects.filter(hsds_id=hsds_id).first()
        if organization is None:
            if not access.may_set_organization_details(user):
                raise Refusal(
                    f"organisation {document.get('name')!r} is not in the directory; "
                    "coalition staff add organisations (or import with --organization)"
                )
            organization = Organization(hsds_id=hsds_id)
        elif not access.may_keep(user, organization.pk):
            raise Refusal(f"organisation {organization.name!r} is not one of {user}'s")
        phones = document.get("phones") or []
        wanted = {
            "name": document["name"], "description": document.get("description") or "",
            "website": document.get("website") or "", "email": document.get("email") or "",
            "phone": mapping.phone_number(phones[0]) if phones else "",
        }  # fmt: skip
        differs = [k for k, v in wanted.items() if getattr(organization, k) != v]
        if (
            organization.pk is not None
            and differs
            and not access.may_set_organization_details(user)
        ):
            plan.notes.append(
                f"organisation {organization.name!r}: {', '.join(differs)} not changed "
                "(coalition staff keep organisation details)"
            )
        elif organization.pk is None or differs:
            for name, value in wanted.items():
                setattr(organization, name, value)
            self._save(organization)
        return organization

    def _stored_listing(self, model, hsds_id: str, organization: Organization):
        try:
            key = uuid.UUID(hsds_id)
        except ValueError:
            raise Refusal(f"id {hsds_id!r} is not a UUID") from None
        for other in MODELS.values():
            found = other.objects.select_related("organization").filter(hsds_id=key).first()
            if found is None:
                continue
            if other is not model:
                raise Refusal(f"the id belongs to a stored {other._meta.verbose_name}")
            if not access.may_keep(self.options.user, found.organization_id):
                raise Refusal(f"the listing belongs to {found.organization.name!r}, not one of "
                              f"{self.options.user}'s organisations")  # fmt: skip
            if found.organization_id != organization.pk:
                raise Refusal(f"the listing belongs to {found.organization.name!r}; an import "
                              "never moves a listing to another organisation")  # fmt: skip
            return found
        return model(hsds_id=key)

    def _beds(self, service: dict, incoming: dict, is_new: bool) -> None:
        """A current bed count arrives as a (3.1) capacity; without one a stored
        count is left as it is."""
        capacities = service.get("capacities") or []
        beds = next((c for c in capacities if isinstance(c, dict)
                     and (c.get("unit") or {}).get("name") == "bed"), None)  # fmt: skip
        if beds is not None:
            incoming["beds_available"] = int(beds["available"])
            incoming["beds_updated_at"] = _moment(beds["updated"], "capacity updated")
            if incoming.get("beds_total") is None and "maximum" in beds:
                incoming["beds_total"] = int(beds["maximum"])
        elif is_new:
            incoming["beds_available"] = incoming["beds_updated_at"] = None

    def _check(self, row: models.Model) -> None:
        errors = access.refusals(self.options.user, row)
        if errors:
            raise Refusal("; ".join(errors.values()))

    def _save(self, row: models.Model, exclude: tuple[str, ...] = ()) -> None:
        """Save after checking each field against the model (choices, phone
        formats, ranges), with who did it and why in the change history."""
        try:
            row.clean_fields(exclude=list(exclude))
            row.clean()
        except ValidationError as error:
            raise Refusal(f"{row._meta.verbose_name}: {_said(error)}") from None
        row._history_user = self.options.user
        row._change_reason = self.reason
        row.save()

    def _delete(self, row: models.Model) -> None:
        row._history_user = self.options.user
        row._change_reason = self.reason
        row.delete()

    def _replace(self, stored: list, wanted: list[dict], model, **owner) -> bool:
        names = wanted[0].keys() if wanted else ()
        if len(stored) == len(wanted) and [_part(row, names) for row in stored] == wanted:
            return False
        for row in stored:
            self._delete(row)
        for values in wanted:
            row = model(**owner, **values)
            self._check(row)
            self._save(row)
        return True

    def _place_parts(self, listing, plan: Plan) -> bool:
        phone_model, hours_model, owner = PARTS[plan.listing_type]
        phones = list(phone_model.objects.filter(**{owner: listing}).order_by("id"))
        hours = list(
            hours_model.objects.filter(**{owner: listing}).order_by("weekday", "opens", "id")
        )
        wanted_phones = kept_part_translations(
            phones,
            [{k: phone[k] for k in PHONE_FIELDS if k in phone} for phone in plan.phones],
            "phone",
        )
        wanted_hours = sorted(plan.hours, key=lambda s: (s["weekday"], s["opens"]))
        changed = self._replace(phones, wanted_phones, phone_model, **{owner: listing})
        return self._replace(hours, wanted_hours, hours_model, **{owner: listing}) or changed

    def _hotline_parts(self, hotline: Hotline, plan: Plan, outcome: Outcome, is_new: bool) -> bool:
        # Sorted in Python, as the wanted areas are: the database's order of county
        # names is its collation's ("anderson" before "Harris" under en_US), and a
        # difference in order alone would replace every area on each re-import.
        areas = sorted(hotline.areas.all(), key=lambda a: (a.state, a.county, a.postal_code, a.id))
        wanted_areas = [
            {"state": s, "county": c, "postal_code": z} for s, c, z in sorted(plan.areas)
        ]
        areas_changed = self._replace(areas, wanted_areas, HotlineArea, hotline=hotline)
        channels = list(hotline.channels.order_by("id").prefetch_related("hours"))
        current = [_channel(c) for c in channels]
        wanted = kept_part_translations(channels, [
            {**{k: channel[k] if k in channel else _CHANNEL_DEFAULTS[k] for k in CHANNEL_FIELDS
                if k in channel or k in _CHANNEL_DEFAULTS},
             "hours": sorted((s["weekday"], s["opens"], s["closes"]) for s in channel["hours"])}
            for channel in plan.channels
        ], "channel")  # fmt: skip
        if current == wanted:
            return areas_changed
        if not is_new:
            outcome.notes.append(
                f"channels replaced: {_say_channels(current) or 'none'} -> "
                f"{_say_channels(wanted) or 'none'}"
            )
        for channel in channels:
            for span in channel.hours.all():
                self._delete(span)
            self._delete(channel)
        for channel in wanted:
            row = HotlineChannel(hotline=hotline, **{k: channel[k] for k in CHANNEL_FIELDS})
            self._check(row)
            self._save(row)
            for weekday, opens, closes in channel["hours"]:
                self._save(HotlineChannelHours(channel=row, weekday=weekday, opens=opens,
                                               closes=closes))  # fmt: skip
        return True


_CHANNEL_DEFAULTS = {"kind": "voice", "number": "", "keyword": "", "url": "",
                     "available_24_7": False, "languages": [], "notes": ""}  # fmt: skip


def kept_part_translations(stored: list, wanted: list[dict], kind: str) -> list[dict]:
    """Phones and channels from a file without translations: each keeps the stored
    translation of the part in the same place when its English text is unchanged,
    and has none when it changed (a translation of the old text would be wrong)."""
    for index, values in enumerate(wanted):
        old = stored[index] if index < len(stored) else None
        for name in mapping.TRANSLATED_FIELDS[kind]:
            for lang in mapping.OTHER_LANGUAGES:
                column = f"{name}_{lang}"
                if column not in values:
                    same = old is not None and _text(getattr(old, name)) == values.get(name)
                    values[column] = _text(getattr(old, column)) if same else ""
    return wanted


def stale_translations(listing, incoming: dict, kind: str, outcome: Outcome) -> dict[str, str]:
    """Translations of the listing's own text that the file says nothing about are
    kept, unless the file changes the English they translate: then they are
    emptied (a translation of the old text would be wrong) and the report says so."""
    if listing.pk is None:
        return {}
    emptied = {}
    for name in mapping.TRANSLATED_FIELDS[kind]:
        if name not in incoming or incoming[name] == getattr(listing, name):
            continue
        for lang in mapping.OTHER_LANGUAGES:
            column = f"{name}_{lang}"
            if column not in incoming and getattr(listing, column):
                emptied[column] = ""
                outcome.notes.append(
                    f"{name} changed and the file has no {lang} text for it: the stored "
                    f"{lang} translation was removed; translate the new text in the admin."
                )
    return emptied


def _channel(channel: HotlineChannel) -> dict:
    return {
        **_part(channel, CHANNEL_FIELDS),
        "hours": sorted((s.weekday, s.opens, s.closes) for s in channel.hours.all()),
    }


def _say_channels(channels: list[dict]) -> str:
    return ", ".join(f"{c['kind']} {c['number'] or c['url'] or c['keyword']}" for c in channels)


def _said(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def _last_modified(service: dict):
    """A new listing's public `updated_at` is the service's `last_modified` (when
    its public fields last changed where it comes from), so that export → import
    → export gives the same file; never later than now. Without one, or for a
    stored listing, shelters.derived stamps it as for any edit. A draft import
    moves it again when the listing is published (status is a public field)."""
    moment = _moment(service.get("last_modified"), "last_modified")
    return None if moment is None else min(moment, timezone.now())


def _moment(text: Any, name: str) -> datetime | None:
    """A date-time with a time zone, in UTC, or None for a missing one."""
    if text is None:
        return None
    try:
        moment = parse_datetime(text) if isinstance(text, str) else None
        if moment is not None and timezone.is_aware(moment):
            return timestamps.in_utc(moment)
    except (ValueError, OverflowError):
        pass
    raise Refusal(f"{name} {text!r} is not a date-time with a time zone (in years 1 to 9999 UTC)")


def _text(value: Any) -> Any:
    """A language column with no text may hold NULL or "" (django-modeltranslation
    leaves NULL in a column never written); both mean "no text", so comparing them
    must not count as a change."""
    return "" if value is None else value


def _part(row: models.Model, names) -> dict:
    return {name: _text(getattr(row, name)) for name in names}


def _values(row: models.Model) -> dict[str, Any]:
    return {
        f.attname: _text(getattr(row, f.attname)) if f.attname in _TEXT_COLUMNS
        else getattr(row, f.attname)
        for f in row._meta.concrete_fields
    }  # fmt: skip


_TEXT_COLUMNS = {
    f"{name}_{lang}"
    for names in mapping.TRANSLATED_FIELDS.values()
    for name in names
    for lang in i18n.LANGUAGES
}
