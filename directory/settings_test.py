"""Settings for the test suite: the production settings with test-only relaxations."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Tests send thousands of requests from one address; the throttle has its own test.
os.environ.setdefault("PUBLIC_THROTTLE_RATE", "1000000/min")
# Admin tests sign in with force_login; tests/test_admin_sign_in.py turns this on.
os.environ.setdefault("ADMIN_TOTP_REQUIRED_FOR_COALITION", "0")

from directory.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "import_export": STORAGES["import_export"],  # noqa: F405
}

# WhiteNoise warns about a missing static root; tests serve no collected files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
