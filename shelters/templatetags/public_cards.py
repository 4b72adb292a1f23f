"""Tags for the public page's repeated fragments, built in shelters.pages.cards."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from shelters.pages import cards

register = template.Library()


@register.simple_tag(takes_context=True)
def result_cards(context, items, kind: str) -> SafeString:
    """The cards of one result list (hotlines when `kind` is "hotlines")."""
    return cards.cards(items or (), kind, context["language"], context["detail_prefix"])


@register.simple_tag(takes_context=True)
def hotline_card(context, item) -> SafeString:
    labels = cards.Labels()
    html = cards.hotline_card(item, context["language"], context["detail_prefix"], labels)
    return SafeString(html)


@register.simple_tag(takes_context=True)
def address(context, item) -> SafeString:
    return cards.address(item, context["language"])


@register.simple_tag
def phones(item) -> SafeString:
    return cards.phones(item)


@register.simple_tag(takes_context=True)
def checkbox(context, name: str, text: str) -> SafeString:
    return cards.checkbox(name, text, context["form"].get("checked") or ())
