from django.core.management.base import BaseCommand
from django.db import transaction

from shelters import privacy, snapshots
from shelters.models import MedicalService, Shelter

PUBLIC_FIELDS = [
    "public_latitude",
    "public_longitude",
    "public_city",
    "public_county",
    "public_postal_code",
]


class Command(BaseCommand):
    help = (
        "Derive every listing's public location again, e.g. after LOCATION_GRID_KM "
        "changed. Safe to run at any time."
    )

    def handle(self, *args, **options):
        for model in (Shelter, MedicalService):
            changed = []
            for listing in model.objects.iterator(chunk_size=2000):
                before = [getattr(listing, field) for field in PUBLIC_FIELDS]
                privacy.refresh_public_fields(listing)
                if [getattr(listing, field) for field in PUBLIC_FIELDS] != before:
                    changed.append(listing)
            with transaction.atomic():
                model.objects.bulk_update(changed, PUBLIC_FIELDS, batch_size=1000)
                # bulk_update sends no post_save: do what shelters.signals would have
                # done, or snapshots keep the old cells while the API shows the new
                # ones, and comparing the two narrows a confidential shelter's cell.
                if changed:
                    snapshots.mark_stale({listing.state for listing in changed})
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(changed)} updated")
