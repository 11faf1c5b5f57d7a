"""Helpers: fill the template through its defined names and validate it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly

ROOT = Path(__file__).resolve().parent.parent
WORKBOOKS = ROOT / "workbooks"


def make_workbook(folder: Path, changes: dict[str, Any] | None = None, *, lang: str = "en",
                  base: dict[str, Any] = PASSING, name: str = "case.xlsx") -> Path:
    values = {**base, **(changes or {})}
    path = folder / name
    save_reproducibly(fill(build_template(lang), values, lang), path)
    return path


def rule_ids(folder: Path, changes: dict[str, Any] | None = None, criteria: str = "v5",
             **kw: Any) -> set[str]:
    report = validate_file(make_workbook(folder, changes, **kw), criteria)
    return {f.rule for f in report.findings}


def findings(folder: Path, changes: dict[str, Any] | None = None, criteria: str = "v5",
             **kw: Any):
    return validate_file(make_workbook(folder, changes, **kw), criteria).findings
