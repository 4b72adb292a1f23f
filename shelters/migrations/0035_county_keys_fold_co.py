from importlib import import_module

from django.db import migrations

# Every stored county key folded again, as 0033 did, now that fold_county also
# drops a trailing "Co." ("Travis Co." is Travis County): hotline areas typed so
# covered no caller, and a listing's key must match what a county filter folds to.
refold = import_module("shelters.migrations.0033_county_keys_fold_accents_and_abbreviations").refold


class Migration(migrations.Migration):
    dependencies = [("shelters", "0034_public_timezone")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=False)]
