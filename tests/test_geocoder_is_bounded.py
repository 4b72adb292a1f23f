"""The geocoder cannot hold a save past one deadline, cannot put a listing at a
wrong or impossible point, and is asked at most once a second (Nominatim's
policy). Real local HTTP servers play the misbehaving geocoder."""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import User

from shelters import gazetteer, geocoding
from shelters.geocoding import Pacer

from .conftest import make_medical_service
from .test_geocoding import save_in_admin

pytestmark = pytest.mark.django_db

AUSTIN = {"lat": "30.2711234", "lon": "-97.7422345", "display_name": "A street in Austin"}


class MisbehavingNominatim(BaseHTTPRequestHandler):
    behaviour = "answer"
    request_times: list[float] = []

    def do_GET(self):
        MisbehavingNominatim.request_times.append(time.monotonic())
        answers = {
            "answer": [AUSTIN],
            "abc": [{**AUSTIN, "lat": "abc"}],
            "no_coordinates": [{"display_name": "Somewhere", "place_id": 1}],
            "zero": [{**AUSTIN, "lat": "0", "lon": "0"}],
            "far_away": [{**AUSTIN, "lat": "47.6", "lon": "-122.3"}],  # Seattle
            "out_of_range": [{**AUSTIN, "lat": "95", "lon": "-97.7"}],
        }
        if self.behaviour == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(15):  # a byte every 2 s: half a minute in all
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(2)
            except OSError:
                pass
            return
        body = json.dumps(answers[self.behaviour]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def geocoder(settings):
    MisbehavingNominatim.behaviour, MisbehavingNominatim.request_times = "answer", []
    server = ThreadingHTTPServer(("127.0.0.1", 0), MisbehavingNominatim)
    server.daemon_threads = True
    server.block_on_close = False  # the trickling handler is not waited for
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_USER_AGENT = "shelter-directory-tests"
    settings.GEOCODER_TIMEOUT = 1.0
    settings.GEOCODER_MIN_INTERVAL = 0
    yield MisbehavingNominatim
    server.shutdown()
    server.server_close()


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("coalition", "c@example.org", "x" * 16))
    return client


def clinic_without_point():
    return make_medical_service(street_address="1100 Congress Ave", postal_code="78701",
                                latitude=None, longitude=None)  # fmt: skip


def test_a_server_trickling_bytes_cannot_hold_the_save_past_the_deadline(
    admin_client, geocoder, settings
):
    geocoder.behaviour = "trickle"
    settings.GEOCODER_TIMEOUT = 3.0  # the default: each 2 s gap is within it
    clinic = clinic_without_point()
    zip_centre = gazetteer.lookup_zip("78701").point  # loads the gazetteer outside the timing
    started = time.monotonic()
    located = geocoding.locate(clinic)
    took = time.monotonic() - started
    assert took < 3.0 + 0.5, f"geocoding took {took:.1f} s with a 3 s deadline"
    assert located.point == zip_centre
    page = save_in_admin(admin_client, clinic, name="Renamed clinic")
    assert clinic.name == "Renamed clinic"
    assert clinic.point == gazetteer.lookup_zip("78701").point
    assert clinic.point_source == "zip"
    assert "geocoder did not answer" in page


@pytest.mark.parametrize("behaviour", ["abc", "no_coordinates", "zero", "far_away", "out_of_range"])
def test_an_unusable_answer_falls_back_to_the_zip_centre_with_a_warning(
    admin_client, geocoder, behaviour
):
    geocoder.behaviour = behaviour
    clinic = clinic_without_point()
    page = save_in_admin(admin_client, clinic, name="Renamed clinic")
    assert clinic.name == "Renamed clinic"
    assert clinic.point == gazetteer.lookup_zip("78701").point
    assert (clinic.latitude, clinic.longitude) != (0, 0)
    assert clinic.point_source == "zip"
    assert "geocoder did not give a usable point" in page
    assert len(geocoder.request_times) == 1  # no hidden retries


def test_a_good_answer_is_still_used(admin_client, geocoder):
    clinic = clinic_without_point()
    save_in_admin(admin_client, clinic)
    assert (clinic.latitude, clinic.longitude, clinic.point_source) == (
        30.2711234, -97.7422345, "address",
    )  # fmt: skip


def test_requests_are_paced_one_a_second_across_the_process(geocoder, settings):
    # Nominatim's own 1 s: long beside the scheduling jitter of a busy machine, which
    # moves when a request reaches the server by tens of milliseconds either way.
    settings.GEOCODER_MIN_INTERVAL = 1.0
    settings.GEOCODER_TIMEOUT = 5.0
    clinics = [clinic_without_point() for _ in range(3)]
    threads = [threading.Thread(target=geocoding.locate, args=(c,)) for c in clinics]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(geocoder.request_times)
    assert len(times) == 3
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # Unpaced, the three arrive within milliseconds of each other.
    assert min(gaps) >= 0.5, gaps
    assert times[-1] - times[0] >= 1.5, gaps


def test_the_pacer_books_one_slot_a_second_and_gives_up_past_the_deadline():
    now = [100.0]
    slept: list[float] = []
    pacer = Pacer(clock=lambda: now[0], sleep=slept.append)
    assert pacer.reserve(1.0, deadline=103.0)
    assert pacer.reserve(1.0, deadline=103.0)
    assert pacer.reserve(1.0, deadline=103.0)
    assert slept == [1.0, 2.0]
    # The next free slot is at 103: past a deadline of 103, the call is not made.
    assert not pacer.reserve(1.0, deadline=103.0)
    now[0] = 110.0
    assert pacer.reserve(1.0, deadline=111.0)
    assert slept == [1.0, 2.0]


def test_the_default_pace_is_nominatims_policy():
    from django.conf import settings

    assert settings.GEOCODER_MIN_INTERVAL == 1.0
    assert geocoding.pacer is not None
