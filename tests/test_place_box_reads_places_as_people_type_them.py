"""The place box of the public page and the staff console's region box read a
place one way (shelters.regions), and take it as people type it, not only as the
Postal Service spells it: "St. Louis, MO", "Coeur d'Alene, ID", "Doña Ana County,
NM", "Austin,TX", "Austin, Texas", "austin tx", "78701-1234"."""

import pytest

from shelters import regions

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kind", "label"),
    [
        ("Austin,TX", "city", "Austin, TX"),
        ("Austin, Texas", "city", "Austin, TX"),
        ("St. Louis, MO", "city", "Saint Louis, MO"),
        ("St. Louis County, MO", "county", "St. Louis County, MO"),
        ("Coeur d'Alene, ID", "city", "Coeur D Alene, ID"),
        ("Coeur d\u2019Alene, ID", "city", "Coeur D Alene, ID"),
        ("Doña Ana County, NM", "county", "Dona Ana County, NM"),
        ("Fort Mitchell, KY", "city", "Ft Mitchell, KY"),
        ("Mt. Holly, VT", "city", "Mount Holly, VT"),
        ("New York City, NY", "city", "New York, NY"),
        ("Carson City, NV", "city", "Carson City, NV"),
        ("78701-1234", "zip", "78701 (Austin, TX)"),
        ("austin tx", "city", "Austin, TX"),
        ("Kansas City Missouri", "city", "Kansas City, MO"),
        ("Santa Fe New Mexico", "city", "Santa Fe, NM"),
        ("Charleston West Virginia", "city", "Charleston, WV"),
        ("Washington, D.C.", "city", "Washington, DC"),
        ("Austin, Tx.", "city", "Austin, TX"),
        ("Austin, TX, USA", "city", "Austin, TX"),
        ("Austin, TX 78701", "zip", "78701 (Austin, TX)"),
    ],
)
def test_the_box_takes_a_place_as_typed(typed, kind, label):
    found = regions.resolve(typed)
    assert (found.kind, found.label) == (kind, label)
    assert found.centre is not None


@pytest.mark.parametrize("typed", ["Nowhere, TX", "St. Nowhere, MO", "Atlantis", "99999"])
def test_a_place_the_gazetteer_does_not_know_is_refused_with_what_to_type(typed):
    with pytest.raises(regions.RegionError, match=r"ZIP code|Texas|Missouri"):
        regions.resolve(typed)


def test_the_public_page_searches_near_a_place_typed_as_people_type_it(client):
    make_shelter(name="River House", latitude=38.63, longitude=-90.2)
    for typed in ("St. Louis, MO", "saint louis,mo", "St Louis, Missouri"):
        response = client.get("/", {"place": typed})
        assert response.status_code == 200, typed
        html = response.content.decode()
        assert "River House" in html and "Saint Louis, MO" in html, typed


def test_the_public_page_asks_for_a_city_or_zip_in_a_whole_state(client):
    response = client.get("/", {"place": "Texas"})
    assert response.status_code == 400
    assert "Enter a city or a ZIP code in Texas" in response.content.decode()
    spanish = client.get("/es/", {"place": "Texas"}).content.decode()
    assert "Escriba una ciudad o un código postal de" in spanish


def test_a_zip_of_another_state_is_refused_not_followed():
    """One mistyped digit ("Austin, TX 87701") must not move the search to New Mexico
    with only the ZIP shown."""
    with pytest.raises(regions.RegionError, match="87701 is in New Mexico, not Texas"):
        regions.resolve("Austin, TX 87701")


def test_an_unknown_zip_after_a_place_leaves_the_place():
    found = regions.resolve("Austin, TX 99999")
    assert (found.kind, found.label) == ("city", "Austin, TX")


def test_the_public_page_says_which_state_a_mismatched_zip_is_in(client):
    response = client.get("/", {"place": "Austin, TX 87701"})
    assert response.status_code == 400
    assert "87701 is in New Mexico, not Texas" in response.content.decode()
    spanish = client.get("/es/", {"place": "Austin, TX 87701"}).content.decode()
    assert "está en" in spanish
