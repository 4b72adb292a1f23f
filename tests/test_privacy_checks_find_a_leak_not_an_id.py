"""The privacy tests' `shows` finds a confidential value wherever it is shown as a
value, and not inside a random HSDS id whose hex digits happen to contain it."""

from __future__ import annotations

import json

import pytest

from .conftest import shows


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (json.dumps({"postal_code": "78702"}), "78702"),
        (json.dumps({"address_1": "41 Confidential Row, Austin TX 78702"}), "78702"),
        (json.dumps({"postal_code": "78702-1234"}), "78702"),
        (json.dumps({"zip": 78702}), "78702"),
        ("postal_code=78702&x=1", "78702"),
        (json.dumps({"location": {"latitude": 30.2634567}}), "30.2634567"),
        (json.dumps({"longitude": -97.7212345}), "-97.7212345"),
        (json.dumps({"address_1": "41 Confidential Row"}), "41 Confidential Row"),
    ],
)
def test_a_shown_value_is_found(text, secret):
    assert shows(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"id": "0c4f7870-2a11-4e0b-9f78-70278702abcd"}),
        json.dumps({"id": "a78702f1-0000-4000-8000-000000000000"}),
        json.dumps({"id": "12345678-1234-4234-8234-123478702345"}),
        json.dumps({"latitude": 30.2787021}),
    ],
)
def test_digits_inside_an_id_or_another_number_are_not_a_leak(text):
    assert not shows(text, "78702")
