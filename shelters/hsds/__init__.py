"""Open Referral HSDS 3.0: export (`export`), validation (`schemas`) and load (`load`)."""

from shelters.hsds.common import HSDSError
from shelters.hsds.export import export_package
from shelters.hsds.load import Options, import_source
from shelters.hsds.schemas import schema_dir, validation_errors

__all__ = [
    "HSDSError", "Options", "export_package", "import_source", "schema_dir", "validation_errors",
]  # fmt: skip
