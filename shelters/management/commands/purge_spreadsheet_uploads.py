"""Delete spreadsheet uploads older than SPREADSHEET_UPLOAD_MAX_AGE_MINUTES (run it
from cron where imports are rare: each import also sweeps)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from shelters import spreadsheet_uploads


class Command(BaseCommand):
    help = "Delete spreadsheet uploads older than SPREADSHEET_UPLOAD_MAX_AGE_MINUTES."

    def handle(self, *args, **options):
        deleted = spreadsheet_uploads.sweep()
        self.stdout.write(f"{deleted} expired upload(s) deleted.")
