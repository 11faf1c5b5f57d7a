"""The ribbon's Consolidate button: the same roll-up written into the open group workbook
through xlwings' object model (a fake of it), equal to what the command line writes."""

from __future__ import annotations

import openpyxl
from fake_xlwings import FakeBook
from test_consolidate import TREE, _values, _write

from sbt_xl.cli import main
from sbt_xl.excel.consolidate import run_into_book
from sbt_xl.excel.xlwings_book import XlwingsBook, XlwingsSource
from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.layout import FIELDS
from sbt_xl.workbook.read.reader import read_submission
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly

CODES = ("H", "S1", "S2", "C1", "J1", "J1A", "A1", "N1")


def _folder(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    for code in CODES:
        assert code in TREE
        _write(folder, f"{code}.xlsx", _values(code))
    return folder


def _group_book(tmp_path, extra_sheet: str | None = None):
    """The group's own workbook: the template with the group's answers, no inventory."""
    values = {k: v for k, v in PASSING.items() if not k.startswith("inventory.")}
    values |= {"inventory.scope2_method": "market-based",
               "boundary.approach": "financial control"}
    wb = fill(build_template("en"), values, "en")
    if extra_sheet:
        wb.create_sheet(extra_sheet)["A1"] = "the user's own"
    path = tmp_path / "group.xlsx"
    save_reproducibly(wb, path)
    return path, FakeBook(openpyxl.load_workbook(path), "group.xlsx")


def test_the_button_writes_what_the_command_writes(tmp_path):
    folder = _folder(tmp_path)
    path, book = _group_book(tmp_path)
    group = run_into_book(XlwingsBook(book), XlwingsSource(book), str(path), str(folder),
                          workers=1)
    assert group.approach == "financial control"  # the group workbook's own answer
    book.wb.save(tmp_path / "after.xlsx")
    headless = tmp_path / "cli.xlsx"
    assert main(["consolidate", str(folder), "-o", str(headless),
                 "--approach", "financial"]) == 0
    a, b = read_submission(tmp_path / "after.xlsx")[0], read_submission(headless)[0]
    for f in FIELDS:
        if f.key.startswith("inventory.") and not f.key.endswith("_status") \
                and f.key != "inventory.scope2_method":
            assert a.get(f.key) == b.get(f.key), f.key
    assert a.get("company.name") == PASSING["company.name"]  # its own answers stay


def test_rerun_rewrites_its_own_sheets_and_leaves_the_users(tmp_path):
    folder = _folder(tmp_path)
    path, book = _group_book(tmp_path, extra_sheet="Entities")
    for _ in range(2):
        run_into_book(XlwingsBook(book), XlwingsSource(book), str(path), str(folder),
                      workers=1)
    names = book.wb.sheetnames
    assert names.count("Entities (sbt-xl)") == 1 and names.count("Problems") == 1
    assert book.wb["Entities"]["A1"].value == "the user's own"
    ws = book.wb["Entities (sbt-xl)"]
    codes = {ws.cell(r, 1).value for r in range(1, ws.max_row + 1)}
    assert set(CODES) <= codes


def test_the_buttons_sheets_are_the_commands(tmp_path):
    """Cell for cell, the Entities sheet (summary, every file's row with its state and
    reason, links relative to the group workbook, SUMPRODUCT totals) and the Problems sheet
    are what the command line writes: one roll-up, one layout, two writers."""
    folder = _folder(tmp_path)
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 an Excel 97 file")
    _write(folder, "nocode.xlsx", _values("S3", **{"entity.code": None}))
    path, book = _group_book(tmp_path)
    group = run_into_book(XlwingsBook(book), XlwingsSource(book), str(path), str(folder),
                          workers=1)
    headless = tmp_path / "cli.xlsx"
    assert main(["consolidate", str(folder), "-o", str(headless),
                 "--approach", "financial"]) == 1
    button, cli = book.wb["Entities"], openpyxl.load_workbook(headless)["Entities"]
    header = next(r for r in range(1, 20) if cli.cell(r, 1).value == "Entity code")
    total = next(r for r in range(header, cli.max_row + 1)
                 if str(cli.cell(r, 1).value).startswith("Group total"))
    assert total == header + len(CODES) + 2 + 1  # every file has a row, the .xls too

    def sheet(ws, last, cols):
        return [[ws.cell(r, c).value for c in range(1, cols + 1)] for r in range(1, last + 1)]
    assert sheet(button, total, 18) == sheet(cli, total, 18)
    assert str(button.cell(total, 9).value).startswith("=SUMPRODUCT($G$")
    assert button.cell(header + 1, 17).value.startswith('=HYPERLINK("subs/')
    problems = book.wb["Problems"]
    cli_problems = openpyxl.load_workbook(headless)["Problems"]
    assert sheet(problems, cli_problems.max_row, 5) == sheet(cli_problems, cli_problems.max_row, 5)
    assert len(group.problems) == cli_problems.max_row - 3 == 2


def test_the_buttons_entities_table_is_the_commands(tmp_path):
    """Row for row from the table's header to its total: the same entities, shares, links
    (relative to the group workbook) and SUMPRODUCT totals as the command line writes."""
    folder = _folder(tmp_path)
    path, book = _group_book(tmp_path)
    run_into_book(XlwingsBook(book), XlwingsSource(book), str(path), str(folder), workers=1)
    headless = tmp_path / "cli.xlsx"
    assert main(["consolidate", str(folder), "-o", str(headless),
                 "--approach", "financial"]) == 0
    button, cli = book.wb["Entities"], openpyxl.load_workbook(headless)["Entities"]
    header = next(r for r in range(1, 20) if cli.cell(r, 1).value == "Entity code")
    total = next(r for r in range(header, cli.max_row + 1)
                 if str(cli.cell(r, 1).value).startswith("Group total"))
    assert total == header + len(CODES) + 1

    def table(ws):
        return [[ws.cell(r, c).value for c in range(1, 18)] for r in range(header, total + 1)]
    assert table(button) == table(cli)
    assert str(button.cell(total, 9).value).startswith("=SUMPRODUCT($G$")
    assert button.cell(header + 1, 17).value.startswith('=HYPERLINK("subs/')
