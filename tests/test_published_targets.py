"""sbt-xl's classes against the SBTi's own: 1,902 published near-term scope 1+2 absolute
targets (tests/data/SOURCES.md). The classes the SBTi published are the referee."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import sbt_xl_udfs as xl

from sbt_xl.core.ambition import classify

DATA = Path(__file__).parent / "data" / "sbti_published_targets.csv"
#: The published classes sbt-xl does not reproduce, each explained in docs/criteria.md:
#: Essity AB, 35 % from 2016 to 2030 (2.5 %/yr) published as 1.5 °C, which today's
#: linear minimum (58.8 %) does not give; its classification predates that method.
KNOWN_DISAGREEMENTS = {"Essity AB"}


def _targets() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_agreement_with_the_sbti_published_classes():
    rows = _targets()
    assert len(rows) == 1902
    years = np.array([int(r["target_year"]) - int(r["base_year"]) for r in rows])
    reductions = np.array([float(r["reduction_pct"]) / 100 for r in rows])
    ours = classify(reductions, years)
    disagree = {r["company"] for r, c in zip(rows, ours, strict=True) if c != r["sbti_class"]}
    assert disagree == KNOWN_DISAGREEMENTS
    agreement = 1 - len(disagree) / len(rows)
    assert agreement > 0.999  # 1,901 of 1,902


def test_the_rounding_practice_is_what_makes_them_agree():
    """Without the whole-percent practice, 45 of these published 1.5 °C targets (46.2 %
    2019→2030 stated as 46 %, and the like) would be called well-below 2 °C."""
    rows = _targets()
    strict = [r for r in rows if r["sbti_class"] == "1.5C"
              and float(r["reduction_pct"]) / 100 < 0.042 * (int(r["target_year"])
                                                             - int(r["base_year"])) - 1e-9]
    assert len(strict) == 46
    assert all(classify(float(r["reduction_pct"]) / 100,
                        int(r["target_year"]) - int(r["base_year"])) == "1.5C"
               for r in strict if r["company"] not in KNOWN_DISAGREEMENTS)


def test_the_formula_agrees_on_a_column_of_published_targets():
    rows = [r for r in _targets() if r["company"] not in KNOWN_DISAGREEMENTS][:600]
    got = xl.SBT_AMBITION([[float(r["base_year"])] for r in rows],
                          [[float(r["target_year"])] for r in rows],
                          [[float(r["reduction_pct"]) / 100] for r in rows])
    assert [g[0] for g in got] == [r["sbti_class"] for r in rows]
