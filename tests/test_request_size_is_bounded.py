"""A body larger than the page takes is refused before it is read: a real server,
sent only the headers of a huge POST, answers at once instead of waiting for (and
then reading) the body. The import form refuses a file over its own limit."""

from __future__ import annotations

import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

from shelters.models import Shelter

from .conftest import signed_in
from .spreadsheet_files import preview


def post_headers_only(live_server, path: str, declared: int, cookie: str = "") -> str:
    """Send a POST's headers declaring `declared` bytes, no body; the status line."""
    address = urlparse(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: localhost\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {declared}\r\n"
                + (f"Cookie: {cookie}\r\n" if cookie else "")
                + "\r\n"
            ).encode()
        )
        answer = connection.recv(4096).decode("latin-1")
    return answer.split("\r\n", 1)[0]


@pytest.mark.django_db(transaction=True)
def test_a_200_mb_anonymous_post_to_the_sign_in_page_is_refused_unread(live_server):
    status = post_headers_only(live_server, "/admin/login/", 200 * 1024 * 1024)
    assert " 413 " in status


@pytest.mark.django_db(transaction=True)
def test_a_50_mb_import_upload_is_refused_unread(live_server, client, cast):
    signed_in(client, cast["advocate"])
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status = post_headers_only(live_server, "/admin/shelters/shelter/import/", 50_000_000, cookie)
    assert " 413 " in status


@pytest.mark.django_db
def test_a_file_just_over_the_import_limit_is_refused_by_the_form(client, cast):
    content = b"name,kind\n" + b"Cedar House,emergency_shelter\n" * 167_000
    assert settings.SPREADSHEET_IMPORT_MAX_BYTES < len(content) < 5_060_000
    response = preview(signed_in(client, cast["advocate"]), content)
    [error] = response.context["form"].errors["import_file"]
    assert "files of at most 5.0 MB can be imported" in error
    assert not Shelter.objects.filter(name="Cedar House").exists()
