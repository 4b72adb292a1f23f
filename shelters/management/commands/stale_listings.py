"""Print, per organisation, the listings due for verification, and those that serve
Spanish speakers but have no Spanish description: for a reminder email or a cron
job. Exits 0 either way; prints nothing when nothing is due."""

from itertools import groupby

from django.conf import settings
from django.core.management.base import BaseCommand

from shelters import i18n
from shelters.models import Hotline, MedicalService, Shelter


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        due, untranslated = [], []
        for model in (Shelter, MedicalService, Hotline):
            for listing in model.objects.verification_due().select_related("organization"):
                due.append((listing.organization.name, model._meta.verbose_name, listing))
            for listing in i18n.missing_spanish(model.objects.select_related("organization")):
                untranslated.append((listing.organization.name, model._meta.verbose_name, listing))
        self.report(due, lambda listing: "last verified: " + (
            listing.last_verified.isoformat() if listing.last_verified else "never"
        ))  # fmt: skip
        if due:
            self.stdout.write(
                f"{len(due)} listing(s) not verified within "
                f"{settings.VERIFICATION_MAX_AGE_DAYS} days."
            )
        self.report(untranslated, lambda listing: "serves Spanish speakers, no Spanish text")
        if untranslated:
            self.stdout.write(
                f"{len(untranslated)} listing(s) serve Spanish speakers without a Spanish "
                "description."
            )

    def report(self, rows, note) -> None:
        rows.sort(key=lambda row: (row[0], row[1], row[2].name))
        for organization, group in groupby(rows, key=lambda row: row[0]):
            self.stdout.write(organization)
            for _org, kind, listing in group:
                self.stdout.write(f"  {kind}: {listing.name} ({note(listing)})")
