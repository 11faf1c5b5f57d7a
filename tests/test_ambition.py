"""Annual rates and ambition classes at and around every threshold."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbt_xl import (
    SbtError,
    ambition_class,
    ambition_rate,
    assess_ambition,
    linear_annual_rate,
    reduction_from_recent,
)


@pytest.mark.parametrize(
    ("value", "rate"),
    [("1.5C", 0.042), ("wb2c", 0.025), ("2C", 0.0123), ("1.5℃", 0.042), (0.042, 0.042),
     ("4.2%", 0.042), ("2.5 %", 0.025), (0.0123, 0.0123)],
)
def test_ambition_rate(value, rate):
    assert ambition_rate(value) == pytest.approx(rate)


@pytest.mark.parametrize("value", ["3C", "", "abc"])
def test_unknown_ambition(value):
    with pytest.raises(SbtError, match="not an ambition"):
        ambition_rate(value)


def test_rate_typed_as_percent_number_is_refused():
    with pytest.raises(SbtError, match="more than 100"):
        ambition_rate(4.2)


# Ten-year targets: the class flips exactly at 42 %, 25 % and 12.3 %.
@pytest.mark.parametrize(
    ("reduction", "expected"),
    [(0.42, "1.5C"), (0.4199, "WB2C"), (0.25, "WB2C"), (0.2499, "2C"),
     (0.123, "2C"), (0.1229, "below 2C"), (0.0, "below 2C"), (1.0, "1.5C")],
)
def test_class_boundaries(reduction, expected):
    rate = linear_annual_rate(2020, 2030, reduction)
    assert rate == pytest.approx(reduction / 10)
    assert str(ambition_class(rate)) == expected


def test_recent_year_must_hold_too():
    # Base 2018: 100 t; recent 2021: 95 t; target 2030: 42 % below base = 58 t.
    # Base span: 0.42 / 12 = 3.5 %/yr (WB2C). From 2021: 1 - 58/95 = 0.389474 over
    # 9 years = 4.33 %/yr (1.5C). The weaker, WB2C, is what the target reaches.
    recent = reduction_from_recent(100, 95, 0.42)
    assert recent == pytest.approx(0.3894736842, abs=1e-10)
    result = assess_ambition(2018, 2030, 0.42, 2021, recent)
    assert result.base_rate == pytest.approx(0.035)
    assert result.recent_rate == pytest.approx(0.3894736842 / 9)
    assert str(result.base_class) == "WB2C"
    assert str(result.recent_class) == "1.5C"
    assert str(result.ambition) == "WB2C"


def test_recent_year_weaker_than_base():
    # Base 2020 at 100 t, target 2030 at -42 % = 58 t (4.2 %/yr: 1.5C). Emissions fell
    # to 60 t by 2022: 1 - 58/60 = 0.0333 left over 8 years = 0.42 %/yr: below 2C.
    result = assess_ambition(2020, 2030, 0.42, 2022, reduction_from_recent(100, 60, 0.42))
    assert str(result.base_class) == "1.5C"
    assert str(result.ambition) == "below 2C"


def test_already_met_target_is_below_2c():
    result = assess_ambition(2020, 2030, 0.3, 2022, reduction_from_recent(100, 50, 0.3))
    assert result.recent_rate < 0
    assert str(result.ambition) == "below 2C"


def test_vectorised_over_companies():
    rates = linear_annual_rate(np.full(4, 2020), np.array([2030, 2030, 2025, 2035]),
                               np.array([0.42, 0.2, 0.21, 0.3]))
    assert ambition_class(rates).tolist() == ["1.5C", "2C", "1.5C", "2C"]


def test_recent_inputs_come_together():
    with pytest.raises(SbtError) as err:
        assess_ambition(2020, 2030, 0.42, recent_year=2022)
    assert err.value.field == "recent_reduction"


def test_reduction_outside_0_1():
    with pytest.raises(SbtError, match="between 0 and 1"):
        linear_annual_rate(2020, 2030, 42)


@given(base=st.integers(1990, 2040), span=st.integers(1, 35), red=st.floats(0, 1))
def test_rate_times_years_is_reduction(base, span, red):
    rate = float(linear_annual_rate(base, base + span, red))
    assert rate * span == pytest.approx(red, rel=1e-12, abs=1e-15)


# The SBTi's published classes of real targets (issue #9): a stated reduction reaches a
# class when it is at least rate × years or that minimum rounded to a whole percent.
PUBLISHED = [
    (0.50, 2018, 2030, "1.5C"),   # 12 × 4.2 % = 50.4 %
    (0.46, 2019, 2030, "1.5C"),   # 11 × 4.2 % = 46.2 %
    (0.25, 2019, 2025, "1.5C"),   # 6 × 4.2 % = 25.2 %
    (0.71, 2018, 2035, "1.5C"),   # 17 × 4.2 % = 71.4 %
    (0.378, 2021, 2030, "1.5C"),  # 9 × 4.2 %, from the base year
    (0.49, 2018, 2030, "WB2C"),   # below 50 %: not 1.5 °C
    (0.30, 2018, 2030, "WB2C"),   # 12 × 2.5 % = 30 %
    (0.29, 2018, 2030, "2C"),     # 12 × 1.23 % = 14.76 % → 15 %
    (0.14, 2018, 2030, "below 2C"),
]


@pytest.mark.parametrize("reduction, base, target, label", PUBLISHED)
def test_published_classes(reduction, base, target, label):
    import sbt_xl_udfs as xl

    from sbt_xl.core.ambition import classify
    assert classify(reduction, target - base) == label
    assert str(assess_ambition(base, target, reduction).ambition) == label
    assert xl.SBT_AMBITION(float(base), float(target), reduction) == label


def test_class_minimum_rounds_only_down_to_a_whole_percent():
    from sbt_xl.core.ambition import class_minimum
    assert class_minimum(0.042, 12) == pytest.approx(0.50)   # 50.4 → 50
    assert class_minimum(0.042, 9) == pytest.approx(0.378)   # 37.8 → 38 is higher: 37.8
    assert class_minimum(0.025, 13) == pytest.approx(0.325)  # 32.5 → 33 (half up): 32.5
