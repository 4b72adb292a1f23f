"""Reading what HSDS publishers publish: which shape a file has, and its services.

A publisher may hand over one compiled service, one compiled organisation (its
services inside), a page of the HSDS API (`contents`), a bare array of services,
newline-delimited JSON (one service a line), this directory's own package
(`{"services": [...]}`) or a folder of such files. `read_source` says which it
found and returns every service as a `Record`, with where it came from and the
organisation it belongs to, so the report can name each one.

Files are bounded before they are parsed: a file (or a folder's files together)
larger than settings.HSDS_IMPORT_MAX_BYTES is refused unread, and JSON nested
more deeply than the parser can follow is a clear error, not a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from shelters.hsds.common import HSDSError

SHAPES = {
    "service": "a single HSDS service",
    "organization": "a single HSDS organisation with its services",
    "page": "an HSDS API page (contents)",
    "array": "a JSON array of services",
    "ndjson": "newline-delimited JSON, one service a line",
    "package": 'a package of services ({"services": [...]})',
    "folder": "a folder of JSON files",
}


@dataclass
class Record:
    """One service as found in the source, and the organisation it came under."""

    origin: str  # "file.json", "file.json[3]", "file.ndjson line 4"
    service: Any
    organization: Any = None  # an enclosing organisation object, if any
    organizations: dict = field(default_factory=dict)  # a package's organisations by id


@dataclass
class Source:
    shape: str
    records: list[Record]
    parts: list[str] = field(default_factory=list)  # a folder's files and their shapes

    @property
    def described(self) -> str:
        text = SHAPES[self.shape]
        if self.parts:
            text += " (" + "; ".join(self.parts) + ")"
        return text


def max_bytes() -> int:
    return settings.HSDS_IMPORT_MAX_BYTES


def read_source(path: str | Path) -> Source:
    """The services in the file or folder at `path`, and the shape it had."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise HSDSError(f"Cannot read {path}: {error.strerror or error}.") from None
    _check_size(path.name, size)
    return _read_file(path)


def _check_size(name: str, size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise HSDSError(
            f"{name} is {size / 1e6:.1f} MB; an import reads at most {limit / 1e6:.1f} MB "
            "(HSDS_IMPORT_MAX_BYTES). Split it into smaller files and import them one by one."
        )


def _read_folder(folder: Path) -> Source:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in
                   (".json", ".ndjson", ".jsonl"))  # fmt: skip
    if not files:
        raise HSDSError(f"{folder} holds no .json, .ndjson or .jsonl file.")
    _check_size(f"The folder {folder.name}", sum(p.stat().st_size for p in files))
    records, parts = [], []
    for path in files:
        found = _read_file(path)
        records += found.records
        parts.append(f"{path.name}: {SHAPES[found.shape]}")
    return Source("folder", records, parts)


def _read_file(path: Path) -> Source:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise HSDSError(f"{path.name} is not UTF-8 text (byte {error.start}).") from None
    except OSError as error:
        raise HSDSError(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        document = _parse(text, path.name)
    except _ExtraData:
        return Source("ndjson", _ndjson(text, path.name))
    return _shape(document, path.name)


class _ExtraData(Exception):
    """More than one JSON value in the file: perhaps NDJSON."""


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise HSDSError(f"{where}: the JSON is nested too deeply to read.") from None
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            raise _ExtraData from None
        raise HSDSError(
            f"{where}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})."
        ) from None


def _ndjson(text: str, name: str) -> list[Record]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            value = _parse(line, where)
        except _ExtraData:
            raise HSDSError(f"{where}: more than one JSON value on the line.") from None
        records.append(Record(where, value))
    return records


def _shape(document: Any, name: str) -> Source:
    if isinstance(document, list):
        return Source("array", [Record(f"{name}[{i}]", item) for i, item in enumerate(document)])
    if not isinstance(document, dict):
        raise HSDSError(
            f"{name}: expected an HSDS service, organisation, API page, package or an "
            f"array of services, found a JSON {type(document).__name__}."
        )
    if "contents" in document:
        return Source("page", _listed(document["contents"], f"{name} contents", name))
    if "services" in document and "name" not in document:
        organizations = {
            o["id"]: o
            for o in document.get("organizations") or []
            if isinstance(o, dict) and isinstance(o.get("id"), str)
        }
        records = _listed(document["services"], f"{name} services", name)
        for record in records:
            record.organizations = organizations
        return Source("package", records)
    if _looks_like_organization(document):
        organization = {k: v for k, v in document.items() if k != "services"}
        records = _listed(document.get("services") or [], f"{name} services", name)
        for record in records:
            record.organization = organization
        return Source("organization", records)
    return Source("service", [Record(name, document)])


def _looks_like_organization(document: dict) -> bool:
    """An organisation has services, or fields only organisations have; a service
    has an organisation or fields only services have."""
    if "services" in document:
        return True
    organization_only = {"website", "tax_status", "year_incorporated", "legal_status",
                         "logo", "funding", "organization_identifiers",
                         "parent_organization_id"}  # fmt: skip
    service_only = {"organization", "organization_id", "service_at_locations", "schedules",
                    "service_areas", "status", "eligibility_description"}  # fmt: skip
    return bool(organization_only & document.keys()) and not (service_only & document.keys())


def _listed(value: Any, where: str, name: str) -> list[Record]:
    if not isinstance(value, list):
        raise HSDSError(f"{where}: expected a list of services, found {type(value).__name__}.")
    return [Record(f"{name}[{index}]", item) for index, item in enumerate(value)]
