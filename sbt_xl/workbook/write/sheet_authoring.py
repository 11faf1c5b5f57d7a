"""sbt-xl's own sheet (the Findings sheet), authored whole: a header row frozen and
filtered, wrapped text in rows tall enough for it, links styled as links, printed landscape
one page wide with the heading atop every page and page numbers below."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from sbt_xl.model.cells import column_letter
from sbt_xl.workbook import design
from sbt_xl.workbook.ooxml.constants import NS, M
from sbt_xl.workbook.ooxml.edit import PackageEdit
from sbt_xl.workbook.ooxml.rows import cell_xml
from sbt_xl.workbook.ooxml.sheettext import serialise_around
from sbt_xl.workbook.ooxml.styles import Styles
from sbt_xl.workbook.ooxml.xml import sub
from sbt_xl.workbook.write.book import Formula
from sbt_xl.workbook.write.printing import LINE_POINTS, lines_needed, row_points


def argb(rgb: tuple[int, int, int]) -> str:
    return "FF%02X%02X%02X" % rgb


def write_sheet(edit: PackageEdit, title: str, rows: Sequence[Sequence[Any]],
                widths: Sequence[float], replace: str | None = None,
                heading: str | None = None) -> None:
    """(Re)write sbt-xl's own sheet: ``replace`` names it when it exists already;
    ``heading`` prints atop every page."""
    if replace is not None:
        ref = edit.sheets[replace]
        edit.drop_calc_chain(ref)
    else:
        ref = edit.add_sheet(title)
    edit.set_part(ref.part, worksheet(edit.styles, rows, widths, heading))  # owned: whole
    last = column_letter(max(len(r) for r in rows))
    q = title.replace("'", "''")
    edit.define_name("_xlnm._FilterDatabase", f"'{q}'!$A$1:${last}${len(rows)}",
                     title, hidden=True)
    edit.define_name("_xlnm.Print_Titles", f"'{q}'!$1:$1", title)


def worksheet(styles: Styles, rows: Sequence[Sequence[Any]], widths: Sequence[float],
              heading: str | None = None) -> bytes:
    """The worksheet part holding ``rows`` from A1 (formats added to ``styles``): laid out
    with lxml, its rows written as text (a checked copy's Findings sheet has a few hundred
    cells, and an element per cell cost more than the rest of the sheet)."""
    ncols = max(len(r) for r in rows)
    root = etree.Element(M + "worksheet", nsmap={None: NS["m"], "r": NS["r"]})
    sub(sub(root, M + "sheetPr"), M + "pageSetUpPr", {"fitToPage": "1"})
    sub(root, M + "dimension", {"ref": f"A1:{column_letter(ncols)}{len(rows)}"})
    view = sub(sub(root, M + "sheetViews"), M + "sheetView", {"workbookViewId": "0"})
    sub(view, M + "pane", {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft",
                           "state": "frozen"})
    sub(view, M + "selection", {"pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"})
    sub(root, M + "sheetFormatPr", {"defaultRowHeight": f"{LINE_POINTS:g}",
                                    "customHeight": "1"})
    cols = sub(root, M + "cols")
    for i, w in enumerate(widths, start=1):
        sub(cols, M + "col", {"min": str(i), "max": str(i), "width": f"{w:g}",
                              "customWidth": "1"})
    head = styles.derive(0, bold=True, fill=argb(design.rgb_tuple(design.HEADER)))
    wrap = styles.derive(0)
    linked = styles.derive(0, link=design.LINK)
    sub(root, M + "sheetData")
    sub(root, M + "autoFilter", {"ref": f"A1:{column_letter(ncols)}{len(rows)}"})
    sub(root, M + "pageMargins", {"left": "0.5", "right": "0.5", "top": "0.6",
                                  "bottom": "0.6", "header": "0.3", "footer": "0.3"})
    sub(root, M + "pageSetup", {"paperSize": "9", "orientation": "landscape",
                                "fitToWidth": "1", "fitToHeight": "0"})
    hf = sub(root, M + "headerFooter")
    if heading:
        amp = heading.replace("&", "&&")
        sub(hf, M + "oddHeader").text = f'&L&"{design.FONT_NAME},Bold"&12{amp}'
    sub(hf, M + "oddFooter").text = "&C&P / &N"

    text = []
    for r, row in enumerate(rows, start=1):
        lines, cells = 1, []
        for c, v in enumerate(row, start=1):
            style = head if r == 1 else wrap
            if isinstance(v, Formula) and v.text.startswith("HYPERLINK("):
                style = linked
            cells.append(cell_xml(f"{column_letter(c)}{r}", v, f' s="{style}"'))
            if isinstance(v, str) and v and c <= len(widths):
                lines = max(lines, lines_needed(v, widths[c - 1], bold=r == 1))
        points = row_points(lines)
        height = "" if points is None else f' ht="{points:g}" customHeight="1"'
        text.append(f'<row r="{r}"{height}>{"".join(cells)}</row>')
    return serialise_around(root, "".join(text).encode())
