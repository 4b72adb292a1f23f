from django.db import migrations

from shelters.coverage import fold_county


def refold(apps, schema_editor):
    """Every stored county key again, now that fold_county drops accents and spells
    out St., Ste., Ft. and Mt.: hotline areas' county_key and listings'
    public_county_key, in batches by id (bulk_update sends no signal, so derived here
    as the pre_save receivers would; a key is not shown, so no public `updated_at`
    moves and no history is kept). Snapshots list the hotlines covering their
    region: mark them all for the refresher to rebuild."""
    for model_name, source, key in (
        ("HotlineArea", "county", "county_key"),
        ("Shelter", "public_county", "public_county_key"),
        ("MedicalService", "public_county", "public_county_key"),
    ):
        model = apps.get_model("shelters", model_name)
        rows = model.objects.exclude(**{source: ""}).order_by("pk")
        last = 0
        while batch := list(rows.filter(pk__gt=last).only("pk", source, key)[:2000]):
            changed = []
            for row in batch:
                folded = fold_county(getattr(row, source))
                if getattr(row, key) != folded:
                    setattr(row, key, folded)
                    changed.append(row)
            model.objects.bulk_update(changed, [key])
            last = batch[-1].pk
    apps.get_model("shelters", "Snapshot").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [("shelters", "0032_hotline_area_county_key")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=False)]
