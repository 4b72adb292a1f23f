"""The staff roles, kept in step with the models after every migrate.

Advocates may view, add and change listings, and view their own organisation's
details; they archive rather than delete. An organisation's name, phone and
website stand on every one of its listings, so only coalition staff change them:
an advocate could otherwise take another organisation's name or number. Coalition staff may do
everything to listings and organisations. Which organisations an advocate may
touch is shelters.access's business; these groups only grant the model rights.

Hotline staff answer calls: they search every organisation's published listings on
the staff console (/staff/), and hold no model right at all, so every admin page
refuses them. Advocates and coalition staff may use the console too.
"""

from __future__ import annotations

from django.conf import settings

ADVOCATES_GROUP = "Advocates"
HOTLINE_STAFF_GROUP = "Hotline staff"
LISTING_MODELS = [
    "shelter", "shelterphone", "shelterhours", "medicalservice", "medicalservicephone",
    "medicalservicehours", "hotline", "hotlinearea", "hotlinechannel", "hotlinechannelhours",
]  # fmt: skip


def ensure_groups(sender, apps=None, **kwargs) -> None:
    """post_migrate receiver (the app's permissions exist by then)."""
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(content_type__app_label="shelters")
    advocate_codenames = [
        f"{action}_{model}" for model in LISTING_MODELS for action in ("view", "add", "change")
    ] + ["view_organization"]
    advocates, _ = Group.objects.get_or_create(name=ADVOCATES_GROUP)
    advocates.permissions.set(permissions.filter(codename__in=advocate_codenames))
    coalition, _ = Group.objects.get_or_create(name=settings.COALITION_GROUP)
    coalition.permissions.set(
        permissions.exclude(content_type__model__in=["membership", "snapshot"])
    )
    # Hotline staff read published listings on the console and edit nothing.
    hotline_staff, _ = Group.objects.get_or_create(name=HOTLINE_STAFF_GROUP)
    hotline_staff.permissions.clear()


def may_use_console(user) -> bool:
    """Hotline staff, advocates, coalition staff and superusers may use the staff
    console (each once signed in as the admin requires: see console.views)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    names = {ADVOCATES_GROUP, HOTLINE_STAFF_GROUP, settings.COALITION_GROUP}
    return user.groups.filter(name__in=names).exists()
