"""README's "Run it" works from an installed wheel (issue 21, item 7): ``sbt-xl example``
writes a filled submission, and no help text names a file a wheel does not ship."""

from __future__ import annotations

import re

import pytest
from workbook_helpers import ROOT

from sbt_xl.cli import main
from sbt_xl.cli.main import build_parser


def test_run_it_from_readme(tmp_path, capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(li for li in readme.splitlines() if "sbt-xl example -o" in li)
    steps = [s.strip().removeprefix(".venv/bin/") for s in line.split("&&")
             if "sbt-xl" in s and "pip" not in s]
    monkeypatch.chdir(tmp_path)
    assert steps == ["sbt-xl example -o example.xlsx",
                     "sbt-xl validate example.xlsx -o checked.xlsx"]
    for step in steps:
        assert main(step.split()[1:]) == 0, step
    assert (tmp_path / "checked.xlsx").stat().st_size > 0
    assert main(["example", "--kind", "errors", "-o", "errors.xlsx"]) == 0
    assert main(["validate", "errors.xlsx"]) == 1


def _helps() -> dict[str, str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return {name: p.format_help() for name, p in sub.choices.items()}


@pytest.mark.parametrize("command", sorted(_helps()))
def test_help_names_no_file_a_wheel_lacks(command):
    shipped = ("sbt_xl/",)  # what pyproject packages; docs/, workbooks/, tests/ are not
    for path in re.findall(r"\b[\w.-]+/[\w./-]+\.\w+", _helps()[command]):
        assert path.startswith(shipped), (command, path)
