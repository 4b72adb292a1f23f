"""Signing in to the admin: lockout after repeated failures (by account, not by
address), and TOTP codes for coalition staff when the setting asks for them."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase"
OFFICE_PROXY = "198.51.100.7"


def sign_in(client, username, password=PASSWORD, address=OFFICE_PROXY, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=address,
    )


def signed_in_to_the_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def advocate():
    return User.objects.create_user("advocate", password=PASSWORD, is_staff=True)


@pytest.fixture
def coalition(cast):
    return cast["coalition"]


@pytest.fixture
def totp_for_coalition(settings):
    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = True


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    client, advocate, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "advocate", "wrong-password").status_code == 200
    assert sign_in(client, "advocate", "wrong-password").status_code == 429
    locked = sign_in(client, "advocate")
    assert locked.status_code == 429
    assert not signed_in_to_the_admin(client)


def test_the_lockout_follows_the_account_to_another_address(client, advocate, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "advocate", "wrong-password", address="203.0.113.1")
    assert sign_in(client, "advocate", address="203.0.113.99").status_code == 429


def test_colleagues_behind_the_same_proxy_are_not_locked_out_together(client, advocate, settings):
    User.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "advocate", "wrong-password")
    response = sign_in(client, "colleague")
    assert response.status_code == 302
    assert signed_in_to_the_admin(client)


def test_a_success_before_the_limit_starts_the_count_again(client, advocate, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "advocate", "wrong-password")
    assert sign_in(client, "advocate").status_code == 302
    client.post("/admin/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "advocate", "wrong-password")
    assert sign_in(client, "advocate").status_code == 302


@pytest.mark.usefixtures("totp_for_coalition")
def test_coalition_staff_without_an_authenticator_cannot_sign_in(client, coalition):
    response = sign_in(client, "coalition", password="x-long-pass-phrase")
    assert response.status_code == 200
    assert "enroll_totp" in response.content.decode()
    assert not signed_in_to_the_admin(client)


@pytest.mark.usefixtures("totp_for_coalition")
def test_coalition_staff_sign_in_with_a_code(client, coalition):
    device = TOTPDevice.objects.create(user=coalition, name="phone", confirmed=True)
    without_code = sign_in(client, "coalition", password="x-long-pass-phrase")
    assert without_code.status_code == 200
    wrong_code = sign_in(client, "coalition", password="x-long-pass-phrase", otp_token="000000")
    assert wrong_code.status_code == 200
    assert not signed_in_to_the_admin(client)

    device.refresh_from_db()
    device.throttle_reset()
    with_code = sign_in(
        client, "coalition", password="x-long-pass-phrase", otp_token=current_code(device)
    )
    assert with_code.status_code == 302, with_code.context["form"].errors
    assert signed_in_to_the_admin(client)


@pytest.mark.usefixtures("totp_for_coalition")
@pytest.mark.parametrize("page", ["/admin/", "/admin/shelters/shelter/", "/admin/auth/user/"])
def test_a_password_only_session_reaches_no_admin_page(client, coalition, page):
    client.force_login(coalition)
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.usefixtures("totp_for_coalition")
def test_advocates_sign_in_with_a_password_unless_they_enrolled(client, advocate):
    assert sign_in(client, "advocate").status_code == 302
    assert signed_in_to_the_admin(client)

    client.post("/admin/logout/")
    TOTPDevice.objects.create(user=advocate, name="phone", confirmed=True)
    assert sign_in(client, "advocate").status_code == 200
    assert not signed_in_to_the_admin(client)


def test_the_setting_off_lets_coalition_staff_sign_in_with_a_password(client, coalition, settings):
    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = False
    assert sign_in(client, "coalition", password="x-long-pass-phrase").status_code == 302
    assert signed_in_to_the_admin(client)


def test_enroll_totp_creates_a_confirmed_authenticator(advocate, capsys):
    call_command("enroll_totp", "advocate")
    device = TOTPDevice.objects.get(user=advocate)
    assert device.confirmed
    assert device.config_url in capsys.readouterr().out


def test_a_failed_sign_in_is_recorded_under_the_client_behind_our_proxy(client, advocate, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "advocate", "password": "wrong-password"},
        REMOTE_ADDR=OFFICE_PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.9",
    )
    assert AccessAttempt.objects.get(username="advocate").ip_address == "192.0.2.9"
