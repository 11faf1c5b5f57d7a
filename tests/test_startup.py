"""Start-up: checking a workbook never loads numpy, pandas, openpyxl or xlwings, and the
plain-Python paths the checks take agree with the array paths the formulas take."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest
from workbook_helpers import WORKBOOKS

from sbt_xl.core import ambition, contraction, pathway, scope3

HEAVY = ("numpy", "pandas", "openpyxl", "xlwings", "importlib.metadata")
PROBE = """
import sys
from sbt_xl.cli.main import main
code = main(sys.argv[1:])
print("LOADED:" + ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def loaded(run: subprocess.CompletedProcess) -> str:
    return run.stdout.rsplit("LOADED:", 1)[1].strip()


@pytest.mark.parametrize("name", ["example_pass_en.xlsx", "example_errors_en.xlsx",
                                  "sbt_template_ja.xlsx"])
def test_validate_loads_no_heavy_library(name):
    run = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), "validate",
                          str(WORKBOOKS / name), "--json"], capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    assert loaded(run) == ""


def test_checking_without_writing_loads_no_writer(tmp_path):
    """The writer's modules and python-isal (its deflate) load only when a copy is written."""
    writer = ("isal", "sbt_xl.workbook.ooxml.sheettext", "sbt_xl.workbook.write.package_book")
    run = subprocess.run([sys.executable, "-c", PROBE.format(heavy=writer), "validate",
                          str(WORKBOOKS / "example_errors_en.xlsx"), "--json"],
                         capture_output=True, text=True)
    assert loaded(run) == "", run.stderr
    wrote = subprocess.run([sys.executable, "-c", PROBE.format(heavy=writer), "validate",
                            str(WORKBOOKS / "example_errors_en.xlsx"), "-o",
                            str(tmp_path / "out.xlsx")], capture_output=True, text=True)
    assert (tmp_path / "out.xlsx").exists(), wrote.stderr
    assert loaded(wrote) == ",".join(writer)  # (the probe sees them when they load)


def test_an_sda_target_loads_numpy_for_the_sector_pathway():
    """The one exception, and why: a sector pathway is an array of years."""
    run = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), "validate",
                          str(WORKBOOKS / "example_cement_ja.xlsx"), "--json"],
                         capture_output=True, text=True)
    assert loaded(run) == "numpy"


RNG = random.Random(2026)
CASES = 300


def test_class_minimum_and_reaches_plain_equal_arrays():
    rates = [RNG.choice(list(ambition.AMBITION_RATES.values())) for _ in range(CASES)]
    years = [RNG.randint(1, 30) for _ in range(CASES)]
    cuts = [round(RNG.uniform(0, 1), RNG.choice([2, 3, 4])) for _ in range(CASES)]
    arr = ambition.class_minimum(np.array(rates), np.array(years))
    reached = ambition.reaches(np.array(cuts), np.array(rates), np.array(years))
    for i in range(CASES):
        one = ambition.class_minimum(rates[i], years[i])
        assert type(one) is float and one == arr[i]
        assert ambition.reaches(cuts[i], rates[i], years[i]) == reached[i]


def test_scope3_coverage_plain_equals_arrays():
    for _ in range(CASES // 3):
        cats = [RNG.choice([0.0, RNG.uniform(0, 1e6)]) for _ in range(15)]
        cats[RNG.randrange(15)] = RNG.uniform(1, 1e6)
        rows = [[RNG.choice([0.0, 1.0, RNG.uniform(0, 1)]) for _ in range(15)]
                for _ in range(RNG.randint(1, 4))]
        plain = scope3.scope3_coverage(cats, rows)
        assert type(plain) is float
        assert plain == pytest.approx(float(scope3.scope3_coverage(np.array(cats),
                                                                   np.array(rows))), rel=1e-12)


def test_on_track_plain_equals_arrays():
    for _ in range(CASES):
        by = RNG.randint(2015, 2022)
        ty, y = by + RNG.randint(1, 15), by + RNG.randint(0, 20)
        e0, red = RNG.uniform(1, 1e6), RNG.uniform(0, 1)
        actual = e0 * RNG.uniform(0.2, 1.2)
        ok, gap = pathway.on_track(e0, by, ty, red, y, actual)
        ok_a, gap_a = pathway.on_track(np.array([e0]), np.array([by]), np.array([ty]),
                                       np.array([red]), np.array([y]), np.array([actual]))
        assert type(gap) is float and gap == pytest.approx(gap_a[0], abs=1e-6)
        assert ok == ok_a[0]


def test_paths_minimum_plain_equals_arrays():
    for _ in range(CASES // 3):
        by = RNG.randint(2015, 2022)
        ty, ry = by + RNG.randint(5, 15), by + RNG.randint(0, 4)
        s = [RNG.choice([0.0, RNG.uniform(1, 1e5)]) for _ in range(3)]
        s[0] += 1.0
        nz = RNG.choice([None, float("nan"), RNG.randint(2035, 2050)])
        plain = contraction.paths_minimum(by, ty, *s, "1.5C", ry, nz)
        arr = contraction.paths_minimum(np.array([by]), np.array([ty]), *map(np.array, s),
                                        "1.5C", np.array([ry]),
                                        None if nz is None else np.array([float(nz)]))
        assert plain.reduction == pytest.approx(float(np.asarray(arr.reduction).ravel()[0]))
