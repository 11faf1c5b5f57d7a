"""``--json`` on every command that offers it: one JSON document on stdout, with the keys
README's "JSON output" table documents (the table is read here, so the two cannot drift)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from workbook_helpers import ROOT, WORKBOOKS

from sbt_xl.cli import main
from sbt_xl.cli.main import build_parser
from sbt_xl.workbook.template.layout import fields_by_key

PASS, ERRORS = WORKBOOKS / "example_pass_en.xlsx", WORKBOOKS / "example_errors_en.xlsx"
OLD = ROOT / "tests" / "data" / "template_v1" / "example_pass_en.xlsx"


def _documented() -> dict[str, tuple[set[str], set[str]]]:
    """command → (keys always present, keys present in some cases) from README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- json-schemas -->")[1].split("<!-- /json-schemas -->")[0]
    out = {}
    for line in table.splitlines():
        m = re.match(r"\| `([a-z0-9]+)` \|[^|]*\| (.*) \|$", line)
        if m:
            keys = re.findall(r"(\[)?`([a-z_0-9]+)`", m.group(2))
            out[m.group(1)] = ({k for opt, k in keys if not opt}, {k for opt, k in keys if opt})
    return out


DOCUMENTED = _documented()


def _argv(command: str, tmp: Path) -> list[str]:
    table = tmp / "wording.csv"
    table.write_text("company,text\nA,Reduce absolute scope 1 and 2 GHG emissions 42% by "
                     "2030 from a 2020 base year\n", encoding="utf-8")
    return {
        "pathway": ["pathway", "1000", "2020", "2030"],
        "sda": ["sda", "cement", "2020", "0.7", "2000000", "--target-year", "2030",
                "--target-activity", "2400000"],
        "scope3": ["scope3", "1200", "800", "300"],
        "ambition": ["ambition", "2020", "2030", "0.42", "--recent-year", "2022",
                     "--recent-reduction", "0.1"],
        "sectors": ["sectors", "--sector", "cement"],
        "fields": ["fields"],
        "validate": ["validate", str(ERRORS), str(PASS)],
        "template": ["template", str(tmp / "t.xlsx")],
        "example": ["example", "-o", str(tmp / "e.xlsx"), "--lang", "ja"],
        "upgrade": ["upgrade", str(OLD), "-o", str(tmp / "u.xlsx")],
        "report": ["report", str(PASS), "-o", str(tmp / "r.html")],
        "targets": ["targets", str(table), "--text-column", "text", "-o", str(tmp / "t.csv")],
        "addin": ["addin", "status"],
        "minimum": ["minimum", "2024", "2031", "--scope1", "500", "--scope2", "500"],
    }[command]


def _json_commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(name for name, p in sub.choices.items()
                  if any("--json" in a.option_strings for a in p._actions))


def test_every_command_with_json_is_documented():
    # consolidate's JSON is documented with the group roll-up (issue 18)
    assert set(_json_commands()) - {"consolidate"} == set(DOCUMENTED)


@pytest.mark.parametrize("command", sorted(DOCUMENTED))
def test_json_parses_and_has_the_documented_keys(tmp_path, capsys, command):
    code = main([*_argv(command, tmp_path), "--json"])
    assert code in (0, 1)
    value = json.loads(capsys.readouterr().out)
    always, sometimes = DOCUMENTED[command]
    records = value if isinstance(value, list) else [value]
    assert records, command
    for r in records:
        assert always <= set(r) <= always | sometimes, (command, set(r) ^ always)


def test_json_values_mean_what_they_say(tmp_path, capsys):
    """A few values checked against independent facts, not against the code's output."""
    assert main(["targets", *_argv("targets", tmp_path)[1:], "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "written": str(tmp_path / "t.csv"), "rows": 1, "targets": 1,
        "rows_without_target": 0, "rows_with_unread_text": 0}
    assert main(["upgrade", str(OLD), "-o", str(tmp_path / "u.xlsx"), "--json"]) == 0
    up = json.loads(capsys.readouterr().out)
    assert (up["from_version"], up["written"]) == (1, str(tmp_path / "u.xlsx"))
    moved = {m["key"]: m["value"] for m in up["moved"]}
    old = openpyxl.load_workbook(OLD)  # the old workbook read by another reader
    sheet, ref = next(iter(old.defined_names[fields_by_key()["inventory.base.year"].name]
                           .destinations))
    year = old[sheet][ref.replace("$", "")].value
    assert moved["inventory.base.year"] == year and year > 1990
    assert isinstance(moved["inventory.base.year"], int)  # 2023, not 2023.0
    assert main(["upgrade", str(PASS), "--json"]) == 0  # already current
    assert json.loads(capsys.readouterr().out)["nothing_to_do"] is True
    assert not (WORKBOOKS / "example_pass_en_v3.xlsx").exists()


def test_pipe_into_json_tool(tmp_path):
    """The README's promise, as a user types it: stdout holds only the JSON."""
    many = []
    for i in range(4):  # four files: worker processes and a progress line on stderr
        shutil.copy(PASS, tmp_path / f"b{i}.xlsx")
        many.append(str(tmp_path / f"b{i}.xlsx"))
    cmd = [sys.executable, "-m", "sbt_xl.cli", "validate", *many, "--json"]
    out = subprocess.run(cmd, capture_output=True, check=False, cwd=tmp_path)
    tool = subprocess.run([sys.executable, "-m", "json.tool"], input=out.stdout,
                          capture_output=True, check=False)
    assert out.returncode == 0 and tool.returncode == 0, (out.stderr, tool.stderr)
    assert json.loads(tool.stdout) == []


def test_a_file_that_could_not_be_checked_is_a_record_of_its_own(tmp_path, capsys):
    """A script reading only the JSON must not take a missing or broken file for a clean
    one: it once printed [] for a file that does not exist."""
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    missing = tmp_path / "missing.xlsx"
    assert main(["validate", str(PASS), str(broken), str(missing), "--json"]) == 2
    records = json.loads(capsys.readouterr().out)
    unreadable = {r["file"]: r for r in records if r["rule"] == "UNREADABLE"}
    assert set(unreadable) == {str(broken), str(missing)}
    assert all(r["severity"] == "error" and r["message"] for r in unreadable.values())
