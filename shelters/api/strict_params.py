"""Strict query parameters: the generic machinery behind every public endpoint's
parameters, and the one function that validates a filter set's.

Strict means: a parameter that is unknown, repeated, empty (free text aside) or
not exactly of its type is a 400 naming it, never silently dropped or read
loosely (a typo such as `accept_pets=true` must not widen a survivor's search).
The directory's own filter sets live in shelters.api.filters.

Cheap means: validating a search's parameters is a form's cleaning and nothing
else. `validate` cleans with a form class built once per filter set, whose
fields are shared rather than deep-copied per request, and builds the filter set
and its filtered queryset only when a caller asks for them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import django_filters as filters
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ChoiceField
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

INTEGER = re.compile(r"^[+-]?[0-9]+$")
# ASCII only: float() and int() also read full-width and Arabic-Indic digits, and
# "1_000"; the schema promises plain decimal numbers.
DECIMAL = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
ZIP = re.compile(r"^[0-9]{5}$")
MAX_TEXT_LENGTH = 100
TRUE_VALUES = ("true", "1")
FALSE_VALUES = ("false", "0")
# An empty value reads as "no filter" only for free text; for a number, a choice,
# a boolean or a ZIP it is a mistake worth a 400.
FREE_TEXT_PARAMETERS = frozenset({"q", "city", "county"})


class FiniteFloatField(forms.FloatField):
    """A float that must be finite: Django already refuses NaN and Infinity here,
    and this keeps it so whatever the version."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not DECIMAL.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not math.isfinite(value):
            raise forms.ValidationError("Enter a finite number.", code="invalid")


class StrictBooleanField(forms.TypedChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.pop("empty_label", None)
        super().__init__(
            *args,
            choices=[(v, v) for v in (*TRUE_VALUES, *FALSE_VALUES)],
            coerce=lambda value: value in TRUE_VALUES,
            empty_value=None,
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value.lower() if isinstance(value, str) else value)

    def valid_value(self, value):
        return value in (*TRUE_VALUES, *FALSE_VALUES)


class StrictIntegerField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "10.0" and "1e1"-like input
    that the schema (type: integer) says is not an integer."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not INTEGER.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ZipField(forms.CharField):
    """Five ASCII digits, exactly as given: " " or "abcde" is a 400, never a
    silently dropped filter or search location."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, strip=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values and not ZIP.match(value):
            raise forms.ValidationError("Enter a five-digit ZIP code.", code="invalid")


def positive(value: float) -> None:
    """A validator: strictly greater than 0 (min_value would allow 0)."""
    if value is not None and value <= 0:
        raise forms.ValidationError("Ensure this value is greater than 0.", code="min_value")


def documented(filter_: filters.Filter, schema: dict) -> None:
    """Give the OpenAPI schema the parameter's real type, range and description."""
    description = filter_.extra.get("help_text")
    extend_schema_field({**schema, **({"description": description} if description else {})})(
        filter_
    )


def range_schema(base: dict, kwargs: dict) -> dict:
    schema = dict(base)
    if kwargs.get("min_value") is not None:
        schema["minimum"] = kwargs["min_value"]
    if kwargs.get("max_value") is not None:
        schema["maximum"] = kwargs["max_value"]
    return schema


class FloatFilter(filters.Filter):
    field_class = FiniteFloatField

    def __init__(self, *args, schema: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        base = {"type": "number", "format": "double", **(schema or {})}
        documented(self, range_schema(base, kwargs))


class IntFilter(filters.Filter):
    field_class = StrictIntegerField

    def __init__(self, *args, schema: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        documented(self, range_schema({"type": "integer", **(schema or {})}, kwargs))


class BoolFilter(filters.Filter):
    """`true`/`false` (or 1/0); anything else is a 400, not silently ignored."""

    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documented(self, {"type": "boolean"})


class TextFilter(filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_TEXT_LENGTH)
        super().__init__(*args, **kwargs)
        documented(self, {"type": "string", "maxLength": kwargs["max_length"]})


class EnumField(ChoiceField):
    """A choice checked against a set of its values: Django's ChoiceField walks
    (and, given a function, rebuilds) the whole list of choices for each value."""

    def __init__(self, *args, values: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values

    def valid_value(self, value) -> bool:
        if self.null_label is not None:
            return super().valid_value(value)
        return str(value) in self.values


class EnumFilter(filters.ChoiceFilter):
    """A closed vocabulary. The field gets its choices through a function, so that
    nothing ever copies the list (178 language pairs); the schema lists the values."""

    field_class = EnumField

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        values = frozenset(str(value) for value, _label in choices)
        super().__init__(*args, choices=lambda: choices, values=values, **kwargs)
        documented(self, {"type": "string", "enum": [value for value, _label in choices]})


class ZipFilter(filters.CharFilter):
    field_class = ZipField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documented(self, {"type": "string", "pattern": "^[0-9]{5}$"})


def not_a_filter(queryset: QuerySet, name: str, value) -> QuerySet:
    """For parameters the caller applies itself (origin, radius, paging)."""
    return queryset


def parameter_errors(query_params: QueryDict, known=()) -> dict[str, list[str]]:
    """What is wrong with the parameters' names and counts: unknown, repeated, or
    empty (free text may be empty). Every public endpoint holds to this."""
    errors = {}
    for key in query_params:
        if key not in known:
            errors[key] = ["Unknown parameter."]
        elif len(query_params.getlist(key)) > 1:
            errors[key] = ["Give this parameter at most once."]
        elif not query_params[key].strip() and key not in FREE_TEXT_PARAMETERS:
            errors[key] = ["Give a value, or leave the parameter out."]
    return errors


def refuse_bad_parameters(query_params: QueryDict, known=()) -> None:
    """For endpoints without a filter set (details, snapshots): a 400 naming each
    parameter that is unknown, repeated or empty."""
    errors = parameter_errors(query_params, known)
    if errors:
        raise ValidationError(errors)


class SharedFields(dict):
    """A form class's declared fields, which its forms share instead of deep-copying.

    Django copies every field (widget, choices and all) into each form so that one
    form may change its own; a strict form never changes a field, and the copying
    was most of the cost of validating a search."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class StrictForm(forms.Form):
    """Refuses unknown and repeated parameters: a typo such as `accept_pets=true`
    must not silently widen a survivor's search."""

    # What each field cleans to when its parameter is absent (form_class_of fills it).
    absent_values: dict = {}

    def _clean_fields(self):
        # Django's own loop (forms.BaseForm._clean_fields) less a BoundField for each
        # of twenty-odd fields, and less cleaning a parameter that is absent (its
        # value is known): the same values, in the same order, with the same errors.
        # Strict forms have no disabled fields and no clean_<name> methods
        # (form_class_of checks).
        data, files, absent = self.data, self.files, self.absent_values
        prefixed = self.prefix is not None
        for name, field in self.fields.items():
            key = self.add_prefix(name) if prefixed else name
            if key not in data and name in absent:
                self.cleaned_data[name] = absent[name]
                continue
            try:
                value = field.widget.value_from_datadict(data, files, key)
                self.cleaned_data[name] = field.clean(value)
            except forms.ValidationError as error:
                self.add_error(name, error)

    def clean(self):
        cleaned = super().clean()
        for key, messages in parameter_errors(self.data, self.fields).items():
            self._errors[key] = self.error_class(messages)
        return cleaned


def form_class_of(filterset_class: type[filters.FilterSet]) -> type[forms.Form]:
    """The filter set's form class, built once: django-filter builds a new class
    (and deep-copies every filter) for each request."""
    form_class = filterset_class.__dict__.get("_strict_form_class")
    if form_class is None:
        fields = {name: declared.field for name, declared in filterset_class.base_filters.items()}
        form_class = type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)
        if not issubclass(form_class, StrictForm):
            raise ImproperlyConfigured(f"{filterset_class.__name__}: Meta.form is not strict.")
        for name, field in form_class.base_fields.items():
            if field.disabled or hasattr(form_class, f"clean_{name}"):
                raise ImproperlyConfigured(f"{form_class.__name__}.{name}: not a strict field.")
        form_class.base_fields = SharedFields(form_class.base_fields)
        form_class.absent_values = _absent_values(form_class.base_fields)
        filterset_class._strict_form_class = form_class
    return form_class


def _absent_values(fields: dict[str, forms.Field]) -> dict:
    """What each field cleans an absent parameter to, where that is a constant:
    its widget reads nothing (None) from data without it (the widgets here read
    their own key only), and cleaning None gives an immutable value without error."""
    nothing, no_files = QueryDict(), MultiValueDict()
    values = {}
    for name, field in fields.items():
        if field.widget.value_from_datadict(nothing, no_files, name) is not None:
            continue
        try:
            value = field.clean(None)
        except forms.ValidationError:
            continue
        if value is None or type(value) in (str, bool, int, float):
            values[name] = value
    return values


def _shallow_copy(declared: filters.Filter, parent, model) -> filters.Filter:
    declared.field  # noqa: B018 - builds the form field once, on the declared filter
    # What copy.copy does for a plain object, without its generic reduce protocol
    # (a filter set binds twenty-odd filters).
    clone = object.__new__(type(declared))
    clone.__dict__.update(declared.__dict__)
    clone.model = model
    clone.parent = parent
    if declared.method:
        clone.method = declared.method  # re-binds the method wrapper to the clone
    return clone


class StrictFilterSet(filters.FilterSet):
    """Base of every public filter set: a StrictForm validates it (Meta.form may
    extend StrictForm), and validating it costs little.

    django-filter deep-copies every declared filter, choices and all, and builds a
    new form class for each request; filters are never changed after declaration,
    so each filter set gets shallow copies and all share one form class.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # FilterSet.__init__ less its deepcopy of base_filters.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {
            name: _shallow_copy(declared, self, queryset.model)
            for name, declared in self.base_filters.items()
        }

    class Meta:
        form = StrictForm

    def get_form_class(self):
        return form_class_of(type(self))

    @classmethod
    def errors_once_valid(cls, cleaned: dict) -> dict[str, list[str]]:
        """Errors that only make sense once every parameter is valid on its own, and
        are reported only then (e.g. a page past the end of what paging reaches)."""
        return {}

    def filter_queryset(self, queryset):
        # The form also resolves values that are not filters (the search origin).
        for name, declared in self.filters.items():
            queryset = declared.filter(queryset, self.form.cleaned_data.get(name))
        return queryset


class CleanedParams(dict):
    """A filter set's cleaned parameters (the form's cleaned_data: every filter's
    value, and whatever the form resolves, such as a search origin).

    The filtered queryset is built on first use only, as `params.queryset` or
    `params["queryset"]`: a caller that runs its own SQL never pays for it.
    """

    def __init__(
        self,
        cleaned: dict,
        make_filterset: Callable[[], filters.FilterSet],
        filtered: Callable[[], QuerySet],
    ):
        super().__init__(cleaned)
        self._make_filterset = make_filterset
        self._filtered = filtered
        self._filterset: filters.FilterSet | None = None

    @property
    def filterset(self) -> filters.FilterSet:
        """The filter set of these parameters, already validated."""
        if self._filterset is None:
            self._filterset = self._make_filterset()
        return self._filterset

    @property
    def queryset(self) -> QuerySet:
        return self["queryset"]

    def __missing__(self, key):
        if key != "queryset":
            raise KeyError(key)
        value = self["queryset"] = self._filtered()
        return value

    def get(self, key, default=None):
        return self[key] if key == "queryset" else super().get(key, default)


def validate(
    filterset_class: type[StrictFilterSet],
    data: QueryDict,
    queryset: QuerySet | Callable[[], QuerySet] | None = None,
    *,
    request=None,
    on_cleaned: Callable[[dict], object] | None = None,
) -> CleanedParams:
    """The cleaned parameters of `data` for `filterset_class`, or a DRF
    ValidationError (a 400) naming every bad parameter.

    `queryset` (or a function returning it, called only when needed) is what the
    filtered queryset filters; the model's default manager when None. A caller
    that does not answer with a 400 (a web page) reads the messages from the
    error's `detail`: {parameter: [message, ...]}. `on_cleaned` is called with the
    cleaned values once every parameter is valid on its own, before the checks
    that need them all (a 400 for a page past the end is in the language asked for).
    """
    # label_suffix given: the form is never rendered, and Django's default costs a
    # gettext call per form (a sixth of validating, profiled).
    form = form_class_of(filterset_class)(data, label_suffix=":")
    if not form.is_valid():
        raise ValidationError(form.errors)
    if on_cleaned is not None:
        on_cleaned(form.cleaned_data)
    errors = filterset_class.errors_once_valid(form.cleaned_data)
    if errors:
        raise ValidationError(errors)

    def base() -> QuerySet:
        found = queryset() if callable(queryset) else queryset
        return found if found is not None else filterset_class._meta.model._default_manager.all()

    def make_filterset() -> filters.FilterSet:
        filterset = filterset_class(data, queryset=base(), request=request)
        filterset._form = form  # already cleaned: the filter set does not clean again
        return filterset

    def filtered() -> QuerySet:
        if filters_nothing(filterset_class, form.cleaned_data):
            return base()
        return make_filterset().qs

    return CleanedParams(form.cleaned_data, make_filterset, filtered)


def filters_nothing(filterset_class: type[StrictFilterSet], cleaned: dict) -> bool:
    """Whether the filter set, given `cleaned`, would leave its queryset as it is:
    every filter either applies nothing itself (not_a_filter: origin, radius,
    paging, language) or has an empty value, which every django-filter filter
    passes over (Filter.filter and a method's FilterMethod return the queryset
    unchanged for EMPTY_VALUES). A search with no filter then skips building the
    filter set, its twenty-odd filters and a chain of QuerySet copies: 4 % of a
    plain nearest search's instructions (BENCHMARKS.md, "Stop 25")."""
    return all(
        declared.method is not_a_filter or cleaned.get(name) in EMPTY_VALUES
        for name, declared in filterset_class.base_filters.items()
    )
