"""Write the published directory as an Open Referral HSDS 3.0 JSON package."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from shelters import hsds


class Command(BaseCommand):
    help = (
        "Write every published listing as an HSDS 3.0 service (organisation, phones, "
        "schedules, languages, service areas, location; beds as service_capacity) to FILE, "
        "or to standard output. Confidential shelters' locations are reduced exactly as "
        "the public API reduces them. Each service is validated against the HSDS schemas."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if omitted.")

    def handle(self, *args, file: str | None, **options):
        package = hsds.export_package()
        errors = hsds.validation_errors(package)
        if errors:
            raise CommandError("The export does not validate:\n" + "\n".join(errors[:20]))
        text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
        if file:
            with open(file, "w", encoding="utf-8") as out:
                out.write(text)
            self.stderr.write(f"Wrote {len(package['services'])} services to {file}.")
        else:
            sys.stdout.write(text)
