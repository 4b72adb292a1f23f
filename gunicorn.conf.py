"""gunicorn settings. The access log names no client address and no query string,
and every gunicorn log line is redacted as Django's are: a search location must
never reach a log."""

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count())))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500
# Long request lines and headers are refused before they reach Django.
limit_request_line = 4094
limit_request_fields = 50
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Snapshots are regenerated beside the workers, never inside a request: the master
# starts `manage.py refresh_snapshots --watch` once it is ready, starts it again if it
# has died whenever a worker is (re)spawned, and stops it on exit. Set
# SNAPSHOT_REFRESHER=0 where another process runs it (any number may run at once).
_refresher: subprocess.Popen | None = None


def _start_refresher(server) -> None:
    global _refresher
    if os.environ.get("SNAPSHOT_REFRESHER", "1").strip().lower() in {"0", "false", "no", "off"}:
        return
    if _refresher is not None and _refresher.poll() is None:
        return
    manage = Path(__file__).resolve().parent / "manage.py"
    _refresher = subprocess.Popen([sys.executable, str(manage), "refresh_snapshots", "--watch"])
    server.log.info("Snapshot refresher started (pid %s)", _refresher.pid)


def when_ready(server) -> None:
    _start_refresher(server)


def pre_fork(server, worker) -> None:
    _start_refresher(server)


def on_exit(server) -> None:
    if _refresher is not None and _refresher.poll() is None:
        _refresher.terminate()
        _refresher.wait(timeout=10)


accesslog = "-"
errorlog = "-"
# %(U)s is the path without its query string; %(h)s (client address) is left out,
# and so is %(B)s, the response's size: a search from a ZIP answers the same bytes
# each time, and a snapshot's size is public, so a size would name what the
# redaction hides (a searched ZIP by replaying candidates, a snapshot's state).
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(M)sms'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacted": {
            "()": "shelters.redaction.RedactingFormatter",
            "format": "%(asctime)s [%(process)d] %(levelname)s %(name)s %(message)s",
        },
        "request_line": {
            "()": "shelters.redaction.RequestLineFormatter",
            "format": "%(asctime)s [%(process)d] %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "redacted",
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "request_line",
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
