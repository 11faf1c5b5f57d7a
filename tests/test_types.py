"""mypy as pyproject.toml's ``[tool.mypy]`` configures it: all of sbt_xl and the UDFs clean
at mypy's default settings, ``core``, ``model`` and ``rules`` clean under ``--strict``; and
the configuration catches a type error where one is put."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRICT = ("sbt_xl.core", "sbt_xl.model", "sbt_xl.rules")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=ROOT, capture_output=True,
                          text=True)


def _tool(name: str) -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][name]


def test_mypy_is_clean_on_the_whole_configuration():
    run = _mypy()
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_configuration_covers_every_package_and_the_strict_ones():
    config, setuptools = _tool("mypy"), _tool("setuptools")
    dirs = {setuptools["package-dir"].get(p, p.replace(".", "/")).split("/")[0]
            for p in setuptools["packages"]}
    assert set(config["files"]) == dirs == {"sbt_xl", "udfs"}
    strict = [o for o in config["overrides"] if o.get("disallow_untyped_defs")]
    assert len(strict) == 1 and set(strict[0]["module"]) == {f"{m}.*" for m in STRICT}


def test_both_packages_say_they_are_typed():
    """PEP 561: ``py.typed`` in each top-level package, and installed with it."""
    setuptools = _tool("setuptools")
    for package, folder in (("sbt_xl", "sbt_xl"), ("sbt_xl_udfs", "udfs")):
        assert (ROOT / folder / "py.typed").is_file()
        assert "py.typed" in setuptools["package-data"][package]


def test_core_model_and_rules_are_clean_under_mypys_own_strict():
    """mypy's ``--strict`` itself, not the list of its flags in pyproject.toml: a flag a
    later mypy adds to ``--strict`` is checked too."""
    run = _mypy("--strict", "--follow-imports=silent",
                *(m.replace(".", "/") for m in STRICT))
    assert run.returncode == 0, run.stdout + run.stderr


#: Code appended to a module, and the error codes mypy must report for it there.
BREAKAGES = {
    # a blank where a number is due: an error everywhere; a function without types: an
    # error in the strict packages only
    "sbt_xl/rules/paths.py": ("def _years(t: Target) -> int:\n    return t.base_year\n\n\n"
                              "def _untyped(x):\n    return x\n",
                              {"return-value", "no-untyped-def"}),
    "sbt_xl/core/guards.py": ("def _untyped(x):\n    return x\n", {"no-untyped-def"}),
    "sbt_xl/cli/main.py": ("def _status() -> int:\n    return 'ok'\n\n\n"
                           "def _untyped(x):\n    return x\n", {"return-value"}),
    "udfs/functions.py": ("def _n() -> int:\n    return None\n", {"return-value"}),
}


def test_a_type_error_fails_the_check(tmp_path):
    """The same modules with a few type errors appended (``--shadow-file``, one run)."""
    args, first_new = [], {}
    for module, (code, _) in BREAKAGES.items():
        text = (ROOT / module).read_text(encoding="utf-8").rstrip("\n") + "\n\n\n"
        first_new[module] = text.count("\n") + 1
        shadow = tmp_path / module.replace("/", "_")
        shadow.write_text(text + code, encoding="utf-8")
        args += ["--shadow-file", module, str(shadow)]
    run = _mypy(*args)
    assert run.returncode == 1, run.stdout + run.stderr
    found: dict[str, set[str]] = {m: set() for m in BREAKAGES}
    for line in run.stdout.splitlines():
        where, error, rest = line.partition(": error: ")
        if not error:
            continue  # notes and the summary
        module, _, number = where.rpartition(":")
        assert module in BREAKAGES and int(number) >= first_new[module], line  # nothing else
        found[module].add(rest.rsplit("[", 1)[1].rstrip("]"))
    assert found == {m: codes for m, (_, codes) in BREAKAGES.items()}, run.stdout
