"""The SQL form of hotline coverage folds a hotline area's stored county as the
Python form does: an advocate who typed "Harris  County" or "DOÑA ANA" covers
the same callers in the staff console, the public page and the snapshots
(SQL) as in the API's in-memory directory (Python)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelters import coverage, hotline_directory, public, selectors
from shelters.models import Hotline, HotlineArea

from .conftest import make_hotline

pytestmark = pytest.mark.django_db


def _both_forms(area: coverage.Area) -> tuple[list[str], list[str]]:
    in_sql = coverage.hotlines_covering(selectors.public_hotlines(), area)
    in_python = hotline_directory.for_area(area)
    return [public.hotline(h)["name"] for h in in_sql], [h["name"] for h in in_python]


@pytest.mark.parametrize(
    ("stored", "searched"),
    [
        ("Harris  County", "Harris County"),
        ("harris county ", "Harris"),
        ("HARRIS", "harris county"),
        ("Doña Ana County", "DOÑA ANA"),
        ("DOÑA ANA", "Doña Ana County"),
        ("Straße", "STRASSE"),
    ],
)
def test_a_stored_county_is_matched_as_it_folds(stored, searched):
    make_hotline(name="County line", areas=[("NM", stored, "")])
    area = coverage.Area("NM", searched)
    in_sql, in_python = _both_forms(area)
    assert "County line" in in_python
    assert in_sql == in_python


def test_the_console_finds_a_hotline_listed_under_a_folded_spelling():
    make_hotline(name="County line", areas=[("NM", "Doña  Ana county", "")])
    listed = coverage.hotlines_listing_area(Hotline.objects.all(), coverage.Area("NM", "DOÑA ANA"))
    assert [h.name for h in listed] == ["County line"]


_letters = st.sampled_from(["Harris", "harris", "HARRIS", "Doña", "DOÑA", "doña", "Ana", "ANA"])
_spelling = st.builds(
    lambda words, gap, suffix, pad: pad + gap.join(words) + suffix + pad,
    st.lists(_letters, min_size=1, max_size=2),
    st.sampled_from([" ", "  "]),
    st.sampled_from(["", " County", " county", "  COUNTY"]),
    st.sampled_from(["", " "]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stored=_spelling, searched=_spelling)
def test_both_forms_agree_for_any_spelling(stored, searched):
    HotlineArea.objects.all().delete()
    Hotline.objects.all().delete()
    make_hotline(name="County line", areas=[("NM", stored, "")])
    in_sql, in_python = _both_forms(coverage.Area("NM", searched))
    assert in_sql == in_python
    assert ("County line" in in_python) == (
        coverage.fold_county(stored) == coverage.fold_county(searched)
    )


@pytest.mark.parametrize(
    "read", [lambda q: q.only("id", "county"), lambda q: q.defer("county_key")]
)
def test_a_partly_loaded_area_saved_with_a_new_county_is_keyed_again(read):
    make_hotline(name="County line", areas=[("TX", "Harris County", "")])
    area = read(HotlineArea.objects.all()).get()
    area.county = "Bexar"
    area.save()
    assert HotlineArea.objects.values_list("county", "county_key").get() == ("Bexar", "bexar")
    in_sql, in_python = _both_forms(coverage.Area("TX", "Bexar County"))
    assert in_sql == in_python == ["County line"]


def test_a_save_of_the_county_alone_keys_it_again():
    make_hotline(name="County line", areas=[("TX", "Harris County", "")])
    area = HotlineArea.objects.get()
    area.county = "Bexar"
    area.save(update_fields=["county"])
    assert HotlineArea.objects.values_list("county_key", flat=True).get() == "bexar"
