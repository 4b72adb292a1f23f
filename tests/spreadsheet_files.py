"""Building spreadsheet files for the import tests, and driving the admin's
import and export pages as a browser would."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import _add_form

CSV_FORMAT, XLSX_FORMAT = "0", "1"


def export(client, model="shelter", format_=CSV_FORMAT, query="") -> bytes:
    url = f"/admin/shelters/{model}/export/{query}"
    form: dict = {}
    _add_form(client.get(url).context["form"], form)
    form["format"] = format_
    response = client.post(url, form)
    assert response.status_code == 200, response.content[:500]
    return response.content


def export_csv(client, model="shelter", query="") -> list[dict]:
    content = export(client, model, CSV_FORMAT, query)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def as_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def preview(client, content: bytes, name="listings.csv", format_=CSV_FORMAT, model="shelter"):
    upload = SimpleUploadedFile(name, content)
    return client.post(f"/admin/shelters/{model}/import/",
                       {"import_file": upload, "format": format_, "resource": "0"})  # fmt: skip


def confirm_data(preview_response) -> dict:
    form = preview_response.context["confirm_form"]
    return {name: form.initial[name] for name in form.initial}


def confirm(client, preview_response, model="shelter"):
    return client.post(f"/admin/shelters/{model}/process_import/", confirm_data(preview_response))


def forged_dimension_xlsx() -> bytes:
    """A small, valid XLSX whose sheet says it spans A1:XFD1048576, with one cell in
    its last row: the file of the security review's finding 1."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name", "beds_available"])
    sheet.append([1, "Cedar House", 3])
    plain = io.BytesIO()
    book.save(plain)
    forged = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = re.sub(
                    r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml
                )
                xml = xml.replace(
                    "</sheetData>",
                    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                    "</row></sheetData>",
                )
                data = xml.encode()
            out.writestr(part, data)
    return forged.getvalue()
