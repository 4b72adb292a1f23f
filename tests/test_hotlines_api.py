"""GET /api/v1/hotlines/: which hotlines cover a caller's place."""

import pytest

from .conftest import make_hotline

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage():
    make_hotline(name="National")
    make_hotline(name="Texas", areas=[("TX", "", "")])
    make_hotline(name="Travis", areas=[("TX", "Travis County", "")])
    make_hotline(name="Harris", areas=[("TX", "Harris County", "")])
    make_hotline(name="ZIP 78701", areas=[("TX", "", "78701")])
    make_hotline(name="Ohio", areas=[("OH", "", "")])


def names(api, query):
    response = api.get(f"/api/v1/hotlines/?{query}")
    assert response.status_code == 200, response.json()
    return [h["name"] for h in response.json()["results"]]


def test_zip_finds_zip_county_state_and_national_hotlines_local_first(api, coverage):
    # The most local first: the ZIP's line, the county's, the state's, then national.
    assert names(api, "zip=78701") == ["ZIP 78701", "Travis", "Texas", "National"]


def test_coordinates_resolve_to_their_county(api, coverage):
    assert names(api, "lat=29.76&lon=-95.37") == ["Harris", "Texas", "National"]


def test_state_finds_every_hotline_in_the_state(api, coverage):
    assert names(api, "state=TX") == ["Harris", "Texas", "Travis", "ZIP 78701", "National"]


def test_state_and_county(api, coverage):
    assert names(api, "state=TX&county=Travis") == ["Travis", "Texas", "National"]


def test_without_location_all_published_hotlines(api, coverage):
    make_hotline(name="Draft", status="draft")
    assert set(names(api, "")) == {"National", "Texas", "Travis", "Harris", "ZIP 78701", "Ohio"}


def test_channel_filters(api):
    make_hotline(name="Voice only", channels=[("voice", "1-800-555-0101")])
    make_hotline(name="Texts", channels=[("voice", "1-800-555-0102"), ("text", "55501")])
    make_hotline(name="Chats", channels=[("chat", "")])
    assert names(api, "text=true") == ["Texts"]
    assert names(api, "chat=true") == ["Chats"]
    assert names(api, "text=false&chat=false") == ["Voice only"]


def test_topic_and_language_filters(api):
    make_hotline(name="DV", topics=["domestic_violence"], languages=["en"])
    make_hotline(name="988", topics=["crisis_suicide"], languages=["en", "es"])
    assert names(api, "topic=crisis_suicide") == ["988"]
    assert names(api, "language=es") == ["988"]


def test_national_hotlines_carry_real_channels(api, sample_data):
    body = api.get("/api/v1/hotlines/?topic=domestic_violence&zip=78701").json()
    ndvh = next(h for h in body["results"] if h["name"] == "National Domestic Violence Hotline")
    numbers = {c["kind"]: c for c in ndvh["channels"]}
    assert numbers["voice"]["dial"] == "+18007997233"
    assert numbers["text"]["number"] == "88788" and numbers["text"]["keyword"] == "START"
    assert numbers["tty_video"]["number"] == "1-800-787-3224"
