"""The writer's back end for saved files: edits only the parts of the package sbt-xl owns.

What it changes: the ``<c>`` elements of check and verdict cells (and the height of their
rows, so wrapped messages print), sbt-xl's notes in a sheet's comments part and VML
drawing, sbt-xl's own findings sheet, and the few entries a new sheet or comments part
needs in ``[Content_Types].xml``, ``workbook.xml`` (sheet, defined names), relationship
parts and ``styles.xml`` (formats appended, none changed). Every other member of the
zip is copied as its original compressed bytes (:mod:`sbt_xl.workbook.ooxml.zipcopy`).

:class:`PackageBook` maps the :class:`~sbt_xl.workbook.write.book.Book` operations onto
the jobs done elsewhere: package editing and saving (:mod:`~sbt_xl.workbook.ooxml.edit`),
notes (:mod:`~sbt_xl.workbook.ooxml.note_parts`), dynamic arrays
(:mod:`~sbt_xl.workbook.ooxml.dynamic_array`) and sbt-xl's own sheet
(:mod:`~sbt_xl.workbook.write.sheet_authoring`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lxml import etree

from sbt_xl.model.cells import column_index, split
from sbt_xl.workbook.ooxml import dynamic_array, note_parts, sheetxml
from sbt_xl.workbook.ooxml.edit import PackageEdit
from sbt_xl.workbook.ooxml.package import Package
from sbt_xl.workbook.ooxml.styles import Styles
from sbt_xl.workbook.write import sheet_authoring
from sbt_xl.workbook.write.book import COLORS
from sbt_xl.workbook.write.printing import lines_needed, row_points
from sbt_xl.workbook.write.sheet_authoring import argb

#: Excel's default column width, characters.
DEFAULT_WIDTH = 8.43
#: Cell types whose value is text.
_TEXT_TYPES = frozenset({"s", "inlineStr", "str"})


class PackageBook:
    """A :class:`~sbt_xl.workbook.write.book.Book` over an opened :class:`Package`."""

    def __init__(self, package: Package, names: Mapping[str, str] | None = None) -> None:
        self.pkg = package
        self.edit = PackageEdit(package, names)
        self._notes: dict[str, dict[str, str | None]] = {}
        self._saved_notes: dict[str, dict[str, str]] = {}
        self._widths: dict[str, dict[int, float]] = {}

    # --- reading -------------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Every sheet's title, chart sheets included (titles must stay unique)."""
        return self.edit.sheet_names()

    def resolve(self, name: str) -> tuple[str, str] | None:
        return self.edit.resolve(name)

    def load(self, cells: Iterable[tuple[str, str]]) -> None:
        """Parse the rows of ``cells`` one sheet at a time (one parse, not one a row)."""
        by_sheet: dict[str, set[int]] = {}
        for sheet, cell in cells:
            by_sheet.setdefault(sheet, set()).add(split(cell)[1])
        for sheet, numbers in by_sheet.items():
            self.edit.rows(sheet).load(numbers)

    def value(self, sheet: str, cell: str) -> Any:
        rows = self.edit.rows(sheet)
        if rows.blank(cell):  # (an empty check cell: its row is not parsed to say so)
            return None
        return sheetxml.value(rows.find(cell), self.edit.shared_strings())

    def note(self, sheet: str, cell: str) -> str | None:
        """The note the file has (notes set here are written on saving)."""
        if sheet not in self._saved_notes:
            self._saved_notes[sheet] = note_parts.read(self.edit, sheet)
        return self._saved_notes[sheet].get(cell)

    # --- writing -------------------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        return self.edit.styles

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None,
                  fit: Sequence[str] = ()) -> None:
        c = self.edit.cell(sheet, cell)
        style = self.styles.derive(int(c.get("s", "0")),
                                   fill=argb(COLORS[color]) if color else None)
        sheetxml.set_value(c, text, style)
        row = c.getparent()
        lines = max([lines_needed(text or "", self._column_width(sheet, cell)),
                     *self._typed_lines(sheet, row, set(fit))])
        points = row_points(lines)
        if points is not None:
            sheetxml.set_row_height(row, points)

    def _typed_lines(self, sheet: str, row: etree._Element, refs: set[str]) -> list[int]:
        """Lines the text the user typed into the cells ``refs`` of ``row`` wraps to."""
        out = []
        for c in row:
            if c.get("r") in refs and c.get("t") in _TEXT_TYPES:  # (numbers do not wrap)
                v = sheetxml.value(c, self.edit.shared_strings())
                if isinstance(v, str):
                    out.append(lines_needed(v, self._column_width(sheet, c.get("r", "A1"))))
        return out

    def _column_width(self, sheet: str, cell: str) -> float:
        if sheet not in self._widths:
            self._widths[sheet] = self.edit.rows(sheet).column_widths()
        return self._widths[sheet].get(column_index(split(cell)[0]), DEFAULT_WIDTH)

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        sheetxml.set_value(self.edit.cell(sheet, cell), value)

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        self._notes.setdefault(sheet, {})[cell] = text

    def define_name(self, name: str, ref: str, local_sheet: str | None = None,
                    hidden: bool = False) -> None:
        self.edit.define_name(name, ref, local_sheet, hidden)

    def write_sheet(self, title: str, rows: Sequence[Sequence[Any]], widths: Sequence[float],
                    replace: str | None = None, heading: str | None = None) -> None:
        """(Re)write sbt-xl's own sheet: ``replace`` names it when it exists already;
        ``heading`` prints atop every page."""
        sheet_authoring.write_sheet(self.edit, title, rows, widths, replace, heading)

    def set_main_type(self, suffix: str) -> None:
        """Give the workbook part the content type the output's extension asks for (an
        .xltx checked into an .xlsx becomes a workbook)."""
        self.edit.set_main_type(suffix)

    def set_dynamic_array(self, sheet: str, anchor: str, formula: str,
                          values: Sequence[Sequence[Any]]) -> str:
        """A spilling formula in ``anchor`` with its results cached in the cells it spills
        into (so a reader without the add-in sees them); returns the spill range."""
        return dynamic_array.set_dynamic_array(self.edit, sheet, anchor, formula, values)

    # --- saving --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The edited package as the bytes of a zip."""
        note_parts.apply(self.edit, self._notes)
        return self.edit.to_bytes()
