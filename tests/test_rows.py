"""Rows written as XML in place of a prototype row (:mod:`sbt_xl.workbook.ooxml.rows`) read back
in openpyxl and LibreOffice as the values and formats they were given."""

from __future__ import annotations

import io
import zipfile

import lo_helpers
import openpyxl
import pytest
from openpyxl.styles import Font

from sbt_xl.workbook.ooxml.rows import replace_row, row_styles, rows_xml
from sbt_xl.workbook.write.writeback import Formula

ROWS = [
    ["A&B <Co> \"quoted\"", 0.25, 1234567.5, True, Formula('HYPERLINK("a b.xlsx","a b.xlsx")',
                                                            "a b.xlsx")],
    ["株式会社 テスト", 1.0, None, False, Formula("C2*2", 2469135.0)],
    ["tab\there, bell\x07", 0.0, -12.0, None, ""],
]


def _write(path, rows=ROWS) -> None:
    """A sheet with a header, a styled prototype row 2 and a total in row 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T"
    ws.append(["Name", "Share", "Amount", "Flag", "Link"])
    ws.cell(2, 2).number_format = "0.0%"
    ws.cell(2, 3).number_format = "#,##0"
    ws.cell(2, 5).font = Font(underline="single")
    ws.cell(6, 1, "Total")
    ws.cell(6, 3, "=SUM(C2:C5)")
    raw = io.BytesIO()
    wb.save(raw)
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = replace_row(data, 2, rows_xml(rows, 2, row_styles(data, 2)))
            z.writestr(info, data)


def test_values_types_and_formats_read_back_in_openpyxl(tmp_path):
    path = tmp_path / "rows.xlsx"
    _write(path)
    ws = openpyxl.load_workbook(path)["T"]
    shown = openpyxl.load_workbook(path, data_only=True)["T"]
    assert ws["A2"].value == 'A&B <Co> "quoted"' and ws["A3"].value == "株式会社 テスト"
    assert ws["A4"].value == "tab\there, bell_x0007_"  # no XML-illegal character written
    assert [ws.cell(r, 2).value for r in (2, 3, 4)] == [0.25, 1.0, 0.0]
    assert ws["C2"].value == 1234567.5 and ws["C3"].value is None and ws["C4"].value == -12
    assert ws["D2"].value is True and ws["D3"].value is False
    assert ws["E3"].value == "=C2*2" and shown["E3"].value == 2469135.0
    assert shown["E2"].value == "a b.xlsx"
    for r in (2, 3, 4):  # every row in the prototype's formats
        assert ws.cell(r, 2).number_format == "0.0%"
        assert ws.cell(r, 3).number_format == "#,##0"
        assert ws.cell(r, 5).font.underline == "single"
    assert ws["A6"].value == "Total" and ws.max_row == 6


def test_libreoffice_reads_and_sums_the_written_rows(tmp_path):
    lo_helpers.require()
    path = tmp_path / "rows.xlsx"
    _write(path)
    (out,) = lo_helpers.convert([path], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo",
                                tmp_path / "profile")
    ws = openpyxl.load_workbook(out, data_only=True)["T"]
    assert ws["C6"].value == pytest.approx(1234567.5 - 12)   # its SUM over the written rows
    assert ws["E2"].value == "a b.xlsx" and ws["E3"].value == pytest.approx(2469135.0)
    assert ws["A2"].value == 'A&B <Co> "quoted"' and ws["D2"].value is True


def test_the_prototype_row_must_be_there():
    with pytest.raises(ValueError):
        replace_row(b'<sheetData><row r="1"></row></sheetData>', 2, b"")


def test_text_and_numbers_read_back_exactly_through_the_reader(tmp_path):
    """What the reader (python-calamine, which decodes ``_xHHHH_``) reads is what was
    written: a literal ``_x0041_`` stays itself, control characters survive, and numpy
    numbers are written as numbers, not as their repr."""
    import numpy as np
    import python_calamine

    hostile = ["code_x0041_", "a\x01b\x1f", "_x005F_x0041_", "x_0041_ _xZZZZ_"]
    numbers = [np.float64(1.5), np.int64(7), 2020.0, 1e-7, -0.0]
    path = tmp_path / "rows.xlsx"
    _write(path, [hostile, numbers])
    raw = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"np." not in raw and b"float64" not in raw
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("T").to_python()
    assert rows[1][:4] == hostile
    assert rows[2][:5] == [1.5, 7.0, 2020.0, 1e-7, 0.0]


def test_one_encoder_for_lxml_cells_too():
    """The write-back's cell writer encodes text and numbers as the row writer does."""
    import numpy as np
    from lxml import etree

    from sbt_xl.workbook.ooxml import sheetxml
    from sbt_xl.workbook.ooxml.constants import M

    c = etree.Element(M + "c", r="A1")
    sheetxml.set_value(c, "code_x0041_\x02")
    assert "".join(c.itertext()) == "code_x005F_x0041__x0002_"
    sheetxml.set_value(c, np.float64(0.1) * 3)
    assert c.findtext(M + "v") == repr(0.1 * 3)
    sheetxml.set_value(c, float("nan"))
    assert c.get("t") == "e" and c.findtext(M + "v") == "#NUM!"
