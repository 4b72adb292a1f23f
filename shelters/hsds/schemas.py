"""HSDS 3.0 validation of packages against the JSON schemas shipped in schema/.

Two readings of the schemas:
- lenient, as published: a property the schema does not name is allowed (what an
  import accepts from other publishers);
- strict, as the specification's own example check does: every object in the
  compiled schemas refuses additional properties. The export is held to this.

Bed counts (`capacities`, HSDS 3.1 draft `service_capacity`) are not 3.0: a strict
3.0 service refuses them; the 3.1 profile validates them against the draft schema.
Formats (`uuid`, `uri`, `email`, `date-time`) are checked for real: jsonschema's
format extras are installed (see README, "Dependencies").
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from shelters.hsds.common import PROFILE_30, PROFILE_31, HSDSError

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SHIPPED_SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


def _jsonschema() -> tuple[type[Draft202012Validator], Any]:
    """The validator class and its format checker, imported on first use: jsonschema's
    format extras build a parser grammar of some 150,000 objects at import, which every
    web worker would otherwise carry (and Python's garbage collector walk, 50-100 ms a
    full pass) though only imports and exports ever validate."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator, Draft202012Validator.FORMAT_CHECKER


# Where the OpenAPI file's $refs point; each is served from a shipped file.
SPEC_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def schema_dir() -> Path:
    """The HSDS schemas: the copy shipped in this package, unless HSDS_SCHEMA_DIR
    names another folder (to try a newer release of the specification)."""
    folder = Path(settings.HSDS_SCHEMA_DIR) if settings.HSDS_SCHEMA_DIR else SHIPPED_SCHEMA_DIR
    if not (folder / "compiled_service.json").is_file():
        raise HSDSError(f"The HSDS 3.0 schemas are not in {folder}.")
    return folder


@cache
def _load(folder: Path, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def load_schema(name: str) -> dict:
    """One schema file, parsed (cached: the compiled schemas are megabytes)."""
    return _load(schema_dir(), name)


def strict(schema: Any) -> Any:
    """A copy of the schema in which every object schema refuses properties it does
    not name. The compiled schemas inline every nested object (no $ref), so one walk
    reaches them all."""
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    tightened = {
        key: ({name: strict(sub) for name, sub in value.items()} if key == "properties"
              else strict(value))
        for key, value in schema.items()
    }  # fmt: skip
    if "properties" in schema:
        tightened["additionalProperties"] = False
    return tightened


# service_capacity (3.1 draft) refers to unit.json, which the draft defines as an
# object with an id and a name; the reference folder does not carry that file.
_UNIT_SCHEMA = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}},
}


@cache
def _validator(name: str, is_strict: bool, folder: Path) -> Draft202012Validator:
    schema = _load(folder, name)
    Draft202012Validator, format_checker = _jsonschema()
    if name == "service_capacity.3.1-dev.json":
        unit = Resource.from_contents(
            strict(_UNIT_SCHEMA) if is_strict else _UNIT_SCHEMA,
            default_specification=DRAFT202012,
        )
        return Draft202012Validator(
            strict(schema) if is_strict else schema,
            registry=Registry().with_resource("unit.json", unit),
            format_checker=format_checker,
        )
    return Draft202012Validator(
        strict(copy.deepcopy(schema)) if is_strict else schema, format_checker=format_checker
    )


def validator(name: str, *, is_strict: bool = False) -> Draft202012Validator:
    """A validator for one shipped schema file, with format checks on."""
    return _validator(name, is_strict, schema_dir())


def validation_errors(
    package: dict, *, is_strict: bool = False, profile: str = PROFILE_31
) -> list[str]:
    """Every way the package breaks the HSDS schemas, as 'where: what' lines.

    `is_strict` refuses properties the schemas do not name. Under PROFILE_31 a
    service's `capacities` are checked against the 3.1 draft service_capacity;
    under PROFILE_30 they are, strictly, a property 3.0 does not have."""
    if not isinstance(package, dict) or not isinstance(package.get("services"), list):
        return ["services: a list of HSDS services is required"]
    services = validator("compiled_service.json", is_strict=is_strict)
    organizations = validator("compiled_organization.json", is_strict=is_strict)
    capacity = validator("service_capacity.3.1-dev.json", is_strict=is_strict)
    errors = []
    for index, document in enumerate(package.get("organizations", [])):
        errors += [_say(f"organizations[{index}]", e) for e in organizations.iter_errors(document)]
    for index, document in enumerate(package["services"]):
        checked = document
        if profile == PROFILE_31 and isinstance(document, dict) and "capacities" in document:
            checked = {key: value for key, value in document.items() if key != "capacities"}
            for number, item in enumerate(document["capacities"] or []):
                errors += [
                    _say(f"services[{index}]/capacities[{number}]", e)
                    for e in capacity.iter_errors(item)
                ]
        errors += [_say(f"services[{index}]", e) for e in services.iter_errors(checked)]
    return errors


def strict_errors(package: dict, profile: str = PROFILE_30) -> list[str]:
    """validation_errors as a strict consumer of the profile reads the package."""
    return validation_errors(package, is_strict=True, profile=profile)


def _say(where: str, error) -> str:
    path = "/".join(map(str, error.path))
    return f"{where}{'/' + path if path else ''}: {error.message}"


def openapi_document() -> dict:
    return load_schema("openapi.json")


@cache
def _openapi_registry(folder: Path) -> Registry:
    """The OpenAPI file's $ref targets, served from the shipped files. The
    specification's taxonomy and taxonomy_term schemas are not shipped on their own;
    they are the ones the compiled service nests in its attributes."""
    term = _load(folder, "compiled_service.json")["properties"]["attributes"]["items"][
        "properties"
    ]["taxonomy_term"]
    targets = {
        "compiled/service.json": _load(folder, "compiled_service.json"),
        "compiled/service_list.json": _load(folder, "compiled_service_list.json"),
        "compiled/organization.json": _load(folder, "compiled_organization.json"),
        "compiled/organization_list.json": _load(folder, "compiled_organization_list.json"),
        "compiled/service_at_location_list.json": _load(
            folder, "compiled_service_at_location_list.json"
        ),
        "taxonomy.json": term["properties"]["taxonomy_detail"],
        "taxonomy_term.json": term,
    }
    return Registry().with_resources(
        (SPEC_BASE + path, Resource.from_contents(schema, default_specification=DRAFT202012))
        for path, schema in targets.items()
    )


def openapi_response_validator(path: str, status: str = "200") -> Draft202012Validator:
    """A validator for one operation's JSON response as the shipped OpenAPI file
    describes it (its #/components and remote $refs resolved locally)."""
    folder = schema_dir()
    document = _load(folder, "openapi.json")
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"][
        "schema"
    ]
    # The response schema refers to #/components/...: give it the document's components.
    rooted = {"$id": "urn:hsds:openapi", "components": document["components"], **schema}
    Draft202012Validator, format_checker = _jsonschema()
    return Draft202012Validator(
        rooted, registry=_openapi_registry(folder), format_checker=format_checker
    )


def __getattr__(name: str) -> Any:
    # FORMAT_CHECKER, kept for callers that import it, without importing jsonschema
    # when this module is imported (see _jsonschema).
    if name == "FORMAT_CHECKER":
        return _jsonschema()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
