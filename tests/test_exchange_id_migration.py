"""Listings and organisations that existed before HSDS ids get one each, distinct."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("shelters", "0010_change_history")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_distinct_hsds_ids():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("shelters", "Organization").objects.create(name="Old org")
    for name in ("One", "Two", "Three"):
        old.get_model("shelters", "Hotline").objects.create(organization=organization, name=name)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from shelters.models import Hotline, Organization

    ids = [*Hotline.objects.values_list("hsds_id", flat=True),
           *Organization.objects.values_list("hsds_id", flat=True)]  # fmt: skip
    assert len(ids) == 4
    assert None not in ids
    assert len(set(ids)) == 4
