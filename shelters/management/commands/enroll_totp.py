"""Enrol an authenticator app for a staff member's two-factor admin sign-in."""

from __future__ import annotations

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Create a TOTP device for USERNAME and print the otpauth:// link and a QR code "
        "to scan with an authenticator app. Show it only to that person: it is their secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the person's existing authenticators first (a lost phone).",
        )

    def handle(self, *args, username: str, replace: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=None)
        if devices.exists() and not replace:
            raise CommandError(f"{username} already has an authenticator; use --replace.")
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

        picture = qrcode.QRCode(border=1)
        picture.add_data(device.config_url)
        text = io.StringIO()
        picture.print_ascii(out=text, invert=True)
        self.stdout.write(text.getvalue())
        self.stdout.write(device.config_url)
        self.stdout.write(
            self.style.SUCCESS(f"Enrolled an authenticator for {username}: scan the code above.")
        )
