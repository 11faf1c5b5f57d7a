"""The template and examples: generated from the layout spec, shipped as generated."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.model.cells import parse_ref
from sbt_xl.workbook.examples import EXAMPLES, TEMPLATES
from tools.build_workbooks import write_all
from sbt_xl.model.vocabulary import N_TARGETS
from sbt_xl.workbook.template.layout import CALCS, FIELDS, SHEETS, fields_by_key

REQUIRED_KEYS = [
    "company.name", "company.country", "company.sector", "submission.date",
    "submission.route", "boundary.approach", "boundary.excluded_share",
    "boundary.exclusion_reason", "boundary.fossil_fuel_sales", "inventory.scope2_method",
    "inventory.base.year", "inventory.recent.year",
    *(f"inventory.{p}.{k}" for p in ("base", "recent")
      for k in ("scope1", "scope2_location", "scope2_market")),
    *(f"inventory.{p}.scope3.cat{c:02d}{s}" for p in ("base", "recent")
      for c in range(1, 16) for s in ("", "_status")),
    *(f"targets.{n}.{k}" for n in (1, 2) for k in (
        "scope", "type", "base_year", "target_year", "reduction", "coverage",
        "scope3_categories", "intensity_unit", "base_activity", "target_activity",
        "re_base_share", "re_target_share")),
]


def _members(path) -> list[tuple[str, tuple, bytes]]:
    """Each member's name, date and contents: what a workbook holds, not how its deflate
    back end (python-isal where installed, zlib elsewhere) packed it."""
    with zipfile.ZipFile(path) as z:
        return [(i.filename, i.date_time, z.read(i)) for i in z.infolist()]


def test_shipped_workbooks_are_what_the_generator_makes(tmp_path):
    for path in write_all(tmp_path):
        shipped = WORKBOOKS / path.name
        assert shipped.exists(), f"{path.name} is not shipped in workbooks/"
        assert _members(shipped) == _members(path), (
            f"workbooks/{path.name} differs from the generator: run "
            "python -m tools.build_workbooks workbooks")
    assert len(EXAMPLES) >= 3 and set(TEMPLATES) <= {p.name for p in WORKBOOKS.iterdir()}


def test_the_generator_is_reproducible(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert [p.read_bytes() for p in write_all(a)] == [p.read_bytes() for p in write_all(b)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_field_has_a_name_a_validation_and_the_input_style(lang):
    wb = openpyxl.load_workbook(WORKBOOKS / f"sbt_template_{lang}.xlsx")
    assert wb.sheetnames == [s.name for s in SHEETS]
    for f in FIELDS:
        sheet, cell = parse_ref(wb.defined_names[f.name].attr_text)
        assert (sheet, cell) == (f.sheet, f.cell), f.key
        c = wb[sheet][cell]
        assert c.style == "Input", f.key
        dvs = [dv for dv in wb[sheet].data_validations.dataValidation if cell in dv.sqref]
        assert len(dvs) == 1, f"{f.key}: {len(dvs)} validations"
        if f.type == "choice":
            listed = dvs[0].formula1.strip('"').split(",")
            assert listed == [c.label(lang) for c in f.allowed]
        sheet_c, status = parse_ref(wb.defined_names[f.status_name].attr_text)
        assert sheet_c == f.sheet and status[1:] == cell[1:] or status[2:] == cell[1:]
    for ws in wb.worksheets[1:]:
        if ws.title == "Charts":  # charts over their data, no header rows to freeze
            continue
        assert ws.freeze_panes == "A5", ws.title
        assert ws.print_title_rows == "$3:$4"


def test_bilingual_labels_primary_language_first():
    en = openpyxl.load_workbook(WORKBOOKS / "sbt_template_en.xlsx")["Company"]
    ja = openpyxl.load_workbook(WORKBOOKS / "sbt_template_ja.xlsx")["Company"]
    f = fields_by_key()["company.name"]
    row = int(f.cell[1:])
    assert (en.cell(row, 1).value, en.cell(row, 2).value) == (f.label_en, f.label_ja)
    assert (ja.cell(row, 1).value, ja.cell(row, 2).value) == (f.label_ja, f.label_en)


def test_formulas_use_defined_names_not_addresses():
    wb = openpyxl.load_workbook(WORKBOOKS / "sbt_template_en.xlsx")
    for calc in CALCS:
        text = wb[calc.sheet][calc.cell].value
        assert text == calc.formula and "SBT_" in text
        assert not re.search(r"(?<![A-Za-z_])\$?[A-Z]{1,3}\$?\d+(?![A-Za-z_\d])", text), text
    assert len([c for c in CALCS if c.key.endswith("annual_rate")]) == N_TARGETS


def test_fields_json_lists_every_key_stable(capsys):
    assert main(["fields", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    tables = [r for r in rows if r["type"] == "table"]
    rows = [r for r in rows if r["type"] != "table"]
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)) == len(FIELDS)
    (progress,) = tables
    assert progress["name"] == "SBT_progress" and progress["rows"] == 36
    assert [c["key"] for c in progress["columns"]] == ["scope1", "scope2_location",
                                                      "scope2_market", "scope3"]
    for c in progress["columns"]:
        assert f"progress.{progress['rows']}.{c['key']}" in keys
    wb = openpyxl.load_workbook(WORKBOOKS / "sbt_template_en.xlsx")
    assert wb.defined_names["SBT_progress"].attr_text == "'Progress'!$A$5:$E$40"
    missing = set(REQUIRED_KEYS) - set(keys)
    assert not missing, missing
    for r in rows:
        assert {"key", "name", "sheet", "cell", "section", "label_en", "label_ja", "type",
                "allowed"} <= set(r)
        assert r["name"].startswith("SBT_") and r["label_ja"] and r["label_en"]
    by = {r["key"]: r for r in rows}
    assert by["targets.1.type"]["allowed"] == ["absolute", "physical intensity",
                                               "economic intensity",
                                               "supplier/customer engagement",
                                               "renewable electricity"]
    assert by["targets.1.scope"]["allowed"] == ["1", "2", "1+2", "3", "1+2+3"]
    assert "other" in by["company.sector"]["allowed"] and "cement" in by["company.sector"]["allowed"]


def test_template_command_writes_the_template(tmp_path):
    out = tmp_path / "t.xlsx"
    proc = subprocess.run([sys.executable, "-m", "sbt_xl.cli", "template", str(out),
                           "--lang", "ja"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == (WORKBOOKS / "sbt_template_ja.xlsx").read_bytes()


def test_sheets_are_protected_and_only_inputs_and_checks_are_open(tmp_path):
    """Protection without a password: inputs (and what sbt-xl writes) are unlocked, the
    labels and formulas are not; typing through openpyxl and validating still works."""
    import openpyxl

    from sbt_xl.validate import validate_file
    wb = openpyxl.load_workbook(WORKBOOKS / "sbt_template_en.xlsx")
    for spec in SHEETS:
        ws = wb[spec.name]
        assert ws.protection.sheet and not ws.protection.password, spec.name
        assert not ws.protection.objects and not ws.protection.formatRows
    for f in FIELDS:
        ws = wb[f.sheet]
        assert ws[f.cell].protection.locked is False, f.key
        assert ws[f.status_cell].protection.locked is False, f.key
    assert wb["Company"]["A6"].protection.locked  # a label
    calc = CALCS[0]
    assert wb[calc.sheet][calc.cell].protection.locked  # a formula
    wb["Company"][fields_by_key()["company.name"].cell] = "Typed Ltd."
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    report = validate_file(path, "v5")
    assert report.submission.get("company.name") == "Typed Ltd."
