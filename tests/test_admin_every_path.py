"""No admin page lets an advocate of one organisation reach another's rows.

The test walks every registered ModelAdmin and every foreign key to a model that
belongs to an organisation (directly, or through a parent found from the model's
foreign keys), so an admin or a part model added later is covered without
editing it. Signed in as the advocate of "Ours", it tries add, change (moving
her own row under "Theirs"), delete, history, revert and autocomplete with
"Theirs"'s rows: each must be refused (403, 404, a redirect to sign-in, or a
form error on the foreign key) and leave the database as it was.
"""

from __future__ import annotations

from datetime import time

import pytest
from django.contrib import admin
from django.db import models
from django.forms import ModelChoiceField

from shelters.models import (
    HotlineArea,
    HotlineChannelHours,
    MedicalServiceHours,
    MedicalServicePhone,
    Membership,
    Organization,
    ShelterHours,
)

from .conftest import admin_form_data, signed_in

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


def owner_path(model) -> str | None:
    """The lookup from `model` to its organisation, read from its foreign keys."""
    if model is Organization:
        return "pk"
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is not model:
            if field.related_model is Organization:
                return field.name
            further = owner_path(field.related_model)
            if further is not None:
                return f"{field.name}__{further}"
    return None


def owned_keys(model) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and owner_path(field.related_model)
    ]


def rows_of(model, organization):
    path = owner_path(model)
    return model._default_manager.filter(**{path: organization.pk}).order_by("pk")


def url(model, *parts) -> str:
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return base + "".join(f"{part}/" for part in parts)


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
OWNED = [model for model in REGISTERED if owner_path(model)]
NOT_OWNED = [model for model in REGISTERED if not owner_path(model)]
KEYS = [(model, key) for model in REGISTERED for key in owned_keys(model)]


def label(value) -> str:
    return value.name if isinstance(value, models.Field) else value._meta.label


@pytest.fixture
def world(cast):
    """The cast, with every kind of part under both organisations' listings."""
    for name in ("Ours", "Theirs"):
        listings = cast["listings"][name]
        shelter, clinic, hotline = (
            listings["shelter"],
            listings["medicalservice"],
            listings["hotline"],
        )
        ShelterHours.objects.create(shelter=shelter, weekday=1, opens=time(9), closes=time(17))
        MedicalServicePhone.objects.create(
            medical_service=clinic, type="main", number="512-555-0142"
        )
        MedicalServiceHours.objects.create(
            medical_service=clinic, weekday=1, opens=time(8), closes=time(16)
        )
        HotlineArea.objects.create(hotline=hotline, state="TX")
        HotlineChannelHours.objects.create(
            channel=hotline.channels.get(), weekday=2, opens=time(8), closes=time(20)
        )
    other = type(cast["advocate"]).objects.create_user("their-advocate", is_staff=True)
    Membership.objects.create(user=other, organization=cast["theirs"])
    return cast


def snapshot(model) -> list[dict]:
    return list(model._default_manager.order_by("pk").values())


def theirs_and_ours(model, world):
    theirs = rows_of(model, world["theirs"]).first()
    ours = rows_of(model, world["ours"]).first()
    assert theirs is not None, f"give Theirs a {model._meta.label} in the world fixture"
    return theirs, ours


def assert_refused(response, field: str | None = None) -> None:
    if response.status_code in REFUSED:
        # A redirect goes to sign-in, or to the index when the row is "not found".
        location = response.get("Location", "")
        assert response.status_code != 302 or location == "/admin/" or "/login/" in location
        return
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    assert form.errors, "a 200 without a form error"
    if field is not None:
        assert field in form.errors, form.errors


@pytest.mark.parametrize("model", OWNED, ids=label)
def test_their_rows_are_not_listed(client, world, model):
    theirs, _ = theirs_and_ours(model, world)
    page = signed_in(client, world["advocate"]).get(url(model))
    if page.status_code in REFUSED:
        return
    assert page.status_code == 200
    assert url(model, theirs.pk, "change") not in page.content.decode()


@pytest.mark.parametrize("model", OWNED, ids=label)
@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_their_pages_are_refused(client, world, model, view):
    theirs, _ = theirs_and_ours(model, world)
    before = snapshot(model)
    client = signed_in(client, world["advocate"])
    assert client.get(url(model, theirs.pk, view)).status_code in REFUSED
    assert_refused(client.post(url(model, theirs.pk, view), {"post": "yes"}))
    assert snapshot(model) == before


def latest_version(model, row) -> int:
    """A historical table's pk is history_id: look the row up by its own key."""
    versions = model.history.filter(**{model._meta.pk.attname: row.pk})
    return versions.latest("history_date").history_id


@pytest.mark.parametrize("model", OWNED, ids=label)
def test_their_revert_pages_are_refused(client, world, model):
    theirs, ours = theirs_and_ours(model, world)
    history = getattr(model, "history", None)
    version_id = latest_version(model, theirs) if history else 1
    before = snapshot(model)
    client = signed_in(client, world["advocate"])
    revert = url(model, theirs.pk, "history", version_id)
    assert client.get(revert).status_code in REFUSED
    data = {}
    if ours is not None and history is not None:
        own_version = latest_version(model, ours)
        own_revert = client.get(url(model, ours.pk, "history", own_version))
        if own_revert.status_code == 200:
            data = admin_form_data(own_revert)
    assert client.post(revert, data).status_code in REFUSED
    assert snapshot(model) == before


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_choices_offer_none_of_theirs(client, world, model):
    """On the add page and on her own row's change page, inlines included: no
    choice of an organisation-owned row leads to Theirs."""
    ours = rows_of(model, world["ours"]).first() if owner_path(model) else None
    client = signed_in(client, world["advocate"])
    pages = [url(model, "add")]
    if ours is not None:
        pages.append(url(model, ours.pk, "change"))
    for page_url in pages:
        page = client.get(page_url)
        if page.status_code in REFUSED:
            continue
        forms = [page.context["adminform"].form]
        for inline in page.context.get("inline_admin_formsets", []):
            forms += [inline.formset.empty_form, *inline.formset.forms]
        for form in forms:
            for name, field in form.fields.items():
                if name == form._meta.model._meta.pk.name:
                    continue  # an inline row's hidden id, looked up among the parent's rows
                if isinstance(field, ModelChoiceField) and owner_path(field.queryset.model):
                    offered = field.queryset.filter(
                        pk__in=rows_of(field.queryset.model, world["theirs"]).values("pk")
                    )
                    assert not offered.exists(), f"{page_url} {form.prefix or ''} {name}"


def own_forms(client, model, ours) -> tuple[dict, dict]:
    """What her browser would post from her own row's change page: as a change,
    and as a new row (inline rows posted as new ones too)."""
    if ours is None:
        return {}, {}
    page = client.get(url(model, ours.pk, "change"))
    if page.status_code != 200:
        return {}, {}
    change = admin_form_data(page)
    add = dict(change)
    for inline in page.context.get("inline_admin_formsets", []):
        prefix, key = inline.formset.prefix, inline.formset.fk.name
        add[f"{prefix}-INITIAL_FORMS"] = "0"
        for index in range(int(add[f"{prefix}-TOTAL_FORMS"])):
            add.pop(f"{prefix}-{index}-id", None)
            add.pop(f"{prefix}-{index}-{key}", None)
    return change, add


@pytest.mark.parametrize(("model", "key"), KEYS, ids=label)
def test_adding_or_moving_under_theirs_is_refused(client, world, model, key):
    """A raw POST of her own row's form, with the key pointing at Theirs: as a new
    row, as a change that would move her row, and as a revert of her row."""
    target = rows_of(key.related_model, world["theirs"]).first()
    ours = rows_of(model, world["ours"]).first()
    assert target is not None, f"give Theirs a {key.related_model._meta.label}"
    before = snapshot(model)
    client = signed_in(client, world["advocate"])
    change, add = own_forms(client, model, ours)
    assert_refused(client.post(url(model, "add"), {**add, key.name: target.pk}), key.name)
    if ours is not None:
        moved = {**change, key.name: target.pk}
        assert_refused(client.post(url(model, ours.pk, "change"), moved), key.name)
    if ours is not None and hasattr(model, "history"):
        revert = url(model, ours.pk, "history", latest_version(model, ours))
        page = client.get(revert)
        if page.status_code == 200:
            reverted = {**admin_form_data(page), key.name: target.pk}
            assert_refused(client.post(revert, reverted), key.name)
    assert snapshot(model) == before


@pytest.mark.parametrize(("model", "key"), KEYS, ids=label)
def test_the_same_post_under_her_own_row_is_not_refused_for_the_key(client, world, model, key):
    """The control for the test above: its refusals come from the key alone."""
    target = rows_of(key.related_model, world["ours"]).first()
    client = signed_in(client, world["advocate"])
    _, add = own_forms(client, model, rows_of(model, world["ours"]).first())
    response = client.post(url(model, "add"), {**add, key.name: target.pk})
    if response.status_code == 403:
        return  # she may not add these at all
    if response.status_code == 200:
        assert key.name not in response.context["adminform"].form.errors
    else:
        assert response.status_code == 302


@pytest.mark.parametrize(("model", "key"), KEYS, ids=label)
def test_autocomplete_finds_none_of_theirs(client, world, model, key):
    theirs = set(rows_of(key.related_model, world["theirs"]).values_list("pk", flat=True))
    query = {"app_label": model._meta.app_label, "model_name": model._meta.model_name,
             "field_name": key.name, "term": ""}  # fmt: skip
    response = signed_in(client, world["advocate"]).get("/admin/autocomplete/", query)
    if response.status_code in REFUSED:
        return
    assert response.status_code == 200
    found = {int(item["id"]) for item in response.json()["results"]}
    assert not found & theirs


@pytest.mark.parametrize("model", NOT_OWNED, ids=label)
def test_admin_of_what_no_organisation_owns_is_refused(client, world, model):
    """Accounts, groups, tokens, devices and sign-in records are coalition business."""
    client = signed_in(client, world["advocate"])
    before = snapshot(model)
    for view in ("changelist", "add"):
        path = url(model) if view == "changelist" else url(model, "add")
        assert client.get(path).status_code in REFUSED, path
    row = model._default_manager.order_by("pk").first()
    if row is not None:
        for view in ("change", "delete", "history"):
            assert client.get(url(model, row.pk, view)).status_code in REFUSED, view
            assert client.post(url(model, row.pk, view), {"post": "yes"}).status_code in (REFUSED)
    assert snapshot(model) == before
