"""Vectorised input checks shared by the core modules.

Each check looks at a whole array at once and raises :class:`SbtError` naming the field
and the first offending value, so a column of 10,000 inputs costs one numpy pass.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sbt_xl.errors import SbtError

# Thresholds are compared after rounding to this many decimals, so that 42 % over
# 10 years (0.41999999999999998 in binary) reaches the 4.2 %/yr of 1.5C.
THRESHOLD_DECIMALS = 10


def at_least(value: ArrayLike, threshold: float) -> NDArray[np.bool_]:
    """``value >= threshold``, robust to binary rounding of shares and rates."""
    return np.round(np.asarray(value, dtype=float), THRESHOLD_DECIMALS) >= threshold


def _first(values: NDArray, bad: NDArray[np.bool_]) -> object:
    value = np.broadcast_to(values, bad.shape)[bad].flat[0]
    return value.item() if hasattr(value, "item") else value


def finite(field: str, values: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(values, dtype=float)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise SbtError("not_a_number", field=field, value=_first(arr, bad))
    return arr


def non_negative(field: str, values: ArrayLike) -> NDArray[np.float64]:
    arr = finite(field, values)
    bad = arr < 0
    if bad.any():
        raise SbtError("negative", field=field, value=_first(arr, bad))
    return arr


def positive(field: str, values: ArrayLike) -> NDArray[np.float64]:
    arr = finite(field, values)
    bad = arr <= 0
    if bad.any():
        raise SbtError("not_positive", field=field, value=_first(arr, bad))
    return arr


def fraction(field: str, values: ArrayLike) -> NDArray[np.float64]:
    arr = finite(field, values)
    bad = (arr < 0) | (arr > 1)
    if bad.any():
        raise SbtError("fraction_range", field=field, value=_first(arr, bad))
    return arr


def years(field: str, values: ArrayLike) -> NDArray[np.int64]:
    arr = finite(field, values)
    bad = (arr != np.round(arr)) | (arr < 1900) | (arr > 2200)
    if bad.any():
        raise SbtError("not_a_year", field=field, value=_first(arr, bad))
    return arr.astype(np.int64)


def after(field: str, values: NDArray, base: NDArray, *, strict: bool = True) -> None:
    """Years in ``values`` must be after (or, not strict, not before) ``base``."""
    values, base = np.broadcast_arrays(values, base)
    bad = values <= base if strict else values < base
    if bad.any():
        code = "target_before_base" if strict else "year_before_base"
        raise SbtError(code, field=field, value=_first(values, bad), base_year=_first(base, bad))
