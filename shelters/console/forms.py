"""The console's search form: the region box, where-mode, type and eligibility."""

from __future__ import annotations

from django import forms

from shelters.choices import Population
from shelters.console.search import ELIGIBILITY, LOCATED, SERVES, TYPES
from shelters.languages import LANGUAGE_CHOICES

ANY = [("", "Any")]


class SearchForm(forms.Form):
    where = forms.CharField(
        label="ZIP, city, county or state",
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "aria-describedby": "where-help",
                "list": "where-suggestions",
            }
        ),
    )
    reach = forms.ChoiceField(
        label="Which listings",
        choices=[(SERVES, "Serves this area"), (LOCATED, "Located in this area")],
        required=False,
        widget=forms.RadioSelect,
    )
    type = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *TYPES.items()], required=False
    )
    population = forms.ChoiceField(
        label="Who", choices=ANY + list(Population.choices), required=False
    )
    boy_age = forms.IntegerField(label="Boy's age", min_value=0, max_value=25, required=False)
    language = forms.ChoiceField(
        label="Language", choices=ANY + list(LANGUAGE_CHOICES), required=False
    )
    show_all = forms.BooleanField(label="Show all, marking those that do not fit", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in ELIGIBILITY:
            self.fields[item.name] = forms.BooleanField(label=item.chip, required=False)

    def clean(self) -> dict:
        """A field given twice is refused, not read as its last value: a link that
        says two places would otherwise search one of them without a word."""
        cleaned = super().clean()
        for name in self.fields:
            if hasattr(self.data, "getlist") and len(self.data.getlist(name)) > 1:
                self.add_error(name, "Give it once.")
        return cleaned

    def controls(self) -> dict:
        """What the template draws by hand: Django's widget templates cost more
        than the search itself (178 languages), so the form's own choices and the
        values given are handed over as plain data."""
        data = self.data
        selects = [
            (name, self.fields[name].label, self.fields[name].choices, data.get(name, ""))
            for name in ("type", "population", "language")
        ]
        names = ["where", "boy_age", "show_all", *(item.name for item in ELIGIBILITY)]
        values = {name: data.get(name, "") for name in names + [s[0] for s in selects]}
        return {
            "reach": data.get("reach") or SERVES,
            "selects": selects,
            "ticks": [(item.name, item.chip) for item in ELIGIBILITY],
            "values": values,
        }
