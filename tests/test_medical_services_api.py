"""GET /api/v1/medical-services/: care and documentation of injuries nearby."""

import pytest

from .conftest import make_medical_service

pytestmark = pytest.mark.django_db


def test_nearest_forensic_exam_program(api):
    make_medical_service(name="Far SANE", kind="forensic_exam_program",
                         services=["forensic_exam"], latitude=32.78, longitude=-96.80)  # fmt: skip
    make_medical_service(name="Near clinic", kind="clinic", services=["primary_care"])
    make_medical_service(name="Near SANE", kind="forensic_exam_program", services=["forensic_exam"])
    body = api.get("/api/v1/medical-services/?zip=78701&service=forensic_exam").json()
    assert [r["name"] for r in body["results"]] == ["Near SANE", "Far SANE"]
    assert body["results"][0]["distance_km"] < body["results"][1]["distance_km"]
    assert body["hotlines"] == []


def test_medical_filters(api):
    make_medical_service(name="ED", kind="emergency_department", walk_in=True, languages=["es"])
    make_medical_service(name="By appointment", kind="clinic", walk_in=False, languages=["en"])

    def names(q):
        return [r["name"] for r in api.get(f"/api/v1/medical-services/?{q}").json()["results"]]

    assert names("kind=emergency_department") == ["ED"]
    assert names("walk_in=false") == ["By appointment"]
    assert names("language=es") == ["ED"]


def test_medical_service_detail_shows_full_address(api):
    service = make_medical_service(street_address="100 Hospital Way")
    body = api.get(f"/api/v1/medical-services/{service.pk}/").json()
    assert body["address"]["street"] == "100 Hospital Way"
    assert body["location"]["approximate"] is False
