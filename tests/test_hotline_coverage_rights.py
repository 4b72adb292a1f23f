"""National coverage, and coverage of any state where the advocate's organisation
does not work, needs coalition staff: on the hotline form, the areas inline, the
hotline-area page and the spreadsheet import alike."""

from __future__ import annotations

import pytest

from shelters.models import Hotline, HotlineArea

from .conftest import admin_form_data, make_hotline, make_shelter, signed_in
from .test_spreadsheets import as_csv, export_csv, preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def texas_line(cast):
    """Ours works in Texas (its shelter and clinic are there)."""
    return make_hotline(organization=cast["ours"], name="Ours Texas line", areas=[("TX", "", "")])


def post_hotline(client, hotline, **changes):
    url = (
        f"/admin/shelters/hotline/{hotline.pk}/change/"
        if hotline
        else "/admin/shelters/hotline/add/"
    )
    form = admin_form_data(client.get(url))
    form.update(changes)
    return client.post(url, form)


def add_area(form: dict, state: str) -> dict:
    index = int(form["areas-TOTAL_FORMS"])
    form.update({"areas-TOTAL_FORMS": str(index + 1), f"areas-{index}-state": state})
    return form


def test_an_advocate_cannot_add_a_national_hotline(client, cast):
    client = signed_in(client, cast["advocate"])
    response = post_hotline(client, None, organization=cast["ours"].pk, name="Planted national",
                            status="published", topics=["domestic_violence"],
                            coverage="national")  # fmt: skip
    assert response.status_code == 200
    assert "coverage" in response.context["adminform"].form.errors
    assert not Hotline.objects.filter(name="Planted national").exists()


def test_an_advocate_cannot_make_a_regional_hotline_national(client, cast, texas_line):
    client = signed_in(client, cast["advocate"])
    response = post_hotline(client, texas_line, coverage="national")
    assert response.status_code == 200
    texas_line.refresh_from_db()
    assert texas_line.coverage == "regional"


def test_an_advocate_covers_only_her_organisations_states(client, cast, texas_line):
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/hotline/{texas_line.pk}/change/"
    response = client.post(url, add_area(admin_form_data(client.get(url)), "CA"))
    assert response.status_code == 200
    assert not texas_line.areas.filter(state="CA").exists()

    allowed = add_area(admin_form_data(client.get(url)), "TX")
    allowed[f"areas-{int(allowed['areas-TOTAL_FORMS']) - 1}-county"] = "Travis County"
    assert client.post(url, allowed).status_code == 302
    assert texas_line.areas.filter(state="TX", county="Travis County").exists()


def test_an_area_cannot_be_moved_to_another_state_on_its_own_page(client, cast, texas_line):
    area = texas_line.areas.get()
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/hotlinearea/{area.pk}/change/"
    form = admin_form_data(client.get(url))
    response = client.post(url, {**form, "state": "CA"})
    assert response.status_code == 200
    added = client.post("/admin/shelters/hotlinearea/add/", {**form, "state": "NY"})
    assert added.status_code == 200
    area.refresh_from_db()
    assert area.state == "TX"
    assert not HotlineArea.objects.filter(state__in=["CA", "NY"]).exists()


@pytest.mark.parametrize("row_is", ["new", "changed"])
def test_an_import_cannot_make_a_hotline_national(client, cast, texas_line, row_is):
    client = signed_in(client, cast["advocate"])
    [row] = [row for row in export_csv(client, "hotline") if row["name"] == "Ours Texas line"]
    row["coverage"] = "national"
    if row_is == "new":
        row.update(id="", name="Planted national")
    shown = preview(client, as_csv([row]), model="hotline")
    assert shown.context["result"].has_validation_errors()
    texas_line.refresh_from_db()
    assert texas_line.coverage == "regional"
    assert not Hotline.objects.filter(name="Planted national").exists()


def test_coalition_staff_set_any_coverage(client, cast, texas_line):
    client = signed_in(client, cast["coalition"])
    url = f"/admin/shelters/hotline/{texas_line.pk}/change/"
    assert client.post(url, add_area(admin_form_data(client.get(url)), "CA")).status_code == 302
    assert post_hotline(client, texas_line, coverage="national").status_code == 302
    texas_line.refresh_from_db()
    assert texas_line.coverage == "national"
    assert texas_line.areas.filter(state="CA").exists()


def test_a_state_coalition_staff_approved_is_hers_to_refine(client, cast, texas_line):
    HotlineArea.objects.create(hotline=texas_line, state="CA")  # set by coalition staff
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/hotline/{texas_line.pk}/change/"
    form = add_area(admin_form_data(client.get(url)), "CA")
    form[f"areas-{int(form['areas-TOTAL_FORMS']) - 1}-county"] = "Alameda County"
    assert client.post(url, form).status_code == 302
    assert texas_line.areas.filter(state="CA", county="Alameda County").exists()


def add_area_as_advocate(client, cast, hotline, state: str, county: str = ""):
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/hotline/{hotline.pk}/change/"
    form = add_area(admin_form_data(client.get(url)), state)
    form[f"areas-{int(form['areas-TOTAL_FORMS']) - 1}-county"] = county
    return client.post(url, form)


def test_an_approved_area_she_moved_to_another_state_approves_nothing(client, cast, texas_line):
    """The state an area approves is the one coalition staff (or a command) set: an
    area they created in Texas, moved by her to California while she had a
    listing there, does not keep California open once the listing is archived."""
    shelter = make_shelter(organization=cast["ours"], state="CA", city="Fresno")
    area = texas_line.areas.get()
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/hotlinearea/{area.pk}/change/"
    moved = {**admin_form_data(client.get(url)), "state": "CA", "county": "Fresno County"}
    assert client.post(url, moved).status_code == 302
    shelter.status = "archived"
    shelter.save()
    response = add_area_as_advocate(client, cast, texas_line, "CA", "Kern County")
    assert response.status_code == 200
    assert not texas_line.areas.filter(state="CA", county="Kern County").exists()


def test_a_draft_listing_opens_no_state(client, cast, texas_line):
    make_shelter(organization=cast["ours"], state="CA", city="Los Angeles", status="draft")
    assert add_area_as_advocate(client, cast, texas_line, "CA").status_code == 200
    assert not texas_line.areas.filter(state="CA").exists()


def test_coverage_she_added_herself_lapses_with_her_listing(client, cast, texas_line):
    shelter = make_shelter(organization=cast["ours"], state="CA", city="Los Angeles")
    assert add_area_as_advocate(client, cast, texas_line, "CA").status_code == 302
    shelter.status = "archived"
    shelter.save()
    response = add_area_as_advocate(client, cast, texas_line, "CA", "Orange County")
    assert response.status_code == 200
    assert not texas_line.areas.filter(state="CA", county="Orange County").exists()


def test_a_listing_she_placed_in_a_state_herself_opens_no_coverage_there(client, cast, texas_line):
    """A published (even hidden) placeholder listing would otherwise let her cover
    any state: a listing's state approves coverage only when coalition staff or a
    command set it, as for areas."""
    from .test_admin import shelter_form

    shelter = cast["listings"]["Ours"]["shelter"]  # in Texas, made by the operator
    client = signed_in(client, cast["advocate"])
    moved = shelter_form(
        shelter, state="CA", city="Los Angeles", county="Los Angeles County",
        postal_code="90012", latitude="34.06", longitude="-118.24",
        location_disclosure="hidden",
    )  # fmt: skip
    response = client.post(f"/admin/shelters/shelter/{shelter.pk}/change/", moved)
    assert response.status_code == 302, response.content[:2000]
    shelter.refresh_from_db()
    assert (shelter.state, shelter.status) == ("CA", "published")
    assert add_area_as_advocate(client, cast, texas_line, "CA").status_code == 200
    assert not texas_line.areas.filter(state="CA").exists()
    # Coalition staff set coverage there; then she may add to it.
    client.logout()
    staff = signed_in(client, cast["coalition"])
    url = f"/admin/shelters/hotline/{texas_line.pk}/change/"
    assert staff.post(url, add_area(admin_form_data(staff.get(url)), "CA")).status_code == 302
    client.logout()
    assert add_area_as_advocate(client, cast, texas_line, "CA", "Orange County").status_code == 302
