"""Input checks shared by the core modules, for whole arrays and for single numbers.

Each check raises :class:`SbtError` naming the field and the first offending value. An
array costs one numpy pass (a column of 10,000 inputs is one check); a plain Python
number takes a plain Python path and comes back as a Python number, so that a formula
in one cell costs microseconds, not numpy's per-call overhead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard, overload

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray
else:
    from sbt_xl.core.lazy import np

from sbt_xl.errors import SbtError

# Thresholds are compared after rounding to this many decimals, so that 42 % over
# 10 years (0.41999999999999998 in binary) reaches the 4.2 %/yr of 1.5C.
THRESHOLD_DECIMALS = 10
_PLAIN = (int, float, bool)

#: What the core returns: a Python number for a single cell, an array for arrays.
Floats: TypeAlias = "NDArray[np.float64] | float"
Ints: TypeAlias = "NDArray[np.int64] | int"
Bools: TypeAlias = "NDArray[np.bool_] | bool"
Strs: TypeAlias = "NDArray[np.str_] | str"


def plain(value: object) -> TypeGuard[int | float]:
    """A plain Python number (a bool counts): the path without numpy."""
    return type(value) in _PLAIN


def all_plain(*values: object) -> bool:
    """Every value a plain Python number (see :func:`plain`)."""
    return all(type(v) in _PLAIN for v in values)


@overload
def at_least(value: float, threshold: float) -> bool: ...
@overload
def at_least(value: NDArray[Any], threshold: float) -> NDArray[np.bool_]: ...
@overload
def at_least(value: ArrayLike, threshold: float) -> NDArray[np.bool_] | bool: ...
def at_least(value: ArrayLike, threshold: float) -> NDArray[np.bool_] | bool:
    """``value >= threshold``, robust to binary rounding of shares and rates."""
    if plain(value):
        return round(value, THRESHOLD_DECIMALS) >= threshold
    out: NDArray[np.bool_] = np.round(np.asarray(value, dtype=float),
                                      THRESHOLD_DECIMALS) >= threshold
    return out


def _first(values: NDArray[Any], bad: NDArray[np.bool_]) -> object:
    value = np.broadcast_to(values, bad.shape)[bad].flat[0]
    return value.item() if hasattr(value, "item") else value


@overload
def finite(field: str, values: float) -> float: ...
@overload
def finite(field: str, values: NDArray[Any]) -> NDArray[np.float64]: ...
@overload
def finite(field: str, values: ArrayLike) -> NDArray[np.float64] | float: ...
def finite(field: str, values: ArrayLike) -> NDArray[np.float64] | float:
    if plain(values):
        if not math.isfinite(values):
            raise SbtError("not_a_number", field=field, value=values)
        return float(values)
    arr = np.asarray(values, dtype=float)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise SbtError("not_a_number", field=field, value=_first(arr, bad))
    return arr


def _within(field: str, values: ArrayLike, code: str,
            bad: Callable[[Any], Any]) -> NDArray[np.float64] | float:
    """``values`` (finite) with no element for which ``bad`` holds, else ``code``."""
    arr = finite(field, values)
    hit = bad(arr)
    if isinstance(arr, float):
        if hit:
            raise SbtError(code, field=field, value=arr)
    elif hit.any():
        raise SbtError(code, field=field, value=_first(arr, hit))
    return arr


@overload
def non_negative(field: str, values: float) -> float: ...
@overload
def non_negative(field: str, values: NDArray[Any]) -> NDArray[np.float64]: ...
@overload
def non_negative(field: str, values: ArrayLike) -> NDArray[np.float64] | float: ...
def non_negative(field: str, values: ArrayLike) -> NDArray[np.float64] | float:
    return _within(field, values, "negative", lambda a: a < 0)


@overload
def positive(field: str, values: float) -> float: ...
@overload
def positive(field: str, values: NDArray[Any]) -> NDArray[np.float64]: ...
@overload
def positive(field: str, values: ArrayLike) -> NDArray[np.float64] | float: ...
def positive(field: str, values: ArrayLike) -> NDArray[np.float64] | float:
    return _within(field, values, "not_positive", lambda a: a <= 0)


@overload
def fraction(field: str, values: float) -> float: ...
@overload
def fraction(field: str, values: NDArray[Any]) -> NDArray[np.float64]: ...
@overload
def fraction(field: str, values: ArrayLike) -> NDArray[np.float64] | float: ...
def fraction(field: str, values: ArrayLike) -> NDArray[np.float64] | float:
    return _within(field, values, "fraction_range", lambda a: (a < 0) | (a > 1))


@overload
def years(field: str, values: float) -> int: ...
@overload
def years(field: str, values: NDArray[Any]) -> NDArray[np.int64]: ...
@overload
def years(field: str, values: ArrayLike) -> NDArray[np.int64] | int: ...
def years(field: str, values: ArrayLike) -> NDArray[np.int64] | int:
    arr = finite(field, values)
    if isinstance(arr, float):
        if arr != round(arr) or not 1900 <= arr <= 2200:
            raise SbtError("not_a_year", field=field, value=arr)
        return int(arr)
    bad = (arr != np.round(arr)) | (arr < 1900) | (arr > 2200)
    if bad.any():
        raise SbtError("not_a_year", field=field, value=_first(arr, bad))
    return arr.astype(np.int64)


def after(field: str, values: ArrayLike, base: ArrayLike, *, strict: bool = True) -> None:
    """Years in ``values`` must be after (or, not strict, not before) ``base``."""
    code = "target_before_base" if strict else "year_before_base"
    if plain(values) and plain(base):
        if values <= base if strict else values < base:
            raise SbtError(code, field=field, value=values, base_year=base)
        return
    values, base = np.broadcast_arrays(values, base)
    bad = values <= base if strict else values < base
    if bad.any():
        raise SbtError(code, field=field, value=_first(values, bad), base_year=_first(base, bad))
