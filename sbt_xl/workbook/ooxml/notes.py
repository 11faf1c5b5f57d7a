"""Cell notes (Excel's legacy comments): a sheet's comments part and its VML drawing.

A sheet has at most one comments part, shared by the user's notes and sbt-xl's. The
writer removes and adds only the notes it is told to (its own, tagged ``[sbt-xl]``) and
the VML shapes anchored to those cells; every other note and shape stays as it is.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping

from lxml import etree

from sbt_xl.model import cells
from sbt_xl.workbook.ooxml.constants import NS, M
from sbt_xl.workbook.ooxml.xml import sub

AUTHOR = "sbt-xl"
V, O, X = ("{%s}" % NS[k] for k in ("v", "o", "x"))
_SHAPE_ID = re.compile(r"_x0000_s(\d+)")


def new_comments() -> etree._Element:
    root = etree.Element(M + "comments", nsmap={None: NS["m"]})
    sub(root, M + "authors")
    sub(root, M + "commentList")
    return root


#: The VML shape type of a cell note (Excel's text box, number 202).
NOTE_SHAPE_TYPE = "_x0000_t202"


def new_vml(block: int) -> etree._Element:
    """An empty VML drawing with the note shape type; ``block`` numbers its shape ids."""
    root = etree.Element("xml", nsmap={"v": NS["v"], "o": NS["o"], "x": NS["x"]})
    layout = sub(root, O + "shapelayout", {V + "ext": "edit"})
    sub(layout, O + "idmap", {V + "ext": "edit", "data": str(block)})
    st = sub(root, V + "shapetype", {"id": NOTE_SHAPE_TYPE, "coordsize": "21600,21600",
                                      O + "spt": "202", "path": "m,l,21600r21600,l21600,xe"})
    sub(st, V + "stroke", {"joinstyle": "miter"})
    sub(st, V + "path", {"gradientshapeok": "t", O + "connecttype": "rect"})
    return root


def read(comments: etree._Element | None) -> dict[str, str]:
    """Cell → note text."""
    if comments is None:
        return {}
    return {c.get("ref", ""): "".join(c.find("m:text", NS).itertext())
            for c in comments.iterfind("m:commentList/m:comment", NS)}


def _author_id(comments: etree._Element) -> int:
    authors = comments.find("m:authors", NS)
    for i, a in enumerate(authors):
        if a.text == AUTHOR:
            return i
    sub(authors, M + "author").text = AUTHOR
    return len(authors) - 1


def _order(ref: str) -> tuple[int, int]:
    return cells.index(ref)


def apply(comments: etree._Element, vml: etree._Element, changes: Mapping[str, str | None]
          ) -> None:
    """Replace the notes of the cells in ``changes`` (None deletes) in both parts."""
    clist = comments.find("m:commentList", NS)
    for c in list(clist):
        if c.get("ref") in changes:
            clist.remove(c)
    for shape in _note_shapes(vml):
        if _shape_cell(shape) in changes:
            shape.getparent().remove(shape)
    new = {ref: text for ref, text in changes.items() if text is not None}
    if not new:
        return
    author = str(_author_id(comments))
    for ref in sorted(new, key=_order):
        el = clist.makeelement(M + "comment", {"ref": ref, "authorId": author})
        t = sub(sub(sub(el, M + "text"), M + "r"), M + "t")
        t.text = new[ref]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        index = next((i for i, other in enumerate(clist)
                      if _order(other.get("ref", "A1")) > _order(ref)), len(clist))
        clist.insert(index, el)
    _add_shapes(vml, sorted(new, key=_order))


def _note_shapes(vml: etree._Element) -> list[etree._Element]:
    return [s for s in vml.iter(V + "shape")
            if (cd := s.find(X + "ClientData")) is not None and cd.get("ObjectType") == "Note"]


def _shape_cell(shape: etree._Element) -> str | None:
    cd = shape.find(X + "ClientData")
    row, col = cd.find(X + "Row"), cd.find(X + "Column")
    if row is None or col is None:
        return None
    return f"{cells.column_letter(int(col.text) + 1)}{int(row.text) + 1}"


def _add_shapes(vml: etree._Element, refs: list[str]) -> None:
    idmap = vml.find(f"{O}shapelayout/{O}idmap")
    block = int((idmap.get("data", "1") if idmap is not None else "1").split(",")[0])
    used = [int(m.group(1)) for s in vml.iter(V + "shape")
            if (m := _SHAPE_ID.fullmatch(s.get("id", "")))]
    next_id = max(used + [block * 1024])
    if not any(t.get("id") == NOTE_SHAPE_TYPE for t in vml.iter(V + "shapetype")):
        # a VML part Excel wrote for buttons or form controls defines other shape types:
        # the notes' own goes before the first shape that may use it
        first = vml.find(V + "shape")
        at = list(vml).index(first) if first is not None else len(vml)
        vml.insert(at, new_vml(block).find(V + "shapetype"))
    proto = None
    for ref in refs:
        next_id += 1
        if proto is None:
            shape = proto = _new_shape(vml)
        else:  # (a copy: a shape is a dozen elements, made the same way for every note)
            shape = copy.deepcopy(proto)
            vml.append(shape)
        _place(shape, next_id, ref)


def _new_shape(vml: etree._Element) -> etree._Element:
    """A hidden note shape appended to ``vml``, not yet placed (:func:`_place`)."""
    shape = sub(vml, V + "shape", {
        "id": "", "type": "#" + NOTE_SHAPE_TYPE,
        "style": "position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:270pt;"
                 "height:120pt;z-index:1;visibility:hidden",
        "fillcolor": "#ffffe1", O + "insetmode": "auto"})
    sub(shape, V + "fill", {"color2": "#ffffe1"})
    sub(shape, V + "shadow", {"on": "t", "color": "black", "obscured": "t"})
    sub(shape, V + "path", {O + "connecttype": "none"})
    box = sub(shape, V + "textbox", {"style": "mso-direction-alt:auto"})
    sub(box, "div", {"style": "text-align:left"})
    data = sub(shape, X + "ClientData", {"ObjectType": "Note"})
    sub(data, X + "MoveWithCells")
    sub(data, X + "SizeWithCells")
    sub(data, X + "Anchor")
    sub(data, X + "AutoFill").text = "False"
    sub(data, X + "Row")
    sub(data, X + "Column")
    return shape


def _place(shape: etree._Element, number: int, ref: str) -> None:
    """Give ``shape`` its id and anchor it to the cell ``ref``."""
    r, c = cells.index(ref)
    shape.set("id", f"_x0000_s{number}")
    data = shape[-1]
    data.find(X + "Anchor").text = f"{c + 1}, 15, {r}, 10, {c + 6}, 15, {r + 8}, 4"
    data.find(X + "Row").text = str(r)
    data.find(X + "Column").text = str(c)
