"""An import places rows without coordinates at their ZIP code's centre and asks
the geocoder for their street address only after it has committed: a slow
geocoder holds no transaction open, and one that fails leaves the centre."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import tablib
from django.contrib.messages import get_messages
from django.db import connections

from shelters import gazetteer
from shelters.models import Shelter

from .conftest import signed_in
from .spreadsheet_files import XLSX_FORMAT, confirm, preview

pytestmark = pytest.mark.django_db(transaction=True)

STREET_POINT = {"lat": "30.2711234", "lon": "-97.7422345", "display_name": "A street"}


class Geocoder(BaseHTTPRequestHandler):
    """Answers (or fails), noting whether the imported row was committed by then."""

    fails = False
    saw_committed_row: list[bool] = []

    def do_GET(self):
        try:
            Geocoder.saw_committed_row.append(Shelter.objects.filter(name="Quiet Harbor").exists())
        finally:
            connections.close_all()
        if self.fails:
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps([STREET_POINT]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def geocoder(settings):
    Geocoder.fails, Geocoder.saw_committed_row = False, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Geocoder)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    settings.GEOCODER_SCHEME = "http"
    settings.GEOCODER_USER_AGENT = "shelter-directory-tests"
    settings.GEOCODER_TIMEOUT = 2
    yield Geocoder
    server.shutdown()
    server.server_close()


def import_new_public_shelter(client, cast):
    client = signed_in(client, cast["advocate"])
    sheet = tablib.Dataset(headers=["organization", "name", "kind", "status",
                                    "location_disclosure", "address_publication_authorized_by",
                                    "address_publication_authorized_on", "street_address",
                                    "city", "state", "postal_code"])  # fmt: skip
    sheet.append([cast["ours"].pk, "Quiet Harbor", "emergency_shelter", "published", "public",
                  "Director", "2026-01-05", "500 Congress Ave", "Austin", "TX",
                  "78701"])  # fmt: skip
    shown = preview(client, sheet.export("xlsx"), name="new.xlsx", format_=XLSX_FORMAT)
    assert not shown.context["result"].has_validation_errors(), shown.context["result"]
    return confirm(client, shown)


def test_the_geocoder_is_asked_only_after_the_import_committed(client, cast, geocoder):
    import_new_public_shelter(client, cast)
    assert geocoder.saw_committed_row == [True]
    added = Shelter.objects.get(name="Quiet Harbor")
    assert (added.latitude, added.longitude) == (30.2711234, -97.7422345)
    assert added.point_source == "address"


def test_a_failing_geocoder_leaves_the_imported_row_at_its_zip_centre(client, cast, geocoder):
    geocoder.fails = True
    response = import_new_public_shelter(client, cast)
    added = Shelter.objects.get(name="Quiet Harbor")
    assert added.point == gazetteer.lookup_zip("78701").point
    assert added.point_source == "zip"
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("stay at the centre of their ZIP code" in note for note in notes), notes
