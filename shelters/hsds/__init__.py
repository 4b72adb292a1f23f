"""Open Referral HSDS 3.0: export (`export`), validation (`schemas`) and load (`load`)."""

from shelters.hsds.common import HSDSError
from shelters.hsds.export import export_package
from shelters.hsds.load import import_package
from shelters.hsds.schemas import schema_dir, validation_errors

__all__ = ["HSDSError", "export_package", "import_package", "schema_dir", "validation_errors"]
