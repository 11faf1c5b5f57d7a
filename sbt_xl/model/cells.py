"""A1 addresses and defined-name references: the one place they are parsed and written."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from typing import Literal

_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$")
Problem = Literal["missing_name", "broken_name"]
#: The error values a cell can hold (Excel 365's included), as text.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#UNKNOWN!", "#CONNECT!", "#BUSY!"})


def column_index(letters: str) -> int:
    """``"A"`` → 1, ``"AA"`` → 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(index: int) -> str:
    """1 → ``"A"``, 27 → ``"AA"``."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@functools.lru_cache(maxsize=8192)
def split(cell: str) -> tuple[str, int]:
    """``"C5"`` → ``("C", 5)`` (remembered: a checked copy asks ~1,300 times)."""
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def index(cell: str) -> tuple[int, int]:
    """``"C5"`` → zero-based ``(row, col)`` = ``(4, 2)``."""
    letters, row = split(cell)
    return row - 1, column_index(letters) - 1


def offset(cell: str, rows: int = 0, cols: int = 0) -> str:
    letters, row = split(cell)
    return f"{column_letter(column_index(letters) + cols)}{row + rows}"


@functools.lru_cache(maxsize=8192)
def parse_ref(ref: str) -> tuple[str, str] | None:
    """``'My sheet'!$C$5`` → ``("My sheet", "C5")``; None for a range, #REF! or a formula
    (remembered: every check resolves the template's few hundred names)."""
    m = _REF.match(ref.strip().lstrip("="))
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, f"{m.group(3)}{m.group(4)}"


def absolute_ref(sheet: str, cell: str) -> str:
    """``("Targets", "E5")`` → ``'Targets'!$E$5``."""
    letters, row = split(cell)
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!${letters}${row}"


def locate(names: Mapping[str, str], sheets: Collection[str], name: str
           ) -> tuple[str, str] | Problem:
    """Where the defined name ``name`` points: ``(sheet, cell)``, or why it cannot be used."""
    ref = names.get(name)
    if ref is None:
        return "missing_name"
    where = parse_ref(ref)
    return where if where and where[0] in sheets else "broken_name"
