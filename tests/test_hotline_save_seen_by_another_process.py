"""A hotline saved by one process is named by the next search in another, with no
restart and no shared cache: each process reloads its in-memory hotlines when the
token the database holds (shelters.models.ReferenceVersion) changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from .conftest import make_hotline

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="another process needs a database it can reach (the SQLite test database "
        "lives in this process's memory)",
    ),
]

ROOT = Path(__file__).resolve().parent.parent
# The other process: a whole Django, answering the public API through its test
# client each time it reads a line, and printing the hotline names it was given.
OTHER_PROCESS = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "directory.settings_test"
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost")
for line in sys.stdin:
    body = client.get("/api/v1/shelters/?zip=78701").json()
    print(json.dumps([h["name"] for h in body["hotlines"]]), flush=True)
"""


def database_url() -> str:
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or "5432"
    return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"


def test_a_hotline_saved_here_is_named_by_the_other_process_next_search():
    make_hotline(name="National line", coverage="national")
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url()},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:

        def names() -> list[str]:
            other.stdin.write("search\n")
            other.stdin.flush()
            return json.loads(other.stdout.readline())

        assert names() == ["National line"]
        line = make_hotline(name="Austin line", areas=[("TX", "Travis County", "")])
        assert names() == ["Austin line", "National line"]
        line.name = "Travis County line"
        line.save()
        assert names() == ["Travis County line", "National line"]
        line.delete()
        assert names() == ["National line"]
    finally:
        other.stdin.close()
        other.wait(timeout=30)
