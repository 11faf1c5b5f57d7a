"""SDA convergence against an independent scalar computation and its invariants."""

import csv
from importlib import resources

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbt_xl import SbtError, sda_intensity, sda_target, sector_pathway
from sbt_xl.core.sectors import SECTORS


def _csv_pathway(sector):
    """The shipped rows read with the csv module, independent of the package's loader."""
    with (resources.files("sbt_xl.core") / "data" / "sector_pathways.csv").open() as fh:
        rows = [r for r in csv.DictReader(fh) if r["sector"] == sector]
    return ({int(r["year"]): float(r["intensity"]) for r in rows},
            {int(r["year"]): float(r["activity"]) for r in rows})


def _krabbe(sector, by, i_co, a_co_b, ty, a_co_t):
    """Krabbe et al. (2015) written out term by term, one company, one year."""
    i_sec, a_sec = _csv_pathway(sector)
    d = i_co - i_sec[2050]
    p = (i_sec[ty] - i_sec[2050]) / (i_sec[by] - i_sec[2050])
    m = (a_co_b / a_sec[by]) / (a_co_t / a_sec[ty])
    return d * p * m + i_sec[2050]


def test_cement_worked_example_by_hand():
    # Shipped OECM 1.5C cement: I(2020)=0.616, I(2030)=0.386, I(2050)=0.144 tCO2e/t;
    # A(2020)=4.24028e9 t, A(2030)=4.59511e9 t.
    # Company: 0.70 tCO2e/t on 2.0 Mt in 2020, 2.4 Mt in 2030.
    # d = 0.70 - 0.144 = 0.556; p = (0.386-0.144)/(0.616-0.144) = 0.242/0.472 = 0.512712
    # m = (2.0e6/4.24028e9)/(2.4e6/4.59511e9) = 0.903067
    # I = 0.556 * 0.512712 * 0.903067 + 0.144 = 0.401435
    i_sec, a_sec = _csv_pathway("cement")
    assert (i_sec[2020], i_sec[2030], i_sec[2050]) == (0.616, 0.386, 0.144)
    assert (a_sec[2020], a_sec[2030]) == (4.24028e9, 4.59511e9)
    got, emissions = sda_target("cement", 2020, 0.70, 2.0e6, 2030, 2.4e6)
    assert float(got) == pytest.approx(0.401435, abs=2e-6)
    assert float(emissions) == pytest.approx(0.401435 * 2.4e6, rel=1e-5)


@pytest.mark.parametrize("sector", [s.id for s in SECTORS if s.missing_reason is None])
def test_every_shipped_sector_matches_independent_formula(sector):
    rng = np.random.default_rng(7)
    i_sec, a_sec = _csv_pathway(sector)
    for _ in range(20):
        by = int(rng.integers(2019, 2030))
        ty = int(rng.integers(by, 2051))
        i_co = i_sec[by] * rng.uniform(0.5, 2.0)
        a_b = rng.uniform(1e3, 1e7)
        a_t = a_b * rng.uniform(0.5, 3.0)
        got = sda_target(sector, by, i_co, a_b, ty, a_t)[0]
        assert float(got) == pytest.approx(_krabbe(sector, by, i_co, a_b, ty, a_t), rel=1e-12)


def test_vectorised_years_and_companies():
    path = sector_pathway("iron_steel")
    base_i = np.linspace(1.0, 2.5, 10_000)
    out = sda_intensity(path, 2020, base_i[:, None], 1e6, np.arange(2020, 2051), 1e6)
    assert out.shape == (10_000, 31)
    assert out[:, 0] == pytest.approx(base_i)  # base year: own intensity
    assert out[:, -1] == pytest.approx(path.intensity[-1])  # 2050: sector intensity


@given(
    sector=st.sampled_from([s.id for s in SECTORS if s.missing_reason is None]),
    by=st.integers(2019, 2035),
    factor=st.floats(0.2, 5.0),
    growth=st.floats(0.3, 4.0),
)
def test_converges_to_sector_2050(sector, by, factor, growth):
    path = sector_pathway(sector)
    i_co = path.intensity[by - 2019] * factor
    at_2050 = sda_intensity(path, by, i_co, 1e5, 2050, 1e5 * growth)
    assert float(at_2050) == pytest.approx(path.intensity[-1], abs=1e-12)


@given(sector=st.sampled_from(["power", "cement", "aluminium", "iron_steel"]),
       share=st.floats(1e-6, 0.5))
def test_company_like_the_sector_follows_the_sector(sector, share):
    # Same intensity as the sector and a constant market share: m = 1, d·p = I_sec - I_2050.
    path = sector_pathway(sector)
    years = np.arange(2020, 2051)
    got = sda_intensity(path, 2020, path.intensity[1], share * path.activity[1], years,
                        share * path.activity[years - 2019])
    assert got == pytest.approx(path.intensity[1:], rel=1e-9, abs=1e-12)


def test_growing_market_share_tightens_the_target():
    slow = sda_target("cement", 2020, 0.7, 1e6, 2030, 1.0e6)[0]
    fast = sda_target("cement", 2020, 0.7, 1e6, 2030, 2.0e6)[0]
    assert float(fast) < float(slow)


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [({"target_year": 2019}, "target_year", "before base_year"),
     ({"target_year": 2051}, "target_year", "outside"),
     ({"base_year": 2010, "target_year": 2030}, "base_year", "outside"),
     ({"base_activity": 0}, "base_activity", "greater than zero"),
     ({"base_intensity": -0.1}, "base_intensity", "negative")],
)
def test_bad_sda_inputs(kwargs, field, text):
    args = {"base_year": 2020, "base_intensity": 0.7, "base_activity": 1e6,
            "target_year": 2030, "target_activity": 1e6} | kwargs
    with pytest.raises(SbtError, match=text) as err:
        sda_target("cement", **args)
    assert err.value.field == field


@pytest.mark.parametrize("sector", ["pulp_paper", "紙・パルプ", "passenger_transport"])
def test_sector_without_public_data_says_why(sector):
    with pytest.raises(SbtError) as err:
        sda_target(sector, 2020, 1, 1, 2030, 1)
    assert err.value.code == "sector_without_data"
    assert "総量削減" in err.value.message("ja")


def test_unknown_sector_and_scenario():
    with pytest.raises(SbtError, match="not an SDA sector"):
        sector_pathway("shipping")
    with pytest.raises(SbtError, match="OECM-1.5C"):
        sector_pathway("cement", "IEA-B2DS")
