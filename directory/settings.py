"""Settings for the shelter directory, read from the environment.

Defaults are safe for production: DEBUG is off, a SECRET_KEY is required, and
security headers are on. `make run` sets DEBUG=1 for a local developer.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: it adds the Spanish columns.
    "modeltranslation",
    "directory.apps.DirectoryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "shelters",
]

MIDDLEWARE = [
    # First: a body too large is refused before any other middleware could read it.
    "shelters.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses large public API answers only; see its docstring on BREACH.
    "shelters.middleware.PublicApiGZipMiddleware",
    "shelters.middleware.ReferrerPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shelters.middleware.NoPublicCookiesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Public reads to a replica, writes (and what follows them) to the primary.
    "shelters.db_routing.ReadRoutingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets change history name the advocate behind inline phone and hours edits.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "directory.urls"
WSGI_APPLICATION = "directory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is SQLite in var/; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A persistent connection to a file database buys nothing and keeps locks around.
    DATABASES["default"]["CONN_MAX_AGE"] = 0


# Behind PgBouncer in transaction pooling mode (README "PgBouncer"): a transaction
# may run on any server connection, so nothing may outlive one. Server-side cursors
# (named cursors held across fetches) and psycopg's automatic prepared statements
# (made per server connection after 5 runs) are off; the `options` startup
# parameter, which PgBouncer refuses, is not sent (set jit=off on the database).
DATABASE_POOL_MODE = env_str("DATABASE_POOL_MODE", "")
if DATABASE_POOL_MODE not in {"", "session", "transaction"}:
    raise ImproperlyConfigured("DATABASE_POOL_MODE must be empty, session or transaction.")


def _postgres_settings(database: dict) -> dict:
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    if DATABASE_POOL_MODE == "transaction":
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        database.setdefault("OPTIONS", {})["prepare_threshold"] = None
    else:
        # No JIT compilation: the open_now filter's subplans make the planner's cost
        # estimates huge, so PostgreSQL JIT-compiled a 25 ms page for a whole second.
        # The API's queries are short; JIT only ever pays off for long analytic ones.
        database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return database


_postgres_settings(DATABASES["default"])

# Read replicas (shelters.db_routing): PostgreSQL streaming replicas of the primary,
# comma-separated URLs, none by default. Anonymous public reads go to one of them
# while it answers and is at most REPLICA_MAX_LAG_SECONDS behind.
DATABASE_REPLICAS: list[str] = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _replica = dj_database_url.parse(
        _url, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
    )
    _postgres_settings(_replica)
    # A replica that is down must not hold a request for long before the primary answers.
    _replica.setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("REPLICA_CONNECT_TIMEOUT", 2)
    )
    # The test runner creates no database on a replica: it stands for the primary.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
DATABASE_ROUTERS = ["shelters.db_routing.ReplicaRouter"]
REPLICA_MAX_LAG_SECONDS = env_float("REPLICA_MAX_LAG_SECONDS", 30.0)
# How often each process asks a replica how far behind it is.
REPLICA_CHECK_SECONDS = env_float("REPLICA_CHECK_SECONDS", 5.0)
# After a signed-in user writes, her requests read the primary for this long.
PRIMARY_PIN_SECONDS = env_float("PRIMARY_PIN_SECONDS", 10.0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
# The languages public text and vocabulary labels come in (shelters.translation).
# The language of an answer is chosen per request from `lang` or Accept-Language,
# never from a cookie or the session.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
# Reading a translated field as itself (listing.description) gives the English text;
# the public payload picks the language and its fallback itself (shelters.translation).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes (the browser tests' HTTPS server collects into a temp dir).
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "var" / "static")
# Leaflet for the admin's map preview, served from our own static files.
STATICFILES_DIRS = [("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security: on unless DEBUG. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Our own pages send their URL only to ourselves, never to another site. Not
# "no-referrer": under it browsers send `Origin: null` with same-origin POSTs and
# the CSRF check refuses every form (the admin's sign-in first). The public API
# and health check answer "no-referrer" (shelters.middleware.ReferrerPolicyMiddleware).
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# Sessions end after this long without a request (only the admin and the staff
# console, which signs in through it, have sessions; each request renews them).
SESSION_COOKIE_AGE = env_int("ADMIN_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Admin sign-in (shelters.signin): lock an account after repeated failed passwords,
# and ask coalition staff and superusers for a TOTP code.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("ADMIN_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOCKOUT_MINUTES", 30))
# By username: by address, one office proxy would lock out every advocate behind it.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# axes warns that username-only lockout lets one address try many usernames; the
# password validators and two-factor sign-in answer that, where an address lockout
# would shut a whole office out.
# SQLite keeps the located-count indexes (shelters.models.place_indexes) without
# their included columns; they only speed up PostgreSQL's index-only counts.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_CLIENT_IP_CALLABLE = "shelters.signin.client_address"
# Failed attempts are kept (the lockout needs them); successful sign-ins are not.
AXES_DISABLE_ACCESS_LOG = True
# Geocoding a listing saved without coordinates (shelters.geocoding): "offline"
# uses the embedded ZIP gazetteer and sends nothing anywhere; "nominatim" asks a
# Nominatim server (OpenStreetMap's, or your own at GEOCODER_DOMAIN), never for a
# confidential shelter. Nominatim's usage policy requires a user agent naming you.
GEOCODER = env_str("GEOCODER", "offline")
if GEOCODER not in {"offline", "nominatim"}:
    raise ImproperlyConfigured("GEOCODER must be offline or nominatim.")
GEOCODER_USER_AGENT = env_str("GEOCODER_USER_AGENT", "")
if GEOCODER == "nominatim" and not GEOCODER_USER_AGENT:
    raise ImproperlyConfigured(
        "GEOCODER=nominatim needs GEOCODER_USER_AGENT (e.g. 'shelter-directory/1.0 you@org')."
    )
GEOCODER_DOMAIN = env_str("GEOCODER_DOMAIN", "nominatim.openstreetmap.org")
GEOCODER_SCHEME = env_str("GEOCODER_SCHEME", "https")
# The deadline of one whole geocoding call, waiting for its turn included
# (shelters.geocoding): a save is never held longer than this by the geocoder.
GEOCODER_TIMEOUT = env_float("GEOCODER_TIMEOUT", 3.0)
# Nominatim's usage policy: at most one request a second (the whole process).
GEOCODER_MIN_INTERVAL = env_float("GEOCODER_MIN_INTERVAL", 1.0)
# The admin's location preview. Tile requests tell the tile server where the map
# is: confidential shelters get coarse tiles (area-only) or none (hidden). Off
# unless set, so that no admin page asks another host for anything; e.g.
# https://tile.openstreetmap.org/{z}/{x}/{y}.png or your own tile server.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")

# Spreadsheet import and export in the admin (shelters.spreadsheets): importing
# needs the change permission, exporting the view permission; an import with any
# bad row writes nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Bounds on what comes in (shelters.spreadsheet_formats, shelters.request_limits). A
# request whose declared body is larger than REQUEST_MAX_BYTES is answered 413 before
# anything reads it; only the admin's spreadsheet import accepts more, a file of up
# to SPREADSHEET_IMPORT_MAX_BYTES. Set the proxy's limit (nginx client_max_body_size)
# to the import's, so that larger bodies never reach a worker.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_MAX_BYTES", 2_500_000)
REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
# Uploads larger than this are written to a temporary file, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
SPREADSHEET_IMPORT_MAX_BYTES = env_int("SPREADSHEET_IMPORT_MAX_BYTES", 5_000_000)
SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES = env_int("SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES", 50_000_000)
SPREADSHEET_IMPORT_MAX_ROWS = env_int("SPREADSHEET_IMPORT_MAX_ROWS", 10_000)
SPREADSHEET_IMPORT_MAX_COLUMNS = env_int("SPREADSHEET_IMPORT_MAX_COLUMNS", 100)
# The ZIP gazetteer's read-only file (shelters.gazetteer), built from the `zipcodes`
# package by `make install`, the Docker image, `manage.py build_gazetteer` or on first use.
GAZETTEER_DIR = Path(env_str("GAZETTEER_DIR") or BASE_DIR / "var")
# An uploaded spreadsheet waits here between its preview and its confirmation, and is
# deleted on confirmation or after this many minutes (shelters.spreadsheet_uploads).
SPREADSHEET_UPLOAD_DIR = Path(env_str("SPREADSHEET_UPLOAD_DIR") or BASE_DIR / "var" / "uploads")
SPREADSHEET_UPLOAD_MAX_AGE_MINUTES = env_int("SPREADSHEET_UPLOAD_MAX_AGE_MINUTES", 30)
IMPORT_EXPORT_TMP_STORAGE_CLASS = "shelters.spreadsheet_uploads.UploadStorage"
STORAGES["import_export"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(SPREADSHEET_UPLOAD_DIR), "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700},
}  # fmt: skip
# How long an import may spend, after it has committed, asking the geocoder for the
# street-address points of its rows; the rest stay at their ZIP code's centre.
SPREADSHEET_GEOCODE_BUDGET_SECONDS = env_float("SPREADSHEET_GEOCODE_BUDGET_SECONDS", 15.0)


# The Open Referral HSDS 3.0 JSON schemas ship in shelters/hsds/schema; set this
# only to validate against another copy (e.g. a newer release of the specification).
HSDS_SCHEMA_DIR = env_str("HSDS_SCHEMA_DIR", "")
ADMIN_TOTP_REQUIRED_FOR_COALITION = env_bool("ADMIN_TOTP_REQUIRED_FOR_COALITION", True)
OTP_TOTP_ISSUER = "Shelter directory"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["shelters.api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "shelters.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["shelters.api.throttling.HashedAddressRateThrottle"],
    # How many reverse proxies stand in front and append to X-Forwarded-For.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "STRICT_JSON": True,
    "COERCE_DECIMAL_TO_STRING": False,
    # JSON is the one format; `format` in a query is an unknown parameter (a 400 naming
    # it), not DRF's format override, which answered ?format=xml with a 404.
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Shelter and resource directory API",
    "DESCRIPTION": (
        "Read-only, anonymous directory of domestic-violence shelters, crisis hotlines and "
        "medical services. If you are in immediate danger, call 911. No request needs or "
        "accepts personal information, and no search location is kept."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

# The cache holds only throttle counters, keyed by hashed addresses. Redis shares
# them between gunicorn workers; without REDIS_URL each worker counts on its own.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_PUBLIC_THROTTLE_RATE = "120/min"
PUBLIC_THROTTLE_RATE = env_str("PUBLIC_THROTTLE_RATE", DEFAULT_PUBLIC_THROTTLE_RATE)

# Public GET endpoints may be called from any web page or app, never with credentials.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# The public API and its HSDS form: a 211's web widget reads either from its own origin.
CORS_URLS_REGEX = r"^/(api/|hsds/|healthz)"
CORS_PREFLIGHT_MAX_AGE = 86400

# Members of this group see and edit every organisation's listings in the admin.
COALITION_GROUP = env_str("COALITION_GROUP", "Coalition staff")

# Product settings.
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
EMERGENCY_TEXT = env_str(
    "EMERGENCY_TEXT", f"If you are in immediate danger, call {EMERGENCY_NUMBER}."
)
# The public page (shelters.pages). "Exit this page" leaves for this site with
# location.replace: a neutral, non-personalised page that looks like ordinary
# browsing. The default is the US National Weather Service's home page (no
# sign-in, no personal content); GOV.UK's component uses BBC Weather the same way.
EXIT_PAGE_URL = env_str("EXIT_PAGE_URL", "https://www.weather.gov/")
# Shown in the same place on every public page, beside EMERGENCY_NUMBER.
NATIONAL_HOTLINE_NUMBER = env_str("NATIONAL_HOTLINE_NUMBER", "1-800-799-7233")
EMERGENCY_TEXT_ES = env_str(
    "EMERGENCY_TEXT_ES", f"Si está en peligro inmediato, llame al {EMERGENCY_NUMBER}."
)
# Bed counts older than this are reported as unknown rather than as a stale number.
AVAILABILITY_MAX_AGE_HOURS = env_int("AVAILABILITY_MAX_AGE_HOURS", 24)
# Side of the grid cell, in km, whose centre stands for an `area` shelter's location.
DEFAULT_LOCATION_GRID_KM = 10.0
LOCATION_GRID_KM = env_float("LOCATION_GRID_KM", DEFAULT_LOCATION_GRID_KM)
if LOCATION_GRID_KM < 5:
    raise ImproperlyConfigured("LOCATION_GRID_KM must be at least 5: finer cells reveal too much.")
# Listings not confirmed by an advocate within this many days are due for verification.
VERIFICATION_MAX_AGE_DAYS = env_int("VERIFICATION_MAX_AGE_DAYS", 180)

# Bed-report tokens (shelters.bed_tokens) stop working this many days after they
# are issued, and at once when their holder's password, role or membership changes.
BED_TOKEN_LIFETIME_DAYS = env_int("BED_TOKEN_LIFETIME_DAYS", 90)

# Public API answers at least this long are gzipped for clients that accept it.
PUBLIC_GZIP_MIN_BYTES = env_int("PUBLIC_GZIP_MIN_BYTES", 1024)

# A timestamp sent to us (a bed count's time, a verification date) may run this far
# ahead of our clock and no further (shelters.timestamps).
FUTURE_TIMESTAMP_SKEW_SECONDS = env_int("FUTURE_TIMESTAMP_SKEW_SECONDS", 300)
# How often `refresh_snapshots --watch` (started by gunicorn) looks for stale snapshots.
SNAPSHOT_REFRESH_SECONDS = env_float("SNAPSHOT_REFRESH_SECONDS", 5.0)
# Counts of list results stop at this bound (and say so) to keep big-radius searches fast.
SEARCH_COUNT_CAP = env_int("SEARCH_COUNT_CAP", 1000)
# PostgreSQL stops a search's statements after this long (shelters.listing_search).
# Every search measured takes under 50 ms at a million listings; a nearest search
# whose filters match nothing near its origin (a New York point with state=CA) walked
# the distance index for 2.5 s, and would hold a worker as long for each request.
SEARCH_TIME_LIMIT_MS = env_int("SEARCH_TIME_LIMIT_MS", 500)

# Every log line goes through a formatter that strips search locations and client
# addresses (shelters.redaction). Django's own handlers are replaced: its default
# mail_admins handler would send the full request, query string included.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacted": {
            "()": "shelters.redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "redacted_server": {
            "()": "shelters.redaction.RequestLineFormatter",
            "format": "[%(server_time)s] %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "redacted"},
        "server": {"class": "logging.StreamHandler", "formatter": "redacted_server"},
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Lockouts and failed sign-ins are warnings; axes' start-up banner is not news.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# import_hsds reads at most this many bytes (a file, or a folder's files
# together): parsed JSON takes several times its size in memory.
HSDS_IMPORT_MAX_BYTES = env_int("HSDS_IMPORT_MAX_BYTES", 20_000_000)
