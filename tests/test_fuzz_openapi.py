"""Property-based fuzzing of the whole public API from its own OpenAPI schema.

Schemathesis generates requests (valid and invalid) for every operation and runs
every check: no 5xx, responses match the documented schema, status codes and
content types are documented. Bounded per operation so CI stays quick.
"""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from directory.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def directory(db):
    """The sample directory, served in-process inside the test's transaction.

    Like Django's test client, keep the WSGI handler from closing the database
    connection at the end of each request: that connection holds the test data.
    """
    call_command("load_sample_data", verbosity=0)
    call_command("refresh_snapshots", verbosity=0)  # as make run does before serving
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_public_api_conforms_to_its_schema(case, directory):
    # Every check but one: some parameters depend on each other (lat needs lon,
    # county needs state for hotlines, a ZIP must exist), which OpenAPI 3.0
    # cannot express, so a request valid parameter by parameter may rightly be a 400.
    # Accept-Encoding identity: the in-process transport hands back bytes undecoded.
    headers = {"Host": "localhost", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
