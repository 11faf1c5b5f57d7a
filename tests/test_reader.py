"""The reader: cells found through defined names; bad cells become findings, not crashes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from workbook_helpers import WORKBOOKS, make_workbook

from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.layout import fields_by_key
from sbt_xl.workbook.read.reader import parse_categories, read_submission
from sbt_xl.workbook.template.build import save_reproducibly


def _by_key(findings):
    return {f.field: f for f in findings}


def test_reads_every_value_of_the_passing_example():
    sub, found = read_submission(WORKBOOKS / "example_pass_en.xlsx")
    assert found == []
    for key, value in PASSING.items():
        f = fields_by_key()[key]
        if f.type == "categories":
            value = parse_categories(value)
        assert sub.get(key) == value, key


def test_japanese_labels_read_as_the_same_codes(tmp_path):
    en, _ = read_submission(make_workbook(tmp_path, name="en.xlsx"))
    ja, found = read_submission(make_workbook(tmp_path, lang="ja", name="ja.xlsx"))
    assert found == [] and ja.values == en.values


def test_moved_rows_and_renamed_sheet_still_read(tmp_path):
    """Insert two rows above the inventory and rename a sheet, as Excel would (moving the
    cells and the names with them)."""
    path = make_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Inventory"]
    ws.move_range("A5:H40", rows=2, translate=False)
    ws.title = "排出量 2025"
    for name, dn in list(wb.defined_names.items()):
        text = dn.attr_text
        if text.startswith("'Inventory'!"):
            col, row = text.split("!")[1].strip("$").split("$")
            text = f"'排出量 2025'!${col}${int(row) + 2}"
        dn.attr_text = text
    save_reproducibly(wb, path)
    moved, found = read_submission(path)
    original, _ = read_submission(make_workbook(tmp_path, name="orig.xlsx"))
    assert found == [] and moved.values == original.values
    assert moved.locations["inventory.base.scope1"].sheet == "排出量 2025"
    assert moved.locations["inventory.base.scope1"].cell == "C8"


@pytest.mark.parametrize("raw, read, rule", [
    ("１２０，０００", 120000.0, "INPUT-FORMAT"),
    ("120,000", 120000.0, "INPUT-FORMAT"),
    ("120000 t", 120000.0, "INPUT-FORMAT"),
    ("120 000", 120000.0, "INPUT-FORMAT"),
    ("1,234,567.5", 1234567.5, "INPUT-FORMAT"),
    ("about 120k", None, "INPUT-TYPE"),
    (True, None, "INPUT-TYPE"),
    # read two ways or not a number at all: refused, never guessed
    ("1,5", None, "INPUT-TYPE"),
    ("12.000,5", None, "INPUT-TYPE"),
    ("1,2,3", None, "INPUT-TYPE"),
    ("12,00", None, "INPUT-TYPE"),
    ("nan", None, "INPUT-TYPE"),
    ("inf", None, "INPUT-TYPE"),
    ("-Infinity", None, "INPUT-TYPE"),
])
def test_numbers_typed_as_text(tmp_path, raw, read, rule):
    """On a field no template formula reads (an activity), text that is one number is
    read with a warning; anything else is an error naming the cell."""
    key = "targets.1.base_activity"
    sub, found = read_submission(make_workbook(tmp_path, {key: raw}))
    f = _by_key(found)[key]
    assert (f.rule, f.address, sub.get(key)) == (rule, "'Targets'!J5", read)
    assert "J5" not in f.message("en")  # the cell is its own column
    assert f.message("ja") != f.message("en")
    for lang in ("en", "ja"):  # the value typed is quoted; nothing else shows as None/nan
        shown = f.message(lang).replace(repr(raw), "")
        assert "None" not in shown and "nan" not in shown.lower()


@pytest.mark.parametrize("key", ["inventory.base.scope1", "inventory.recent.scope2_market",
                                 "inventory.base.scope3.cat07", "targets.3.reduction"])
def test_text_numbers_the_workbook_formulas_read_are_errors(tmp_path, key):
    """The Inventory totals and the Targets rate read these cells: typed as text, the
    printed totals would be wrong (blank, or SUM leaving them out)."""
    from sbt_xl.workbook.template.layout import FORMULA_INPUTS
    assert key in FORMULA_INPUTS
    raw = "0.30" if "reduction" in key else "１２０,０００ t"
    sub, found = read_submission(make_workbook(tmp_path, {key: raw}))
    f = _by_key(found)[key]
    assert (f.rule, f.severity.value, f.code) == ("INPUT-TYPE", "error", "input_text_in_formula")
    assert "stay blank" in f.message("en") and "空欄" in f.message("ja")


def test_formula_inputs_are_what_the_formulas_name():
    from sbt_xl.workbook.template.layout import CALCS, FORMULA_INPUTS, fields_by_key
    text = " ".join(c.formula for c in CALCS)
    named = {k for k in fields_by_key() if fields_by_key()[k].name in text}
    cats = {f"inventory.{p}.scope3.cat{i:02d}" for p in ("base", "recent") for i in range(1, 16)}
    assert FORMULA_INPUTS == named | cats
    assert "targets.1.base_activity" not in FORMULA_INPUTS


@pytest.mark.parametrize("raw, read, code", [
    ("30%", 0.30, "input_text_in_formula"),  # text: the rate formula cannot read it
    (30, None, "input_percent_as_number"),
    (1.5, None, "input_percent_as_number"),
    (-0.1, None, "input_out_of_range"),
])
def test_shares(tmp_path, raw, read, code):
    sub, found = read_submission(make_workbook(tmp_path, {"targets.1.reduction": raw}))
    f = _by_key(found)["targets.1.reduction"]
    assert f.code == code
    got = sub.get("targets.1.reduction")
    assert got is None if read is None else got == pytest.approx(read)


def test_excel_error_values(tmp_path):
    path = make_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    for cell, err in (("C6", "#REF!"), ("E6", "#DIV/0!")):
        wb["Inventory"][cell].value = err
        wb["Inventory"][cell].data_type = "e"
    save_reproducibly(wb, path)
    sub, found = read_submission(path)
    by = _by_key(found)
    assert by["inventory.base.scope1"].rule == "INPUT-ERROR"
    assert by["inventory.base.scope1"].params["value"] == "#REF!"
    assert by["inventory.recent.scope1"].params["value"] == "#DIV/0!"
    assert sub.get("inventory.base.scope1") is None


def test_missing_broken_and_merged_names(tmp_path):
    path = make_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb.defined_names["SBT_company_name"]
    wb.defined_names["SBT_company_country"].attr_text = "#REF!"
    wb["Targets"].merge_cells("E5:F5")  # target 1's reduction merged into its target year
    save_reproducibly(wb, path)
    sub, found = read_submission(path)
    by = _by_key(found)
    assert by["company.name"].code == "input_missing_name" and by["company.name"].cell == ""
    assert "SBT_company_name" in by["company.name"].message("ja")
    assert by["company.country"].code == "input_broken_name"
    assert by["targets.1.reduction"].code == "input_merged"
    assert by["targets.1.reduction"].address == "'Targets'!F5"
    assert all(f.rule == "INPUT-NAME" for f in found)


def test_dates_and_years(tmp_path):
    sub, found = read_submission(make_workbook(tmp_path, {
        "submission.date": "２０２６年１１月２日", "inventory.base.year": 2023.5}))
    by = _by_key(found)
    assert sub.submission_date == dt.date(2026, 11, 2)
    assert by["submission.date"].rule == "INPUT-FORMAT"
    assert by["inventory.base.year"].code == "not_a_year"


def test_choice_not_in_the_list(tmp_path):
    sub, found = read_submission(make_workbook(tmp_path, {"boundary.approach": "control"}))
    f = _by_key(found)["boundary.approach"]
    assert f.code == "input_not_allowed" and "equity share" in f.message("en")
    assert "出資比率" in f.message("ja")


@pytest.mark.parametrize("text, cats", [
    ("1,4,11", {1, 4, 11}), ("1-4, 11", {1, 2, 3, 4, 11}), ("１、４", {1, 4}),
    ("all", set(range(1, 16))), (11, {11}), ("cat.1 cat.4", {1, 4}),
    ("0,4", None), ("1-16", None), ("purchased goods", None),
])
def test_scope3_category_lists(text, cats):
    got = parse_categories(text)
    assert (set(got) if got is not None else None) == cats


def test_a_workbook_of_the_previous_layout_gives_one_finding():
    """Layout 1 lacks the fields later layouts added: one TEMPLATE-VERSION warning gives
    their count and sections, and one information line per section lists them (for the
    Findings sheet); everything else is checked as before."""
    from sbt_xl.model.vocabulary import SECTION_TITLES
    from sbt_xl.validate import validate_file
    from sbt_xl.workbook.template.layout import FIELDS, LAYOUT_VERSION
    old = Path(__file__).parent / "data" / "template_v1"
    report = validate_file(old / "example_pass_en.xlsx", "v5")
    assert {f.rule for f in report.findings} == {"TEMPLATE-VERSION"}
    warnings = [f for f in report.findings if f.severity.value == "warning"]
    assert len(warnings) == 1 and report.errors == 0
    newer = [f for f in FIELDS if f.since > 1]
    message = warnings[0].message("en")
    assert f"version 1 (now {LAYOUT_VERSION})" in message and f"{len(newer)} newer" in message
    sections = {f.section for f in newer}
    assert all(SECTION_TITLES[s][0] in message for s in sections)
    assert len(message) < 600  # a count and the sections, not 206 names
    infos = [f.message("en") for f in report.findings if f.severity.value == "info"]
    assert len(infos) == len(sections)
    listed = "\n".join(infos)
    tables = [f for f in newer if f.key.startswith("progress.")]
    rows = [f for f in newer if re.match(r"targets\.\d+\.", f.key)]
    assert all(f.label_en in listed for f in newer if f not in tables and f not in rows)
    assert all(f.label_en.split(": ", 1)[1] in listed for f in rows)
    assert "Progress table (36 × 4)" in listed and tables[0].label_en not in listed
    assert "Term (rows 1–6)" in listed
    assert "テンプレート第 1 版" in warnings[0].message("ja")
    errors = validate_file(old / "example_errors_en_0.2.xlsx", "v5")
    assert sum(f.rule == "TEMPLATE-VERSION" and f.severity.value == "warning"
               for f in errors.findings) == 1
    assert not any(f.rule == "INPUT-NAME" for f in errors.findings)
    assert {"TARGET-YEAR", "AMBITION-S12"} <= {f.rule for f in errors.findings}


def test_a_deleted_sheet_is_one_error_naming_it(tmp_path):
    from sbt_xl.workbook.template.layout import FIELDS
    path = make_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["Targets"]
    save_reproducibly(wb, path)
    sub, found = read_submission(path)
    lost = [f for f in FIELDS if f.sheet == "Targets"]
    assert [f.rule for f in found if f.rule.startswith("INPUT")] == ["INPUT-SHEET"]
    one = next(f for f in found if f.rule == "INPUT-SHEET")
    assert "Targets" in one.message("en") and f"{len(lost)} fields" in one.message("en")
    assert "シート Targets" in one.message("ja")
    assert all(f.key in sub.unreadable for f in lost)  # the rules still know they are lost


def test_a_workbook_that_is_not_a_template_is_one_error(tmp_path):
    path = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Scope 1"
    wb.active["B1"] = 1200
    wb.save(path)
    sub, found = read_submission(path)
    assert [(f.rule, f.severity.value) for f in found] == [("NOT-TEMPLATE", "error")]
    assert "not an sbt-xl template" in found[0].message("en")
    assert "SBT_" in found[0].message("ja") and "テンプレートではありません" in found[0].message("ja")


def test_validating_a_workbook_that_is_not_a_template_says_one_thing(tmp_path):
    """Not also that its (absent) submission date is blank."""
    from sbt_xl.validate import validate_file
    path = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "my budget"
    wb.save(path)
    assert [f.rule for f in validate_file(path).findings] == ["NOT-TEMPLATE"]
