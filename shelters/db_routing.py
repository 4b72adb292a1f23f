"""Read routing: anonymous public reads to PostgreSQL streaming replicas.

Replicas are configured by DATABASE_REPLICA_URLS (settings.DATABASE_REPLICAS names
their aliases); with none, this module routes nothing and every query goes to
"default", as before. The rules:

- Only a request that `ReadRoutingMiddleware` marks as a public read may use a
  replica: a GET/HEAD/OPTIONS outside the admin and the staff console, with no
  Authorization header (bed-report tokens) and no primary pin in its session.
  Management commands (the snapshot refresher among them) and everything else
  read the primary.
- Every write goes to the primary, and the first one pins the rest of its request
  there: whatever it reads next sees what it wrote.
- A signed-in user's write also pins her next requests (the public page
  included) to the primary for PRIMARY_PIN_SECONDS, kept in her session: an
  advocate never sees her own edit vanish because a replica is a second behind.
  Anonymous requests write nothing, so they are never pinned and never given a
  cookie.
- A replica is used only while it answers and is at most REPLICA_MAX_LAG_SECONDS
  behind; it is checked at most every REPLICA_CHECK_SECONDS per process. A query
  that fails on a replica marks it down and the view is run again on the primary.
- Only this project's app ("shelters") is read from replicas; sessions, users,
  permissions and the rest always read the primary, which also writes them.
"""

from __future__ import annotations

import contextlib
import contextvars
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
PIN_SESSION_KEY = "_primary_pin_until"
REPLICA_APPS = frozenset({"shelters"})
PRIMARY_ONLY_PREFIXES = ("/admin/", "/staff/")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The seconds a replica is behind: 0 when it has replayed all it received,
# otherwise the age of the last transaction it replayed. NULL on a primary.
LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL"
    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)"
    " END"
)


@dataclass
class _RequestState:
    may_use_replica: bool = False
    wrote: bool = False
    replica: str | None = None
    used: set[str] = field(default_factory=set)


_state: contextvars.ContextVar[_RequestState | None] = contextvars.ContextVar(
    "db_routing_state", default=None
)


@dataclass
class ReplicaStatus:
    reachable: bool
    lag_seconds: float | None
    checked_at: float

    def usable(self) -> bool:
        return self.reachable and (self.lag_seconds or 0.0) <= settings.REPLICA_MAX_LAG_SECONDS


_statuses: dict[str, ReplicaStatus] = {}
_statuses_lock = threading.Lock()


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def check_replica(alias: str) -> ReplicaStatus:
    """Ask one replica how far behind it is, now, and remember the answer."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_SQL)
            (lag,) = cursor.fetchone()
        status = ReplicaStatus(True, float(lag) if lag is not None else 0.0, time.monotonic())
    except DatabaseError:
        connections[alias].close()
        status = ReplicaStatus(False, None, time.monotonic())
    with _statuses_lock:
        _statuses[alias] = status
    return status


def mark_down(alias: str) -> None:
    with _statuses_lock:
        _statuses[alias] = ReplicaStatus(False, None, time.monotonic())
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


def replica_status(alias: str) -> ReplicaStatus:
    """The remembered status, checked again when older than REPLICA_CHECK_SECONDS."""
    with _statuses_lock:
        status = _statuses.get(alias)
    if status is None or time.monotonic() - status.checked_at >= settings.REPLICA_CHECK_SECONDS:
        status = check_replica(alias)
    return status


def choose_replica() -> str | None:
    """A usable replica at random, or None (read the primary)."""
    usable = [alias for alias in replicas() if replica_status(alias).usable()]
    return random.choice(usable) if usable else None


def forget_statuses() -> None:
    with _statuses_lock:
        _statuses.clear()


class ReplicaRouter:
    """Django's database router; the decisions are made per request (see above)."""

    def db_for_read(self, model, **hints) -> str | None:
        state = _state.get()
        if state is None or not state.may_use_replica or state.wrote:
            return PRIMARY
        if model._meta.app_label not in REPLICA_APPS:
            return PRIMARY
        if state.replica is None:
            state.replica = choose_replica() or PRIMARY
        state.used.add(state.replica)
        return state.replica

    def db_for_write(self, model, **hints) -> str:
        state = _state.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # A replica is read-only: it gets its schema from the primary's WAL.
        return db not in replicas()


def may_use_replica(request: HttpRequest) -> bool:
    if not replicas() or request.method not in SAFE_METHODS:
        return False
    if request.path.startswith(PRIMARY_ONLY_PREFIXES) or "Authorization" in request.headers:
        return False
    return not _pinned(request)


def _pinned(request: HttpRequest) -> bool:
    # Only a request that already carries a session cookie has a session to look
    # in: an anonymous one is never given one here.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    until = request.session.get(PIN_SESSION_KEY)
    return isinstance(until, int | float) and until > time.time()


class ReadRoutingMiddleware:
    """Decide per request whether its reads may go to a replica (module docstring).

    Listed after AuthenticationMiddleware: the pin lives in a signed-in user's
    session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = _RequestState(may_use_replica=may_use_replica(request))
        token = _state.set(state)
        try:
            response = self.get_response(request)
            if state.wrote:
                self._pin(request)
            return response
        finally:
            _state.reset(token)

    def _pin(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hasattr(request, "session"):
            return
        request.session[PIN_SESSION_KEY] = time.time() + settings.PRIMARY_PIN_SECONDS

    def process_exception(self, request: HttpRequest, exception: Exception):
        """A replica that fails mid-request: mark it down, run the view on the primary."""
        state = _state.get()
        if state is None or not isinstance(exception, DatabaseError) or state.wrote:
            return None
        failed = state.used - {PRIMARY}
        if not failed:
            return None
        for alias in failed:
            mark_down(alias)
        state.may_use_replica, state.replica = False, PRIMARY
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)


def health() -> dict:
    """For /healthz: whether each database answers and how far each replica is
    behind, by alias only (no host names)."""
    report = {}
    for alias in replicas():
        status = check_replica(alias)
        lag = None if status.lag_seconds is None else round(status.lag_seconds, 1)
        report[alias] = {"reachable": status.reachable, "lag_seconds": lag,
                         "in_use": status.usable()}  # fmt: skip
    return report
