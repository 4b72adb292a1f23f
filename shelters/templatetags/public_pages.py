"""Labels for the codes a public payload carries, in the active language."""

from __future__ import annotations

from django import template

from shelters import choices
from shelters.languages import LANGUAGE_CHOICES

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
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


@register.filter
def label(code: str, vocabulary: str) -> str:
    """The readable label of `code` in `vocabulary`; the code itself if unknown."""
    try:
        return str(VOCABULARIES[vocabulary](code).label)
    except ValueError:
        return code


@register.filter
def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


@register.filter
def miles(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
