"""What every public page shows around its content: the exit, the help numbers,
the language switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from shelters.choices import MedicalKind
from shelters.public import dial_string

SPANISH_PREFIX = "/es"
MEDICAL_KINDS = frozenset(MedicalKind.values)


def other_language_url(request: HttpRequest) -> str:
    """The same page in the other language (English <-> Spanish)."""
    path = request.path
    if path == SPANISH_PREFIX or path.startswith(SPANISH_PREFIX + "/"):
        target = path[len(SPANISH_PREFIX) :] or "/"
    else:
        target = SPANISH_PREFIX + path
    # One leading slash, always: from "/es//evil.example/" (or "/es/\\evil.example/",
    # a backslash being a slash to a browser) the link would leave this site.
    target = "/" + target.lstrip("/\\")
    query = request.GET.urlencode()
    return f"{target}?{query}" if query else target


def local_url(path: str) -> str:
    """`path` (an English URL) under the active language's prefix."""
    return (SPANISH_PREFIX + path) if translation.get_language() == "es" else path


def page_context(request: HttpRequest) -> dict:
    language = translation.get_language()
    return {
        "language": language,
        "other_language_url": other_language_url(request),
        "home_url": local_url("/"),
        "detail_prefix": local_url("/"),
        "medical_kinds": MEDICAL_KINDS,
        "safety_url": local_url("/safety/"),
        "exit_url": settings.EXIT_PAGE_URL,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "hotline_number": settings.NATIONAL_HOTLINE_NUMBER,
        "hotline_dial": dial_string(settings.NATIONAL_HOTLINE_NUMBER),
    }
