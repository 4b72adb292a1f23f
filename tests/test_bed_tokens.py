"""A bed-report token reports one organisation's beds, for as long as its holder
keeps her password and role, never past its lifetime, and is stored only hashed."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import timezone
from rest_framework.test import APIClient

from shelters.models import Membership

from .conftest import token_for

pytestmark = pytest.mark.django_db


def report(secret: str, shelter, beds: int = 1):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return api.patch(
        f"/api/v1/shelters/{shelter.pk}/availability/", {"beds_available": beds}, format="json"
    )


@pytest.fixture
def ours_shelter(cast):
    return cast["listings"]["Ours"]["shelter"]


def test_a_fresh_token_reports_the_organisations_beds(cast, ours_shelter):
    assert report(token_for(cast["advocate"]), ours_shelter).status_code == 200


def test_a_password_change_revokes_the_token(cast, ours_shelter):
    secret = token_for(cast["advocate"])
    cast["advocate"].set_password("a-new-long-pass-phrase")
    cast["advocate"].save()
    assert report(secret, ours_shelter).status_code == 401


@pytest.mark.parametrize("change", ["staff", "group", "membership", "active"])
def test_losing_the_role_revokes_the_token_for_good(cast, ours_shelter, change):
    advocate = cast["advocate"]
    secret = token_for(advocate)
    advocates = Group.objects.get(name="Advocates")
    if change == "staff":
        type(advocate).objects.filter(pk=advocate.pk).update(is_staff=False)  # bulk: no signals
    elif change == "group":
        advocate.groups.remove(advocates)
    elif change == "membership":
        Membership.objects.filter(user=advocate).delete()
    else:
        type(advocate).objects.filter(pk=advocate.pk).update(is_active=False)
    assert report(secret, ours_shelter).status_code == 401
    # Given the role back, the old token stays dead: it was revoked, not paused.
    type(advocate).objects.filter(pk=advocate.pk).update(is_staff=True, is_active=True)
    advocate.groups.add(advocates)
    Membership.objects.get_or_create(user=advocate, organization=cast["ours"])
    assert report(secret, ours_shelter).status_code == 401


def test_a_token_expires(cast, ours_shelter, settings):
    settings.BED_TOKEN_LIFETIME_DAYS = 90
    secret = token_for(cast["advocate"])
    later = timezone.now() + timedelta(days=91)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert report(secret, ours_shelter).status_code == 401


def test_a_token_reports_only_for_the_organisation_it_was_issued_for(cast, ours_shelter):
    """An advocate of two organisations holds a token for one: the other's shelter
    is "no such shelter" to it."""
    advocate, theirs = cast["advocate"], cast["listings"]["Theirs"]["shelter"]
    Membership.objects.create(user=advocate, organization=cast["theirs"])
    secret = token_for(advocate, cast["ours"])
    assert report(secret, theirs, beds=0).status_code == 404
    theirs.refresh_from_db()
    assert theirs.beds_available == 2
    assert report(secret, ours_shelter).status_code == 200


def test_the_database_holds_no_token_secret(cast):
    secret = token_for(cast["advocate"])
    for model in apps.get_models():
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        for field in text_fields:
            assert not model._default_manager.filter(**{f"{field}__contains": secret}).exists(), (
                f"{model.__name__}.{field} holds the token's secret"
            )


def test_an_account_that_signs_in_with_a_second_factor_gets_no_token(cast, settings):
    """A coalition member's bearer token would report beds without the TOTP code
    her sign-in needs."""
    from shelters import bed_tokens

    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = True
    coalition = cast["coalition"]
    coalition.groups.add(Group.objects.get(name="Advocates"))
    Membership.objects.create(user=coalition, organization=cast["ours"])
    with pytest.raises(bed_tokens.TokenRefused, match="second factor"):
        bed_tokens.issue(coalition, cast["ours"])
    with pytest.raises(CommandError, match="second factor"):
        call_command("issue_bed_token", "coalition", "Ours", stdout=io.StringIO())


def test_the_command_shows_the_secret_once_and_it_works(cast, ours_shelter):
    out = io.StringIO()
    call_command("issue_bed_token", "advocate", "Ours", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1]
    assert report(secret, ours_shelter).status_code == 200
    call_command("issue_bed_token", "advocate", "Ours", "--revoke", stdout=io.StringIO())
    assert report(secret, ours_shelter).status_code == 401


def test_no_token_for_an_organisation_she_does_not_belong_to(cast):
    with pytest.raises(CommandError, match="not a member"):
        call_command("issue_bed_token", "advocate", "Theirs", stdout=io.StringIO())


@pytest.mark.parametrize("organization", ["\u00b2", "\u0661", "No such org"])
def test_an_organisation_that_is_no_id_or_name_is_a_command_error(cast, organization):
    with pytest.raises(CommandError, match="organisation"):
        call_command("issue_bed_token", "advocate", organization, stdout=io.StringIO())
