"""Regenerate stale directory snapshots and availability feeds, off the request path
(shelters.snapshots, shelters.feeds).

Once: `manage.py refresh_snapshots` (make run does this before serving, so a fresh
database has snapshots at once). Continuously: `--watch`, which gunicorn.conf.py
starts beside the workers, so `make run` and docker compose keep snapshots and feeds
fresh with no other process to run. With --watch the feeds have a thread of their
own: a national snapshot takes seconds to build, and a bed report must not wait
for it.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from shelters import feeds, snapshots

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Regenerate stale directory snapshots and availability feeds (once, or every "
        "few seconds with --watch)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--watch",
            action="store_true",
            help="Keep looking every SNAPSHOT_REFRESH_SECONDS; stop when the parent "
            "process (gunicorn) goes.",
        )

    def handle(self, *args, watch: bool, verbosity: int = 1, **options):
        self.verbosity = verbosity
        if not watch:
            self.report("Availability feeds", feeds.refresh())
            self.report("Snapshots", snapshots.refresh())
            return
        parent = os.getppid()
        feed_watcher = threading.Thread(
            target=self.watch, args=("Availability feeds", feeds.refresh, parent), daemon=True
        )
        feed_watcher.start()
        self.watch("Snapshots", snapshots.refresh, parent)

    def watch(self, what: str, refresh, parent: int) -> None:
        """Refresh every SNAPSHOT_REFRESH_SECONDS while the parent process lives.
        (Each thread has its own database connection.)"""
        while os.getppid() == parent:
            try:
                self.report(what, refresh())
            except Exception:  # the database may be restarting: try again next time
                logger.exception("%s refresh failed; trying again shortly.", what)
                connection.close()
            close_old_connections()
            time.sleep(settings.SNAPSHOT_REFRESH_SECONDS)

    def report(self, what: str, regions: list[str]) -> None:
        if regions and self.verbosity:
            self.stdout.write(f"{what} generated: {', '.join(regions)}")
