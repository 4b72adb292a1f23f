"""`Authorization: Token <secret>` for the bed-report endpoint (shelters.bed_tokens)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from shelters import bed_tokens


class BedTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the header as: Token <secret>.")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = bed_tokens.holder(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "Invalid, expired or revoked token: ask for a new one."
            )
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class BedTokenScheme(OpenApiAuthenticationExtension):
    """Describes the bed-report token in the OpenAPI schema."""

    target_class = BedTokenAuthentication
    name = "bedReportToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <secret>`, from `manage.py issue_bed_token`; one "
            "organisation's bed reporting only, expiring, revoked when the holder's "
            "password or role changes.",
        }
