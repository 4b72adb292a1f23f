"""From one HSDS 3.0 service to what the directory would store: a `Plan`, or a
`Refusal` naming why the service cannot be a listing here.

Nothing here touches the database. Standard HSDS fields are read first; this
directory's own attributes (taxonomy `shelter-directory`, written by our export)
take precedence where present, so our export comes back as it left. What a
service carries that the directory has no place for is not dropped silently: it
becomes a note in the import report.

Which kind of listing a service is (first match wins):
1. our attribute `listing_type`;
2. the importer's `--type`;
3. its taxonomy terms (attributes of any other taxonomy), by code prefix or by
   words in the term's name, as in TYPE_TERMS. A service matching more than one
   kind, or none, is refused with a request for `--type`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from shelters import gazetteer, i18n
from shelters.choices import (
    ChannelKind,
    Coverage,
    MedicalKind,
    PhoneType,
    Population,
    ShelterKind,
    USState,
)
from shelters.hsds.common import (
    BYDAY,
    MEDICAL_ATTRIBUTES,
    SHELTER_ATTRIBUTES,
    TAXONOMY,
    TRANSLATIONS_ATTRIBUTE,
)
from shelters.languages import ISO_639_1
from shelters.public import TRANSLATED_FIELDS

LISTING_TYPES = ("shelter", "hotline", "medical_service")

# Per-record caps: far above any real service, far below what exhausts a worker.
CAPS = {"phones": 50, "schedules": 100, "service_areas": 500, "languages": 60,
        "service_at_locations": 20, "attributes": 200}  # fmt: skip
MAX_TEXT = 20_000  # characters of a name or description

# Taxonomy terms that mark a kind of listing: (code prefixes, words in the name).
# Codes are the 211 (AIRS/211 LA) taxonomy's: BH-1800 emergency shelter,
# BH-8400 transitional housing, RP-1500.1400 crisis hotlines, L health care.
TYPE_TERMS = {
    "shelter": (("BH-1800", "BH-8400"),
                ("shelter", "safe house", "safe home", "transitional housing")),
    "hotline": (("RP-1500.1400",), ("hotline", "helpline", "help line", "crisis line")),
    "medical_service": (("L",), ("medical", "clinic", "health care", "forensic exam",
                                  "emergency department", "urgent care", "mental health")),
}  # fmt: skip
SHELTER_KIND_WORDS = {"transitional": ShelterKind.TRANSITIONAL_HOUSING,
                      "safe home": ShelterKind.SAFE_HOME_NETWORK,
                      "voucher": ShelterKind.HOTEL_VOUCHER}  # fmt: skip
MEDICAL_KIND_WORDS = {"forensic": MedicalKind.FORENSIC_EXAM_PROGRAM,
                      "emergency department": MedicalKind.EMERGENCY_DEPARTMENT,
                      "emergency room": MedicalKind.EMERGENCY_DEPARTMENT,
                      "urgent care": MedicalKind.URGENT_CARE,
                      "mental health": MedicalKind.MENTAL_HEALTH}  # fmt: skip
CHANNEL_KINDS = {"text": ChannelKind.TEXT, "textphone": ChannelKind.TTY_VIDEO,
                 "video": ChannelKind.TTY_VIDEO}  # fmt: skip
STATE_NAMES = {label.lower(): code for code, label in USState.choices}
NATIONAL_WORDS = {"us", "usa", "united states", "united states of america", "nationwide"}
ZIP = re.compile(r"^\d{5}$")
# The languages a listing's texts are kept in besides English (issue 14).
OTHER_LANGUAGES = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.ENGLISH)
COUNTY_IN_STATE = re.compile(r"^(?P<county>.+?),\s*(?P<state>[A-Za-z]{2})$")


class Refusal(Exception):
    """This service cannot become a listing; the message says why."""


@dataclass
class Plan:
    listing_type: str
    fields: dict[str, Any]
    organization: dict | None
    phones: list[dict] = field(default_factory=list)
    hours: list[dict] = field(default_factory=list)
    channels: list[dict] = field(default_factory=list)
    areas: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def our_attributes(document: dict) -> dict[str, Any]:
    found = {}
    for attribute in _list(document, "attributes"):
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and term.get("taxonomy") == TAXONOMY and "value" in attribute:
            try:
                found[term["name"]] = json.loads(attribute["value"])
            except (KeyError, TypeError, ValueError):
                raise Refusal(f"attribute {term.get('name')!r}: its value is not JSON") from None
    return found


def check_caps(service: Any) -> None:
    """Refuse what no real service carries before anything costly reads it."""
    if not isinstance(service, dict):
        raise Refusal(f"expected an HSDS service object, found a JSON {type(service).__name__}")
    for name, cap in CAPS.items():
        value = service.get(name)
        if isinstance(value, list) and len(value) > cap:
            raise Refusal(f"{len(value)} {name.replace('_', ' ')}; at most {cap} are accepted")
    for name in ("name", "description"):
        value = service.get(name)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise Refusal(f"{name} of {len(value)} characters; at most {MAX_TEXT} are accepted")


def plan(service: dict, organization: dict | None, *, listing_type: str | None = None,
         coverage: str | None = None) -> Plan:  # fmt: skip
    """What the directory would store for `service` (already valid HSDS)."""
    ours = our_attributes(service)
    kind = _listing_type(service, ours, listing_type)
    fields = {
        "name": service["name"].strip(),
        "description": service.get("description") or "",
        "languages": _languages(service, notes := []),
        "last_verified": _date(service.get("assured_date"), "assured_date"),
    }
    fields.update(translated_fields(_translations(ours), kind))
    result = Plan(kind, fields, organization, notes=notes)
    if not ours:
        _note_unkept(service, result)
    if kind == "hotline":
        _plan_hotline(service, ours, result, coverage)
    else:
        _plan_place(service, ours, result)
    return result


def _translations(ours: dict) -> dict:
    """The `translations` attribute our export writes (shelters.public.translations):
    {"es": {"description": ..., "phones": [{"hours": ...}], "channels": [...]}}."""
    written = ours.get(TRANSLATIONS_ATTRIBUTE)
    if written is None:
        return {}
    if not isinstance(written, dict) or not all(isinstance(v, dict) for v in written.values()):
        raise Refusal("attribute 'translations': expected {language: {field: text}}")
    return written


def translated_fields(written: dict, kind: str, index: int | None = None) -> dict[str, str]:
    """The columns in other languages (description_es…) of a listing, or of its
    `index`-th phone or channel, as the file gives them. A file that carries
    translations speaks for them as for its English: a text it leaves out is empty.
    A file with none (most publishers') gives no columns at all, so what is stored
    stays, except where the file changes the English (load.stale_translations and
    load.kept_part_translations)."""
    if not written:
        return {}
    related = {"phone": "phones", "channel": "channels"}.get(kind)
    columns = {}
    for lang in OTHER_LANGUAGES:
        texts = written.get(lang) or {}
        if related is not None:
            rows = texts.get(related)
            texts = rows[index] if isinstance(rows, list) and index < len(rows) else {}
        for name in TRANSLATED_FIELDS[kind]:
            value = texts.get(name) if isinstance(texts, dict) else None
            if value is not None and not isinstance(value, str):
                raise Refusal(f"attribute 'translations': {lang} {name} is not text")
            columns[f"{name}_{lang}"] = value or ""
    return columns


def _list(document: dict, name: str) -> list:
    value = document.get(name)
    return value if isinstance(value, list) else []


def _listing_type(service: dict, ours: dict, given: str | None) -> str:
    if ours.get("listing_type") in LISTING_TYPES:
        return ours["listing_type"]
    if given:
        return given
    matches = {kind for _, term in _terms(service) for kind in _kinds_of(term)}
    if len(matches) == 1:
        return matches.pop()
    if matches:
        raise Refusal(f"its taxonomy terms mark it as {' and '.join(sorted(matches))}; "
                      "import it with --type")  # fmt: skip
    raise Refusal("no taxonomy term says whether it is a shelter, hotline or medical "
                  "service; import it with --type")  # fmt: skip


def _terms(service: dict):
    for attribute in _list(service, "attributes"):
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") != TAXONOMY:
            yield None, term


def _kinds_of(term: dict) -> set[str]:
    code, name = str(term.get("code") or "").upper(), str(term.get("name") or "").lower()
    return {
        kind
        for kind, (prefixes, words) in TYPE_TERMS.items()
        if any(code == p or code.startswith(p + "-") or code.startswith(p + ".")
               or (len(p) == 1 and code[:1] == p and code[1:2].isalpha()) for p in prefixes)
        or any(word in name for word in words)
    }  # fmt: skip


def _term_words(service: dict) -> str:
    return " ".join(
        f"{term.get('name') or ''} {term.get('code') or ''}".lower() for _, term in _terms(service)
    )


def _languages(document: dict, notes: list[str]) -> list[str]:
    codes = []
    for language in _list(document, "languages"):
        code = str(language.get("code") or "").lower()
        if code in ISO_639_1:
            if code not in codes:
                codes.append(code)
        else:
            name = language.get("name") or code
            notes.append(f"language {name!r} not kept: not an ISO 639-1 code")
    return codes


def _date(value: Any, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Refusal(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def _note_unkept(service: dict, plan: Plan) -> None:
    for name in ("url", "email", "eligibility_description", "minimum_age", "maximum_age"):
        if service.get(name) not in (None, "") and not (
            plan.listing_type == "shelter" and name in ("minimum_age", "maximum_age")
        ):
            plan.notes.append(f"{name} {service[name]!r} not kept: listings have no such field")


def _clock(value: Any, where: str) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise Refusal(f"{where}: {value!r} is not a time of day (HH:MM)") from None


def _weekdays(byday: Any) -> list[int]:
    days = []
    for part in str(byday or "").upper().split(","):
        day = part.strip().lstrip("+-0123456789")
        if day not in BYDAY:
            return []
        days.append(BYDAY.index(day))
    return days


def spans(schedules: list, notes: list[str], where: str = "schedule") -> list[dict]:
    """Weekly opening spans: one per day of each weekly schedule's byday list."""
    found = []
    for schedule in schedules:
        days = _weekdays(schedule.get("byday"))
        if (
            schedule.get("freq", "WEEKLY") != "WEEKLY"
            or not days
            or not (schedule.get("opens_at") and schedule.get("closes_at"))
        ):
            notes.append(f"{where} {schedule.get('id')} not kept: only weekly opening hours "
                         "with byday, opens_at and closes_at have a place here")  # fmt: skip
            continue
        opens = _clock(schedule["opens_at"], f"{where} {schedule.get('id')}")
        closes = _clock(schedule["closes_at"], f"{where} {schedule.get('id')}")
        found += [{"weekday": day, "opens": opens, "closes": closes} for day in days]
    return found


def phone_number(phone: dict) -> str:
    """The number as published, its leading + kept; stray quotes trimmed."""
    return str(phone.get("number") or "").strip().strip("\"'").strip()


def _place_phones(service: dict, written: dict, notes: list[str]) -> list[dict]:
    phones = []
    for index, phone in enumerate(_list(service, "phones")):
        ours = our_attributes(phone)
        kind = phone.get("type")
        if kind in ("fax", "pager") and not ours:
            notes.append(f"{kind} number {phone_number(phone)} not kept")
            continue
        default = {"text": PhoneType.TEXT, "textphone": PhoneType.TTY_VIDEO,
                   "video": PhoneType.TTY_VIDEO}.get(kind, PhoneType.INTAKE)  # fmt: skip
        hours = phone.get("description") or ""
        if phone.get("extension") not in (None, ""):
            hours = f"Extension {phone['extension']}. {hours}".strip()
        if len(hours) > 200:
            notes.append(f"phone {phone_number(phone)}: description shortened to 200 characters")
            hours = hours[:199] + "…"
        phones.append({"number": phone_number(phone), "type": ours.get("type", default),
                       "available_24_7": bool(ours.get("available_24_7", False)),
                       "hours": hours, **translated_fields(written, "phone", index)})  # fmt: skip
    return phones


def _address(service: dict) -> tuple[dict, dict]:
    """The first location with an address (a physical one first)."""
    located = [
        link["location"]
        for link in _list(service, "service_at_locations")
        if isinstance(link.get("location"), dict)
    ]
    for location in located:
        addresses = _list(location, "addresses")
        addresses.sort(key=lambda a: a.get("address_type") != "physical")
        if addresses:
            return location, addresses[0]
    raise Refusal("no US address: the service has no location with an address")


def _state(value: Any) -> str | None:
    text = str(value or "").strip()
    if text.upper() in USState.values:
        return text.upper()
    return STATE_NAMES.get(text.lower())


def _hidden_state(service: dict, ours: dict) -> str:
    """The state of a shelter our export wrote as hidden: it leaves with no
    location (PRIVACY.md, "HSDS"), its state as the `state` attribute and as a
    single text service area."""
    state = _state(ours.get("state"))
    if state is None:
        areas = [service_area(area) for area in _list(service, "service_areas")]
        states = {area[0] for area in areas if isinstance(area, tuple)}
        if len(areas) == 1 and len(states) == 1:
            state = states.pop()
    if state is None:
        raise Refusal("no US address: a hidden shelter needs its state (the `state` "
                      "attribute or a single state service area)")  # fmt: skip
    return state


def _plan_place(service: dict, ours: dict, plan: Plan) -> None:
    if (
        plan.listing_type == "shelter"
        and ours.get("location_disclosure") == "hidden"
        and not _list(service, "service_at_locations")
    ):
        # No street, city, ZIP or point: a stored shelter keeps its true location
        # (privacy.import_overwrites), a new one has only its state.
        state = _hidden_state(service, ours)
        plan.fields.update(street_address="", city="", county="", state=state, postal_code="",
                           country="US", latitude=None, longitude=None)  # fmt: skip
        _plan_place_details(service, ours, plan, areas_are_the_state=True)
        return
    location, address = _address(service)
    problems = []
    country = str(address.get("country") or "").upper()
    if country != "US":
        problems.append(f"the address is in {country or 'no country'}")
    state = _state(address.get("state_province"))
    if state is None:
        problems.append(f"state_province {address.get('state_province')!r} is not a US state")
    postal_code = str(address.get("postal_code") or "").strip()
    if postal_code and not re.fullmatch(r"\d{5}(-\d{4})?", postal_code):
        problems.append(f"postal_code {postal_code!r} is not a US ZIP code")
    latitude, longitude = location.get("latitude"), location.get("longitude")
    for name, value, bound in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if value is not None and not -bound <= float(value) <= bound:
            problems.append(f"{name} {value} is out of range (-{bound} to {bound})")
    if (latitude is None) != (longitude is None):
        problems.append("a location needs both latitude and longitude, or neither")
    if problems:
        raise Refusal("no US address: " + "; ".join(problems))
    plan.fields.update(
        street_address=address.get("address_1") or "", city=address.get("city") or "",
        county=address.get("region") or "", state=state, postal_code=postal_code,
        country="US", latitude=latitude, longitude=longitude,
    )  # fmt: skip
    _plan_place_details(service, ours, plan)


def _plan_place_details(service: dict, ours: dict, plan: Plan,
                        areas_are_the_state: bool = False) -> None:  # fmt: skip
    plan.phones = _place_phones(service, _translations(ours), plan.notes)
    plan.hours = spans(_list(service, "schedules"), plan.notes)
    if _list(service, "service_areas") and not areas_are_the_state:
        plan.notes.append("service areas not kept: only hotlines have them here")
    words = _term_words(service)
    if plan.listing_type == "shelter":
        plan.fields["kind"] = next(
            (k for w, k in SHELTER_KIND_WORDS.items() if w in words), ShelterKind.EMERGENCY_SHELTER
        )
        populations = []
        if isinstance(service.get("maximum_age"), int) and service["maximum_age"] <= 24:
            populations.append(Population.YOUTH)
        if isinstance(service.get("minimum_age"), int) and service["minimum_age"] >= 55:
            populations.append(Population.OLDER_ADULTS)
        if populations:
            plan.fields["populations"] = populations
        elif service.get("minimum_age") is not None or service.get("maximum_age") is not None:
            plan.notes.append("eligibility ages not kept: shelters record populations "
                              "(youth up to 24, older adults from 55)")  # fmt: skip
        names = SHELTER_ATTRIBUTES
    else:
        plan.fields["kind"] = next(
            (k for w, k in MEDICAL_KIND_WORDS.items() if w in words), MedicalKind.CLINIC
        )
        names = MEDICAL_ATTRIBUTES
    for name in names:
        if name in ours:
            plan.fields[name] = ours[name] if ours[name] is not None else ""
    if plan.listing_type == "shelter":
        plan.fields["max_boy_age"] = ours.get("max_boy_age")
        plan.fields["beds_total"] = ours.get("beds_total")


def _plan_hotline(service: dict, ours: dict, plan: Plan, coverage: str | None) -> None:
    if "topics" in ours:
        plan.fields["topics"] = ours["topics"]
    national, areas = False, []
    for area in _list(service, "service_areas"):
        found = service_area(area)
        if found == "national":
            national = True
        elif found:
            areas.append(found)
        else:
            plan.notes.append(f"service area {area.get('name') or area.get('id')!r} not "
                              "understood (not a US state, county or ZIP): not kept")  # fmt: skip
    plan.areas = list(dict.fromkeys(areas))
    if "coverage" in ours:
        plan.fields["coverage"] = ours["coverage"]
    elif national:
        plan.fields["coverage"] = Coverage.NATIONAL
    elif plan.areas:
        plan.fields["coverage"] = Coverage.REGIONAL
    elif coverage == Coverage.NATIONAL:
        plan.fields["coverage"] = Coverage.NATIONAL
    else:
        raise Refusal("no service area says where the hotline answers; a national line "
                      "needs --coverage national")  # fmt: skip
    written = _translations(ours)
    if ours.get("channels") is not None:
        plan.channels = [
            {**channel, **translated_fields(written, "channel", index), "hours": [
                {"weekday": s["weekday"], "opens": _clock(s["opens"], "channel hours"),
                 "closes": _clock(s["closes"], "channel hours")}
                for s in channel.get("hours", [])]}
            for index, channel in enumerate(ours["channels"])
        ]  # fmt: skip
        return
    # A phone without schedules of its own is answered when the service is open.
    service_hours = spans(_list(service, "schedules"), plan.notes)
    for index, phone in enumerate(_list(service, "phones")):
        kind = CHANNEL_KINDS.get(phone.get("type"), ChannelKind.VOICE)
        if phone.get("type") in ("fax", "pager"):
            plan.notes.append(f"{phone['type']} number {phone_number(phone)} not kept")
            continue
        plan.channels.append({
            "kind": kind, "number": phone_number(phone), "notes": phone.get("description") or "",
            "languages": _languages(phone, plan.notes),
            "hours": spans(_list(phone, "schedules"), plan.notes, "phone schedule")
            or service_hours,
            "available_24_7": False, **translated_fields(written, "channel", index),
        })  # fmt: skip


def service_area(area: dict) -> str | tuple[str, str, str] | None:
    """ "national", (state, county, ZIP), or None when the area names no US place."""
    extent, kind = area.get("extent"), area.get("extent_type")
    if kind == "text" and isinstance(extent, str):
        try:
            ours = json.loads(extent)
        except ValueError:
            ours = None
        if isinstance(ours, dict) and _state(ours.get("state")):
            return (_state(ours["state"]), ours.get("county") or "", ours.get("postal_code") or "")
        found = _text_place(extent)
        if found:
            return found
    if kind == "geojson" and isinstance(extent, str):
        found = _geojson_place(extent)
        if found:
            return found
    return _text_place(area.get("name") or "")


def _text_place(text: str) -> str | tuple[str, str, str] | None:
    text = str(text).strip()
    if text.lower() in NATIONAL_WORDS:
        return "national"
    if ZIP.match(text):
        place = gazetteer.lookup_zip(text)
        return (place.state, "", text) if place else None
    if _state(text):
        return (_state(text), "", "")
    match = COUNTY_IN_STATE.match(text)
    if match and _state(match["state"]) and "county" in match["county"].lower():
        return (_state(match["state"]), match["county"].strip(), "")
    return None


def _geojson_place(extent: str) -> tuple[str, str, str] | None:
    """A GeoJSON Feature (or a collection of one) whose properties name a US
    state, county or ZIP (Census names: STUSPS, NAMELSAD, ZCTA5CE20)."""
    try:
        document = json.loads(extent)
    except ValueError:
        return None
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features") or []
        document = features[0] if len(features) == 1 else None
    if not isinstance(document, dict) or not isinstance(document.get("properties"), dict):
        return None
    props = {str(k).lower(): v for k, v in document["properties"].items()}
    zip_code = str(props.get("postal_code") or props.get("zcta5ce20") or props.get("zcta5ce10")
                   or props.get("zip") or "")  # fmt: skip
    if ZIP.match(zip_code):
        return _text_place(zip_code)  # type: ignore[return-value]
    state = _state(props.get("state") or props.get("stusps") or props.get("state_code"))
    if state is None:
        return None
    county = str(props.get("county") or props.get("namelsad") or "")
    return (state, county, "")
