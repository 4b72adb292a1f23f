"""A request log line carries no response size: a search from a ZIP answers the
same bytes each time and a snapshot's size is published, so a size beside a
redacted line would name the ZIP searched (by replaying candidates) or the state
whose snapshot was read. Real servers, gunicorn and Django's development server."""

from __future__ import annotations

import re
import sys

from .test_logs_hold_no_search_location import (  # noqa: F401 (server_env is a fixture)
    free_port,
    run_server,
    server_env,
)


def search_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "GET /api/v1/shelters/" in line and " 200" in line]


def test_gunicorn_logs_no_size(server_env):  # noqa: F811
    port = free_port()
    env = {**server_env, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    log = run_server([sys.executable, "-m", "gunicorn", "directory.wsgi"], env, port)
    lines = search_lines(log)
    assert lines, log
    for line in lines:
        assert re.search(r'"GET /api/v1/shelters/ HTTP/1\.1" 200 [0-9]+ms$', line), line


def test_development_server_logs_no_size(server_env):  # noqa: F811
    port = free_port()
    log = run_server(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        server_env,
        port,
    )
    lines = search_lines(log)
    assert lines, log
    for line in lines:
        assert re.search(r'HTTP/1\.1" 200$', line), line
