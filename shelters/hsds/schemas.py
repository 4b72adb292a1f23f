"""HSDS 3.0 validation of packages against the JSON schemas."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from shelters.hsds.common import HSDSError


def schema_dir() -> Path:
    """The HSDS reference schemas: HSDS_SCHEMA_DIR, or shared/reference/hsds-3.0 in
    a folder above the project (where the team's shared material lives)."""
    if settings.HSDS_SCHEMA_DIR:
        return Path(settings.HSDS_SCHEMA_DIR)
    for folder in Path(settings.BASE_DIR).resolve().parents:
        candidate = folder / "shared" / "reference" / "hsds-3.0"
        if candidate.is_dir():
            return candidate
    raise HSDSError("The HSDS 3.0 schemas were not found: set HSDS_SCHEMA_DIR.")


# service_capacity (3.1 draft) refers to unit.json, which the draft defines as an
# object with an id and a name; the reference folder does not carry that file.
_UNIT_SCHEMA = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}},
}


@cache
def _validators() -> dict[str, Draft202012Validator]:
    folder = schema_dir()

    def load(name: str) -> dict:
        return json.loads((folder / name).read_text())

    unit = Resource.from_contents(_UNIT_SCHEMA, default_specification=DRAFT202012)
    checker = FormatChecker()
    return {
        "service": Draft202012Validator(load("compiled_service.json"), format_checker=checker),
        "organization": Draft202012Validator(
            load("compiled_organization.json"), format_checker=checker
        ),
        "service_capacity": Draft202012Validator(
            load("service_capacity.3.1-dev.json"),
            registry=Registry().with_resource("unit.json", unit),
            format_checker=checker,
        ),
    }


def validation_errors(package: dict) -> list[str]:
    """Every way the package breaks the HSDS schemas, as 'where: what' lines."""
    validators = _validators()
    if not isinstance(package, dict) or not isinstance(package.get("services"), list):
        return ["services: a list of HSDS services is required"]
    checks = [("organizations", validators["organization"], package.get("organizations", []))]
    checks.append(("services", validators["service"], package["services"]))
    errors = []
    for where, validator, documents in checks:
        for index, document in enumerate(documents):
            errors += [_say(f"{where}[{index}]", e) for e in validator.iter_errors(document)]
            capacities = document.get("capacities", []) if where == "services" else []
            for number, capacity in enumerate(capacities):
                errors += [
                    _say(f"{where}[{index}]/capacities[{number}]", e)
                    for e in validators["service_capacity"].iter_errors(capacity)
                ]
    return errors


def _say(where: str, error) -> str:
    path = "/".join(map(str, error.path))
    return f"{where}{'/' + path if path else ''}: {error.message}"
