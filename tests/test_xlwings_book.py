"""The ribbon path: the same reader and writer logic through xlwings' object model."""

from __future__ import annotations

import datetime as dt
import inspect
import shutil

import openpyxl
import pytest
import xlwings as xw
import xlwings.main as xwm
from fake_xlwings import FakeBook
from workbook_helpers import WORKBOOKS

from sbt_xl.excel import ribbon
from sbt_xl.validate import validate_file
from sbt_xl.workbook.template.layout import FINDINGS_SHEET

DAY = dt.date(2026, 11, 22)


def _contents(wb) -> dict:
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    out[ws.title, c.coordinate] = c.value
                if c.comment:
                    out[ws.title, c.coordinate, "note"] = c.comment.text
    return out


@pytest.mark.parametrize("example, lang", [("example_errors_en.xlsx", "en"),
                                           ("example_cement_ja.xlsx", "ja")])
def test_xlwings_path_writes_what_the_file_path_writes(tmp_path, example, lang):
    src = tmp_path / example
    shutil.copy(WORKBOOKS / example, src)
    headless = tmp_path / "headless.xlsx"
    file_report = validate_file(src, "v5", lang=lang, out=headless, when=DAY)

    book = FakeBook(openpyxl.load_workbook(src), example)
    report = ribbon.run_on_book(book, "v5", lang, when=DAY)
    assert [f.as_dict(lang) for f in report.findings] == \
        [f.as_dict(lang) for f in file_report.findings]
    assert _contents(book.wb) == _contents(openpyxl.load_workbook(headless))
    assert book.wb.sheetnames[-1] == FINDINGS_SHEET


def test_xlwings_path_is_idempotent(tmp_path):
    book = FakeBook(openpyxl.load_workbook(WORKBOOKS / "example_errors_en.xlsx"))
    ribbon.run_on_book(book, "v5", "en", when=DAY)
    once = _contents(book.wb)
    ribbon.run_on_book(book, "v5", "en", when=DAY)
    assert _contents(book.wb) == once


def test_error_cells_read_through_xlwings(tmp_path):
    wb = openpyxl.load_workbook(WORKBOOKS / "example_pass_en.xlsx")
    wb["Inventory"]["C6"].value = "#DIV/0!"  # what err_to_str=True gives for an error cell
    report = ribbon.run_on_book(FakeBook(wb), "v5", "en", when=DAY)
    assert [(f.rule, f.address) for f in report.findings] == [("INPUT-ERROR", "'Inventory'!C6")]


def test_the_add_in_is_not_the_book_checked():
    class Caller:
        name = "sbt_xl.xlam"

    class Active:
        name = "submission.xlsx"

    fake_xw = type("xw", (), {"Book": type("B", (), {"caller": staticmethod(Caller)}),
                              "books": type("Books", (), {"active": Active()})})
    assert ribbon.target_book(fake_xw).name == "submission.xlsx"


def test_main_reports_in_a_message_box_never_a_traceback(monkeypatch):
    shown = []

    class App:
        def alert(self, prompt, title=None, **kw):
            shown.append((prompt, title))

    class Broken:
        name = "broken.xlsx"
        app = App()

        @property
        def names(self):
            raise RuntimeError("COM went away")

    monkeypatch.setattr(ribbon, "target_book", lambda xw: Broken())
    monkeypatch.setenv("SBT_XL_LANG", "ja")
    ribbon.main()
    assert shown and "予期しないエラー" in shown[0][0] and shown[0][1] == "sbt-xl"
    text = shown[0][0]
    assert "\n" not in text and "COM went away" in text
    log = text.rsplit("詳細: ", 1)[1]  # the traceback is in the log the message names
    with open(log, encoding="utf-8") as fh:
        assert "Traceback" in fh.read()


# --- the members the back end uses exist on xlwings' own classes ---------------------------

USED = {
    xw.Book: ["names", "sheets", "name", "app"],
    xwm.Names: ["add", "__iter__"],
    xwm.Name: ["name", "refers_to"],
    xw.Sheet: ["name", "range", "delete", "clear"],
    xwm.Sheets: ["add", "__getitem__", "__len__", "__iter__"],
    xw.Range: ["value", "options", "merge_cells", "merge_area", "color", "wrap_text", "note",
               "add_note", "column_width", "font", "address"],
    xwm.Note: ["text", "delete"],
    xwm.Font: ["bold"],
    xw.App: ["alert"],
}


@pytest.mark.parametrize("cls", list(USED), ids=lambda c: c.__name__)
def test_members_used_exist_in_xlwings(cls):
    missing = [m for m in USED[cls] if not hasattr(cls, m)]
    assert not missing, f"{cls.__name__} lacks {missing}"


def test_signatures_used_match_xlwings():
    assert "after" in inspect.signature(xwm.Sheets.add).parameters
    assert "err_to_str" in inspect.getsource(xwm.Range.options) or \
        "err_to_str" in inspect.getsource(xwm)
    assert list(inspect.signature(xw.Range.add_note).parameters) == ["self", "text"]
    assert "title" in inspect.signature(xw.App.alert).parameters
    assert list(inspect.signature(xwm.Names.add).parameters)[:3] == ["self", "name",
                                                                     "refers_to"]
    assert inspect.getattr_static(xwm.Name, "refers_to").fset is not None
    assert isinstance(inspect.getattr_static(xw.Range, "color"), property)
    assert inspect.getattr_static(xw.Range, "color").fset is not None
