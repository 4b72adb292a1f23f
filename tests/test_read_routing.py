"""Which database a request reads (shelters.db_routing), decided without a real
replica: the replica's status is stubbed. tests/replication proves the same
against a real streaming replica."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory, override_settings

from shelters import db_routing
from shelters.models import Shelter

router = db_routing.ReplicaRouter()


@pytest.fixture
def replica(monkeypatch):
    """One replica, answering and `lag` seconds behind."""
    status = {"reachable": True, "lag": 0.0}

    def fake_status(alias):
        return db_routing.ReplicaStatus(status["reachable"], status["lag"], time.monotonic())

    monkeypatch.setattr(db_routing, "replica_status", fake_status)
    with override_settings(DATABASE_REPLICAS=["replica_1"], REPLICA_MAX_LAG_SECONDS=30):
        yield status


def read_alias(request, model=Shelter, write_first=False) -> str:
    seen = []

    def view(request):
        if write_first:
            router.db_for_write(model)
        seen.append(router.db_for_read(model))
        return None

    db_routing.ReadRoutingMiddleware(view)(request)
    return seen[0]


def test_without_replicas_everything_reads_the_primary():
    assert read_alias(RequestFactory().get("/api/v1/shelters/")) == "default"


def test_outside_a_request_reads_the_primary(replica):
    assert router.db_for_read(Shelter) == "default"


def test_an_anonymous_public_read_goes_to_the_replica(replica):
    for path in ("/api/v1/shelters/", "/api/v1/snapshots/TX/", "/hsds/services", "/"):
        assert read_alias(RequestFactory().get(path)) == "replica_1", path


@pytest.mark.parametrize("path", ["/admin/shelters/shelter/", "/staff/"])
def test_the_admin_and_the_staff_console_read_the_primary(replica, path):
    assert read_alias(RequestFactory().get(path)) == "default"


def test_a_write_request_and_a_token_holder_read_the_primary(replica):
    factory = RequestFactory()
    assert read_alias(factory.post("/api/v1/shelters/1/availability/")) == "default"
    request = factory.get("/api/v1/shelters/1/", HTTP_AUTHORIZATION="Token abc")
    assert read_alias(request) == "default"


def test_a_read_after_a_write_in_the_same_request_reads_the_primary(replica):
    assert read_alias(RequestFactory().get("/api/v1/shelters/"), write_first=True) == "default"


def test_users_and_sessions_always_read_the_primary(replica):
    assert read_alias(RequestFactory().get("/api/v1/shelters/"), model=User) == "default"


def test_a_lagging_or_unreachable_replica_is_skipped(replica):
    replica["lag"] = 31.0
    assert read_alias(RequestFactory().get("/api/v1/shelters/")) == "default"
    replica["lag"], replica["reachable"] = 0.0, False
    assert read_alias(RequestFactory().get("/api/v1/shelters/")) == "default"


@pytest.mark.django_db
def test_a_signed_in_users_write_pins_her_next_requests_to_the_primary(replica, settings):
    user = User.objects.create_user("advocate", password="a-long-pass-phrase")
    session = SessionStore()
    session.create()
    factory = RequestFactory()

    def request_of_hers(method, path):
        request = getattr(factory, method)(path)
        request.COOKIES[settings.SESSION_COOKIE_NAME] = session.session_key
        request.session, request.user = session, user
        return request

    read_alias(request_of_hers("post", "/admin/shelters/shelter/1/change/"), write_first=True)
    assert session[db_routing.PIN_SESSION_KEY] > time.time()
    assert read_alias(request_of_hers("get", "/api/v1/shelters/")) == "default"
    session[db_routing.PIN_SESSION_KEY] = time.time() - 1
    assert read_alias(request_of_hers("get", "/api/v1/shelters/")) == "replica_1"


def test_an_anonymous_request_is_never_given_a_session():
    request = RequestFactory().get("/api/v1/shelters/")
    read_alias(request, write_first=True)
    assert not hasattr(request, "session")


def test_replicas_are_never_migrated(replica):
    assert router.allow_migrate("replica_1", "shelters") is False
    assert router.allow_migrate("default", "shelters") is True


def test_a_replica_failing_mid_request_is_marked_down_and_the_view_runs_on_the_primary(
    replica, monkeypatch
):
    marked = []
    monkeypatch.setattr(db_routing, "mark_down", marked.append)
    reads = []

    def view(request):
        alias = router.db_for_read(Shelter)
        reads.append(alias)
        if alias == "replica_1":
            raise db_routing.DatabaseError("server closed the connection unexpectedly")
        return "answered"

    request = RequestFactory().get("/api/v1/shelters/")
    request.resolver_match = SimpleNamespace(func=view, args=(), kwargs={})
    middleware = db_routing.ReadRoutingMiddleware(lambda r: None)

    def get_response(request):
        try:
            return view(request)
        except db_routing.DatabaseError as exc:
            return middleware.process_exception(request, exc)

    middleware.get_response = get_response
    assert middleware(request) == "answered"
    assert reads == ["replica_1", "default"]
    assert marked == ["replica_1"]
