"""Where a worksheet part's rows are, found once from its text: the reader's scanner looks
up the cells it reads in their rows, and the writer (:mod:`.sheettext`) edits the rows
it writes, both from this index of the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``sheetData`` as Excel, LibreOffice and openpyxl write it.
OPEN, EMPTY, CLOSE = b"<sheetData>", b"<sheetData/>", b"</sheetData>"
#: A row with its number first, as Excel, LibreOffice and openpyxl write it.
_ROW_AT = re.compile(rb'<row r="([0-9]+)"')
_INSTRUCTION = re.compile(rb"<[!?]")  # a comment, CDATA or processing instruction


@dataclass(frozen=True)
class RowIndex:
    """Where a worksheet part's rows are: ``at`` its ``<sheetData``, ``content`` the text
    inside it, and each row's number and start, in order (not to be changed: shared)."""
    at: int
    content: tuple[int, int]
    numbers: list[int]
    starts: list[int]


#: Row indexes by the bytes they were found in (kept with them, so an id is not reused):
#: the reader and the writer of one check look at the same bytes of a sheet.
_INDEXES: dict[int, tuple[bytes, RowIndex | None]] = {}


def row_index(data: bytes) -> RowIndex | None:
    """The rows of the worksheet part ``data``, or None when they are not in the form
    read exactly: one ``<sheetData>`` (or ``<sheetData/>``), every row with its number
    first (``<row r="N"``), the numbers increasing, no comment, CDATA or instruction
    among them. (A row is looked at closer when it is asked for: most never are.)"""
    hit = _INDEXES.get(id(data))
    if hit is None or hit[0] is not data:
        if len(_INDEXES) >= 32:
            _INDEXES.clear()
        hit = _INDEXES[id(data)] = (data, _row_index(data))
    return hit[1]


def _row_index(data: bytes) -> RowIndex | None:
    at = data.find(b"<sheetData")
    if data.startswith(EMPTY, at):
        start = stop = at + len(EMPTY)
    elif data.startswith(OPEN, at):
        start, stop = at + len(OPEN), data.find(CLOSE, at)
        if stop < 0 or _INSTRUCTION.search(data, start, stop):
            return None
    else:
        return None
    if data.find(b"<sheetData", stop) >= 0:
        return None
    numbers, starts = [], []
    for m in _ROW_AT.finditer(data, start, stop):
        numbers.append(int(m[1]))
        starts.append(m.start())
    if len(starts) != data.count(b"<row", start, stop) or \
            any(b <= a for a, b in zip(numbers, numbers[1:])) or \
            not starts and data[start:stop].strip():
        return None  # a row without its number first, out of order or twice
    return RowIndex(at, (start, stop), numbers, starts)
