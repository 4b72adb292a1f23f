from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """`mapping[key]` in a template (the staff console's form values)."""
    return mapping.get(key, "")
