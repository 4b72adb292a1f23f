"""Regenerate stale directory snapshots, off the request path (shelters.snapshots).

Once: `manage.py refresh_snapshots` (make run does this before serving, so a fresh
database has snapshots at once). Continuously: `--watch`, which gunicorn.conf.py
starts beside the workers, so `make run` and docker compose keep snapshots fresh
with no other process to run.
"""

from __future__ import annotations

import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from shelters import snapshots

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Regenerate stale directory snapshots (once, or every few seconds with --watch)."

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
            self.report(snapshots.refresh())
            return
        parent = os.getppid()
        while os.getppid() == parent:
            try:
                self.report(snapshots.refresh())
            except Exception:  # the database may be restarting: try again next time
                logger.exception("Snapshot refresh failed; trying again shortly.")
                connection.close()
            close_old_connections()
            time.sleep(settings.SNAPSHOT_REFRESH_SECONDS)

    def report(self, regions: list[str]) -> None:
        if regions and self.verbosity:
            self.stdout.write(f"Snapshots generated: {', '.join(regions)}")
