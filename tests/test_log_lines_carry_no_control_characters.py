"""A request whose path decodes to control characters (%00, %1B, %0D, %0A) writes
them escaped: no raw NUL or terminal escape reaches a log, and a line feed cannot
forge a second request line in gunicorn's access log. A real gunicorn, as in
production."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request

from .test_logs_hold_no_search_location import (  # noqa: F401 (server_env is a fixture)
    PROJECT,
    free_port,
    server_env,
    wait_for,
)

FORGED = "forged GET /admin/ HTTP/1.1 200"
PATHS = [
    "/hsds/services/%00",
    "/nothing%1B%5B31m",
    "/x%0D%0A" + FORGED.replace(" ", "%20").replace("/", "%2F"),
]


def test_gunicorn_logs_escape_control_characters(server_env):  # noqa: F811
    port = free_port()
    env = {**server_env, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "directory.wsgi"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, process)
        for path in PATHS:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            except urllib.error.HTTPError as error:
                assert error.code == 404
        time.sleep(0.5)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    log = output.decode("utf-8", "replace")
    assert "/hsds/services/\\x00" in log
    assert "\x00" not in log and "\x1b" not in log and "\r" not in log
    assert not any(line.startswith(FORGED) for line in log.splitlines())
    assert '"GET /x\\x0d\\x0aforged GET /admin/' in log
