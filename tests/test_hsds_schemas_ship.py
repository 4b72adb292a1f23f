"""The HSDS schemas travel with the project (issue 11): the shipped copy is the
reference byte for byte, it is what validation uses when nothing is configured, and
the format checks it relies on (uri, email, date-time, uuid) are real."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from shelters.hsds import schemas
from shelters.hsds.common import PROFILE_30

# The team's shared material sits beside the project, or above a worktree of it.
REFERENCE = next(
    (
        folder / "shared" / "reference" / "hsds-3.0"
        for folder in Path(settings.BASE_DIR).resolve().parents
        if (folder / "shared" / "reference" / "hsds-3.0").is_dir()
    ),
    Path(settings.BASE_DIR).resolve().parent / "shared" / "reference" / "hsds-3.0",
)
SHIPPED = schemas.SHIPPED_SCHEMA_DIR


def test_the_shipped_schemas_are_the_reference_byte_for_byte():
    if not REFERENCE.is_dir():
        pytest.skip(f"no reference copy at {REFERENCE} (only on development machines)")
    reference = sorted(path.name for path in REFERENCE.glob("*.json"))
    assert reference, "the reference folder holds no schema"
    assert sorted(path.name for path in SHIPPED.glob("*.json")) == reference
    for name in reference:
        assert (SHIPPED / name).read_bytes() == (REFERENCE / name).read_bytes(), name


def test_open_referrals_licence_is_named_beside_the_schemas():
    attribution = (SHIPPED / "ATTRIBUTION.md").read_text()
    assert "Open Referral" in attribution
    assert "CC BY-SA 4.0" in attribution


def test_validation_uses_the_shipped_copy_when_nothing_is_configured(settings):
    settings.HSDS_SCHEMA_DIR = ""
    assert schemas.schema_dir() == SHIPPED


def test_a_folder_without_the_schemas_is_a_clear_error(settings, tmp_path):
    settings.HSDS_SCHEMA_DIR = str(tmp_path)
    with pytest.raises(schemas.HSDSError, match="schemas are not in"):
        schemas.schema_dir()


def minimal_service(**fields) -> dict:
    return {
        "id": "3f1c2a58-5a0e-4d36-9a55-0b6f3e8e2a11",
        "name": "A service",
        "status": "active",
        **fields,
    }


@pytest.mark.parametrize(
    ("field", "bad", "good"),
    [
        ("url", "not a uri", "https://example.org/help"),
        ("last_modified", "2026-02-30T25:00:00Z", "2026-02-03T04:05:06.789Z"),
        ("email", "nobody-at-example.org", "help@example.org"),
        ("id", "not-a-uuid", "3f1c2a58-5a0e-4d36-9a55-0b6f3e8e2a11"),
    ],
)
def test_a_bad_format_is_reported(field, bad, good):
    package = {"services": [minimal_service(**{field: bad})]}
    errors = schemas.strict_errors(package)
    assert len(errors) == 1 and errors[0].startswith(f"services[0]/{field}:"), errors
    assert schemas.strict_errors({"services": [minimal_service(**{field: good})]}) == []


def test_strict_validation_refuses_a_property_3_0_does_not_have():
    nested = minimal_service(
        phones=[{"id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "number": "1", "colour": "red"}]
    )
    assert schemas.validation_errors({"services": [nested]}) == []
    [error] = schemas.strict_errors({"services": [nested]})
    assert error.startswith("services[0]/phones/0:") and "colour" in error
    capacities = minimal_service(capacities=[])
    assert schemas.strict_errors({"services": [capacities]}, PROFILE_30) != []
    assert schemas.strict_errors({"services": [capacities]}, "3.1") == []
