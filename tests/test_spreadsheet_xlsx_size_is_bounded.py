"""An XLSX file is read one row at a time and refused at the first row or column
beyond the limits, whatever size its `dimension` record claims: a 6 KB file that
claims A1:XFD1048576 once grew a worker by gigabytes."""

from __future__ import annotations

import io
import resource
import time
import tracemalloc
from contextlib import contextmanager

import openpyxl
import pytest

from shelters.models import Shelter

from .conftest import signed_in
from .spreadsheet_files import XLSX_FORMAT, forged_dimension_xlsx, preview

pytestmark = pytest.mark.django_db


@contextmanager
def address_space_capped(extra_bytes: int):
    """A regression raises MemoryError here instead of taking the machine down."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (in_use + extra_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_a_forged_dimension_is_refused_quickly_and_in_little_memory(client, cast):
    content = forged_dimension_xlsx()
    assert len(content) < 8000
    client = signed_in(client, cast["advocate"])
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with address_space_capped(1_000_000_000):
            response = preview(client, content, name="forged.xlsx", format_=XLSX_FORMAT)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    errors = response.context["form"].errors["import_file"]
    assert "more than 10,000 rows" in errors[0]
    assert response.context.get("confirm_form") is None
    # Loose bounds, to tell "bounded" from "grows with the claimed size"; the
    # measured figures are in BENCHMARKS.md.
    assert peak < 100_000_000, f"peak {peak / 1e6:.0f} MB"
    print(f"refused in {elapsed:.3f} s, Python peak {peak / 1e6:.1f} MB")


def test_a_row_wider_than_the_column_limit_is_refused(client, cast, settings):
    settings.SPREADSHEET_IMPORT_MAX_COLUMNS = 40
    book = openpyxl.Workbook()
    book.active.append(["name", "kind"])
    book.active.cell(row=2, column=41, value="far right")
    book.active.cell(row=2, column=1, value="Cedar House")

    out = io.BytesIO()
    book.save(out)
    response = preview(signed_in(client, cast["advocate"]), out.getvalue(), name="wide.xlsx",
                       format_=XLSX_FORMAT)  # fmt: skip
    [error] = response.context["form"].errors["import_file"]
    assert "Row 2 has a value in column 41" in error
    assert not Shelter.objects.filter(name="Cedar House").exists()
