"""Free text must not find a confidential shelter by a place its disclosure level
hides (issue 10, finding 9): `q` reads only text every payload shows, the sample
data's confidential listings do not name their town, and the admin warns an
advocate whose public text does."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from shelters import privacy
from shelters.models import Shelter
from tests.conftest import make_shelter
from tests.test_admin import shelter_form

pytestmark = pytest.mark.django_db


def found(api, q: str) -> set[int]:
    body = api.get("/api/v1/shelters/", {"q": q, "limit": 100}).json()
    return {item["id"] for item in [*body["results"], *body.get("phone_only", [])]}


def hidden_places(shelter: Shelter) -> set[str]:
    """What a search could try: the true city (when not published), the true ZIP,
    and the county when it is withheld."""
    places = {shelter.postal_code[:5]}
    if shelter.public_city.casefold() != shelter.city.casefold():
        places.add(shelter.city)
    if not shelter.public_county and shelter.county:
        places |= {shelter.county, shelter.county.removesuffix(" County")}
    # A withheld county that shares its name with the published city (New York
    # County, New York) hides nothing the payload does not show.
    return {place for place in places if place.casefold() != shelter.public_city.casefold()}


def test_q_finds_no_sample_shelter_by_a_place_its_level_hides(api, sample_data):
    confidential = Shelter.objects.published().exclude(location_disclosure="public")
    assert confidential.filter(location_disclosure="hidden").exists()
    leaks = {
        (shelter.name, place)
        for shelter in confidential
        for place in hidden_places(shelter)
        if shelter.pk in found(api, place)
    }
    assert leaks == set()


def test_q_reads_only_the_text_every_payload_shows(api):
    shelter = make_shelter(
        location_disclosure="hidden", name="Safe House", description="A shelter in Texas."
    )
    assert privacy.FREE_TEXT_FIELDS == (
        "name", "description", "description_es", "organization__name"
    )  # fmt: skip
    assert shelter.pk in found(api, "safe house texas")
    for place in ("Austin", "78701", "Travis", "Test Street"):
        assert shelter.pk not in found(api, place)


def admin_save(admin_client, shelter, **fields):
    url = f"/admin/shelters/shelter/{shelter.pk}/change/"
    response = admin_client.post(url, shelter_form(shelter, **fields), follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_admin_warns_when_confidential_text_names_the_town(admin_client):
    shelter = make_shelter(location_disclosure="hidden")
    messages = admin_save(
        admin_client,
        shelter,
        location_disclosure="hidden",
        description="Emergency shelter for survivors in east Austin, ZIP 78701.",
    )
    warnings = [message for message in messages if "keeps from the public" in message]
    assert len(warnings) == 1
    assert "Austin" in warnings[0] and "78701" in warnings[0]
    shelter.refresh_from_db()
    assert shelter.description.startswith("Emergency shelter")  # saved all the same


def test_the_admin_does_not_warn_about_places_the_level_shows(admin_client):
    shelter = make_shelter(
        location_disclosure="public",
        address_publication_authorized_by="Director",
        address_publication_authorized_on="2026-11-01",
    )
    public = admin_save(
        admin_client,
        shelter,
        location_disclosure="public",
        address_publication_authorized_by="Director",
        address_publication_authorized_on="2026-11-01",
        description="Emergency shelter in Austin, Travis County, 78701.",
    )
    # Austin spans more than a 10 km cell: an area listing publishes the city and
    # county, so naming them says nothing more; its ZIP it does not publish.
    area = admin_save(
        admin_client, shelter, location_disclosure="area", description="Austin, Travis County."
    )
    assert not [m for m in public + area if "keeps from the public" in m]
