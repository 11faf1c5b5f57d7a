"""The packages' layers (ARCHITECTURE.md): an import may go down or sideways within its own
package, never up, and the two packages of one layer never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Layer of each top-level part of ``sbt_xl`` (and of the UDF package), bottom up.
LAYERS: dict[str, int] = {
    "messages": 0,
    "errors": 1,
    "interrupts": 1,
    "core": 2,
    "model": 3,
    "rules": 4, "workbook": 4,
    "validate": 5, "group": 5,
    "report": 6,
    "udfs": 7, "excel": 7,
    "cli": 8, "consolidate": 8, "__init__": 8,
}


def _part(path: Path) -> str:
    if path.is_relative_to(ROOT / "udfs"):
        return "udfs"
    rel = path.relative_to(ROOT / "sbt_xl").with_suffix("")
    return rel.parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported part) of every import of sbt-xl's own code, lazy ones included."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "sbt_xl":  # ``from sbt_xl import __version__``, ``cli`` …
                names = [f"sbt_xl.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if name == "sbt_xl_udfs" or name.startswith("sbt_xl_udfs."):
                out.append((node.lineno, "udfs"))
            elif name.startswith("sbt_xl."):
                out.append((node.lineno, name.split(".")[1]))
    return out


def _sources() -> list[Path]:
    return sorted([*(ROOT / "sbt_xl").rglob("*.py"), *(ROOT / "udfs").rglob("*.py")])


def test_every_part_has_a_layer():
    parts = {_part(p) for p in _sources()}
    assert parts <= set(LAYERS), parts - set(LAYERS)


def _violations() -> list[str]:
    out = []
    for path in _sources():
        here = _part(path)
        for line, there in _imports(path):
            if there in (here, "__version__"):  # ``from sbt_xl import __version__``
                continue
            if LAYERS[there] >= LAYERS[here]:
                out.append(f"{path.relative_to(ROOT)}:{line} {here} (layer {LAYERS[here]}) "
                           f"imports {there} (layer {LAYERS[there]})")
    return out


def test_no_import_goes_up_or_sideways():
    assert _violations() == []


def test_the_check_sees_a_violation(tmp_path, monkeypatch):
    """The test above can fail: a rule importing the workbook package is caught."""
    bad = ROOT / "sbt_xl" / "rules" / "checks.py"
    source = bad.read_text(encoding="utf-8") + "\nfrom sbt_xl.workbook.template import layout\n"
    monkeypatch.setattr(Path, "read_text",
                        lambda self, encoding=None: source if self == bad
                        else Path.read_bytes(self).decode(encoding or "utf-8"))
    found = _violations()
    assert any("rules/checks.py" in v and "imports workbook" in v for v in found), found


@pytest.mark.parametrize("module", ["sbt_xl.validate", "sbt_xl.rules", "sbt_xl.model"])
def test_import_graph_is_acyclic_at_run_time(module):
    """Importing a lower layer alone works (no cycle needs a higher one loaded first)."""
    import subprocess
    import sys
    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
