"""Open Referral's own HSDS 3.0 examples (tests/fixtures/hsds, CC BY-SA 4.0): as
published they describe a service outside the US and are refused record by
record, changing nothing; edited to a US address and phone they load with their
schedules, phones, languages and service areas."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.core.management import CommandError

from shelters.models import Hotline, HotlineArea, Organization, Shelter

from .conftest import run_import_hsds

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).parent / "fixtures" / "hsds"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Shelter, Hotline, HotlineArea, Organization))


@pytest.mark.parametrize("name", ["service_full", "service_list", "organization_full"])
def test_the_published_examples_are_refused_with_reasons(importer, name, tmp_path):
    before = counts()
    report = tmp_path / "report.json"
    with pytest.raises(CommandError, match="1 of 1 records refused"):
        run_import_hsds(EXAMPLES / f"{name}.json", type="shelter", report_json=str(report))
    [outcome] = json.loads(report.read_text())["outcomes"]
    assert (outcome["id"], outcome["name"]) == (SERVICE_ID, "Community Counselling")
    assert outcome["action"] == "refused"
    assert outcome["reason"].startswith("no US address")
    if name != "service_list":  # the list's service carries no location at all
        assert "'MyState' is not a US state" in outcome["reason"]
        assert "'ABC 1234' is not a US ZIP code" in outcome["reason"]
        assert "latitude 100 is out of range" in outcome["reason"]
    assert counts() == before


def in_the_us(service: dict) -> dict:
    """The example with a US address, point, phone and a GeoJSON area naming a county."""
    service = copy.deepcopy(service)
    for phone in service["phones"]:
        phone["number"] = "+1 512-555-0175"
    location = service["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 30.2672, -97.7431
    address = location["addresses"][0]
    address.update(address_1="1 Main Street", city="Austin", region="Travis County",
                   state_province="TX", postal_code="78701", country="US")  # fmt: skip
    feature = {"type": "Feature", "geometry": None,
               "properties": {"STUSPS": "TX", "NAMELSAD": "Travis County"}}  # fmt: skip
    service["service_areas"][0]["extent"] = json.dumps(feature)
    return service


def test_the_example_service_in_the_us_loads_as_a_shelter(importer, tmp_path):
    path = tmp_path / "service.json"
    path.write_text(json.dumps(in_the_us(example("service_full"))))
    printed = run_import_hsds(path, type="shelter")
    assert "a single HSDS service" in printed
    shelter = Shelter.objects.get(hsds_id=SERVICE_ID)
    assert shelter.status == "draft"
    assert shelter.location_disclosure == "area"  # no authorisation given
    assert (shelter.street_address, shelter.city, shelter.state, shelter.postal_code) == (
        "1 Main Street", "Austin", "TX", "78701")  # fmt: skip
    assert (shelter.latitude, shelter.longitude) == (30.2672, -97.7431)
    assert shelter.languages == ["ur"]
    assert str(shelter.last_verified) == "2005-01-01"
    assert shelter.organization.name == "Example Organization Inc."
    [phone] = shelter.phones.all()
    assert phone.number == "+1 512-555-0175"
    assert phone.hours.startswith("Extension 100. Our main reception phone number.")
    hours = sorted((h.weekday, str(h.opens), str(h.closes)) for h in shelter.hours.all())
    assert hours == [(3, "10:00:00", "18:00:00"), (4, "10:00:00", "18:00:00")]  # TH,FR
    assert "service areas not kept" in printed  # said, not silently dropped
    assert "url 'http://example.com/counselling' not kept" in printed


def test_the_example_service_in_the_us_loads_as_a_hotline_with_its_area(importer, tmp_path):
    path = tmp_path / "page.json"
    page = example("service_list")
    page["contents"] = [in_the_us(example("service_full"))]
    path.write_text(json.dumps(page))
    printed = run_import_hsds(path, type="hotline")
    assert "an HSDS API page (contents)" in printed
    hotline = Hotline.objects.get(hsds_id=SERVICE_ID)
    assert hotline.coverage == "regional"
    assert [(a.state, a.county, a.postal_code) for a in hotline.areas.all()] == [
        ("TX", "Travis County", "")
    ]
    [channel] = hotline.channels.all()
    assert (channel.kind, channel.number, channel.languages) == ("voice", "+1 512-555-0175", ["ur"])
    assert sorted(h.weekday for h in channel.hours.all()) == [3, 4]
    assert hotline.languages == ["ur"]


def test_the_example_organisation_in_the_us_loads_its_service(importer, tmp_path):
    organization = example("organization_full")
    organization["services"] = [in_the_us(organization["services"][0])]
    organization["phones"][0]["number"] = "+1 512-555-0100"
    path = tmp_path / "organization.json"
    path.write_text(json.dumps(organization))
    printed = run_import_hsds(path, type="shelter")
    assert "a single HSDS organisation with its services" in printed
    shelter = Shelter.objects.get(hsds_id=SERVICE_ID)
    assert str(shelter.organization.hsds_id) == organization["id"]
    assert shelter.organization.phone == "+1 512-555-0100"
    assert shelter.organization.website == "http://example.com"
    assert shelter.phones.get().number == "+1 512-555-0175"
    assert shelter.hours.count() == 2
