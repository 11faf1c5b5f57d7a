"""sbt-xl upgrade: a workbook of layout 1 moves into the current template, every value
under the same key, new fields listed as empty, values without a home kept aside."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from sbt_xl.cli import main
from sbt_xl.validate import validate_file
from sbt_xl.workbook.layout import FIELDS, LAYOUT_VERSION
from sbt_xl.workbook.reader import read_submission
from sbt_xl.workbook.upgrade import HOMELESS_SHEET, upgrade

V1 = Path(__file__).parent / "data" / "template_v1" / "example_pass_en.xlsx"


def _value(i: int, f) -> object:
    """A distinct, valid value for every kind of field."""
    return {"text": f"text {i}", "date": dt.date(2026, 1 + i % 12, 1 + i % 28),
            "year": 2000 + i % 50, "tco2e": float(i * 1000 + 1), "number": float(i + 7),
            "fraction": (i % 90 + 1) / 100, "categories": "1,4,11"}.get(
        f.type, f.allowed[i % len(f.allowed)].code if f.allowed else None)


@pytest.fixture
def every_field_v1(tmp_path) -> Path:
    """The released layout-1 workbook with every one of its fields filled, plus a value
    under a name the current layout does not have."""
    wb = openpyxl.load_workbook(V1)
    assert "SBT_layout_version" not in wb.defined_names
    for i, f in enumerate(x for x in FIELDS if x.since == 1):
        sheet, cell = next(iter(wb.defined_names[f.name].destinations))
        wb[sheet][cell.replace("$", "")].value = _value(i, f)
    wb["Notes"]["F40"] = "retired field"
    wb.defined_names["SBT_retired_field"] = DefinedName(
        "SBT_retired_field", attr_text="'Notes'!$F$40")
    path = tmp_path / "old.xlsx"
    wb.save(path)
    return path


def test_every_value_lands_under_the_same_key(every_field_v1, tmp_path):
    old, _ = read_submission(every_field_v1)
    result = upgrade(every_field_v1, tmp_path / "new.xlsx")
    new, _ = read_submission(tmp_path / "new.xlsx")
    for f in FIELDS:
        if f.since == 1:
            assert new.get(f.key) == old.get(f.key) is not None, f.key
        else:
            assert new.get(f.key) is None, f.key
    assert {m.key for m in result.moved} == {f.key for f in FIELDS if f.since == 1}
    assert {f.key for f in result.new_fields} == {f.key for f in FIELDS if f.since > 1}
    assert result.homeless == (("SBT_retired_field", "'Notes'!F40", "retired field"),)
    kept = openpyxl.load_workbook(tmp_path / "new.xlsx")[HOMELESS_SHEET]
    assert [c.value for c in kept[2]] == ["SBT_retired_field", "'Notes'!F40", "retired field"]


def test_the_upgraded_workbook_is_current_and_checked_fully(tmp_path):
    out = tmp_path / "new.xlsx"
    upgrade(V1, out)
    names = openpyxl.load_workbook(out).defined_names
    assert names["SBT_layout_version"].attr_text == str(LAYOUT_VERSION)
    rules = {f.rule for f in validate_file(out, "v5").findings}
    assert "TEMPLATE-VERSION" not in rules and "INPUT-REQUIRED" in rules  # new required fields


def test_command_reports_and_refuses_overwrite(tmp_path, capsys):
    out = tmp_path / "new.xlsx"
    assert main(["upgrade", str(V1), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "template version 1 → 2" in text and "company.name" in text
    assert "+ boundary.gases_all" in text and "new field, empty" in text
    assert main(["upgrade", str(V1), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["upgrade", str(V1), "-o", str(V1)]) == 2
