"""Editing an opened package, and saving it: the parts a writer changes or adds, the
relationships and content types new parts need, the workbook's sheet list and defined
names, and the zip written back with every untouched member copied as its original
compressed bytes (:mod:`sbt_xl.workbook.ooxml.zipcopy`).
"""

from __future__ import annotations

import io
import re
from collections import ChainMap
from collections.abc import Mapping, MutableMapping
from typing import cast

from lxml import etree

from sbt_xl.model.cells import locate
from sbt_xl.workbook.ooxml import sheetxml, xml, zipcopy
from sbt_xl.workbook.ooxml.constants import (
    CALC_CHAIN_TYPE,
    CONTENT_TYPES,
    MAIN_TYPES,
    NEW_WORKSHEET,
    NS,
    STYLES_CONTENT_TYPE,
    STYLES_PART,
    STYLES_TYPE,
    WORKSHEET_CONTENT_TYPE,
    WORKSHEET_TYPE,
    M,
    R,
)
from sbt_xl.workbook.ooxml.package import Package, SheetRef, relative, rels_path
from sbt_xl.workbook.ooxml.sheettext import SheetText
from sbt_xl.workbook.ooxml.styles import Styles, new_styles
from sbt_xl.workbook.ooxml.xml import sub


_NAMED = etree.XPath("m:definedName[@name = $n]", namespaces=NS)
_LOCAL_ID = re.compile(rb"""localSheetId\s*=\s*["']([^"']*)""")


class PackageEdit:
    """The edits to one opened :class:`Package`: parsed trees changed in place, parts
    added, and what saving must serialise."""

    def __init__(self, package: Package, names: Mapping[str, str] | None = None) -> None:
        self.pkg = package
        self.names: MutableMapping[str, str] = (
            package.defined_names if names is None  # (a ChainMap writes to its first map)
            else ChainMap({}, cast(MutableMapping[str, str], names)))
        """Workbook-level defined names → their reference text (kept current; ``names``:
        what a reader found in this package already, not read again)."""
        self.sheets: dict[str, SheetRef] = {s.name: s for s in package.sheets}
        self.changed: set[str] = set()
        self.added: set[str] = set()
        self._styles: Styles | None = None
        self._styles_part = STYLES_PART
        self._shared: list[str] | None = None
        self._rows: dict[str, sheetxml.Rows] = {}
        self._texts: dict[str, SheetText | None] = {}
        self._located: dict[str, tuple[str, str] | None] = {}
        self._local_ids: set[str] | None = None  # (see _may_have)

    # --- reading -------------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Every sheet's title, chart sheets included (titles must stay unique)."""
        return [s.get("name", "") for s in self.sheet_elements()]

    def sheet_elements(self) -> list[etree._Element]:
        return list(self.pkg.xml(self.pkg.workbook_part).iterfind("m:sheets/m:sheet", NS))

    def resolve(self, name: str) -> tuple[str, str] | None:
        """(Remembered until a name or a sheet changes: the writer asks for each check
        cell once per field beside it.)"""
        if name not in self._located:
            where = locate(self.names, self.sheets, name)
            self._located[name] = None if isinstance(where, str) else where
        return self._located[name]

    def rows(self, sheet: str) -> sheetxml.SheetRows:
        """The sheet's rows by number: the part kept as text with the rows written into
        parsed (:class:`SheetText`), or the whole part parsed when it is not in that form
        or was parsed already (the index kept while the tree is this package's)."""
        part = self.sheets[sheet].part
        if part not in self._texts and not self.pkg.parsed(part) and self.pkg.has(part):
            self._texts[part] = SheetText.split(self.pkg.read(part), str(self.pkg.path), part)
        text = self._texts.get(part)
        if text is not None and not self.pkg.parsed(part):
            return text
        root = self.pkg.xml(part)
        found = self._rows.get(part)
        if found is None or found.root is not root:
            found = self._rows[part] = sheetxml.Rows(root)
        return found

    def shared_strings(self) -> list[str]:
        if self._shared is None:
            part = next((t for typ, t in self.pkg.rels(self.pkg.workbook_part).values()
                         if typ.endswith("/sharedStrings")), None)
            self._shared = sheetxml.shared_strings(
                self.pkg.xml(part) if part and self.pkg.has(part) else None)
        return self._shared

    def related(self, source: str, typ: str) -> str | None:
        """The part ``source`` relates to with the relationship type ``typ``, if any."""
        return next((t for ty, t in self.pkg.rels(source).values() if ty == typ), None)

    # --- editing -------------------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles_part = self._find_styles()
            part = self._styles_part
            self._styles = Styles(self.pkg.xml(part),
                                  self.pkg.compressed(part) if self.pkg.has(part) else b"")
        return self._styles

    def _find_styles(self) -> str:
        """The part the workbook's styles relationship names (anywhere in the package); a
        new, empty one when it has none (the part is optional)."""
        wb = self.pkg.workbook_part
        target = self.related(wb, STYLES_TYPE)
        if target is not None and self.pkg.exists(target):
            return target
        if target is None:  # where readers that do not follow relationships look
            target = self.new_part(STYLES_PART if STYLES_PART.lower() not in self._taken()
                                   else "xl/styles{n}.xml", new_styles())
            self.add_rel(wb, STYLES_TYPE, target)
        else:
            self.pkg.set_xml(target, new_styles())
            self.added.add(target)
        self.set_content_type(target, STYLES_CONTENT_TYPE)
        return target

    def touch(self, sheet: str) -> None:
        """Mark ``sheet``'s part changed (its rows were written as text)."""
        self.changed.add(self.sheets[sheet].part)

    def cell(self, sheet: str, cell: str) -> etree._Element:
        """The ``<c>`` element of ``cell`` (created when missing), its sheet marked changed."""
        self.changed.add(self.sheets[sheet].part)
        return self.rows(sheet).cell(cell)

    def define_name(self, name: str, ref: str, local_sheet: str | None = None,
                    hidden: bool = False) -> None:
        root = self.pkg.xml(self.pkg.workbook_part)
        names = root.find("m:definedNames", NS)
        if names is None:
            anchor = root.find("m:sheets", NS)
            names = sub(root, M + "definedNames", index=root.index(anchor) + 1)
            for tag in ("functionGroups", "externalReferences"):  # schema order
                el = root.find(f"m:{tag}", NS)
                if el is not None:
                    root.remove(names)
                    root.insert(root.index(el) + 1, names)
        local = (None if local_sheet is None
                 else str(self.sheet_names().index(local_sheet)))
        found = _NAMED(names, n=name) if self._may_have(name, local) else ()
        for d in found:  # (XPath: a template has ~800 names)
            if d.get("localSheetId") == local:
                if d.text == ref:
                    return
                break
        else:
            d = sub(names, M + "definedName", {"name": name})
            if local is not None:
                d.set("localSheetId", local)
            if hidden:
                d.set("hidden", "1")
        d.text = ref
        if self._local_ids is not None and local is not None:
            self._local_ids.add(local)
        if local is None:
            self.names[name] = ref
            self._located.pop(name, None)
        self.changed.add(self.pkg.workbook_part)

    def _may_have(self, name: str, local: str | None) -> bool:
        """Whether the workbook may define ``name`` for ``local`` (a sheet's index; None:
        the workbook) already. Looking through a template's ~800 names costs ~0.4 ms, so
        a name the package's names (workbook level) or the stored part's text (sheet level:
        the ``localSheetId`` values it holds) rule out is not looked for."""
        if local is None:
            return name in self.names
        if self._local_ids is None:
            data = self.pkg.read(self.pkg.workbook_part)
            found = {m.decode() for m in _LOCAL_ID.findall(data)}
            if not xml.utf8(data) or not all(v.isdigit() and v.isascii() for v in found):
                return True  # (another encoding, or a value written with references)
            self._local_ids = found
        return local in self._local_ids

    def rename_sheet(self, title: str, new: str) -> None:
        """Give the sheet ``title`` the title ``new`` (its references are the caller's)."""
        el = next(s for s in self.sheet_elements() if s.get("name") == title)
        el.set("name", new)
        ref = self.sheets.pop(title)
        self.sheets[new] = SheetRef(new, ref.part, ref.rel_id)
        self._located.clear()
        self.changed.add(self.pkg.workbook_part)

    def add_sheet(self, title: str) -> SheetRef:
        """A new last worksheet ``title`` (its part, relationship and content type); the
        caller gives the part its tree."""
        wb_part = self.pkg.workbook_part
        part = self.free_name(NEW_WORKSHEET)
        self.added.add(part)
        rid = self.add_rel(wb_part, WORKSHEET_TYPE, part)
        root = self.pkg.xml(wb_part)
        sheets = root.find("m:sheets", NS)
        sheet_id = max((int(s.get("sheetId", "0")) for s in sheets), default=0) + 1
        sub(sheets, M + "sheet", {"name": title, "sheetId": str(sheet_id), R + "id": rid})
        self.changed.add(wb_part)
        self.set_content_type(part, WORKSHEET_CONTENT_TYPE)
        ref = SheetRef(title, part, rid)
        self.sheets[title] = ref
        self._located.clear()
        return ref

    def add_rel(self, source: str, typ: str, target: str) -> str:
        """A new relationship of ``source`` to ``target``; its id."""
        part = rels_path(source)
        if self.pkg.exists(part):
            root = self.pkg.xml(part)
        else:
            root = etree.Element("{%s}Relationships" % NS["rel"], nsmap={None: NS["rel"]})
            self.pkg.set_xml(part, root)
            self.added.add(part)
        ids = {r.get("Id") for r in root}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        sub(root, "{%s}Relationship" % NS["rel"],
            {"Id": f"rId{n}", "Type": typ, "Target": relative(source, target)})
        self.pkg.forget_rels(source)
        self.changed.add(part)
        return f"rId{n}"

    def set_content_type(self, part: str, content_type: str, default_ext: str | None = None
                         ) -> None:
        """Declare ``part``'s content type (with ``default_ext``: for every part with that
        extension, unless the package declares one already)."""
        root = self.pkg.xml(CONTENT_TYPES)
        if default_ext is not None:
            if any(d.get("Extension", "").lower() == default_ext
                   for d in root.iterfind("ct:Default", NS)):
                return
            sub(root, "{%s}Default" % NS["ct"], {"Extension": default_ext,
                                                  "ContentType": content_type}, index=0)
        else:  # one content type per part: an override the input had for it goes
            for o in list(root.iterfind("ct:Override", NS)):
                if o.get("PartName", "").lstrip("/").lower() == part.lower():
                    root.remove(o)
            sub(root, "{%s}Override" % NS["ct"], {"PartName": "/" + part,
                                                   "ContentType": content_type})
        self.changed.add(CONTENT_TYPES)

    def set_main_type(self, suffix: str) -> None:
        """Give the workbook part the content type the output's extension asks for (an
        .xltx checked into an .xlsx becomes a workbook)."""
        wanted = MAIN_TYPES.get(suffix.lower())
        part = self.pkg.workbook_part
        if wanted is not None and self.pkg.content_type(part) != wanted:
            self.set_content_type(part, wanted)

    def drop_calc_chain(self, ref: SheetRef) -> None:
        """Remove the calculation-chain entries of a sheet about to be rewritten whole
        (Excel refuses a chain that points at cells without formulas)."""
        part = self.related(self.pkg.workbook_part, CALC_CHAIN_TYPE)
        if part is None or not self.pkg.has(part):
            return
        sheet_id = next(s.get("sheetId") for s in self.sheet_elements()
                        if s.get(R + "id") == ref.rel_id)
        root = self.pkg.xml(part)
        current, previous_kept = None, None
        for c in list(root):
            current = c.get("i", current)
            if current == sheet_id:
                root.remove(c)
                self.changed.add(part)
            else:
                if c.get("i") is None and previous_kept != current:
                    c.set("i", current)
                previous_kept = current

    def free_name(self, pattern: str) -> str:
        """The first part name ``pattern`` (with ``{n}``) gives that no part has."""
        taken = self._taken()
        n = 1
        while pattern.format(n=n).lower() in taken:
            n += 1
        return pattern.format(n=n)

    def _taken(self) -> set[str]:
        """Part names in use, lower case: members, parts added, and names an override of
        ``[Content_Types].xml`` claims (a part may be listed there and missing)."""
        overrides = {o.get("PartName", "").lstrip("/")
                     for o in self.pkg.xml(CONTENT_TYPES).iterfind("ct:Override", NS)}
        return {n.lower() for n in (*self.pkg.names, *self.added, *overrides)}

    def new_part(self, pattern: str, root: etree._Element) -> str:
        """Add ``root`` as a new part named after ``pattern``; its name."""
        part = self.free_name(pattern)
        self.pkg.set_xml(part, root)
        self.added.add(part)
        return part

    # --- saving --------------------------------------------------------------------------

    def parts(self) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """(parts replaced, parts added) → their serialised contents."""
        if self._styles is not None and self._styles.changed:
            self.changed.add(self._styles_part)
        replace = {p: self._serialised(p) for p in self.changed if p not in self.added}
        add = {p: self._serialised(p) for p in sorted(self.added)}
        return replace, add

    def set_part(self, part: str, data: bytes) -> None:
        """Replace (or give an added part) its whole bytes: a part sbt-xl owns, written as
        text (its own sheet)."""
        self.pkg.set_bytes(part, data)
        self._texts.pop(part, None)
        self._rows.pop(part, None)
        self.changed.add(part)

    def _serialised(self, part: str) -> bytes:
        text = self._texts.get(part)
        if self.pkg.parsed(part):
            return xml.serialise(self.pkg.xml(part), self.pkg.prolog(part))
        if text is not None:
            return text.to_bytes()
        return self.pkg.read(part)  # set whole (set_part)

    def to_bytes(self) -> bytes:
        """The edited package as the bytes of a zip."""
        replace, add = self.parts()
        out = io.BytesIO()
        zipcopy.write(out, self.pkg.archive, replace, add)
        return out.getvalue()
