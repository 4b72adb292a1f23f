"""A bed report's If-Match is read as HTTP says (RFC 9110): `*` matches any current
count, a list matches when one of its tags does, a weak tag never matches; and an
out-of-range change is refused under `change`, the field that was sent."""

import pytest

from .conftest import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(api, cast):
    shelter = cast["listings"]["Ours"]["shelter"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(cast['advocate'])}")
    return api, f"/api/v1/shelters/{shelter.pk}/availability/", shelter


def test_if_match_star_sets_the_count(reporter):
    api, url, shelter = reporter
    done = api.patch(url, {"beds_available": 5}, format="json", HTTP_IF_MATCH="*")
    assert done.status_code == 200
    shelter.refresh_from_db()
    assert shelter.beds_available == 5


def test_a_list_matches_when_one_of_its_tags_does(reporter):
    api, url, shelter = reporter
    current = api.get(url)["ETag"]
    header = f'"beds-old-1", {current}'
    assert (
        api.patch(url, {"beds_available": 4}, format="json", HTTP_IF_MATCH=header).status_code
        == 200
    )
    stale = api.patch(url, {"beds_available": 3}, format="json", HTTP_IF_MATCH=header)
    assert stale.status_code == 412
    shelter.refresh_from_db()
    assert shelter.beds_available == 4


@pytest.mark.parametrize("header", ["W/{tag}", "not an etag", ""])
def test_a_weak_or_malformed_tag_never_matches(reporter, header):
    api, url, shelter = reporter
    tag = api.get(url)["ETag"]
    refused = api.patch(
        url, {"beds_available": 5}, format="json", HTTP_IF_MATCH=header.format(tag=tag)
    )
    assert refused.status_code == 412
    shelter.refresh_from_db()
    assert shelter.beds_available == 2


def test_a_change_below_zero_is_refused_under_change(reporter):
    api, url, shelter = reporter
    refused = api.patch(url, {"change": -100}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["change"]
    shelter.refresh_from_db()
    assert shelter.beds_available == 2
