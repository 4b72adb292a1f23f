"""A listing's check constraints are validated in one query per row, not one per
constraint (shelters.constraints), and every constraint still refuses a row that
breaks it, with Django's own message, on every path that validates a row."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from shelters.constraints import OneQueryConstraints
from shelters.models import HotlineChannel, MedicalService, Shelter

from .conftest import make_hotline, make_medical_service, make_organization, make_shelter

pytestmark = pytest.mark.django_db

# Each check constraint, and values that break it and no other.
BREAKING = {
    "shelter_latitude_range": {"latitude": 91.0},
    "shelter_longitude_range": {"longitude": -181.0},
    "shelter_point_complete": {"longitude": None},
    "shelter_public_latitude_range": {"public_latitude": -90.5},
    "shelter_public_longitude_range": {"public_longitude": 180.5},
    "shelter_beds_available_not_negative": {"beds_available": -1, "beds_total": None},
    "shelter_beds_available_within_total": {"beds_available": 11, "beds_total": 10},
    "medical_latitude_range": {"latitude": -95.0},
    "medical_longitude_range": {"longitude": 200.0},
    "medical_point_complete": {"latitude": None},
    "medical_public_latitude_range": {"public_latitude": 100.0},
    "medical_public_longitude_range": {"public_longitude": -200.0},
    "hotline_channel_chat_has_url": {"kind": "chat", "url": "", "number": ""},
    "hotline_channel_has_number": {"kind": "voice", "number": ""},
}


def a_row(name: str) -> models.Model:
    if name.startswith("shelter_"):
        return make_shelter(beds_total=10, beds_available=2)
    if name.startswith("medical_"):
        return make_medical_service()
    return make_hotline().channels.get()


def test_every_check_constraint_has_a_breaking_row():
    names = {
        c.name
        for model in (Shelter, MedicalService, HotlineChannel)
        for c in model._meta.constraints
        if isinstance(c, models.CheckConstraint)
    }
    assert names == set(BREAKING)


def djangos_own_errors(row: models.Model, exclude=None) -> dict | None:
    """What Django's per-constraint validation says of `row`."""
    try:
        models.Model.validate_constraints(row, exclude=exclude)
    except ValidationError as error:
        return error.message_dict
    return None


def codes(row: models.Model, validate) -> list:
    with pytest.raises(ValidationError) as refused:
        validate(row)
    return [error.code for error in refused.value.error_dict[NON_FIELD_ERRORS]]


@pytest.mark.parametrize("name", sorted(BREAKING))
def test_a_row_breaking_a_constraint_is_refused_with_its_message(name):
    row = a_row(name)
    for field, value in BREAKING[name].items():
        setattr(row, field, value)
    message = f"Constraint “{name}” is violated."
    with pytest.raises(ValidationError) as refused:
        row.validate_constraints()
    assert refused.value.message_dict == {NON_FIELD_ERRORS: [message]}
    assert refused.value.message_dict == djangos_own_errors(row)
    assert codes(row, type(row).validate_constraints) == codes(
        row, models.Model.validate_constraints
    )
    # full_clean (forms, spreadsheet rows) refuses it with the very same errors
    # (a field validator may refuse it first; Django then skips the constraint).
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    with (
        mock.patch.object(OneQueryConstraints, "validate_constraints",
                          models.Model.validate_constraints),
        pytest.raises(ValidationError) as refused_by_django,
    ):  # fmt: skip
        row.full_clean()
    assert refused.value.message_dict == refused_by_django.value.message_dict


def test_several_broken_constraints_are_all_named_in_djangos_order():
    row = make_shelter(beds_total=10, beds_available=2)
    row.latitude, row.public_longitude, row.beds_available = 95.0, 181.0, 12
    with pytest.raises(ValidationError) as refused:
        row.validate_constraints()
    assert refused.value.message_dict == djangos_own_errors(row)
    assert len(refused.value.message_dict[NON_FIELD_ERRORS]) == 3


def test_a_constraint_on_an_excluded_field_is_skipped_as_django_skips_it():
    row = make_shelter(beds_total=10, beds_available=2)
    row.beds_available, row.latitude = 11, 91.0
    with pytest.raises(ValidationError) as refused:
        row.validate_constraints(exclude={"beds_total"})
    assert refused.value.message_dict == djangos_own_errors(row, exclude={"beds_total"})
    assert refused.value.message_dict == {
        NON_FIELD_ERRORS: ["Constraint “shelter_latitude_range” is violated."]
    }


def test_null_values_pass_as_in_the_database():
    row = make_shelter(beds_total=None, beds_available=None)
    row.latitude = row.longitude = row.public_latitude = row.public_longitude = None
    row.validate_constraints()
    assert djangos_own_errors(row) is None


ROWS = 20


@pytest.mark.django_db(transaction=True)
def test_validating_rows_costs_one_query_a_row(django_assert_max_num_queries):
    """Django's own validation ran 7 queries per shelter (one per check constraint),
    and 21 inside a transaction."""
    organization = make_organization()
    rows = [
        Shelter(organization=organization, name=f"Row {i}", kind="emergency_shelter",
                state="TX", city="Austin", latitude=30 + i / 100, longitude=-97.0,
                public_latitude=30.0, public_longitude=-97.0, beds_total=10,
                beds_available=i % 10)
        for i in range(ROWS)
    ]  # fmt: skip
    with django_assert_max_num_queries(ROWS):
        for row in rows:
            row.validate_constraints()
    clinics = [make_medical_service() for _ in range(ROWS)]
    with django_assert_max_num_queries(ROWS):
        for clinic in clinics:
            clinic.validate_constraints()


def test_inside_a_transaction_one_savepoint_a_row(django_assert_max_num_queries):
    """In an import's transaction each check runs in a savepoint (a failing query
    must not break the transaction): one savepoint per row, not one per constraint."""
    row = make_shelter(beds_total=10, beds_available=2)
    with transaction.atomic(), django_assert_max_num_queries(3 * ROWS):
        for _ in range(ROWS):
            row.validate_constraints()
