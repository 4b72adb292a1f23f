from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from shelters.models import Hotline, Shelter

FIXTURES = ["national_hotlines.json", "sample_directory.json"]


def fixture_paths() -> list[str]:
    """The fixtures in the project's fixtures folder, found from BASE_DIR and not
    from the working directory: the command runs from cron, containers and tests."""
    folder = Path(settings.BASE_DIR) / "fixtures"
    return [str(folder / name) for name in FIXTURES]


class Command(BaseCommand):
    help = (
        "Load the national hotlines (real public numbers) and the fictional sample "
        "directory. Sample shelters' bed counts are stamped as reported now, so that a "
        "demo shows current availability."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds listings (never overwrite edits).",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and (Shelter.objects.exists() or Hotline.objects.exists()):
            self.stdout.write("Listings already present: sample data not loaded.")
            return
        with transaction.atomic():
            call_command("loaddata", *fixture_paths(), verbosity=0)
            stamped = Shelter.objects.filter(name__endswith="(fictional sample)").update(
                beds_updated_at=timezone.now()
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Hotline.objects.count()} hotlines and {Shelter.objects.count()} "
                f"shelters ({stamped} sample bed counts stamped as current)."
            )
        )
