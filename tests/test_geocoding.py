"""Listings saved without coordinates are placed from their address: offline by
default, through Nominatim when configured, never sending a confidential
shelter's address anywhere, and never blocked by a slow or failing geocoder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders

from shelters import gazetteer

from .conftest import admin_form_data, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db

ANSWER = {"lat": "30.2711234", "lon": "-97.7422345", "display_name": "A street in Austin"}


class FakeNominatim(BaseHTTPRequestHandler):
    """A local stand-in for a Nominatim server: answers, finds nothing, stalls or fails."""

    behaviour = "answer"
    requests: list[dict] = []

    def do_GET(self):
        FakeNominatim.requests.append(
            {"path": urlparse(self.path).path, "query": parse_qs(urlparse(self.path).query),
             "agent": self.headers.get("User-Agent")}
        )  # fmt: skip
        if self.behaviour == "slow":
            time.sleep(2)
        if self.behaviour == "error":
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps([ANSWER] if self.behaviour == "answer" else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(settings):
    FakeNominatim.behaviour, FakeNominatim.requests = "answer", []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_USER_AGENT = "shelter-directory-tests"
    settings.GEOCODER_TIMEOUT = 0.5
    settings.GEOCODER_MIN_INTERVAL = 0  # pacing has its own test (test_geocoder_is_bounded)
    yield FakeNominatim
    server.shutdown()
    server.server_close()


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("coalition", "c@example.org", "x" * 16))
    return client


def save_in_admin(client, listing, **changes):
    """Open the listing's change page, change what is given, save; the page after."""
    url = f"/admin/shelters/{listing._meta.model_name}/{listing.pk}/change/"
    form = admin_form_data(client.get(url))
    form.update(changes)
    response = client.post(url, form, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    listing.refresh_from_db()
    return response.content.decode()


def clinic_without_point(**fields):
    return make_medical_service(street_address="1100 Congress Ave", postal_code="78701",
                                latitude=None, longitude=None, **fields)  # fmt: skip


def zip_centre(zip_code: str):
    return gazetteer.lookup_zip(zip_code).point


def test_by_default_a_listing_is_placed_at_its_zip_centre_offline(admin_client):
    clinic = clinic_without_point()
    page = save_in_admin(admin_client, clinic)
    assert clinic.point == zip_centre("78701")
    assert clinic.point_source == "zip"
    assert "ZIP code centre" in page


def test_a_public_address_is_geocoded_through_nominatim(admin_client, nominatim):
    clinic = clinic_without_point()
    page = save_in_admin(admin_client, clinic)
    assert (clinic.latitude, clinic.longitude) == (30.2711234, -97.7422345)
    assert clinic.point_source == "address"
    assert "Street address" in page
    [request] = nominatim.requests
    assert request["path"] == "/search"
    assert request["query"]["street"] == ["1100 Congress Ave"]
    assert request["agent"] == "shelter-directory-tests"


@pytest.mark.parametrize("disclosure", ["area", "hidden"])
def test_a_confidential_shelters_address_never_reaches_the_geocoder(
    admin_client, nominatim, disclosure
):
    shelter = make_shelter(location_disclosure=disclosure, street_address="5 Quiet Lane",
                           postal_code="78702", latitude=None, longitude=None)  # fmt: skip
    save_in_admin(admin_client, shelter)
    assert nominatim.requests == []
    assert shelter.point == zip_centre("78702")
    assert shelter.point_source == "zip"


@pytest.mark.parametrize("behaviour", ["slow", "error", "nothing"])
def test_a_slow_or_failing_geocoder_never_blocks_the_save(admin_client, nominatim, behaviour):
    nominatim.behaviour = behaviour
    clinic = clinic_without_point()
    page = save_in_admin(admin_client, clinic, name="Renamed clinic")
    assert clinic.name == "Renamed clinic"
    assert clinic.point == zip_centre("78701")
    assert clinic.point_source == "zip"
    assert "geocoder did not" in page
    assert "enter coordinates by hand" in page.lower() or behaviour == "nothing"


def test_coordinates_entered_by_hand_are_kept_and_marked(admin_client, nominatim):
    clinic = clinic_without_point()
    save_in_admin(admin_client, clinic, latitude="30.2500001", longitude="-97.7500001")
    assert (clinic.latitude, clinic.longitude) == (30.2500001, -97.7500001)
    assert clinic.point_source == "manual"
    assert nominatim.requests == []


def test_a_new_address_moves_a_geocoded_point_but_not_a_hand_placed_one(admin_client):
    clinic = clinic_without_point()
    save_in_admin(admin_client, clinic)
    save_in_admin(admin_client, clinic, postal_code="78745")
    assert clinic.point == zip_centre("78745")

    save_in_admin(admin_client, clinic, latitude="30.2", longitude="-97.8")
    save_in_admin(admin_client, clinic, postal_code="78701")
    assert (clinic.latitude, clinic.longitude, clinic.point_source) == (30.2, -97.8, "manual")


def test_a_listing_nobody_can_place_says_so(admin_client):
    clinic = make_medical_service(city="Nowhere Special", postal_code="", latitude=None,
                                  longitude=None)  # fmt: skip
    page = save_in_admin(admin_client, clinic)
    assert clinic.point is None
    assert "enter the coordinates by hand" in page


def test_the_change_form_draws_its_map_with_our_own_leaflet(admin_client):
    shelter = make_shelter()
    page = admin_client.get(f"/admin/shelters/shelter/{shelter.pk}/change/").content.decode()
    assert 'class="location-map"' in page
    assert "/static/leaflet/leaflet.js" in page
    assert "/static/shelters/location_map.js" in page
    assert "unpkg" not in page and "cdn" not in page.lower()
    for asset in ("leaflet/leaflet.js", "leaflet/leaflet.css", "shelters/location_map.js"):
        assert finders.find(asset), asset


def test_nominatim_without_a_user_agent_is_refused_at_start_up():
    environment = {**os.environ, "GEOCODER": "nominatim", "GEOCODER_USER_AGENT": "",
                   "DJANGO_SETTINGS_MODULE": "directory.settings_test"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "GEOCODER_USER_AGENT" in result.stderr
