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
