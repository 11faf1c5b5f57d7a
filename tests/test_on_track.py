"""On track: actual emissions against the target's straight line, at and around the line.
Figures worked out by hand: 100,000 t in 2020, 42 % by 2030 allows 100,000 × (1 − 0.42 ×
5/10) = 79,000 t in 2025 and 58,000 t from 2030 on."""

from __future__ import annotations

import pytest
import sbt_xl_udfs as xl

from sbt_xl.core.pathway import on_track, target_pathway


@pytest.mark.parametrize("year, actual, ok, gap", [
    (2025, 79_000.0, True, 0.0),
    (2025, 79_000.01, False, 0.01),
    (2025, 78_999.0, True, -1.0),
    (2020, 100_000.0, True, 0.0),
    (2030, 58_000.0, True, 0.0),
    (2033, 58_500.0, False, 500.0),   # flat after the target year
])
def test_on_track_at_and_around_the_line(year, actual, ok, gap):
    got, by = on_track(100_000.0, 2020, 2030, 0.42, year, actual)
    assert bool(got) is ok and float(by) == pytest.approx(gap, abs=1e-6)
    assert xl.SBT_ON_TRACK(100_000.0, 2020.0, 2030.0, 0.42, float(year), actual) is ok


def test_pathway_values():
    assert target_pathway(100_000.0, 2020, 2030, 0.42, 2025) == pytest.approx(79_000.0)
    assert target_pathway(100_000.0, 2020, 2030, 0.42, 2040) == pytest.approx(58_000.0)


def test_formula_over_a_column_and_a_row_of_years():
    got = xl.SBT_ON_TRACK([[100_000.0], [50_000.0]], 2020.0, 2030.0, 0.42,
                          [[2022.0, 2025.0]], [[92_000.0, 80_000.0], [45_000.0, 39_000.0]])
    # allowed: 91,600 / 79,000 and 45,800 / 39,500
    assert got == [[False, False], [True, True]]
    assert xl.SBT_ON_TRACK(100_000.0, 2020.0, 2030.0, 0.42, 2019.0, 1.0).startswith("#SBT! ")
