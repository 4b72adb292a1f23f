"""A search whose parameters filter nothing (an origin, paging, a language) gets
its queryset without building the filter set (issue 13: 4 % of a nearest
search's instructions), and that queryset is exactly the one the filter set would
have built; a search with any filter value still goes through the filter set."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from rest_framework.exceptions import ValidationError

from shelters import selectors
from shelters.api import filters, strict_params
from shelters.models import MedicalService, Shelter

from .test_cheap_parameter_validation import queries

pytestmark = pytest.mark.django_db

# Filters such as has_beds compare with the time now: both paths see the same instant.
FROZEN = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

LISTINGS = [(filters.ShelterFilterSet, Shelter), (filters.MedicalServiceFilterSet, MedicalService)]


def base(model):
    return selectors.published_listings(model)


def through_the_filter_set(filterset_class, data: QueryDict, model) -> tuple:
    filterset = filterset_class(data, queryset=base(model))
    assert filterset.is_valid()
    return filterset.qs.query.sql_with_params()


@pytest.mark.parametrize(("filterset_class", "model"), LISTINGS)
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"lat": "30.27", "lon": "-97.74"},
        {"zip": "78701", "limit": "20", "offset": "10"},
        {"lat": "30.27", "lon": "-97.74", "radius_km": "50", "lang": "es"},
        {"city": "", "county": ""},
    ],
)
def test_parameters_that_filter_nothing_build_no_filter_set(filterset_class, model, query):
    data = QueryDict(urlencode(query))
    params = strict_params.validate(filterset_class, data, lambda: base(model))

    queryset = params["queryset"]

    assert params._filterset is None
    assert queryset.query.sql_with_params() == through_the_filter_set(filterset_class, data, model)


@pytest.mark.parametrize(("filterset_class", "model"), LISTINGS)
@pytest.mark.parametrize(
    "query",
    [
        {"accepts_pets": "false"},
        {"kind": "clinic"},
        {"state": "TX"},
        {"city": "Houston"},
        {"lat": "30.27", "lon": "-97.74", "open_now": "true"},
        {"wheelchair_accessible": "0"},
        {"has_beds": "true"},
    ],
)
@mock.patch("django.utils.timezone.now", return_value=FROZEN)
def test_any_filter_value_goes_through_the_filter_set(_now, filterset_class, model, query):
    if not set(query) <= set(filterset_class.base_filters):
        pytest.skip("not a parameter of this listing type")
    data = QueryDict(urlencode(query))
    try:
        params = strict_params.validate(filterset_class, data, lambda: base(model))
    except ValidationError:
        pytest.skip("not a value of this listing type")

    queryset = params["queryset"]

    assert not strict_params.filters_nothing(filterset_class, params)
    assert queryset.query.sql_with_params() == through_the_filter_set(filterset_class, data, model)
    assert queryset.query.sql_with_params() != base(model).query.sql_with_params()


@settings(max_examples=300, deadline=None)
@given(query=queries)
def test_any_parameters_give_the_filter_sets_queryset(query):
    with mock.patch("django.utils.timezone.now", return_value=FROZEN):
        same_queryset_either_way(query)


def same_queryset_either_way(query: dict) -> None:
    for filterset_class, model in LISTINGS:
        data = QueryDict(urlencode(query, doseq=True))
        try:
            params = strict_params.validate(filterset_class, data, lambda m=model: base(m))
        except ValidationError:
            continue
        assert params["queryset"].query.sql_with_params() == through_the_filter_set(
            filterset_class, data, model
        )
