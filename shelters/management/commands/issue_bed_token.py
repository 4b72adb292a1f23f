"""Issue a bed-report token: printed once, stored only as a digest."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from shelters import bed_tokens
from shelters.models import BedToken, Organization


class Command(BaseCommand):
    help = (
        "Issue USERNAME a token to report beds for ORGANISATION (its id or exact name) "
        "through the availability API. The secret is printed once and cannot be shown "
        "again; --revoke deletes the person's tokens for that organisation instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("organization", help="The organisation's id or exact name.")
        parser.add_argument("--revoke", action="store_true", help="Delete instead of issue.")

    def handle(self, *args, username: str, organization: str, revoke: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        lookup = (
            {"pk": int(organization)}
            if organization.isascii() and organization.isdigit()
            else {"name": organization}
        )
        try:
            org = Organization.objects.get(**lookup)
        except (Organization.DoesNotExist, Organization.MultipleObjectsReturned):
            raise CommandError(f"No single organisation {organization!r}.") from None
        if revoke:
            deleted, _ = BedToken.objects.filter(user=user, organization=org).delete()
            self.stdout.write(f"Revoked {deleted} token(s) of {username} for {org.name}.")
            return
        try:
            issued = bed_tokens.issue(user, org)
        except bed_tokens.TokenRefused as refused:
            raise CommandError(f"No token for {username} at {org.name}: {refused}") from None
        self.stdout.write(
            f"Bed-report token for {username} at {org.name}, valid until "
            f"{issued.token.expires_at:%Y-%m-%d %H:%M} UTC "
            f"({settings.BED_TOKEN_LIFETIME_DAYS} days). It is shown only now:\n"
        )
        self.stdout.write(issued.secret)
