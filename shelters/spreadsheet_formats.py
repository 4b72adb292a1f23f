"""The CSV and XLSX formats of the admin's import and export, bounded and escaped.

Reading: a file larger than SPREADSHEET_IMPORT_MAX_BYTES is refused before it is
parsed; an XLSX whose parts would unpack to more than
SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES is refused before its XML is read; rows and
columns are counted as they are read (openpyxl's read-only mode, one row at a
time) and the file is refused at the first row or column beyond
SPREADSHEET_IMPORT_MAX_ROWS / _COLUMNS. The sheet's own `dimension` record is not
trusted: a forged A1:XFD1048576 once made the reader build a million rows of
16,384 cells each for a 6 KB file.

Writing: every cell goes through shelters.spreadsheet_cells (no formulas, nothing
XLSX cannot hold).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import tablib
from django.conf import settings
from import_export.formats import base_formats

from shelters import spreadsheet_cells


class SpreadsheetRefused(ValueError):
    """A file the import will not read, with the reason for the person uploading it."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_size(size: int) -> None:
    limit = settings.SPREADSHEET_IMPORT_MAX_BYTES
    if size > limit:
        raise SpreadsheetRefused(
            f"The file is {_megabytes(size)}; files of at most {_megabytes(limit)} can be "
            "imported. Split it into smaller files, for example by county."
        )


def _check_row_count(count: int) -> None:
    if count > settings.SPREADSHEET_IMPORT_MAX_ROWS:
        raise SpreadsheetRefused(
            f"The file has more than {settings.SPREADSHEET_IMPORT_MAX_ROWS:,} rows below "
            "the header (blank rows count too). Split it into smaller files."
        )


def _check_width(width: int, row_number: int) -> None:
    if width > settings.SPREADSHEET_IMPORT_MAX_COLUMNS:
        raise SpreadsheetRefused(
            f"Row {row_number} has a value in column {width}; at most "
            f"{settings.SPREADSHEET_IMPORT_MAX_COLUMNS} columns are read. Delete the "
            "columns that are not part of the export."
        )


def _escaped(dataset: tablib.Dataset, cell: Callable) -> tablib.Dataset:
    escaped = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        escaped.append([cell(value) for value in row])
    return escaped


class CSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        check_size(len(in_stream))
        dataset = super().create_dataset(in_stream, **kwargs)
        _check_width(len(dataset.headers or ()), 1)
        _check_row_count(len(dataset))
        return dataset

    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset, spreadsheet_cells.neutralised), **kwargs)


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        import openpyxl

        check_size(len(in_stream))
        try:
            with zipfile.ZipFile(io.BytesIO(in_stream)) as archive:
                unpacked = sum(part.file_size for part in archive.infolist())
        except zipfile.BadZipFile:
            raise SpreadsheetRefused("This is not an XLSX file (not a ZIP archive).") from None
        if unpacked > settings.SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES:
            raise SpreadsheetRefused(
                f"The XLSX file unpacks to {_megabytes(unpacked)}; at most "
                f"{_megabytes(settings.SPREADSHEET_IMPORT_MAX_UNPACKED_BYTES)} are read."
            )
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            return self._read(book.active)
        finally:
            book.close()

    def _read(self, sheet) -> tablib.Dataset:
        sheet.reset_dimensions()  # the file's own size record is not trusted
        dataset = tablib.Dataset()
        headers: list | None = None
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            _check_row_count(number - 1)
            values = list(row)
            while values and values[-1] in (None, ""):
                values.pop()
            _check_width(len(values), number)
            if headers is None:
                headers = values
                dataset.headers = headers
            elif values:
                if len(values) > len(headers):
                    raise SpreadsheetRefused(
                        f"Row {number} has values in columns without a heading in row 1."
                    )
                dataset.append(values + [None] * (len(headers) - len(values)))
        return dataset

    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset, spreadsheet_cells.xlsx_safe), **kwargs)
