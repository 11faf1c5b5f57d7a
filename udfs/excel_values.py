"""Reading the values Excel hands to a formula: floats, None for blanks, text, and
nested lists for ranges. Anything that is not what the argument needs becomes an
:class:`~sbt_xl.errors.SbtError` naming the argument, never a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sbt_xl.errors import SbtError

#: Error values as xlwings passes them with ``err_to_str=True``.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                          "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!",
                          "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})

_REQUIRED = object()


def _cell_number(field: str, value: Any, blank: Any) -> float:
    if value is None or value == "":
        if blank is _REQUIRED:
            raise SbtError("blank", field=field)
        return blank
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        raise SbtError("excel_error", field=field, value=value.strip().upper())
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = value.isoformat() if isinstance(value, dt.date) else value
        raise SbtError("not_a_number", field=field, value=shown)
    if not np.isfinite(value):
        raise SbtError("not_a_number", field=field, value=value)
    return float(value)


def given(value: Any) -> bool:
    """False for an omitted optional argument or an all-blank range."""
    if isinstance(value, list | tuple):
        return any(given(v) for v in value)
    return value not in (None, "")


def grid(field: str, value: Any, blank: Any = _REQUIRED) -> NDArray[np.float64]:
    """A cell, a 1-D list or a 2-D range as a 2-D float array (blanks -> ``blank``)."""
    if not isinstance(value, list | tuple):
        rows = [[value]]
    elif value and all(isinstance(r, list | tuple) for r in value):
        rows = value
    else:
        rows = [list(value)]
    cells = [[_cell_number(field, v, blank) for v in row] for row in rows]
    if len({len(r) for r in cells}) > 1:
        raise SbtError("not_a_number", field=field, value=value)
    return np.asarray(cells, dtype=float).reshape(len(cells), -1)


def number(field: str, value: Any) -> float:
    """One number; a one-cell range is accepted, a larger one is an error."""
    arr = grid(field, value)
    if arr.size != 1:
        raise SbtError("not_one_value", field=field, value=arr.size)
    return float(arr[0, 0])


def text_or_number(field: str, value: Any) -> str | float | None:
    """One cell that may hold text (a label) or a number; ``None`` when blank."""
    if isinstance(value, list | tuple):
        flat = [v for row in value for v in (row if isinstance(row, list | tuple) else [row])]
        if len(flat) != 1:
            raise SbtError("not_one_value", field=field, value=len(flat))
        value = flat[0]
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if value.strip().upper() in EXCEL_ERRORS:
            raise SbtError("excel_error", field=field, value=value.strip().upper())
        return value
    return _cell_number(field, value, _REQUIRED)


def text(field: str, value: Any) -> str | None:
    """One text cell (a number is taken as its text); ``None`` when blank."""
    got = text_or_number(field, value)
    if isinstance(got, float):
        return f"{got:g}"
    return got


def columns(named: dict[str, NDArray[np.float64]]) -> tuple[dict[str, NDArray], int]:
    """Flatten 2-D inputs to vectors that all have one value or the same number ``n``."""
    flat = {k: v.ravel() for k, v in named.items()}
    n = max(v.size for v in flat.values())
    for k, v in flat.items():
        if v.size not in (1, n):
            longest = next(name for name, x in flat.items() if x.size == n)
            raise SbtError("shape_mismatch", field=k, value=v.size, other=longest, count=n)
    return flat, n


def shaped(values: NDArray, like: NDArray) -> Any:
    """A single result as a scalar; several in the orientation of ``like`` (row or column)."""
    values = np.asarray(values).ravel()
    items = [v.item() if hasattr(v, "item") else v for v in values]
    if len(items) == 1:
        return items[0]
    if like.ndim == 2 and like.shape[0] == 1 and like.shape[1] == len(items):
        return [items]
    return [[v] for v in items]
