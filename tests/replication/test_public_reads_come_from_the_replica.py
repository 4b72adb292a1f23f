"""Anonymous public reads (the API's searches and details, a snapshot, the HSDS
API, the public page) are answered from the streaming replica: the replica's
pg_stat_statements counts their queries and the primary's does not."""

NEAR_AUSTIN = {"lat": "30.25", "lon": "-97.7", "radius_km": "50"}


def test_public_searches_read_from_the_replica(pg_pair, site, seeded):
    primary_before, replica_before = pg_pair.primary.calls(), pg_pair.replica.calls()
    for path, params in [
        ("/api/v1/shelters/", NEAR_AUSTIN),
        ("/api/v1/shelters/", {**NEAR_AUSTIN, "limit": "10"}),
        (f"/api/v1/shelters/{seeded['shelter']}/", {}),
        ("/hsds/services", {}),
        ("/", {"place": "78701"}),
    ]:
        response = site.get(path, params=params)
        assert response.status_code == 200, (path, response.text[:300])
        assert not response.cookies, path
    assert pg_pair.replica.calls() >= replica_before + 5
    assert pg_pair.primary.calls() == primary_before


def test_a_snapshot_is_served_from_the_replica(pg_pair, site):
    before = pg_pair.replica.calls("shelters_snapshot")
    response = site.get("/api/v1/snapshots/TX/")
    assert response.status_code == 200, response.text[:300]
    assert pg_pair.replica.calls("shelters_snapshot") > before
