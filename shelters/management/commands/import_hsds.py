"""Load an Open Referral HSDS 3.0 JSON package, as export_hsds writes it."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from shelters import hsds


class Command(BaseCommand):
    help = (
        "Load FILE, an HSDS 3.0 package of services. Listings are matched by their HSDS "
        "id: known ones are updated, new ones created, as published. The package is "
        "validated first, and a package with any error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        try:
            with open(file, encoding="utf-8") as source:
                package = json.load(source)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            counts = hsds.import_package(package)
        except hsds.HSDSError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {counts['shelter']} shelters, {counts['medical_service']} medical "
                f"services and {counts['hotline']} hotlines; skipped {counts['skipped']} "
                "services that are not this directory's listings."
            )
        )
