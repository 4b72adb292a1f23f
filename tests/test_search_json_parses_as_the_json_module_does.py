"""The search reads JSON from the database with orjson; every document gives the
value json.loads (and JSONField.from_db_value) would give, including those orjson
refuses: integers past 64 bits, lone surrogates."""

from __future__ import annotations

import json

from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from shelters import listing_search
from shelters.models import Shelter

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(DOCUMENTS, st.booleans())
def test_parse_json_gives_json_loads_value(document, as_bytes):
    text = json.dumps(document, ensure_ascii=False)
    raw = text.encode("utf-8", "surrogatepass") if as_bytes else text
    assert listing_search.parse_json(raw) == json.loads(raw)


@given(DOCUMENTS)
def test_the_json_column_converter_gives_from_db_values_value(document):
    field = Shelter._meta.get_field("languages")
    convert = listing_search._json_converter(field)
    for raw in (json.dumps(document), None, "not JSON"):
        expected = field.from_db_value(raw, field.cached_col, connection)
        assert convert(raw, field.cached_col, connection) == expected


def test_an_integer_past_64_bits_stays_an_integer():
    for text in ("-9223372036854775809", "[-99999999999999999999999]", "18446744073709551616",
                 "[99999999999999999999999]", '{"a": 1e400}'):  # fmt: skip
        assert listing_search.parse_json(text) == json.loads(text)
        assert type(listing_search.parse_json(text)) is type(json.loads(text))


def test_a_lone_surrogate_is_read_as_json_reads_it():
    text = '["\\ud800", 18446744073709551616]'
    assert listing_search.parse_json(text) == json.loads(text) == ["\ud800", 2**64]
