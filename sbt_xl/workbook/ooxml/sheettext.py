"""A worksheet part edited row by row: the cells sbt-xl writes go into their rows' text,
and every other row stays the bytes it was.

A checked copy changes a few dozen cells of sheets that hold hundreds of rows (the
Progress sheet: 3 cells of 866). Parsing whole parts and serialising them again cost as
much as everything else the writer does, and rewrote text sbt-xl does not own (character
references, attribute quoting). :func:`.rowindex.row_index` finds where each ``<row>`` of a part
starts (once: the reader's scanner uses it too); a row is looked at closer only when
sbt-xl reads or writes it. A cell in the plain form (its reference first, nothing inside
but a value or a one-run inline string) is read and replaced in its row's text
(:meth:`SheetText.read_text`, :meth:`SheetText.write_text`), as is a row's height; any
other cell, and a cell sbt-xl adds, has its row parsed (``find``, ``cell``) and that row
serialised on saving. What sits around the rows (the *skeleton*: columns, views,
validations, drawings) is parsed only when sbt-xl changes it (a new cell widens the
dimension, a note drawing that cannot simply go before the end); the columns are read
from the part's head. What is not parsed is copied as it is, as untouched parts are. A
part in a form not cut exactly (a prefixed root, comments, CDATA, rows out of order or
without their number first) gets None, and the caller parses it whole.

:class:`SheetText` answers as :class:`~sbt_xl.workbook.ooxml.sheetxml.Rows` does:
``find`` reads a cell (its row is parsed, not rewritten), ``cell`` returns one to write
(its row is rewritten on saving).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from sbt_xl.errors import SbtError
from sbt_xl.model import cells
from sbt_xl.workbook.ooxml import sheetxml, xml
from sbt_xl.workbook.ooxml.constants import REL_NS, M
from sbt_xl.workbook.ooxml.rowindex import CLOSE, EMPTY, OPEN, row_index
from sbt_xl.workbook.ooxml.sheetxml import cell_in_row

#: A row's start tag as Excel, LibreOffice and openpyxl write it: double-quoted
#: attributes without markup in them (anything else goes to the whole-part parser).
_ROW_TAG = re.compile(rb'<row((?:\s+[\w:.-]+="[^"<>]*")*)\s*(/?)>')
#: Worksheet children that may follow ``legacyDrawing`` (and it, and the markup of
#: alternatives): a tail holding none takes the element just before its end.
_LATER = re.compile(rb"<(?:[\w.-]+:)?(?:legacyDrawing(?:HF)?|drawingHF|picture|oleObjects|controls|"
                    rb"webPublishItems|tableParts|extLst|AlternateContent)\b")
_R_DECLARED = re.compile(rb'\sxmlns:r="%s"' % re.escape(REL_NS.encode()))
_ROOT_TAG = re.compile(rb'<worksheet((?:\s+[\w:.-]+="[^"<>]*")*)\s*>')
_DECLARATION = re.compile(rb'\s+xmlns(?::[\w.-]+)?="[^"]*"')
_ROW_START = re.compile(rb"<row[\s/>]")
#: A cell as it is read and rewritten in its row's text: its reference first, attribute
#: values a parser keeps as they are; inside, nothing, a ``<v>`` or an inline string of
#: one plain run (anything else is read and written parsed).
_CELL_TAG = re.compile(rb'<c r="[A-Z]+[0-9]+"((?: [A-Za-z:]+="[^"<>&\t\n\r]*")*)\s*(/?)>')
_CELL_BODY = re.compile(rb"(?:<v>([^<]*)</v>|<is><t(?: xml:space=\"preserve\")?>([^<]*)</t></is>)?</c>")
_TAG_ATTRIBUTE = re.compile(rb'\s([\w:.-]+)="([^"]*)"')
_ANY_CELL = re.compile(rb"<c[\s/>]")
#: What makes a row's cells unsafe to find by their text: a cell inside another's
#: extension list, a namespace declared, a reference spelt with a character reference,
#: a prefixed cell. Such a row is parsed.
_SPELT_REF = re.compile(rb'<c r="[^"]*&')


def _odd_rows(text: bytes) -> bool:
    """Whether ``text`` may hold an odd row (literal searches, and ``:c`` for any prefixed
    cell: one regex with these alternatives cost ~6 ms a checked copy)."""
    return b"<extLst" in text or b"xmlns" in text or b":c" in text or \
        _SPELT_REF.search(text) is not None
#: A row's end: its end tag, or the end of a start tag that closes it (no child before).
_ROW_END = re.compile(rb"</row\s*>\Z")
#: Character data a parser reads as it stands once these entities are replaced.
_ENTITY = re.compile(rb"&(?:amp|lt|gt|quot|apos);")
_ENTITIES = {b"&amp;": b"&", b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'"}
#: Column widths by the part's head (the text before its rows) they were read from.
_WIDTHS: dict[bytes, dict[int, float]] = {}
#: What no worksheet's skeleton holds: stands for its rows while it is serialised.
_MARK = "\ue000sbt-xl rows\ue000"


@dataclass(eq=False)
class _Row:
    number: int
    start: int  # the row's bytes in the part (start == end: a row sbt-xl adds)
    end: int
    element: etree._Element | None = None  # parsed, inside a <sheetData> of its own
    changed: bool = False
    text: bytes | None = None  # its text, when cells were written into it as text
    odd: bool | None = None  # its cells not to be found in its text (:func:`_odd_rows`)


class SheetText:
    """One worksheet part: its rows, and what sits around them, parsed when asked for."""

    def __init__(self, data: bytes, file: str, part: str, declared: bytes,
                 content: tuple[int, int], numbers: list[int], starts: list[int]) -> None:
        self.data, self.file, self.part = data, file, part
        self._open = b"<sheetData" + declared + b">"  # the root's namespaces, for rows
        self._content = content
        self._numbers, self._starts = numbers, starts  # every row's, in order
        self._made: dict[int, _Row] = {}  # the rows asked for, by number
        self._any_odd: bool | None = None  # (see _odd)
        start, end = content
        if start == end and data[start - len(EMPTY):start] == EMPTY:  # <sheetData/>
            self._head = data[:start - len(EMPTY)] + OPEN
            self._tail = CLOSE + data[end:]
        else:
            self._head, self._tail = data[:start], data[end:]
        self._root: etree._Element | None = None
        self._tail_changed = False
        self._skeleton = b""

    @property
    def root(self) -> etree._Element:
        """The part without its rows (parsed on first use: most checked sheets need only
        their columns, :meth:`column_widths`)."""
        if self._root is None:
            self._root = xml.parse(self._head + self._tail, self.file, self.part)
            self._skeleton = etree.tostring(self._root)
        return self._root

    def column_widths(self) -> dict[int, float]:
        """As :func:`~sbt_xl.workbook.ooxml.sheetxml.column_widths` (not to be changed:
        read from the part's head, and shared by the copies of a template that have it)."""
        if self._root is not None:
            return sheetxml.column_widths(self._root)
        head = self._head[:len(self._head) - len(OPEN)]
        found = _WIDTHS.get(head)
        if found is None:
            if len(_WIDTHS) >= 64:
                _WIDTHS.clear()
            found = _WIDTHS[head] = sheetxml.column_widths(
                xml.parse(head + b"</worksheet>", self.file, self.part))
        return found

    @classmethod
    def split(cls, data: bytes, file: str, part: str) -> SheetText | None:
        """The part cut at its rows, or None when it is not in the form cut exactly."""
        xml.refuse_dtd(data, file, part)
        head = xml.prolog(data)
        root = _ROOT_TAG.match(data, len(head))
        if root is None or not xml.utf8(data):
            return None
        found = row_index(data)
        if found is None or found.at < root.end():
            return None
        declared = b"".join(_DECLARATION.findall(root[1]))
        return cls(data, file, part, declared, found.content, list(found.numbers),
                   list(found.starts))

    # --- the notes' drawing ----------------------------------------------------------------

    def legacy_drawing(self) -> str | None:
        """As :func:`~sbt_xl.workbook.ooxml.sheetxml.legacy_drawing`."""
        if self._root is None and not _LATER.search(self._tail):
            return None  # (read from the text: no such element, nothing after its place)
        return sheetxml.legacy_drawing(self.root)

    def set_legacy_drawing(self, rid: str) -> None:
        """As :func:`~sbt_xl.workbook.ooxml.sheetxml.set_legacy_drawing`; written into the
        text, before the worksheet's end, when nothing may follow it there (the skeleton
        stays unparsed)."""
        end = self._tail.rstrip()
        if self._root is None and not _LATER.search(self._tail) and \
                end.endswith(b"</worksheet>") and rid.isascii() and '"' not in rid:
            declare = b"" if _R_DECLARED.search(self._open) else \
                b' xmlns:r="%s"' % REL_NS.encode()
            element = b'<legacyDrawing%s r:id="%s"/>' % (declare, rid.encode())
            at = len(end) - len(b"</worksheet>")
            self._tail = self._tail[:at] + element + self._tail[at:]
            self._tail_changed = True
            return
        sheetxml.set_legacy_drawing(self.root, rid)

    # --- rows and cells ------------------------------------------------------------------

    def _at(self, i: int) -> _Row:
        """The ``i``-th row, its end found the first time (only white space may follow it
        before the next row)."""
        n = self._numbers[i]
        row = self._made.get(n)
        if row is None:
            data, start = self.data, self._starts[i]
            upto = self._starts[i + 1] if i + 1 < len(self._starts) else self._content[1]
            text = data[start:upto].rstrip()
            if not (_ROW_END.search(text) or text.endswith(b"/>") and b"<" not in text[1:]):
                raise SbtError("malformed_xml", field=self.file, part=self.part,
                               value=f"row {n}")
            row = self._made[n] = _Row(n, start, start + len(text))
        return row

    def _row(self, r: int, create: bool) -> _Row | None:
        i = bisect.bisect_left(self._numbers, r)
        if i < len(self._numbers) and self._numbers[i] == r:
            row = self._at(i)
        elif create:
            at = self._starts[i] if i < len(self._starts) else self._content[1]
            row = self._made[r] = _Row(r, at, at)
            self._numbers.insert(i, r)
            self._starts.insert(i, at)
        else:
            return None
        if row.element is None:
            self._parse([row])
        return row

    def _parse(self, rows: list[_Row]) -> None:
        text = b"".join(self._text(r) if r.end > r.start or r.text is not None else
                        b'<row r="%d"/>' % r.number for r in rows)
        wrapper = xml.parse(self._open + text + CLOSE, self.file, self.part)
        if len(wrapper) != len(rows) or any(el.tag != M + "row" for el in wrapper):
            raise ValueError(f"{self.part}: rows {rows[0].number}–{rows[-1].number} are not "
                             "rows")
        for row, el in zip(rows, wrapper):
            row.element, row.text = el, None

    def _element(self, row: _Row) -> etree._Element:
        assert row.element is not None
        return row.element

    def blank(self, ref: str) -> bool:
        """True when the row's text shows ``ref`` written empty (``<c .../>`` or
        ``<c ...></c>``), so it reads as None (False: not known without parsing the row)."""
        r = cells.split(ref)[1]
        i = bisect.bisect_left(self._numbers, r)
        if i == len(self._numbers) or self._numbers[i] != r or r in self._made:
            return False
        data, start = self.data, self._starts[i]
        upto = self._starts[i + 1] if i + 1 < len(self._starts) else self._content[1]
        if self._odd(data[start:upto]):
            return False
        at = data.find(b'<c r="%s"' % ref.encode(), start, upto)
        end = data.find(b">", at, upto) if at >= 0 else -1
        empty = end > 0 and (data[end - 1:end] == b"/" or data.startswith(b"</c>", end + 1))
        tag = data[at:end]  # (a ">" inside a quoted value, or single quotes: not known)
        return empty and b"inlineStr" not in tag and b"'" not in tag and \
            tag.count(b'"') % 2 == 0  # (an empty inline string is "")

    def find(self, ref: str) -> etree._Element | None:
        """The ``<c>`` element of ``ref`` to read, or None (its row is not rewritten)."""
        row = self._row(cells.split(ref)[1], create=False)
        return None if row is None else next(
            (c for c in self._element(row) if c.get("r") == ref), None)

    def cell(self, ref: str) -> etree._Element:
        """The ``<c>`` element of ``ref`` to write, created (with its row) when missing."""
        row = self._row(cells.split(ref)[1], create=True)
        assert row is not None
        row.changed = True
        el = self._element(row)
        found = next((c for c in el if c.get("r") == ref), None)
        return found if found is not None else cell_in_row(self.root, el, ref)

    # --- cells as text -------------------------------------------------------------------

    def _odd(self, row_text: bytes) -> bool:
        """Whether a row's cells are not to be found in its text: looked for once in all
        the part's rows, then only in a row of a part that has such a thing somewhere."""
        if self._any_odd is None:
            self._any_odd = _odd_rows(self.data[self._content[0]:self._content[1]])
        return self._any_odd and _odd_rows(row_text)

    def _text(self, row: _Row) -> bytes:
        return row.text if row.text is not None else self.data[row.start:row.end]

    def _text_row(self, r: int) -> _Row | None | Literal[False]:
        """Row ``r`` to read or write as text; None when it has been parsed, False when
        the part has no such row."""
        i = bisect.bisect_left(self._numbers, r)
        if i == len(self._numbers) or self._numbers[i] != r:
            return False
        row = self._at(i)
        return None if row.element is not None else row

    def _cell_text(self, ref: str
                   ) -> tuple[_Row, int, int, sheetxml.CellText] | None | Literal[False]:
        """(row, start, end, cell) of ``ref`` in its row's text; None when not read as
        text; False when not written."""
        row = self._text_row(cells.split(ref)[1])
        if not isinstance(row, _Row):
            return row
        text = self._text(row)
        if row.odd is None:  # (sbt-xl's own writes never make a row odd)
            row.odd = self._odd(text)
        if row.odd:
            return None
        at = text.find(b'<c r="%s"' % ref.encode())
        if at < 0:  # not written, unless a cell of the row goes without its reference
            return False if len(_ANY_CELL.findall(text)) == text.count(b'<c r="') else None
        tag = _CELL_TAG.match(text, at)
        if tag is None:
            return None
        raw, inline, end = None, False, tag.end()
        if not tag[2]:  # (not <c .../>)
            body = _CELL_BODY.match(text, end)
            if body is None:
                return None
            raw, inline, end = body[1] or None if body[2] is None else body[2], \
                body[2] is not None, body.end()  # (an empty <v> is no value, as parsed)
        attributes = {k.decode(): v.decode() for k, v in _TAG_ATTRIBUTE.findall(tag[1])}
        kind = attributes.get("t", "n")
        if raw is not None and (b"\r" in raw or b"&" in _ENTITY.sub(b"", raw) or
                                inline != (kind == "inlineStr")):
            return None  # (a reference, a line end a parser changes, a type and body apart)
        value = None if raw is None else _ENTITY.sub(lambda m: _ENTITIES[m[0]], raw).decode()
        return row, at, end, sheetxml.CellText(attributes, kind, value)

    def read_text(self, ref: str) -> sheetxml.CellText | None:
        """As :meth:`SheetRows.read_text`: from the row's text while it is not parsed."""
        found = self._cell_text(ref)
        if found is False:
            return sheetxml.CellText({}, "n", None, written=False)
        return found[3] if isinstance(found, tuple) else None

    def write_text(self, ref: str, cell: bytes) -> bool:
        """As :meth:`SheetRows.write_text`: the row stays text (a cell not written yet is
        left to :meth:`cell`, which finds its place)."""
        found = self._cell_text(ref)
        if not isinstance(found, tuple):
            return False
        row, start, end, _ = found
        text = self._text(row)
        row.text, row.changed = text[:start] + cell + text[end:], True
        return True

    def set_height(self, r: int, points: float) -> None:
        """As :func:`~sbt_xl.workbook.ooxml.sheetxml.set_row_height`, in the row's start
        tag while the row is text."""
        row = self._text_row(r)
        if row is False:
            return
        tag = attributes = None
        if isinstance(row, _Row):
            text = self._text(row)
            tag = _ROW_TAG.match(text)
            if tag is not None and b"&" not in tag[1]:  # (a reference: parsed to read)
                attributes = dict(_TAG_ATTRIBUTE.findall(tag[1]))
        if row is None or tag is None or attributes is None or \
                len(attributes) != tag[1].count(b"="):  # (parsed, or read as it is)
            found = self._row(r, create=False)
            if found is not None:
                el = self._element(found)
                if sheetxml.taller(el.get("ht"), points) is not None:
                    sheetxml.set_row_height(el, points)
                    found.changed = True
            return
        ht = sheetxml.taller(attributes.get(b"ht", b"").decode() or None, points)
        if ht is not None:
            attributes[b"ht"], attributes[b"customHeight"] = ht.encode(), b"1"
            head = b"<row" + b"".join(b' %s="%s"' % kv for kv in attributes.items())
            row.text = head + (b"/>" if tag[2] else b">") + text[tag.end():]
            row.changed = True

    def row_numbers(self) -> list[int]:
        return list(self._numbers)

    # --- saving --------------------------------------------------------------------------

    def _changed_rows(self) -> dict[etree._Element, bytes]:
        """Each changed row serialised: the rows parsed together are serialised together
        and cut at their start tags (no row holds another)."""
        out: dict[etree._Element, bytes] = {}
        for wrapper in {self._element(r).getparent(): None
                        for r in self._made.values() if r.changed and r.element is not None}:
            text = etree.tostring(wrapper, encoding="UTF-8", xml_declaration=False)
            if not text.endswith(CLOSE):
                raise ValueError(f"{self.part}: rows lost their place")
            body = text[text.index(b">") + 1:len(text) - len(CLOSE)]
            starts = [m.start() for m in _ROW_START.finditer(body)]
            if len(starts) != len(wrapper) or starts[:1] != [0]:
                raise ValueError(f"{self.part}: rows lost their place")
            for el, a, b in zip(wrapper, starts, [*starts[1:], len(body)]):
                out[el] = body[a:b]
        return out

    def to_bytes(self) -> bytes:
        """The part with its changed rows serialised and every other byte as it was."""
        skeleton_kept = self._root is None or etree.tostring(self._root) == self._skeleton
        changed = sorted((r for r in self._made.values() if r.changed),
                         key=lambda r: (r.start, r.number))  # (rows added share a place)
        if skeleton_kept and not self._tail_changed and not changed:
            return self.data
        pieces = self._changed_rows()
        out: list[bytes] = []
        pos = self._content[0]
        for row in changed:
            out += (self.data[pos:row.start],
                    pieces[row.element] if row.element is not None else self._text(row))
            pos = max(pos, row.end)
        out.append(self.data[pos:self._content[1]])
        rows = b"".join(out)
        if skeleton_kept:
            return self._head + rows + self._tail
        assert self._root is not None
        return serialise_around(self._root, rows, xml.prolog(self.data))


def serialise_around(root: etree._Element, rows: bytes, prolog: bytes = b"") -> bytes:
    """The worksheet ``root``, whose ``sheetData`` is empty, serialised with ``rows`` (the
    text of its ``<row>`` elements) inside that ``sheetData``."""
    data = root.find(M + "sheetData")
    if data is None or len(data):
        raise ValueError("a worksheet without an empty sheetData")
    data.text = _MARK
    try:
        whole = xml.serialise(root, prolog)
    finally:
        data.text = None
    mark = _MARK.encode()
    if whole.count(mark) != 1:
        raise ValueError("a worksheet's rows lost their place")
    before, _, after = whole.partition(mark)
    return before + rows + after

