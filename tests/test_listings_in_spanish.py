"""Listings in the searcher's language: `lang` or Accept-Language picks Spanish,
each text falls back to English on its own and says so in `text_lang`, labels come
from the .po catalogue, and nothing about language sets a cookie (issue 14)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from shelters.models import HotlineChannel, MedicalService, ShelterPhone
from tests.conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual():
    shelter = make_shelter(
        name="Casa Segura",
        description="A safe place for families.",
        description_es="Un lugar seguro para familias.",
        phones=[("intake", "512-555-0100")],
    )
    ShelterPhone.objects.filter(shelter=shelter).update(hours_en="Mon-Fri 9am-5pm", hours_es="")
    service = make_medical_service(
        description="Walk-in clinic.",
        description_es="",
        accessibility_notes="Ramp at the side door.",
        accessibility_notes_es="Rampa en la puerta lateral.",
    )
    hotline = make_hotline(description="Statewide line.", description_es="Línea estatal.")
    HotlineChannel.objects.filter(hotline=hotline).update(notes_en="Press 2", notes_es="Marque 2")
    return {"shelter": shelter, "service": service, "hotline": hotline}


def test_lang_es_gives_spanish_text_and_marks_each_fallback(api, bilingual):
    body = api.get("/api/v1/shelters/", {"lang": "es"}).json()
    assert body["emergency"] == {
        "number": "911",
        "text": "Si está en peligro inmediato, llame al 911.",
    }
    shelter = body["results"][0]
    assert shelter["description"] == "Un lugar seguro para familias."
    assert shelter["text_lang"] == {}
    assert shelter["phones"][0]["hours"] == "Mon-Fri 9am-5pm"
    assert shelter["phones"][0]["text_lang"] == {"hours": "en"}

    service = api.get(f"/api/v1/medical-services/{bilingual['service'].pk}/", {"lang": "es"})
    service = service.json()
    assert service["description"] == "Walk-in clinic."
    assert service["accessibility_notes"] == "Rampa en la puerta lateral."
    assert service["text_lang"] == {"description": "en"}

    hotline = api.get(f"/api/v1/hotlines/{bilingual['hotline'].pk}/", {"lang": "es"}).json()
    assert hotline["description"] == "Línea estatal."
    assert hotline["channels"][0]["notes"] == "Marque 2"
    assert hotline["channels"][0]["text_lang"] == {}


def test_english_is_the_default_and_marks_nothing(api, bilingual):
    response = api.get("/api/v1/shelters/")
    shelter = response.json()["results"][0]
    assert shelter["description"] == "A safe place for families."
    assert shelter["text_lang"] == {} and shelter["phones"][0]["text_lang"] == {}
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_accept_language_es_mx_picks_spanish(api, bilingual):
    response = api.get("/api/v1/shelters/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response["Content-Language"] == "es"
    assert response.json()["results"][0]["description"] == "Un lugar seguro para familias."
    detail = api.get(
        f"/api/v1/shelters/{bilingual['shelter'].pk}/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9"
    )
    assert detail.json()["description"] == "Un lugar seguro para familias."


def test_the_hotlines_of_a_location_search_are_in_its_language(api, bilingual):
    body = api.get("/api/v1/shelters/", {"zip": "78701", "lang": "es"}).json()
    assert "Línea estatal." in [h["description"] for h in body["hotlines"]]


@pytest.mark.parametrize(
    "path", ["/api/v1/shelters/", "/api/v1/hotlines/", "/api/v1/medical-services/",
             "/api/v1/organizations/", "/api/v1/labels/", "/api/v1/guidance/"],
)  # fmt: skip
def test_an_unknown_lang_is_a_400_naming_it(api, path):
    response = api.get(path, {"lang": "xx"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


def test_an_unknown_lang_on_a_detail_page_is_a_400_naming_it(api, bilingual):
    response = api.get(f"/api/v1/shelters/{bilingual['shelter'].pk}/", {"lang": "xx"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


def test_labels_come_in_spanish_from_the_catalogue(api):
    call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
    spanish = api.get("/api/v1/labels/", {"lang": "es"}).json()["vocabularies"]
    assert spanish["populations"]["women"] == "Mujeres"
    assert spanish["shelter_kinds"]["emergency_shelter"] == "Refugio de emergencia"
    assert spanish["hotline_topics"]["domestic_violence"] == "Violencia doméstica"
    english = api.get("/api/v1/labels/").json()["vocabularies"]
    assert english["populations"]["women"] == "Women"
    # Every label of every vocabulary is translated.
    untranslated = {
        (name, code)
        for name, labels in spanish.items()
        for code, label in labels.items()
        if label == english[name][code] and label not in ("LGBTQ+",)
    }
    assert untranslated == set()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/shelters/?lang=es", "/api/v1/shelters/?zip=78701&lang=es",
     "/api/v1/guidance/?state=TX&lang=es", "/api/v1/labels/?lang=es"],
)  # fmt: skip
def test_no_language_path_sets_a_cookie(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_the_sample_data_is_bilingual_for_at_least_a_third_of_listings(sample_data):
    from shelters.models import Hotline, Shelter

    listings = [*Shelter.objects.all(), *MedicalService.objects.all(), *Hotline.objects.all()]
    spanish = [listing for listing in listings if listing.description_es]
    assert len(spanish) * 3 >= len(listings)
