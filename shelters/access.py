"""Who may keep which rows: the one place the organisation rule lives.

Advocates belong to organisations (Membership) and may see and change only rows
of their organisations, in the admin, in spreadsheets and through the
availability endpoint alike. Coalition staff (members of the COALITION_GROUP
group) and superusers see and change everything.

A row belongs to an organisation directly (a listing's `organization`) or
through its parent (a phone's shelter, a channel's hotline, a channel's hours'
channel). The way from a model to its organisation is read from the model's
foreign keys (organization_path), so a part model added later is scoped as soon
as it points at a listing. A row is the advocate's only if every
organisation-owned row it points at is hers: a phone moved onto another
organisation's shelter is refused like a shelter moved into another
organisation.

Hotline coverage is an organisation question too: see organization_works_in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import QuerySet

from shelters import roles
from shelters.choices import Coverage, Status
from shelters.models import Hotline, HotlineArea, MedicalService, Organization, Shelter


def sees_everything(user) -> bool:
    held = getattr(user, "_access_held", None)
    if held is not None:
        return held[0]
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=settings.COALITION_GROUP).exists()


def may_read_staff_notes(user, listing) -> bool:
    """A listing's staff-only notes are written for the people who answer calls:
    hotline staff and coalition staff read every organisation's, an advocate only
    her own organisation's (another organisation's notes may hold how to reach its
    house after hours, which its advocates did not write for her)."""
    if sees_everything(user):
        return True
    if listing.organization_id in organization_ids(user):
        return True
    return user.groups.filter(name=roles.HOTLINE_STAFF_GROUP).exists()


def may_keep_guidance(user) -> bool:
    """Safety guidance speaks for the whole directory, not for one organisation:
    only coalition staff (and superusers) see, add, change, delete or revert it."""
    return sees_everything(user)


def organization_ids(user) -> list[int]:
    held = getattr(user, "_access_held", None)
    if held is not None:
        return list(held[1])
    if not user.is_authenticated:
        return []
    return list(user.memberships.values_list("organization_id", flat=True))


@contextmanager
def held_for_one_import(user) -> Iterator[None]:
    """Within this block `user`'s role and organisations are read once, not once
    for every row an import checks (four queries a row of a state-wide file). They
    are what they were when the import began: a membership changed meanwhile
    counts from the next import, as for a form already open in her browser."""
    if user is None or getattr(user, "_access_held", None) is not None:
        yield
        return
    user._access_held = (sees_everything(user), tuple(organization_ids(user)))
    try:
        yield
    finally:
        del user._access_held


@cache
def organization_path(model: type[models.Model]) -> str | None:
    """The lookup from `model` to the organisation its rows belong to: "pk" for
    organisations, "organization" for listings, "shelter__organization" for a
    shelter's phones; None for what no organisation owns (accounts, snapshots)."""
    if model is Organization:
        return "pk"
    for key in _foreign_keys(model):
        further = organization_path(key.related_model)
        if further is not None:
            return key.name if further == "pk" else f"{key.name}__{further}"
    return None


def owned_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys of `model` that lead to organisation-owned rows."""
    return [key for key in _foreign_keys(model) if organization_path(key.related_model)]


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is not model
    ]


def scope(queryset: QuerySet, user, path: str | None = None) -> QuerySet:
    """Only the rows `user` may keep. `path` leads from the row to its
    organisation; by default it is read from the model (organization_path)."""
    if sees_everything(user):
        return queryset
    path = path or organization_path(queryset.model)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": organization_ids(user)})


def may_keep(user, organization_id: int | None) -> bool:
    return sees_everything(user) or organization_id in organization_ids(user)


def organization_id_of(row: models.Model) -> int | None:
    """The organisation `row` belongs to, followed on the object itself, so it
    works for an unsaved row under an unsaved parent (an admin add page) and for a
    historical version (None when its parent is gone)."""
    path = organization_path(type(row))
    if path is None:
        return None
    *hops, last = path.split("__")
    try:
        for hop in hops:
            row = getattr(row, hop)
    except ObjectDoesNotExist:
        return None
    return row.pk if last == "pk" else getattr(row, f"{last}_id")


def _owners(row: models.Model) -> Iterator[tuple[str | None, int | None]]:
    """(foreign key, organisation) for the row itself and each owned row it points at."""
    if type(row) is Organization:
        yield None, row.pk
    for key in owned_keys(type(row)):
        try:
            target = getattr(row, key.name)
        except ObjectDoesNotExist:
            yield key.name, None
            continue
        if target is not None:
            yield key.name, organization_id_of(target)


def may_keep_row(user, row: models.Model | None) -> bool:
    """Whether `row`, as it stands (saved, about to be saved, or a historical
    version), is one of `user`'s. Rows no organisation owns are left to model
    permissions."""
    if row is None or sees_everything(user):
        return True
    mine = set(organization_ids(user))
    return all(organization in mine for _, organization in _owners(row))


def may_revert(user, live: models.Model | None, version: models.Model) -> bool:
    """A history version is shown and restored only when the row as it is now and
    the version both belong to `user`: a row that moved to another organisation
    is not looked at, or taken back, through its old versions. Restoring a
    deleted row is for coalition staff."""
    if sees_everything(user):
        return True
    return live is not None and may_keep_row(user, live) and may_keep_row(user, version)


def visible_history(versions: QuerySet, user) -> QuerySet:
    """The versions of one row's history (its history manager filtered to the row)
    that `user` may read: all of them for coalition staff; for an advocate, those
    recorded since the row, or for a part the listing it hangs from, last came to
    one of her organisations. A listing handed over from another organisation
    brings none of that organisation's versions (staff notes, old text, old phones)
    with it, in the history list or in its parts' history."""
    if sees_everything(user):
        return versions
    mine = set(organization_ids(user))
    model = versions.model.instance_type
    path = organization_path(model)
    if path is None:
        return versions
    if path == "pk":
        return versions.filter(**{f"{model._meta.pk.attname}__in": mine})
    if path == "organization":
        since = _came_to(model, versions, mine)
        shown = versions.filter(organization_id__in=mine)
        return shown if since is None else shown.filter(history_date__gte=since)
    key = path.split("__")[0]
    parent_model = model._meta.get_field(key).related_model
    shown = models.Q(pk__in=[])
    for parent_id in set(versions.values_list(f"{key}_id", flat=True)):
        parent = parent_model._default_manager.filter(pk=parent_id).first()
        if parent is None or not may_keep_row(user, parent):
            continue
        since = _came_to(parent_model, _history_of(parent), mine)
        shown |= models.Q(**{f"{key}_id": parent_id}) & (
            models.Q() if since is None else models.Q(history_date__gte=since)
        )
    return versions.filter(shown)


def _history_of(row: models.Model) -> QuerySet:
    return row.history.filter(**{row._meta.pk.attname: row.pk})


def _came_to(model: type[models.Model], history: QuerySet, mine: set[int]):
    """When the row whose `history` this is last came to one of `mine` (itself, or
    the chain of parents it hangs from): the date of its first version after the
    last one that was elsewhere; None when it never was elsewhere."""
    path = organization_path(model)
    if path == "pk":
        return None
    if path == "organization":
        return _first_after(history, history.exclude(organization_id__in=mine))
    key = path.split("__")[0]
    latest = history.order_by("-history_date").first()
    if latest is None:
        return None
    parent_id = getattr(latest, f"{key}_id")
    came = _first_after(history, history.exclude(**{f"{key}_id": parent_id}))
    parent_model = model._meta.get_field(key).related_model
    parent = parent_model._default_manager.filter(pk=parent_id).first()
    parent_came = None if parent is None else _came_to(parent_model, _history_of(parent), mine)
    moments = [moment for moment in (came, parent_came) if moment is not None]
    return max(moments) if moments else None


def _first_after(history: QuerySet, elsewhere: QuerySet):
    """The date of the first version of `history` after the latest of `elsewhere`
    (None when `elsewhere` is empty)."""
    last = elsewhere.order_by("-history_date").values_list("history_date", flat=True).first()
    if last is None:
        return None
    after = history.filter(history_date__gt=last).order_by("history_date")
    first = after.values_list("history_date", flat=True).first()
    return last + timedelta(microseconds=1) if first is None else first


def refusals(user, row: models.Model) -> dict[str | None, str]:
    """Why `user` may not save `row` as it now stands, by form field (None for
    the whole row): a key leading to another organisation's row, or hotline
    coverage beyond her organisation's reach. Empty when she may."""
    if sees_everything(user):
        return {}
    mine = set(organization_ids(user))
    errors: dict[str | None, str] = {}
    for key, organization in _owners(row):
        if organization not in mine:
            errors[key] = _not_yours(type(row), key)
    if not errors:
        errors.update(_coverage_refusals(row))
    return errors


def _not_yours(model: type[models.Model], key: str | None) -> str:
    if key is None or model._meta.get_field(key).related_model is Organization:
        return "Choose one of your own organisations."
    target = model._meta.get_field(key).related_model._meta.verbose_name_plural
    return f"Choose one of your organisations' {target}."


def organization_works_in(organization_id: int | None, state: str) -> bool:
    """Whether an organisation works in `state`, where its advocates may then set
    hotline coverage without coalition staff: it has a *published* shelter or
    medical service there, or a hotline area there, that coalition staff (or an
    operator's command) placed in that state.

    A draft or archived listing does not count, so coverage cannot be widened by
    a listing the public never sees; nor does a listing an advocate placed in a
    state herself (created there, or moved there), or she could open any state
    with a placeholder; and an area an advocate saved herself does not approve
    its state, so coverage she gained through a listing lapses with it (the areas
    stay until coalition staff review them, but she can add no more there).
    National coverage is never an organisation's to set (see refusals). Only the
    rows of `state` are read, with their history: an import of a state's 254
    county areas asks once for each."""
    if organization_id is None:
        return False
    rows = [
        model.objects.filter(organization_id=organization_id, status=Status.PUBLISHED)
        for model in (Shelter, MedicalService)
    ]
    rows.append(HotlineArea.objects.filter(hotline__organization_id=organization_id))
    return any(
        _states_set_by_staff(
            queryset.model, dict(queryset.filter(state=state).values_list("pk", "state"))
        )
        for queryset in rows
    )


def _states_set_by_staff(model: type[models.Model], rows: dict[int, str]) -> set[str]:
    """States of `rows` (pk: state, of `model`) set by coalition staff, a superuser,
    or a command (no user), as the change history records: the author of the
    latest version that changed the row's state. A row they made in one state
    and an advocate moved to another approves neither."""
    if not rows:
        return set()
    versions = (
        model.history.filter(id__in=rows)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "state", "history_user_id")
    )
    set_by: dict[int, int | None] = {}
    recorded: dict[int, str] = {}
    for pk, state, user_id in versions:
        if recorded.get(pk) != state:
            set_by[pk] = user_id
        recorded[pk] = state
    users = {
        user.pk: sees_everything(user)
        for user in get_user_model().objects.filter(pk__in=set(set_by.values()) - {None})
    }
    return {
        state
        for pk, state in rows.items()
        # With no history, or a state the history never recorded (a bulk update),
        # the row is an operator's.
        if recorded.get(pk) != state or set_by[pk] is None or users.get(set_by[pk], False)
    }


def _coverage_refusals(row: models.Model) -> dict[str | None, str]:
    """National coverage, and coverage where the organisation does not work
    (organization_works_in), need coalition staff. A hotline already national may
    be kept so."""
    if isinstance(row, Hotline) and row.coverage == Coverage.NATIONAL:
        before = Hotline.objects.filter(pk=row.pk).values_list("coverage", flat=True).first()
        if before != Coverage.NATIONAL:
            return {
                "coverage": "National coverage is set by coalition staff: ask them, or "
                "choose the states, counties or ZIP codes your organisation serves."
            }
    if isinstance(row, HotlineArea) and not organization_works_in(
        organization_id_of(row), row.state
    ):
        return {
            "state": f"Your organisation has no listing in {row.state}: coverage "
            "there is set by coalition staff."
        }
    return {}


def may_set_organization_details(user) -> bool:
    """Adding an organisation, or changing its name, phone or website (by hand or
    by an import), is coalition staff's: those details stand on every listing of
    the organisation, so an advocate who could set them could take another
    organisation's name or the national hotline's number."""
    return sees_everything(user)
