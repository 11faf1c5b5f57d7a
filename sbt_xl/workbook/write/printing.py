"""How sheets print: rows tall enough for their wrapped text, pages one sheet wide.

Neither openpyxl nor the writer can ask the spreadsheet application to autofit a row, so
row heights are set from the text: a column ``width`` (Excel's unit, about one digit)
holds about ``width`` narrow characters per line, and a wide (East Asian) character
counts as two.
"""

from __future__ import annotations

from typing import Any

#: Height of one line of 11-point text, points: Japanese fonts need more than Calibri's
#: 15 (Japanese Excel's default row is 18.75), and every sheet carries Japanese labels.
LINE_POINTS = 18.0
#: Lines given to a wrapped live formula, whose text is unknown until it calculates: the
#: template's only ones are target wordings, and the SBTi's longest sentence (scope 1, 2
#: and 3, per a unit, fiscal years) takes three lines of the wording column.
FORMULA_LINES = 3


def _cells(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide."""
    per_line = max(int(width), 1)
    return sum(max(1, -(-_cells(line) // per_line)) for line in str(text).split("\n"))


def row_points(lines: int) -> float | None:
    """The height a row of ``lines`` lines needs; None when the default will do."""
    return lines * LINE_POINTS if lines > 1 else None


def fit_rows(ws: Any, widths: dict[str, float], default_width: float = 8.43) -> None:
    """Set each row of an openpyxl worksheet tall enough for its wrapped text, and rows
    without wrapped text one line of :data:`LINE_POINTS` tall."""
    ws.sheet_format.defaultRowHeight = LINE_POINTS
    ws.sheet_format.customHeight = True
    for row in ws.iter_rows():
        lines = 1
        for c in row:
            if not (isinstance(c.value, str) and c.alignment is not None
                    and c.alignment.wrap_text):
                continue
            lines = max(lines, FORMULA_LINES if c.value.startswith("=") else
                        lines_needed(c.value, widths.get(c.column_letter, default_width)))
        points = row_points(lines)
        if points is not None:
            ws.row_dimensions[row[0].row].height = points


def fit_to_width(ws: Any) -> None:
    """Print an openpyxl worksheet one page wide, as many pages tall as needed."""
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
