"""Building PostgreSQL indexes from migrations without stopping writes.

A plain CREATE INDEX on the listings stops every write (advocates' edits, bed
counts) while it builds, about 20 s per index at a million listings; CREATE INDEX
CONCURRENTLY does not, but must run outside a transaction (a migration with
`atomic = False`), and a build that fails leaves an invalid index behind. Running
the migration again drops that one and builds it anew.
"""

from __future__ import annotations


def create_concurrently(schema_editor, table: str, name: str, definition: str) -> None:
    """CREATE INDEX CONCURRENTLY `name` ON `table` USING `definition`, unless a
    valid index of that name is already there."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name]
        )
        row = cursor.fetchone()
    if row and row[0]:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY {name}")
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} USING {definition}"
    )
