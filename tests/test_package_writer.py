"""The write-back touches only what sbt-xl owns: every other part stays byte for byte.

A decorated workbook (chart, picture, x14 validation, sparklines, a user's sheet titled
Findings, user notes, custom XML, a VBA project) and every shipped workbook are validated
with ``-o`` and ``--in-place``; then each part is compared with the original.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from decorated import (
    AUDITOR_TEXT,
    CUSTOM_XML,
    USER_NOTE,
    canonical,
    make,
    raw_members,
    tree,
)
from lxml import etree
from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.validate import validate_file
from sbt_xl.workbook.template.layout import FINDINGS_NAME, FINDINGS_SHEET, fields_by_key
from sbt_xl.workbook.ooxml.package import open_package

DAY = dt.date(2026, 11, 22)
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS = {"m": M[1:-1], "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}


def _owned_cells(path: Path) -> dict[str, set[str]]:
    """Sheet part → the cells sbt-xl may write there (check cells, verdict values)."""
    pkg = open_package(path)
    by_title = {s.name: s.part for s in pkg.sheets}
    out: dict[str, set[str]] = {}
    for name, ref in pkg.defined_names.items():
        if name.startswith("SBT_check_") or name == "SBT_verdict":
            sheet, _, cell = ref.partition("!")
            sheet = sheet.strip("'")
            cell = cell.replace("$", "")
            cells = {cell} if name != "SBT_verdict" else {f"B{r}" for r in range(2, 8)}
            out.setdefault(by_title[sheet], set()).update(cells)
    return out


def _masked_sheet(data: bytes, owned: set[str]) -> bytes:
    """The sheet without what sbt-xl may change: its cells, row heights, dimension,
    the legacy drawing reference of its notes."""
    root = tree(data)
    for c in root.iter(M + "c"):
        if c.get("r") in owned:
            c.getparent().remove(c)
    for row in root.iter(M + "row"):
        for attr in ("ht", "customHeight", "spans"):
            row.attrib.pop(attr, None)
        if len(row) == 0:
            row.getparent().remove(row)
    for tag in ("dimension", "legacyDrawing"):
        for el in root.findall(M + tag):
            root.remove(el)
    return canonical(root)


def _list_is_prefix(before: etree._Element, after: etree._Element) -> None:
    old = [canonical(c) for c in before]
    assert [canonical(c) for c in after][:len(old)] == old


def assert_only_owned_changed(before: Path, after: Path) -> set[str]:
    """Every part sbt-xl does not own is byte-identical (compressed bytes too); the parts
    it edits keep every entry they had. Returns the names of the changed parts."""
    raw_a, raw_b = raw_members(before), raw_members(after)
    za, zb = zipfile.ZipFile(before), zipfile.ZipFile(after)
    assert set(raw_a) <= set(raw_b), "a part was dropped"
    owned = _owned_cells(before)
    pkg = open_package(after)
    ours = pkg.defined_names[FINDINGS_NAME].split("!")[0].strip("'")
    our_part = next(s.part for s in pkg.sheets if s.name == ours)
    changed = {n for n in raw_a if za.read(n) != zb.read(n)}
    for name in raw_a:
        a, b = za.read(name), zb.read(name)
        if name not in changed:
            assert raw_a[name] == raw_b[name], f"{name}: recompressed"
            continue
        if name in owned:
            assert _masked_sheet(a, owned[name]) == _masked_sheet(b, owned[name]), name
        elif name == our_part:
            pass  # sbt-xl's own findings sheet, rewritten whole
        elif name == "xl/styles.xml":
            ta, tb = tree(a), tree(b)
            for la in ta:
                lb = tb.find(la.tag)
                _list_is_prefix(la, lb)
                assert {k: v for k, v in la.attrib.items() if k != "count"} == \
                    {k: v for k, v in lb.attrib.items() if k != "count"}
        elif name.endswith(".rels"):
            old = {canonical(r) for r in tree(a)}
            assert old <= {canonical(r) for r in tree(b)}, name
        elif name == "[Content_Types].xml":
            old = {canonical(r) for r in tree(a)}
            assert old <= {canonical(r) for r in tree(b)}
        elif name == "xl/workbook.xml":
            ta, tb = tree(a), tree(b)
            sheets_a = [canonical(s) for s in ta.find(M + "sheets")]
            assert [canonical(s) for s in tb.find(M + "sheets")][:len(sheets_a)] == sheets_a
            names_a = {canonical(d) for d in ta.iter(M + "definedName")}
            assert names_a <= {canonical(d) for d in tb.iter(M + "definedName")}
            for t in (ta, tb):
                for tag in ("sheets", "definedNames"):
                    t.remove(t.find(M + tag))
            assert canonical(ta) == canonical(tb)
        elif "comments" in name or name.endswith(".vml"):
            pass  # checked through the notes below
        else:
            pytest.fail(f"{name} changed, but sbt-xl does not own it")
    return changed


def _user_notes(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets
            for row in ws.iter_rows() for c in row
            if c.comment and not c.comment.text.startswith("[sbt-xl]")}


@pytest.fixture(params=[False, True], ids=["xlsx", "xlsm"])
def decorated(request, tmp_path) -> Path:
    return make(tmp_path, macro=request.param)


def test_decorated_workbook_keeps_every_part_it_does_not_own(decorated, tmp_path):
    out = tmp_path / ("checked" + decorated.suffix)
    report = validate_file(decorated, "v5", out=out, when=DAY)
    assert report.errors > 0
    changed = assert_only_owned_changed(decorated, out)
    user_findings = next(r.part for r in open_package(decorated).sheets if r.name == "Findings")
    assert user_findings not in changed  # the user's own "Findings" sheet
    with zipfile.ZipFile(out) as z:
        assert z.read("customXml/item1.xml") == CUSTOM_XML
        assert b"x14:dataValidation" in z.read("xl/worksheets/sheet4.xml")
        assert b"x14:sparkline" in z.read("xl/worksheets/sheet4.xml")
        assert z.testzip() is None
    assert _user_notes(out) == _user_notes(decorated)
    assert _user_notes(out)[("Targets", "F5")] == USER_NOTE
    wb = openpyxl.load_workbook(out)
    assert wb["Findings"]["A1"].value == AUDITOR_TEXT
    assert wb.sheetnames[-1] == f"{FINDINGS_SHEET} (sbt-xl)"
    assert wb[f"{FINDINGS_SHEET} (sbt-xl)"]["A2"].value  # the findings are there


def test_in_place_and_rerun_change_nothing_more(decorated, tmp_path):
    copy = tmp_path / ("mine" + decorated.suffix)
    shutil.copy(decorated, copy)
    assert main(["validate", str(copy), "--in-place"]) == 1
    assert_only_owned_changed(decorated, copy)
    once = copy.read_bytes()
    assert main(["validate", str(copy), "--in-place"]) == 1
    assert copy.read_bytes() == once  # idempotent: no second findings sheet, same bytes
    assert openpyxl.load_workbook(copy).sheetnames.count(f"{FINDINGS_SHEET} (sbt-xl)") == 1


def test_vba_project_is_carried_over_raw(tmp_path):
    src = make(tmp_path, macro=True)
    out = tmp_path / "checked.xlsm"
    validate_file(src, "v5", out=out, when=DAY)
    assert raw_members(out)["xl/vbaProject.bin"] == raw_members(src)["xl/vbaProject.bin"]
    assert open_package(out).macro_enabled


@pytest.mark.parametrize("name", sorted(p.name for p in WORKBOOKS.glob("*.xlsx")))
def test_every_shipped_workbook(name, tmp_path):
    src = tmp_path / name
    shutil.copy(WORKBOOKS / name, src)
    out = tmp_path / ("checked-" + name)
    validate_file(src, "v5", out=out, when=DAY)
    assert_only_owned_changed(src, out)
    validate_file(out, "v5", out=tmp_path / "again.xlsx", when=DAY)
    assert (tmp_path / "again.xlsx").read_bytes() == out.read_bytes()


def test_a_user_text_in_a_check_cell_is_kept_and_reported(tmp_path):
    src = tmp_path / "book.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "example_errors_en.xlsx")
    check = fields_by_key()["targets.1.scope"].status_cell
    wb["Targets"][check] = "to discuss with the board"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    report = validate_file(src, "v5", out=out, when=DAY)
    taken = [f for f in report.findings if f.rule == "CHECK-CELL"]
    assert [(f.sheet, f.cell) for f in taken] == [("Targets", check)]
    assert "to discuss with the board" in taken[0].message("en")
    checked = openpyxl.load_workbook(out)
    assert checked["Targets"][check].value == "to discuss with the board"
    rules = [r[0] for r in checked[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert "CHECK-CELL" in rules and "TARGET-YEAR" in rules


def test_a_deleted_findings_sheet_is_made_again(tmp_path):
    first = tmp_path / "first.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", "v5", out=first, when=DAY)
    wb = openpyxl.load_workbook(first)
    del wb[FINDINGS_SHEET]
    wb.save(first)
    second = tmp_path / "second.xlsx"
    validate_file(first, "v5", out=second, when=DAY)
    names = open_package(second).defined_names
    assert names[FINDINGS_NAME] == f"'{FINDINGS_SHEET}'!$A$1"
    assert FINDINGS_SHEET in openpyxl.load_workbook(second).sheetnames


def test_calculation_chain_forgets_only_the_rewritten_findings_sheet(tmp_path):
    """Excel lists formula cells in xl/calcChain.xml and repairs a workbook whose chain
    names a cell without a formula; rewriting sbt-xl's sheet drops its entries only."""
    first = tmp_path / "first.xlsx"
    validate_file(WORKBOOKS / "example_errors_en.xlsx", "v5", out=first, when=DAY)
    pkg = open_package(first)
    ids = {s.get("name"): s.get("sheetId")
           for s in tree(pkg.read("xl/workbook.xml")).iter(M + "sheet")}
    chain = (f'<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="{M[1:-1]}">'
             f'<c r="C32" i="{ids["Inventory"]}"/><c r="E32"/>'
             f'<c r="D2" i="{ids[FINDINGS_SHEET]}"/><c r="D3"/><c r="D4"/>'
             f'<c r="N5" i="{ids["Targets"]}"/></calcChain>').encode()
    chained = tmp_path / "chained.xlsx"
    rel = ('<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/'
           'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>')
    from decorated import _insert_before_end, rewrite
    rewrite(first, chained, {"xl/_rels/workbook.xml.rels":
                             _insert_before_end("Relationships", rel)},
            {"xl/calcChain.xml": chain})
    out = tmp_path / "out.xlsx"
    validate_file(chained, "v5", out=out, when=DAY)
    with zipfile.ZipFile(out) as z:
        entries = [(c.get("r"), c.get("i")) for c in tree(z.read("xl/calcChain.xml"))]
    assert entries == [("C32", ids["Inventory"]), ("E32", None), ("N5", ids["Targets"])]


def test_a_chart_sheet_titled_findings_is_not_taken(tmp_path):
    """Chart sheets share the workbook's titles: sbt-xl must not take theirs either."""
    from openpyxl.chart import BarChart, Reference
    wb = openpyxl.load_workbook(WORKBOOKS / "example_pass_en.xlsx")
    cs = wb.create_chartsheet(FINDINGS_SHEET)
    chart = BarChart()
    chart.add_data(Reference(wb["Inventory"], min_col=3, min_row=6, max_row=8))
    cs.add_chart(chart)
    src = tmp_path / "chart.xlsx"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    validate_file(src, "v5", out=out, when=DAY)
    assert_only_owned_changed(src, out)
    checked = openpyxl.load_workbook(out)
    assert checked.sheetnames[-2:] == [FINDINGS_SHEET, f"{FINDINGS_SHEET} (sbt-xl)"]
    ours = checked[f"{FINDINGS_SHEET} (sbt-xl)"]  # sheet-local names point at it
    # the header and the "No findings" row of a clean workbook
    assert ours.print_title_rows == "$1:$1" and ours.auto_filter.ref == "A1:F2"
    names = open_package(out).defined_names
    assert names[FINDINGS_NAME] == f"'{FINDINGS_SHEET} (sbt-xl)'!$A$1"
