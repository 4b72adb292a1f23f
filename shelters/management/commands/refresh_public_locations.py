from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from shelters import privacy, snapshots
from shelters.models import MedicalService, Shelter


class Command(BaseCommand):
    help = (
        "Derive every listing's public location again, e.g. after LOCATION_GRID_KM "
        "changed. Safe to run at any time."
    )

    def handle(self, *args, **options):
        for model in (Shelter, MedicalService):
            changed = []
            now = timezone.now()
            for listing in model.objects.iterator(chunk_size=2000):
                before = [getattr(listing, field) for field in privacy.PUBLIC_LOCATION_FIELDS]
                privacy.refresh_public_fields(listing)
                if [getattr(listing, field) for field in privacy.PUBLIC_LOCATION_FIELDS] != before:
                    listing.public_updated_at = now
                    changed.append(listing)
            with transaction.atomic():
                fields = [*privacy.PUBLIC_LOCATION_FIELDS, "public_updated_at"]
                model.objects.bulk_update(changed, fields, batch_size=1000)
                # bulk_update sends no signals and skips save(): do what shelters.signals
                # and shelters.derived would have done (the public point is a public
                # field, so its stamp moves), or snapshots keep the old cells while
                # the API shows the new ones, and comparing the two narrows a
                # confidential shelter's cell.
                if changed:
                    snapshots.mark_stale({listing.state for listing in changed})
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(changed)} updated")
