"""Characters that Python reads more loosely than PostgreSQL, or than its own
int(), are a 400 naming the parameter on every public surface, never a 500.

An independent review found each of these a 500 on PostgreSQL: a NUL byte in the
HSDS `search` (PostgreSQL text refuses NUL), an HSDS number ending in one of the
information separators \\x1c-\\x1f (str.strip removes them, int() does not), a
public page `offset` of Unicode digits ("²".isdigit() is true, int("²") fails),
and a CR/LF or NUL in the schema's `version` (copied into a response header)."""

from __future__ import annotations

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def listing(db):
    make_shelter(name="Austin House")


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/hsds/services?search=%00", "search"),
        ("/hsds/organizations?search=a%00", "search"),
        ("/hsds/service_at_locations?search=%00", "search"),
        ("/hsds/service_at_locations?postcode=78701&search=%00", "search"),
        ("/hsds/services?per_page=10%1F", "per_page"),
        ("/hsds/organizations?page=1%1C", "page"),
        ("/hsds/taxonomy_terms?page=1%1D", "page"),
        ("/hsds/service_at_locations?postcode=78701&proximity=5000%1E", "proximity"),
    ],
)
def test_hsds_parameters_with_nul_or_separators_are_a_400(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [parameter]


@pytest.mark.parametrize("offset", ["%C2%B2", "%E2%91%A0", "%D9%A1%D9%A0", "%EF%BC%91%EF%BC%90"])
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_a_page_offset_in_non_ascii_digits_is_a_400(client, offset, prefix):
    response = client.get(f"{prefix}/?place=78701&offset={offset}")
    assert response.status_code == 400
    assert response.context["errors"]


def test_a_page_offset_in_ascii_digits_still_works(client):
    assert client.get("/?place=78701&offset=0").status_code == 200


@pytest.mark.parametrize("version", ["a%0D%0Ab", "%00", "1.0.0"])
def test_the_schema_ignores_a_version_parameter(client, version):
    response = client.get(f"/api/schema/?version={version}")
    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"]
    assert "\x00" not in response["Content-Disposition"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/schema/"])
def test_the_schema_pages_answer_only_get_and_head(client, url):
    assert client.options(url).status_code == 405
    assert client.head(url).status_code == 200
