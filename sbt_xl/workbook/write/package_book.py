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
        """(Nothing to fetch ahead: cells are read from their rows' text, a row parsed
        only when one of its cells is in another form.)"""

    def value(self, sheet: str, cell: str) -> Any:
        rows = self.edit.rows(sheet)
        if rows.blank(cell):  # (an empty check cell: its row is not parsed to say so)
            return None
        found = rows.read_text(cell)
        if found is not None:
            return self._typed_value(found)
        return sheetxml.value(rows.find(cell), self.edit.shared_strings())

    def _typed_value(self, cell: sheetxml.CellText) -> Any:
        shared = self.edit.shared_strings() if cell.kind == "s" else ()
        return sheetxml.typed_value(cell.kind, cell.text, shared)

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
        """(Written into the row's text when the cell and the ``fit`` cells of its row
        read as text: most do; else into the parsed row.)"""
        rows = self.edit.rows(sheet)
        fill = argb(COLORS[color]) if color else None
        r = split(cell)[1]
        mine = [ref for ref in fit if split(ref)[1] == r]  # (the check cell's row only)
        typed = self._typed_texts(rows, mine)
        found = rows.read_text(cell) if typed is not None else None
        if typed is None or found is None or not found.written or not self._write_text(
                rows, sheet, cell, found, text,
                self.styles.derive(int(found.attributes.get("s", "0")), fill=fill)):
            c = self.edit.cell(sheet, cell)
            style = self.styles.derive(int(c.get("s", "0")), fill=fill)
            sheetxml.set_value(c, text, style)
            typed = self._typed_elements(c.getparent(), set(mine))
        lines = max([lines_needed(text or "", self._column_width(sheet, cell)),
                     *(lines_needed(v, self._column_width(sheet, ref)) for ref, v in typed)])
        points = row_points(lines)
        if points is not None:
            rows.set_height(r, points)

    def _typed_texts(self, rows: sheetxml.SheetRows, refs: Sequence[str]
                     ) -> list[tuple[str, str]] | None:
        """(cell, text) the user typed in ``refs``, read from their rows' text; None when
        one is not read as text."""
        out = []
        for ref in refs:
            found = rows.read_text(ref)
            if found is None:
                return None
            if found.kind in _TEXT_TYPES:  # (numbers do not wrap)
                v = self._typed_value(found)
                if isinstance(v, str):
                    out.append((ref, v))
        return out

    def _typed_elements(self, row: etree._Element, refs: set[str]) -> list[tuple[str, str]]:
        """As :meth:`_typed_texts`, from the parsed ``row``."""
        out = []
        for c in row:
            if c.get("r") in refs and c.get("t") in _TEXT_TYPES:
                v = sheetxml.value(c, self.edit.shared_strings())
                if isinstance(v, str):
                    out.append((c.get("r", "A1"), v))
        return out

    def _column_width(self, sheet: str, cell: str) -> float:
        if sheet not in self._widths:
            self._widths[sheet] = self.edit.rows(sheet).column_widths()
        return self._widths[sheet].get(column_index(split(cell)[0]), DEFAULT_WIDTH)

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        if value is None or isinstance(value, (str, int, float)):  # (in the row's text)
            rows = self.edit.rows(sheet)
            found = rows.read_text(cell)
            if found is not None and self._write_text(rows, sheet, cell, found, value):
                return
        sheetxml.set_value(self.edit.cell(sheet, cell), value)

    def _write_text(self, rows: sheetxml.SheetRows, sheet: str, cell: str,
                    found: sheetxml.CellText, value: str | float | None,
                    style: int | None = None) -> bool:
        """``value`` (and ``style``) into the cell ``found`` in its row's text; False when
        it is not written there (a cell not in the file yet)."""
        if not found.written or not rows.write_text(
                cell, sheetxml.text_cell_xml(cell, found.attributes, value, style)):
            return False
        self.edit.touch(sheet)
        return True

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
