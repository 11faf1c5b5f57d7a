"""Scope 3: its share of the total, whether a target is required, and target coverage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.core import guards
from sbt_xl.core.criteria import get_criteria
from sbt_xl.errors import SbtError

N_CATEGORIES = 15


def scope3_total(categories: ArrayLike, field: str = "scope3") -> NDArray[np.float64]:
    """Sum of the 15 categories along the last axis."""
    cats = guards.non_negative(field, np.asarray(categories, dtype=float))
    if cats.shape[-1:] != (N_CATEGORIES,):
        raise SbtError("categories_count", field=field, value=cats.shape[-1] if cats.ndim else 1)
    out: NDArray[np.float64] = cats.sum(axis=-1)
    return out


def scope3_totals(cells: ArrayLike, n: int = 1, field: str = "scope3") -> NDArray[np.float64]:
    """Scope 3 totals of ``n`` companies from what the user gave as a 2-D block.

    Accepted: one total (for all), the 15 categories of one company (a row or a column),
    ``n`` rows of 15 categories, or ``n`` totals (a row or a column).
    """
    g = np.atleast_2d(np.asarray(cells, dtype=float))
    if g.size == 1:
        return g.ravel()
    if n == 1 and g.size == N_CATEGORIES:
        return scope3_total(g.reshape(1, N_CATEGORIES), field)
    if g.shape == (n, N_CATEGORIES):
        return scope3_total(g, field)
    if n > 1 and g.size == n and 1 in g.shape:
        return guards.non_negative(field, g.ravel().astype(np.float64))
    raise SbtError("categories_count", field=field, value=g.shape[-1])


def scope3_share(scope1: ArrayLike, scope2: ArrayLike, scope3: ArrayLike) -> guards.Floats:
    """``scope3 / (scope1 + scope2 + scope3)``; ``scope3`` is the scope 3 total."""
    s1 = guards.non_negative("scope1", scope1)
    s2 = guards.non_negative("scope2", scope2)
    s3 = guards.non_negative("scope3", scope3)
    total = s1 + s2 + s3
    if np.any(total == 0):
        raise SbtError("zero_total", field="scope1+scope2+scope3")
    return s3 / total


def scope3_required(
    scope1: ArrayLike, scope2: ArrayLike, scope3: ArrayLike, criteria: str | None = None
) -> guards.Bools:
    """Rule S3-TRIGGER: is a scope 3 target required under ``criteria``?"""
    rules = get_criteria(criteria)
    share = scope3_share(scope1, scope2, scope3)
    if rules.scope3_trigger is None:
        return np.ones(np.shape(share), dtype=np.bool_)
    return guards.at_least(share, rules.scope3_trigger)


def scope3_coverage(categories: ArrayLike, covered: ArrayLike) -> NDArray[np.float64] | float:
    """Share of total scope 3 covered by a set of targets (rule S3-COVERAGE).

    ``categories``: emissions per category, shape ``(..., 15)``. ``covered``: per target,
    the share of each category it covers (1/0 or True/False for whole categories), shape
    ``(n_targets, 15)`` or ``(..., n_targets, 15)``. A category covered by several
    targets counts once, at the largest share any of them covers.
    """
    if isinstance(categories, list | tuple) and isinstance(covered, list | tuple) \
            and _plain_rows(categories, covered):
        return _coverage_plain(categories, covered)
    cats = guards.non_negative("categories", np.asarray(categories, dtype=float))
    cov = guards.fraction("covered", np.asarray(covered, dtype=float))
    if cov.shape[-1:] != (N_CATEGORIES,):
        raise SbtError("categories_count", field="covered", value=cov.shape[-1] if cov.ndim else 1)
    per_category = cov.max(axis=-2) if cov.ndim >= 2 else cov
    total = scope3_total(cats, "categories")
    if np.any(total == 0):
        raise SbtError("zero_total", field="categories")
    out: NDArray[np.float64] = (cats * per_category).sum(axis=-1) / total
    return out


def _plain_rows(categories: Sequence[Any], covered: Sequence[Any]) -> bool:
    """One company's categories and its targets' rows, all plain Python numbers."""
    return guards.all_plain(*categories) and len(covered) > 0 and all(
        isinstance(row, list | tuple) and guards.all_plain(*row) for row in covered)


def _coverage_plain(categories: Sequence[Any], covered: Sequence[Any]) -> float:
    """:func:`scope3_coverage` for one company in plain Python (no numpy for one check)."""
    cats: list[float] = [guards.non_negative("categories", float(c)) for c in categories]
    rows: list[list[float]] = [[guards.fraction("covered", float(c)) for c in row]
                               for row in covered]
    for field, n in (("categories", len(cats)), *(("covered", len(r)) for r in rows)):
        if n != N_CATEGORIES:
            raise SbtError("categories_count", field=field, value=n)
    total = sum(cats)
    if total == 0:
        raise SbtError("zero_total", field="categories")
    per_category: list[float] = [max(col) for col in zip(*rows)]
    return sum(c * share for c, share in zip(cats, per_category)) / total
