"""Absolute contraction pathways against hand-computed figures and invariants."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbt_xl import SbtError, absolute_pathway, ambition_rate, pathway_table

# Base 100,000 tCO2e in 2020; by hand: E(2030) = 100000 * (1 - r * 10).
HAND = {
    "1.5C": {2021: 95_800.0, 2025: 79_000.0, 2030: 58_000.0},  # r = 4.2 %
    "WB2C": {2021: 97_500.0, 2025: 87_500.0, 2030: 75_000.0},  # r = 2.5 %
    "2C": {2021: 98_770.0, 2025: 93_850.0, 2030: 87_700.0},  # r = 1.23 %
}


@pytest.mark.parametrize("label", HAND)
def test_pathway_matches_hand_computation(label):
    years, emissions = pathway_table(100_000, 2020, 2030, ambition_rate(label))
    assert years.tolist() == list(range(2020, 2031))
    got = dict(zip(years.tolist(), emissions.tolist()))
    assert got[2020] == 100_000
    for year, expected in HAND[label].items():
        assert got[year] == pytest.approx(expected, rel=1e-12)


def test_pathway_stops_at_zero():
    # 1.5C from 2020: 1 - 0.042*23 = 0.034 in 2043, then below zero -> clamped to 0.
    e = absolute_pathway(1000, 2020, np.array([2043, 2044, 2050]), 0.042)
    assert e.tolist() == pytest.approx([34.0, 0.0, 0.0])


def test_ten_thousand_companies_in_one_call():
    rng = np.random.default_rng(1)
    base = rng.uniform(1, 1e6, 10_000)
    years = np.arange(2020, 2051)
    out = absolute_pathway(base[:, None], 2020, years, 0.025)
    assert out.shape == (10_000, 31)
    i = 1234
    assert out[i, 10] == pytest.approx(base[i] * 0.75)


@pytest.mark.parametrize(
    ("args", "field"),
    [((-1, 2020, 2030, 0.042), "base_emissions"),
     ((100, 2020, 2019, 0.042), "target_year"),
     ((100, 2020, 2020, 0.042), "target_year"),
     ((100, 2020.5, 2030, 0.042), "base_year")],
)
def test_bad_inputs_name_the_field(args, field):
    with pytest.raises(SbtError) as err:
        pathway_table(*args)
    assert err.value.field == field
    assert field in err.value.message("ja")


@given(
    e0=st.floats(0, 1e9),
    base=st.integers(2000, 2030),
    span=st.integers(1, 40),
    rate=st.floats(0.001, 0.2),
)
def test_monotone_and_rate_times_years_is_reduction(e0, base, span, rate):
    years, e = pathway_table(e0, base, base + span, rate)
    assert np.all(np.diff(e) <= 1e-9 * max(e0, 1))
    assert np.all(e >= 0)
    if e0 >= 1e-6 and rate * span <= 1:  # (subnormal floats cannot hold a share)
        reduction = 1 - e[-1] / e0
        assert reduction == pytest.approx(rate * span, rel=1e-9, abs=1e-12)
