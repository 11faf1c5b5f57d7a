"""Scope 3 share, the S3-TRIGGER threshold per criteria version, and coverage."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbt_xl import (
    SbtError,
    get_criteria,
    scope3_coverage,
    scope3_required,
    scope3_share,
)


def test_share_by_hand():
    assert float(scope3_share(120, 80, 300)) == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("s3", "criteria", "required"),
    [(40.0, "v4", True), (39.9, "v4", False), (40.0, "v5", True), (39.9, "v5", False),
     (39.9, None, False), (0.0, "nz1", True), (39.9, "nz1", True)],
)
def test_trigger_at_40_percent(s3, criteria, required):
    # Scope 1+2 = 100 - s3 so that the share is exactly s3 %.
    s12 = 100.0 - s3
    assert bool(scope3_required(s12 / 2, s12 / 2, s3, criteria)) is required


def test_trigger_exact_binary_boundary():
    # 0.4 of a total that is not a round number still triggers.
    s1, s2 = 123.456, 654.321
    s3 = 0.4 / 0.6 * (s1 + s2)
    assert bool(scope3_required(s1, s2, s3, "v5"))


def test_unknown_criteria():
    with pytest.raises(SbtError, match="v4, v5, v5-2026, nz1"):
        get_criteria("v6")


def test_zero_total_is_an_error_not_nan():
    with pytest.raises(SbtError, match="zero"):
        scope3_share(0, 0, 0)


def test_coverage_union_counts_each_category_once():
    cats = np.zeros(15)
    cats[[0, 3, 10]] = [500, 300, 200]  # cat 1, 4 and 11; total 1000
    t1 = np.zeros(15)
    t1[[0, 3]] = 1  # cat 1 and 4
    t2 = np.zeros(15)
    t2[[3]] = 1  # cat 4 again
    t2[10] = 0.5  # half of cat 11
    # By hand: 500 + 300 + 0.5*200 = 900 of 1000.
    assert float(scope3_coverage(cats, [t1, t2])) == pytest.approx(0.9)


@pytest.mark.parametrize(("covered", "meets"), [(0.66, False), (0.67, True)])
def test_coverage_against_two_thirds(covered, meets):
    cats = np.full(15, 100.0)
    share = np.full((1, 15), covered)
    cov = float(scope3_coverage(cats, share))
    assert cov == pytest.approx(covered)
    assert (cov >= get_criteria("v5").scope3_coverage) is meets


@given(st.lists(st.floats(0, 1e6), min_size=15, max_size=15),
       st.lists(st.booleans(), min_size=15, max_size=15))
def test_coverage_is_a_share(cats, mask):
    cats = np.array(cats)
    if cats.sum() == 0:
        return
    cov = float(scope3_coverage(cats, [mask]))
    assert 0 <= cov <= 1 + 1e-12
    assert cov == pytest.approx(cats[np.array(mask)].sum() / cats.sum())
