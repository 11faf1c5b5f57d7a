"""Many rows of plain values written straight into a saved sheet's XML.

openpyxl builds a cell object per value and serialises it again on saving (~25 µs a cell);
a group workbook's Entities sheet has 17 cells per entity and thousands of entities. The
writer lets openpyxl lay the sheet out with one styled *prototype* row, then
:func:`replace_row` puts the real rows in its place as text, each cell in its column's
style from the prototype (so formats and fonts are defined once, by openpyxl).
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Sequence

from sbt_xl.model.cells import column_index, column_letter
from sbt_xl.workbook.ooxml.values import Formula, encode_number, escape_xml

_CELL = re.compile(rb'<c r="([A-Z]+)[0-9]+"([^>]*?)/?>')
_STYLE = re.compile(rb' s="([0-9]+)"')


def _number(ref: str, value: numbers.Real | float, style: str, formula: str = "") -> str:
    v = encode_number(value)
    if v is None:
        return f'<c r="{ref}"{style} t="e">{formula}<v>#NUM!</v></c>'
    return f'<c r="{ref}"{style}>{formula}<v>{v}</v></c>'


def cell_xml(ref: str, value: object, style: str) -> str:
    """The ``<c>`` element of ``value`` in ``ref`` (``style``: `` s="N"`` or empty)."""
    if value is None or value == "":
        return f'<c r="{ref}"{style}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Real):
        return _number(ref, value, style)
    if isinstance(value, Formula):
        f = f"<f>{escape_xml(value.text)}</f>"
        if isinstance(value.shows, str):
            return f'<c r="{ref}"{style} t="str">{f}<v>{escape_xml(value.shows)}</v></c>'
        return _number(ref, value.shows, style, f)
    return (f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">'
            f"{escape_xml(str(value))}</t></is></c>")


def row_styles(sheet: bytes, row: int) -> dict[str, str]:
    """Column letter → `` s="N"`` of the cells written in ``row`` of a sheet's XML."""
    start = sheet.find(b'<row r="%d"' % row)
    if start < 0:
        raise ValueError(f"row {row} is not in the sheet")
    end = sheet.find(b"</row>", start)
    out = {}
    for m in _CELL.finditer(sheet, start, end):
        s = _STYLE.search(m[2])
        out[m[1].decode()] = f' s="{s[1].decode()}"' if s else ""
    return out


def rows_xml(rows: Iterable[Sequence[object]], first: int, styles: dict[str, str]) -> bytes:
    """``<row>`` elements for ``rows``, numbered from ``first``."""
    letters = [column_letter(i) for i in range(1, 1 + max(map(column_index, styles),
                                                             default=0))]
    out = []
    for r, values in enumerate(rows, start=first):
        if len(values) > len(letters):
            letters += [column_letter(i) for i in range(len(letters) + 1, len(values) + 1)]
        cells = "".join(cell_xml(f"{col}{r}", v, styles.get(col, ""))
                        for col, v in zip(letters, values))
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out).encode()


def replace_row(sheet: bytes, row: int, rows: bytes) -> bytes:
    """``sheet`` with its written row ``row`` (a prototype) replaced by ``rows``, which
    must be numbered between the rows around it."""
    start = sheet.find(b'<row r="%d"' % row)
    if start < 0:
        raise ValueError(f"row {row} is not in the sheet")
    end = sheet.find(b"</row>", start) + len(b"</row>")
    return sheet[:start] + rows + sheet[end:]
