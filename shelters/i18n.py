"""Which language an answer is in, and which text of a listing it shows.

The language comes from the request alone: the `lang` parameter, else the
Accept-Language header, else English. Never from a cookie or the session (Django's
LocaleMiddleware would read and may set one): a survivor's phone keeps nothing.

Translated listing text (shelters.translation) falls back to English field by
field; every object carrying such text says, in `text_lang`, which of its texts
are in another language than the one asked for (empty when none is).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

ENGLISH = "en"
SPANISH = "es"
LANGUAGES = (ENGLISH, SPANISH)
LANGUAGE_CHOICES = [(ENGLISH, "English"), (SPANISH, "Spanish")]
DEFAULT = ENGLISH


def from_accept_language(header: str) -> str:
    """The first supported language of an Accept-Language header, by its weights
    (es-MX, es;q=0.9 is Spanish); English when none is supported."""
    for tag, _weight in parse_accept_lang_header(header or ""):
        primary = tag.split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT


def requested(lang: str | None, accept_language: str | None) -> str:
    """`lang` (already validated) wins; the header speaks only when it is absent."""
    return lang or from_accept_language(accept_language or "")


def text(obj, field: str, lang: str) -> tuple[str, str]:
    """(the text of `field` in `lang`, the language it is really in): English when
    no text was written in `lang`."""
    if lang != ENGLISH:
        value = getattr(obj, f"{field}_{lang}", "") or ""
        if value.strip():
            return value, lang
    return getattr(obj, f"{field}_{ENGLISH}", "") or "", ENGLISH


def texts(obj, fields: tuple[str, ...], lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The texts of `fields`, and the `text_lang` marks of those that fell back."""
    values, marks = {}, {}
    for field in fields:
        values[field], actual = text(obj, field, lang)
        if actual != lang and values[field]:
            marks[field] = actual
    return values, marks


def label(choices, value: str, lang: str) -> str:
    """The label of `value` in a TextChoices vocabulary, in `lang` (gettext)."""
    with translation.override(lang):
        return str(choices(value).label)


def labels(choices, lang: str) -> dict[str, str]:
    with translation.override(lang):
        return {value: str(name) for value, name in choices.choices}


def missing_spanish(queryset):
    """Live listings that say they serve Spanish speakers (languages has es) but
    have no Spanish description yet."""
    from shelters.choices import Status

    return queryset.exclude(status=Status.ARCHIVED).filter(
        no_text("description", SPANISH), languages__has_item=SPANISH
    )


def no_text(field: str, lang: str):
    """Q: no text written in `lang` (modeltranslation leaves an unwritten one NULL)."""
    from django.db.models import Q

    column = f"{field}_{lang}"
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
