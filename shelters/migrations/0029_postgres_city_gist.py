"""A GiST index per located table on (upper(public city), public point), for
PostgreSQL only (SQLite: nothing).

A nearest search filtered to a city walks that city's listings only, in distance
order. Through the plain KNN index, a search from New York for shelters in Houston
read outwards through every listing nearer than Houston until the search's time
limit stopped it (a 503 after 500 ms at a million listings); one for Springfield
took 345 ms. Through this one both take about 1 ms. Searches from inside a big city
cost more than through the plain index (New York's page, 1.2 ms to 2.4-2.9), which is
the price of never walking the country.

Not partial, as 0027's (state, point) index is not: restricted to the published,
located listings it would cover every column of a capped count, and PostgreSQL,
counting a small table, could take it instead of the count's own covering index.

Built CONCURRENTLY, outside a transaction, as 0027's are
(shelters.concurrent_indexes says why).
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
            f"{prefix}_city_earth",
            "gist (upper(public_city::text), ll_to_earth(public_latitude, public_longitude))",
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, prefix in TABLES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {prefix}_city_earth")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("shelters", "0028_region_filtered_search_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
