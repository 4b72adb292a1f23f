"""Labels for the codes a public payload carries, in the active language."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html_join

from shelters import choices, languages

register = template.Library()

VOCABULARIES = {
    "shelter_kind": choices.ShelterKind,
    "medical_kind": choices.MedicalKind,
    "population": choices.Population,
    "phone_type": choices.PhoneType,
    "channel_kind": choices.ChannelKind,
    "topic": choices.HotlineTopic,
    "shelter_service": choices.ShelterService,
    "medical_service": choices.MedicalServiceType,
    "weekday": choices.Weekday,
}


@register.filter
def label(code: str, vocabulary: str) -> str:
    """The readable label of `code` in `vocabulary`; the code itself if unknown."""
    try:
        return str(VOCABULARIES[vocabulary](code).label)
    except ValueError:
        return code


@register.filter
def language_name(code: str) -> str:
    return languages.language_name(code)


@register.filter
def miles(value: float | None) -> str:
    """One decimal, written as the page's language writes it (5.3, 5,3)."""
    return "" if value is None else number_format(value, 1)


@register.simple_tag
def options(choices, selected: str) -> str:
    """<option> elements for `choices`, `selected` marked: built in Python, as the
    178 languages cost a template loop more than the search itself."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", text) for value, text in choices),
    )
