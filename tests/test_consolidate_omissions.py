"""A roll-up that cannot lose a subsidiary: groups built through the template's keys with
each omission (blank code, blank years, broken names, a duplicate code, unreadable and
non-template files, .xls/.ods/.csv beside them) end every file in one state, with a touched
share computed here independently; the group workbook then fails validation with
GROUP-PROBLEMS and its report lists what is missing. Progress rows roll up as
share-weighted sums computed here, under each approach."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from test_consolidate import TREE, _emissions, _values, expected_share

from sbt_xl.cli import main
from sbt_xl.model.vocabulary import PROGRESS_KEYS
from sbt_xl.validate import validate_file
from sbt_xl.workbook.read.reader import read_submission
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly
from sbt_xl.workbook.template.layout import fields_by_key, key_to_name


def _save(path: Path, values: dict, broken: tuple[str, ...] = ()) -> Path:
    """The template filled with ``values``; the defined names of ``broken`` keys point at
    #REF! (as when a user deletes the rows they named)."""
    wb = fill(build_template("en"), values, "en")
    for key in broken:
        wb.defined_names[key_to_name(key)].attr_text = "#REF!"
    save_reproducibly(wb, path)
    return path


def _s12(code: str) -> float:
    """Base-year scope 1 + 2 (market-based, the template's example method) of ``code``'s
    workbook, from the numbers the test wrote."""
    e = _emissions(code)
    return round(e["scope1"]) + round(e["scope2_market"])


def _at(key: str) -> str:
    f = fields_by_key()[key]
    return f"'{f.sheet}'!{f.cell}"


def _json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["consolidate", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


S3_CATS = tuple(f"inventory.base.scope3.cat{i:02d}" for i in range(1, 16))


@pytest.fixture(scope="module")
def readable(tmp_path_factory) -> Path:
    """Every omission a readable workbook can have, beside three good ones."""
    folder = tmp_path_factory.mktemp("readable")
    for code in ("H", "S1", "S2"):
        _save(folder / f"{code}.xlsx", _values(code))
    _save(folder / "nocode.xlsx", _values("S3", **{"entity.code": None}))
    _save(folder / "S4.xlsx", _values("S4", **{"inventory.base.year": None}))
    _save(folder / "S5.xlsx", _values("S5", **{"inventory.recent.year": None}))
    _save(folder / "S6.xlsx", _values("S6"), broken=S3_CATS)
    _save(folder / "dup_S1.xlsx", _values("S1"))
    (folder / "~$H.xlsx").write_bytes(b"Excel's lock file")
    return folder


def test_every_readable_omission_has_its_state_and_touches_what_it_reported(
        readable, tmp_path, capsys):
    out = tmp_path / "g.xlsx"
    code, data = _json(capsys, str(readable), "-o", str(out))
    assert code == 1
    states = {Path(f["file"]).name: f["state"] for f in data["files"]}
    assert states == {
        "H.xlsx": "counted", "S1.xlsx": "counted", "S2.xlsx": "counted",
        "nocode.xlsx": "not_counted", "dup_S1.xlsx": "not_counted",
        "S4.xlsx": "counted_with_problems", "S5.xlsx": "counted_with_problems",
        "S6.xlsx": "counted_with_problems"}  # the lock file is no file of the group
    reasons = {Path(f["file"]).name: f["reason"] for f in data["files"]}
    assert "entity code is blank" in reasons["nocode.xlsx"]
    assert "S1 is also used by" in reasons["dup_S1.xlsx"]
    problems = [(Path(p["file"]).name, p["cell"], p["field"], p["message"])
                for p in data["problems"]]
    assert ("S4.xlsx", _at("inventory.base.year"), "inventory.base.year",
            "S4: the base year is blank (the group's is 2023)") in problems
    assert any(f == "S5.xlsx" and c == _at("inventory.recent.year")
               and "most recent year is blank" in m for f, c, _, m in problems)
    assert any(f == "S6.xlsx" and "SBT_inventory_base_scope3_cat01" in m
               for f, _, _, m in problems)
    # operational control: every subsidiary here is 100 % (H's wholly owned S-companies);
    # touched: what each file with a problem reported, the duplicate at its code's share,
    # the code-less file at all of it, over the same plus the clean ones
    touched = _s12("S3") + _s12("S4") + _s12("S5") + _s12("S6") + _s12("S1")
    whole = touched + _s12("H") + _s12("S1") + _s12("S2")
    assert data["touched_share"] == pytest.approx(touched / whole)
    assert data["totals"]["scope12_base"] == pytest.approx(
        sum(_s12(c) for c in ("H", "S1", "S2", "S4", "S5", "S6")))
    assert set(data) == {"approach", "group", "files", "problems", "totals", "touched_share"}
    assert set(data["totals"]) == {"scope12_base", "scope3_base", "scope12_recent",
                                   "scope3_recent"}

    # the group workbook carries its problems: validate fails it on the Entities sheet
    report = validate_file(out)
    (finding,) = [f for f in report.findings if f.rule == "GROUP-PROBLEMS"]
    assert (finding.sheet, finding.cell) == ("Entities", "C5")
    text = finding.message("en")
    assert "2 files not counted" in text and f"{touched / whole:.1%}" in text


def test_the_cli_marks_only_counted_files_with_a_tick(readable, tmp_path, capsys):
    assert main(["consolidate", str(readable), "-o", str(tmp_path / "g.xlsx")]) == 1
    lines = capsys.readouterr().out.splitlines()
    ticked = {line.split(":")[0][2:] for line in lines if line.startswith("✔ ")}
    assert ticked == {"H.xlsx", "S1.xlsx", "S2.xlsx"}
    assert any(line.startswith("✖ nocode.xlsx: not counted") for line in lines)


@pytest.fixture(scope="module")
def unreadable(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unreadable")
    for code in ("H", "S1"):
        _save(folder / f"{code}.xlsx", _values(code))
    (folder / "garbage.xlsx").write_bytes(b"this is not a workbook")
    plain = openpyxl.Workbook()
    plain.active["A1"] = "our own sheet"
    plain.save(folder / "plain.xlsx")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 an Excel 97 file")
    (folder / "sheet.ods").write_bytes(b"PK an OpenDocument file")
    (folder / "data.csv").write_text("code,scope1\nS9,100\n")
    return folder


def test_files_that_cannot_be_read_make_the_touched_share_unknown(
        unreadable, tmp_path, capsys):
    out = tmp_path / "g.xlsx"
    code, data = _json(capsys, str(unreadable), "-o", str(out))
    assert code == 1
    by_name = {Path(f["file"]).name: f for f in data["files"]}
    assert {n: f["state"] for n, f in by_name.items()} == {
        "H.xlsx": "counted", "S1.xlsx": "counted", "garbage.xlsx": "not_counted",
        "plain.xlsx": "not_counted", "old.xls": "not_counted", "sheet.ods": "not_counted",
        "data.csv": "not_counted"}
    assert "save it as .xlsx" in by_name["old.xls"]["reason"]
    assert ".xls is the old Excel 97–2003 format" in by_name["old.xls"]["reason"]
    assert ".ods" in by_name["sheet.ods"]["reason"] and ".csv" in by_name["data.csv"]["reason"]
    assert "not the sbt-xl template" in by_name["plain.xlsx"]["reason"]
    assert data["touched_share"] is None  # never 0 %: nothing of them could be read
    ws = openpyxl.load_workbook(out)["Entities"]
    summary = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(2, 8)}
    assert summary["Not counted"] == 5
    assert summary["Problems touch (share of base-year S1+2 / S3)"] == "unknown"

    report = validate_file(out)
    (finding,) = [f for f in report.findings if f.rule == "GROUP-PROBLEMS"]
    assert "5 files not counted" in finding.message("en")
    assert "an unknown share" in finding.message("en")
    assert "不明な割合" in finding.message("ja")

    from sbt_xl.report.page import write_report
    page, _ = write_report(out, tmp_path / "g.html", lang="en")
    html = page.read_text(encoding="utf-8")
    section = html[html.index("Files not counted"):]
    for name in ("garbage.xlsx", "plain.xlsx", "old.xls", "sheet.ods", "data.csv"):
        assert name in section, name
    assert "Roll-up problems" in html and "GROUP-PROBLEMS" in html


def test_a_clean_group_workbook_has_no_group_problems(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for code in ("H", "S1", "S2"):
        _save(folder / f"{code}.xlsx", _values(code))
    assert main(["consolidate", str(folder), "-o", str(tmp_path / "g.xlsx")]) == 0
    assert not [f for f in validate_file(tmp_path / "g.xlsx").findings
                if f.rule == "GROUP-PROBLEMS"]


# --- Progress -------------------------------------------------------------------------------

FIVE = ("H", "S1", "C1", "J1", "A1")  # a top company, a chain H > S1 > C1, a JV, an associate
YEARS = (2023, 2024, 2025)
GAP = ("J1", 2025)  # the JV leaves its 2025 row blank


def _progress(code: str, year: int) -> tuple[float, ...] | None:
    if (code, year) == GAP:
        return None
    i = FIVE.index(code)
    return tuple(float(1000 * (i + 1) + 10 * (year - 2020) + k) for k in range(4))


@pytest.fixture(scope="module")
def five(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("five")
    for code in FIVE:
        assert code in TREE
        rows = {}
        for year in YEARS:
            figures = _progress(code, year)
            for k, key in enumerate(PROGRESS_KEYS):
                rows[f"progress.{year - 2023 + 1}.{key}"] = figures[k] if figures else None
        _save(folder / f"{code}.xlsx", _values(code, **rows))
    return folder


@pytest.mark.parametrize("approach", ["operational", "financial", "equity"])
def test_progress_rows_are_share_weighted_sums(five, tmp_path, approach, capsys):
    out = tmp_path / "g.xlsx"
    main(["consolidate", str(five), "-o", str(out), "--approach", approach])
    text = capsys.readouterr().out
    group, _ = read_submission(out)
    members = [c for c in FIVE if expected_share(c, approach) > 0]
    assert "A1" not in members or approach == "equity"
    for year in YEARS:
        i = year - 2023 + 1
        for k, key in enumerate(PROGRESS_KEYS):
            got = group.get(f"progress.{i}.{key}")
            if year == GAP[1]:
                assert got is None, (year, key)  # J1 left it blank: no partial sum
            else:
                want = sum(expected_share(c, approach) * _progress(c, year)[k]
                           for c in members)
                assert got == pytest.approx(want), (approach, year, key)
    assert "J1" in text and "2025" in text and "left blank" in text


def test_progress_gap_is_a_warning_naming_who_is_missing(five, tmp_path, capsys):
    code, data = _json(capsys, str(five), "-o", str(tmp_path / "g.xlsx"),
                       "--approach", "equity")
    gaps = [p for p in data["problems"] if "Progress" in p["message"]]
    assert [(Path(p["file"]).name, p["severity"]) for p in gaps] == [("J1.xlsx", "warning")]
    assert "J1" in gaps[0]["message"] and "2025" in gaps[0]["message"]
    assert gaps[0]["cell"] == _at("progress.3.scope1")


# --- the template's role --------------------------------------------------------------------

def test_a_subsidiary_return_is_checked_for_what_it_is_asked_only(tmp_path):
    """A return with its inventory, entity section and progress, and no targets: no target
    finding (a company's submission of the same answers has them)."""
    from sbt_xl.workbook.examples import PASSING
    answers = {k: v for k, v in _values("S1").items()
               if k.startswith(("inventory.", "entity.", "progress."))}
    for role in ("subsidiary", "company"):
        wb = fill(build_template("en", role), answers, "en")
        save_reproducibly(wb, tmp_path / f"{role}.xlsx")
    sub = validate_file(tmp_path / "subsidiary.xlsx")
    company = validate_file(tmp_path / "company.xlsx")
    assert sub.submission.role == "subsidiary" and company.submission.role == "company"
    assert sub.errors == 0, [f.message("en") for f in sub.findings]
    assert any(f.field.startswith(("targets.", "company.")) for f in company.findings)
    assert all(f.field.startswith(("inventory.", "entity.", "progress.")) or not f.field
               for f in sub.findings)
    assert PASSING  # (the answers above are the passing example's inventory)


def test_a_return_without_its_entity_code_is_an_error_before_it_is_sent(tmp_path):
    """The roll-up leaves such a return out; validating it says so first. A company's own
    submission may leave the code blank."""
    answers = {k: v for k, v in _values("S1").items()
               if k.startswith(("inventory.", "entity.", "progress."))}
    answers["entity.code"] = None
    for role in ("subsidiary", "company"):
        save_reproducibly(fill(build_template("en", role), answers, "en"),
                          tmp_path / f"{role}.xlsx")
    sub = validate_file(tmp_path / "subsidiary.xlsx")
    company = validate_file(tmp_path / "company.xlsx")
    assert [(f.rule, f.field) for f in sub.findings if f.severity.name == "ERROR"] == [
        ("INPUT-REQUIRED", "entity.code")]
    assert not any(f.field == "entity.code" for f in company.findings)


def test_the_role_is_made_kept_and_listed(tmp_path, capsys):
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource, template_role
    from sbt_xl.workbook.template.upgrade import upgrade
    out = tmp_path / "sub.xlsx"
    assert main(["template", str(out), "--role", "subsidiary"]) == 0
    assert template_role(FileSource(open_package(out)).names) == "subsidiary"
    assert main(["template", str(tmp_path / "plain.xlsx")]) == 0
    assert template_role(FileSource(open_package(tmp_path / "plain.xlsx")).names) == "company"
    upgraded = upgrade(out, tmp_path / "sub_up.xlsx").written
    assert template_role(FileSource(open_package(upgraded)).names) == "subsidiary"
    capsys.readouterr()
    assert main(["fields", "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["inventory.base.scope1"]["roles"] == ["company", "subsidiary", "group"]
    assert rows["entity.code"]["roles"] == ["company", "subsidiary", "group"]
    assert rows["entity.code"]["required_in"] == ["subsidiary"]
    assert rows["progress"]["roles"] == ["company", "subsidiary", "group"]
    assert rows["targets.1.reduction"]["roles"] == ["company", "group"]
    assert rows["company.name"]["roles"] == ["company", "group"]


def test_the_group_workbook_is_a_group(five, tmp_path):
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource, template_role
    out = tmp_path / "g.xlsx"
    main(["consolidate", str(five), "-o", str(out)])
    assert template_role(FileSource(open_package(out)).names) == "group"


def test_the_ribbons_validate_button_fails_the_group_workbook_too(unreadable, tmp_path):
    """The open group workbook, read through xlwings (a fake of it): the same GROUP-PROBLEMS
    from the named summary cells alone."""
    from fake_xlwings import FakeBook

    from sbt_xl.excel import ribbon
    out = tmp_path / "g.xlsx"
    main(["consolidate", str(unreadable), "-o", str(out)])
    report = ribbon.run_on_book(FakeBook(openpyxl.load_workbook(out), "g.xlsx"), "v5", "en")
    (finding,) = [f for f in report.findings if f.rule == "GROUP-PROBLEMS"]
    assert "5 files not counted" in finding.message("en")
    assert (finding.sheet, finding.cell) == ("Entities", "C5")
