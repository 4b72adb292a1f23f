"""The public API behind a real PgBouncer in transaction pooling mode (README
"PgBouncer"): DATABASE_POOL_MODE=transaction, one persistent client connection
(a single-threaded server, CONN_MAX_AGE=60) whose successive transactions PgBouncer
hands to its two server connections in turn, and searches, details, a snapshot,
the HSDS API and the public page answer with no error, each seven times over
(past psycopg's prepare_threshold of 5)."""

import pytest

from bench.pgbouncer import PgBouncer, binary

from .conftest import Site, django_env, require

NEAR_AUSTIN = {"lat": "30.25", "lon": "-97.7", "radius_km": "50"}


@pytest.fixture(scope="module")
def bouncer(pg_pair, seeded):
    require(binary() or "pgbouncer")
    with PgBouncer(pg_pair.primary.url, pool_size=2, round_robin=True) as bouncer:
        yield bouncer


def test_the_public_api_answers_through_pgbouncer_in_transaction_mode(pg_pair, bouncer, seeded):
    site = Site(django_env(DATABASE_URL=bouncer.url, DATABASE_POOL_MODE="transaction",
                           CONN_MAX_AGE="60"), threading=False)  # fmt: skip
    try:
        before = pg_pair.primary.calls()
        paths = [
            ("/api/v1/shelters/", NEAR_AUSTIN),
            ("/api/v1/shelters/", {**NEAR_AUSTIN, "limit": "2", "offset": "2"}),
            ("/api/v1/shelters/", {"zip": "78701"}),
            ("/api/v1/shelters/", {"state": "TX", "city": "Austin"}),
            (f"/api/v1/shelters/{seeded['shelter']}/", {}),
            ("/api/v1/snapshots/", {}),
            ("/api/v1/snapshots/TX/", {}),
            ("/hsds/services", {}),
            ("/", {"place": "78701"}),
        ]
        for _ in range(7):
            for path, params in paths:
                response = site.get(path, params=params)
                assert response.status_code == 200, (path, response.text[:300])
        assert pg_pair.primary.calls() > before
        assert "login attempt: db=directory" in bouncer.log()
        assert "ERROR" not in bouncer.log()
    finally:
        site.close()
