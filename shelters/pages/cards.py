"""The public page's repeated fragments (result cards, address, phones, checkboxes),
built in Python.

A results page shows dozens of cards; as included templates they cost more server
time than the search itself (each include, loop and translate tag is interpreted
anew per card). The markup is the same as the templates it replaces; labels are
translated once per list, in the active language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from shelters.pages.chrome import MEDICAL_KINDS
from shelters.templatetags.public_pages import label, language_name, miles


class Labels:
    """The fixed texts a card uses, translated (and escaped) once."""

    def __init__(self) -> None:
        # Literal gettext() calls, so that makemessages keeps finding these texts.
        self.always = esc(gettext("24/7"))
        self.private = esc(gettext("Location kept private: call to ask"))
        self.approximate = esc(gettext("Approximate area only: call to ask"))
        self.national = esc(gettext("National"))
        self.serves = esc(gettext("Serves this area"))
        self.chat = esc(gettext("chat on their website"))
        self.open_24_7 = esc(gettext("Open 24/7"))
        self.open_now = esc(gettext("Open now"))
        self.closed = esc(gettext("Closed now, or hours not given"))
        self.beds_unknown = esc(gettext("Beds free: unknown"))
        self.pets = esc(gettext("Pets welcome"))
        self.no_id = esc(gettext("No ID needed"))
        self.children = esc(gettext("Children welcome"))
        self.languages = esc(gettext("Languages:"))


def _lang(language: str) -> str:
    return "" if language == "en" else ' lang="en"'


def address(item: Mapping, language: str, labels: Labels | None = None) -> SafeString:
    labels = labels or Labels()
    place = item.get("address") or {}
    street = place.get("street")
    parts = ['<p class="address">']
    if street:
        parts.append(f"<span{_lang(language)}>{esc(street)}, </span>")
    if place.get("city"):
        parts.append(f"{esc(place['city'])}, ")
    if place.get("county") and not street:
        parts.append(f"{esc(place['county'])}, ")
    parts.append(str(esc(place.get("state", ""))))
    if street and place.get("postal_code"):
        parts.append(f" {esc(place['postal_code'])}")
    parts.append("\n")
    location = item.get("location")
    approximate = bool(location and location.get("approximate"))
    if not location:
        parts.append(f"<br><strong>{labels.private}</strong>")
    elif approximate:
        parts.append(f"<br><strong>{labels.approximate}</strong>")
    parts.append("\n")
    if item.get("distance_mi") is not None:
        if approximate:
            text = gettext("About %(mi)s miles away (approximate)")
        else:
            text = gettext("About %(mi)s miles away")
        parts.append("<br>" + text % {"mi": esc(miles(item["distance_mi"]))})
    parts.append("</p>")
    return mark_safe("".join(parts))


def phones(item: Mapping, labels: Labels | None = None) -> SafeString:
    if not item.get("phones"):
        return mark_safe("")
    labels = labels or Labels()
    rows = []
    for phone in item["phones"]:
        always = f" ({labels.always})" if phone.get("available_24_7") else ""
        rows.append(
            f"<li>{esc(label(phone.get('type'), 'phone_type'))}: "
            f'<a href="tel:{esc(phone.get("dial"))}">{esc(phone.get("number"))}</a>{always}</li>'
        )
    return mark_safe('<ul class="phones">' + "".join(rows) + "</ul>")


def _facts(item: Mapping, labels: Labels) -> str:
    if item.get("open_24_7"):
        text = labels.open_24_7
    elif item.get("open_now"):
        text = labels.open_now
    else:
        text = labels.closed
    parts = [str(text)]
    beds = item.get("beds")
    if beds:
        if beds.get("current") and beds.get("available") is not None:
            count = beds["available"]
            free = ngettext("%(counter)s bed free", "%(counter)s beds free", count)
            parts.append(" · " + free % {"counter": esc(count)})
        else:
            parts.append(f" · {labels.beds_unknown}")
    if item.get("accepts_pets"):
        parts.append(f" · {labels.pets}")
    if item.get("no_id_required"):
        parts.append(f" · {labels.no_id}")
    if item.get("accepts_children"):
        if item.get("max_boy_age") is not None:
            text = gettext("Children welcome (boys up to %(age)s)") % {
                "age": esc(item["max_boy_age"])
            }
            parts.append(f" · {text}")
        else:
            parts.append(f" · {labels.children}")
    return "".join(parts)


def place_card(item: Mapping, language: str, detail_prefix: str, labels: Labels) -> str:
    kind = item.get("kind")
    medical = kind in MEDICAL_KINDS
    lang = _lang(language)
    kind_label = label(kind, "medical_kind" if medical else "shelter_kind")
    organization = (item.get("organization") or {}).get("name", "")
    lines = [
        f'<li class="card" data-listing="{esc(item["id"])}">',
        f'  <h4><a href="{esc(detail_prefix)}{"medical" if medical else "shelters"}/'
        f'{esc(item["id"])}/" data-stay{lang}>{esc(item.get("name", ""))}</a></h4>',
        f'  <p class="meta"><span{lang}>{esc(organization)}</span> · {esc(kind_label)}</p>',
        f"  {address(item, language, labels)}",
        f"  {phones(item, labels)}",
        f'  <p class="facts">{_facts(item, labels)}</p>',
    ]
    if item.get("languages"):
        names = ", ".join(str(esc(language_name(code))) for code in item["languages"])
        lines.append(f'  <p class="facts">{labels.languages} {names}</p>')
    else:
        lines.append("  ")
    lines.append("</li>")
    return "\n".join(lines)


def _channel(channel: Mapping, labels: Labels) -> str:
    always = f" ({labels.always})" if channel.get("available_24_7") else ""
    head = f"<li>{esc(label(channel.get('kind'), 'channel_kind'))}{always}: "
    if channel.get("number"):
        number = esc(channel["number"])
        dial = esc(channel.get("dial"))
        if channel.get("kind") == "text":
            keyword = ""
            if channel.get("keyword"):
                keyword = gettext("send %(keyword)s to") % {"keyword": esc(channel["keyword"])}
                keyword += " "
            body = f'{keyword}<a href="sms:{dial}">{number}</a>'
        else:
            body = f'<a href="tel:{dial}">{number}</a>'
    elif channel.get("url"):
        body = f'<a href="{esc(channel["url"])}" rel="noreferrer">{labels.chat}</a>'
    else:
        body = ""
    return f"{head}{body}</li>"


def hotline_card(item: Mapping, language: str, detail_prefix: str, labels: Labels) -> str:
    coverage = labels.national if item.get("coverage") == "national" else labels.serves
    channels = "".join(_channel(channel, labels) for channel in item.get("channels") or ())
    return "\n".join(
        [
            f'<li class="card" data-hotline="{esc(item["id"])}">',
            f'  <h4><a href="{esc(detail_prefix)}hotlines/{esc(item["id"])}/" data-stay'
            f"{_lang(language)}>{esc(item.get('name', ''))}</a></h4>",
            f'  <p class="meta">{coverage}</p>',
            f'  <ul class="phones">{channels}</ul>',
            "</li>",
        ]
    )


def cards(items: Iterable[Mapping], kind: str, language: str, detail_prefix: str) -> SafeString:
    """Every card of a result list: hotline cards for `kind` "hotlines", else places."""
    labels = Labels()
    build = hotline_card if kind == "hotlines" else place_card
    return mark_safe("".join(build(item, language, detail_prefix, labels) for item in items))


def checkbox(name: str, text: str, checked: Iterable[str]) -> SafeString:
    ticked = " checked" if name in checked else ""
    return mark_safe(
        f'<label class="checkbox"><input type="checkbox" name="{esc(name)}" value="true"'
        f"{ticked}> {esc(text)}</label>"
    )
