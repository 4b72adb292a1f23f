"""The staff console's region search answers with the API's own search.

S1 serves/located, S4 eligibility with "show all", S5 hotline order, S8 discreet
print, S10 the count, S11 chips, and bad input as a clear 400.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from shelters import regions as region

from .conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [card.name for s in response.context["sections"] for card in s.cards + s.phone_cards]


def test_the_box_takes_a_zip_a_city_a_county_and_a_state():
    assert region.resolve("78701").kind == "zip"
    assert region.resolve("78701").county == "Travis County"
    assert region.resolve("Austin, TX").kind == "city"
    county = region.resolve("travis county, tx")
    assert (county.kind, county.label, county.state) == ("county", "Travis County, TX", "TX")
    assert region.resolve("Williamson, TX").kind == "county"  # no city of that name
    assert region.resolve("Texas").kind == "state"
    assert region.resolve("tx").state == "TX"
    for bad in ("", "Atlantis", "Nowhere, TX", "99999"):
        with pytest.raises(region.RegionError):
            region.resolve(bad)


def test_suggestions_complete_counties_cities_and_states():
    found = region.suggestions("Travis")
    assert "Travis County, TX" in found
    assert "Texas" in region.suggestions("tex")


def test_serves_finds_what_located_in_leaves_out(staff):
    # Round Rock is in Williamson County, 30 km from Travis County's centre.
    near = make_shelter(name="Round Rock House", city="Round Rock", county="Williamson County",
                        postal_code="78664", latitude=30.5083, longitude=-97.6789)  # fmt: skip
    inside = make_shelter(name="Austin House")
    state_line = make_hotline(name="Texas Line", areas=[("TX", "", "")])
    served = names(staff.get("/staff/", {"where": "Travis County, TX"}))
    assert {near.name, inside.name, state_line.name} <= set(served)
    located = names(staff.get("/staff/", {"where": "Travis County, TX", "reach": "located"}))
    assert inside.name in located
    assert near.name not in located and state_line.name not in located


def test_hotlines_most_local_first_and_24_7_first(staff):
    national = make_hotline(name="A national line")
    state = make_hotline(name="B state line", areas=[("TX", "", "")])
    county = make_hotline(name="C county line", areas=[("TX", "Travis", "")])
    zip_line = make_hotline(name="D zip line", areas=[("TX", "", "78701")])
    always = make_hotline(name="E county line 24/7", areas=[("TX", "Travis County", "")])
    always.channels.update(available_24_7=True)
    response = staff.get("/staff/", {"where": "78701", "type": "hotlines"})
    assert names(response) == [zip_line.name, always.name, county.name, state.name, national.name]
    # The API's hotline search uses the same order (one home: shelters.coverage).
    api = [h["name"] for h in staff.get("/api/v1/hotlines/", {"zip": "78701"}).json()["results"]]
    assert api == names(response)


def test_eligibility_filter_hides_then_show_all_labels(staff):
    pets = make_shelter(name="Pets Welcome House", accepts_pets=True)
    no_pets = make_shelter(name="No Pets House", accepts_pets=False)
    response = staff.get("/staff/", {"where": "78701", "type": "shelters", "accepts_pets": "on"})
    assert pets.name in names(response) and no_pets.name not in names(response)
    assert {chip["label"] for chip in response.context["chips"]} == {"Pets", "Type: Shelters"}
    response = staff.get(
        "/staff/", {"where": "78701", "type": "shelters", "accepts_pets": "on", "show_all": "on"}
    )
    cards = {c.name: c for s in response.context["sections"] for c in s.cards}
    assert cards[no_pets.name].unmet == ["No pets"]
    assert cards[pets.name].unmet == []
    assert "No pets" in response.content.decode()


def test_removing_a_chip_keeps_the_region_and_the_other_filters(staff):
    make_shelter(accepts_pets=True, accepts_children=True)
    params = {"where": "78701", "accepts_pets": "on", "accepts_children": "on"}
    response = staff.get("/staff/", params)
    pets_chip = next(c for c in response.context["chips"] if c["label"] == "Pets")
    assert "where=78701" in pets_chip["url"] and "accepts_children=on" in pets_chip["url"]
    assert "accepts_pets" not in pets_chip["url"]
    assert b"Clear all filters" in response.content


def test_the_count_is_a_status_message(staff):
    make_shelter()
    make_medical_service()
    response = staff.get("/staff/", {"where": "Travis County, TX", "type": "shelters"})
    body = response.content.decode()
    assert 'role="status" id="result-count"' in body
    assert "1 service serves Travis County, TX" in body


def test_discreet_print_leaves_out_the_words(staff):
    make_shelter(name="Safe Haven Domestic Violence Shelter", description="For abuse survivors")
    make_hotline(name="Texas Abuse Hotline", areas=[("TX", "", "")])
    plain = staff.get("/staff/", {"where": "78701", "print": "1"}).content.decode()
    assert "Domestic Violence" in plain
    page = staff.get("/staff/", {"where": "78701", "print": "1", "discreet": "1"})
    text = page.content.decode().casefold()
    for word in ("domestic violence", "abuse", "violence", "survivor", "assault"):
        assert word not in text
    assert "recommended service" in text and "512-555-0100" in text


def test_cards_say_verification_overdue_and_beds_age(staff):
    make_shelter(name="Old Check", last_verified=timezone.localdate() - timedelta(days=400),
                 beds_total=10, beds_available=3,
                 beds_updated_at=timezone.now() - timedelta(hours=2))  # fmt: skip
    make_shelter(name="Stale Beds", beds_total=10, beds_available=3,
                 beds_updated_at=timezone.now() - timedelta(days=3))  # fmt: skip
    response = staff.get("/staff/", {"where": "78701", "type": "shelters"})
    cards = {c.name: c for s in response.context["sections"] for c in s.cards}
    assert cards["Old Check"].verification_overdue
    assert cards["Old Check"].verified.startswith("Verified ")
    assert cards["Old Check"].beds == "3 of 10 beds free (counted 2 h ago)"
    assert cards["Stale Beds"].beds.startswith("Beds unknown (last count 3 days ago")


@pytest.mark.parametrize(
    "params, named",
    [
        ({"where": "Nowhere, TX"}, "Nowhere"),
        ({"where": "99999"}, "99999"),
        ({"where": "78701", "boy_age": "abc"}, "Boy's age"),
        ({"where": "78701", "reach": "everywhere"}, "Which listings"),
    ],
)
def test_bad_input_is_a_clear_400(staff, params, named):
    response = staff.get("/staff/", params)
    assert response.status_code == 400
    assert named in html.unescape(response.content.decode())


def test_searches_are_never_stored_by_a_cache(staff):
    response = staff.get("/staff/", {"where": "78701"})
    assert "no-store" in response["Cache-Control"]
