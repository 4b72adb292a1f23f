"""Build the ZIP gazetteer's read-only file (shelters.gazetteer) from the installed
`zipcodes` package, unless it is there already. `make install` and the Docker image
run it; a worker that finds no file builds it on first use."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from shelters import gazetteer


class Command(BaseCommand):
    help = "Build the ZIP gazetteer file in GAZETTEER_DIR (var/ by default) if it is missing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild even if it exists.")

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        path = Path(settings.GAZETTEER_DIR) / gazetteer.file_name()
        if path.exists() and not force:
            if verbosity:
                self.stdout.write(f"{path} is there already.")
            return
        started = time.perf_counter()
        gazetteer.build(path)
        elapsed = time.perf_counter() - started
        if verbosity:
            self.stdout.write(f"Built {path} ({path.stat().st_size:,} bytes) in {elapsed:.1f} s.")
