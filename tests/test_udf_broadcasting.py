"""Every formula broadcasts like Excel's arrays: one cell, a column, a row or a grid, and
the result spills in the shape of the inputs. Expected values are computed here, cell by
cell, from the criteria doc's formulas (SDA: Krabbe written out in test_sda)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sbt_xl_udfs as xl
from test_formulas_example import _reaches
from test_sda import _krabbe

ERR = "#SBT! "
E0 = [120_000.0, 80_000.0, 5_000.0]
YEARS = [2022.0, 2025.0, 2030.0, 2035.0]
RATES = {"1.5C": 0.042, "WB2C": 0.025, "2C": 0.0123}


def col(values):
    return [[v] for v in values]


def row(values):
    return [list(values)]


def pathway(e0, by, y, r):
    return e0 * max(0.0, 1.0 - r * (y - by))


def test_pathway_companies_by_years_grid():
    got = xl.SBT_PATHWAY(col(E0), 2020.0, 2030.0, "WB2C", row(YEARS))
    assert np.shape(got) == (3, 4)
    for (i, e0), (j, y) in itertools.product(enumerate(E0), enumerate(YEARS)):
        assert got[i][j] == pytest.approx(pathway(e0, 2020, y, 0.025))


def test_pathway_one_year_per_company_and_per_row():
    got = xl.SBT_PATHWAY(col(E0), col([2018.0, 2019.0, 2020.0]), 2030.0,
                         col(["1.5C", "WB2C", None]), 2025.0)
    assert got == [[pytest.approx(pathway(E0[0], 2018, 2025, 0.042))],
                   [pytest.approx(pathway(E0[1], 2019, 2025, 0.025))],
                   [pytest.approx(pathway(E0[2], 2020, 2025, 0.042))]]  # blank: 1.5C
    across = xl.SBT_PATHWAY(row(E0), 2020.0, 2030.0, "2C", [[2026.0]])
    assert across == [[pytest.approx(pathway(e, 2020, 2026, 0.0123)) for e in E0]]


def test_scalars_as_excel_passes_them_are_unchanged():
    """With ndim=2 a single cell arrives as [[v]]; the answer is still one number."""
    assert xl.SBT_PATHWAY([[1000.0]], [[2020.0]], [[2030.0]], [[None]], [[2025.0]]) == \
        pytest.approx(790.0)
    assert xl.SBT_PATHWAY(1000.0, 2020.0, 2030.0, None, 2025.0) == pytest.approx(790.0)
    table = xl.SBT_PATHWAY([[1000.0]], [[2020.0]], [[2022.0]], [["2C"]], [[None]])
    assert table == [[2020, 1000.0], [2021, pytest.approx(987.7)], [2022, pytest.approx(975.4)]]
    assert isinstance(xl.SBT_ANNUAL_RATE([[2020.0]], [[2030.0]], [[0.42]]), float)
    assert xl.SBT_AMBITION([[2020.0]], [[2030.0]], [[0.42]], [[None]], [[None]]) == "1.5C"


def test_annual_rate_and_ambition_grids():
    reductions = [0.42, 0.25, 0.123, 0.05]
    base_years = [2018.0, 2020.0]
    got = xl.SBT_ANNUAL_RATE(col(base_years), 2030.0, row(reductions))
    assert np.shape(got) == (2, 4)
    for (i, by), (j, red) in itertools.product(enumerate(base_years), enumerate(reductions)):
        assert got[i][j] == pytest.approx(red / (2030 - by))
    classes = xl.SBT_AMBITION(col(base_years), 2030.0, row(reductions))
    for (i, by), (j, red) in itertools.product(enumerate(base_years), enumerate(reductions)):
        want = next((k for k, r in RATES.items() if _reaches(red, r * (2030 - by))),
                    "below 2C")
        assert classes[i][j] == want, (by, red)


def test_ambition_recent_year_columns():
    got = xl.SBT_AMBITION(2020.0, 2030.0, col([0.42, 0.42]), col([2022.0, 2022.0]),
                          col([0.34, 0.30]))
    # from 2022: 34 % / 8 = 4.25 %/yr keeps 1.5C; 30 % / 8 = 3.75 %/yr is WB2C
    assert got == [["1.5C"], ["WB2C"]]


def test_sda_mixed_sectors_and_years_grid():
    sectors = col(["cement", "iron_steel", "セメント"])
    base_i = col([0.70, 1.8, 0.65])
    years = row([2025.0, 2030.0, 2040.0])
    got = xl.SBT_SDA_INTENSITY(sectors, 2020.0, base_i, 2.0e6, years, 2.4e6)
    assert np.shape(got) == (3, 3)
    ids = ["cement", "iron_steel", "cement"]
    for (i, sector), (j, y) in itertools.product(enumerate(ids), enumerate([2025, 2030, 2040])):
        want = _krabbe(sector, 2020, base_i[i][0], 2.0e6, y, 2.4e6)
        assert got[i][j] == pytest.approx(want, rel=1e-12), (sector, y)


def test_scope3_share_rows_columns_and_category_blocks():
    s1, s2 = [10.0, 50.0, 0.0], [10.0, 0.0, 5.0]
    cats = [[1.0] * 15, [0.0] * 14 + [50.0], [None] * 15]
    totals = [15.0, 50.0, 0.0]
    want = [t / (a + b + t) for a, b, t in zip(s1, s2, totals, strict=True)]
    assert xl.SBT_SCOPE3_SHARE(col(s1), col(s2), cats) == [[pytest.approx(w)] for w in want]
    assert xl.SBT_SCOPE3_SHARE(col(s1), col(s2), col(totals)) == \
        [[pytest.approx(w)] for w in want]
    assert xl.SBT_SCOPE3_SHARE(row(s1), row(s2), row(totals)) == [[pytest.approx(w) for w in want]]
    one = xl.SBT_SCOPE3_SHARE(30.0, 20.0, col([10.0, None, 30.0] + [None] * 12))
    assert one == pytest.approx(40 / 90)


def test_scope3_required_with_a_column_of_criteria():
    got = xl.SBT_SCOPE3_REQUIRED(col([30.0, 30.0]), col([30.0, 30.0]), col([39.0, 39.0]),
                                 col(["v5", "nz1"]))
    assert got == [[False], [True]]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: xl.SBT_ANNUAL_RATE(col([2020.0, 2021.0]), 2030.0, col([0.4, 0.4, 0.4])),
     "base_year is 2 rows × 1 column but reduction is 3 rows × 1 column"),
    (lambda: xl.SBT_PATHWAY(col(E0), 2020.0, 2030.0, None, row([2025.0, 2030.0]) * 2),
     "base_emissions is 3 rows × 1 column but at_year is 2 rows × 2 columns"),
    (lambda: xl.SBT_SDA_INTENSITY("cement", 2020.0, row([0.7, 0.8]), 1e6,
                                  row([2030.0, 2035.0, 2040.0]), 1e6),
     "base_intensity is 1 row × 2 columns but target_year is 1 row × 3 columns"),
    (lambda: xl.SBT_PATHWAY(col(E0), 2020.0, 2030.0),
     "base_emissions is a range: give at_year"),
    (lambda: xl.SBT_PATHWAY(col([1.0, None]), 2020.0, 2030.0, None, 2025.0),
     "base_emissions (row 2) is blank"),
    (lambda: xl.SBT_ANNUAL_RATE(2020.0, 2030.0, [[0.4, "#N/A"]]),
     "reduction (row 1, column 2) holds the Excel error #N/A"),
])
def test_shape_and_cell_errors_are_one_clear_message(call, message):
    out = call()
    assert isinstance(out, str) and out.startswith(ERR) and message in out


def test_shape_error_in_japanese(monkeypatch):
    monkeypatch.setenv("SBT_XL_LANG", "ja")
    out = xl.SBT_ANNUAL_RATE(col([2020.0, 2021.0]), 2030.0, col([0.4, 0.4, 0.4]))
    assert out == ERR + ("base_year は 2 行 × 1 列、reduction は 3 行 × 1 列 で形が合いません。"
                         "1 セル、列、行、または同じ大きさの範囲を指定してください")
