"""Finding 8 of issue 10: `make run` and docker compose both serve with gunicorn, and
gunicorn keeps snapshots fresh by running `refresh_snapshots --watch` beside its
workers (started when ready, restarted if it died, stopped on exit)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


class FakeProcess:
    started: list[list[str]] = []

    def __init__(self, args):
        self.args, self.pid, self.alive = args, 4242, True
        FakeProcess.started.append(args)

    def poll(self):
        return None if self.alive else 0

    def terminate(self):
        self.alive = False

    def wait(self, timeout=None):
        return 0


def test_gunicorn_starts_restarts_and_stops_the_refresher(monkeypatch):
    monkeypatch.delenv("SNAPSHOT_REFRESHER", raising=False)
    monkeypatch.setattr("subprocess.Popen", FakeProcess)
    FakeProcess.started = []
    conf = runpy.run_path(str(CONF))
    server = SimpleNamespace(log=SimpleNamespace(info=lambda *args: None))
    conf["when_ready"](server)
    conf["pre_fork"](server, None)  # still running: not started twice
    assert FakeProcess.started == [
        [sys.executable, str(CONF.parent / "manage.py"), "refresh_snapshots", "--watch"]
    ]
    refresher = conf["_start_refresher"].__globals__["_refresher"]
    refresher.alive = False
    conf["pre_fork"](server, None)  # died: started again
    assert len(FakeProcess.started) == 2
    conf["on_exit"](server)
    assert conf["_start_refresher"].__globals__["_refresher"].alive is False
