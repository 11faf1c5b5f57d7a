"""Absolute contraction: the straight-line pathway of criteria doc §1.

    E(y) = E(base) · max(0, 1 − r · (y − base_year))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.core import guards


def absolute_pathway(
    base_emissions: ArrayLike,
    base_year: ArrayLike,
    year: ArrayLike,
    rate: ArrayLike,
    *,
    year_field: str = "year",
) -> NDArray[np.float64]:
    """Emissions in ``year``; all arguments broadcast (numpy rules).

    For 10,000 companies over 30 years, pass ``base_emissions[:, None]`` and a row of
    years: one call, one ``(10000, 30)`` array. ``year_field`` names ``year`` in errors.
    """
    e0 = guards.non_negative("base_emissions", base_emissions)
    by = guards.years("base_year", base_year)
    y = guards.years(year_field, year)
    guards.after(year_field, y, by, strict=False)
    r = guards.non_negative("rate", rate)
    return e0 * np.maximum(0.0, 1.0 - r * (y - by))


def pathway_table(
    base_emissions: float, base_year: int, target_year: int, rate: float
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Every year from ``base_year`` to ``target_year`` and its emissions."""
    by = int(guards.years("base_year", base_year))
    ty = int(guards.years("target_year", target_year))
    guards.after("target_year", np.asarray(ty), np.asarray(by))
    years = np.arange(by, ty + 1)
    return years, absolute_pathway(base_emissions, by, years, rate)


def target_pathway(
    base_emissions: ArrayLike, base_year: ArrayLike, target_year: ArrayLike,
    reduction: ArrayLike, year: ArrayLike,
) -> NDArray[np.float64] | float:
    """Emissions a stated target allows in ``year``: the straight line from base-year
    emissions to ``base · (1 − reduction)`` in the target year (flat after it).

        E(y) = E0 · (1 − reduction · min(y − base_year, target_year − base_year)
                                      / (target_year − base_year))
    """
    e0 = guards.non_negative("base_emissions", base_emissions)
    by = guards.years("base_year", base_year)
    ty = guards.years("target_year", target_year)
    guards.after("target_year", ty, by)
    red = guards.fraction("reduction", reduction)
    y = guards.years("year", year)
    guards.after("year", y, by, strict=False)
    elapsed = min(y - by, ty - by) if guards.all_plain(y, ty, by) else np.minimum(y - by, ty - by)
    return e0 * (1.0 - red * elapsed / (ty - by))


def on_track(
    base_emissions: ArrayLike, base_year: ArrayLike, target_year: ArrayLike,
    reduction: ArrayLike, year: ArrayLike, actual: ArrayLike,
) -> tuple[NDArray[np.bool_] | bool, NDArray[np.float64] | float]:
    """Whether ``actual`` emissions in ``year`` are at or below the target's pathway, and
    by how much they exceed it (tCO2e; negative: below the line)."""
    allowed = target_pathway(base_emissions, base_year, target_year, reduction, year)
    gap = guards.non_negative("actual", actual) - allowed
    if guards.plain(gap):
        return round(gap, guards.THRESHOLD_DECIMALS) <= 0, gap
    return np.round(gap, guards.THRESHOLD_DECIMALS) <= 0, gap
