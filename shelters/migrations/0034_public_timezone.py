from types import SimpleNamespace

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

from shelters import privacy
from shelters.geo import Point

# What an area-only listing's public location is derived from.
TRUE_FIELDS = (
    "location_disclosure", "latitude", "longitude", "street_address", "city", "county",
    "state", "postal_code", "timezone",
)  # fmt: skip
# Shown to the public (public_county_key is not: it is how the county compares).
SHOWN = ("public_latitude", "public_longitude", "public_city", "public_county",
         "public_postal_code")  # fmt: skip


def derive(apps, schema_editor):
    """The new public zone of every listing, and an area-only listing's whole public
    location again: its city, county and zone are now its grid cell's, never its
    own (privacy._cell_city, _cell_county, _cell_zone). A public listing shows its
    own zone as before; a hidden one its state's one clock.

    bulk_update and update send no signals: done here as shelters.derived would,
    the public `updated_at` moved where what is shown changed, and every snapshot
    marked for the refresher, so that a snapshot never shows a listing otherwise
    than the API does."""
    now = timezone.now()
    medical = apps.get_model("shelters", "MedicalService")
    medical.objects.update(public_timezone=F("timezone"))
    shelter = apps.get_model("shelters", "Shelter")
    shelter.objects.filter(location_disclosure="public").update(public_timezone=F("timezone"))

    hidden_states = shelter.objects.filter(location_disclosure="hidden").values_list("state")
    for state in {state for (state,) in hidden_states.distinct()}:
        view = {**dict.fromkeys(TRUE_FIELDS, ""), "location_disclosure": "hidden", "state": state}
        zone = privacy.public_location_values(SimpleNamespace(**view, point=None))["public_timezone"]
        shelter.objects.filter(location_disclosure="hidden", state=state).update(
            public_timezone=zone
        )

    fields = [*privacy.PUBLIC_LOCATION_FIELDS]
    rows = shelter.objects.filter(location_disclosure="area").order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last).only("pk", *TRUE_FIELDS, *fields)[:2000]):
        changed, moved = [], []
        for row in batch:
            point = (
                Point(row.latitude, row.longitude)
                if row.latitude is not None and row.longitude is not None
                else None
            )
            view = SimpleNamespace(**{name: getattr(row, name) for name in TRUE_FIELDS}, point=point)
            values = privacy.public_location_values(view)
            shown_before = [getattr(row, name) for name in SHOWN] + [row.timezone]
            shown_after = [values[name] for name in SHOWN] + [values["public_timezone"]]
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
            if shown_after != shown_before:
                row.public_updated_at = now
                moved.append(row)
        shelter.objects.bulk_update(changed, fields)
        shelter.objects.bulk_update(moved, ["public_updated_at"])
        last = batch[-1].pk
    apps.get_model("shelters", "Snapshot").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [("shelters", "0033_county_keys_fold_accents_and_abbreviations")]

    operations = [
        *[
            migrations.AddField(
                model_name=model_name,
                name="public_timezone",
                field=models.CharField(blank=True, db_default="", editable=False, max_length=64),
            )
            for model_name in (
                "historicalmedicalservice", "historicalshelter", "medicalservice", "shelter",
            )  # fmt: skip
        ],
        migrations.RunPython(derive, migrations.RunPython.noop, elidable=False),
    ]
