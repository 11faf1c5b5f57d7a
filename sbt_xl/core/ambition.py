"""Ambition labels, their linear reduction rates, and the class a stated target reaches.

Criteria doc section 1: a linear (absolute contraction) pathway cuts the same share of
base-year emissions every year. The rates below are the one place these numbers live.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.core import guards
from sbt_xl.errors import SbtError

#: Linear annual reduction, as a share of base-year emissions per year (criteria doc §1).
AMBITION_RATES: dict[str, float] = {"1.5C": 0.042, "WB2C": 0.025, "2C": 0.0123}
#: The class of a target that reaches none of the labels above.
BELOW_2C = "below 2C"
#: Labels from most to least ambitious.
AMBITION_ORDER: tuple[str, ...] = ("1.5C", "WB2C", "2C", BELOW_2C)

_ALIASES = {"1.5": "1.5C", "1.5°C": "1.5C", "1.5℃": "1.5C", "WB2": "WB2C",
            "WELL BELOW 2C": "WB2C", "WB2°C": "WB2C", "WB2℃": "WB2C",
            "2": "2C", "2°C": "2C", "2℃": "2C"}


def ambition_rate(ambition: str | float, field: str = "ambition") -> float:
    """The annual linear rate for a label (``"1.5C"``, ``"WB2C"``, ``"2C"``) or a rate.

    A number is a share per year (``0.042``); text may be a label or a percentage
    (``"4.2%"``). Rates above 100 %/yr are refused as a likely typing slip.
    """
    if isinstance(ambition, str):
        text = ambition.strip().upper().replace(" ", "")
        label = text if text in AMBITION_RATES else _ALIASES.get(text)
        if label is not None:
            return AMBITION_RATES[label]
        try:
            rate = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise SbtError("unknown_ambition", field=field, value=ambition) from None
    else:
        rate = float(ambition)
    if not math.isfinite(rate) or rate <= 0:
        raise SbtError("not_positive", field=field, value=ambition)
    if rate > 1:
        raise SbtError("rate_too_large", field=field, value=ambition)
    return rate


def linear_annual_rate(
    base_year: ArrayLike, target_year: ArrayLike, reduction: ArrayLike
) -> guards.Floats:
    """``reduction / (target_year - base_year)``: the share of base-year emissions cut per year."""
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    guards.after("target_year", ty, by)
    red = guards.fraction("reduction", reduction)
    rate: guards.Floats = red / (ty - by)
    return rate


def class_minimum(rate: ArrayLike, years: ArrayLike) -> NDArray[np.float64] | float:
    """The smallest stated reduction that reaches a class of annual ``rate`` over
    ``years``: ``rate × years``, or that share rounded to the nearest whole percent when
    that is lower.

    SBTi practice (its published classifications): "50 % by 2030 from a 2018 base year"
    is 1.5 °C although 12 × 4.2 % = 50.4 %; likewise 46 % 2019→2030 (46.2 %), 25 %
    2019→2025 (25.2 %), 71 % 2018→2035 (71.4 %). Halves round up, as Excel's ROUND does.
    """
    if guards.plain(rate) and guards.plain(years):
        one = round(rate * years, guards.THRESHOLD_DECIMALS)
        return min(one, math.floor(one * 100 + 0.5) / 100)
    exact = np.round(np.asarray(rate, dtype=float) * years, guards.THRESHOLD_DECIMALS)
    whole = np.floor(exact * 100 + 0.5) / 100
    out = np.minimum(exact, whole)
    return float(out) if np.ndim(out) == 0 else out


def reaches(reduction: ArrayLike, rate: ArrayLike, years: ArrayLike
            ) -> NDArray[np.bool_] | bool:
    """Does a stated ``reduction`` over ``years`` reach the class of annual ``rate``?
    (see :func:`class_minimum`)."""
    minimum = class_minimum(rate, years)
    if isinstance(minimum, float) and isinstance(reduction, float | int):
        return round(reduction, guards.THRESHOLD_DECIMALS) >= minimum
    return np.round(np.asarray(reduction, dtype=float), guards.THRESHOLD_DECIMALS) >= minimum


def classify(reduction: ArrayLike, years: ArrayLike) -> NDArray[np.str_] | str:
    """The most ambitious class a stated ``reduction`` over ``years`` reaches, by
    :func:`reaches`; else ``"below 2C"``."""
    if isinstance(reduction, float | int) and isinstance(years, float | int):
        return next((label for label in AMBITION_ORDER[:-1]
                     if reaches(reduction, AMBITION_RATES[label], years)), BELOW_2C)
    red, yrs = np.broadcast_arrays(np.asarray(reduction, dtype=float),
                                   np.asarray(years, dtype=float))
    out = np.full(red.shape, BELOW_2C, dtype=object)
    for label in reversed(AMBITION_ORDER[:-1]):  # least ambitious first, overwritten
        out[reaches(red, AMBITION_RATES[label], yrs)] = label
    return out.astype(str)


def ambition_class(rate: ArrayLike) -> NDArray[np.str_] | str:
    """The most ambitious label whose annual ``rate`` reaches, else ``"below 2C"`` (a
    label for one number, an array for an array). A stated target is classed with
    :func:`classify`, which follows the SBTi's whole-percent practice."""
    if isinstance(rate, float | int):
        return next((label for label in AMBITION_ORDER[:-1]
                     if guards.at_least(rate, AMBITION_RATES[label])), BELOW_2C)
    r = np.asarray(rate, dtype=float)
    out = np.full(r.shape, BELOW_2C, dtype=object)
    for label in reversed(AMBITION_ORDER[:-1]):  # least ambitious first, overwritten
        out[guards.at_least(r, AMBITION_RATES[label])] = label
    return out.astype(str)


_RANK = {label: i for i, label in enumerate(AMBITION_ORDER)}


def weaker(a: ArrayLike, b: ArrayLike) -> NDArray[np.str_] | str:
    """Element-wise the less ambitious of two class labels."""
    if isinstance(a, str) and isinstance(b, str):
        return max(a, b, key=_RANK.__getitem__)
    rank = _RANK
    ra = np.vectorize(rank.__getitem__, otypes=[int])(np.asarray(a))
    rb = np.vectorize(rank.__getitem__, otypes=[int])(np.asarray(b))
    return np.asarray(AMBITION_ORDER)[np.maximum(ra, rb)]


def reduction_from_recent(
    base_emissions: ArrayLike, recent_emissions: ArrayLike, reduction: ArrayLike
) -> guards.Floats:
    """The cut still needed from the recent year, as a share of recent-year emissions.

    The target level is ``base·(1 − reduction)``; from ``recent`` that is a reduction of
    ``1 − base·(1 − reduction)/recent`` (negative when the target is already met).
    """
    base = guards.positive("base_emissions", base_emissions)
    recent = guards.positive("recent_emissions", recent_emissions)
    red = guards.fraction("reduction", reduction)
    return 1.0 - base * (1.0 - red) / recent


@dataclass(frozen=True)
class AmbitionAssessment:
    """The rates of a target and the class it reaches (arrays broadcast over inputs)."""

    base_rate: guards.Floats
    base_class: guards.Strs
    recent_rate: guards.Floats | None
    recent_class: guards.Strs | None
    ambition: guards.Strs
    """The weaker of the base-year and recent-year classes: what the target reaches."""


def assess_ambition(
    base_year: ArrayLike,
    target_year: ArrayLike,
    reduction: ArrayLike,
    recent_year: ArrayLike | None = None,
    recent_reduction: ArrayLike | None = None,
) -> AmbitionAssessment:
    """Classify a target from the base year and, if given, from the most recent year.

    The SBTi asks that ambition holds on both spans (criteria doc §1, seed:
    基準年から目標年、直近年から目標年のどちらも). A class is reached by
    :func:`reaches` (the SBTi's whole-percent practice). ``recent_reduction`` is the cut from
    recent-year emissions to the target level (see :func:`reduction_from_recent`);
    a negative value (target already met) is a rate of zero or less: below 2C.
    """
    base_rate = linear_annual_rate(base_year, target_year, reduction)
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    base_class = classify(guards.fraction("reduction", reduction), ty - by)
    if recent_year is None and recent_reduction is None:
        return AmbitionAssessment(base_rate, base_class, None, None, base_class)
    if recent_year is None or recent_reduction is None:
        missing = "recent_year" if recent_year is None else "recent_reduction"
        raise SbtError("blank", field=missing)
    ry = guards.years("recent_year", recent_year)
    guards.after("recent_year", ry, by, strict=False)
    guards.after("target_year", ty, ry)
    rr = guards.finite("recent_reduction", recent_reduction)
    if np.any(rr > 1):
        raise SbtError("fraction_range", field="recent_reduction", value=float(np.max(rr)))
    recent_rate: guards.Floats = rr / (ty - ry)
    recent_class = classify(rr, ty - ry)
    return AmbitionAssessment(
        base_rate, base_class, recent_rate, recent_class, weaker(base_class, recent_class)
    )
