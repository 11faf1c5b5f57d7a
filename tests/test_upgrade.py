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
from sbt_xl.model.cells import absolute_ref
from sbt_xl.workbook.template.layout import FIELDS, LAYOUT_VERSION, fields_by_key
from sbt_xl.workbook.read.reader import read_submission
from sbt_xl.workbook.template.released import Spot, current, released, versions
from sbt_xl.workbook.template.upgrade import HOMELESS_SHEET, describe, upgrade

V1 = Path(__file__).parent / "data" / "template_v1" / "example_pass_en.xlsx"


def _value(i: int, f) -> object:
    """A distinct, valid value for every kind of field."""
    return {"text": f"text {i}", "date": dt.date(2026, 1 + i % 12, 1 + i % 28),
            "year": 2000 + i % 50, "tco2e": float(i * 1000 + 1),
            "number": float(i % 12 + 1) if f.high == 12 else float(i + 7),
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
    assert f"template version 1 → {LAYOUT_VERSION}" in text and "company.name" in text
    assert "+ boundary.gases_all" in text and "new field, empty" in text
    assert main(["upgrade", str(V1), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["upgrade", str(V1), "-o", str(V1)]) == 2


def test_a_workbook_that_is_not_a_template_is_refused_not_upgraded(tmp_path, capsys):
    """It once became a blank template with exit 0 ("0 values moved") and the user's
    own cells were nowhere."""
    budget = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "my budget"
    wb.save(budget)
    before = budget.read_bytes()
    assert main(["upgrade", str(budget)]) == 2
    err = capsys.readouterr().err
    assert "not an sbt-xl template" in err and len(err.strip().splitlines()) == 1
    assert budget.read_bytes() == before and list(tmp_path.iterdir()) == [budget]


# --- released layouts, kept as data -----------------------------------------------------

def _names(path: Path) -> dict[str, tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for name, dn in wb.defined_names.items():
        dest = list(dn.destinations)
        if len(dest) == 1:
            out[name] = (dest[0][0], dest[0][1].replace("$", ""))
    return out


def test_the_current_layout_is_stored_as_released():
    """A layout change needs a version bump and ``python -m sbt_xl.workbook.template.released``."""
    assert released(LAYOUT_VERSION) == {k: Spot(*v) for k, v in current()["fields"].items()}
    assert versions() == tuple(range(1, LAYOUT_VERSION + 1))


@pytest.mark.parametrize("version, shipped", [
    (1, V1), (2, Path(__file__).parent / "data" / "template_v2" / "example_pass_en.xlsx")])
def test_stored_layouts_match_the_workbooks_shipped_with_them(version, shipped):
    names = _names(shipped)
    assert {k: (s.sheet, s.cell) for k, s in released(version).items()} == {
        f.key: names[f.name] for f in FIELDS if f.name in names}
    assert openpyxl.load_workbook(shipped).defined_names.get("SBT_layout_version") is None \
        if version == 1 else True


def workbook_of(version: int, path: Path, drop: tuple[str, ...] = ()) -> Path:
    """A workbook of released layout ``version`` built from its stored layout alone, every
    field filled with a distinct value, the names in ``drop`` left out."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    by_key = fields_by_key()
    for i, (key, spot) in enumerate(released(version).items()):
        ws = wb[spot.sheet] if spot.sheet in wb.sheetnames else wb.create_sheet(spot.sheet)
        ws[spot.cell] = _value(i, by_key[key])
        name = by_key[key].name
        if name not in drop:
            wb.defined_names[name] = DefinedName(name, attr_text=absolute_ref(spot.sheet,
                                                                                spot.cell))
    if version > 1:
        wb.defined_names["SBT_layout_version"] = DefinedName("SBT_layout_version",
                                                             attr_text=str(version))
    wb.save(path)
    return path


@pytest.mark.parametrize("version", range(1, LAYOUT_VERSION))
def test_every_released_version_upgrades_field_by_field(tmp_path, version):
    old_path = workbook_of(version, tmp_path / f"v{version}.xlsx")
    old, _ = read_submission(old_path)
    result = upgrade(old_path, tmp_path / "new.xlsx")
    new, _ = read_submission(tmp_path / "new.xlsx")
    stored = released(version)
    assert result.source_version == version and not result.by_address
    for f in FIELDS:
        if f.key in stored:
            assert old.get(f.key) is not None and new.get(f.key) == old.get(f.key), f.key
        else:
            assert new.get(f.key) is None and f in result.new_fields, f.key


def test_a_lost_name_is_read_where_its_version_put_it(tmp_path, capsys):
    lost = ("SBT_company_name", "SBT_targets_2_reduction")
    old_path = workbook_of(2, tmp_path / "v2.xlsx", drop=lost)
    result = upgrade(old_path, tmp_path / "new.xlsx")
    new, _ = read_submission(tmp_path / "new.xlsx")
    spots = released(2)
    assert dict(result.by_address) == {
        k: f"'{spots[k].sheet}'!{spots[k].cell}" for k in ("company.name", "targets.2.reduction")}
    by_key = fields_by_key()
    order = list(spots)
    assert new.get("company.name") == _value(order.index("company.name"),
                                             by_key["company.name"])
    assert "its defined name was missing" in describe(result)
