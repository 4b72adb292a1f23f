"""What a console card says, in words a person reads aloud on a call.

Built from the public payload of each listing (shelters.public): staff see of a
confidential shelter exactly what its disclosure level lets anyone see (its area
and its phones), never a street it keeps secret. Only the staff-only notes
(shelters.privacy.STAFF_ONLY_FIELDS) are added, on the detail view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from shelters import public
from shelters.choices import (
    ChannelKind,
    Cost,
    Disclosure,
    MedicalKind,
    PhoneType,
    Population,
    ShelterKind,
)
from shelters.languages import LANGUAGE_CHOICES

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The order phones are read out in: the line to call first.
PHONE_ORDER = {
    PhoneType.CRISIS_24H: 0, PhoneType.INTAKE: 1, PhoneType.TTY_VIDEO: 2, PhoneType.TEXT: 3,
    PhoneType.MAIN: 4, ChannelKind.VOICE: 0, ChannelKind.TTY_VIDEO: 2, ChannelKind.TEXT: 3,
}  # fmt: skip
PHONE_LABELS = {
    PhoneType.CRISIS_24H: "Crisis", PhoneType.INTAKE: "Intake", PhoneType.TTY_VIDEO: "TTY",
    PhoneType.TEXT: "Text", PhoneType.MAIN: "Office", ChannelKind.VOICE: "Call",
}  # fmt: skip


@dataclass
class Phone:
    label: str
    number: str
    dial: str
    always: bool
    text: bool = False
    keyword: str = ""


@dataclass
class Card:
    type: str  # shelters, medical, hotlines
    pk: int
    name: str
    organization: str
    kind: str
    phones: list[Phone]
    hours: str
    open_now: bool | None
    where: str
    languages: str
    eligibility: list[str]
    beds: str
    verified: str
    verification_overdue: bool
    edited: str
    description: str = ""
    detail: dict[str, str] = field(default_factory=dict)
    unmet: list[str] = field(default_factory=list)
    always_open: bool = False

    @property
    def intake(self) -> str:
        return self.detail.get("Intake process", "")

    @property
    def anchor(self) -> str:
        return f"card-{self.type}-{self.pk}"


def _when(value: datetime, now: datetime) -> str:
    age = now - value
    if age < timedelta(hours=1):
        return f"{max(1, int(age.total_seconds() // 60))} min ago"
    if age < timedelta(hours=48):
        return f"{int(age.total_seconds() // 3600)} h ago"
    return f"{age.days} days ago"


def _hours_text(payload: dict) -> str:
    if payload.get("open_24_7"):
        return "Open 24/7"
    spans = payload.get("hours") or []
    if not spans:
        return "Call for hours"
    return ", ".join(f"{WEEKDAYS[s['weekday']]} {s['opens']}-{s['closes']}" for s in spans)


def _languages(codes) -> str:
    return ", ".join(LANGUAGE_NAMES.get(code, code) for code in codes) or "Not listed"


def _phones(payload: dict) -> list[Phone]:
    phones = [
        Phone(PHONE_LABELS.get(p["type"], p["type"]), p["number"], p["dial"], p["available_24_7"],
              text=p["type"] == PhoneType.TEXT)
        for p in payload.get("phones", [])
    ]  # fmt: skip
    return sorted(phones, key=lambda p: (not p.always, p.label != "Crisis"))


def _verification(payload: dict, today: date) -> tuple[str, bool]:
    verified = payload.get("last_verified")
    if not verified:
        return "Never verified", True
    on = date.fromisoformat(verified)
    overdue = (today - on).days > settings.VERIFICATION_MAX_AGE_DAYS
    return f"Verified {on:%b %-d, %Y}", overdue


def _edited(payload: dict) -> str:
    stamp = parse_datetime(payload["updated_at"]) if payload.get("updated_at") else None
    return f"Edited {timezone.localtime(stamp):%b %-d, %Y}" if stamp else "Edit date unknown"


def _where(payload: dict, distance_km: float | None) -> str:
    address = payload.get("address") or {}
    parts = [
        address.get("street"),
        address.get("city"),
        address.get("county"),
        address.get("state"),
    ]
    place = ", ".join(part for part in parts if part)
    location = payload.get("location")
    if location is None:
        place = f"{place}: location withheld, reach by phone"
    elif location.get("approximate"):
        place = f"{place}: approximate area only"
    if distance_km is not None:
        return f"{distance_km * 0.621371:.1f} mi from the area's centre · {place}"
    return place


def _beds(payload: dict, now: datetime) -> str:
    beds = payload["beds"]
    if beds["current"]:
        counted = _when(parse_datetime(beds["updated_at"]), now)
        total = f" of {beds['total']}" if beds["total"] is not None else ""
        return f"{beds['available']}{total} beds free (counted {counted})"
    if beds["updated_at"]:
        counted = _when(parse_datetime(beds["updated_at"]), now)
        return f"Beds unknown (last count {counted}, too old to trust)"
    return "Beds unknown (no count reported)"


def _beds_for_intake(beds: dict) -> str:
    """The end of the intake sentence: what a current count says, never that a bed
    may be free when the count says none is."""
    if not beds["current"]:
        return "."
    if beds["available"]:
        return "; the last count showed a bed free."
    return "; the last count showed no bed free."


def _shelter_eligibility(payload: dict) -> list[str]:
    populations = dict(Population.choices)
    items = [", ".join(str(populations.get(p, p)) for p in payload["populations"]) or "All adults"]
    if payload["accepts_children"]:
        boys = payload["max_boy_age"]
        items.append("Children welcome" + (f"; boys up to age {boys}" if boys is not None else ""))
    else:
        items.append("No children")
    items.append("Pets welcome" if payload["accepts_pets"] else "No pets")
    items.append("No ID needed" if payload["no_id_required"] else "ID may be asked for")
    return items


def _access(payload: dict) -> str:
    parts = []
    if payload.get("wheelchair_accessible"):
        parts.append("Wheelchair accessible")
    if payload.get("deaf_services"):
        parts.append("Services for deaf and hard-of-hearing people")
    if payload.get("accessibility_notes"):
        parts.append(payload["accessibility_notes"])
    return "; ".join(parts) or "Not listed"


def shelter(listing, now: datetime, unmet=()) -> Card:
    payload = public.shelter(listing, now)
    verified, overdue = _verification(payload, timezone.localdate(now))
    phones = _phones(payload)
    intake = next((p for p in phones if p.label == "Intake"), phones[0] if phones else None)
    return Card(
        type="shelters",
        pk=listing.pk,
        name=payload["name"],
        organization=payload["organization"]["name"],
        kind=str(ShelterKind(payload["kind"]).label),
        phones=phones,
        hours=_hours_text(payload),
        open_now=payload["open_now"],
        where=_where(payload, getattr(listing, "distance_km", None)),
        languages=_languages(payload["languages"]),
        eligibility=_shelter_eligibility(payload),
        beds=_beds(payload, now),
        verified=verified,
        verification_overdue=overdue,
        edited=_edited(payload),
        description=payload["description"],
        unmet=list(unmet),
        always_open=payload["open_24_7"],
        detail={
            "Intake process": (
                f"Call intake at {intake.number} first" if intake else "Call for intake"
            )
            + _beds_for_intake(payload["beds"]),
            "Documents": "No ID or documents needed"
            if payload["no_id_required"]
            else "ID or documents may be asked for: ask intake",
            "Fees": "Free of charge"
            if payload["free_of_charge"]
            else "May charge a fee: ask intake",
            "Accessibility": _access(payload),
            "Service area": _service_area(payload),
        },
    )


def _service_area(payload: dict) -> str:
    address = payload.get("address") or {}
    area = ", ".join(part for part in (address.get("city"), address.get("county"),
                                        address.get("state")) if part)  # fmt: skip
    if payload.get("location_disclosure") == Disclosure.HIDDEN:
        return f"Somewhere in {address.get('state')}: the location is withheld"
    return f"Callers from around {area}" if area else "Not listed"


def medical(listing, now: datetime, unmet=()) -> Card:
    payload = public.medical_service(listing, now)
    verified, overdue = _verification(payload, timezone.localdate(now))
    return Card(
        type="medical",
        pk=listing.pk,
        name=payload["name"],
        organization=payload["organization"]["name"],
        kind=str(MedicalKind(payload["kind"]).label),
        phones=_phones(payload),
        hours=_hours_text(payload),
        open_now=payload["open_now"],
        where=_where(payload, getattr(listing, "distance_km", None)),
        languages=_languages(payload["languages"]),
        eligibility=["Walk-ins welcome" if payload["walk_in"] else "Appointment needed"],
        beds="",
        verified=verified,
        verification_overdue=overdue,
        edited=_edited(payload),
        description=payload["description"],
        unmet=list(unmet),
        always_open=payload["open_24_7"],
        detail={
            "Intake process": "Walk in" if payload["walk_in"] else "Call for an appointment",
            "Documents": "Ask when calling",
            "Fees": str(Cost(payload["cost"]).label),
            "Accessibility": _access(payload),
            "Service area": _service_area(payload),
        },
    )


def hotline(listing, now: datetime, unmet=()) -> Card:
    payload = public.hotline(listing)
    verified, overdue = _verification(payload, timezone.localdate(now))
    phones = []
    languages = set(payload["languages"])
    for channel in payload["channels"]:
        languages.update(channel["languages"])
        if channel["kind"] == ChannelKind.CHAT:
            continue
        phones.append(
            Phone(
                PHONE_LABELS.get(channel["kind"], "TTY" if "tty" in channel["kind"] else "Text"),
                channel["number"],
                channel["dial"],
                channel["available_24_7"],
                text=channel["kind"] == ChannelKind.TEXT,
                keyword=channel["keyword"],
            )
        )
    always = any(p.always for p in phones)
    areas = [", ".join(p for p in (a["postal_code"], a["county"], a["state"]) if p)
             for a in payload["areas"]]  # fmt: skip
    return Card(
        type="hotlines",
        pk=listing.pk,
        name=payload["name"],
        organization=payload["organization"]["name"],
        kind="Hotline",
        phones=phones,
        hours="Answered 24/7" if always else "See each line's hours",
        open_now=None,
        where="Serves the whole country"
        if payload["coverage"] == "national"
        else "Serves " + "; ".join(areas),
        languages=_languages(sorted(languages)),
        eligibility=[],
        beds="",
        verified=verified,
        verification_overdue=overdue,
        edited=_edited(payload),
        description=payload["description"],
        unmet=list(unmet),
        always_open=always,
        detail={
            "Intake process": _hotline_intake(payload["channels"]),
            "Documents": "None needed to call",
            "Fees": "Not listed",
            "Accessibility": "TTY line listed above"
            if any(p.label == "TTY" for p in phones)
            else "Not listed",
            "Service area": "The whole country"
            if payload["coverage"] == "national"
            else "; ".join(areas),
        },
    )


# How a caller reaches a hotline by each kind of channel, in the order said.
INTAKE_VERBS = {
    ChannelKind.VOICE: "call",
    ChannelKind.TEXT: "text",
    ChannelKind.CHAT: "chat online",
    ChannelKind.TTY_VIDEO: "use TTY or video phone",
}


def _hotline_intake(channels: list[dict]) -> str:
    """What its channels offer ("Call or text"), never a way it does not: a staffer
    reads this to a caller who may only be able to text."""
    kinds = {channel["kind"] for channel in channels}
    verbs = [verb for kind, verb in INTAKE_VERBS.items() if kind in kinds]
    if not verbs:
        return "No way to reach it is listed"
    said = verbs[0] if len(verbs) == 1 else ", ".join(verbs[:-1]) + " or " + verbs[-1]
    return said[0].upper() + said[1:]


BUILDERS = {"shelters": shelter, "medical": medical, "hotlines": hotline}


def _phone_html(phone: Phone) -> str:
    always = " (24/7)" if phone.always else ""
    scheme = "sms" if phone.text else "tel"
    keyword = f" text “{esc(phone.keyword)}”" if phone.keyword else ""
    return (
        f'<li><span class="label">{esc(phone.label)}{always}:</span> '
        f'<a href="{scheme}:{esc(phone.dial)}" data-field="phone">{esc(phone.number)}</a>'
        f"{keyword}</li>"
    )


def card_html(card: Card, back: str) -> str:
    """One result card of the console's search page, as console/search.html lists them.

    Built in Python: a page lists up to a hundred cards, and as an included
    template they cost more server time than the search that found them.
    """
    anchor = esc(card.anchor)
    url = esc(reverse("console:detail", args=(card.type, card.pk)))
    unmet = ""
    if card.unmet:
        unmet = (
            '  <p class="unmet-note" data-field="unmet"><strong>Does not fit:</strong> '
            f"{', '.join(str(esc(item)) for item in card.unmet)}</p>\n"
        )
    phones = "".join(_phone_html(phone) for phone in card.phones) or "<li>No phone listed</li>"
    if card.open_now:
        now = '<strong data-field="open-now">Open now</strong> · '
    elif card.open_now is False:
        now = '<span data-field="open-now">Closed now</span> · '
    else:
        now = ""
    eligibility = ""
    if card.eligibility:
        who = " · ".join(str(esc(item)) for item in card.eligibility)
        eligibility = f'<div><dt>Who</dt><dd data-field="eligibility">{who}</dd></div>'
    beds = (
        f'<div><dt>Beds</dt><dd data-field="beds">{esc(card.beds)}</dd></div>' if card.beds else ""
    )
    overdue = (
        ' · <strong class="overdue" data-field="verification-overdue">Verification overdue</strong>'
        if card.verification_overdue
        else ""
    )
    return (
        f'<li class="card{" unmet" if card.unmet else ""}" id="{anchor}" data-referral>\n'
        f'  <h4 class="card-title"><a class="card-link" id="link-{anchor}" href="{url}?{esc(back)}"'
        f' data-field="name">{esc(card.name)}</a></h4>\n'
        f"{unmet}"
        f'  <p class="meta"><span data-field="type">{esc(card.kind)}</span> · '
        f'<span data-field="organization">{esc(card.organization)}</span></p>\n'
        f'  <ul class="phones" data-field="phones">\n    {phones}\n  </ul>\n'
        '  <dl class="facts">\n'
        f'    <div><dt>Hours</dt><dd data-field="hours">{now}{esc(card.hours)}</dd></div>\n'
        f'    <div><dt>Where</dt><dd data-field="distance">{esc(card.where)}</dd></div>\n'
        f'    <div><dt>Languages</dt><dd data-field="languages">{esc(card.languages)}</dd></div>\n'
        f"    {eligibility}\n    {beds}\n"
        f'    <div><dt>Intake</dt><dd data-field="intake">{esc(card.intake)}</dd></div>\n'
        f'    <div><dt>Checked</dt><dd><span data-field="verified">{esc(card.verified)}</span>'
        f'{overdue} · <span data-field="edited">{esc(card.edited)}</span></dd></div>\n'
        "  </dl>\n"
        f'  <p class="pick"><label><input type="checkbox" class="pick-box" value="{anchor}">'
        " Add to referral</label></p>\n</li>"
    )


def cards_html(cards: list[Card], back: str) -> SafeString:
    """Every card of one list, for the console's search page."""
    return mark_safe("".join(card_html(card, back) for card in cards))
