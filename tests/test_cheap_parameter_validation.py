"""Validating a list's parameters costs a form's cleaning and no more (issue 13),
and says exactly what Django's own form machinery says.

shelters.api.strict_params.validate shares form fields instead of copying them,
skips cleaning absent parameters and builds the filtered queryset only on demand;
these tests hold it to the stock path (a form class built per request, every
field deep-copied and cleaned through its BoundField), which the API used before.
"""

from __future__ import annotations

import copy
import types
from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.exceptions import ValidationError

from shelters.api import filters, strict_params
from shelters.models import Shelter

FILTER_SETS = [
    filters.ShelterFilterSet,
    filters.MedicalServiceFilterSet,
    filters.HotlineFilterSet,
    filters.OrganizationFilterSet,
    filters.GuidanceFilterSet,
    filters.LabelsFilterSet,
]
NAMES = sorted({name for fs in FILTER_SETS for name in fs.base_filters} | {"accept_pets", "x"})
VALUES = [
    "", " ", "true", "FALSE", "1", "0", "maybe", "30.27", "-97.74", "91", "1e400", "NaN",
    "3.02e1", "10.0", "12.", "20", "-1", "999", "78701", "00000", "7870", "\uff17\uff18",
    "TX", "ZZ", "es", "en", "xx", "Houston", "Travis", "emergency_shelter", "castle",
]  # fmt: skip
values = st.one_of(st.sampled_from(VALUES), st.text(max_size=6))
queries = st.dictionaries(
    st.sampled_from(NAMES), st.lists(values, min_size=1, max_size=2), max_size=6
)


def stock_outcome(filterset_class, data: QueryDict) -> tuple[dict, dict | None]:
    """Errors and cleaned values by Django's own Form path, as django-filter runs it
    (and Django's own walk through the choices)."""
    fields = {
        name: stock_field(declared.field) for name, declared in filterset_class.base_filters.items()
    }
    stock_methods = {"_clean_fields": forms.BaseForm._clean_fields, "absent_values": {}}
    form_class = type("StockForm", (filterset_class._meta.form,), {**fields, **stock_methods})
    form = form_class(data)
    if not form.is_valid():
        return form.errors.get_json_data(), None
    later = filterset_class.errors_once_valid(form.cleaned_data)
    if later:
        return {k: [{"message": m, "code": ""} for m in v] for k, v in later.items()}, None
    return {}, form.cleaned_data


def stock_field(field: forms.Field) -> forms.Field:
    field = copy.deepcopy(field)
    if isinstance(field, forms.ChoiceField):
        field.valid_value = types.MethodType(forms.ChoiceField.valid_value, field)
    return field


def fast_outcome(filterset_class, data: QueryDict) -> tuple[dict, dict | None]:
    try:
        params = strict_params.validate(filterset_class, data)
    except ValidationError as error:
        return {k: [str(m) for m in v] for k, v in error.detail.items()}, None
    return {}, dict(params)


def messages(errors: dict) -> dict:
    return {k: [e["message"] for e in v] for k, v in errors.items()}


@pytest.mark.parametrize("filterset_class", FILTER_SETS, ids=lambda fs: fs.__name__)
@given(query=queries)
def test_validation_says_what_the_stock_form_says(filterset_class, query):
    data = QueryDict(urlencode(query, doseq=True))
    stock_errors, stock_cleaned = stock_outcome(filterset_class, data)
    fast_errors, fast_cleaned = fast_outcome(filterset_class, data)
    assert fast_errors == messages(stock_errors)
    assert list(fast_errors) == list(stock_errors)  # the same order, too
    assert fast_cleaned == stock_cleaned


@pytest.mark.parametrize(
    "query",
    ["lat=30.27&lon=-97.74", "zip=78701&accepts_pets=true&has_beds=true",
     "lat=30.27&lon=-97.74&radius_km=50&limit=20", "state=TX&city=Houston", "lat=91&lon=0",
     "offset=995", "lat=&lon=0", "lat=30&lat=31&lon=-97", "accepts_pets=", "zip=99999"],
)  # fmt: skip
def test_typical_and_bad_searches_match_the_stock_form(query):
    data = QueryDict(query)
    stock_errors, stock_cleaned = stock_outcome(filters.ShelterFilterSet, data)
    assert fast_outcome(filters.ShelterFilterSet, data) == (messages(stock_errors), stock_cleaned)


def test_validating_touches_no_database_and_builds_no_queryset():
    # No database access is allowed in this test: a query would fail it.
    built = []

    def queryset():
        built.append(True)
        return Shelter.objects.published()

    params = strict_params.validate(
        filters.ShelterFilterSet, QueryDict("zip=78701&accepts_pets=true"), queryset
    )
    assert params["origin"] is not None and params["zip_place"].zip_code == "78701"
    assert params["accepts_pets"] is True and params["limit"] is None
    assert built == []
    assert "queryset" not in params


def test_the_filtered_queryset_is_the_filter_sets_own_built_once():
    data = QueryDict("state=TX&kind=emergency_shelter&accepts_pets=true&lat=30&lon=-97")
    built = []

    def queryset():
        built.append(True)
        return Shelter.objects.published().order_by("name", "id")

    params = strict_params.validate(filters.ShelterFilterSet, data, queryset)
    stock = filters.ShelterFilterSet(data, queryset=queryset())
    assert stock.is_valid()
    built.clear()
    assert str(params["queryset"].query) == str(stock.qs.query)
    assert params.queryset is params["queryset"] is params.get("queryset")
    assert built == [True]
