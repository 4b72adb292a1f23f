"""A GiST index per located table on (state, public county key, public point), for
PostgreSQL only (SQLite: nothing).

A nearest search filtered to a county walked the (state, point) index outwards
from the state's edge nearest the origin until it met the county's listings: from
New York, Harris County, TX took 100 ms at a million listings (115 ms at p50, 199
at p99 from origins across the country). The county filter is now one equality on
the folded key (migration 0030), which this index takes together with the
nearest-first order: the page walks the county alone.

Only listings with a county are in it: a county filter (an equality with a county)
implies as much, and a search filtered to a state alone, which this index could
also walk, keeps to 0027's (state, point) index, which walks a state better.
Built CONCURRENTLY, outside a transaction (shelters.concurrent_indexes says why).
"""

from django.db import migrations

from shelters.concurrent_indexes import create_concurrently

TABLES = [("shelters_shelter", "shelter"), ("shelters_medicalservice", "medical")]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, prefix in TABLES:
        create_concurrently(
            schema_editor,
            table,
            f"{prefix}_county_earth",
            "gist (state, public_county_key, ll_to_earth(public_latitude, public_longitude))"
            " WHERE public_county_key <> ''",
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, prefix in TABLES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {prefix}_county_earth")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("shelters", "0030_public_county_key")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
