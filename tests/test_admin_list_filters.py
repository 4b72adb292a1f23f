"""The admin's state and organisation filters offer only what the user may keep."""

from __future__ import annotations

import pytest

from shelters.models import Membership

from .conftest import make_hotline, make_medical_service, make_shelter, signed_in

pytestmark = pytest.mark.django_db


def choices(response, parameter: str) -> list[str] | None:
    """The labels a list filter offers, or None when it is not shown (the change
    list leaves out filters with nothing to offer)."""
    for spec in response.context["cl"].filter_specs:
        if getattr(spec, "parameter_name", None) == parameter:
            return [label for _value, label in spec.lookup_choices]
    return None


@pytest.fixture
def spread(cast):
    """Ours in Texas and Oklahoma; theirs in Maine."""
    ours, theirs = cast["ours"], cast["theirs"]
    make_shelter(organization=ours, state="OK", city="Tulsa", postal_code="74103")
    make_shelter(organization=theirs, state="ME", city="Portland", postal_code="04101")
    make_medical_service(organization=ours, state="OK", city="Tulsa", postal_code="74103")
    make_medical_service(organization=theirs, state="ME", city="Portland", postal_code="04101")
    make_hotline(organization=ours, areas=[("TX", "", ""), ("OK", "", "")])
    make_hotline(organization=theirs, areas=[("ME", "", "")])
    return cast


@pytest.mark.parametrize(
    ("model", "state_parameter"),
    [("shelter", "state"), ("medicalservice", "state"), ("hotline", "areas__state")],
)
def test_an_advocate_is_offered_only_her_states(client, spread, model, state_parameter):
    response = signed_in(client, spread["advocate"]).get(f"/admin/shelters/{model}/")
    assert choices(response, state_parameter) == ["Oklahoma", "Texas"]
    # One organisation: nothing to choose between, so no organisation filter.
    assert choices(response, "organization") is None


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
def test_an_advocate_of_two_organisations_may_choose_between_them(client, spread, model):
    Membership.objects.create(user=spread["advocate"], organization=spread["theirs"])
    response = signed_in(client, spread["advocate"]).get(f"/admin/shelters/{model}/")
    assert choices(response, "organization") == ["Ours", "Theirs"]
    theirs = client.get(f"/admin/shelters/{model}/?organization={spread['theirs'].pk}")
    assert {row.organization_id for row in theirs.context["cl"].result_list} == {
        spread["theirs"].pk
    }


def test_coalition_staff_are_offered_every_state_with_listings(client, spread):
    response = signed_in(client, spread["coalition"]).get(
        "/admin/shelters/hotline/?areas__state=ME"
    )
    assert choices(response, "areas__state") == ["Maine", "Oklahoma", "Texas"]
    assert [hotline.name for hotline in response.context["cl"].result_list] == [
        hotline.name for hotline in spread["theirs"].hotline_set.filter(areas__state="ME")
    ]
