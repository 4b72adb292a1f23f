"""Who may keep which listings: the one place the organisation rule lives.

Advocates belong to organisations (Membership) and may see and change only
their organisations' listings, in the admin and through the availability
endpoint alike. Coalition staff (members of the COALITION_GROUP group) and
superusers see and change everything.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet


def sees_everything(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=settings.COALITION_GROUP).exists()


def organization_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(user.memberships.values_list("organization_id", flat=True))


def scope(queryset: QuerySet, user, path: str = "organization") -> QuerySet:
    """Only the rows `user` may keep; `path` leads from the row to its organisation
    ("pk" for organisations themselves)."""
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{path}__in": organization_ids(user)})


def may_keep(user, organization_id: int | None) -> bool:
    return sees_everything(user) or organization_id in organization_ids(user)
