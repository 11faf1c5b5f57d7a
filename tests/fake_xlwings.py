"""A stand-in for an open xlwings Book, backed by an openpyxl workbook.

It implements only the part of xlwings' object model that ``sbt_xl.excel.xlwings_book`` uses,
with xlwings' semantics (``Range.value`` of a 2-D list fills a block, ``options(
err_to_str=True)`` returns error cells as text, ``note`` is None without a note);
``test_xlwings_book`` checks that every member used exists on xlwings' own classes.
"""

from __future__ import annotations

from typing import Any

from openpyxl.comments import Comment


class FakeNote:
    def __init__(self, cell) -> None:
        self._cell = cell

    @property
    def text(self) -> str:
        return self._cell.comment.text

    def delete(self) -> None:
        self._cell.comment = None


class FakeFont:
    def __init__(self) -> None:
        self.bold = False


class FakeRange:
    def __init__(self, ws, r1: int, c1: int, r2: int | None = None, c2: int | None = None):
        self.ws, self.r1, self.c1 = ws, r1, c1
        self.r2, self.c2 = r2 or r1, c2 or c1
        self.color = None
        self.wrap_text = False
        self.column_width = None
        self.font = FakeFont()

    @property
    def _cell(self):
        return self.ws.cell(self.r1, self.c1)

    def options(self, err_to_str: bool = False, **_: Any) -> FakeRange:
        assert err_to_str, "sbt-xl must read error cells as text"
        return self

    @property
    def value(self) -> Any:
        v = self._cell.value
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @value.setter
    def value(self, v: Any) -> None:
        rows = v if isinstance(v, list) and v and isinstance(v[0], list) else [[v]]
        for i, row in enumerate(rows):
            for j, x in enumerate(row):
                self.ws.cell(self.r1 + i, self.c1 + j).value = x

    @property
    def merge_cells(self) -> bool:
        return any(self._cell.coordinate in m for m in self.ws.merged_cells.ranges)

    @property
    def merge_area(self) -> Any:
        m = next(m for m in self.ws.merged_cells.ranges if self._cell.coordinate in m)
        return type("Area", (), {"address": "$" + m.coord.replace(":", ":$")})()

    @property
    def note(self) -> FakeNote | None:
        return FakeNote(self._cell) if self._cell.comment else None

    def add_note(self, text: str) -> FakeNote:
        assert self._cell.comment is None, "xlwings refuses a second note"
        self._cell.comment = Comment(text, "sbt-xl", width=360, height=160)
        return FakeNote(self._cell)


class FakeSheet:
    def __init__(self, book: FakeBook, ws) -> None:
        self.book, self.ws = book, ws

    @property
    def name(self) -> str:
        return self.ws.title

    def range(self, a: Any, b: Any = None) -> FakeRange:
        if isinstance(a, tuple):
            return FakeRange(self.ws, *a, *(b or ()))
        cell = self.ws[a]
        return FakeRange(self.ws, cell.row, cell.column)

    def delete(self) -> None:
        self.book.wb.remove(self.ws)

    def clear(self) -> None:
        for row in self.ws.iter_rows():
            for c in row:
                c.value = None


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book = book

    def _all(self) -> list[FakeSheet]:
        return [FakeSheet(self.book, ws) for ws in self.book.wb.worksheets]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self.book.wb.worksheets)

    def __getitem__(self, key: str | int) -> FakeSheet:
        return self._all()[key] if isinstance(key, int) else FakeSheet(self.book,
                                                                       self.book.wb[key])

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> FakeSheet:
        index = self.book.wb.worksheets.index(after.ws) + 1 if after else None
        return FakeSheet(self.book, self.book.wb.create_sheet(name, index))


class FakeName:
    def __init__(self, wb, name: str) -> None:
        self.wb, self.name = wb, name

    @property
    def refers_to(self) -> str:
        return "=" + self.wb.defined_names[self.name].attr_text

    @refers_to.setter
    def refers_to(self, value: str) -> None:
        self.wb.defined_names[self.name].attr_text = value.lstrip("=")


class FakeNames:
    def __init__(self, wb) -> None:
        self.wb = wb

    def __iter__(self):
        return iter([FakeName(self.wb, n) for n in self.wb.defined_names])

    def add(self, name: str, refers_to: str) -> FakeName:
        from openpyxl.workbook.defined_name import DefinedName
        self.wb.defined_names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))
        return FakeName(self.wb, name)


class FakeBook:
    app = None

    def __init__(self, wb, name: str = "book.xlsx") -> None:
        self.wb, self.name = wb, name
        self.sheets = FakeSheets(self)

    @property
    def names(self) -> FakeNames:
        return FakeNames(self.wb)

