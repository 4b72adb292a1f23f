"""PRIVACY.md states what the code does; these checks keep the two together."""

import socket
from pathlib import Path

import pytest

from shelters.redaction import LOGGABLE_PARAMETERS, SEARCH_PARAMETERS

from .conftest import make_shelter

PRIVACY = (Path(__file__).resolve().parent.parent / "PRIVACY.md").read_text()


def test_every_redacted_parameter_is_named():
    for parameter in SEARCH_PARAMETERS:
        assert f"`{parameter}`" in PRIVACY, parameter


def test_no_location_parameter_is_ever_logged_in_the_clear():
    assert not LOGGABLE_PARAMETERS & SEARCH_PARAMETERS
    assert not LOGGABLE_PARAMETERS & {"lat", "lon", "zip", "city", "county", "postal_code", "q"}


def test_the_documented_defaults_are_the_real_ones(settings):
    assert settings.DEFAULT_PUBLIC_THROTTLE_RATE == "120/min"
    assert "120 by default" in PRIVACY
    assert settings.DEFAULT_LOCATION_GRID_KM == 10
    assert "about 10 km" in PRIVACY


@pytest.mark.django_db
def test_saving_and_searching_open_no_outbound_connection(client, monkeypatch):
    """No geocoder or other outside service is called, for any disclosure level.
    (The database driver talks to PostgreSQL through libpq, not Python sockets.)"""

    def refuse(*args, **kwargs):
        raise AssertionError(f"outbound connection attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for level in ("public", "area", "hidden"):
        make_shelter(location_disclosure=level, latitude=None, longitude=None,
                     street_address="742 Secret Lane")  # fmt: skip
    assert client.get("/api/v1/shelters/?zip=78701").status_code == 200
    assert client.get("/api/v1/hotlines/?lat=30.27&lon=-97.74").status_code == 200
