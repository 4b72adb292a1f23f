"""The database itself refuses impossible listings, whatever writes them."""

import pytest
from django.db import IntegrityError, transaction

from shelters.models import Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"beds_total": 5, "beds_available": 6},
        {"latitude": 90.5, "longitude": 0},
        {"latitude": -91, "longitude": 0},
        {"latitude": 0, "longitude": 180.1},
        {"latitude": 10, "longitude": None},
    ],
)
def test_database_refuses_impossible_values(fields):
    shelter = make_shelter()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shelter.objects.filter(pk=shelter.pk).update(**fields)


def test_negative_beds_are_refused():
    shelter = make_shelter()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shelter.objects.filter(pk=shelter.pk).update(beds_available=-1)


def test_full_clean_explains_bad_list_values():
    from django.core.exceptions import ValidationError

    shelter = make_shelter()
    shelter.populations = ["women", "aliens"]
    with pytest.raises(ValidationError) as excinfo:
        shelter.full_clean()
    assert "populations" in excinfo.value.message_dict


def test_timezone_is_filled_from_the_zip():
    assert make_shelter(postal_code="98101", city="Seattle", state="WA").timezone == (
        "America/Los_Angeles"
    )
