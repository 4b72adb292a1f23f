"""GET /healthz answers 200 when the database answers, 503 when it does not."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthy_database_answers_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_unreachable_database_answers_503():
    """A real unreachable server (nothing listens on port 1), in a separate
    process so that the test database is left alone."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "directory.settings_test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "PGCONNECT_TIMEOUT": "2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "down"}
