"""Small factories shared by the tests. Every test talks to a real database."""

from __future__ import annotations

import io
import itertools
import os
import re
from datetime import date, datetime, time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from hypothesis import settings
from rest_framework.test import APIClient

from shelters import privacy
from shelters.models import (
    Hotline,
    HotlineArea,
    HotlineChannel,
    MedicalService,
    Membership,
    Organization,
    Shelter,
    ShelterHours,
    ShelterPhone,
)

_sequence = itertools.count(1)

# In CI the property tests replay the same examples on every run, so a landing
# never depends on luck; run locally, they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def sample_data(db):
    call_command("load_sample_data", verbosity=0)


@pytest.fixture
def vacuumed_listings(transactional_db):
    """2,000 synthetic listings, vacuumed and analysed, for tests of PostgreSQL's
    plans. Enough rows that index sizes decide: at a few hundred, every covering
    index with the located listings' predicate fits in a page or two, and PostgreSQL
    picks among them as if by chance. VACUUM marks the pages all-visible, as
    autovacuum does on a live database, which an index-only plan presumes (and it
    cannot run in a transaction: the tests using this are transactional)."""
    call_command("seed_synthetic", count=2000, seed=5, verbosity=0)
    with connection.cursor() as cursor:
        for model in (Shelter, MedicalService):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def shows(text: str, secret: str) -> bool:
    """Whether `text` shows `secret` as a value of its own: not as five digits inside an
    HSDS id. The sample export holds 5,943 UUIDs (random ones among them): 71,316 runs of
    five hex digits, so a given ZIP code's digits turn up in one of them in about one
    export in fifteen ("...-4f78702a..."), failing a privacy test that leaked nothing.
    No UUID group is five characters long, so a ZIP inside one always has a hex digit
    beside it; a value shown as itself does not."""
    return re.search(rf"(?<![0-9a-f]){re.escape(secret)}(?![0-9a-f])", text) is not None


def make_organization(**fields) -> Organization:
    fields.setdefault("name", f"Test organisation {next(_sequence)}")
    return Organization.objects.create(**fields)


def make_shelter(**fields) -> Shelter:
    phones = fields.pop("phones", [("intake", "512-555-0100")])
    hours = fields.pop("hours", [])
    fields.setdefault("organization", fields.get("organization") or make_organization())
    fields.setdefault("name", f"Test shelter {next(_sequence)}")
    fields.setdefault("kind", "emergency_shelter")
    fields.setdefault("status", "published")
    fields.setdefault("location_disclosure", "public")
    fields.setdefault("street_address", "1 Test Street")
    fields.setdefault("city", "Austin")
    fields.setdefault("county", "Travis County")
    fields.setdefault("state", "TX")
    fields.setdefault("postal_code", "78701")
    fields.setdefault("latitude", 30.2672)
    fields.setdefault("longitude", -97.7431)
    shelter = Shelter.objects.create(**fields)
    for phone_type, number in phones:
        ShelterPhone.objects.create(shelter=shelter, type=phone_type, number=number)
    for weekday, opens, closes in hours:
        ShelterHours.objects.create(
            shelter=shelter, weekday=weekday, opens=time(*opens), closes=time(*closes)
        )
    return shelter


def bulk_shelters(points, **fields) -> list[Shelter]:
    """Many shelters in one INSERT; public fields derived as a save would."""
    organization = fields.pop("organization", None) or make_organization()
    fields.setdefault("location_disclosure", "public")
    shelters = []
    for index, (lat, lon) in enumerate(points):
        shelter = Shelter(
            organization=organization,
            name=f"Bulk shelter {index}",
            kind="emergency_shelter",
            status="published",
            city="Nowhere",
            state="TX",
            latitude=lat,
            longitude=lon,
            **fields,
        )
        privacy.refresh_public_fields(shelter)
        shelters.append(shelter)
    return Shelter.objects.bulk_create(shelters)


def make_medical_service(**fields) -> MedicalService:
    fields.setdefault("organization", make_organization())
    fields.setdefault("name", f"Test clinic {next(_sequence)}")
    fields.setdefault("kind", "clinic")
    fields.setdefault("status", "published")
    fields.setdefault("city", "Austin")
    fields.setdefault("state", "TX")
    fields.setdefault("postal_code", "78701")
    fields.setdefault("latitude", 30.2672)
    fields.setdefault("longitude", -97.7431)
    return MedicalService.objects.create(**fields)


def make_hotline(areas=(), channels=(("voice", "1-800-555-0100"),), **fields) -> Hotline:
    fields.setdefault("organization", make_organization())
    fields.setdefault("name", f"Test hotline {next(_sequence)}")
    fields.setdefault("status", "published")
    fields.setdefault("topics", ["domestic_violence"])
    fields.setdefault("coverage", "regional" if areas else "national")
    hotline = Hotline.objects.create(**fields)
    for state, county, postal_code in areas:
        HotlineArea.objects.create(
            hotline=hotline, state=state, county=county, postal_code=postal_code
        )
    for kind, number in channels:
        HotlineChannel.objects.create(
            hotline=hotline,
            kind=kind,
            number=number if kind != "chat" else "",
            url="https://example.org/chat" if kind == "chat" else "",
        )
    return hotline


def now():
    return timezone.now()


@pytest.fixture
def cast():
    """Ours and theirs: two organisations, an advocate of the first, a coalition
    staffer, and one listing of each kind for each organisation."""
    ours, theirs = make_organization(name="Ours"), make_organization(name="Theirs")
    advocate = User.objects.create_user("advocate", password="a-long-pass-phrase", is_staff=True)
    advocate.groups.add(Group.objects.get(name="Advocates"))
    Membership.objects.create(user=advocate, organization=ours)
    coalition = User.objects.create_user("coalition", password="x-long-pass-phrase", is_staff=True)
    coalition.groups.add(Group.objects.get(name=django_settings.COALITION_GROUP))
    listings = {
        org.name: {
            "shelter": make_shelter(organization=org, name=f"{org.name} shelter", beds_total=10,
                                    beds_available=2, address_publication_authorized_by="Director",
                                    address_publication_authorized_on=date(2026, 1, 5)),
            "medicalservice": make_medical_service(organization=org, name=f"{org.name} clinic"),
            "hotline": make_hotline(organization=org, name=f"{org.name} line"),
        }
        for org in (ours, theirs)
    }  # fmt: skip
    return {"ours": ours, "theirs": theirs, "advocate": advocate, "coalition": coalition,
            "listings": listings}  # fmt: skip


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def staff(client):
    """A client signed in as hotline staff (the staff console's people)."""
    from shelters.roles import HOTLINE_STAFF_GROUP

    user = User.objects.create_user("caller-desk", password="a-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    return signed_in(client, user)


def token_for(user, organization=None) -> str:
    """A bed-report token's secret for `user`, for `organization` (by default her
    first organisation)."""
    from shelters import bed_tokens

    if organization is None:
        organization = Organization.objects.filter(memberships__user=user).order_by("pk").first()
    return bed_tokens.issue(user, organization).secret


def admin_form_data(response) -> dict:
    """What a browser would send back from an admin form page as rendered: the
    main form and every inline formset, with their current values."""
    data: dict = {}
    _add_form(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets", []):
        _add_form(inline.formset.management_form, data)
        for form in inline.formset.forms:
            _add_form(form, data)
    return data


def _add_form(form, data: dict) -> None:
    for name in form.fields:
        value, key = form[name].value(), form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif isinstance(value, datetime):
            data[f"{key}_0"], data[f"{key}_1"] = value.date().isoformat(), value.time().isoformat()
        elif isinstance(value, date | time):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)


@pytest.fixture
def importer(db) -> User:
    """Coalition staff, who may run an HSDS import for any organisation."""
    user = User.objects.create_user("importer", password="i-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name=django_settings.COALITION_GROUP))
    return user


def run_import_hsds(path, user: str = "importer", **options) -> str:
    """import_hsds as `user`; returns what it printed."""
    out = io.StringIO()
    call_command("import_hsds", str(path), acting_user=user, stdout=out, **options)
    return out.getvalue()


def apps_at(migration: str):
    """Migrate the test database back to `migration` of shelters; the models as they
    stood then (a data migration's test stores rows through them)."""
    target = [("shelters", migration)]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_hotline_areas(apps, state: str, *counties: tuple[str, str]) -> None:
    """A hotline of the models in `apps` with one area of `state` per (county,
    county_key): rows as an earlier version of the code stored them."""
    organization = apps.get_model("shelters", "Organization").objects.create(name="Old org")
    hotline = apps.get_model("shelters", "Hotline").objects.create(
        organization=organization, name="Old line"
    )
    for county, key in counties:
        fields = {"county_key": key} if key is not None else {}
        apps.get_model("shelters", "HotlineArea").objects.create(
            hotline=hotline, state=state, county=county, **fields
        )
