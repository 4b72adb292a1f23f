"""The public page's phone lines: the "Someone to talk to" search lists them in
coverage's order, as the API does (the ZIP's lines, its county's, its state's,
then national), and the few lines above shelters always hold a national
domestic-violence line, where "988 Suicide & Crisis Lifeline" took its place."""

from __future__ import annotations

import re

import pytest

from .conftest import make_hotline

pytestmark = pytest.mark.django_db

LINES_ABOVE = re.compile(r"<h3>Phone lines for this area</h3>(.*?)<h3>", re.S)


def names_in_order(html: str, names: list[str]) -> list[str]:
    return sorted((name for name in names if name in html), key=html.index)


def test_the_hotline_search_lists_them_as_the_api_does(client, api):
    state = make_hotline(name="A Texas Line", areas=[("TX", "", "")])
    county = make_hotline(name="B Travis Line", areas=[("TX", "Travis County", "")])
    by_zip = make_hotline(name="C Downtown Line", areas=[("TX", "", "78701")])
    national = make_hotline(name="0 National Line")
    html = client.get("/?place=78701&type=hotlines").content.decode()
    from_api = [h["name"] for h in api.get("/api/v1/hotlines/?zip=78701").json()["results"]]
    expected = [by_zip.name, county.name, state.name, national.name]
    assert from_api == expected
    assert names_in_order(html, expected) == expected


def test_the_lines_above_shelters_hold_a_national_dv_line(client, sample_data):
    html = client.get("/?place=78701").content.decode()
    (block,) = LINES_ABOVE.findall(html)
    assert "National Domestic Violence Hotline" in block
    assert "988 Suicide" not in block
    assert "Travis County Crisis Line" in block  # the local line still comes first
    assert block.index("Travis County Crisis Line") < block.index("National Domestic")
