"""Finding 8 of issue 10: the bed availability feed does no work that grows with
the directory. Each region's feed is generated off the request path (by
refresh_snapshots, as snapshots are) and served as stored bytes with their ETag;
a bed report, which is an UPDATE and sends no signal, marks it stale explicitly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shelters import availability, feeds
from shelters.models import AvailabilityFeed, Shelter

from .conftest import make_shelter

pytestmark = pytest.mark.django_db

LISTING_TABLES = ("shelters_shelter", "shelters_medicalservice", "shelters_hotline")


def listing_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if any(table in q["sql"] for table in LISTING_TABLES)]


def test_a_feed_request_reads_no_listing_table(client, sample_data):
    call_command("refresh_snapshots", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        national = client.get("/api/v1/availability/?region=US")
        state = client.get("/api/v1/availability/?region=TX")
        empty = client.get("/api/v1/availability/?region=AK")
        again = client.get("/api/v1/availability/?region=TX", HTTP_IF_NONE_MATCH=state["ETag"])
    assert [r.status_code for r in (national, state, empty, again)] == [200, 200, 200, 304]
    assert listing_reads(queries) == [], listing_reads(queries)
    assert len(queries) <= 8  # a fixed handful (the throttle, one feed row): not per listing
    assert national.json()["shelters"] and state.json()["region"] == "TX"
    assert empty.json() == {"region": "AK", "shelters": []}
    assert "max-age=60" in state["Cache-Control"] and "public" in state["Cache-Control"]


def test_a_bed_report_shows_in_the_feed_after_a_refresh(client, django_user_model):
    shelter = make_shelter(beds_total=10, beds_available=3, beds_updated_at=timezone.now())
    call_command("refresh_snapshots", verbosity=0)
    before = client.get("/api/v1/availability/?region=TX")
    assert before.json()["shelters"] == [
        {**before.json()["shelters"][0], "id": shelter.pk, "beds_available": 3}
    ]
    user = django_user_model.objects.create_user("reporter", password="a-long-pass-phrase")
    availability.report_beds(shelter.pk, user, change=-1)
    assert set(AvailabilityFeed.objects.filter(stale=True).values_list("region", flat=True)) == {
        "TX",
        "US",
    }
    call_command("refresh_snapshots", verbosity=0)
    for region in ("TX", "US"):
        after = client.get(f"/api/v1/availability/?region={region}")
        assert after.json()["shelters"][0]["beds_available"] == 2, region
        assert after["ETag"] != before["ETag"]
        stale_etag = client.get(
            f"/api/v1/availability/?region={region}", HTTP_IF_NONE_MATCH=before["ETag"]
        )
        assert stale_etag.status_code == 200


def test_a_count_leaving_the_window_is_regenerated_without_an_edit(client, settings):
    settings.AVAILABILITY_MAX_AGE_HOURS = 24
    reported = timezone.now() - timedelta(hours=24) + timedelta(minutes=1)
    make_shelter(beds_total=10, beds_available=3, beds_updated_at=reported)
    call_command("refresh_snapshots", verbosity=0)
    feed = AvailabilityFeed.objects.get(region="TX")
    assert feed.expires_at == reported + timedelta(hours=24)
    assert client.get("/api/v1/availability/?region=TX").json()["shelters"][0]["beds_available"]
    # A minute and more passes (moved back instead: an UPDATE, which marks nothing).
    passed = timedelta(minutes=2)
    Shelter.objects.update(beds_updated_at=reported - passed)
    AvailabilityFeed.objects.update(expires_at=feed.expires_at - passed)
    assert not AvailabilityFeed.objects.filter(stale=True).exists()
    assert "TX" in feeds.refresh()
    row = client.get("/api/v1/availability/?region=TX").json()["shelters"][0]
    assert row["beds_available"] is None
    assert AvailabilityFeed.objects.get(region="TX").expires_at is None
    assert feeds.refresh() == []  # nothing current left to expire


def test_before_the_first_refresh_the_feed_answers_503_and_generates_nothing(client):
    make_shelter(beds_total=10, beds_available=3, beds_updated_at=timezone.now())
    response = client.get("/api/v1/availability/?region=TX")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0 and "no-store" in response["Cache-Control"]
    assert not AvailabilityFeed.objects.exclude(version=feeds.PENDING).exists()
