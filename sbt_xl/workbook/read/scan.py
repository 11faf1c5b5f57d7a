"""A few named cells of a saved workbook, read without parsing its parts.

The group roll-up reads ~50 cells of two sheets from each of thousands of workbooks, and
parsing whole parts (lxml, python-calamine) costs more than the reading itself.
:class:`ScanSource` finds the workbook-level defined names in ``workbook.xml`` and each named
cell in its sheet's text, in the form Excel, LibreOffice and openpyxl write: UTF-8, no
namespace prefixes, every ``<c>`` with its reference first, no CDATA. Every part it reads is
inflated bounded and CRC-checked, and refused with a DTD, as for the full reader.

Whatever it cannot read exactly as :class:`~sbt_xl.workbook.read.reader.FileSource` does (another
form, a number shown as a date, an ``_xHHHH_`` escape, an inline date) raises
:class:`NotScannable`, and the caller reads the file with the full reader; the tests hold
the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sbt_xl.workbook.ooxml import xml
from sbt_xl.model.cells import index, locate
from sbt_xl.workbook.template.layout import Field
from sbt_xl.workbook.ooxml.constants import (
    CONTENT_TYPES,
    NS,
    OFFICE_DOCUMENT,
    REL_NS,
    WORKSHEET_TYPE,
)
from sbt_xl.workbook.ooxml.rowindex import row_index
from sbt_xl.workbook.ooxml.values import ESCAPE_MARK
from sbt_xl.workbook.ooxml.package import (
    Package,
    open_package,
    open_zip,
    rels_path,
    resolve,
)
from sbt_xl.workbook.read.reader import (
    MACRO_SHEET_TYPES,
    FileSource,
    NamedCells,
    RawCell,
    layout_version,
)


T = TypeVar("T")


class NotScannable(Exception):
    """This file (or one of its cells) is not in the form the scanner reads."""


#: A defined name with its name first (as Excel and openpyxl write it); other attributes after.
_NAME = re.compile(rb'<definedName name="([^"&]*)"((?: [A-Za-z]+="[^"]*")*)>([^<]*)</definedName>')
_OTHER_NAME = re.compile(rb"<definedName\b([^>]*)>([^<]*)</definedName>")
_RELATIONSHIP = re.compile(rb"<Relationship\b([^>]*?)/?>")
_SHEET = re.compile(rb"<sheet\b([^>]*?)/?>")
_ATTR = re.compile(rb"""([\w:]+)=(?:"([^"]*)"|'([^']*)')""")
_NORMALISED = re.compile(rb"[\t\n\r<]")
_ODD_HEAD = re.compile(rb"[\t\n\r<']|\s=|=\s")  # white space or quotes a parser reads
_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ANY_CELL = re.compile(rb"<c[ >/]")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_TEXT = re.compile(rb"<t(?: [^>]*)?>([^<]*)</t>|<t(?: [^>]*)?/>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>|<phoneticPr\b[^>]*>", re.S)
_SI = re.compile(rb"<si>|<si/>")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_NUMBER = re.compile(rb"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: Built-in number formats that show dates or times (CJK locales add 27–36 and 50–58).
_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]")
_DATE1904 = re.compile(rb"<workbookPr\b[^>]*\bdate1904=[\"'](?:1|true)[\"']")
_R_NAMESPACE = f'xmlns:r="{REL_NS}"'.encode()
#: Text holding an ``_xHHHH_`` escape is left to the full reader (which decodes it).
_ESCAPE_MARK = ESCAPE_MARK.encode()


def _entity(m: re.Match[str]) -> str:
    e = m.group(1)
    if e[0] == "#":
        return chr(int(e[2:], 16) if e[1] == "x" else int(e[1:]))
    return _NAMED[e]


def _text(raw: bytes) -> str:
    """XML character data as the parser would return it (entities replaced)."""
    s = raw.decode("utf-8")
    if "\r" in s:  # a parser normalises line ends; leave that to it
        raise NotScannable("carriage return")
    if "&" in s:
        if "&" in _ENTITY.sub("", s):
            raise NotScannable("entity")
        s = _ENTITY.sub(_entity, s)
    return s


def _attributes(raw: bytes) -> dict[bytes, str]:
    if _NORMALISED.search(raw):
        raise NotScannable("attribute")  # white space a parser would normalise
    return {m[1]: _text(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(raw)}


def _check_form(data: bytes, root: bytes) -> None:
    """UTF-8, the root element ``root`` without a prefix, no CDATA, closed at the end.

    The scanner is not a parser: a part cut short is refused by the full reader; other
    damage inside a part it reads (one Excel itself would refuse to open) is not looked for.
    The parts a checked copy changes are parsed when they are written."""
    if not xml.utf8(data) or b"<![CDATA[" in data:
        raise NotScannable("encoding or CDATA")
    head = xml.prolog(data)
    after = len(head) + len(root)
    if not (data.startswith(root, len(head)) and data[after:after + 1] in (b" ", b">")):
        raise NotScannable("root element")
    tail = data.rstrip()
    empty = tail.endswith(b"/>") and tail.find(b">", after) == len(tail) - 1  # <root .../>
    if not (empty or tail.endswith(b"</" + root[1:] + b">")):
        raise NotScannable("the root element not closed at the end")


def _rich_text(body: bytes) -> str:
    """The text of a shared or inline string: its runs, without phonetic guides."""
    if _ESCAPE_MARK in body:
        raise NotScannable("_xHHHH_ escape")
    body = _PHONETIC.sub(b"", body)
    return "".join(_text(m[1] or b"") for m in _TEXT.finditer(body))


class _Names(Mapping[str, str]):
    """Defined names → reference text, decoded when looked up (a template has ~800)."""

    def __init__(self, raw: dict[bytes, bytes]) -> None:
        self._raw = raw

    def __getitem__(self, name: str) -> str:
        return _text(self._raw[name.encode()])

    def __iter__(self) -> Iterator[str]:
        return (n.decode() for n in self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class _Sheet:
    def __init__(self, data: bytes) -> None:
        _check_form(data, b"<worksheet")
        self.data = data
        self.merged = []
        start = data.find(b"<mergeCells", max(data.rfind(b"</sheetData>"), 0))  # (after rows)
        if start >= 0:
            block = data[start:data.find(b"</mergeCells>", start)]
            found = _MERGE.findall(block)
            if len(found) != block.count(b"<mergeCell "):  # each one, in the form read
                raise NotScannable("merged cells")
            self.merged = [(index(a.decode()), index(b.decode())) for a, b in found]
        self._rows: dict[int, tuple[int, int]] | None = None
        self._refs_checked: set[int] = set()

    def _row(self, r: int) -> tuple[int, int] | None:
        """Where row ``r``'s text starts and ends (None: not written).

        Found once per sheet (:func:`~sbt_xl.workbook.ooxml.rowindex.row_index`, which
        the writer reuses): a cell is then looked for in its own row, not in the whole
        part (the roll-up asks for ~100 blank Progress cells per workbook)."""
        if self._rows is None:
            found = row_index(self.data)
            if found is None:
                raise NotScannable("rows in another form")
            ends = [*found.starts[1:], found.content[1]]
            self._rows = dict(zip(found.numbers, zip(found.starts, ends)))
        return self._rows.get(r)

    def _find(self, ref: str) -> int:
        """Where ``<c r="ref"`` starts, or -1."""
        r = int(ref.lstrip(_LETTERS))
        span = self._row(r)
        if span is None:
            return -1
        data = self.data
        i = data.find(b'<c r="%s"' % ref.encode(), *span)
        if i < 0 and r not in self._refs_checked:  # not written, unless its row's cells
            if len(_ANY_CELL.findall(data, *span)) != data.count(b'<c r="', *span):
                raise NotScannable("a cell without its reference first")  # go without
            self._refs_checked.add(r)
        return i

    def cell(self, ref: str) -> tuple[bytes, bytes] | None:
        """The cell's start tag (its attributes, :func:`_attr`) and what is inside it; None
        when it is not written."""
        i = self._find(ref)
        if i < 0:
            return None
        end = self.data.find(b">", i)
        head = self.data[i + 2:end]
        if _ODD_HEAD.search(head):
            raise NotScannable("cell attributes")
        if head.endswith(b"/"):
            body = b""
        else:
            close = self.data.find(b"</c>", end)
            if close < 0:
                raise NotScannable("unclosed cell")
            body = self.data[end + 1:close]
        return head, body


def _attr(head: bytes, start: bytes, default: bytes) -> bytes:
    """One attribute of a cell's start tag (the hot path: :func:`_attributes` reads any)."""
    i = head.find(start)
    if i < 0:
        return default
    i += len(start)
    return head[i:head.index(b'"', i)]


class ScanSource(NamedCells):
    """Raw cells of a saved workbook (a :class:`Package` opened with
    :func:`~sbt_xl.workbook.ooxml.package.open_zip`), found by scanning its parts' text."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.file = str(package.path)
        if not package.has(CONTENT_TYPES):
            raise NotScannable("no [Content_Types].xml")  # the full reader says why
        wb_part = next((t for typ, t in self._rels("").values() if typ == OFFICE_DOCUMENT),
                       None)
        if wb_part is None or not package.has(wb_part):
            raise NotScannable("no workbook part")  # the full reader says why
        rels = self._rels(wb_part)
        if any(typ.endswith(MACRO_SHEET_TYPES) for typ, _ in rels.values()):
            raise NotScannable("an Excel 4.0 macro sheet")  # the full reader refuses it
        book = self._known(_BOOKS, wb_part, lambda data: _Book.scan(data, rels),
                           also=tuple(rels.items()))
        self._book = book
        self.names = book.names
        self.layout_version = layout_version(self.names)
        self._parts = book.parts
        self.sheet_names = frozenset(self._parts)
        self._special = book.special
        self._sheets: dict[str, _Sheet] = {}
        self._shared: tuple[bytes, list[int]] | None = None
        self._date_styles: dict[int, bool] | None = None

    def _part(self, part: str) -> bytes:
        data = self.package.read(part)
        xml.refuse_dtd(data, self.file, part)
        return data

    def _known(self, cache: dict, part: str, build: Callable[[bytes], Any],
               also: Any = ()) -> Any:
        """What ``build`` makes of ``part`` (and ``also``), remembered by the part's stored
        bytes (a template's copies share them): inflated and screened only the first time."""
        key = (part, self.package.compressed(part), also)
        hit = cache.get(key)
        if hit is None:
            hit = build(self._part(part))
            if len(cache) >= _MEMO_SIZE:
                cache.clear()  # (more templates than that in one run is rare)
            cache[key] = hit
        return hit

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of ``part`` (internal targets)."""
        name = rels_path(part)
        if not self.package.has(name):
            return {}
        return self._known(_RELS, name, lambda data: _relationships(part, data))

    def _sheet(self, sheet: str) -> _Sheet | None:
        if sheet not in self._sheets:
            part = self._parts.get(sheet)
            if part is None or not self.package.has(part):
                return None
            self._sheets[sheet] = _Sheet(self._part(part))
        return self._sheets[sheet]

    def _locate(self, name: str) -> tuple[str, str] | str:
        where = self._book.located.get(name)
        if where is None:
            where = self._book.located[name] = locate(self.names, self.sheet_names, name)
        return where

    def read_name(self, name: str) -> RawCell:
        """As :meth:`NamedCells.read_name`, shorter on a sheet without merged cells (the
        roll-up reads ~200 cells of each of thousands of workbooks)."""
        where = self._book.located.get(name) or self._locate(name)
        if not isinstance(where, str):
            sheet, ref = where
            s = self._sheets.get(sheet) or self._sheet(sheet)
            if s is not None and not s.merged:
                return RawCell(sheet, ref, self._value(sheet, ref))
        return super().read_name(name)

    def _merged(self, sheet: str) -> list | None:
        s = self._sheet(sheet)
        return None if s is None else s.merged

    def _value(self, sheet: str, cell: str) -> Any:
        try:
            return self._decoded(sheet, cell)
        except (ValueError, UnicodeDecodeError):
            raise NotScannable("cell") from None

    def _decoded(self, sheet: str, cell: str) -> Any:
        s = self._sheet(sheet)
        if s is None:  # read_name looked the sheet up first
            raise NotScannable(f"no sheet {sheet!r}")
        return self._decode(s, cell)

    def _decode(self, s: _Sheet, cell: str) -> Any:
        found = s.cell(cell)
        if found is None:
            return None
        head, body = found
        t = _attr(head, b' t="', b"n")
        if not body and t != b"inlineStr":  # (most cells a check reads are blank)
            return None
        if t == b"inlineStr":
            return _rich_text(body)
        m = _VALUE.search(body)
        if m is None:
            if b"<v" in body:
                raise NotScannable("value element")
            return None
        if t == b"n":
            if not _NUMBER.fullmatch(m[1]):
                raise NotScannable("number")
            plain_date = self._dates().get(int(_attr(head, b' s="', b"0")))
            if plain_date is not None:
                return self._date(float(m[1]), plain_date)
            return float(m[1])
        if t == b"s":
            return self._shared_string(int(m[1]))
        if t == b"b":
            return m[1] == b"1"
        if t in (b"str", b"e"):
            if _ESCAPE_MARK in m[1]:
                raise NotScannable("_xHHHH_ escape")
            return _text(m[1])
        raise NotScannable(f"cell type {t!r}")

    def _shared_string(self, i: int) -> str:
        if self._shared is None:
            part = self._special.get("sharedStrings")
            if part is None or not self.package.has(part):
                raise NotScannable("no shared strings")
            data = self._part(part)
            _check_form(data, b"<sst")
            starts = [m.start() for m in _SI.finditer(data)]
            if len(starts) != data.count(b"<si"):
                raise NotScannable("shared strings")
            self._shared = (data, starts)
        data, starts = self._shared
        if not 0 <= i < len(starts):
            raise NotScannable("shared string index")
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        return _rich_text(data[starts[i]:end])

    def _date(self, serial: float, plain_date: bool) -> dt.date:
        """A whole serial number in a date format, as python-calamine reads it (1900 date
        system, after Excel's phantom 1900-02-29); anything else is left to the full reader."""
        if not plain_date or self._book.date1904:
            raise NotScannable("an elapsed time or a 1904 date")
        if serial != int(serial) or not _FIRST_REAL_DAY <= serial <= _LAST_DAY:
            raise NotScannable("a time of day or a date outside Excel's")
        return _DAY_ZERO + dt.timedelta(days=int(serial))

    def _dates(self) -> dict[int, bool]:
        """Cell formats (``s``) whose number format may show a date or a time → whether it
        is a plain date or time of day (False: an elapsed time such as ``[h]:mm``)."""
        if self._date_styles is None:
            part = self._special.get("styles")
            if part is None or not self.package.has(part):
                self._date_styles = {}
                return self._date_styles
            self._date_styles = self._known(_DATES, part,
                                            lambda data: _date_styles(data, self.file, part))
        return self._date_styles


#: What workbook.xml, relationship parts and styles.xml say, by their stored bytes: the
#: copies of one template share them, so each worker reads them once (bounded caches).
_BOOKS: dict[Any, _Book] = {}
_RELS: dict[Any, dict[str, tuple[str, str]]] = {}
_DATES: dict[Any, dict[int, bool]] = {}
#: Serial day 0 of Excel's 1900 date system as read from day 61 on (day 60 is the
#: 1900-02-29 that never was), and the last day Excel shows (9999-12-31).
_DAY_ZERO, _FIRST_REAL_DAY, _LAST_DAY = dt.date(1899, 12, 30), 61, 2958465
_MEMO_SIZE = 32


@dataclass(frozen=True)
class _Book:
    names: _Names
    parts: dict[str, str]
    """Worksheet title → its part."""
    special: dict[str, str]
    """``sharedStrings``, ``styles`` … → their parts."""
    date1904: bool = False
    """The workbook counts days from 1904 (an old Mac setting)."""
    located: dict[str, tuple[str, str] | str] = field(default_factory=dict)
    """Defined name → where it points (:func:`~sbt_xl.model.cells.locate`)."""

    @classmethod
    def scan(cls, data: bytes, rels: dict[str, tuple[str, str]]) -> _Book:
        _check_form(data, b"<workbook")
        sheets = [_attributes(m[1]) for m in _SHEET.finditer(data)]
        if len(sheets) != data.count(b"<sheet ") or _R_NAMESPACE not in data or \
                any(b"r:id" not in s for s in sheets):
            raise NotScannable("sheets")
        parts = {s.get(b"name", ""): rels[s[b"r:id"]][1] for s in sheets
                 if s[b"r:id"] in rels and rels[s[b"r:id"]][0] == WORKSHEET_TYPE}
        special = {typ.rsplit("/", 1)[-1]: target for typ, target in rels.values()}
        return cls(_names(data), parts, special, _DATE1904.search(data) is not None)


def _names(data: bytes) -> _Names:
    found = _NAME.findall(data)
    if len(found) == data.count(b"<definedName "):
        return _Names({n: t for n, more, t in found if b"localSheetId" not in more})
    found = _OTHER_NAME.findall(data)  # attributes in another order (LibreOffice)
    if len(found) != data.count(b"<definedName "):
        raise NotScannable("defined names")
    names = {}
    for attrs, t in found:
        a = _attributes(attrs)
        if b"localSheetId" not in a:
            names[a.get(b"name", "").encode()] = t
    return _Names(names)


def _relationships(part: str, data: bytes) -> dict[str, tuple[str, str]]:
    _check_form(data, b"<Relationships")
    found = [_attributes(m[1]) for m in _RELATIONSHIP.finditer(data)]
    if len(found) != data.count(b"<Relationship "):
        raise NotScannable("relationships")
    return {a.get(b"Id", ""): (a.get(b"Type", ""), resolve(part, a.get(b"Target", "")))
            for a in found if a.get(b"TargetMode") != "External"}


def _date_styles(data: bytes, file: str, part: str) -> dict[int, bool]:
    """Cell formats (``s``) whose number format may show a date or a time → False for an
    elapsed time (``[h]:mm``, built-in 46), True for the rest."""
    root = xml.parse(data, file, part)
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in root.iterfind("m:numFmts/m:numFmt", NS)}
    dates = {}
    for i, xf in enumerate(root.iterfind("m:cellXfs/m:xf", NS)):
        fmt = int(xf.get("numFmtId", "0"))
        code = custom.get(fmt, "").lower()
        shown = _QUOTED.sub("", code)
        if fmt in _DATE_FORMATS or any(ch in shown for ch in "dmyhsegbaj"):
            dates[i] = fmt != 46 and not _ELAPSED.search(code)
    return dates


def read_with(path: str | Path, use: Callable[[Package, NamedCells], T], *,
              well_formed: bool = False) -> T:
    """``use(package, source)`` on the scanned file, or, when the file (or a cell ``use``
    reads) is not in the scanned form, on the full reader's :class:`FileSource` over
    :func:`~sbt_xl.workbook.ooxml.package.open_package` (``well_formed``: every part it
    reads parsed first). The same zip-level refusals either way; they are
    :class:`~sbt_xl.errors.SbtError`."""
    try:
        package = open_zip(path)
        return use(package, ScanSource(package))
    except NotScannable:
        package = open_package(path, well_formed=well_formed)
        return use(package, FileSource(package))

