"""Bed-report tokens: what a shelter's phone uses to report beds without a session.

A token is issued to one person for one organisation's bed counts and nothing
else. It expires after BED_TOKEN_LIFETIME_DAYS. The database keeps only the
SHA-256 digest of its secret (the secret is 256 random bits, so a plain digest
is as good as a slow password hash and costs nothing per request) and a keyed
hash of what made the person eligible when it was issued: her password hash,
active and staff status, Advocates group and membership of the organisation.
Each use recomputes that hash, and a token whose holder changed password, lost
(or gained) a role or left the organisation is deleted on the spot, on every
path the change may have taken (admin, shell, bulk update, another helper).

Accounts whose admin sign-in needs a second factor (coalition staff and
superusers with ADMIN_TOTP_REQUIRED_FOR_COALITION) cannot hold one: a bearer
token would let them act without it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from shelters import roles, signin
from shelters.models import BedToken, Membership, Organization

PREFIX_LENGTH = 8


class TokenRefused(ValueError):
    """The person may not hold a bed token for that organisation; the message says why."""


@dataclass(frozen=True)
class Issued:
    token: BedToken
    secret: str  # shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def credentials(user, organization_id: int) -> str:
    """A keyed hash of everything whose change must revoke the token."""
    groups = ",".join(sorted(user.groups.values_list("name", flat=True)))
    member = Membership.objects.filter(user=user, organization_id=organization_id).exists()
    state = "|".join(
        str(part)
        for part in (user.pk, user.password, user.is_active, user.is_staff,
                     user.is_superuser, groups, organization_id, member)
    )  # fmt: skip
    return salted_hmac("shelters.bed_tokens.credentials", state, algorithm="sha256").hexdigest()


def refusal(user, organization_id: int) -> str:
    """Why `user` may not report beds for the organisation with a token; "" if she may."""
    if not (user.is_active and user.is_staff):
        return "The account is not active staff."
    if not user.groups.filter(name=roles.ADVOCATES_GROUP).exists():
        return f"The account is not in the {roles.ADVOCATES_GROUP} group."
    if not Membership.objects.filter(user=user, organization_id=organization_id).exists():
        return "The account is not a member of that organisation."
    if signin.totp_required(user):
        return (
            "This account signs in with a second factor; a bearer token would bypass it. "
            "Issue the token to the shelter's own advocate account."
        )
    return ""


def issue(user, organization: Organization) -> Issued:
    """A new token for `user` to report `organization`'s beds; raises TokenRefused."""
    why_not = refusal(user, organization.pk)
    if why_not:
        raise TokenRefused(why_not)
    secret = secrets.token_urlsafe(32)
    token = BedToken.objects.create(
        user=user,
        organization=organization,
        prefix=secret[:PREFIX_LENGTH],
        digest=_digest(secret),
        credentials=credentials(user, organization.pk),
        expires_at=timezone.now() + timedelta(days=settings.BED_TOKEN_LIFETIME_DAYS),
    )
    return Issued(token, secret)


def holder(secret: str) -> BedToken | None:
    """The live token for `secret`, or None. A token found expired or no longer
    matching its holder's password and role is deleted."""
    if len(secret) < PREFIX_LENGTH:
        return None
    digest = _digest(secret)
    for token in BedToken.objects.filter(prefix=secret[:PREFIX_LENGTH]).select_related("user"):
        if not hmac.compare_digest(token.digest, digest):
            continue
        user = token.user
        still_valid = (
            token.expires_at > timezone.now()
            and hmac.compare_digest(token.credentials, credentials(user, token.organization_id))
            and not refusal(user, token.organization_id)
        )
        if not still_valid:
            token.delete()
            return None
        return token
    return None
