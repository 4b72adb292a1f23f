"""The confirmation imports every row or none: a row that stopped being the
advocate's between the preview and the confirmation fails the whole import, with
a message saying so, and nothing is written."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from shelters.models import Shelter

from .conftest import make_shelter, signed_in
from .spreadsheet_files import as_csv, confirm, export_csv, preview

pytestmark = pytest.mark.django_db


def test_a_row_moved_to_another_organisation_fails_the_whole_confirmation(client, cast):
    second = make_shelter(organization=cast["ours"], name="Second house", beds_total=5,
                          beds_available=1, location_disclosure="area")  # fmt: skip
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    for row in rows:
        row["name"] = f"Renamed {row['name']}"
    shown = preview(client, as_csv(rows))
    assert not shown.context["result"].has_validation_errors()

    Shelter.objects.filter(pk=second.pk).update(organization=cast["theirs"])
    response = confirm(client, shown)

    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Nothing was imported")
    assert f"None of your listings has id {second.pk}" in message
    assert not Shelter.objects.filter(name__startswith="Renamed").exists()
