"""Give every organisation and listing a stable HSDS id: add the column empty,
fill each row with its own UUID, then (0012) make it required and unique."""

import uuid

from django.db import migrations, models

MODELS = ("organization", "shelter", "medicalservice", "hotline")


def fill_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("shelters", name)
        if schema_editor.connection.vendor == "postgresql":
            # One statement for a national-scale table (PostgreSQL 13+ has the function).
            schema_editor.execute(
                f"UPDATE {model._meta.db_table} SET hsds_id = gen_random_uuid() "
                "WHERE hsds_id IS NULL"
            )
            continue
        rows = list(model.objects.filter(hsds_id__isnull=True).only("pk"))
        for row in rows:
            row.hsds_id = uuid.uuid4()
        model.objects.bulk_update(rows, ["hsds_id"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("shelters", "0010_change_history")]

    operations = [
        *[
            migrations.AddField(model_name=name, name="hsds_id", field=models.UUIDField(null=True))
            for name in MODELS
        ],
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
    ]
