"""No log line holds a search location or a client address.

Real requests go to a real development server and a real gunicorn started from
this project's settings; their captured logs are searched for every value sent.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SECRET_VALUES = ["30.2711", "-97.7437", "78756", "Pflugerville", "Williamson", "Secret Lane",
                 "77777", "41.8781"]  # fmt: skip
REQUESTS = [
    "/api/v1/shelters/?lat=30.2711&lon=-97.7437&accepts_pets=true",
    "/api/v1/shelters/?zip=78756",
    "/api/v1/shelters/?city=Pflugerville&county=Williamson",
    "/api/v1/shelters/?q=742%20Secret%20Lane",
    "/api/v1/shelters/?postal_code=77777&limit=5",
    "/api/v1/hotlines/?lat=41.8781&lon=-97.7437",
    "/api/v1/shelters/?lat=30.2711",  # a 400
    "/api/v1/shelters/?lat=30.2711&lon=999",  # a 400
    "/api/v1/no-such-page/?zip=78756",  # a 404
    "/staff/?where=Pflugerville%2C+TX&accepts_pets=true",  # the staff console
    "/staff/suggest/?where=Williamson",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError(process.communicate()[0])
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("server did not start")


def send_requests(port: int) -> None:
    for path in REQUESTS:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code in (400, 404)


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    """A migrated SQLite database for the servers under test."""
    database = tmp_path_factory.mktemp("logs") / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "directory.settings_test",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"],
                   cwd=PROJECT, env=env, check=True, timeout=120)  # fmt: skip
    return env


def run_server(command: list[str], env: dict, port: int) -> str:
    process = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_for(port, process)
        send_requests(port)
        time.sleep(0.5)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    return output


def assert_holds_no_search_values(log: str) -> None:
    for value in SECRET_VALUES:
        assert value not in log, f"{value!r} reached the log:\n{log}"
    assert "127.0.0.1 -" not in log  # no client address in the request log


def test_development_server_request_log(server_env):
    port = free_port()
    log = run_server(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        server_env,
        port,
    )
    assert "/api/v1/shelters/?lat=[redacted]&lon=[redacted]&accepts_pets=true" in log
    assert 'HTTP/1.1" 400' in log and 'HTTP/1.1" 404' in log
    assert_holds_no_search_values(log)


def test_gunicorn_access_and_error_logs(server_env):
    port = free_port()
    env = {**server_env, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    log = run_server([sys.executable, "-m", "gunicorn", "directory.wsgi"], env, port)
    assert '"GET /api/v1/shelters/ HTTP/1.1" 200' in log
    assert '"GET /api/v1/shelters/ HTTP/1.1" 400' in log
    assert_holds_no_search_values(log)


@pytest.mark.django_db
def test_django_request_and_error_loggers(client, caplog):
    from django.conf import settings

    formatter_config = settings.LOGGING["formatters"]["redacted"]
    assert formatter_config["()"] == "shelters.redaction.RedactingFormatter"
    from shelters.redaction import RedactingFormatter

    formatter = RedactingFormatter(formatter_config["format"])
    with caplog.at_level(logging.INFO):
        for path in REQUESTS:
            client.get(path)
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/api/v1/shelters/?lat=30.2711&lon=-97.7437"
        )
    lines = "\n".join(formatter.format(record) for record in caplog.records)
    assert "Bad Request" in lines and "Internal Server Error" in lines
    assert_holds_no_search_values(lines)


def test_django_sends_no_error_report_by_email():
    from django.conf import settings

    handlers = {h for logger in settings.LOGGING["loggers"].values() for h in logger["handlers"]}
    assert "mail_admins" not in handlers
    assert settings.LOGGING["loggers"]["django"]["propagate"] is False
