"""stale_listings names the live listings that say they serve Spanish speakers
but have no Spanish description yet (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from tests.conftest import make_hotline, make_shelter

pytestmark = pytest.mark.django_db


def test_listings_serving_spanish_without_spanish_text_are_reported(capsys):
    today = date.today()
    make_shelter(name="Needs Spanish", languages=["en", "es"], last_verified=today)
    make_shelter(name="Has Spanish", languages=["es"], description_es="Texto.",
                 last_verified=today)  # fmt: skip
    make_shelter(name="English only", languages=["en"], last_verified=today)
    make_shelter(name="Archived", languages=["es"], status="archived", last_verified=today)
    make_hotline(name="Line needs Spanish", languages=["es"], last_verified=today)
    call_command("stale_listings")
    out = capsys.readouterr().out
    assert "Needs Spanish (serves Spanish speakers, no Spanish text)" in out
    assert "Line needs Spanish (serves Spanish speakers, no Spanish text)" in out
    assert "Has Spanish" not in out and "English only" not in out and "Archived" not in out
    assert "2 listing(s) serve Spanish speakers without a Spanish description." in out


def test_the_admin_lists_the_listings_missing_spanish(admin_client):
    make_shelter(name="Sin traducir")
    make_shelter(name="Traducido", description_es="Texto.")
    missing = admin_client.get("/admin/shelters/shelter/", {"spanish": "missing"}).content.decode()
    written = admin_client.get("/admin/shelters/shelter/", {"spanish": "written"}).content.decode()
    assert "Sin traducir" in missing and "Traducido" not in missing
    assert "Traducido" in written and "Sin traducir" not in written
