"""Two more GiST indexes per located table, for PostgreSQL only (SQLite: nothing).

- `<prefix>_state_earth`, on (state, public point): a nearest search filtered to a
  state walks that state's listings only. Through the plain KNN index, a search
  from New York for shelters in California read outwards through every listing
  nearer than California, 2.5 s at a million listings; through this one, 0.6 ms.
  A btree column in a GiST index needs the trusted contrib extension btree_gist.
- `<prefix>_located_point`, on point(public longitude, public latitude) of the
  published, located listings, with the simple filters' columns (as the located
  count's btree index) and the coordinates themselves included: a radius search's
  capped count reads boxes from it, index-only (shelters.listing_search).

Built CONCURRENTLY, outside a transaction (shelters.concurrent_indexes says why).
"""

from django.db import migrations

from shelters.concurrent_indexes import create_concurrently

# (table, index prefix, the simple filters' columns: models.place_indexes's `counted`)
TABLES = [
    (
        "shelters_shelter",
        "shelter",
        "kind, accepts_pets, accepts_children, max_boy_age, wheelchair_accessible, "
        "deaf_services, no_id_required, free_of_charge, open_24_7, beds_available, "
        "beds_updated_at",
    ),
    (
        "shelters_medicalservice",
        "medical",
        "kind, wheelchair_accessible, deaf_services, walk_in, open_24_7",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, prefix, counted in TABLES:
        indexes = {
            f"{prefix}_state_earth": "gist (state, ll_to_earth(public_latitude, public_longitude))",
            f"{prefix}_located_point": "gist (point(public_longitude, public_latitude)) "
            f"INCLUDE (public_latitude, public_longitude, {counted}) "
            "WHERE public_latitude IS NOT NULL AND status = 'published'",
        }
        for name, definition in indexes.items():
            create_concurrently(schema_editor, table, name, definition)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, prefix, _counted in TABLES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {prefix}_state_earth")
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {prefix}_located_point")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("shelters", "0026_city_index_includes_the_city")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
