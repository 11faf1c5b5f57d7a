"""The Excel formulas: thin wrappers that read Excel's values, call the core, and
return a number, a spill array, or a ``#SBT! …`` message naming the argument.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from typing import Any

import numpy as np

from sbt_xl.core import ambition as amb
from sbt_xl.core import pathway, sda
from sbt_xl.core import scope3 as s3
from sbt_xl.errors import SbtError
from sbt_xl.messages import render

from . import excel_values as xv

logger = logging.getLogger(__name__)
ERROR_PREFIX = "#SBT! "


def language() -> str:
    """The language of messages: ``SBT_XL_LANG`` (``en`` or ``ja``), English by default."""
    lang = os.environ.get("SBT_XL_LANG", "en").strip().lower()
    return lang if lang in ("en", "ja") else "en"


def excel_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure into a ``#SBT!`` string: Excel never shows a traceback."""

    @functools.wraps(fn)
    def safe(*args: Any) -> Any:
        try:
            return fn(*args)
        except SbtError as err:
            return ERROR_PREFIX + err.message(language())
        except Exception as err:  # a bug of ours: say so, log the traceback
            logger.exception("%s failed", fn.__name__)
            return ERROR_PREFIX + render("internal", language(),
                                         {"field": fn.__name__, "value": repr(err)})

    return safe


def _largest(*grids: np.ndarray) -> np.ndarray:
    return max(grids, key=lambda g: g.size)


@excel_safe
def SBT_PATHWAY(base_emissions, base_year, target_year, ambition=None, at_year=None):
    e0 = xv.number("base_emissions", base_emissions)
    by = xv.number("base_year", base_year)
    ty = xv.number("target_year", target_year)
    label = xv.text_or_number("ambition", ambition)
    rate = amb.ambition_rate("1.5C" if label is None else label)
    years, emissions = pathway.pathway_table(e0, by, ty, rate)
    if xv.given(at_year):
        year = xv.number("at_year", at_year)
        return float(pathway.absolute_pathway(e0, by, year, rate, year_field="at_year"))
    return [[int(y), float(e)] for y, e in zip(years, emissions)]


@excel_safe
def SBT_SDA_INTENSITY(sector, base_year, base_intensity, base_activity, target_year,
                      target_activity, scenario=None):
    name = xv.text("sector", sector)
    if name is None:
        raise SbtError("blank", field="sector")
    years = xv.grid("target_year", target_year)
    activities = xv.grid("target_activity", target_activity)
    flat, _ = xv.columns({"target_year": years, "target_activity": activities})
    intensity, _ = sda.sda_target(
        name,
        xv.number("base_year", base_year),
        xv.number("base_intensity", base_intensity),
        xv.number("base_activity", base_activity),
        flat["target_year"],
        flat["target_activity"],
        scenario=xv.text("scenario", scenario),
    )
    return xv.shaped(intensity, _largest(years, activities))


def _scope_totals(scope1, scope2, scope3_cells):
    """Scope 1, 2 and 3 totals per company, and the grid results should mirror."""
    g1 = xv.grid("scope1", scope1)
    g2 = xv.grid("scope2", scope2)
    g3 = xv.grid("scope3", scope3_cells, blank=0.0)
    flat, n = xv.columns({"scope1": g1, "scope2": g2})
    return flat["scope1"], flat["scope2"], s3.scope3_totals(g3, n), _largest(g1, g2)


@excel_safe
def SBT_SCOPE3_SHARE(scope1, scope2, scope3):
    e1, e2, e3, like = _scope_totals(scope1, scope2, scope3)
    return xv.shaped(s3.scope3_share(e1, e2, e3), like)


@excel_safe
def SBT_SCOPE3_REQUIRED(scope1, scope2, scope3, criteria=None):
    e1, e2, e3, like = _scope_totals(scope1, scope2, scope3)
    required = s3.scope3_required(e1, e2, e3, xv.text("criteria", criteria))
    return xv.shaped(required.astype(bool), like)


def _rate_inputs(base_year, target_year, reduction):
    grids = {"base_year": xv.grid("base_year", base_year),
             "target_year": xv.grid("target_year", target_year),
             "reduction": xv.grid("reduction", reduction)}
    flat, _ = xv.columns(grids)
    return flat, _largest(*grids.values())


@excel_safe
def SBT_ANNUAL_RATE(base_year, target_year, reduction):
    flat, like = _rate_inputs(base_year, target_year, reduction)
    rate = amb.linear_annual_rate(flat["base_year"], flat["target_year"], flat["reduction"])
    return xv.shaped(rate, like)


@excel_safe
def SBT_AMBITION(base_year, target_year, reduction, recent_year=None, recent_reduction=None):
    flat, like = _rate_inputs(base_year, target_year, reduction)
    recent = {name: xv.grid(name, value)
              for name, value in (("recent_year", recent_year),
                                  ("recent_reduction", recent_reduction))
              if xv.given(value)}
    if recent:
        flat, _ = xv.columns({**flat, **recent})
    result = amb.assess_ambition(flat["base_year"], flat["target_year"], flat["reduction"],
                                 flat.get("recent_year"), flat.get("recent_reduction"))
    return xv.shaped(np.asarray(result.ambition, dtype=object), like)
