"""Snapshots for on-device search: fetched once, kept fresh with 304s, ranked on the
phone exactly as the server ranks, never holding a confidential shelter's location."""

from __future__ import annotations

import gzip
import json
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from examples import offline_search
from shelters import snapshots
from shelters.models import Shelter, Snapshot

from .conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


def fetch(client, region="TX", **headers):
    """A download after the refresher (refresh_snapshots --watch) has run."""
    snapshots.refresh()
    return client.get(f"/api/v1/snapshots/{region}/", **headers)


def test_a_state_snapshot_has_the_state_and_hotlines_touching_it(client, sample_data):
    body = fetch(client).json()
    assert body["format"] == "shelter-directory-snapshot/1"
    assert body["region"] == "TX"
    assert body["version"] and body["generated_at"]
    assert {s["address"]["state"] for s in body["shelters"]} == {"TX"}
    assert {m["address"]["state"] for m in body["medical_services"]} == {"TX"}
    assert len(body["shelters"]) == Shelter.objects.filter(state="TX", status="published").count()
    names = {h["name"] for h in body["hotlines"]}
    assert "Texas Family Violence Line (fictional sample)" in names
    assert "National Domestic Violence Hotline" in names
    assert (
        "Ohio" not in " ".join(names)
        and "Illinois Family Violence Line (fictional sample)" not in names
    )


def test_second_conditional_request_is_a_304_with_no_body(client, sample_data):
    first = fetch(client)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and not first["ETag"].startswith("W/")
    # Revalidated on every use, so a listing made confidential leaves shared caches
    # with the next snapshot.
    assert set(first["Cache-Control"].split(", ")) == {"public", "no-cache"}
    assert first["Last-Modified"]
    again = fetch(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_gzip_is_served_to_clients_that_accept_it(client, sample_data):
    plain = fetch(client)
    packed = fetch(client, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert packed["ETag"] != plain["ETag"]
    assert (
        fetch(client, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"]).status_code
        == 304
    )


def test_on_device_ranking_matches_the_server(client, sample_data):
    snapshot = fetch(client).json()
    rng = random.Random(5)
    for _ in range(25):
        lat, lon = rng.uniform(25.8, 36.5), rng.uniform(-106.6, -93.5)
        for query, where in (("", None), ("&accepts_pets=true", lambda s: s["accepts_pets"])):
            served = client.get(
                f"/api/v1/shelters/?lat={lat}&lon={lon}&state=TX&limit=10{query}"
            ).json()["results"]
            local = offline_search.rank(snapshot["shelters"], lat, lon, limit=10, where=where)
            assert [(s["id"], s["distance_km"]) for s in local] == [
                (s["id"], s["distance_km"]) for s in served
            ]


def test_no_snapshot_holds_a_confidential_shelters_true_location(client, sample_data):
    secret = make_shelter(location_disclosure="area", street_address="742 Secret Lane",
                          latitude=30.3312, longitude=-97.7001, postal_code="78756")  # fmt: skip
    hidden = make_shelter(location_disclosure="hidden", street_address="9 Hidden Court",
                          latitude=29.7001, longitude=-95.3999)  # fmt: skip
    for region in ("TX", "US"):
        text = fetch(client, region).content.decode()
        assert "742 Secret Lane" not in text and "9 Hidden Court" not in text
        listed = {s["id"]: s for s in json.loads(text)["shelters"]}
        assert listed[secret.pk]["location"]["approximate"] is True
        assert (listed[secret.pk]["location"]["lat"], listed[secret.pk]["location"]["lon"]) == (
            secret.public_latitude, secret.public_longitude,
        )  # fmt: skip
        assert secret.public_point != secret.point
        assert listed[secret.pk]["address"]["postal_code"] is None
        assert listed[secret.pk]["address"]["street"] is None
        assert listed[hidden.pk]["location"] is None
        assert listed[hidden.pk]["address"]["county"] is None
        for shelter in listed.values():
            if shelter["location_disclosure"] != "public":
                assert shelter["address"]["street"] is None
    for shelter in Shelter.objects.exclude(location_disclosure="public"):
        assert shelter.street_address not in fetch(client, "US").content.decode()


def test_a_listing_change_regenerates_its_region_and_the_nation_only(client, sample_data):
    tx, ca, us = (fetch(client, r)["ETag"] for r in ("TX", "CA", "US"))
    ca_generated = Snapshot.objects.get(region="CA").generated_at
    shelter = Shelter.objects.filter(state="TX").first()
    shelter.name = "Renamed House (fictional sample)"
    shelter.save()
    assert Snapshot.objects.get(region="TX").stale
    assert not Snapshot.objects.get(region="CA").stale
    assert fetch(client, "TX", HTTP_IF_NONE_MATCH=tx).status_code == 200
    assert "Renamed House" in fetch(client, "TX").content.decode()
    assert fetch(client, "US", HTTP_IF_NONE_MATCH=us).status_code == 200
    assert fetch(client, "CA", HTTP_IF_NONE_MATCH=ca).status_code == 304
    assert Snapshot.objects.get(region="CA").generated_at == ca_generated


def test_phones_hotlines_and_moves_mark_snapshots_stale(client, sample_data):
    for region in ("TX", "CA"):
        fetch(client, region)
    shelter = Shelter.objects.filter(state="TX").first()
    shelter.phones.update()  # no signal: nothing changes
    phone = shelter.phones.first()
    phone.number = "512-555-0177"
    phone.save()
    assert Snapshot.objects.get(region="TX").stale and not Snapshot.objects.get(region="CA").stale
    fetch(client, "TX")
    shelter.state, shelter.city, shelter.county, shelter.postal_code = "CA", "Los Angeles", "", ""
    shelter.save()
    assert Snapshot.objects.get(region="TX").stale and Snapshot.objects.get(region="CA").stale
    fetch(client, "TX"), fetch(client, "CA")
    make_hotline(name="New national line")
    assert Snapshot.objects.filter(stale=True).count() == Snapshot.objects.count()


def test_snapshot_list_names_each_region_with_listings(client, sample_data):
    snapshots.refresh()
    body = client.get("/api/v1/snapshots/").json()
    regions = [item["region"] for item in body["snapshots"]]
    assert regions[0] == "US"
    assert {"TX", "CA", "IL", "NY", "GA", "WA", "MT", "KY"} <= set(regions)
    tx = next(item for item in body["snapshots"] if item["region"] == "TX")
    assert tx["url"].endswith("/api/v1/snapshots/TX/")
    assert tx["version"] == fetch(client).json()["version"]
    assert 0 < tx["gzip_bytes"] < tx["size_bytes"]


def test_unknown_region_is_404(client):
    assert client.get("/api/v1/snapshots/ZZ/").status_code == 404


def test_availability_feed(client):
    fresh = make_shelter(beds_total=10, beds_available=3, beds_updated_at=timezone.now())
    stale = make_shelter(beds_total=10, beds_available=3,
                         beds_updated_at=timezone.now() - timezone.timedelta(days=3))  # fmt: skip
    make_shelter(state="OH", city="Columbus", postal_code="43215")
    call_command("refresh_snapshots", verbosity=0)  # as the refresher beside gunicorn does
    response = client.get("/api/v1/availability/?region=TX")
    assert response.status_code == 200
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    body = response.json()
    rows = {row["id"]: row for row in body["shelters"]}
    assert set(rows) == {fresh.pk, stale.pk}
    assert rows[fresh.pk]["beds_available"] == 3
    assert rows[stale.pk]["beds_available"] is None
    again = client.get("/api/v1/availability/?region=TX", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/api/v1/availability/").status_code == 400
    assert client.get("/api/v1/availability/?region=TX&lat=1").status_code == 400


@pytest.mark.django_db(transaction=True)
def test_reference_client_downloads_refreshes_and_ranks_over_http(live_server, tmp_path):
    call_command("load_sample_data", verbosity=0)
    call_command("refresh_snapshots", verbosity=0)
    store = offline_search.SnapshotStore(live_server.url, tmp_path)
    first = store.snapshot("TX")
    etag = (tmp_path / "TX.etag").read_text()
    second = store.snapshot("TX")  # answered 304: the stored copy is used
    assert second == first and (tmp_path / "TX.etag").read_text() == etag
    beds = store.availability("TX")
    nearest = offline_search.rank(first["shelters"], 30.2713, -97.7426, limit=5)
    assert len(nearest) == 5 and all(s["id"] in beds for s in nearest)


def test_national_snapshot_of_a_full_directory_is_well_under_a_megabyte(client, settings):
    """2,000 shelters, 6,000 medical services and 500 hotlines, as the issue sizes it."""
    from shelters import privacy, synthetic
    from shelters.models import MedicalService, Organization, ShelterPhone

    organization = Organization.objects.create(name="Synthetic Organization (fictional)")
    shelters, services = [], []
    for row in synthetic.generate(20_000, seed=9, now=timezone.now()):
        target = shelters if row.is_shelter else services
        if len(target) < (2000 if row.is_shelter else 6000):
            model = Shelter if row.is_shelter else MedicalService
            target.append(model(organization=organization, **row.fields))
    Shelter.objects.bulk_create(shelters, batch_size=1000)
    MedicalService.objects.bulk_create(services, batch_size=1000)
    ShelterPhone.objects.bulk_create(
        ShelterPhone(shelter=s, type="intake", number=f"555-01{s.pk % 100:02d}") for s in shelters
    )
    for index in range(500):
        make_hotline(name=f"Synthetic line {index}", organization=organization,
                     areas=[("TX", "", "")] if index % 2 else (),
                     channels=[("voice", "555-0100"), ("text", "55501"), ("chat", "")])  # fmt: skip
    assert privacy  # public fields were derived by synthetic.generate
    packed = fetch(client, "US", HTTP_ACCEPT_ENCODING="gzip")
    size = len(packed.content)
    print(f"national snapshot: {len(gzip.decompress(packed.content)):,} bytes, {size:,} gzipped")
    assert size < 1_000_000 * 0.8
