"""The :class:`Book` protocol: the few operations the findings writer
(:mod:`~sbt_xl.workbook.write.writeback`) needs from a workbook, with the values it passes.

Two back ends implement it: :class:`~sbt_xl.workbook.write.package_book.PackageBook` (a
saved file's package) and :class:`~sbt_xl.excel.xlwings_book.XlwingsBook` (Excel, live).
A cell value is what :mod:`~sbt_xl.workbook.ooxml.values` encodes: text, a number, a bool,
None, or a :class:`Formula` with the value it shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sbt_xl.workbook import design
from sbt_xl.workbook.ooxml.values import Formula

__all__ = ["COLORS", "Book", "Formula"]

#: Fill colours (RGB) of check cells by outcome.
COLORS: dict[str, tuple[int, int, int]] = {k: design.rgb_tuple(v)
                                           for k, v in design.CHECK_FILLS.items()}


class Book(Protocol):
    """The few operations the writer needs from a workbook."""

    def sheet_names(self) -> list[str]: ...

    def resolve(self, name: str) -> tuple[str, str] | None:
        """Defined name → (sheet, cell), or None when missing or broken."""

    def load(self, cells: Iterable[tuple[str, str]]) -> None:
        """A hint: these (sheet, cell) are read and written next (a back end may fetch
        them in one pass)."""

    def value(self, sheet: str, cell: str) -> Any:
        """What the cell holds now (None when blank)."""

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None,
                  fit: Sequence[str] = ()) -> None:
        """Write a check cell's text and fill (None clears both), and make its row tall
        enough for the text and for what the user typed in the ``fit`` cells."""

    def note(self, sheet: str, cell: str) -> str | None:
        """The text of the cell's note, if any."""

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        """Replace (or with None delete) the cell's note."""

    def write_sheet(self, title: str, rows: Sequence[Sequence[Any]], widths: Sequence[float],
                    replace: str | None = None, heading: str | None = None) -> None:
        """Write sbt-xl's sheet ``title`` holding ``rows`` from A1: a new last sheet, or
        the existing sheet ``replace`` rewritten; ``heading`` prints atop every page."""

    def define_name(self, name: str, ref: str) -> None:
        """Create or repoint the workbook-level defined name ``name``."""

    def set_value(self, sheet: str, cell: str, value: Any) -> None: ...

