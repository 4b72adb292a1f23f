"""Safety guidance by language and state: state steps replace or extend national
ones, Spanish falls back to English step by step, and the answer is a cacheable
document that needs no location and sets no cookie (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest

from shelters.guidance_first_set import STEPS
from shelters.models import Guidance

pytestmark = pytest.mark.django_db

URL = "/api/v1/guidance/"


def step(**fields) -> Guidance:
    fields.setdefault("reviewed_on", date(2026, 12, 1))
    fields.setdefault("reviewed_by", "Test coalition")
    fields.setdefault("body", "Body text.")
    return Guidance.objects.create(**fields)


def test_the_migration_ships_the_first_national_set_in_both_languages(api):
    english = api.get(URL, {"lang": "en"}).json()
    spanish = api.get(URL, {"lang": "es"}).json()
    shipped = {(topic, order) for topic, order, *_ in STEPS}
    assert len(english["steps"]) == len(spanish["steps"]) == len(shipped) == 10
    assert {s["lang"] for s in english["steps"]} == {"en"}
    assert {s["lang"] for s in spanish["steps"]} == {"es"}
    assert spanish["steps"][0]["title"] == "Quédese donde pueda salir"
    assert spanish["topics"]["immediate_danger"] == "Si está en peligro ahora"
    assert [s["topic"] for s in english["steps"]][:2] == ["immediate_danger"] * 2
    assert english["steps"][-1]["topic"] == "your_privacy"
    assert {s["scope"] for s in english["steps"]} == {"national"}


def test_a_state_step_replaces_the_national_one_of_its_slot_and_extends_the_topic(api):
    step(topic="police", order=2, state="TX", language="en", title="Texas: report details")
    step(topic="police", order=4, state="TX", language="en", title="Texas: protective order")
    step(topic="police", order=4, state="WA", language="en", title="Washington only")
    texas = [s for s in api.get(URL, {"state": "TX"}).json()["steps"] if s["topic"] == "police"]
    assert [s["title"] for s in texas] == [
        "When you are safe, call the police",
        "Texas: report details",
        "If no one is arrested",
        "Texas: protective order",
    ]
    assert [s["scope"] for s in texas] == ["national", "TX", "national", "TX"]
    national = [s["title"] for s in api.get(URL).json()["steps"]]
    assert "Texas: report details" not in national and "Washington only" not in national


def test_spanish_falls_back_to_english_per_step_and_says_so(api):
    step(topic="police", order=4, state="TX", language="en", title="Texas: protective order")
    steps = api.get(URL, {"state": "TX", "lang": "es"}).json()["steps"]
    by_slot = {(s["topic"], s["order"]): s for s in steps}
    assert by_slot[("police", 4)]["lang"] == "en"
    assert by_slot[("police", 4)]["title"] == "Texas: protective order"
    assert by_slot[("police", 1)]["lang"] == "es"
    # Once the state writes it in Spanish, the Spanish step is shown.
    step(topic="police", order=4, state="TX", language="es", title="Texas: orden de protección")
    steps = api.get(URL, {"state": "TX", "lang": "es"}).json()["steps"]
    assert {(s["title"], s["lang"]) for s in steps if s["order"] == 4} == {
        ("Texas: orden de protección", "es")
    }


def test_a_national_step_missing_in_spanish_falls_back_to_english(api):
    Guidance.objects.filter(topic="your_privacy", language="es").delete()
    steps = api.get(URL, {"lang": "es"}).json()["steps"]
    privacy = [s for s in steps if s["topic"] == "your_privacy"]
    assert [(s["lang"], s["title"]) for s in privacy] == [
        ("en", "A shelter does not need your personal details")
    ]


def test_accept_language_picks_spanish_when_lang_is_absent(api):
    response = api.get(URL, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.json()["lang"] == "es"
    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    english = api.get(URL, {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert english.json()["lang"] == "en"
    assert api.get(URL, HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.5").json()["lang"] == "en"


@pytest.mark.parametrize(
    ("query", "named"),
    [({"lang": "xx"}, "lang"), ({"state": "ZZ"}, "state"), ({"lat": "30"}, "lat"),
     ({"lang": ""}, "lang")],
)  # fmt: skip
def test_a_bad_parameter_is_a_400_naming_it(api, query, named):
    response = api.get(URL, query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [named]


def test_guidance_is_cacheable_with_an_etag_and_sets_no_cookie(client):
    response = client.get(URL, {"state": "TX", "lang": "es"})
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert not response.cookies
    etag = response["ETag"]
    again = client.get(URL, {"state": "TX", "lang": "es"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.cookies
    step(topic="police", order=9, state="TX", language="es", title="Nuevo")
    changed = client.get(URL, {"state": "TX", "lang": "es"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_public_step_does_not_name_the_reviewer(api):
    assert all("reviewed_by" not in s for s in api.get(URL).json()["steps"])
