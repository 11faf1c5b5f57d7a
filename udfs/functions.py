"""The Excel formulas: thin wrappers that read Excel's values, call the core, and
return a number, a spill array in the shape of the inputs, or a ``#SBT! …`` message
naming the argument.

Every argument may be one cell, a column, a row or a block; they broadcast as Excel's
arrays do. One formula over a 10,000-row column is one vectorised core call.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from sbt_xl.core import ambition as amb
from sbt_xl.core import contraction, guards, pathway, sda, sectors, wording
from sbt_xl.core import scope3 as s3
from sbt_xl.errors import SbtError, unexpected
from sbt_xl.messages import Lang, env_lang, lang_of

from . import excel_values as xv

ERROR_PREFIX = "#SBT! "
DEFAULT_AMBITION = "1.5C"


def language() -> Lang:
    """The language of messages: ``SBT_XL_LANG`` (``en`` or ``ja``), English by default."""
    return env_lang()


def excel_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a ``#SBT!`` string: Excel never shows a traceback."""

    @functools.wraps(fn)
    def safe(*args: Any) -> Any:
        try:
            return fn(*args)
        except SbtError as err:
            return ERROR_PREFIX + err.message(language())
        except Exception as exc:  # a bug of ours: one line in the cell, the trace in a log
            return ERROR_PREFIX + unexpected(fn.__name__, exc).message(language())

    return safe


def _rates(ambition: xv.Value) -> xv.Value:
    """Ambition labels or rates (one cell or a range) as annual rates."""
    if not isinstance(ambition, np.ndarray):
        return amb.ambition_rate(DEFAULT_AMBITION if ambition is None else ambition)
    known: dict[Any, float] = {}
    out = np.empty(ambition.shape)
    for idx, label in np.ndenumerate(ambition):
        if label not in known:
            known[label] = amb.ambition_rate(DEFAULT_AMBITION if label is None else label)
        out[idx] = known[label]
    return out


@excel_safe
def SBT_PATHWAY(base_emissions, base_year, target_year, ambition=None, at_year=None,
                as_of=None):
    """The fixed rate of the ambition: the floor of the method in force on ``as_of`` (the
    2026 method asks at least this; SBT_MIN_REDUCTION gives its minimum per target)."""
    _as_of(as_of)
    args = {"base_emissions": xv.numbers("base_emissions", base_emissions),
            "base_year": xv.numbers("base_year", base_year),
            "target_year": xv.numbers("target_year", target_year),
            "ambition": _rates(xv.labels("ambition", ambition))}
    if not xv.given(at_year):
        ranged = next((k for k, v in args.items() if isinstance(v, np.ndarray)), None)
        if ranged is not None:
            raise SbtError("pathway_needs_years", field=ranged)
        years, emissions = pathway.pathway_table(*args.values())
        return [[y, e] for y, e in zip(years.tolist(), emissions.tolist(), strict=True)]
    args["at_year"] = xv.numbers("at_year", at_year)
    shape = xv.broadcast(args)
    e0, by, ty, rate, year = args.values()
    guards.after("target_year", guards.years("target_year", ty),
                 guards.years("base_year", by))
    return xv.result(pathway.absolute_pathway(e0, by, year, rate, year_field="at_year"),
                     shape)


def _as_of(value: Any) -> dt.date | None:
    """The ``as_of`` date of a formula: one cell (a date, ISO text or a serial number);
    blank: None (today)."""
    rows = value if isinstance(value, list | tuple) else [[value]]
    cells = [c for r in rows for c in (r if isinstance(r, list | tuple) else [r])]
    if len(cells) != 1:
        raise SbtError("not_one_value", field="as_of", value=len(cells))
    cell = cells[0]
    if isinstance(cell, str) and cell.strip().upper() in xv.EXCEL_ERRORS:
        raise SbtError("excel_error", field="as_of", value=cell.strip().upper())
    return contraction.as_of_date("as_of", cell)


@excel_safe
def SBT_SDA_INTENSITY(sector, base_year, base_intensity, base_activity, target_year,
                      target_activity, scenario=None):
    numbers = {"base_year": xv.numbers("base_year", base_year),
               "base_intensity": xv.numbers("base_intensity", base_intensity),
               "base_activity": xv.numbers("base_activity", base_activity),
               "target_year": xv.numbers("target_year", target_year),
               "target_activity": xv.numbers("target_activity", target_activity)}
    named = {"sector": xv.labels("sector", sector), "scenario": xv.labels("scenario", scenario)}
    shape = xv.broadcast({**numbers, **named})
    out = None
    for label, cells in xv.groups(shape, named):
        if label["sector"] is None:
            raise SbtError("blank", field="sector")
        path = sectors.sector_pathway(str(label["sector"]), label["scenario"])
        if cells is None:
            return xv.result(sda.sda_intensity(path, *numbers.values()), shape)
        values = [np.broadcast_to(v, shape)[cells] for v in numbers.values()]
        if out is None:
            out = np.empty(shape)
        out[cells] = sda.sda_intensity(path, *values)
    return xv.result(out, shape)


def _scope_totals(scope1, scope2, scope3_cells):
    """Scope 1, 2 and 3 per company, and the shape results take. ``scope3`` is a total per
    company, or 15 category cells: in a column for one company, or in a row per company."""
    e1, e2 = xv.numbers("scope1", scope1), xv.numbers("scope2", scope2)
    shape = xv.broadcast({"scope1": e1, "scope2": e2})
    e3 = xv.numbers("scope3", scope3_cells, blank=0.0)
    if isinstance(e3, np.ndarray):
        rows, cols = shape or (1, 1)
        if e3.shape[1] == s3.N_CATEGORIES and cols == 1 and e3.shape[0] in (1, rows):
            e3 = s3.scope3_total(e3)[:, None]
        elif e3.shape == (s3.N_CATEGORIES, 1) and shape is None:
            e3 = float(s3.scope3_total(e3.T)[0])
        elif shape is None and e3.size not in (1,):
            raise SbtError("categories_count", field="scope3", value=e3.shape[1])
    return e1, e2, e3, xv.broadcast({"scope1": e1, "scope2": e2, "scope3": e3})


@excel_safe
def SBT_SCOPE3_SHARE(scope1, scope2, scope3):
    e1, e2, e3, shape = _scope_totals(scope1, scope2, scope3)
    return xv.result(s3.scope3_share(e1, e2, e3), shape)


@excel_safe
def SBT_SCOPE3_REQUIRED(scope1, scope2, scope3, criteria=None):
    e1, e2, e3, _ = _scope_totals(scope1, scope2, scope3)
    named = {"criteria": xv.labels("criteria", criteria)}
    shape = xv.broadcast({"scope1": e1, "scope2": e2, "scope3": e3, **named})
    out = None
    for label, cells in xv.groups(shape, named):
        version = None if label["criteria"] is None else str(label["criteria"])
        required = s3.scope3_required(e1, e2, e3, version)
        if cells is None:
            return xv.result(np.asarray(required, dtype=bool), shape)
        if out is None:
            out = np.zeros(shape, dtype=bool)
        out[cells] = np.broadcast_to(required, shape)[cells]
    return xv.result(out, shape)


def _target(base_year, target_year, reduction) -> tuple[dict[str, xv.Value], Any]:
    args = {"base_year": xv.numbers("base_year", base_year),
            "target_year": xv.numbers("target_year", target_year),
            "reduction": xv.numbers("reduction", reduction)}
    return args, xv.broadcast(args)


@excel_safe
def SBT_ANNUAL_RATE(base_year, target_year, reduction):
    args, shape = _target(base_year, target_year, reduction)
    return xv.result(amb.linear_annual_rate(*args.values()), shape)


@excel_safe
def SBT_AMBITION(base_year, target_year, reduction, recent_year=None, recent_reduction=None,
                 as_of=None):
    """The class by the fixed rates, which are the floor of the method in force on
    ``as_of``: without emissions per scope the 2026 method is judged by its floor."""
    _as_of(as_of)
    args, _ = _target(base_year, target_year, reduction)
    recent = {name: xv.numbers(name, value) for name, value in (
        ("recent_year", recent_year), ("recent_reduction", recent_reduction))
        if xv.given(value)}
    shape = xv.broadcast({**args, **recent})
    result = amb.assess_ambition(*args.values(), recent.get("recent_year"),
                                 recent.get("recent_reduction"))
    return xv.result(result.ambition, shape)


def _pick(value: xv.Value, idx: tuple[int, ...]) -> Any:
    return value[idx] if isinstance(value, np.ndarray) else value


@excel_safe
def SBT_TARGET_TEXT(company, scope, type, reduction, base_year, target_year, per=None,
                    lang=None):
    """The SBTi's published wording of a target (a column of targets spills a column)."""
    args = {"company": xv.labels("company", company), "scope": xv.labels("scope", scope),
            "type": xv.labels("type", type), "reduction": xv.numbers("reduction", reduction),
            "base_year": xv.numbers("base_year", base_year, blank=None),
            "target_year": xv.numbers("target_year", target_year),
            "per": xv.labels("per", per), "lang": xv.labels("lang", lang)}
    shape = xv.broadcast(args)
    cells = [()] if shape is None else list(np.ndindex(*shape))
    out = np.empty(shape or (1, 1), dtype=object)
    for idx in cells:
        a = {k: _pick(v, idx) for k, v in args.items()}
        kind = str(a["type"] or wording.ABSOLUTE)
        text = wording.target_text(
            str(a["company"] or ""), None if a["scope"] is None else _scope_label(a["scope"]),
            kind, guards.fraction("reduction", a["reduction"]),
            None if a["base_year"] is None else guards.years("base_year", a["base_year"]),
            guards.years("target_year", a["target_year"]), per=a["per"],
            lang=lang_of(a["lang"] or language()))
        out[idx or (0, 0)] = text
    return xv.result(out, shape)


def _scope_label(value: Any) -> str:
    """``1+2`` as typed, or a number Excel made of ``1`` or ``3``."""
    return f"{value:g}" if isinstance(value, float) else str(value).replace(" ", "")


@excel_safe
def SBT_ON_TRACK(base_emissions, base_year, target_year, reduction, year, actual):
    """TRUE when actual emissions in ``year`` are at or below the target's straight line."""
    args = {"base_emissions": xv.numbers("base_emissions", base_emissions),
            "base_year": xv.numbers("base_year", base_year),
            "target_year": xv.numbers("target_year", target_year),
            "reduction": xv.numbers("reduction", reduction),
            "year": xv.numbers("year", year), "actual": xv.numbers("actual", actual)}
    shape = xv.broadcast(args)
    ok, _ = pathway.on_track(*args.values())
    return xv.result(np.asarray(ok, dtype=bool), shape)


_NOT_GIVEN = -0.5  # no year is -0.5: marks a blank cell while reading


def _optional_years(name: str, value: Any) -> xv.Value:
    """Years of an optional argument: None when omitted; in a range, NaN for a blank."""
    if not xv.given(value):
        return None
    years = xv.numbers(name, value, blank=_NOT_GIVEN)
    if isinstance(years, np.ndarray):
        return np.where(years == _NOT_GIVEN, np.nan, years)
    return None if years == _NOT_GIVEN else years


@excel_safe
def SBT_MIN_REDUCTION(base_year, target_year, scope1, scope2, scope3, ambition=None,
                      recent_year=None, net_zero_year=None, as_of=None):
    """The minimum reduction of an absolute target by the method in force on ``as_of``
    (default today): the 2026 net-zero paths from 2026-04-14, the fixed rate before."""
    args = {"base_year": xv.numbers("base_year", base_year),
            "target_year": xv.numbers("target_year", target_year),
            "scope1": xv.numbers("scope1", scope1, blank=0.0),
            "scope2": xv.numbers("scope2", scope2, blank=0.0),
            "scope3": xv.numbers("scope3", scope3, blank=0.0),
            "ambition": xv.labels("ambition", ambition)}
    for name, value in (("recent_year", recent_year), ("net_zero_year", net_zero_year)):
        args[name] = _optional_years(name, value)
    shape = xv.broadcast({k: v for k, v in args.items() if v is not None})
    m = contraction.minimum_reduction(*args.values(), as_of=_as_of(as_of))
    return xv.result(m.reduction, shape)
