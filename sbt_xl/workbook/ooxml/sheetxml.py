"""Cells of a worksheet part (``<sheetData>``): find, read and write single ``<c>`` elements.

Rows and cells are created in sheet order when missing; a written cell keeps every
attribute it had except its value type, and only the value children change, so nothing
else in the part moves.
"""

from __future__ import annotations

import bisect
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from lxml import etree

from sbt_xl.model import cells
from sbt_xl.workbook.ooxml.constants import NS, M, R
from sbt_xl.workbook.ooxml.values import (
    decode_text,
    encode_number,
    encode_text,
    escape_xml,
)
from sbt_xl.workbook.ooxml.xml import sub

#: Worksheet children that come after ``sheetData``, in schema order (CT_Worksheet).
AFTER_SHEETDATA = ("sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios",
                   "autoFilter", "sortState", "dataConsolidate", "customSheetViews",
                   "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
                   "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
                   "rowBreaks", "colBreaks", "customProperties", "cellWatches",
                   "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
                   "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                   "webPublishItems", "tableParts", "extLst")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_IS, _V, _T, _F, _EXT = M + "is", M + "v", M + "t", M + "f", M + "extLst"


def _child(parent: etree._Element, tag: str) -> etree._Element:
    """A new last child in the cell's own namespace, so in scope (what
    :func:`~sbt_xl.workbook.ooxml.xml.sub` does, without looking for prefixes: cells are
    written hundreds of times a copy)."""
    return etree.SubElement(parent, tag)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def insert_child(root: etree._Element, tag: str, attrib: dict[str, str]) -> etree._Element:
    """Insert a worksheet child (one of :data:`AFTER_SHEETDATA`) at its schema position."""
    later = AFTER_SHEETDATA[AFTER_SHEETDATA.index(tag) + 1:]
    for i, child in enumerate(root):
        if isinstance(child.tag, str) and _local(child) in later:
            return sub(root, M + tag, attrib, index=i)
    return sub(root, M + tag, attrib)


def column_widths(root: etree._Element) -> dict[int, float]:
    """Column number → width of the columns the worksheet sizes (``<cols>``), to 200."""
    widths: dict[int, float] = {}
    for c in root.iterfind("m:cols/m:col", NS):
        width = c.get("width")
        if width is None:
            continue
        for col in range(int(c.get("min", "1")), min(int(c.get("max", "1")), 200) + 1):
            widths[col] = float(width)
    return widths


def legacy_drawing(root: etree._Element) -> str | None:
    """The relationship id of the worksheet's VML drawing (its notes), if it has one."""
    el = root.find("m:legacyDrawing", NS)
    return None if el is None else el.get(R + "id", "")


def set_legacy_drawing(root: etree._Element, rid: str) -> None:
    """Point the worksheet's VML drawing at the relationship ``rid`` (added in place)."""
    el = root.find("m:legacyDrawing", NS)
    if el is None:
        el = insert_child(root, "legacyDrawing", {R + "id": rid})
    el.set(R + "id", rid)


def _sheet_data(root: etree._Element) -> etree._Element:
    data = root.find("m:sheetData", NS)
    if data is None:
        raise ValueError("worksheet without sheetData")
    return data


def _number(row: etree._Element) -> int:
    """A row's number (0 without one); -1 for a comment or instruction among the rows."""
    return int(row.get("r", "0")) if isinstance(row.tag, str) else -1


def find_cell(root: etree._Element, ref: str) -> etree._Element | None:
    """The ``<c>`` element of ``ref``, or None (plain loops: a path with the reference in
    it would be compiled anew for every cell)."""
    r = cells.split(ref)[1]
    for row in _sheet_data(root):
        n = _number(row)
        if n == r:
            return next((c for c in row if c.get("r") == ref), None)
        if n > r:
            return None
    return None


def _row(data: etree._Element, r: int) -> etree._Element:
    for i, row in enumerate(data):
        n = _number(row)
        if n == r:
            return row
        if n > r:
            return sub(data, M + "row", {"r": str(r)}, index=i)
    return sub(data, M + "row", {"r": str(r)})


def cell(root: etree._Element, ref: str) -> etree._Element:
    """The ``<c>`` element of ``ref``, created (with its row) where missing."""
    return cell_in_row(root, _row(_sheet_data(root), cells.split(ref)[1]), ref)


@dataclass(frozen=True)
class CellText:
    """A cell read from its row's text, not parsed (:meth:`SheetRows.read_text`)."""

    attributes: dict[str, str]
    """Its start tag's attributes, in order."""
    kind: str
    """Its type (``t``; ``n`` when it has none)."""
    text: str | None
    """The text of its ``<v>``, or of its inline string; None when it has neither."""
    written: bool = True
    """False: the cell is not in the file (its row is, or no row is)."""


class SheetRows(Protocol):
    """A worksheet's rows as a writer edits them: :class:`Rows` over a parsed part, or
    :class:`~sbt_xl.workbook.ooxml.sheettext.SheetText` over its text."""

    @property
    def root(self) -> etree._Element:
        """The worksheet element (for :class:`SheetText`, without its rows)."""

    def find(self, ref: str) -> etree._Element | None:
        """The ``<c>`` of ``ref`` to read, or None."""

    def cell(self, ref: str) -> etree._Element:
        """The ``<c>`` of ``ref`` to write, created (with its row) when missing."""

    def blank(self, ref: str) -> bool:
        """True when ``ref`` is known to read as None without parsing its row."""

    def read_text(self, ref: str) -> CellText | None:
        """The cell ``ref`` read without parsing its row; None when it cannot be (the
        caller reads :meth:`find`'s element)."""

    def write_text(self, ref: str, cell: bytes) -> bool:
        """Put ``cell`` (a whole ``<c>``) in place of the cell ``ref`` that
        :meth:`read_text` read; False when it cannot be (the caller writes :meth:`cell`)."""

    def set_height(self, r: int, points: float) -> None:
        """Make row ``r`` at least ``points`` tall (as :func:`set_row_height`)."""

    def row_numbers(self) -> list[int]: ...

    def column_widths(self) -> dict[int, float]: ...

    def legacy_drawing(self) -> str | None: ...

    def set_legacy_drawing(self, rid: str) -> None: ...


class Rows:
    """One sheet's ``<row>`` elements by number, for many cells of one sheet (looking a
    row up by walking ``sheetData`` costs a pass over its rows per cell). Rows added by
    :meth:`cell` join the index; any other change to the number of rows is noticed and
    the index built again. Rows out of order are walked, as :func:`cell` does."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.data = _sheet_data(root)
        self._build()

    def _build(self) -> None:
        self.numbers = [_number(row) for row in self.data]
        self.by_number: dict[int, etree._Element] = {}
        for n, row in zip(self.numbers, self.data):
            self.by_number.setdefault(n, row)
        self.ordered = all(a < b for a, b in zip(self.numbers, self.numbers[1:]))

    def _current(self) -> bool:
        if len(self.data) != len(self.numbers):
            self._build()
        return self.ordered

    def find(self, ref: str) -> etree._Element | None:
        """As :func:`find_cell`."""
        if not self._current():
            return find_cell(self.root, ref)
        row = self.by_number.get(cells.split(ref)[1])
        return None if row is None else next((c for c in row if c.get("r") == ref), None)

    def row_numbers(self) -> list[int]:
        return [n for n in map(_number, self.data) if n >= 0]

    def read_text(self, ref: str) -> CellText | None:
        """(Parsed already: read :meth:`find`.)"""
        return None

    def write_text(self, ref: str, cell: bytes) -> bool:
        return False

    def set_height(self, r: int, points: float) -> None:
        row = self.by_number.get(r) if self._current() else next(
            (row for row in self.data if _number(row) == r), None)
        if row is not None:
            set_row_height(row, points)

    def column_widths(self) -> dict[int, float]:
        return column_widths(self.root)

    def legacy_drawing(self) -> str | None:
        return legacy_drawing(self.root)

    def set_legacy_drawing(self, rid: str) -> None:
        set_legacy_drawing(self.root, rid)

    def blank(self, ref: str) -> bool:
        """(Known only by reading the cell: :meth:`find`.)"""
        return False

    def cell(self, ref: str) -> etree._Element:
        """As :func:`cell`."""
        if not self._current():
            return cell(self.root, ref)
        r = cells.split(ref)[1]
        row = self.by_number.get(r)
        if row is None:
            i = bisect.bisect(self.numbers, r)
            row = sub(self.data, M + "row", {"r": str(r)},
                      i if i < len(self.numbers) else None)
            self.numbers.insert(i, r)
            self.by_number[r] = row
        return cell_in_row(self.root, row, ref)


def cell_in_row(root: etree._Element, row: etree._Element, ref: str) -> etree._Element:
    """The ``<c>`` of ``ref`` in ``row``, created in column order when missing (widening
    the dimension of the worksheet ``root``)."""
    letters, r = cells.split(ref)
    col = cells.column_index(letters)
    index = len(row)
    for i, c in enumerate(row):
        other = c.get("r", "")
        if other == ref:
            return c
        if cells.column_index(cells.split(other)[0]) > col:
            index = i
            break
    c = sub(row, M + "c", {"r": ref}, index=index)
    _widen(root, row, r, col)
    return c


def _widen(root: etree._Element, row: etree._Element, r: int, col: int) -> None:
    spans = row.get("spans")
    if spans and ":" in spans:
        lo, hi = (int(x) for x in spans.split(":"))
        row.set("spans", f"{min(lo, col)}:{max(hi, col)}")
    dim = root.find("m:dimension", NS)
    if dim is not None:
        ref = dim.get("ref", "A1")
        first, _, last = ref.partition(":")
        last = last or first
        (r0, c0), (r1, c1) = cells.index(first), cells.index(last)
        r0, c0 = min(r0, r - 1), min(c0, col - 1)
        r1, c1 = max(r1, r - 1), max(c1, col - 1)
        dim.set("ref", f"{cells.column_letter(c0 + 1)}{r0 + 1}:{cells.column_letter(c1 + 1)}"
                       f"{r1 + 1}")


def _clear_value(c: etree._Element) -> None:
    for child in list(c):
        if _local(child) in ("f", "v", "is"):
            c.remove(child)
    c.attrib.pop("t", None)


def set_value(c: etree._Element, value: Any, style: int | None = None) -> None:
    """Write ``value`` (text, number, bool or None) into ``c``; text goes inline, so the
    shared-strings part is never touched."""
    _clear_value(c)
    if style is not None:
        c.set("s", str(style))
    if value is None:
        return
    if isinstance(value, str):
        c.set("t", "inlineStr")
        t = _child(_child(c, _IS), _T)
        t.text = encode_text(value)
        if value != value.strip() or "\n" in value:
            t.set(_XML_SPACE, "preserve")
    else:
        _cached(c, value)
    _insert_order(c)


def set_result(c: etree._Element, value: Any) -> None:
    """A cell inside an array formula's range: only its cached result."""
    _clear_value(c)
    _cached(c, value)
    _insert_order(c)


def _cached(c: etree._Element, value: Any) -> None:
    """A number, bool or (for formulas) text result as the cell's ``<v>``."""
    if isinstance(value, bool):
        c.set("t", "b")
        _child(c, _V).text = "1" if value else "0"
    elif isinstance(value, numbers.Real):
        v = encode_number(value)
        if v is None:
            c.set("t", "e")
        _child(c, _V).text = "#NUM!" if v is None else v
    else:
        c.set("t", "str")
        _child(c, _V).text = encode_text(str(value))


def set_formula(c: etree._Element, formula: str, cached: Any, style: int | None = None,
                array_ref: str | None = None) -> None:
    """A formula with its cached result (shown before the application recalculates);
    ``array_ref`` makes it an array formula whose results fill that range."""
    _clear_value(c)
    if style is not None:
        c.set("s", str(style))
    f = _child(c, _F)
    f.text = formula.lstrip("=")
    if array_ref is not None:
        f.set("t", "array")
        f.set("ref", array_ref)
    _cached(c, cached)
    _insert_order(c)


def _insert_order(c: etree._Element) -> None:
    """Value children go before a cell's ``extLst``."""
    for child in c:
        if child.tag == _EXT:
            c.remove(child)
            c.append(child)
            return


def value(c: etree._Element | None, shared: Sequence[str] = ()) -> Any:
    """The value a cell shows (formulas: their cached result); None when blank."""
    if c is None:
        return None
    t = c.get("t", "n")
    body = v = None
    for child in c:  # (a loop: find() compiles a path each call, and this runs per cell)
        if child.tag == _IS and body is None:
            body = child
        elif child.tag == _V and v is None:
            v = child
    if t == "inlineStr":
        return typed_value(t, "".join(body.itertext()) if body is not None else None)
    return typed_value(t, None if v is None else v.text, shared)


def typed_value(t: str, text: str | None, shared: Sequence[str] = ()) -> Any:
    """A cell's value from its type ``t`` and the text of its ``<v>`` (of its inline
    string for ``inlineStr``); None when blank."""
    if t == "inlineStr":
        return decode_text(text or "")
    if text is None:
        return None
    if t == "s":
        i = int(text)
        return shared[i] if 0 <= i < len(shared) else None
    if t == "str":
        return decode_text(text)
    if t == "e":
        return text
    if t == "b":
        return text == "1"
    try:
        return float(text)
    except ValueError:
        return text


def text_cell_xml(ref: str, attributes: Mapping[str, str], value: str | float | None,
                  style: int | None = None) -> bytes:
    """The ``<c>`` :func:`set_value` makes of a cell with ``attributes`` (its start tag's,
    values without markup) given ``value`` (text, a number, a bool or None) and ``style``,
    as text."""
    attrs = {k: v for k, v in attributes.items() if k not in ("r", "t")}
    if style is not None:
        attrs["s"] = str(style)
    if isinstance(value, str):
        attrs["t"] = "inlineStr"
        space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
        body = f"<is><t{space}>{escape_xml(value).replace(chr(13), '&#13;')}</t></is>"
    elif isinstance(value, bool):
        attrs["t"] = "b"
        body = f"<v>{int(value)}</v>"
    elif value is not None:
        v = encode_number(value)
        if v is None:
            attrs["t"] = "e"
        body = f"<v>{'#NUM!' if v is None else v}</v>"
    head = f'<c r="{ref}"' + "".join(f' {k}="{v}"' for k, v in attrs.items())
    return (head + "/>" if value is None else f"{head}>{body}</c>").encode()


def taller(current: str | None, points: float) -> str | None:
    """A row's new ``ht`` to be at least ``points`` tall, or None when it is already (a
    taller height the row has is kept)."""
    return f"{points:g}" if points > float(current or 0) else None


def shared_strings(root: etree._Element | None) -> list[str]:
    if root is None:
        return []
    # Runs' text only: phonetic guides (<rPh>, furigana) are not part of the value.
    return [decode_text("".join(t.text or "" for t in si.xpath("m:t | m:r/m:t", namespaces=NS)))
            for si in root.iterfind("m:si", NS)]


def set_row_height(row: etree._Element, points: float) -> None:
    """Make ``row`` at least ``points`` tall (a taller height the row has is kept)."""
    ht = taller(row.get("ht"), points)
    if ht is not None:
        row.set("ht", ht)
        row.set("customHeight", "1")
