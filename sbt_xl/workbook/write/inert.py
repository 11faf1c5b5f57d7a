"""Text that came from input stays text: never a formula in a workbook, never a formula
for the spreadsheet that opens a CSV file (CSV or formula injection).

A target list or an old workbook comes from outside; a cell ``=HYPERLINK("http://…")``
in it must reach the user's file as the characters typed, not as a live formula.
"""

from __future__ import annotations

import re
from typing import Any

#: The first characters that make a spreadsheet read a CSV field as a formula (OWASP,
#: "CSV Injection": equals, plus, minus, at, tab, carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Control characters an .xlsx cannot hold (XML 1.0 forbids them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def set_text(cell: Any, value: Any) -> None:
    """Put ``value`` into an openpyxl ``cell``; a string is stored as text even when it
    starts with ``=`` (openpyxl would otherwise write it as a formula), with the control
    characters XML cannot hold replaced by U+FFFD."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("\ufffd", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def csv_field(value: Any) -> Any:
    """A value for a CSV file: text starting with a formula character gets a leading
    apostrophe (shown by spreadsheets as text, the OWASP remedy); numbers, and text that
    starts otherwise, are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
