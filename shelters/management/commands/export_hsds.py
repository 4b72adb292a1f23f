"""Write the published directory as an Open Referral HSDS 3.0 JSON package."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from shelters import hsds
from shelters.hsds.common import PROFILE_30, PROFILES
from shelters.hsds.schemas import strict_errors


class Command(BaseCommand):
    help = (
        "Write every published listing as an HSDS 3.0 service (organisation, phones, "
        "schedules, languages, service areas, location) to FILE, or to standard output. "
        "Confidential shelters' locations are reduced exactly as the public API reduces "
        "them. Every object is validated strictly (no property outside the schema, formats "
        "checked) against the HSDS schemas shipped with the project. --profile 3.1 adds "
        "current bed counts as the HSDS 3.1 draft's service_capacity."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if omitted.")
        parser.add_argument(
            "--profile",
            choices=PROFILES,
            default=PROFILE_30,
            help="3.0 (default): strict HSDS 3.0. 3.1: also bed counts as `capacities` "
            "(HSDS 3.1 draft service_capacity), which strict 3.0 consumers refuse.",
        )

    def handle(self, *args, file: str | None, profile: str, **options):
        try:
            package = hsds.export_package(profile=profile)
            errors = strict_errors(package, profile=profile)
        except hsds.HSDSError as error:
            raise CommandError(str(error)) from None
        if errors:
            raise CommandError("The export does not validate:\n" + "\n".join(errors[:20]))
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        if file:
            with open(file, "w", encoding="utf-8") as out:
                out.write(text)
            self.stderr.write(f"Wrote {len(package['services'])} services to {file}.")
        else:
            sys.stdout.write(text)
