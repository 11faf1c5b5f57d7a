"""The minimum absolute reduction of a near-term target, by the method in force on a date.

Two methods, both kept (a submission is judged by the one in force when it was made):

- ``fixed-rate`` (until 2026-04-13): ``rate × (target_year − base_year)``, the rate of the
  ambition (1.5C 4.2 %/yr, WB2C 2.5 %/yr).
- ``net-zero-paths`` (SBTi Target-Setting Tool v2.5, validations from 2026-04-14): each
  covered scope gets the annual rate of its net-zero path counted from the most recent
  inventory year (MRY), ``amb_s / (nz_year_s − MRY)`` (scope 1: 90 % by 2050; scope 2:
  100 % by 2040; scope 3: 90 % by 2050 for 1.5C, 75 % for WB2C; an earlier company
  net-zero year replaces a scope's year). The rates are weighted by each scope's covered
  emissions; the combined rate over MRY → target year is spread over base → target year,
  the fixed rate stays as a floor per year, and the reduction is capped at 90 %::

      annual = max(floor, Σ w_s·amb_s/(nz_s − MRY) · (TY − MRY) / (TY − BY))
      reduction = min(90 %, annual · (TY − BY))

Sources and their certainty: ``docs/criteria.md`` ("The 2026 absolute contraction").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.core import guards
from sbt_xl.core.ambition import AMBITION_RATES
from sbt_xl.errors import SbtError

FIXED_RATE, NET_ZERO_PATHS = "fixed-rate", "net-zero-paths"
#: The date the SBTi's Target-Setting Tool v2.5 labels the fixed-rate method deprecated.
PATHS_FROM = dt.date(2026, 4, 14)
#: (first day in force, method), oldest first: the one place the switch date lives.
METHODS: tuple[tuple[dt.date, str], ...] = ((dt.date.min, FIXED_RATE),
                                            (PATHS_FROM, NET_ZERO_PATHS))
#: The ambitions the absolute contraction methods know (the floor is their rate).
AMBITIONS = ("1.5C", "WB2C")
#: The 2026 method never asks more than this reduction.
CAP = 0.90


@dataclass(frozen=True)
class ScopePath:
    """A scope's net-zero path in the 2026 method: ``reduction`` by ``year``."""

    scope: str
    reduction_15c: float
    reduction_wb2c: float
    year: int


#: Target-Setting Tool v2.5, "Calculations" sheet (as ported: D111/D112/D114/D115 for
#: scopes 1-2, D195/D196/D221/D222 for scope 3).
PATHS: tuple[ScopePath, ...] = (ScopePath("1", 0.90, 0.90, 2050),
                                ScopePath("2", 1.00, 1.00, 2040),
                                ScopePath("3", 0.90, 0.75, 2050))


@dataclass(frozen=True)
class ScopeShare:
    """One scope's part of the minimum (arrays broadcast over the inputs)."""

    scope: str
    weight: guards.Floats
    """Share of the target's covered emissions."""
    path_reduction: guards.Floats
    net_zero_year: guards.Ints
    rate: guards.Floats
    """``path_reduction / (net_zero_year − MRY)``, per year."""


@dataclass(frozen=True)
class Minimum:
    """The minimum reduction of a target and how it was reached."""

    method: str
    reduction: guards.Floats
    """Minimum reduction from base year to target year, as a share of base-year emissions."""
    annual_rate: guards.Floats
    """``reduction`` per year of base → target year (before the cap)."""
    floor_applies: guards.Bools
    """The fixed-rate floor set the minimum (always so in the fixed-rate method)."""
    path_rate: guards.Floats
    """The weighted net-zero path rate per year from MRY (the floor, fixed-rate)."""
    recent_year: guards.Ints
    scopes: tuple[ScopeShare, ...] = ()


def method_in_force(as_of: dt.date | None = None) -> str:
    """The method the SBTi applies to a submission validated on ``as_of`` (default today)."""
    day = as_of or dt.date.today()
    return [m for start, m in METHODS if start <= day][-1]


#: Day zero of Excel's date serial numbers (1900 date system, after its 1900-02-29).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def as_of_date(field: str, value: object) -> dt.date | None:
    """A date given as a date, ISO text (``2026-09-01``) or an Excel serial number;
    None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not 1 <= value <= 2958465 or value != int(value):
                raise ValueError(value)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return dt.date.fromisoformat(str(value).strip()[:10])
    except (ValueError, TypeError):
        raise SbtError("not_a_date", field=field, value=value) from None


def _wb2c(ambition: ArrayLike | str | None) -> guards.Bools:
    """True where the ambition is WB2C; refuses labels other than 1.5C and WB2C."""
    if ambition is None or isinstance(ambition, str):
        return _is_wb2c(ambition)
    labels = np.asarray(ambition, dtype=object)
    out = np.empty(labels.shape, dtype=bool)
    for idx, label in np.ndenumerate(labels):
        out[idx] = _is_wb2c(label)
    return bool(out) if out.ndim == 0 else out


def _is_wb2c(value: object) -> bool:
    text = "1.5C" if value is None else str(value).strip().upper().replace(" ", "")
    label = {"1.5": "1.5C", "1.5°C": "1.5C", "WB2": "WB2C", "WB2°C": "WB2C",
             "WELLBELOW2C": "WB2C"}.get(text, text)
    if label not in AMBITIONS:
        raise SbtError("unknown_contraction_ambition", field="ambition", value=value)
    return label == "WB2C"


# One code path for a single target (plain Python numbers: microseconds, as a formula in
# one cell needs) and for arrays (one numpy pass): these pick the operation by the type.
def _where(cond: Any, a: Any, b: Any) -> Any:
    return (a if cond else b) if guards.all_plain(cond) else np.where(cond, a, b)


def _min(a: Any, b: Any) -> Any:
    return min(a, b) if guards.all_plain(a, b) else np.minimum(a, b)


def _max(a: Any, b: Any) -> Any:
    return max(a, b) if guards.all_plain(a, b) else np.maximum(a, b)


def _any(cond: Any) -> bool:
    return bool(cond) if guards.all_plain(cond) else bool(np.any(cond))


#: A net-zero year later than every path: the paths' own years apply.
_NO_YEAR = 9999


def _optional_years(field: str, values: ArrayLike | None, default: guards.Ints
                    ) -> guards.Ints:
    """Years where given; ``default`` where ``values`` is None or NaN (a blank cell)."""
    if values is None:
        return default
    if guards.plain(values):
        return default if math.isnan(values) else guards.years(field, values)
    arr = np.asarray(values, dtype=float)
    blank = np.isnan(arr)
    if arr.ndim == 0:
        return default if blank else guards.years(field, float(arr))
    years = guards.years(field, np.where(blank, 2000.0, arr))
    out: NDArray[np.int64] = np.where(blank, default, years)
    return out


def fixed_rate_minimum(base_year: ArrayLike, target_year: ArrayLike,
                       ambition: ArrayLike | str = "1.5C") -> Minimum:
    """The fixed-rate method: ``rate × (target_year − base_year)``."""
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    guards.after("target_year", ty, by)
    floor = _where(_wb2c(ambition), AMBITION_RATES["WB2C"], AMBITION_RATES["1.5C"])
    applies = True if guards.all_plain(by, ty, floor) else np.ones(np.broadcast(by, ty, floor).shape,
                                                           bool)
    return Minimum(FIXED_RATE, floor * (ty - by), floor, applies, floor, by)


def paths_minimum(base_year: ArrayLike, target_year: ArrayLike, scope1: ArrayLike,
                  scope2: ArrayLike, scope3: ArrayLike, ambition: ArrayLike | str = "1.5C",
                  recent_year: ArrayLike | None = None,
                  net_zero_year: ArrayLike | None = None, *,
                  paths: tuple[ScopePath, ...] = PATHS, cap: float = CAP) -> Minimum:
    """The 2026 method (module docstring); all arguments broadcast (numpy rules).

    ``scope1..3`` are the target's covered emissions per scope (zero: not covered);
    ``recent_year`` defaults to the base year; ``net_zero_year`` (optional) brings a
    scope's path year forward when earlier. In a range, NaN (a blank cell) in
    ``recent_year`` or ``net_zero_year`` means not given.
    """
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    guards.after("target_year", ty, by)
    mry = _optional_years("recent_year", recent_year, by)
    guards.after("recent_year", mry, by, strict=False)
    if _any(mry >= ty):
        bad = np.broadcast_arrays(mry, ty)
        i = np.flatnonzero(bad[0] >= bad[1])[0]
        raise SbtError("recent_outside", field="recent_year", value=int(bad[0].flat[i]),
                       base_year=int(np.broadcast_to(by, bad[0].shape).flat[i]),
                       target_year=int(bad[1].flat[i]))
    nz = _optional_years("net_zero_year", net_zero_year, _NO_YEAR)
    if _any(nz <= mry):
        pair = np.broadcast_arrays(nz, mry)
        i = np.flatnonzero(pair[0] <= pair[1])[0]
        raise SbtError("net_zero_not_after_recent", field="net_zero_year",
                       value=int(pair[0].flat[i]), recent_year=int(pair[1].flat[i]))
    emissions = [guards.non_negative(f"scope{i}", v)
                 for i, v in enumerate((scope1, scope2, scope3), start=1)]
    total = emissions[0] + emissions[1] + emissions[2]
    if _any(total <= 0):
        raise SbtError("no_covered_emissions", field="scope1, scope2, scope3")
    wb2 = _wb2c(ambition)
    floor = _where(wb2, AMBITION_RATES["WB2C"], AMBITION_RATES["1.5C"])
    scopes, combined = [], 0.0
    for path, e in zip(paths, emissions, strict=True):
        year = _min(path.year, nz)
        amb = _where(wb2, path.reduction_wb2c, path.reduction_15c)
        left = year - mry
        rate = _where(left > 0, amb / _max(left, 1), floor)
        weight = e / total
        combined = combined + weight * rate
        scopes.append(ScopeShare(path.scope, weight, amb, year, rate))
    spread = combined * (ty - mry) / (ty - by)
    reached = guards.at_least(spread, floor)
    floor_applies = (not reached) if guards.all_plain(reached) else ~np.asarray(reached)
    annual = _where(floor_applies, floor, spread)
    reduction = _min(cap, annual * (ty - by))
    return Minimum(NET_ZERO_PATHS, reduction, annual, floor_applies, combined, mry,
                   tuple(scopes))


def minimum_reduction(base_year: ArrayLike, target_year: ArrayLike, scope1: ArrayLike = 0.0,
                      scope2: ArrayLike = 0.0, scope3: ArrayLike = 0.0,
                      ambition: ArrayLike | str = "1.5C", recent_year: ArrayLike | None = None,
                      net_zero_year: ArrayLike | None = None,
                      as_of: dt.date | None = None) -> Minimum:
    """The minimum reduction by the method in force on ``as_of`` (default today)."""
    if method_in_force(as_of) == FIXED_RATE:
        return fixed_rate_minimum(base_year, target_year, ambition)
    return paths_minimum(base_year, target_year, scope1, scope2, scope3, ambition,
                         recent_year, net_zero_year)
