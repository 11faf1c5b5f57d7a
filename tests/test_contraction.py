"""The 2026 absolute contraction (Target-Setting Tool v2.5) against cases worked by hand.

Each expected figure is written out as the arithmetic of the method's definition (SBTi
news release 2026-04-29; the tool's Calculations sheet as ported), not taken from the code.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sbt_xl.core import contraction as c
from sbt_xl.errors import SbtError


def test_worked_example_of_the_issue():
    # BY = MRY = 2024, scope 1 = scope 2, target 2031: (½·0.9/26 + ½·1/16) × 7
    m = c.paths_minimum(2024, 2031, 500.0, 500.0, 0.0)
    assert m.reduction == pytest.approx((0.5 * 0.9 / 26 + 0.5 * 1 / 16) * 7)
    assert round(m.reduction * 100, 1) == 34.0
    assert m.floor_applies is False
    assert m.annual_rate == pytest.approx(m.reduction / 7)
    assert m.method == c.NET_ZERO_PATHS


def test_floor_active_gives_the_fixed_rate():
    # BY 2023, MRY 2024, 60 % scope 1 / 40 % scope 2, target 2035:
    # (0.6·0.9/26 + 0.4·1/16)·11/12 = 0.04196 /yr < 4.2 %/yr -> 4.2 × 12 = 50.4 %
    m = c.paths_minimum(2023, 2035, 60.0, 40.0, 0.0, recent_year=2024)
    assert (0.6 * 0.9 / 26 + 0.4 / 16) * 11 / 12 < 0.042
    assert m.floor_applies is True
    assert m.annual_rate == pytest.approx(0.042)
    assert m.reduction == pytest.approx(0.504)


def test_scope2_only_follows_the_2040_path():
    # all scope 2, BY = MRY = 2025, target 2030: 1/15 per year × 5 = 33.3 %
    m = c.paths_minimum(2025, 2030, 0.0, 1000.0, 0.0)
    assert m.reduction == pytest.approx(5 / 15)
    assert m.annual_rate == pytest.approx(1 / 15)
    # the same target by the fixed rate: 4.2 × 5 = 21 %
    assert c.fixed_rate_minimum(2025, 2030).reduction == pytest.approx(0.21)


def test_net_zero_year_before_2040_brings_every_path_forward():
    # net zero 2035, BY = MRY = 2025, target 2030, 50/50 scope 1 and 2:
    # scope 1 0.9/10, scope 2 1/10 -> 0.095/yr × 5 = 47.5 %
    m = c.paths_minimum(2025, 2030, 1.0, 1.0, 0.0, net_zero_year=2035)
    assert m.reduction == pytest.approx((0.5 * 0.09 + 0.5 * 0.1) * 5)
    assert [s.net_zero_year for s in m.scopes[:2]] == [2035, 2035]
    # a net-zero year after 2040 leaves scope 2 at 2040: scope 1 0.9/20, scope 2 1/15
    later = c.paths_minimum(2025, 2030, 1.0, 1.0, 0.0, net_zero_year=2045)
    assert later.reduction == pytest.approx((0.5 * 0.9 / 20 + 0.5 / 15) * 5)


def test_ninety_percent_cap():
    # scope 2 only, net zero 2030, BY = MRY = 2026, target 2030: 1/4 per year × 4 = 100 %
    m = c.paths_minimum(2026, 2030, 0.0, 10.0, 0.0, net_zero_year=2030)
    assert m.annual_rate == pytest.approx(0.25)
    assert m.reduction == pytest.approx(0.90)


def test_recent_year_after_base_year_spreads_over_the_whole_span():
    # BY 2020, MRY 2025, target 2030, scope 2 only: (1/15)·5 over 10 years = 3.33 %/yr,
    # below the floor: 4.2 × 10 = 42 %; scope 1 only with BY 2024, MRY 2026, target 2032:
    # 0.9/24 · 6 / 8 = 2.81 %/yr -> floor 4.2 %/yr -> 33.6 %
    m = c.paths_minimum(2020, 2030, 0.0, 5.0, 0.0, recent_year=2025)
    assert (1 / 15) * 5 / 10 < 0.042 and m.floor_applies
    assert m.reduction == pytest.approx(0.42)
    s2 = c.paths_minimum(2024, 2030, 0.0, 5.0, 0.0, recent_year=2026)
    # (1/14)·4 / 6 = 4.76 %/yr: no floor, 28.6 %
    assert s2.floor_applies is False
    assert s2.reduction == pytest.approx(4 / 14)
    assert s2.annual_rate == pytest.approx(4 / 14 / 6)


def test_scope3_well_below_2c_and_its_floor():
    # scope 3 only, WB2C, BY = MRY = 2025, target 2030: 0.75/25 = 3 %/yr > 2.5 % -> 15 %
    m = c.paths_minimum(2025, 2030, 0.0, 0.0, 7.0, ambition="WB2C")
    assert m.reduction == pytest.approx(0.75 / 25 * 5)
    assert m.floor_applies is False
    # 1.5C: 0.9/25 = 3.6 %/yr < 4.2 % -> floor, 21 %
    h = c.paths_minimum(2025, 2030, 0.0, 0.0, 7.0, ambition="1.5C")
    assert h.floor_applies and h.reduction == pytest.approx(0.21)
    # WB2C with MRY 2027 after BY 2024, target 2030: 0.75/23·3/6 = 1.6 %/yr -> floor 2.5 %
    f = c.paths_minimum(2024, 2030, 0.0, 0.0, 7.0, ambition="WB2C", recent_year=2027)
    assert f.floor_applies and f.reduction == pytest.approx(0.025 * 6)


def test_weights_are_the_covered_emissions():
    # 1 : 3 : 6 of scopes 1, 2, 3 at 1.5C, BY = MRY = 2026, target 2031
    w = np.array([1, 3, 6]) / 10
    rates = np.array([0.9 / 24, 1 / 14, 0.9 / 24])
    m = c.paths_minimum(2026, 2031, 10.0, 30.0, 60.0)
    assert m.path_rate == pytest.approx(float(w @ rates))
    assert [s.weight for s in m.scopes] == pytest.approx(list(w))


def test_vectorised_columns_match_single_cells():
    by = np.array([[2024], [2023], [2025]])
    s2 = np.array([[500.0], [40.0], [1000.0]])
    m = c.paths_minimum(by, 2031, 500.0, s2, 0.0)
    for i in range(3):
        one = c.paths_minimum(int(by[i, 0]), 2031, 500.0, float(s2[i, 0]), 0.0)
        assert m.reduction[i, 0] == pytest.approx(one.reduction)
        assert bool(m.floor_applies[i, 0]) is one.floor_applies


def test_the_method_in_force_by_date():
    assert c.method_in_force(dt.date(2026, 4, 13)) == c.FIXED_RATE
    assert c.method_in_force(dt.date(2026, 4, 14)) == c.NET_ZERO_PATHS
    old = c.minimum_reduction(2024, 2031, 1.0, 1.0, 0.0, as_of=dt.date(2025, 9, 1))
    new = c.minimum_reduction(2024, 2031, 1.0, 1.0, 0.0, as_of=dt.date(2026, 9, 1))
    assert old.reduction == pytest.approx(0.042 * 7)
    assert new.reduction == pytest.approx((0.5 * 0.9 / 26 + 0.5 / 16) * 7)


@pytest.mark.parametrize("kwargs, code, field", [
    ({"ambition": "2C"}, "unknown_contraction_ambition", "ambition"),
    ({"recent_year": 2031}, "recent_outside", "recent_year"),
    ({"recent_year": 2020}, "year_before_base", "recent_year"),
    ({"net_zero_year": 2024}, "net_zero_not_after_recent", "net_zero_year"),
])
def test_bad_input_names_the_argument(kwargs, code, field):
    with pytest.raises(SbtError) as err:
        c.paths_minimum(2024, 2031, 1.0, 1.0, 0.0, **kwargs)
    assert err.value.code == code and err.value.field == field


def test_no_covered_emissions_is_refused():
    with pytest.raises(SbtError) as err:
        c.paths_minimum(2024, 2031, 0.0, 0.0, 0.0)
    assert err.value.code == "no_covered_emissions"
