"""Hotline areas saved before county_key existed get the key their county folds to,
so that the SQL form of coverage finds them once the migration has run."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("shelters", "0031_postgres_county_gist")]


@pytest.mark.django_db(transaction=True)
def test_existing_areas_are_keyed_as_their_county_folds():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("shelters", "Organization").objects.create(name="Old org")
    hotline = old.get_model("shelters", "Hotline").objects.create(
        organization=organization, name="Old line"
    )
    area = old.get_model("shelters", "HotlineArea")
    for county in ("DOÑA  Ana county", "", "Harris"):
        area.objects.create(hotline=hotline, state="NM", county=county)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from shelters.models import HotlineArea

    keys = dict(HotlineArea.objects.values_list("county", "county_key"))
    assert keys == {"DOÑA  Ana county": "dona ana", "": "", "Harris": "harris"}
