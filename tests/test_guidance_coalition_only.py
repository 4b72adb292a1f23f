"""Only coalition staff keep safety guidance: an advocate cannot list, add, change,
delete, read the history of or revert a step on any admin path, not even with the
model permissions granted to her directly (issue 14). Coalition staff can, and
their changes are in the history."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from shelters.models import Guidance

from .conftest import admin_form_data, signed_in

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)
BASE = "/admin/shelters/guidance/"


def rows() -> list[tuple]:
    return list(Guidance.objects.order_by("pk").values_list("pk", "title", "body", "state"))


def step_and_version(coalition_client) -> tuple[Guidance, int]:
    step = Guidance.objects.get(topic="police", order=1, language="en", state="")
    form = admin_form_data(coalition_client.get(f"{BASE}{step.pk}/change/"))
    coalition_client.post(f"{BASE}{step.pk}/change/", {**form, "title": "Edited by coalition"})
    return step, step.history.order_by("history_id").first().history_id


@pytest.fixture
def advocate_with_permissions(cast):
    """The advocate, handed every guidance permission directly: the rule must not
    rest on group membership alone."""
    advocate = cast["advocate"]
    advocate.user_permissions.add(
        *Permission.objects.filter(content_type__model__in=["guidance", "historicalguidance"])
    )
    return advocate


@pytest.mark.parametrize("granted", [False, True], ids=["advocate", "advocate-with-permissions"])
def test_an_advocate_is_refused_on_every_guidance_path(client, cast, advocate_with_permissions,
                                                        granted):  # fmt: skip
    coalition = signed_in(client.__class__(), cast["coalition"])
    step, version = step_and_version(coalition)
    advocate = cast["advocate"]
    if not granted:
        advocate.user_permissions.clear()
    before = rows()
    client = signed_in(client, advocate)
    edit = {"topic": "police", "order": "1", "title": "Hijacked", "body": "x", "state": "",
            "language": "en", "reviewed_on": "2026-12-01", "reviewed_by": "advocate"}  # fmt: skip
    for path in (BASE, f"{BASE}add/", f"{BASE}{step.pk}/change/", f"{BASE}{step.pk}/delete/",
                 f"{BASE}{step.pk}/history/", f"{BASE}{step.pk}/history/{version}/"):  # fmt: skip
        assert client.get(path).status_code in REFUSED, path
        assert client.post(path, {**edit, "post": "yes"}).status_code in REFUSED, path
    assert rows() == before
    index = client.get("/admin/")
    assert BASE not in (index.content.decode() if index.status_code == 200 else "")


def test_coalition_staff_edit_guidance_with_history_and_revert(client, cast):
    coalition = signed_in(client, cast["coalition"])
    step, first_version = step_and_version(coalition)
    step.refresh_from_db()
    assert step.title == "Edited by coalition"
    latest = step.history.order_by("-history_id").first()
    assert latest.history_user == cast["coalition"]
    form = admin_form_data(coalition.get(f"{BASE}{step.pk}/change/"))
    coalition.post(f"{BASE}{step.pk}/change/", {**form, "title": "Second edit"})
    history = coalition.get(f"{BASE}{step.pk}/history/")
    assert history.status_code == 200 and "Second edit" in history.content.decode()
    revert = coalition.get(f"{BASE}{step.pk}/history/{first_version}/")
    assert revert.status_code == 200
    coalition.post(f"{BASE}{step.pk}/history/{first_version}/", admin_form_data(revert))
    step.refresh_from_db()
    assert step.title == "Edited by coalition"
