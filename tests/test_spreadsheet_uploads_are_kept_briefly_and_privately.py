"""An upload waits for its confirmation in the project's own folder under a random
name that only the uploading session knows, and is deleted on confirmation, at
once when the preview found errors, and after SPREADSHEET_UPLOAD_MAX_AGE_MINUTES."""

from __future__ import annotations

import io
import os
import re
import tempfile
import time

import pytest
from django.core.management import call_command
from django.test import Client

from shelters.models import Shelter

from .conftest import signed_in
from .spreadsheet_files import as_csv, confirm, confirm_data, export_csv, preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "import_export": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }}  # fmt: skip
    return tmp_path


def a_preview(client, cast):
    client = signed_in(client, cast["advocate"])
    rows = export_csv(client)
    rows[0]["name"] = "Harbor House"
    return client, preview(client, as_csv(rows))


def test_an_upload_waits_in_the_projects_folder_under_a_random_name(client, cast, uploads):
    client, shown = a_preview(client, cast)
    name = confirm_data(shown)["import_file_name"]
    assert re.fullmatch(r"[0-9a-f]{32}", name)
    assert os.listdir(uploads) == [name]
    assert not os.path.exists(os.path.join(tempfile.gettempdir(), name))
    assert confirm(client, shown).status_code == 302
    assert os.listdir(uploads) == []


def test_a_preview_with_errors_keeps_no_upload(client, cast, uploads):
    client = signed_in(client, cast["advocate"])
    row = export_csv(client)[0]
    row["kind"] = "castle"
    shown = preview(client, as_csv([row]))
    assert shown.context["result"].has_validation_errors()
    assert os.listdir(uploads) == []


@pytest.mark.parametrize("name", ["other-session", "../../../etc/passwd", "/etc/passwd", ""])
def test_a_confirmation_names_only_an_upload_of_its_own_session(client, cast, uploads, name):
    _client, shown = a_preview(client, cast)
    data = confirm_data(shown)
    if name == "other-session":
        name = data["import_file_name"]
    someone_else = signed_in(Client(), cast["coalition"])
    response = someone_else.post("/admin/shelters/shelter/process_import/",
                                 {**data, "import_file_name": name})  # fmt: skip
    assert response.status_code == 400
    assert b"upload the file again" in response.content
    assert not Shelter.objects.filter(name="Harbor House").exists()


def test_a_missing_name_is_a_clear_400(client, cast, uploads):
    client, shown = a_preview(client, cast)
    data = confirm_data(shown)
    del data["import_file_name"]
    response = client.post("/admin/shelters/shelter/process_import/", data)
    assert response.status_code == 400


def test_an_unconfirmed_upload_is_deleted_after_the_maximum_age(client, cast, uploads, settings):
    client, shown = a_preview(client, cast)
    name = confirm_data(shown)["import_file_name"]
    old = time.time() - settings.SPREADSHEET_UPLOAD_MAX_AGE_MINUTES * 60 - 5
    os.utime(uploads / name, (old, old))
    client.get("/admin/shelters/shelter/import/")  # every import page sweeps
    assert os.listdir(uploads) == []
    response = confirm(client, shown)
    assert response.status_code == 400


def test_the_purge_command_deletes_expired_uploads_only(client, cast, uploads, settings):
    (uploads / ("a" * 32)).write_bytes(b"old")
    (uploads / ("b" * 32)).write_bytes(b"new")
    old = time.time() - settings.SPREADSHEET_UPLOAD_MAX_AGE_MINUTES * 60 - 5
    os.utime(uploads / ("a" * 32), (old, old))
    call_command("purge_spreadsheet_uploads", stdout=io.StringIO())
    assert os.listdir(uploads) == ["b" * 32]
