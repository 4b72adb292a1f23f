from django.core.management.base import BaseCommand
from django.db import transaction

from shelters import privacy
from shelters.models import MedicalService, Shelter


class Command(BaseCommand):
    help = (
        "Derive every listing's public location again, e.g. after LOCATION_GRID_KM "
        "changed. Safe to run at any time."
    )

    def handle(self, *args, **options):
        for model in (Shelter, MedicalService):
            changed = []
            for listing in model.objects.iterator(chunk_size=2000):
                before = [getattr(listing, field) for field in privacy.PUBLIC_LOCATION_FIELDS]
                privacy.refresh_public_fields(listing)
                if [getattr(listing, field) for field in privacy.PUBLIC_LOCATION_FIELDS] != before:
                    changed.append(listing)
            with transaction.atomic():
                model.objects.bulk_update(changed, privacy.PUBLIC_LOCATION_FIELDS, batch_size=1000)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(changed)} updated")
