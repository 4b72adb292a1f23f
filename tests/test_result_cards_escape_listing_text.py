"""Result cards are built in Python (shelters.pages.cards, shelters.console.cards):
whatever a listing's text holds is escaped there as the templates escaped it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import make_hotline, make_organization, make_shelter, signed_in

pytestmark = pytest.mark.django_db

MARKUP = '<img src=x onerror="alert(1)">'


def test_public_cards_escape_names_organizations_and_streets(client):
    make_shelter(
        name=f"House {MARKUP}",
        organization=make_organization(name=f"Org {MARKUP}"),
        street_address=f"1 {MARKUP} Street",
        city=f"Austin {MARKUP}",
    )
    make_hotline(name=f"Line {MARKUP}")
    for prefix in ("", "/es"):
        html = client.get(f"{prefix}/?place=78701").content.decode()
        assert "House &lt;img" in html and "Org &lt;img" in html and "1 &lt;img" in html
        hotlines = client.get(f"{prefix}/?place=78701&type=hotlines").content.decode()
        assert "Line &lt;img" in hotlines
        for page in (html, hotlines):
            assert "<img" not in page


def test_console_cards_escape_names_and_organizations(client):
    user = User.objects.create_user("card-desk", password="a-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    signed_in(client, user)
    make_shelter(name=f"House {MARKUP}", organization=make_organization(name=f"Org {MARKUP}"))
    html = client.get("/staff/", {"where": "78701"}).content.decode()
    assert "House &lt;img" in html and "Org &lt;img" in html
    assert "<img" not in html
