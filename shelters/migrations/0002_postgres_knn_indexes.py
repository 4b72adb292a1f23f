"""GiST KNN indexes on the public point, for PostgreSQL only.

`cube` and `earthdistance` are trusted contrib extensions; on SQLite this
migration does nothing (the btree index on the public point serves there).
"""

from django.db import migrations

TABLES = ["shelters_shelter", "shelters_medicalservice"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS cube")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS earthdistance")
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_public_earth ON {table} "
            "USING gist (ll_to_earth(public_latitude, public_longitude))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_public_earth")


class Migration(migrations.Migration):
    dependencies = [("shelters", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
