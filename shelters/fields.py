"""A list-of-choices model field that works the same on SQLite and PostgreSQL.

Populations, languages and services are small sets of codes. They are stored as a
JSON array; `field__has_item=value` filters on membership on both databases
(PostgreSQL's `@>` containment, SQLite's `json_each`), and the admin edits them
as checkboxes, or a searchable picker for long lists, instead of raw JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Lookup


class ChoiceListField(models.JSONField):
    def __init__(self, *args: Any, item_choices: list[tuple[str, Any]] | None = None, **kwargs):
        self.item_choices = list(item_choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError("Enter a list of values.", code="invalid")
        allowed = {code for code, _label in self.item_choices}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                "Unknown value(s): %(unknown)s.",
                code="invalid_choice",
                params={"unknown": ", ".join(map(str, unknown))},
            )
        if len(set(value)) != len(value):
            raise ValidationError("A value appears more than once.", code="duplicate")

    def formfield(self, **kwargs):
        label = kwargs.get("label") or self.verbose_name.capitalize()
        return forms.TypedMultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=label,
            help_text=self.help_text,
            widget=kwargs.get("widget") or self.default_widget(label),
        )

    def default_widget(self, label: str) -> forms.Widget:
        """Checkboxes for a short list; a long one (178 languages) gets the admin's
        two-box picker with a search box, which ships with Django."""
        if len(self.item_choices) <= 20:
            return forms.CheckboxSelectMultiple()
        return FilteredSelectMultiple(label.lower(), is_stacked=False)


@ChoiceListField.register_lookup
class HasItem(Lookup):
    """`field__has_item="es"`: the JSON array holds that value."""

    lookup_name = "has_item"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return (
            f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)",
            [*lhs_params, self.rhs],
        )

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @> %s::jsonb", [*lhs_params, json.dumps([self.rhs])]
