"""Print, per organisation, the listings due for verification: for a reminder email
or a cron job. Exits 0 either way; prints nothing when nothing is due."""

from itertools import groupby

from django.conf import settings
from django.core.management.base import BaseCommand

from shelters.models import Hotline, MedicalService, Shelter


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        due = []
        for model in (Shelter, MedicalService, Hotline):
            for listing in model.objects.verification_due().select_related("organization"):
                due.append((listing.organization.name, model._meta.verbose_name, listing))
        due.sort(key=lambda row: (row[0], row[1], row[2].name))
        for organization, rows in groupby(due, key=lambda row: row[0]):
            self.stdout.write(organization)
            for _org, kind, listing in rows:
                verified = listing.last_verified.isoformat() if listing.last_verified else "never"
                self.stdout.write(f"  {kind}: {listing.name} (last verified: {verified})")
        if due:
            self.stdout.write(
                f"{len(due)} listing(s) not verified within "
                f"{settings.VERIFICATION_MAX_AGE_DAYS} days."
            )
