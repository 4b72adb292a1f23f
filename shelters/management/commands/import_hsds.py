"""Load an Open Referral HSDS 3.0 JSON package, as export_hsds writes it."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from shelters import hsds, privacy


class Command(BaseCommand):
    help = (
        "Load FILE, an HSDS 3.0 package of services. Listings are matched by their HSDS "
        "id: new ones are created as published; known ones are updated but keep their "
        "true location, publication authorisation, status and any more private "
        "disclosure level (see shelters.privacy.import_overwrites). The package is "
        "validated first, and a package with any error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--publish-existing",
            action="store_true",
            help="Also publish listings already stored here (drafts and archived ones).",
        )
        parser.add_argument(
            "--publication-authorized-by",
            default="",
            metavar="WHO",
            help="Who gave written authorisation to publish the full addresses of the "
            "new shelters the package lists as public (recorded as given today). "
            "Without it, such shelters arrive area-only.",
        )

    def handle(
        self,
        *args,
        file: str,
        publish_existing: bool = False,
        publication_authorized_by: str = "",
        **options,
    ):
        policy = privacy.ImportPolicy(
            publish_existing=publish_existing, authorized_by=publication_authorized_by.strip()
        )
        try:
            with open(file, encoding="utf-8") as source:
                package = json.load(source)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            counts = hsds.import_package(package, policy)
        except hsds.HSDSError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {counts['shelter']} shelters, {counts['medical_service']} medical "
                f"services and {counts['hotline']} hotlines; skipped {counts['skipped']} "
                "services that are not this directory's listings."
            )
        )
