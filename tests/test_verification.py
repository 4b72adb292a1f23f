"""Listings carry who last verified them and when; the due ones are easy to find."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from shelters.models import Membership, Shelter

from .conftest import make_hotline, make_organization, make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def advocate(client):
    user = User.objects.create_user("advocate", password="a-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Advocates"))
    client.force_login(user)
    return user


def test_mark_verified_records_today_and_who(client, advocate):
    organization = make_organization(name="Ours")
    Membership.objects.create(user=advocate, organization=organization)
    shelter = make_shelter(organization=organization, last_verified=date(2025, 1, 1))
    theirs = make_shelter(name="Theirs", last_verified=date(2025, 1, 1))
    client.post(
        "/admin/shelters/shelter/",
        {"action": "mark_verified", "_selected_action": [shelter.pk, theirs.pk]},
    )
    shelter.refresh_from_db()
    theirs.refresh_from_db()
    assert shelter.last_verified == timezone.localdate()
    assert shelter.last_verified_by == advocate
    assert theirs.last_verified == date(2025, 1, 1)  # another organisation's: untouched


def test_filter_shows_listings_not_verified_within_the_period(client, advocate, settings):
    settings.VERIFICATION_MAX_AGE_DAYS = 180
    organization = make_organization(name="Ours")
    Membership.objects.create(user=advocate, organization=organization)
    today = timezone.localdate()
    make_shelter(organization=organization, name="Fresh", last_verified=today)
    make_shelter(organization=organization, name="Old", last_verified=today - timedelta(days=181))
    make_shelter(organization=organization, name="Never", last_verified=None)
    page = client.get("/admin/shelters/shelter/?verification=due").content.decode()
    assert "Old" in page and "Never" in page and ">Fresh<" not in page
    assert set(Shelter.objects.verification_due().values_list("name", flat=True)) == {
        "Old", "Never",
    }  # fmt: skip


def test_stale_listings_prints_each_organisation_and_its_due_listings(capsys, settings):
    settings.VERIFICATION_MAX_AGE_DAYS = 180
    today = timezone.localdate()
    first, second = make_organization(name="Alpha Org"), make_organization(name="Beta Org")
    make_shelter(organization=first, name="Alpha House", last_verified=today - timedelta(days=400))
    make_shelter(organization=first, name="Alpha Fresh", last_verified=today)
    make_hotline(organization=second, name="Beta Line", last_verified=None)
    make_shelter(organization=second, name="Beta Archived", status="archived")
    call_command("stale_listings")
    out = capsys.readouterr().out
    assert out.index("Alpha Org") < out.index("Alpha House") < out.index("Beta Org")
    assert "Beta Line (last verified: never)" in out
    assert "Alpha Fresh" not in out and "Beta Archived" not in out
    assert "2 listing(s) not verified within 180 days." in out
