"""Findings written back: beside each field, nothing the user typed lost, idempotent."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from workbook_helpers import WORKBOOKS

from sbt_xl.errors import SbtError
from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.layout import FIELDS, FINDINGS_NAME, FINDINGS_SHEET, fields_by_key
from sbt_xl.workbook.write.writeback import NOTE_TAG

DAY = dt.date(2026, 11, 22)


def _owned_cells(wb) -> set[tuple[str, str]]:
    """Cells sbt-xl writes: check cells and the verdict values."""
    out = set()
    for name, dn in wb.defined_names.items():
        if name.startswith("SBT_check_"):
            sheet, cell = next(iter(dn.destinations))
            out.add((sheet, cell.replace("$", "")))
    out |= {("Instructions", f"B{r}") for r in range(2, 8)}
    return out


def snapshot(path: Path) -> dict:
    """Everything a user may have put in the workbook, except sbt-xl's own cells."""
    wb = openpyxl.load_workbook(path)
    owned = _owned_cells(wb)
    cells, styles, notes, dvs = {}, {}, {}, {}
    for ws in wb.worksheets:
        if ws.title == FINDINGS_SHEET:
            continue
        for row in ws.iter_rows():
            for c in row:
                if (ws.title, c.coordinate) in owned:
                    continue
                if c.value is not None:
                    cells[ws.title, c.coordinate] = c.value
                styles[ws.title, c.coordinate] = (c.number_format, c.font.b, c.style,
                                                  c.fill.fgColor.rgb, c.protection.locked)
                if c.comment and not c.comment.text.startswith(NOTE_TAG):
                    notes[ws.title, c.coordinate] = c.comment.text
        dvs[ws.title] = sorted((dv.type, dv.formula1, dv.formula2, str(dv.sqref))
                               for dv in ws.data_validations.dataValidation)
    names = {n: d.attr_text for n, d in wb.defined_names.items() if n != FINDINGS_NAME}
    return {"sheets": [s for s in wb.sheetnames if s != FINDINGS_SHEET], "cells": cells,
            "styles": styles, "notes": notes, "validations": dvs, "names": names,
            "freeze": {ws.title: ws.freeze_panes for ws in wb.worksheets
                       if ws.title != FINDINGS_SHEET}}


@pytest.fixture
def errors_copy(tmp_path) -> Path:
    path = tmp_path / "errors.xlsx"
    shutil.copy(WORKBOOKS / "example_errors_en.xlsx", path)
    wb = openpyxl.load_workbook(path)  # a user's own note, an extra sheet and a formula
    wb["Targets"]["F5"].comment = Comment("Board approved 30 %", "Hanako")
    wb["Company"]["C10"].comment = Comment("Legal name as registered", "Taro")
    extra = wb.create_sheet("My workings")
    extra["A1"], extra["B1"] = 5, "=A1*2"
    wb.save(path)
    return path


def test_round_trip_keeps_everything_the_user_typed(errors_copy, tmp_path):
    before = snapshot(errors_copy)
    out = tmp_path / "checked.xlsx"
    report = validate_file(errors_copy, "v5", out=out, when=DAY)
    assert report.errors > 0
    after = snapshot(out)
    for part in before:
        assert after[part] == before[part], part
    wb = openpyxl.load_workbook(out)
    assert wb["My workings"]["B1"].value == "=A1*2"


def test_findings_beside_fields_in_notes_and_on_the_findings_sheet(errors_copy, tmp_path):
    out = tmp_path / "checked.xlsx"
    report = validate_file(errors_copy, "v5", lang="ja", out=out, when=DAY)
    wb = openpyxl.load_workbook(out)
    target_year = fields_by_key()["targets.1.target_year"]
    # the check cell names the rules and where their messages are; the messages are
    # whole in its note, the input cell's note and on the Findings sheet
    year_finding = next(f for f in report.findings if f.rule == "TARGET-YEAR")
    message = year_finding.message("ja")
    assert "申請" in message  # the Japanese message, whole
    check = wb["Targets"][target_year.status_cell]
    assert check.value.startswith("✖") and "TARGET-YEAR" in check.value
    assert "Findings" in check.value and message not in check.value
    assert check.comment.text.startswith(NOTE_TAG) and message in check.comment.text
    note = wb["Targets"]["E5"].comment
    assert note.text.startswith(NOTE_TAG) and message in note.text
    assert wb["Targets"]["F5"].comment.text == "Board approved 30 %"  # the user's, kept
    assert wb["Company"]["D10"].value == "✔"  # company name row: fine
    rows = list(wb[FINDINGS_SHEET].iter_rows(values_only=True))
    assert rows[0][0] == "ルール" and len(rows) == 1 + len(report.findings)
    assert {r[0] for r in rows[1:]} == {f.rule for f in report.findings}
    link, shown = next((r[3], r[4]) for r in rows[1:] if r[0] == "TARGET-YEAR")
    assert shown == message
    assert link == """=HYPERLINK("#'Targets'!E5","'Targets'!E5")"""
    verdict = [wb["Instructions"][f"B{r}"].value for r in range(2, 8)]
    assert verdict[0].startswith("✖") and verdict[1] == report.errors
    assert verdict[2:] == [report.warnings, "v5", "2026-11-22", "sbt-xl 0.2.0"]


def test_second_validation_gives_the_same_file(errors_copy, tmp_path):
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    validate_file(errors_copy, "v5", out=first, when=DAY)
    validate_file(first, "v5", out=second, when=DAY)
    assert first.read_bytes() == second.read_bytes()


def test_fixing_the_input_clears_the_finding(errors_copy, tmp_path):
    validate_file(errors_copy, "v5", out=errors_copy, when=DAY)
    wb = openpyxl.load_workbook(errors_copy)
    wb["Targets"]["E5"].value = 2033
    wb.save(errors_copy)
    validate_file(errors_copy, "v5", out=errors_copy, when=DAY)
    wb = openpyxl.load_workbook(errors_copy)
    check = fields_by_key()["targets.1.target_year"].status_cell
    assert "TARGET-YEAR" not in (wb["Targets"][check].value or "")
    assert "TARGET-YEAR" not in wb["Targets"][check].comment.text  # AMBITION-S12 stays
    assert wb["Targets"]["E5"].comment is None


def test_xlsm_keeps_its_macros(tmp_path):
    import xlwings
    src = Path(xlwings.__file__).parent / "quickstart.xlsm"
    path = tmp_path / "book.xlsm"
    shutil.copy(src, path)
    validate_file(path, "v5", out=path, when=DAY)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(path) as b:
        assert b.read("xl/vbaProject.bin") == a.read("xl/vbaProject.bin")
    assert FINDINGS_SHEET in openpyxl.load_workbook(path, keep_vba=True).sheetnames


def test_refuses_a_workbook_open_in_excel(errors_copy):
    lock = errors_copy.with_name("~$" + errors_copy.name)
    lock.write_bytes(b"")
    before = errors_copy.read_bytes()
    with pytest.raises(SbtError) as err:
        validate_file(errors_copy, out=errors_copy)
    assert "~$errors.xlsx" in err.value.message("en") and "Excel" in err.value.message("ja")
    assert errors_copy.read_bytes() == before


def test_refuses_a_read_only_workbook(errors_copy):
    """By its mode bits, so also when run as root (who may write anything)."""
    errors_copy.chmod(0o444)
    with pytest.raises(SbtError, match="read-only"):
        validate_file(errors_copy, out=errors_copy)


def test_read_only_check_without_root(errors_copy, monkeypatch):
    """The same refusal as above, made testable as root by asking os.access."""
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == errors_copy
                        and m == os.W_OK else real(p, m))
    with pytest.raises(SbtError) as err:
        validate_file(errors_copy, out=errors_copy)
    assert err.value.code == "workbook_read_only"


def test_no_temporary_files_left_behind(errors_copy):
    validate_file(errors_copy, out=errors_copy, when=DAY)
    assert sorted(p.name for p in errors_copy.parent.iterdir()) == ["errors.xlsx"]


def test_every_field_row_gets_a_check_cell(tmp_path):
    out = tmp_path / "pass.xlsx"
    validate_file(WORKBOOKS / "example_pass_en.xlsx", out=out, when=DAY)
    wb = openpyxl.load_workbook(out)
    filled = {f.status_name for f in FIELDS
              if f.sheet == "Company" and PASSING.get(f.key) is not None}
    for name in filled:
        sheet, cell = next(iter(wb.defined_names[name].destinations))
        assert wb[sheet][cell.replace("$", "")].value == "✔", name


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_checked_input_rows_stay_at_most_three_lines(errors_copy, tmp_path, lang):
    """Long messages do not blow rows up: every row holding a field prints at most three
    lines tall in the checked copy, and every finding's message is whole on the Findings
    sheet (the check cell holds a short text when the messages would not fit)."""
    out = tmp_path / "checked.xlsx"
    report = validate_file(errors_copy, "v5", lang=lang, out=out, when=DAY)
    assert report.errors > 5
    wb = openpyxl.load_workbook(out)
    limit = 18 + 2 * 16  # a first line of 18 pt, two more of 16 (docs/design.md)
    for f in FIELDS:
        ws = wb[f.sheet]
        row = ws[f.cell].row
        height = ws.row_dimensions[row].height or ws.sheet_format.defaultRowHeight
        assert height <= limit, (f.sheet, row, height, ws[f.status_cell].value)
    shown = [r[4] for r in wb[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert sorted(shown) == sorted(f.message(lang) for f in report.findings)


def test_check_text_short_when_the_messages_do_not_fit():
    from sbt_xl.model.findings import Finding, Severity
    from sbt_xl.workbook.write.writeback import check_text

    short = Finding("TARGET-YEAR", Severity.ERROR, "targets.1.target_year", "blank",
                    {"field": "Target year"})
    assert "blank; a value is required" in short.message("en")
    assert check_text([short], "en", 28, "Findings") == f"✖ TARGET-YEAR: {short.message('en')}"
    long = Finding("INPUT-TYPE", Severity.ERROR, "targets.1.base_year", "not_a_year",
                   {"field": "Target 1: Base year of the target, as typed in the form",
                    "value": "twenty twenty-three (the board's year)"})
    text = check_text([long], "en", 28, "Findings")
    assert text.startswith("✖ INPUT-TYPE: Target 1: Base") and text.endswith(
        "… → note, Findings sheet") and len(text) < len(long.message("en"))
    many = [long, *(Finding(f"RULE-{i}", Severity.WARNING, "x", "blank", {"field": "x"})
                    for i in range(6))]
    text = check_text(many, "ja", 28, "Findings")
    assert text.startswith("✖ INPUT-TYPE") and "+" in text and text.endswith("Findings シート")
