"""Finding 14: until the second factor is given, the sign-in page answers an
account that needs a TOTP code the same whether its password was right or wrong,
and django-axes counts a failed code as it counts a failed password.

Otherwise the page is an oracle for guessed or leaked passwords of exactly the
accounts (coalition staff, superusers) that can see every confidential address;
and a lockout that counted only wrong passwords would be the same oracle, slower."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "x-long-pass-phrase"


@pytest.fixture
def coalition(cast, settings):
    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = True
    return cast["coalition"]


def answer(client, username: str, password: str, **extra) -> tuple[int, str]:
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password, **extra}
    )
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return response.status_code, page


def test_no_authenticator_yet_looks_like_a_wrong_password(client, coalition):
    assert answer(client, "coalition", PASSWORD) == answer(client, "coalition", "wrong-guess")


def test_a_missing_code_looks_like_a_wrong_password(client, coalition):
    TOTPDevice.objects.create(user=coalition, name="phone", confirmed=True)
    assert answer(client, "coalition", PASSWORD) == answer(client, "coalition", "wrong-guess")


def test_a_wrong_code_looks_like_a_wrong_password(client, coalition):
    TOTPDevice.objects.create(user=coalition, name="phone", confirmed=True)
    right = answer(client, "coalition", PASSWORD, otp_token="000000")
    assert right == answer(client, "coalition", "wrong-guess", otp_token="000000")


def test_an_enrolled_advocate_is_answered_alike_too(client):
    advocate = User.objects.create_user("advocate", password=PASSWORD, is_staff=True)
    TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    assert answer(client, "advocate", PASSWORD) == answer(client, "advocate", "wrong-guess")


def test_failed_codes_count_towards_the_lockout_like_failed_passwords(client, coalition, settings):
    TOTPDevice.objects.create(user=coalition, name="phone", confirmed=True)
    # As with wrong passwords (test_admin_sign_in): the failure that reaches the
    # limit is answered with the lockout.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert answer(client, "coalition", PASSWORD, otp_token="000000")[0] == 200
    assert answer(client, "coalition", PASSWORD, otp_token="000000")[0] == 429
