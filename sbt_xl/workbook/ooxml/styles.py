"""Cell formats the writer needs, added to ``xl/styles.xml`` without moving existing ones.

A check cell keeps its own format (font, border, number format, protection) with the fill
of its outcome and wrapped text. Such a format is *derived* from the cell's current one;
an identical format already in the part is reused, and a new fill, font or format is only
appended, so every index other cells use stays valid. A second run finds everything it
needs and leaves the part as it was.
"""

from __future__ import annotations

import copy

from lxml import etree

from sbt_xl.workbook.ooxml.constants import NS, M
from sbt_xl.workbook.ooxml.xml import sub

#: CT_Stylesheet's children in schema order.
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
          "dxfs", "tableStyles", "colors", "extLst")
#: The first entries of the lists a cell format refers to by index, as Excel writes them
#: (fill 1 is the reserved gray125 pattern): what a stylesheet that lacks a list (all
#: children of <styleSheet> are optional) is given before a format is derived.
_BASE = {
    "fonts": '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    "fills": '<fill><patternFill patternType="none"/></fill>'
             '<fill><patternFill patternType="gray125"/></fill>',
    "borders": "<border><left/><right/><top/><bottom/><diagonal/></border>",
    "cellStyleXfs": '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
    "cellXfs": '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    "cellStyles": '<cellStyle name="Normal" xfId="0" builtinId="0"/>',
}


def new_styles() -> etree._Element:
    """An empty stylesheet (for a workbook without one); :class:`Styles` fills it in."""
    return etree.Element(M + "styleSheet", nsmap={None: NS["m"]})


def _key(el: etree._Element) -> tuple:
    """What makes two style elements the same: names, attributes (in any order), text,
    children; not namespace prefixes or white space."""
    return (el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip(),
            tuple(_key(c) for c in el if isinstance(c.tag, str)))


#: The index of a list of a stylesheet (``cellXfs``, ``fills``, ``fonts``) before
#: anything is appended to it, by the part's stored bytes: the copies of a template share
#: them, and keying every entry costs more than the formats derived from them.
_INDEXES: dict[tuple[bytes, str], dict[tuple, int]] = {}
_MEMO_SIZE = 96


class Styles:
    """The workbook's ``styles.xml`` tree; ``changed`` once something was appended.
    ``stored``: the part's bytes as stored in the file (none for a new part)."""

    def __init__(self, root: etree._Element, stored: bytes = b"") -> None:
        self.root = root
        self._stored = stored
        self.changed = False
        self._index: dict[str, dict[tuple, int]] = {}
        self._derived: dict[tuple, int] = {}
        self._based = False
        self._lists: dict[str, etree._Element] = {}

    def _list(self, tag: str) -> etree._Element:
        found = self._lists.get(tag)  # (a find costs more than deriving from what it finds)
        if found is None:
            if not self._based:
                self._add_base()
            found = self.root.find(f"m:{tag}", NS)
            if found is None:
                raise ValueError(f"styles.xml has no <{tag}>")
            self._lists[tag] = found
        return found

    def _add_base(self) -> None:
        """Give a stylesheet without fonts, fills, borders or formats Excel's first
        entries of each, so that index 0 (and fill 1) mean what Excel assumes."""
        self._based = True
        for tag, entries in _BASE.items():
            found = self.root.find(f"m:{tag}", NS)
            if found is not None and len(found):
                continue
            if found is None:
                found = etree.Element(M + tag)
                later = {M + t for t in _ORDER[_ORDER.index(tag) + 1:]}
                anchor = next((c for c in self.root if c.tag in later), None)
                self.root.insert(self.root.index(anchor) if anchor is not None
                                 else len(self.root), found)
            wrapper = etree.fromstring(f'<w xmlns="{NS["m"]}">{entries}</w>')
            found.extend(list(wrapper))
            found.set("count", str(len(found)))
            self.changed = True

    def _intern(self, tag: str, el: etree._Element) -> int:
        """The index of an element equal to ``el`` in list ``tag``, appending it if new."""
        parent = self._list(tag)
        if tag not in self._index:
            memo = (self._stored, tag)
            index = _INDEXES.get(memo) if self._stored else None
            if index is None:
                index = {}
                for i, other in enumerate(parent):
                    index.setdefault(_key(other), i)
                if self._stored:
                    if len(_INDEXES) >= _MEMO_SIZE:
                        _INDEXES.clear()
                    _INDEXES[memo] = index
            self._index[tag] = dict(index)
        key = _key(el)
        found = self._index[tag].get(key)
        if found is not None:
            return found
        parent.append(el)
        parent.set("count", str(len(parent)))
        self.changed = True
        self._index[tag][key] = len(parent) - 1
        return len(parent) - 1

    def _xf(self, index: int) -> etree._Element:
        xfs = self._list("cellXfs")
        if 0 <= index < len(xfs):
            return copy.deepcopy(xfs[index])
        return etree.Element(M + "xf", {"numFmtId": "0", "fontId": "0", "fillId": "0",
                                        "borderId": "0", "xfId": "0"})

    def derive(self, index: int, *, fill: str | None = None, wrap: bool = True,
               bold: bool = False, link: str | None = None) -> int:
        """The format ``index`` with a solid ``fill`` (ARGB hex; None: no fill), text
        wrapped at the top of the cell, and optionally a bold font, or a link's font
        (underlined, in the RRGGBB colour ``link``)."""
        memo = (index, fill, wrap, bold, link)
        if memo not in self._derived:
            self._derived[memo] = self._derive(index, fill, wrap, bold, link)
        return self._derived[memo]

    def _derive(self, index: int, fill: str | None, wrap: bool, bold: bool,
                link: str | None = None) -> int:
        xf = self._xf(index)
        xf.tail = None
        if fill is None:
            xf.set("fillId", "0")
        else:
            f = etree.Element(M + "fill")
            pattern = sub(f, M + "patternFill", {"patternType": "solid"})
            sub(pattern, M + "fgColor", {"rgb": fill})
            sub(pattern, M + "bgColor", {"indexed": "64"})
            xf.set("fillId", str(self._intern("fills", f)))
        xf.set("applyFill", "1")
        if bold or link:
            fonts = self._list("fonts")
            font = copy.deepcopy(fonts[int(xf.get("fontId", "0"))])
            font.tail = None
            if bold and font.find("m:b", NS) is None:
                sub(font, M + "b", index=0)
            if link:  # CT_Font's children in schema order: … u, vertAlign, sz, color, name …
                for tag in ("u", "color"):
                    for el in font.findall(f"m:{tag}", NS):
                        font.remove(el)
                _insert_before(font, etree.Element(M + "u"), ("vertAlign", "sz", "color",
                                                             "name", "family", "charset",
                                                             "scheme"))
                _insert_before(font, etree.Element(M + "color", {"rgb": "FF" + link}),
                               ("name", "family", "charset", "scheme"))
            xf.set("fontId", str(self._intern("fonts", font)))
            xf.set("applyFont", "1")
        if wrap:
            align = xf.find("m:alignment", NS)
            if align is None:
                align = sub(xf, M + "alignment", index=0)
            align.set("wrapText", "1")
            align.set("vertical", "top")
            xf.set("applyAlignment", "1")
        return self._intern("cellXfs", xf)


def _insert_before(parent: etree._Element, el: etree._Element, later: tuple[str, ...]) -> None:
    """Insert ``el`` before the first child whose tag is one of ``later`` (else last)."""
    tags = {M + t for t in later}
    anchor = next((c for c in parent if c.tag in tags), None)
    parent.insert(parent.index(anchor) if anchor is not None else len(parent), el)
