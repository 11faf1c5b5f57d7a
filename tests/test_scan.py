"""The roll-up's scanner (:mod:`sbt_xl.workbook.read.scan`) reads what the full reader reads
(python-calamine), or says it cannot and the full reader is used: compared on the shipped
workbooks, on copies LibreOffice saved (shared strings, its own attribute order), and on
workbooks written by hand with every kind of cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lo_helpers
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.group.entity import FIELDS_READ, read_entity
from sbt_xl.workbook.template.layout import FIELDS, fields_by_key
from sbt_xl.workbook.ooxml.package import open_package, open_zip
from sbt_xl.workbook.read.reader import FileSource, parse
from sbt_xl.workbook.read.scan import NotScannable, ScanSource, read_with

SHIPPED = sorted(WORKBOOKS.glob("*.xlsx")) + sorted(
    (Path(__file__).parent / "data").glob("template_v*/*.xlsx"))


def read_fields(path: str, fields) -> tuple:
    """The raw cells and layout version, scanned or read with the full reader."""
    return read_with(path, lambda _, source: (source.read(fields), source.layout_version))


def full_read(path: Path, fields=FIELDS):
    source = FileSource(open_package(path, well_formed=False))
    return parse(source.read(fields), fields, source.layout_version)


def scanned(path: Path, fields=FIELDS):
    source = ScanSource(open_zip(path))
    return parse(source.read(fields), fields, source.layout_version)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_workbooks_scan_like_the_full_reader(path):
    expected = full_read(path)
    assert scanned(path) == expected
    if path.name.startswith("example_") and "formulas" not in path.name:  # not all blank
        assert sum(v is not None for v in expected[0].values.values()) > 40


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("lo")
    return lo_helpers.convert(SHIPPED[:6], "xlsx:Calc MS Excel 2007 XML", tmp / "out",
                              tmp / "profile")


def test_workbooks_saved_by_libreoffice_scan_like_the_full_reader(saved_by_libreoffice):
    for path in saved_by_libreoffice:
        with zipfile.ZipFile(path) as z:
            assert "xl/sharedStrings.xml" in z.namelist()  # strings are shared here
        assert scanned(path) == full_read(path), path.name


# --- workbooks written by hand ------------------------------------------------------------

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
#: (field key, cell, cell XML after ``<c r="…"``); shared strings are listed below.
CELLS = [
    ("company.name", "C1", ' t="s"><v>0</v></c>'),                      # rich text + furigana
    ("entity.name", "C2", ' t="inlineStr"><is><t>A&amp;B &#x41;&#66; &lt;x&gt;</t></is></c>'),
    ("inventory.base.scope1", "C3", ' s="1"><v>1234.5</v></c>'),          # a plain format
    ("inventory.base.scope2_location", "C4", ' t="b"><v>1</v></c>'),
    ("inventory.base.scope2_market", "C5", ' t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
    ("inventory.recent.scope2_location", "C6", ' t="str"><f>"12,000"</f><v>12,000</v></c>'),
    ("entity.code", "C7", ' s="1"/>'),                                   # styled, empty
    ("entity.parent", "C9", ' t="s"><v>1</v></c>'),                       # inside B9:C9
    ("entity.financial_control", "C10", ' t="s"><v>2</v></c>'),
    ("inventory.base.year", "C11", "><v>2021</v></c>"),
]
SHARED = [
    '<si><r><t>株式会社</t></r><r><rPr><b/></rPr><t xml:space="preserve"> A&amp;B</t></r>'
    '<rPh sb="0" eb="4"><t>カブシキガイシャ</t></rPh><phoneticPr fontId="0"/></si>',
    "<si><t>P1</t></si>",
    "<si><t>joint</t></si>",
]
DATE_TIME_CELL = ("inventory.recent.scope1", "C12", ' s="2"><v>45000.5</v></c>')


#: A field whose defined name points at a sheet the workbook does not have.
BROKEN = "inventory.recent.scope2_market"


def _fields(cells) -> tuple:
    by_key = fields_by_key()
    return tuple(by_key[k] for k, _, _ in cells) + (by_key[BROKEN],)


def hand_written(path: Path, cells=CELLS, *, sheet_xml=None, shared=SHARED) -> Path:
    """A minimal workbook: one sheet *Company* with ``cells``, their defined names (and one
    to a sheet that is not there), shared strings and a date format (s=2)."""
    names = "".join(f'<definedName name="{fields_by_key()[k].name}">\'Company\'!${c[0]}'
                    f"${c[1:]}</definedName>" for k, c, _ in cells)
    names += f'<definedName name="{fields_by_key()[BROKEN].name}">\'Gone\'!$C$1</definedName>'
    names += '<definedName name="_xlnm.Print_Titles" localSheetId="0">\'Company\'!$1:$1' \
             "</definedName>"
    rows: dict[int, list[str]] = {}
    for _, c, xml in cells:
        rows.setdefault(int(c[1:]), []).append(f'<c r="{c}"{xml}')
    data = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    sheet = sheet_xml or (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          f'<worksheet xmlns="{M}" xmlns:r="{R}"><sheetData>{data}</sheetData>'
                          '<mergeCells count="1"><mergeCell ref="B9:C9"/></mergeCells>'
                          "</worksheet>")
    parts = {
        "[Content_Types].xml":
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels":
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{R}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="Company" sheetId="1" '
            f'r:id="rId1"/></sheets><definedNames>{names}</definedNames></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{R}/styles" Target="styles.xml"/>'
            "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml":
            f'<sst xmlns="{M}" count="{len(shared)}" uniqueCount="{len(shared)}">'
            f'{"".join(shared)}</sst>',
        "xl/styles.xml":
            f'<styleSheet xmlns="{M}"><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="#,##0&quot; t&quot;"/></numFmts><fonts count="1"><font><sz val="11"/>'
            '</font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill>'
            '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf '
            'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs '
            'count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf '
            'numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/></cellXfs></styleSheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path


def test_every_kind_of_cell_scans_like_the_full_reader(tmp_path):
    path = hand_written(tmp_path / "cells.xlsx")
    fields = _fields(CELLS)
    sub, findings = scanned(path, fields)  # scanned, not handed over to the full reader
    assert (sub, findings) == full_read(path, fields)
    v = sub.values
    assert v["company.name"] == "株式会社 A&B"          # runs joined, furigana left out
    assert v["entity.name"] == "A&B AB <x>"
    assert v["inventory.base.scope1"] == 1234.5 and v["inventory.base.year"] == 2021
    assert v["entity.financial_control"] == "joint"
    rules = {(f.field, f.code) for f in findings}
    assert ("inventory.base.scope2_location", "input_not_number") in rules   # TRUE
    assert ("inventory.base.scope2_market", "excel_error") in rules          # #DIV/0!
    assert ("inventory.recent.scope2_location", "input_text_in_formula") in rules
    assert ("entity.parent", "input_merged") in rules
    assert (BROKEN, "input_broken_name") in rules


ODD = {
    "a date with a time of day": dict(cells=[*CELLS[:-1], DATE_TIME_CELL]),
    "a number as Excel does not write it": dict(cells=[
        ("inventory.base.scope1", "C3", "><v>1_000</v></c>"), *CELLS[3:]]),
    "an _x000D_ escape": dict(shared=[*SHARED[:2], "<si><t>jo_x000D_int</t></si>"]),
    "a carriage return": dict(shared=[*SHARED[:2], "<si><t>jo\r\nint</t></si>"]),
    "a prefixed sheet": dict(sheet_xml=f'<x:worksheet xmlns:x="{M}"><x:sheetData><x:row r="1">'
                                       '<x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row>'
                                       "</x:sheetData></x:worksheet>"),
    "a cell without its reference": dict(sheet_xml=f'<worksheet xmlns="{M}"><sheetData>'
                                                   '<row r="1"><c t="s"><v>0</v></c></row>'
                                                   "</sheetData></worksheet>"),
    "a comment among the rows": dict(sheet_xml=f'<worksheet xmlns="{M}"><sheetData>'
                                               '<row r="1"><c r="C1" t="s"><v>0</v></c></row>'
                                               '<!-- <row r="3"> --><row r="2"/>'
                                               "</sheetData></worksheet>"),
    "rows out of order": dict(sheet_xml=f'<worksheet xmlns="{M}"><sheetData><row r="2"/>'
                                        '<row r="1"><c r="C1" t="s"><v>0</v></c></row>'
                                        "</sheetData></worksheet>"),
    "a single-quoted attribute": dict(sheet_xml=f'<worksheet xmlns="{M}"><sheetData>'
                                                "<row r=\"1\"><c r=\"C1\" t='s'><v>0</v></c>"
                                                "</row></sheetData></worksheet>"),
}


@pytest.mark.parametrize("odd", ODD, ids=list(ODD))
def test_what_the_scanner_cannot_read_goes_to_the_full_reader(tmp_path, odd):
    path = hand_written(tmp_path / "odd.xlsx", **ODD[odd])
    fields = _fields(ODD[odd].get("cells", CELLS))
    with pytest.raises(NotScannable):
        scanned(path, fields)
    raw, version = read_fields(str(path), fields)
    assert parse(raw, fields, version) == full_read(path, fields)


#: Number formats x serial numbers: dates, times, elapsed times, Excel's phantom 1900-02-29.
DATE_FORMATS = ("yyyy-mm-dd", "h:mm", "yyyy-mm-dd h:mm", "[h]:mm:ss", "mm:ss", "d-mmm",
                'yyyy"年"m"月"d"日"', "General", "0.00", "[$-411]ge.m.d", 14, 22, 46)
SERIALS = (1, 59, 60, 61, 45000, 45000.5, 0.25, -1, 2958465, 2958466)


@pytest.mark.parametrize("date1904", [False, True])
def test_numbers_in_date_formats_scan_like_the_full_reader(tmp_path, date1904):
    """Whole serial numbers in a date format are dates, as python-calamine reads them; a
    time of day, an elapsed time, a day before March 1900 or a 1904 workbook go to the full
    reader (every cell either equal, type and all, or NotScannable)."""
    import openpyxl
    from openpyxl.styles.numbers import BUILTIN_FORMATS
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904 if date1904 else wb.epoch
    ws = wb.active
    for r, serial in enumerate(SERIALS, 1):
        for c, fmt in enumerate(DATE_FORMATS, 1):
            ws.cell(r, c, serial).number_format = BUILTIN_FORMATS.get(fmt, fmt)
    path = tmp_path / "dates.xlsx"
    wb.save(path)
    full, scan = FileSource(open_package(path)), ScanSource(open_zip(path))
    scanned_dates = 0
    for r in range(1, len(SERIALS) + 1):
        for c in range(1, len(DATE_FORMATS) + 1):
            ref = f"{chr(64 + c)}{r}"
            expected = full.read_cell(ws.title, ref).value
            try:
                got = scan.read_cell(ws.title, ref).value
            except NotScannable:
                continue
            assert (got, type(got)) == (expected, type(expected)), ref
            scanned_dates += type(got).__name__ == "date"
    # 9 plain date or time formats x the 3 whole serials from day 61 to 9999-12-31
    assert scanned_dates == (0 if date1904 else 9 * 3)

    """A DTD in a part the scanner reads is refused with the same error, naming the part."""
    from sbt_xl.errors import SbtError
    path = hand_written(tmp_path / "dtd.xlsx", sheet_xml='<?xml version="1.0"?><!DOCTYPE x '
                        '[<!ENTITY a "aaaa">]><worksheet xmlns="%s"><sheetData/></worksheet>' % M)
    with pytest.raises(SbtError) as err:
        read_fields(str(path), FIELDS_READ)
    assert err.value.code == "xml_dtd" and "sheet1.xml" in err.value.message("en")
    entity = read_entity(str(path))
    assert not entity.readable and "sheet1.xml" in entity.problems[0].message("en")


def test_a_template_copy_is_read_by_the_scanner(tmp_path, monkeypatch):
    """The roll-up's files (copies of the template) take the scanner's way, not the
    fallback: the full reader is never opened for them."""
    from workbook_helpers import make_workbook

    from sbt_xl.workbook.read import scan
    path = make_workbook(tmp_path)
    monkeypatch.setattr(scan, "open_package", lambda *a, **k: pytest.fail("fell back"))
    entity = read_entity(str(path))
    assert entity.readable and entity.base.scope1 is not None


def test_what_is_remembered_per_template_never_crosses_files(tmp_path):
    """Copies of one template share what their workbook.xml says; a workbook whose name
    was moved (a user inserted a row) is read through its own names, in the same process."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    from workbook_helpers import make_workbook

    name = fields_by_key()["inventory.base.scope1"].name
    a = make_workbook(tmp_path, {"inventory.base.scope1": 1111}, name="a.xlsx")
    b = make_workbook(tmp_path, {"inventory.base.scope1": 2222}, name="b.xlsx")
    wb = openpyxl.load_workbook(b)
    sheet, cell = next(iter(wb.defined_names[name].destinations))
    wb[sheet]["H40"] = 3333
    wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!$H$40")
    moved = tmp_path / "moved.xlsx"
    wb.save(moved)
    got = [read_entity(str(p)).base.scope1 for p in (a, moved, b, a, moved)]
    assert got == [1111, 3333, 2222, 1111, 3333]
