"""A workbook open in Excel, through xlwings: the reader's source and the writer's back end.

Only xlwings' public object model is used (``Book.names``, ``Name.refers_to``,
``Sheet.range``, ``Range.value/.color/.note/.add_note``, ``Sheets.add``), so the same
writer logic as the headless path runs against Excel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sbt_xl.model.cells import locate
from sbt_xl.workbook.template.layout import Field
from sbt_xl.workbook.read.reader import RawCell, layout_version
from sbt_xl.workbook.write.book import COLORS, Formula


def _names(book: Any) -> dict[str, str]:
    out = {}
    for n in book.names:
        name = n.name
        if "!" in name:  # sheet-scoped: 'Sheet1'!x — not ours
            continue
        out[name] = str(n.refers_to).lstrip("=")
    return out


class _Names:
    """The workbook's names and sheet names, read once (each read is a COM call)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.names = _names(book)
        self.sheets = frozenset(s.name for s in book.sheets)
        self.layout_version = layout_version(self.names)


class XlwingsSource(_Names):
    """Raw cells of an open xlwings ``Book`` (errors read as text, e.g. ``"#REF!"``)."""

    def read(self, fields: tuple[Field, ...]) -> dict[str, RawCell]:
        out = {}
        for f in fields:
            where = locate(self.names, self.sheets, f.name)
            if isinstance(where, str):
                out[f.key] = RawCell(problem=where, value=self.names.get(f.name))
                continue
            sheet, cell = where
            rng = self.book.sheets[sheet].range(cell)
            if rng.merge_cells and _top_left(rng.merge_area.address) != cell:
                out[f.key] = RawCell(sheet, cell, problem="merged")
                continue
            out[f.key] = RawCell(sheet, cell, rng.options(err_to_str=True).value)
        return out


def _top_left(address: str) -> str:
    return address.split(":")[0].replace("$", "")


class XlwingsBook(_Names):
    """The writer's back end for an open workbook; Excel keeps the undo-less changes until
    the user saves, as with any macro."""

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def resolve(self, name: str) -> tuple[str, str] | None:
        where = locate(self.names, self.sheets, name)
        return None if isinstance(where, str) else where

    def _range(self, sheet: str, cell: str) -> Any:
        return self.book.sheets[sheet].range(cell)

    def load(self, cells: Iterable[tuple[str, str]]) -> None:
        """Each cell is one COM call anyway: nothing to fetch ahead."""

    def value(self, sheet: str, cell: str) -> Any:
        return self._range(sheet, cell).value

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None,
                  fit: Sequence[str] = ()) -> None:
        """Excel sizes the row itself when it shows wrapped text, so ``fit`` is not used."""
        rng = self._range(sheet, cell)
        rng.value = text
        rng.color = COLORS[color] if color else None
        rng.wrap_text = True

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        self._range(sheet, cell).value = value

    def note(self, sheet: str, cell: str) -> str | None:
        note = self._range(sheet, cell).note
        return note.text if note is not None else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        rng = self._range(sheet, cell)
        if rng.note is not None:
            rng.note.delete()
        if text:
            rng.add_note(text)

    def write_sheet(self, title: str, rows: Sequence[Sequence[Any]], widths: Sequence[float],
                    replace: str | None = None, heading: str | None = None) -> None:
        sheets = self.book.sheets
        if replace is not None:
            ws = sheets[replace]
            ws.clear()
        else:
            ws = sheets.add(title, after=sheets[len(sheets) - 1])
        width = max(len(r) for r in rows)
        grid = [[v.formula if isinstance(v, Formula) else v for v in r] + [None] * (width - len(r))
                for r in rows]
        ws.range("A1").value = grid
        for i, w in enumerate(widths):
            ws.range((1, i + 1)).column_width = w
        ws.range((1, 1), (1, width)).font.bold = True
        self.sheets = frozenset(self.sheet_names())

    def define_name(self, name: str, ref: str) -> None:
        if self.names.get(name) == ref:
            return
        for n in self.book.names:
            if n.name == name:
                n.refers_to = "=" + ref
                break
        else:
            self.book.names.add(name, "=" + ref)
        self.names[name] = ref
