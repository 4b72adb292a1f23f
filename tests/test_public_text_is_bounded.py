"""Public text has a maximum length that every way in obeys (model validation,
admin form, spreadsheet row), and large public API answers travel gzipped."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.exceptions import ValidationError

from shelters.models import DESCRIPTION_MAX_LENGTH, Hotline, MedicalService, Organization, Shelter

from .conftest import (
    admin_form_data,
    bulk_shelters,
    make_hotline,
    make_medical_service,
    make_organization,
    make_shelter,
    signed_in,
)
from .test_spreadsheets import as_csv, export_csv, preview

pytestmark = pytest.mark.django_db

TWENTY_MB = "x" * (20 * 1024 * 1024)


@pytest.mark.parametrize(
    "make", [make_shelter, make_medical_service, make_hotline, make_organization]
)
def test_a_20_mb_description_is_refused_by_model_validation(make):
    row = make()
    row.description = TWENTY_MB
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "description" in refused.value.message_dict
    with pytest.raises(ValidationError):
        row.clean_fields()  # what the HSDS loader runs
    row.description = "y" * DESCRIPTION_MAX_LENGTH
    row.full_clean()


@pytest.mark.parametrize("model", [Shelter, MedicalService, Hotline, Organization])
def test_every_public_text_field_has_a_maximum(model):
    from django.db import models

    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField) and field.editable:
            limits = [getattr(v, "limit_value", None) for v in field.validators]
            assert field.max_length and field.max_length in limits, field.name


def test_the_admin_form_refuses_an_over_long_description(client, cast):
    ours = cast["listings"]["Ours"]["shelter"]
    client = signed_in(client, cast["advocate"])
    url = f"/admin/shelters/shelter/{ours.pk}/change/"
    form = admin_form_data(client.get(url))
    form["description"] = "z" * (DESCRIPTION_MAX_LENGTH + 1)
    response = client.post(url, form)
    assert response.status_code == 200
    assert "description" in response.context["adminform"].form.errors
    ours.refresh_from_db()
    assert len(ours.description) <= DESCRIPTION_MAX_LENGTH


def test_a_spreadsheet_row_with_an_over_long_description_is_a_row_error(client, cast):
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    rows[0]["description"] = "z" * (DESCRIPTION_MAX_LENGTH + 1)
    result = preview(client, as_csv(rows)).context["result"]
    assert result.has_validation_errors()
    [row] = result.invalid_rows
    assert "description" in row.error_dict
    assert len(Shelter.objects.get(pk=rows[0]["id"]).description) <= DESCRIPTION_MAX_LENGTH


def test_a_large_public_answer_is_gzipped_for_a_client_that_accepts_it(client):
    bulk_shelters(
        [(30.2 + index / 1000, -97.7) for index in range(60)],
        description="A shelter with a long description. " * 20,
    )
    plain = client.get("/api/v1/shelters/?state=TX")
    packed = client.get("/api/v1/shelters/?state=TX", HTTP_ACCEPT_ENCODING="gzip")
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 3
    assert json.loads(gzip.decompress(packed.content)) == plain.json()


def test_admin_pages_are_never_compressed(client, cast):
    """They carry CSRF tokens: compressing them with attacker-chosen text is BREACH."""
    page = signed_in(client, cast["advocate"]).get(
        "/admin/shelters/shelter/", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert page.status_code == 200
    assert "Content-Encoding" not in page
