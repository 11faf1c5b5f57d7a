"""Defining a name in a saved package: an existing definition (same name, same scope) is
replaced, never doubled, however the stored part writes it; a new one is added once."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from lxml import etree

from sbt_xl.workbook.ooxml.constants import NS
from sbt_xl.workbook.ooxml.edit import PackageEdit
from sbt_xl.workbook.ooxml.package import open_package

TITLES = "_xlnm.Print_Titles"


def _package(tmp_path, names: str, encoding: str = "utf-8"):
    wb = openpyxl.Workbook()
    wb.active.title = "S1"
    wb.create_sheet("S2")
    raw = io.BytesIO()
    wb.save(raw)
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                text = data.decode().replace("<definedNames/>",
                                             f"<definedNames>{names}</definedNames>")
                data = (f'<?xml version="1.0" encoding="{encoding}"?>' + text).encode(encoding)
            dst.writestr(info, data)
    return open_package(path)


def _defined(edit: PackageEdit) -> list[tuple[str | None, str | None, str | None]]:
    """(name, localSheetId, text) of every definedName, read from the saved bytes."""
    with zipfile.ZipFile(io.BytesIO(edit.to_bytes())) as z:
        root = etree.fromstring(z.read("xl/workbook.xml"))
    return [(d.get("name"), d.get("localSheetId"), d.text)
            for d in root.iterfind("m:definedNames/m:definedName", NS)]


@pytest.mark.parametrize("stored", [
    f'<definedName name="{TITLES}" localSheetId="1">S2!$2:$2</definedName>',
    f"<definedName localSheetId = '1' name='{TITLES}'>S2!$2:$2</definedName>",
    f'<definedName name="{TITLES}" localSheetId="&#49;">S2!$2:$2</definedName>',
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_sheets_name_is_replaced_however_it_is_written(tmp_path, stored, encoding):
    other = f'<definedName name="{TITLES}" localSheetId="0">S1!$1:$1</definedName>'
    edit = PackageEdit(_package(tmp_path, other + stored, encoding))
    edit.define_name(TITLES, "S2!$1:$1", "S2")
    assert sorted(_defined(edit)) == [(TITLES, "0", "S1!$1:$1"), (TITLES, "1", "S2!$1:$1")]


def test_names_new_to_the_file_are_added_once(tmp_path):
    edit = PackageEdit(_package(tmp_path, ""))
    for ref in ("S2!$1:$1", "S2!$3:$3"):
        edit.define_name(TITLES, ref, "S2")
        edit.define_name("SBT_x", ref.replace("S2", "S1"))
    assert sorted(_defined(edit)) == [("SBT_x", None, "S1!$3:$3"), (TITLES, "1", "S2!$3:$3")]


def test_a_workbook_name_is_replaced_and_a_sheet_name_of_the_same_name_kept(tmp_path):
    edit = PackageEdit(_package(
        tmp_path, '<definedName name="SBT_x" localSheetId="0">S1!$A$9</definedName>'
                  '<definedName name="SBT_x">S1!$A$1</definedName>'))
    edit.define_name("SBT_x", "S1!$A$2")
    assert sorted(_defined(edit), key=str) == [("SBT_x", "0", "S1!$A$9"),
                                               ("SBT_x", None, "S1!$A$2")]
