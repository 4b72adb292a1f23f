"""Who may use the staff console, and what the Hotline staff role may do in the admin.

The console signs in through the admin (shelters.signin: lockout, TOTP where
required). Hotline staff reach the console and nothing at all in the admin.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import make_shelter, signed_in

pytestmark = pytest.mark.django_db

PASSWORD = "h-long-pass-phrase"


@pytest.fixture
def desk():
    user = User.objects.create_user("desk", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    return user


def test_anonymous_visitors_are_sent_to_the_admin_sign_in(client):
    response = client.get("/staff/", {"where": "78701"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/staff/")
    for path in ("/staff/suggest/?where=Aus", "/staff/shelters/1/"):
        assert client.get(path).status_code == 302


def test_signing_in_through_the_admin_leads_back_to_the_console(client, desk):
    page = client.get("/admin/login/?next=/staff/").content.decode()
    assert 'autocomplete="current-password"' in page  # password managers fill it (S15)
    assert "onpaste" not in page
    response = client.post(
        "/admin/login/?next=/staff/", {"username": "desk", "password": PASSWORD, "next": "/staff/"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_admin_lockout_holds_for_console_users(client, desk, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/?next=/staff/", {"username": "desk", "password": "wrong"})
    client.post("/admin/login/?next=/staff/", {"username": "desk", "password": PASSWORD})
    assert AccessAttempt.objects.filter(username="desk").exists()
    assert client.get("/staff/").status_code == 302


def test_totp_is_required_where_the_admin_requires_it(client, cast, settings):
    settings.ADMIN_TOTP_REQUIRED_FOR_COALITION = True
    # Coalition staff without a verified code are not signed in for the console.
    assert signed_in(client, cast["coalition"]).get("/staff/").status_code == 302


def test_advocates_coalition_staff_and_hotline_staff_may_use_it(client, cast, desk):
    for user in (desk, cast["advocate"], cast["coalition"]):
        assert signed_in(client, user).get("/staff/").status_code == 200
        client.logout()


def test_staff_without_a_console_role_are_refused(client):
    user = User.objects.create_user("someone", password=PASSWORD, is_staff=True)
    assert signed_in(client, user).get("/staff/").status_code == 403


def test_hotline_staff_see_every_organisations_published_listings_only(client, cast, desk):
    draft = make_shelter(name="A draft shelter", status="draft")
    signed_in(client, desk)
    theirs = cast["listings"]["Theirs"]["shelter"]
    assert client.get(f"/staff/shelters/{theirs.pk}/").status_code == 200
    assert client.get(f"/staff/shelters/{draft.pk}/").status_code == 404
    body = client.get("/staff/", {"where": "78701"}).content.decode()
    assert "Ours shelter" in body and "Theirs shelter" in body and draft.name not in body


def _admin_paths(model, row) -> list[str]:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    paths = [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
    if row is not None:
        for view in ("change", "history", "delete"):
            paths.append(reverse(f"{name}_{view}", args=[row.pk]))
    return paths


def test_hotline_staff_can_read_or_change_nothing_in_the_admin(client, cast, desk):
    signed_in(client, desk)
    index = client.get("/admin/")
    assert index.status_code == 200 and not index.context["app_list"]
    for model in admin.site._registry:
        row = model._default_manager.order_by("pk").first()
        for path in _admin_paths(model, row):
            assert client.get(path).status_code in (302, 403, 404), path
            before = [*model._default_manager.order_by("pk").values()]
            assert client.post(path, {"name": "Changed", "post": "yes"}).status_code in (
                302, 403, 404,
            ), path  # fmt: skip
            assert [*model._default_manager.order_by("pk").values()] == before, path


def test_the_admin_link_is_offered_only_to_those_who_may_use_the_admin(client, cast, desk):
    signed_in(client, desk)
    assert 'href="/admin/"' not in client.get("/staff/").content.decode()
    signed_in(client, cast["advocate"])
    assert 'href="/admin/"' in client.get("/staff/").content.decode()
