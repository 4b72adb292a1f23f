"""A staff member using only the console stays signed in as she would in the admin.

SESSION_SAVE_EVERY_REQUEST renews the idle timeout (SESSION_COOKIE_AGE) on every
request; the renewal reaches the browser only as a fresh session cookie. Public
paths still never set a cookie (shelters.middleware.NoPublicCookiesMiddleware).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

PASSWORD = "k-long-pass-phrase"


@pytest.fixture
def desk():
    user = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    return user


def _sign_in(client) -> None:
    response = client.post(
        "/admin/login/?next=/staff/", {"username": "desk", "password": PASSWORD, "next": "/staff/"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/staff/", "/staff/?where=78701", "/staff/suggest/?where=Aus"])
def test_console_pages_renew_the_session_cookie(client, desk, path):
    _sign_in(client)
    response = client.get(path)
    assert response.status_code == 200
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert cookie is not None and cookie.value
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert cookie["httponly"]


def test_console_detail_renews_the_session_cookie(client, desk):
    shelter = make_shelter()
    _sign_in(client)
    response = client.get(f"/staff/shelters/{shelter.pk}/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME in response.cookies


def test_a_console_only_session_outlives_the_first_idle_timeout(client, desk, settings):
    """Signed in once, then only the console: every request moves the expiry on."""
    from django.contrib.sessions.models import Session

    _sign_in(client)
    first = Session.objects.get().expire_date
    client.get("/staff/")
    assert Session.objects.get().expire_date >= first
    assert client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/staff/").status_code == 200


def test_signing_out_from_the_console_ends_the_session(client, desk):
    _sign_in(client)
    client.get("/staff/")
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize(
    "path",
    ["/", "/es/", "/?where=78701", "/es/?where=78701", "/api/v1/shelters/?zip=78701", "/hsds/"],
)
def test_public_paths_still_set_no_cookie_for_a_signed_in_visitor(client, desk, path):
    _sign_in(client)
    response = client.get(path)
    assert response.status_code < 500
    assert not response.cookies


def test_anonymous_console_redirects_set_no_cookie_and_are_not_stored(client):
    response = client.get("/staff/", {"where": "78701"})
    assert response.status_code == 302
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
