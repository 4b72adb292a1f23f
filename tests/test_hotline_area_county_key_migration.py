"""Hotline areas saved before county_key existed get the key their county folds to,
so that the SQL form of coverage finds them once the migration has run."""

import pytest

from .conftest import apps_at, migrate_to_latest, old_hotline_areas


@pytest.mark.django_db(transaction=True)
def test_existing_areas_are_keyed_as_their_county_folds():
    old = apps_at("0031_postgres_county_gist")
    old_hotline_areas(old, "NM", ("DOÑA  Ana county", None), ("", None), ("Harris", None))
    migrate_to_latest()

    from shelters.models import HotlineArea

    keys = dict(HotlineArea.objects.values_list("county", "county_key"))
    assert keys == {"DOÑA  Ana county": "dona ana", "": "", "Harris": "harris"}
