"""Reading the values Excel hands to a formula, and shaping what goes back.

Every argument arrives as xlwings passes it with ``ndim=2``: a nested list, ``[[v]]`` for
one cell, with floats, ``None`` for blanks and text (errors as ``"#N/A"``). A single cell
becomes a plain Python value (the fast path: no numpy); a range becomes a 2-D array in one
pass, and a blank, text or an Excel error in it is named by its row and column. Arguments
broadcast as Excel's arrays do (a column against a row gives a grid); results come back as
a number, or as a nested list in the shape of the inputs, which Excel spills.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sbt_xl.errors import SbtError
from sbt_xl.messages import Text, render
from sbt_xl.model.cells import EXCEL_ERRORS  # as xlwings passes them with err_to_str=True


REQUIRED = object()
_NUMBERS = frozenset({float, int})
_NUMBERS_OR_BLANK = _NUMBERS | {type(None)}
Value = Any  # a Python scalar for one cell, a 2-D ndarray for a range


def _cell_number(field: str, value: Any, blank: Any) -> float:
    if value is None or value == "":
        if blank is REQUIRED:
            raise SbtError("blank", field=field)
        return blank
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        raise SbtError("excel_error", field=field, value=value.strip().upper())
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = value.isoformat() if isinstance(value, dt.date) else value
        raise SbtError("not_a_number", field=field, value=shown)
    if value != value or value in (float("inf"), float("-inf")):
        raise SbtError("not_a_number", field=field, value=value)
    return float(value)


def _rows(value: Any) -> list | None:
    """A range as a list of rows; None for one cell (a 1×1 range included)."""
    if not isinstance(value, list | tuple):
        return None
    rows = value if value and isinstance(value[0], list | tuple) else [value]
    if len(rows) == 1 and len(rows[0]) == 1:
        return None
    return list(rows)


def _single(value: Any) -> Any:
    while isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    return value


def _at(field: str, i: int, ncols: int) -> str:
    """The argument and the position of its ``i``-th cell (row-major), for messages."""
    r, c = divmod(i, ncols)
    return f"{field} (row {r + 1}, column {c + 1})" if ncols > 1 else f"{field} (row {r + 1})"


def _flat(rows: list, ncols: int) -> list:
    """The cells row by row (a column, the usual case, without chaining: ~2.5x faster)."""
    if ncols == 1:
        return [r[0] for r in rows]
    return list(itertools.chain.from_iterable(rows))


def numbers(field: str, value: Any, blank: Any = REQUIRED) -> Value:
    """One number (a Python float), or a range as a 2-D float array; blanks are an error
    unless ``blank`` gives their value."""
    rows = _rows(value)
    if rows is None:
        return _cell_number(field, _single(value), blank)
    ncols = len(rows[0])
    flat = _flat(rows, ncols)
    if len(flat) != len(rows) * ncols:
        raise SbtError("not_one_value", field=field, value=len(flat))
    kinds = set(map(type, flat))
    if kinds <= _NUMBERS:
        arr = np.array(flat, dtype=float)
    elif kinds <= _NUMBERS_OR_BLANK and blank is not REQUIRED:
        arr = np.array(flat, dtype=float)  # None becomes nan
        arr[np.isnan(arr)] = blank
    else:  # name the first cell that is not a number
        arr = np.array([_cell_number(_at(field, i, ncols), v, blank)
                        for i, v in enumerate(flat)], dtype=float)
    if not np.isfinite(arr).all():
        i = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise SbtError("not_a_number", field=_at(field, i, ncols), value=flat[i])
    return arr.reshape(len(rows), ncols)


def _cell_label(field: str, value: Any) -> str | float | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if value.strip().upper() in EXCEL_ERRORS:
            raise SbtError("excel_error", field=field, value=value.strip().upper())
        return value
    return _cell_number(field, value, REQUIRED)


def labels(field: str, value: Any) -> Value:
    """One cell that may hold text (a label) or a number, ``None`` when blank; or a
    range of them as a 2-D object array."""
    rows = _rows(value)
    if rows is None:
        return _cell_label(field, _single(value))
    ncols = len(rows[0])
    cells = [_cell_label(_at(field, i, ncols), v) for i, v in enumerate(_flat(rows, ncols))]
    out = np.empty(len(cells), dtype=object)
    out[:] = cells
    return out.reshape(len(rows), ncols)


def given(value: Any) -> bool:
    """False for an omitted optional argument or an all-blank range."""
    if isinstance(value, list | tuple):
        return any(given(v) for v in value)
    return value not in (None, "")


def _describe(shape: tuple[int, ...]) -> Text:
    r, c = shape
    return Text.of(lambda lang: render("shape_rows_columns", lang, {"rows": r, "columns": c}))


def broadcast(named: Mapping[str, Value]) -> tuple[int, int] | None:
    """The shape the arguments broadcast to (Excel's rules: equal sizes, or one row or
    one column that repeats); None when every argument is one cell. A mismatch is one
    error naming both arguments."""
    shapes = {k: v.shape for k, v in named.items() if isinstance(v, np.ndarray)}
    if not shapes:
        return None
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        for (a, sa), (b, sb) in itertools.combinations(shapes.items(), 2):
            try:
                np.broadcast_shapes(sa, sb)
            except ValueError:
                raise SbtError("shapes_differ", field=a, other=b, shape=_describe(sa),
                               other_shape=_describe(sb)) from None
        raise


def groups(shape: tuple[int, int] | None, named: Mapping[str, Any]
           ) -> Iterator[tuple[dict[str, Any], NDArray[np.bool_] | None]]:
    """The distinct combinations of label arguments (sector, scenario, …), each with the
    cells of the result it applies to (None: all of them)."""
    if shape is None or not any(isinstance(v, np.ndarray) for v in named.values()):
        yield {k: _single_label(v) for k, v in named.items()}, None
        return
    full = {k: np.broadcast_to(v, shape) if isinstance(v, np.ndarray) else v
            for k, v in named.items()}
    keys = [tuple(full[k][idx] if isinstance(full[k], np.ndarray) else full[k]
                  for k in named) for idx in np.ndindex(*shape)]
    for key in dict.fromkeys(keys):
        mask = np.fromiter((k == key for k in keys), dtype=bool, count=len(keys))
        yield dict(zip(named, key, strict=True)), mask.reshape(shape)


def _single_label(value: Any) -> Any:
    return value.flat[0] if isinstance(value, np.ndarray) else value


def result(values: Any, shape: tuple[int, int] | None) -> Any:
    """A number (or label, or bool) for one cell; a nested list in ``shape`` for a range."""
    if shape is None or shape == (1, 1):
        v = np.asarray(values).reshape(-1)[0] if np.ndim(values) else values
        return v.item() if hasattr(v, "item") else v
    return np.broadcast_to(values, shape).tolist()
