"""`manage.py bench_search` (make bench's database figures) times a search that
reaches the time limit as it happened and counts it, rather than ending the run:
on a machine that pages out an idle database, the first reads can reach it."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from shelters import listing_search

pytestmark = pytest.mark.django_db


def test_searches_stopped_at_the_time_limit_are_counted(monkeypatch):
    real_search = listing_search.search
    calls = {"n": 0}

    def every_third_stopped(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] % 3 == 0:
            raise listing_search.SearchTooSlow
        return real_search(*args, **kwargs)

    monkeypatch.setattr(listing_search, "search", every_third_stopped)
    out = io.StringIO()

    call_command("bench_search", "--samples", "6", "--json", stdout=out)

    figures = json.loads(out.getvalue())
    searched = {n: f for n, f in figures.items() if n.startswith(("search: ", "page only: "))}
    assert len(searched) == 8
    # Each case makes 20 warm-up calls, then 6 timed ones: six calls in a row, two
    # of them a multiple of three.
    for name, f in searched.items():
        assert (f["samples"], f["time_limit_reached"]) == (6, 2), name
    assert figures["nearest(): nearest-10"]["time_limit_reached"] == 0
