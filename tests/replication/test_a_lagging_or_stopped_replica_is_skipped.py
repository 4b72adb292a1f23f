"""A replica more than REPLICA_MAX_LAG_SECONDS (2 s here) behind, or stopped, is
skipped: public reads fall back to the primary with no error, and /healthz says
so (and still answers 200: the primary is up)."""

import time

import pytest

SEARCH = {"lat": "30.25", "lon": "-97.7", "radius_km": "50"}


def replica_health(site) -> dict:
    response = site.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "database", "replicas"}
    assert set(body["replicas"]) == {"replica_1"}
    return body["replicas"]["replica_1"]


def wait_for(site, condition, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        health = replica_health(site)
        if condition(health) or time.monotonic() > deadline:
            return health
        time.sleep(0.2)


def reads_fall_back_to_the_primary(pg_pair, site) -> None:
    replica_before, primary_before = pg_pair.replica.calls(), pg_pair.primary.calls()
    for _ in range(3):
        response = site.get("/api/v1/shelters/", params=SEARCH)
        assert response.status_code == 200, response.text[:300]
    assert pg_pair.primary.calls() >= primary_before + 3
    if replica_before is not None:
        assert pg_pair.replica.calls() == replica_before


@pytest.fixture
def caught_up(pg_pair, site):
    assert wait_for(site, lambda h: h["in_use"])["in_use"]
    yield
    pg_pair.wait_for_replay()
    assert wait_for(site, lambda h: h["in_use"])["in_use"]


def test_a_lagging_replica_is_skipped(pg_pair, site, seeded, caught_up):
    pg_pair.replica.query("SELECT pg_wal_replay_pause()::text")
    try:
        with pg_pair.primary.connect() as conn:
            conn.execute("UPDATE shelters_shelter SET beds_available = beds_available"
                         " WHERE id = %s", (seeded["shelter"],))  # fmt: skip
        health = wait_for(site, lambda h: (h["lag_seconds"] or 0) > 2)
        assert health == {"reachable": True, "lag_seconds": health["lag_seconds"],
                          "in_use": False}  # fmt: skip
        assert health["lag_seconds"] > 2
        reads_fall_back_to_the_primary(pg_pair, site)
    finally:
        pg_pair.replica.query("SELECT pg_wal_replay_resume()::text")


def test_a_stopped_replica_is_skipped(pg_pair, site, caught_up):
    replica_before = pg_pair.replica.calls()
    pg_pair.replica.stop()
    try:
        # At once: the site may not have noticed yet, and must not fail either way.
        response = site.get("/api/v1/shelters/", params=SEARCH)
        assert response.status_code == 200, response.text[:300]
        assert replica_health(site) == {"reachable": False, "lag_seconds": None,
                                        "in_use": False}  # fmt: skip
        primary_before = pg_pair.primary.calls()
        for _ in range(3):
            assert site.get("/api/v1/shelters/", params=SEARCH).status_code == 200
        assert pg_pair.primary.calls() >= primary_before + 3
    finally:
        pg_pair.replica.start()
    assert pg_pair.replica.calls() == replica_before
