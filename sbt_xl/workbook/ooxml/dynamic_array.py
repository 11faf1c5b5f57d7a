"""Dynamic-array (spilling) formulas: the formula in its anchor cell, its results cached in
the cells it spills into, and the cell metadata part that marks it as one (``cm="1"``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sbt_xl.model.cells import offset
from sbt_xl.workbook.ooxml import sheetxml, xml
from sbt_xl.workbook.ooxml.constants import (
    DYNAMIC_ARRAY_NS,
    METADATA_CONTENT_TYPE,
    METADATA_TYPE,
    NEW_METADATA,
    NS,
)
from sbt_xl.workbook.ooxml.edit import PackageEdit

#: Excel's cell metadata for a dynamic-array (spilling) formula: cells carry cm="1".
DYNAMIC_ARRAY_METADATA = (
    f'<metadata xmlns="{NS["m"]}" '
    f'xmlns:xda="{DYNAMIC_ARRAY_NS}">'
    '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" '
    'copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" '
    'clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
    '<futureMetadata name="XLDAPR" count="1"><bk><extLst>'
    '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
    '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>'
    '</futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
    '</metadata>').encode()


def set_dynamic_array(edit: PackageEdit, sheet: str, anchor: str, formula: str,
                      values: Sequence[Sequence[Any]]) -> str:
    """A spilling formula in ``anchor`` with its results cached in the cells it spills
    into (so a reader without the add-in sees them); returns the spill range."""
    last = offset(anchor, rows=len(values) - 1, cols=len(values[0]) - 1)
    ref = f"{anchor}:{last}"
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            c = edit.cell(sheet, offset(anchor, rows=i, cols=j))
            if i == j == 0:
                sheetxml.set_formula(c, formula, v, array_ref=ref)
                c.set("cm", metadata_index(edit))
            else:
                sheetxml.set_result(c, v)
    return ref


def metadata_index(edit: PackageEdit) -> str:
    """The index (``cm``) of the dynamic-array cell metadata, added once."""
    wb = edit.pkg.workbook_part
    existing = edit.related(wb, METADATA_TYPE)
    if existing is None:
        part = edit.new_part(NEW_METADATA,
                             xml.parse(DYNAMIC_ARRAY_METADATA, "sbt-xl", "metadata"))
        edit.add_rel(wb, METADATA_TYPE, part)
        edit.set_content_type(part, METADATA_CONTENT_TYPE)
    elif edit.pkg.xml(existing).find("m:metadataTypes/m:metadataType", NS).get(
            "name") != "XLDAPR":
        raise ValueError(f"{existing}: cell metadata of another kind is not supported")
    return "1"
