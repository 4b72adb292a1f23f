"""Which guidance steps a searcher of a state sees, in which language.

Each step sits in a slot: its topic and its order within the topic. For a state,
a step of that state fills its slot before a national one does (a state step with
the topic and order of a national step replaces it there; one with a new order
extends the topic). Within the chosen scope the language asked for comes first,
then English: a state's own step in English is shown before a national step in
Spanish, because what is true in that state matters more than the language.
Steps come in topic order (choices.GuidanceTopic), then by `order`.
"""

from __future__ import annotations

from shelters import i18n
from shelters.choices import GuidanceTopic
from shelters.models import Guidance

TOPIC_ORDER = {value: index for index, value in enumerate(GuidanceTopic.values)}


def steps_for(state: str, lang: str) -> list[Guidance]:
    """The guidance for `state` ("" for national only) in `lang`, falling back to
    national and to English slot by slot."""
    languages = {lang, i18n.ENGLISH}
    scopes = {"", state}
    rows = Guidance.objects.filter(state__in=scopes, language__in=languages).order_by("id")
    chosen: dict[tuple[str, int], Guidance] = {}
    for row in rows:
        slot = (row.topic, row.order)
        if slot not in chosen or _rank(row, state, lang) < _rank(chosen[slot], state, lang):
            chosen[slot] = row
    return sorted(chosen.values(), key=lambda row: (TOPIC_ORDER.get(row.topic, 99), row.order))


def _rank(row: Guidance, state: str, lang: str) -> tuple[int, int]:
    return (0 if state and row.state == state else 1, 0 if row.language == lang else 1)
