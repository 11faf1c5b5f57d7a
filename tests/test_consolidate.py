"""sbt-xl consolidate: subsidiaries' workbooks, built through the template's defined names
with known numbers, roll up under each approach to sums computed here independently; every
problem is caught and located; the group workbook validates."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest

from sbt_xl.cli import main
from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.layout import fields_by_key
from sbt_xl.workbook.read.reader import read_submission
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly

CATS = [f"scope3.cat{i:02d}" for i in range(1, N_CATEGORIES + 1)]
ITEMS = ["scope1", "scope2_location", "scope2_market", *CATS]

# code: (parent, ownership, financial control, operational control)
TREE: dict[str, tuple[str | None, float | None, str | None, str | None]] = {
    "H": (None, None, None, None),               # the group's top company
    **{f"S{i}": ("H", 1.0, "yes", "yes") for i in range(1, 11)},   # wholly owned
    **{f"P{i}": ("H", 0.8, "yes", "yes") for i in range(1, 6)},    # majority owned
    **{f"C{i}": (f"S{i}", 0.6, "yes", "yes") for i in range(1, 6)},  # chains: H > S > C
    "G1": ("C1", 0.5, "yes", "no"),             # a third link, controlled financially only
    **{f"J{i}": ("H", 0.5, "joint", "yes" if i % 2 else "no") for i in range(1, 7)},  # JVs
    **{f"J{i}A": (f"J{i}", 1.0, "yes", "yes") for i in (1, 2)},   # a JV's own subsidiary
    **{f"A{i}": ("H", 0.3, "no", "no") for i in range(1, 5)},      # 30 % associates
    "N1": ("H", 0.8, "no", "no"),               # owned but not controlled at all
}


def _emissions(code: str) -> dict[str, float]:
    rng = random.Random(code)
    out = {"scope1": rng.randint(1_000, 90_000), "scope2_location": rng.randint(500, 40_000),
           "scope2_market": rng.randint(500, 40_000)}
    out |= {c: rng.randint(0, 50_000) if rng.random() < 0.6 else 0 for c in CATS}
    return out


def _values(code: str, *, base_year: int = 2023, **changes) -> dict:
    parent, own, fin, op = TREE.get(code, (None, None, None, None))
    v = {**PASSING, "entity.name": f"Entity {code}", "entity.code": code,
         "entity.parent": parent, "entity.ownership": own,
         "entity.financial_control": fin, "entity.operational_control": op,
         "inventory.base.year": base_year}
    for p, scale in (("base", 1.0), ("recent", 0.9)):
        for item, value in _emissions(code).items():
            v[f"inventory.{p}.{item}"] = round(value * scale)
            if item.startswith("scope3"):
                v[f"inventory.{p}.{item}_status"] = "relevant" if value else "not relevant"
    return v | changes


def _write(folder: Path, name: str, values: dict, lang: str = "en") -> Path:
    path = folder / name
    save_reproducibly(fill(build_template(lang), values, lang), path)
    return path


@pytest.fixture(scope="module")
def group_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("subsidiaries")
    for i, code in enumerate(TREE):
        sub = folder / ("asia" if i % 3 else "europe")
        sub.mkdir(exist_ok=True)
        # the top company's scope 3 target covers every category of the group's scope 3
        top = {"targets.2.scope3_categories": "1-15", "targets.1.covered_base_emissions": None,
               "targets.2.covered_base_emissions": None} if code == "H" else {}
        _write(sub, f"{code}.xlsx", _values(code, **top), "ja" if i % 4 == 0 else "en")
    return folder


def expected_share(code: str, approach: str) -> float:
    """The GHG Protocol share, walked up the tree here, not by the code under test."""
    parent, own, fin, op = TREE[code]
    if parent is None:
        return 1.0
    if approach == "equity":
        factor = own
    elif approach == "financial":
        factor = {"yes": 1.0, "joint": own, "no": 0.0}[fin]
    else:
        factor = 1.0 if op == "yes" else 0.0
    return factor * expected_share(parent, approach)


@pytest.mark.parametrize("approach", ["operational", "financial", "equity"])
def test_totals_under_each_approach(group_dir, tmp_path, approach):
    out = tmp_path / "group.xlsx"
    assert main(["consolidate", str(group_dir), "-o", str(out), "--approach", approach,
                 "-j", "2"]) == 0
    group, _ = read_submission(out)
    for item in ITEMS:
        for p, scale in (("base", 1.0), ("recent", 0.9)):
            want = sum(expected_share(c, approach) * round(_emissions(c)[item] * scale)
                       for c in TREE)
            got = group.get(f"inventory.{p}.{item}") or 0.0
            assert got == pytest.approx(want, abs=1e-6), (approach, p, item)
    assert group.get("boundary.approach") == {"operational": "operational control",
                                              "financial": "financial control",
                                              "equity": "equity share"}[approach]
    shares = _entity_rows(out)
    assert shares == {c: pytest.approx(expected_share(c, approach)) for c in TREE}


def _entity_rows(path: Path) -> dict[str, float]:
    ws = openpyxl.load_workbook(path)["Entities"]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Entity code")
    out = {}
    for r in range(head + 1, ws.max_row + 1):
        code, share = ws.cell(r, 1).value, ws.cell(r, 7).value
        if code and isinstance(share, float | int):
            out[code] = share
    return out


def test_examples_of_the_rules(group_dir):
    """Spot values a reader can check by hand."""
    assert expected_share("C1", "equity") == pytest.approx(0.6)       # 100 % x 60 %
    assert expected_share("G1", "equity") == pytest.approx(0.3)       # 1 x 0.6 x 0.5
    assert expected_share("G1", "operational") == 0.0                 # no operational control
    assert expected_share("J1A", "financial") == pytest.approx(0.5)   # joint JV's subsidiary
    assert expected_share("A1", "equity") == pytest.approx(0.3)
    assert expected_share("A1", "financial") == expected_share("N1", "operational") == 0.0


def test_the_group_workbook_validates_with_the_parents_answers(group_dir, tmp_path):
    out = tmp_path / "group.xlsx"
    parent = next(group_dir.rglob("H.xlsx"))
    assert main(["consolidate", str(group_dir), "--parent", str(parent), "-o", str(out)]) == 0
    report = validate_file(out, "v5")
    assert report.errors == 0, [f.message("en") for f in report.findings]
    sub, _ = read_submission(out)
    assert sub.get("company.name") == PASSING["company.name"]  # the parent's own answers
    assert sub.get("targets.1.reduction") == PASSING["targets.1.reduction"]


# --- problems -----------------------------------------------------------------------------

@pytest.fixture
def broken(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    TREE_OK = ("H", "S1", "S2", "C1")
    for code in TREE_OK:
        _write(folder, f"{code}.xlsx", _values(code))
    (folder / "garbage.xlsx").write_bytes(b"this is not a workbook")
    _write(folder, "S3.xlsx", _values("S3", base_year=2022))                      # year
    _write(folder, "S4.xlsx", _values("S4", **{"inventory.base.scope1": None}))  # scope
    _write(folder, "S5.xlsx", _values("S5", **{"inventory.scope2_method":
                                               "location-based"}))               # S2 method
    _write(folder, "dup_S1.xlsx", _values("S1"))                                 # dup code
    _write(folder, "P1.xlsx", _values("P1", **{"entity.ownership": 1.5}))        # > 100 %
    _write(folder, "orphan.xlsx", _values("X1", **{"entity.parent": "NOPE",
                                                   "entity.ownership": 1.0,
                                                   "entity.operational_control": "yes"}))
    for a, b in (("Y1", "Y2"), ("Y2", "Y1")):                                    # a cycle
        _write(folder, f"{a}.xlsx", _values(a, **{"entity.parent": b, "entity.ownership": 1.0,
                                                  "entity.operational_control": "yes"}))
    return folder


def test_every_problem_is_caught_and_located(broken, tmp_path, capsys):
    out = tmp_path / "group.xlsx"
    assert main(["consolidate", str(broken), "-o", str(out)]) == 1
    text = capsys.readouterr().out
    rows = [(Path(file).stem, cell or "", msg) for file, _, cell, _, msg in _problem_rows(out)]

    def has(stem: str, cell: str, words: str) -> bool:
        return any(s == stem and cell in c and words in m for s, c, m in rows)
    assert has("garbage", "", "not counted")
    assert has("S3", at("inventory.base.year"), "the base year is 2022, the group's is 2023")
    assert has("S4", at("inventory.base.scope1"), "no scope 1 figure for the base year")
    assert has("S5", at("inventory.scope2_method"), "scope 2 method is location-based")
    assert has("dup_S1", at("entity.code"), "entity code S1 is also used by")
    assert has("P1", at("entity.ownership"), "must be a share between 0 and 1")
    assert has("orphan", at("entity.parent"), "parent NOPE is not among the workbooks")
    assert has("Y1", at("entity.parent"), "cycle") and has("Y2", at("entity.parent"), "cycle")
    assert not any("add up to" in m for _, _, m in rows)  # a duplicate is not a co-owner
    assert "garbage.xlsx" in text and "NOPE" in text
    # nothing silently dropped: every input file is a counted row or listed as not counted
    ws = openpyxl.load_workbook(out)["Entities"]
    summary = {ws.cell(r, 1).value: (ws.cell(r, 3).value, ws.cell(r, 4).value)
               for r in range(2, 8)}
    count, not_counted = summary["Not counted"]
    for name in ("garbage.xlsx", "X1", "Y1", "Y2", "dup_S1.xlsx"):
        assert name in not_counted.split(", "), name
    assert count == 5
    assert summary["Problems touch (share of base-year S1+2 / S3)"] == ("unknown", "unknown")


def test_more_than_100_percent_of_one_entity(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "H.xlsx", _values("H"))
    _write(folder, "S2.xlsx", _values("S2"))
    _write(folder, "S1a.xlsx", _values("S1", **{"entity.ownership": 0.7}))
    _write(folder, "S1b.xlsx", _values("S1", **{"entity.ownership": 0.6,
                                                "entity.parent": "S2"}))
    assert main(["consolidate", str(folder), "-o", str(tmp_path / "g.xlsx")]) == 1
    messages = [r[4] for r in _problem_rows(tmp_path / "g.xlsx")]
    assert any("add up to 130%" in m for m in messages)


def at(key: str) -> str:
    f = fields_by_key()[key]
    return f"'{f.sheet}'!{f.cell}"


def _problem_rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path, data_only=True)["Problems"]
    return [tuple(ws.cell(r, c).value for c in range(1, 6)) for r in range(4, ws.max_row + 1)]


def test_refuses_to_overwrite_and_to_read_nothing(tmp_path, capsys):
    out = tmp_path / "g.xlsx"
    out.write_bytes(b"mine")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["consolidate", str(empty), "-o", str(out)]) == 2
    assert out.read_bytes() == b"mine"
    assert "--force" in capsys.readouterr().err
    assert main(["consolidate", str(empty), "-o", str(tmp_path / "new.xlsx")]) == 2
    assert "no files found" in capsys.readouterr().err


def test_runs_on_a_dask_cluster(group_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = tmp_path / "dask.xlsx"
        assert main(["consolidate", str(group_dir), "-o", str(on_dask), "--approach", "equity",
                     "--scheduler", cluster.scheduler_address]) == 0
    local = tmp_path / "local.xlsx"
    assert main(["consolidate", str(group_dir), "-o", str(local), "--approach", "equity"]) == 0
    a, b = read_submission(on_dask)[0], read_submission(local)[0]
    assert {k: v for k, v in a.values.items() if k.startswith("inventory.")} == \
        {k: v for k, v in b.values.items() if k.startswith("inventory.")}
    assert _entity_rows(on_dask) == _entity_rows(local)


def test_the_group_workbook_renders_in_libreoffice(group_dir, tmp_path):
    import subprocess
    import zipfile

    import lo_helpers
    lo_helpers.require()
    out = tmp_path / "group.xlsx"
    assert main(["consolidate", str(group_dir), "-o", str(out), "--approach", "equity"]) == 0
    (pdf,) = lo_helpers.convert([out], "pdf", tmp_path / "pdf", tmp_path / "profile")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Group roll-up (sbt-xl)" in text and "Roll-up problems" in text
    for code in ("J1A", "G1", "N1"):
        assert f"Entity {code}" in text, code
    total = sum(expected_share(c, "equity") * _emissions(c)["scope1"] for c in TREE)
    assert f"{total:,.0f}" in text  # the SUMPRODUCT total, recalculated by LibreOffice
    # emissions by entity: a bar chart over the largest, the largest first
    assert "Emissions by entity, base year (tCO2e)" in text
    with zipfile.ZipFile(out) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())

    def counted(c: str) -> float:
        e = _emissions(c)
        return expected_share(c, "equity") * (e["scope1"] + e["scope2_market"] +
                                              sum(e[k] for k in CATS))
    largest = max(TREE, key=counted)
    wb = openpyxl.load_workbook(out)
    # on a sheet of its own, right after Entities (not under the table's repeated header)
    assert wb.sheetnames[wb.sheetnames.index("Entities") + 1] == "Entity chart"
    ws = wb["Entity chart"]
    head = next(r for r in range(1, ws.max_row + 1)
                if str(ws.cell(r, 1).value).startswith("Largest 20 entities"))
    assert ws.cell(head + 1, 1).value == f"{largest} Entity {largest}"


def test_a_hostile_sheet_is_a_problem_not_a_crash(tmp_path):
    """The roll-up reads sheets lazily; a DTD in one it reads is still refused, named."""
    import zipfile

    from sbt_xl.workbook.ooxml.package import open_package
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "H.xlsx", _values("H"))
    good = _write(tmp_path, "S1.xlsx", _values("S1"))
    part = next(r.part for r in open_package(good).sheets if r.name == "Inventory")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(folder / "S1.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == part:
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[-1]
            dst.writestr(item, data)
    out = tmp_path / "g.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out)]) == 1
    (row,) = [r for r in _problem_rows(out) if r[0] == "S1.xlsx"]
    assert "DTD" in row[4] and part in row[4]


def test_file_links_are_relative_and_absolute_across_drives(tmp_path, monkeypatch):
    from sbt_xl.group import writer
    out = (tmp_path / "group" / "g.xlsx").resolve()
    link = writer.file_link(str(tmp_path / "subs" / 'a "b".xlsx'), out)
    assert link.formula == '=HYPERLINK("../subs/a ""b"".xlsx","a ""b"".xlsx")'
    assert link.shows == 'a "b".xlsx'

    def other_drive(*_):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")
    monkeypatch.setattr(writer.os.path, "relpath", other_drive)
    far = writer.file_link(str(tmp_path / "subs" / "a.xlsx"), out)
    assert far.formula == f'=HYPERLINK("{tmp_path / "subs" / "a.xlsx"}","a.xlsx")'


def test_an_ownership_typed_as_a_whole_percent_is_said_once(tmp_path):
    """60 for 60 %: the reader says how to type it; the roll-up does not add that the share
    is blank, and the file is not counted for that one reason."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "H.xlsx", _values("H"))
    _write(folder, "P1.xlsx", _values("P1", **{"entity.ownership": 60}))
    out = tmp_path / "group.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out), "--approach", "equity"]) == 1
    about_p1 = [msg for file, _, cell, _, msg in _problem_rows(out) if Path(file).stem == "P1"]
    assert len(about_p1) == 1 and "blank" not in about_p1[0], about_p1
    assert "60" in about_p1[0]


def test_a_group_workbook_left_among_the_returns_is_not_an_entity(tmp_path, capsys):
    """Rolling up a folder that holds an earlier roll-up gives the same totals, and lists
    that workbook as not counted, saying why (it once took the top company's place and
    counted every subsidiary twice)."""
    import json
    folder = tmp_path / "in"
    folder.mkdir()
    for code in ("H", "S1", "S2", "C1"):
        _write(folder, f"{code}.xlsx", _values(code))
    assert main(["consolidate", str(folder), "-o", str(folder / "group.xlsx")]) == 0
    capsys.readouterr()
    assert main(["consolidate", str(folder), "-o", str(tmp_path / "again.xlsx"), "--json"]) == 1
    again = json.loads(capsys.readouterr().out)
    assert main(["consolidate", *(str(folder / f"{c}.xlsx") for c in ("H", "S1", "S2", "C1")),
                 "-o", str(tmp_path / "plain.xlsx"), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert again["totals"] == plain["totals"]
    states = {Path(f["file"]).name: (f["state"], f["reason"]) for f in again["files"]}
    assert states["group.xlsx"][0] == "not_counted" and "group workbook" in states["group.xlsx"][1]
    assert all(states[f"{c}.xlsx"][0] == "counted" for c in ("H", "S1", "S2", "C1"))
    assert again["touched_share"] == 0
