"""Signing in under the production settings (DEBUG off, secure cookies, HSTS,
HTTPS redirect) over HTTPS, served by gunicorn with our gunicorn.conf.py.

gunicorn runs in a subprocess, which cannot see pytest's test database: it gets
its own SQLite file, migrated, with the advocate created in it.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import open_browser

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-pass-phrase"
CREATE_ADVOCATE = f"""
from django.contrib.auth.models import Group, User
from shelters.models import Membership, Organization
user = User.objects.create_user("advocate", password="{PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name="Advocates"))
Membership.objects.create(user=user, organization=Organization.objects.create(name="Ours"))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(tmp: Path, port: int) -> dict[str, str]:
    """directory.settings as deployed, from a clean environment: pytest's own
    process has test-only relaxations in os.environ (settings_test sets them)."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": "localhost",
        # gunicorn terminates TLS itself here: no proxy header to trust.
        "BEHIND_TLS_PROXY": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }


def run(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish(process: subprocess.Popen) -> None:
    output, _ = process.communicate(timeout=180)
    assert process.returncode == 0, output


@pytest.fixture(scope="module")
def https_server(tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("https")
    port = free_port()
    env = production_environment(tmp, port)
    manage = [sys.executable, "manage.py"]
    # The certificate, the database and the static files at once: the machine is shared.
    steps = [
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=localhost", "-keyout", str(tmp / "key.pem"),
             "-out", str(tmp / "cert.pem")], env),
        run([*manage, "migrate", "--noinput", "-v0"], env),
        # The admin needs no API docs assets; skipping them halves the time.
        run([*manage, "collectstatic", "--noinput", "-v0",
             "-i", "drf_spectacular_sidecar", "-i", "rest_framework"], env),
    ]  # fmt: skip
    for step in steps:
        finish(step)
    finish(run([*manage, "shell", "-c", CREATE_ADVOCATE], env))
    server = run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
         "--certfile", str(tmp / "cert.pem"), "--keyfile", str(tmp / "key.pem"),
         "directory.wsgi"],
        env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[0]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield f"https://localhost:{port}"
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_an_advocate_signs_in_over_https_under_production_settings(chromium, https_server):
    browser = open_browser(chromium, https_server)
    browser.sign_in("advocate", PASSWORD)
    assert "CSRF verification failed" not in browser.text()
    assert browser.driver.current_url == f"{https_server}/admin/", browser.text()[:500]
    assert "Site administration" in browser.text()
    cookies = {cookie["name"]: cookie for cookie in browser.driver.get_cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert cookies["csrftoken"]["secure"]
    headers = browser.response_headers(f"{https_server}/admin/")
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert headers["referrer-policy"] == "same-origin"
    assert browser.urls_elsewhere() == []
    chromium.delete_all_cookies()
