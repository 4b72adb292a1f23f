"""listing_search.loaded() builds the instance Model.from_db() builds of the same
row, without Model.__init__: same attributes, same state, same translated texts,
and the same deferred fields when it is given only some columns. If a model ever
gains a pre_init/post_init receiver or an __init__ of its own, this fails."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_init, pre_init
from django.utils import translation

from shelters.listing_search import loaded
from shelters.models import (
    MedicalService,
    MedicalServiceHours,
    MedicalServicePhone,
    Organization,
    Shelter,
    ShelterHours,
    ShelterPhone,
)

from .conftest import make_medical_service, make_shelter

pytestmark = pytest.mark.django_db

MODELS = [
    Shelter,
    MedicalService,
    Organization,
    ShelterPhone,
    ShelterHours,
    MedicalServicePhone,
    MedicalServiceHours,
]


@pytest.fixture
def rows():
    make_shelter(
        description="Safe rooms.",
        description_es="Habitaciones seguras.",
        hours=[(1, (9, 0), (17, 0))],
        phones=[("crisis", "512-555-0101")],
    )
    clinic = make_medical_service(accessibility_notes="Ramp.", accessibility_notes_es="Rampa.")
    clinic.phones.create(type="main", number="512-555-0102", hours="Mon-Fri", hours_es="lun-vie")
    clinic.hours.create(weekday=2, opens="08:00", closes="16:00")


def both(model, attnames):
    values = list(model.objects.values_list(*attnames).order_by("pk")[:1][0])
    return model.from_db("default", attnames, values), loaded(model, "default", attnames, values)


def public_state(instance) -> dict:
    return {key: value for key, value in vars(instance).items() if key != "_state"}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_whole_row_gives_the_same_instance(rows, model):
    attnames = [field.attname for field in model._meta.concrete_fields]
    orm, fast = both(model, attnames)
    assert type(fast) is model
    assert public_state(fast) == public_state(orm)
    assert (
        (fast._state.adding, fast._state.db)
        == (orm._state.adding, orm._state.db)
        == (
            False,
            "default",
        )
    )
    assert fast.get_deferred_fields() == orm.get_deferred_fields() == set()
    assert fast == orm and hash(fast) == hash(orm)
    for lang in ("en", "es"):
        with translation.override(lang):
            for field in model._meta.concrete_fields:
                assert getattr(fast, field.name) == getattr(orm, field.name), field.name


@pytest.mark.parametrize("model", [Shelter, MedicalService], ids=lambda model: model.__name__)
def test_some_columns_leave_the_others_deferred_as_from_db_does(rows, model):
    attnames = ["id", "name", "description_en", "description_es", "state"]
    orm, fast = both(model, attnames)
    assert public_state(fast) == public_state(orm)
    assert fast.get_deferred_fields() == orm.get_deferred_fields()
    assert "latitude" in fast.get_deferred_fields()


def test_no_model_listens_to_instance_construction_but_modeltranslation():
    for model in MODELS:
        assert not pre_init.has_listeners(model), model
        receivers = post_init._live_receivers(model)
        names = {receiver.__qualname__ for receiver in [*receivers[0], *receivers[1]]}
        assert names <= {"delete_mt_init"}, (model, names)
