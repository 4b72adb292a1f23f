from django import template
from django.utils.safestring import SafeString

from shelters.console.cards import cards_html

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """`mapping[key]` in a template (the staff console's form values)."""
    return mapping.get(key, "")


@register.simple_tag
def cards(items, back: str) -> SafeString:
    """The result cards of one list (shelters.console.cards.card_html)."""
    return cards_html(items, back)
