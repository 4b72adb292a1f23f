"""Signing in to the admin: a password, then a TOTP code where one is needed.

A code is needed from anyone who has enrolled an authenticator, and from
coalition staff and superusers (who can see every confidential address) when
ADMIN_TOTP_REQUIRED_FOR_COALITION is on. The admin site admits a session only
once it has passed that check, so a password alone reaches no admin page.
Repeated failed passwords lock the account for a while (django-axes, keyed on
the username so that advocates behind one office proxy are not locked out
together).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.text import format_lazy
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from rest_framework.throttling import BaseThrottle

from shelters import access


def totp_required(user) -> bool:
    """Must this user give a code to reach the admin?"""
    if not user.is_authenticated:
        return False
    if user_has_device(user, confirmed=True):
        return True
    return settings.ADMIN_TOTP_REQUIRED_FOR_COALITION and access.sees_everything(user)


class AdminSignInForm(AdminAuthenticationForm, OTPAuthenticationFormMixin):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": format_lazy(
            "{} If your account signs in with a code from an authenticator app, enter "
            "that code too; if none is enrolled for you yet, ask an administrator to run "
            "`manage.py enroll_totp` for you.",
            AdminAuthenticationForm.error_messages["invalid_login"],
        ),
    }
    otp_device = forms.CharField(required=False, widget=forms.Select)
    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False)

    def _chosen_device(self, user):
        """With one authenticator there is nothing to choose: use it."""
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user))
            if len(devices) == 1:
                device = devices[0]
        return device

    def _update_form(self, user):
        """django-otp would now fill in the password and list the user's devices:
        both only after a right password, so both would tell a guesser it was."""

    def clean(self):
        """A right password without the second factor gets the very answer a wrong
        one gets, and counts as a failure for the lockout: anything else tells a
        guesser that the password of a coalition account is right."""
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and totp_required(user):
            try:
                if not user_has_device(user, confirmed=True):
                    raise forms.ValidationError("no authenticator", code="totp_not_enrolled")
                self.clean_otp(user)
            except forms.ValidationError:
                self.user_cache = None  # the page must not offer this user's devices
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned.get("username")},
                    request=self.request,
                )
                raise self.get_invalid_login_error() from None
        return cleaned


class DirectoryAdminSite(admin.AdminSite):
    site_header = "Shelter directory administration"
    site_title = "Shelter directory"
    login_form = AdminSignInForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return request.user.is_verified() or not totp_required(request.user)


def client_address(request) -> str | None:
    """The address axes records for a failed sign-in, found by the same rule as the
    public throttle's: through as many proxies as NUM_PROXIES says are ours."""
    return BaseThrottle().get_ident(request)
