"""The writer's back end for saved files: edits only the parts of the package sbt-xl owns.

What it changes: the ``<c>`` elements of check and verdict cells (and the height of their
rows, so wrapped messages print), sbt-xl's notes in a sheet's comments part and VML
drawing, sbt-xl's own findings sheet, and the few entries a new sheet or comments part
needs in ``[Content_Types].xml``, ``workbook.xml`` (sheet, defined names), relationship
parts and ``styles.xml`` (formats appended, none changed). Every other member of the
zip is copied as its original compressed bytes (:mod:`sbt_xl.workbook.ooxml.zipcopy`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from lxml import etree

from sbt_xl.errors import SbtError
from sbt_xl.workbook.ooxml import notes, sheetxml, xml, zipcopy
from sbt_xl.model.cells import column_index, column_letter, locate, offset, split
from sbt_xl.workbook.ooxml.package import (
    MAIN_TYPES,
    WORKSHEET_TYPE,
    Package,
    SheetRef,
    relative,
    rels_path,
)
from sbt_xl.workbook.write.printing import LINE_POINTS, lines_needed, row_points
from sbt_xl.workbook.ooxml.styles import (
    STYLES_CONTENT_TYPE,
    STYLES_PART,
    STYLES_TYPE,
    Styles,
    new_styles,
)
from sbt_xl.workbook import design
from sbt_xl.workbook.write.writeback import COLORS, Formula
from sbt_xl.workbook.ooxml.xml import NS, M, R, sub

WORKSHEET_CONTENT_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                          "worksheet+xml")
CALC_CHAIN_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "calcChain")
CONTENT_TYPES = "[Content_Types].xml"
METADATA_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                 "sheetMetadata")
METADATA_CONTENT_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                         "sheetMetadata+xml")
#: Excel's cell metadata for a dynamic-array (spilling) formula: cells carry cm="1".
DYNAMIC_ARRAY_METADATA = (
    f'<metadata xmlns="{NS["m"]}" '
    'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" '
    'copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" '
    'clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
    '<futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>'
    '</futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
    '</metadata>').encode()
#: Excel's default column width, characters.
DEFAULT_WIDTH = 8.43


def argb(rgb: tuple[int, int, int]) -> str:
    return "FF%02X%02X%02X" % rgb


class PackageBook:
    """A :class:`~sbt_xl.workbook.write.writeback.Book` over an opened :class:`Package`."""

    def __init__(self, package: Package) -> None:
        self.pkg = package
        self._names = package.defined_names
        self._sheets: dict[str, SheetRef] = {s.name: s for s in package.sheets}
        self._changed: set[str] = set()
        self._added: set[str] = set()
        self._notes: dict[str, dict[str, str | None]] = {}
        self._styles: Styles | None = None
        self._styles_part = STYLES_PART
        self._shared: list[str] | None = None
        self._widths: dict[str, dict[int, float]] = {}

    # --- reading -------------------------------------------------------------------------

    def sheet_names(self) -> list[str]:
        """Every sheet's title, chart sheets included (titles must stay unique)."""
        return [s.get("name", "") for s in self._sheet_elements()]

    def _sheet_elements(self) -> list[etree._Element]:
        return list(self.pkg.xml(self.pkg.workbook_part).iterfind("m:sheets/m:sheet", NS))

    def resolve(self, name: str) -> tuple[str, str] | None:
        where = locate(self._names, self._sheets, name)
        return None if isinstance(where, str) else where

    def _tree(self, sheet: str) -> etree._Element:
        return self.pkg.xml(self._sheets[sheet].part)

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            part = next((t for typ, t in self.pkg.rels(self.pkg.workbook_part).values()
                         if typ.endswith("/sharedStrings")), None)
            self._shared = sheetxml.shared_strings(
                self.pkg.xml(part) if part and self.pkg.has(part) else None)
        return self._shared

    def value(self, sheet: str, cell: str) -> Any:
        return sheetxml.value(sheetxml.find_cell(self._tree(sheet), cell),
                              self._shared_strings())

    def note(self, sheet: str, cell: str) -> str | None:
        part = self._comments_part(sheet)
        return notes.read(self.pkg.xml(part) if part else None).get(cell)

    # --- writing -------------------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles_part = self._find_styles()
            self._styles = Styles(self.pkg.xml(self._styles_part))
        return self._styles

    def _find_styles(self) -> str:
        """The part the workbook's styles relationship names (anywhere in the package); a
        new, empty one when it has none (the part is optional)."""
        wb = self.pkg.workbook_part
        target = next((t for typ, t in self.pkg.rels(wb).values() if typ == STYLES_TYPE),
                      None)
        if target is not None and self.pkg.exists(target):
            return target
        if target is None:  # where readers that do not follow relationships look
            target = self._new_part(STYLES_PART if STYLES_PART not in self._taken()
                                    else "xl/styles{n}.xml", new_styles())
            self._add_rel(wb, STYLES_TYPE, target)
        else:
            self.pkg.set_xml(target, new_styles())
            self._added.add(target)
        self._content_type(target, STYLES_CONTENT_TYPE)
        return target

    def _cell(self, sheet: str, cell: str) -> etree._Element:
        part = self._sheets[sheet].part
        self._changed.add(part)
        return sheetxml.cell(self.pkg.xml(part), cell)

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None,
                  fit: Sequence[str] = ()) -> None:
        c = self._cell(sheet, cell)
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
            if c.get("r") in refs:
                v = sheetxml.value(c, self._shared_strings())
                if isinstance(v, str):
                    out.append(lines_needed(v, self._column_width(sheet, c.get("r", "A1"))))
        return out

    def _column_width(self, sheet: str, cell: str) -> float:
        if sheet not in self._widths:
            widths: dict[int, float] = {}
            for c in self._tree(sheet).iterfind("m:cols/m:col", NS):
                for col in range(int(c.get("min", "1")), min(int(c.get("max", "1")), 200) + 1):
                    widths[col] = float(c.get("width", DEFAULT_WIDTH))
            self._widths[sheet] = widths
        return self._widths[sheet].get(column_index(split(cell)[0]), DEFAULT_WIDTH)

    def set_value(self, sheet: str, cell: str, value: Any) -> None:
        sheetxml.set_value(self._cell(sheet, cell), value)

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        self._notes.setdefault(sheet, {})[cell] = text

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
        for d in names:
            if d.get("name") == name and d.get("localSheetId") == local:
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
        if local is None:
            self._names[name] = ref
        self._changed.add(self.pkg.workbook_part)

    def write_sheet(self, title: str, rows: Sequence[Sequence[Any]], widths: Sequence[float],
                    replace: str | None = None, heading: str | None = None) -> None:
        """(Re)write sbt-xl's own sheet: ``replace`` names it when it exists already;
        ``heading`` prints atop every page."""
        if replace is not None:
            ref = self._sheets[replace]
            self._drop_calc_chain(ref)
        else:
            ref = self._add_sheet(title)
        root = self._worksheet(rows, widths, heading)
        self.pkg.set_xml(ref.part, root)  # owned: replaced whole
        self._changed.add(ref.part)
        last = column_letter(max(len(r) for r in rows))
        q = title.replace("'", "''")
        self.define_name("_xlnm._FilterDatabase", f"'{q}'!$A$1:${last}${len(rows)}",
                         title, hidden=True)
        self.define_name("_xlnm.Print_Titles", f"'{q}'!$1:$1", title)

    def _worksheet(self, rows: Sequence[Sequence[Any]], widths: Sequence[float],
                   heading: str | None = None) -> etree._Element:
        ncols = max(len(r) for r in rows)
        root = etree.Element(M + "worksheet", nsmap={None: NS["m"], "r": NS["r"]})
        sub(sub(root, M + "sheetPr"), M + "pageSetUpPr", {"fitToPage": "1"})
        sub(root, M + "dimension", {"ref": f"A1:{column_letter(ncols)}{len(rows)}"})
        view = sub(sub(root, M + "sheetViews"), M + "sheetView", {"workbookViewId": "0"})
        sub(view, M + "pane", {"ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft",
                               "state": "frozen"})
        sub(view, M + "selection", {"pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"})
        sub(root, M + "sheetFormatPr", {"defaultRowHeight": f"{LINE_POINTS:g}",
                                        "customHeight": "1"})
        cols = sub(root, M + "cols")
        for i, w in enumerate(widths, start=1):
            sub(cols, M + "col", {"min": str(i), "max": str(i), "width": f"{w:g}",
                                  "customWidth": "1"})
        head = self.styles.derive(0, bold=True, fill=argb(design.rgb_tuple(design.HEADER)))
        wrap = self.styles.derive(0)
        linked = self.styles.derive(0, link=design.LINK)
        data = sub(root, M + "sheetData")
        for r, row in enumerate(rows, start=1):
            el = sub(data, M + "row", {"r": str(r)})
            lines = 1
            for c, v in enumerate(row, start=1):
                cell = sub(el, M + "c", {"r": f"{column_letter(c)}{r}"})
                style = head if r == 1 else wrap
                if isinstance(v, Formula) and v.text.startswith("HYPERLINK("):
                    style = linked
                if isinstance(v, Formula):
                    sheetxml.set_formula(cell, v.formula, v.shows, style)
                else:
                    sheetxml.set_value(cell, v if v != "" else None, style)
                if isinstance(v, str) and v and c <= len(widths):
                    lines = max(lines, lines_needed(v, widths[c - 1], bold=r == 1))
            points = row_points(lines)
            if points is not None:
                el.set("ht", f"{points:g}")
                el.set("customHeight", "1")
        sub(root, M + "autoFilter", {"ref": f"A1:{column_letter(ncols)}{len(rows)}"})
        sub(root, M + "pageMargins", {"left": "0.5", "right": "0.5", "top": "0.6",
                                      "bottom": "0.6", "header": "0.3", "footer": "0.3"})
        sub(root, M + "pageSetup", {"paperSize": "9", "orientation": "landscape",
                                    "fitToWidth": "1", "fitToHeight": "0"})
        hf = sub(root, M + "headerFooter")
        if heading:
            amp = heading.replace("&", "&&")
            sub(hf, M + "oddHeader").text = f'&L&"{design.FONT_NAME},Bold"&12{amp}'
        sub(hf, M + "oddFooter").text = "&C&P / &N"
        return root

    def _add_sheet(self, title: str) -> SheetRef:
        wb_part = self.pkg.workbook_part
        part = self._free_name("xl/worksheets/sheet{n}.xml")
        self._added.add(part)
        rid = self._add_rel(wb_part, WORKSHEET_TYPE, part)
        root = self.pkg.xml(wb_part)
        sheets = root.find("m:sheets", NS)
        sheet_id = max((int(s.get("sheetId", "0")) for s in sheets), default=0) + 1
        sub(sheets, M + "sheet", {"name": title, "sheetId": str(sheet_id), R + "id": rid})
        self._changed.add(wb_part)
        self._content_type(part, WORKSHEET_CONTENT_TYPE)
        ref = SheetRef(title, part, rid)
        self._sheets[title] = ref
        return ref

    def _add_rel(self, source: str, typ: str, target: str) -> str:
        part = rels_path(source)
        if self.pkg.exists(part):
            root = self.pkg.xml(part)
        else:
            root = etree.Element("{%s}Relationships" % NS["rel"], nsmap={None: NS["rel"]})
            self.pkg.set_xml(part, root)
            self._added.add(part)
        ids = {r.get("Id") for r in root}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        sub(root, "{%s}Relationship" % NS["rel"],
            {"Id": f"rId{n}", "Type": typ, "Target": relative(source, target)})
        self.pkg.forget_rels(source)
        self._changed.add(part)
        return f"rId{n}"

    def _content_type(self, part: str, content_type: str, default_ext: str | None = None
                      ) -> None:
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
        self._changed.add(CONTENT_TYPES)

    def set_main_type(self, suffix: str) -> None:
        """Give the workbook part the content type the output's extension asks for (an
        .xltx checked into an .xlsx becomes a workbook)."""
        wanted = MAIN_TYPES.get(suffix.lower())
        part = self.pkg.workbook_part
        if wanted is not None and self.pkg.content_type(part) != wanted:
            self._content_type(part, wanted)

    def _drop_calc_chain(self, ref: SheetRef) -> None:
        """Remove calculation-chain entries of sbt-xl's own sheet before rewriting it
        (Excel refuses a chain that points at cells without formulas)."""
        part = next((t for typ, t in self.pkg.rels(self.pkg.workbook_part).values()
                     if typ == CALC_CHAIN_TYPE), None)
        if part is None or not self.pkg.has(part):
            return
        sheet_id = next(s.get("sheetId") for s in self._sheet_elements()
                        if s.get(R + "id") == ref.rel_id)
        root = self.pkg.xml(part)
        current, previous_kept = None, None
        for c in list(root):
            current = c.get("i", current)
            if current == sheet_id:
                root.remove(c)
                self._changed.add(part)
            else:
                if c.get("i") is None and previous_kept != current:
                    c.set("i", current)
                previous_kept = current

    def set_dynamic_array(self, sheet: str, anchor: str, formula: str,
                          values: Sequence[Sequence[Any]]) -> str:
        """A spilling formula in ``anchor`` with its results cached in the cells it spills
        into (so a reader without the add-in sees them); returns the spill range."""
        last = offset(anchor, rows=len(values) - 1, cols=len(values[0]) - 1)
        ref = f"{anchor}:{last}"
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                c = self._cell(sheet, offset(anchor, rows=i, cols=j))
                if i == j == 0:
                    sheetxml.set_formula(c, formula, v, array_ref=ref)
                    c.set("cm", self._dynamic_array_metadata())
                else:
                    sheetxml.set_result(c, v)
        return ref

    def _dynamic_array_metadata(self) -> str:
        """The index (``cm``) of the dynamic-array cell metadata, added once."""
        wb = self.pkg.workbook_part
        existing = next((t for typ, t in self.pkg.rels(wb).values() if typ == METADATA_TYPE),
                        None)
        if existing is None:
            part = self._new_part("xl/metadata{n}.xml",
                                  xml.parse(DYNAMIC_ARRAY_METADATA, "sbt-xl", "metadata"))
            self._add_rel(wb, METADATA_TYPE, part)
            self._content_type(part, METADATA_CONTENT_TYPE)
        elif self.pkg.xml(existing).find("m:metadataTypes/m:metadataType", NS).get(
                "name") != "XLDAPR":
            raise ValueError(f"{existing}: cell metadata of another kind is not supported")
        return "1"

    # --- notes ---------------------------------------------------------------------------

    def _comments_part(self, sheet: str) -> str | None:
        part = self._sheets[sheet].part
        return next((t for typ, t in self.pkg.rels(part).values()
                     if typ == notes.COMMENTS_TYPE and self.pkg.exists(t)),
                    None)

    def _apply_notes(self) -> None:
        for sheet, changes in self._notes.items():
            if not changes:
                continue
            part = self._sheets[sheet].part
            comments = self._comments_part(sheet)
            if comments is None and all(v is None for v in changes.values()):
                continue
            vml = self._vml_part(sheet)
            try:
                drawing = self.pkg.xml(vml)
            except SbtError:  # VML that is not XML (old Excel): notes on this sheet skipped
                continue
            if comments is None:
                comments = self._new_part("xl/comments{n}.xml", notes.new_comments())
                self._add_rel(part, notes.COMMENTS_TYPE, comments)
                self._content_type(comments, notes.COMMENTS_CONTENT_TYPE)
            notes.apply(self.pkg.xml(comments), drawing, changes)
            self._changed.update({comments, vml})

    def _vml_part(self, sheet: str) -> str:
        part = self._sheets[sheet].part
        root = self._tree(sheet)
        legacy = root.find("m:legacyDrawing", NS)
        if legacy is not None:
            target = self.pkg.rels(part).get(legacy.get(R + "id", ""), ("", ""))[1]
            if target and self.pkg.exists(target):
                return target
        block = self.sheet_names().index(sheet) + 1
        vml = self._new_part("xl/drawings/vmlDrawing{n}.vml", notes.new_vml(block))
        rid = self._add_rel(part, notes.VML_TYPE, vml)
        if legacy is None:  # (with its id: the element declares the prefix if need be)
            legacy = sheetxml.insert_child(root, "legacyDrawing", {R + "id": rid})
        legacy.set(R + "id", rid)
        self._changed.add(part)
        self._content_type(vml, notes.VML_CONTENT_TYPE, default_ext="vml")
        return vml

    def _taken(self) -> set[str]:
        """Part names (lower case) in the package, added, or claimed by an override."""
        overrides = {o.get("PartName", "").lstrip("/")
                     for o in self.pkg.xml(CONTENT_TYPES).iterfind("ct:Override", NS)}
        return {n.lower() for n in (*self.pkg.names, *self._added, *overrides)}

    def _free_name(self, pattern: str) -> str:
        """The first part name ``pattern`` (with ``{n}``) gives that no part has."""
        taken = self._taken()
        n = 1
        while pattern.format(n=n).lower() in taken:
            n += 1
        return pattern.format(n=n)

    def _new_part(self, pattern: str, root: etree._Element) -> str:
        part = self._free_name(pattern)
        self.pkg.set_xml(part, root)
        self._added.add(part)
        return part

    # --- saving --------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The edited package as the bytes of a zip."""
        self._apply_notes()
        if self._styles is not None and self._styles.changed:
            self._changed.add(self._styles_part)
        replace = {p: xml.serialise(self.pkg.xml(p), self.pkg.prolog(p))
                   for p in self._changed if p not in self._added}
        add = {p: xml.serialise(self.pkg.xml(p)) for p in sorted(self._added)}
        out = io.BytesIO()
        zipcopy.write(out, self.pkg.archive, replace, add)
        return out.getvalue()

