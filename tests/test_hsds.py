"""The Open Referral HSDS 3.0 export validates strictly against the shipped schemas,
reduces confidential locations exactly as the API does, and round-trips through import."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from shelters import hsds
from shelters.hsds import schemas
from shelters.hsds.schemas import FORMAT_CHECKER, strict
from shelters.models import Hotline, MedicalService, Organization, Shelter

from .conftest import make_hotline, make_shelter, shows

pytestmark = pytest.mark.django_db


def exported(tmp_path, name="export.json", *options: str) -> dict:
    path = tmp_path / name
    call_command("export_hsds", str(path), *options)
    package = json.loads(path.read_text())
    package.pop("generated_at")
    return package


def forget_everything() -> None:
    for model in (Shelter, MedicalService, Hotline, Organization):
        model.objects.all().delete()


def listing_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Shelter, MedicalService, Hotline, Organization))


@pytest.fixture
def directory(sample_data, importer):
    """The sample directory plus a shelter of each disclosure level with fresh and
    stale bed counts, a regional hotline with chat, and a draft."""
    now = timezone.now()
    area = make_shelter(name="Area shelter", location_disclosure="area",
                        street_address="41 Confidential Row", postal_code="78702",
                        latitude=30.2634567, longitude=-97.7212345, beds_total=12,
                        beds_available=3, beds_updated_at=now,
                        hours=[(0, (9, 0), (17, 0))])  # fmt: skip
    hidden = make_shelter(name="Hidden shelter", location_disclosure="hidden",
                          street_address="9 Secret Court", latitude=30.3012345,
                          longitude=-97.7012345, beds_total=8, beds_available=2,
                          beds_updated_at=now - timedelta(days=3))  # fmt: skip
    make_hotline(name="Regional line", areas=[("TX", "Travis County", ""), ("TX", "", "78701")],
                 channels=[("voice", "512-555-0142"), ("text", "55501"), ("chat", "")])  # fmt: skip
    make_shelter(name="Draft shelter", status="draft")
    return {"area": area, "hidden": hidden}


def schema(name: str) -> dict:
    return json.loads((hsds.schema_dir() / name).read_text())


def test_every_exported_service_validates_strictly_against_the_shipped_schemas(directory, tmp_path):
    """Strict as the specification's own example check: no property outside 3.0."""
    package = exported(tmp_path)
    services = Draft202012Validator(
        strict(schema("compiled_service.json")), format_checker=FORMAT_CHECKER
    )
    organizations = Draft202012Validator(
        strict(schema("compiled_organization.json")), format_checker=FORMAT_CHECKER
    )
    assert len(package["services"]) == (
        Shelter.objects.published().count() + MedicalService.objects.published().count()
        + Hotline.objects.published().count()
    )  # fmt: skip
    for service in package["services"]:
        services.validate(service)
    for organization in package["organizations"]:
        organizations.validate(organization)
    assert not any("capacities" in service for service in package["services"])


def test_the_3_1_profile_adds_bed_counts_as_service_capacity(directory, tmp_path):
    package = exported(tmp_path, "beds.json", "--profile", "3.1")
    unit = Resource.from_contents(schemas._UNIT_SCHEMA, default_specification=DRAFT202012)
    capacities = Draft202012Validator(
        strict(schema("service_capacity.3.1-dev.json")),
        registry=Registry().with_resource("unit.json", unit),
        format_checker=FORMAT_CHECKER,
    )
    services = Draft202012Validator(
        strict(schema("compiled_service.json")), format_checker=FORMAT_CHECKER
    )
    for service in package["services"]:
        for capacity in service.get("capacities", []):
            capacities.validate(capacity)
        services.validate({k: v for k, v in service.items() if k != "capacities"})
    assert any(service.get("capacities") for service in package["services"])
    assert package["profile"] == "3.1"


def service_named(package: dict, name: str) -> dict:
    return next(s for s in package["services"] if s["name"] == name)


def test_confidential_shelters_leave_as_the_public_api_shows_them(directory, tmp_path, api):
    package = exported(tmp_path)
    text = json.dumps(package)
    for secret in ("41 Confidential Row", "78702", "30.2634567", "-97.7212345",
                   "9 Secret Court", "30.3012345", "-97.7012345"):  # fmt: skip
        assert not shows(text, secret)

    area = directory["area"]
    shown = api.get(f"/api/v1/shelters/{area.pk}/").json()
    location = service_named(package, "Area shelter")["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (
        shown["location"]["lat"],
        shown["location"]["lon"],
    )
    assert location["addresses"][0]["address_1"] == ""
    assert location["addresses"][0]["postal_code"] == ""

    # A hidden shelter has no location at all (PRIVACY.md, "HSDS"): its state is a
    # service area, and nothing below it leaves.
    hidden = service_named(package, "Hidden shelter")
    assert hidden["service_at_locations"] == []
    assert [(a["extent_type"], a["extent"]) for a in hidden["service_areas"]] == [("text", "TX")]


def test_bed_counts_are_service_capacity_only_while_current(directory, tmp_path):
    package = exported(tmp_path, "beds.json", "--profile", "3.1")
    [beds] = service_named(package, "Area shelter")["capacities"]
    assert (beds["available"], beds["maximum"], beds["unit"]["name"]) == (3, 12, "bed")
    assert "capacities" not in service_named(package, "Hidden shelter")


def test_drafts_stay_out_of_the_export(directory, tmp_path):
    names = {service["name"] for service in exported(tmp_path)["services"]}
    assert "Draft shelter" not in names
    assert "Area shelter" in names


def test_export_import_export_loses_nothing(directory, tmp_path):
    first = exported(tmp_path, "first.json")
    forget_everything()
    # Public addresses come back public only with a real authorisation for them.
    call_command("import_hsds", str(tmp_path / "first.json"), acting_user="importer",
                 publish=True, publication_authorized_by="Coalition director")  # fmt: skip
    second = exported(tmp_path, "second.json")
    assert second == first


def test_importing_a_package_again_updates_rather_than_duplicates(directory, tmp_path):
    first = exported(tmp_path, "first.json")
    Shelter.objects.filter(name="Area shelter").update(name="Renamed meanwhile")
    counts = listing_counts()
    call_command("import_hsds", str(tmp_path / "first.json"), acting_user="importer")
    assert listing_counts() == counts
    again = exported(tmp_path, "again.json")
    # The import renamed the listing back: a public change, so its last_modified
    # moves on (a modified_after client must see the name change back); the rest
    # of the package is as it was.
    renamed = next(i for i, s in enumerate(first["services"]) if s["name"] == "Area shelter")
    moved = again["services"][renamed].pop("last_modified")
    assert moved > first["services"][renamed].pop("last_modified")
    assert again == first


def test_listings_imported_with_publish_are_published_and_searchable(directory, tmp_path, api):
    exported(tmp_path, "first.json")
    forget_everything()
    call_command("import_hsds", str(tmp_path / "first.json"), acting_user="importer", publish=True)
    found = api.get("/api/v1/shelters/", {"zip": "78701", "limit": 50}).json()
    assert "Area shelter" in {shelter["name"] for shelter in found["results"]}


def test_an_invalid_package_changes_nothing(directory, tmp_path):
    package = exported(tmp_path)
    package["services"][-1]["status"] = "open-ish"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(package))
    Shelter.objects.filter(name="Area shelter").update(name="Kept")
    counts = listing_counts()
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 of .* records refused"):
        call_command("import_hsds", str(path), acting_user="importer", stdout=out)
    assert "not valid HSDS 3.0: services[0]/status" in out.getvalue()
    assert listing_counts() == counts
    assert Shelter.objects.filter(name="Kept").exists()


def test_a_package_that_fails_halfway_changes_nothing(directory, tmp_path):
    package = exported(tmp_path)
    forget_everything()
    last = package["services"][-1]
    for attribute in last["attributes"]:
        if attribute["taxonomy_term"]["name"] in ("kind", "coverage"):
            attribute["value"] = json.dumps("not-a-kind")
    path = tmp_path / "half.json"
    path.write_text(json.dumps(package))
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 of .* records refused"):
        call_command("import_hsds", str(path), acting_user="importer", stdout=out)
    assert "not-a-kind" in out.getvalue()
    assert listing_counts() == (0, 0, 0, 0)
