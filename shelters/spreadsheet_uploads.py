"""Where an uploaded spreadsheet waits between its preview and its confirmation.

django-import-export keeps the upload so that the confirm step can import the
very file that was previewed. Here it is kept in the project's own folder
(SPREADSHEET_UPLOAD_DIR, STORAGES["import_export"]), readable by the server's user
only, under a random name that only the uploading session knows: the confirm step
takes no file the session was not given, and no path. It is deleted on confirm,
right away when the preview found errors, and SPREADSHEET_UPLOAD_MAX_AGE_MINUTES
after the upload at the latest (every import sweeps, and so does `manage.py
purge_spreadsheet_uploads`). A file may hold a confidential shelter's street.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone
from import_export.forms import ImportForm
from import_export.tmp_storages import MediaStorage

from shelters import spreadsheet_formats

SESSION_KEY = "spreadsheet_uploads"
NAME = re.compile(r"[0-9a-f]{32}")


class UploadStorage(MediaStorage):
    """django-import-export's MediaStorage, at the top of STORAGES["import_export"],
    refusing any name that is not one of its own random ones."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.MEDIA_FOLDER = None

    def get_full_path(self):
        if not NAME.fullmatch(self.name or ""):
            raise ValueError("Not an upload name.")
        return self.name


class BoundedImportForm(ImportForm):
    """The import form, refusing a file over SPREADSHEET_IMPORT_MAX_BYTES before
    anything reads it (the request size limit, shelters.request_limits, comes first)."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            spreadsheet_formats.check_size(upload.size)
        except spreadsheet_formats.SpreadsheetRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return upload


def _storage():
    return storages["import_export"]


def remember(request, name: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads[name] = time.time()
    request.session[SESSION_KEY] = uploads


def belongs_to_session(request, name: str) -> bool:
    uploaded_at = request.session.get(SESSION_KEY, {}).get(name)
    if uploaded_at is None or time.time() - uploaded_at >= _max_age().total_seconds():
        return False
    return _storage().exists(name)


def forget(request, name: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    if uploads.pop(name, None) is not None:
        request.session[SESSION_KEY] = uploads
    delete(name)


def delete(name: str) -> None:
    if NAME.fullmatch(name or ""):
        _storage().delete(name)


def _max_age() -> timedelta:
    return timedelta(minutes=settings.SPREADSHEET_UPLOAD_MAX_AGE_MINUTES)


def sweep() -> int:
    """Delete every upload older than SPREADSHEET_UPLOAD_MAX_AGE_MINUTES; how many."""
    storage = _storage()
    try:
        _folders, names = storage.listdir("")
    except FileNotFoundError:
        return 0
    oldest_kept = timezone.now() - _max_age()
    deleted = 0
    for name in names:
        try:
            if storage.get_modified_time(name) < oldest_kept:
                storage.delete(name)
                deleted += 1
        except FileNotFoundError:
            continue  # swept by another process meanwhile
    return deleted
