"""Where a sheet's notes live in the package: its comments part and its VML drawing,
found through the sheet's relationships or added (with their relationships and content
types) when the first note is written. What goes inside them is :mod:`.notes`'s job."""

from __future__ import annotations

from collections.abc import Mapping

from sbt_xl.errors import SbtError
from sbt_xl.workbook.ooxml import notes
from sbt_xl.workbook.ooxml.constants import (
    COMMENTS_CONTENT_TYPE,
    COMMENTS_TYPE,
    NEW_COMMENTS,
    NEW_VML,
    VML_CONTENT_TYPE,
    VML_TYPE,
)
from sbt_xl.workbook.ooxml.edit import PackageEdit


def comments_part(edit: PackageEdit, sheet: str) -> str | None:
    part = edit.sheets[sheet].part
    return next((t for typ, t in edit.pkg.rels(part).values()
                 if typ == COMMENTS_TYPE and edit.pkg.exists(t)),
                None)


def read(edit: PackageEdit, sheet: str) -> dict[str, str]:
    """Cell → note text of ``sheet``."""
    part = comments_part(edit, sheet)
    return notes.read(edit.pkg.xml(part) if part else None)


def apply(edit: PackageEdit, changes: Mapping[str, Mapping[str, str | None]]) -> None:
    """Write the notes ``changes`` (sheet → cell → text, None deletes)."""
    for sheet, cells in changes.items():
        if not cells:
            continue
        part = edit.sheets[sheet].part
        comments = comments_part(edit, sheet)
        if comments is None and all(v is None for v in cells.values()):
            continue
        vml = vml_part(edit, sheet)
        try:
            drawing = edit.pkg.xml(vml)
        except SbtError:  # VML that is not XML (old Excel): notes on this sheet skipped
            continue
        if comments is None:
            comments = edit.new_part(NEW_COMMENTS, notes.new_comments())
            edit.add_rel(part, COMMENTS_TYPE, comments)
            edit.set_content_type(comments, COMMENTS_CONTENT_TYPE)
        notes.apply(edit.pkg.xml(comments), drawing, cells)
        edit.changed.update({comments, vml})


def vml_part(edit: PackageEdit, sheet: str) -> str:
    """The sheet's VML drawing (its ``legacyDrawing``), added when it has none."""
    part = edit.sheets[sheet].part
    rows = edit.rows(sheet)
    rid = rows.legacy_drawing()
    if rid is not None:
        target = edit.pkg.rels(part).get(rid, ("", ""))[1]
        if target and edit.pkg.exists(target):
            return target
    block = edit.sheet_names().index(sheet) + 1
    vml = edit.new_part(NEW_VML, notes.new_vml(block))
    rows.set_legacy_drawing(edit.add_rel(part, VML_TYPE, vml))
    edit.changed.add(part)
    edit.set_content_type(vml, VML_CONTENT_TYPE, default_ext="vml")
    return vml
