"""The packages ``[tool.mypy]`` lists in pyproject.toml type-check clean under --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean_on_the_listed_packages():
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
