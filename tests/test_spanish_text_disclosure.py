"""The Spanish text is held to every disclosure rule the English is held to: the
admin warns when a confidential shelter's Spanish description names the town or
ZIP its level hides, `q` reads it like the English, and a change to it moves the
public `updated_at` like any public field (issue 14)."""

from __future__ import annotations

import pytest

from shelters import privacy
from tests.conftest import make_shelter
from tests.test_free_text_disclosure import admin_save, found

pytestmark = pytest.mark.django_db


def test_the_admin_warns_when_the_spanish_text_names_the_hidden_town(admin_client):
    shelter = make_shelter(location_disclosure="hidden", description="A safe place in Texas.")
    messages = admin_save(
        admin_client,
        shelter,
        location_disclosure="hidden",
        description="A safe place in Texas.",
        description_es="Refugio de emergencia en el este de Austin, código postal 78701.",
    )
    warnings = [message for message in messages if "keeps from the public" in message]
    assert len(warnings) == 1
    assert "Austin" in warnings[0] and "78701" in warnings[0]


def test_every_spanish_public_text_is_checked(db):
    shelter = make_shelter(location_disclosure="hidden", description_es="Cerca de Austin.")
    assert "description_es" in privacy.PUBLIC_TEXT_FIELDS
    assert privacy.place_names_below_level(shelter, *privacy.public_texts(shelter)) == ["Austin"]


def test_q_reads_the_spanish_description_and_never_the_true_location(api):
    shelter = make_shelter(
        location_disclosure="hidden", description="A shelter.", description_es="Casa de refugio."
    )
    assert shelter.pk in found(api, "casa refugio")
    for place in ("Austin", "78701", "Travis", "Test Street"):
        assert shelter.pk not in found(api, place)


def test_a_spanish_change_moves_the_public_updated_at(db):
    shelter = make_shelter(description_es="")
    before = shelter.public_updated_at
    shelter.description_es = "Nuevo texto."
    shelter.save()
    shelter.refresh_from_db()
    assert shelter.public_updated_at > before
