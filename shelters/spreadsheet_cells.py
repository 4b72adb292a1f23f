"""What a spreadsheet cell may hold on its way out, and how it reads on its way in.

One advocate's text must never run in coalition staff's spreadsheet program: a
text cell starting with = + - @, a tab or a carriage return (or their full-width
forms, which some programs also read as formula signs) is exported with a leading
apostrophe, the OWASP practice for CSV injection, in CSV and XLSX alike. A cell
that is a plain number (-97.7431) is no formula and is left alone. On import, one
leading apostrophe in front of such a character is removed again, so that an
exported file imports back to exactly what was stored; a text that really starts
with an apostrophe and one of those characters cannot be imported as such (it is
read as our escape).

XLSX (XML) cannot hold most control characters: they are replaced by a space in
XLSX exports, so that one pasted vertical tab never makes an export fail.
"""

from __future__ import annotations

import re

# The ASCII signs, tab, carriage return, and the full-width = + - @.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
ESCAPE = "'"
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# What XML 1.0 (so XLSX) cannot carry; openpyxl refuses a cell holding any of them.
NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralised(value):
    """`value` as it may go into an exported cell: a text that a spreadsheet
    program would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not PLAIN_NUMBER.fullmatch(value):
        return ESCAPE + value
    return value


def restored(value):
    """An imported cell's text with the apostrophe `neutralised` added taken off."""
    if isinstance(value, str) and value[:1] == ESCAPE and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def xlsx_safe(value):
    """`value` as an XLSX cell can hold it: neutralised, without control characters."""
    value = neutralised(value)
    if isinstance(value, str):
        return NOT_IN_XLSX.sub(" ", value)
    return value
