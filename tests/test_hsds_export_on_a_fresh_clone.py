"""Done when (issue 11): on a fresh clone, with no ../shared and no HSDS_SCHEMA_DIR,
`make run`'s set-up then `manage.py export_hsds out.json` writes a file whose every
object passes strict HSDS 3.0 validation with format checks on.

The project is copied (its files as git tracks them) to a folder with no `shared`
above it, and run there in a subprocess with a clean environment; the output is
then validated here against the copy's own shipped schemas."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator

from shelters.hsds.schemas import FORMAT_CHECKER, strict

PROJECT = Path(settings.BASE_DIR).resolve()


def tracked_copy(destination: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, check=True, capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def test_export_hsds_on_a_fresh_clone_validates_strictly(tmp_path):
    clone = tracked_copy(tmp_path / "clone")
    assert not any((folder / "shared").exists() for folder in clone.parents)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("HSDS_", "DATABASE_URL", "DJANGO_"))}  # fmt: skip
    env |= {"DEBUG": "1", "PYTHONPATH": str(clone)}

    def manage(*arguments: str) -> None:
        subprocess.run([sys.executable, "manage.py", *arguments], cwd=clone, env=env,
                       check=True, capture_output=True, timeout=600)  # fmt: skip

    (clone / "var").mkdir(exist_ok=True)
    manage("migrate", "--noinput")
    manage("load_sample_data", "--if-empty")
    manage("export_hsds", "out.json")

    package = json.loads((clone / "out.json").read_text())
    schemas = clone / "shelters" / "hsds" / "schema"

    def strict_validator(name: str) -> Draft202012Validator:
        schema = json.loads((schemas / name).read_text())
        return Draft202012Validator(strict(schema), format_checker=FORMAT_CHECKER)

    services = strict_validator("compiled_service.json")
    organizations = strict_validator("compiled_organization.json")
    errors = [e.message for s in package["services"] for e in services.iter_errors(s)]
    errors += [e.message for o in package["organizations"] for e in organizations.iter_errors(o)]
    assert errors == []
    assert len(package["services"]) > 50 and package["organizations"]
    assert all("capacities" not in service for service in package["services"])
