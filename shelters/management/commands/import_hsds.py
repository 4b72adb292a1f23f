"""Load Open Referral HSDS 3.0 services, as publishers and our own export write them."""

from __future__ import annotations

import contextlib
import json
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from shelters import access
from shelters.choices import Coverage
from shelters.hsds import HSDSError
from shelters.hsds.load import Options, import_source
from shelters.hsds.mapping import LISTING_TYPES
from shelters.models import Organization


class Command(BaseCommand):
    help = (
        "Load PATH: one HSDS 3.0 service or organisation, an HSDS API page, a JSON array, "
        "NDJSON, a package ({'services': [...]}) or a folder of such files, as the user "
        "named by --as. Every record is reported with its id and name; if any is refused, "
        "nothing is written and the command fails. New listings arrive as drafts unless "
        "--publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A JSON/NDJSON file or a folder of them.")
        parser.add_argument("--as", dest="acting_user", required=True, metavar="USERNAME",
                            help="Who runs the import: it touches only listings of "
                            "organisations this user may keep.")  # fmt: skip
        parser.add_argument("--organization", metavar="NAME_OR_HSDS_ID",
                            help="Put every listing under this organisation (one the user "
                            "may keep) instead of the organisations the file names.")  # fmt: skip
        parser.add_argument("--type", dest="listing_type", choices=LISTING_TYPES,
                            help="The kind of listing for services whose taxonomy terms "
                            "do not say (our own listing_type attribute still wins).")  # fmt: skip
        parser.add_argument(
            "--coverage",
            choices=[Coverage.NATIONAL],
            help="Take hotlines without any service area as national.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish new listings (otherwise they arrive as drafts).",
        )
        parser.add_argument("--publication-authorized-by", default="", metavar="WHO",
                            help="Who gave written authorisation to publish the full "
                            "addresses of the new shelters the file lists as public (recorded "
                            "as given today). Without it they arrive area-only.")  # fmt: skip
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report everything; write nothing."
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="How to print the report."
        )
        parser.add_argument(
            "--report-json", metavar="FILE", help="Also write the report as JSON to FILE."
        )

    def handle(self, *args, path: str, acting_user: str, **options):
        user = get_user_model().objects.filter(username=acting_user, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {acting_user!r}: name who runs the import.")
        organization = self._organization(options.get("organization"), user)
        settings = Options(
            user=user,
            publish=options.get("publish", False),
            authorized_by=options.get("publication_authorized_by") or "",
            listing_type=options.get("listing_type"),
            coverage=options.get("coverage"),
            organization=organization,
            dry_run=options.get("dry_run", False),
        )
        try:
            report = import_source(path, settings)
        except HSDSError as error:
            raise CommandError(f"Nothing was written: {error}") from None
        if options.get("report_json"):
            Path(options["report_json"]).write_text(json.dumps(report.as_dict(), indent=2))
        if options.get("format") == "json":
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            self.stdout.write("\n".join(report.lines()))
        if report.refused:
            raise CommandError(
                f"{len(report.refused)} of {len(report.outcomes)} records refused "
                "(see the report); nothing was written."
            )

    def _organization(self, wanted: str | None, user) -> Organization | None:
        if not wanted:
            return None
        found = Organization.objects.filter(name=wanted)
        with contextlib.suppress(ValueError):
            found = found | Organization.objects.filter(hsds_id=uuid.UUID(wanted))
        organization = found.first()
        if organization is None:
            raise CommandError(f"No organisation {wanted!r}.")
        if not access.may_keep(user, organization.pk):
            raise CommandError(f"{organization.name!r} is not one of {user}'s organisations.")
        return organization
