"""The Progress and Charts sheets: live Excel formulas for each target's pathway and
on-track flag, and native charts over live data, so both update without Python.

The pathway is :func:`sbt_xl.core.pathway.target_pathway` written as a formula (a straight
line from the base year's emissions of the target's scope to ``base × (1 − reduction)`` in
the target year, flat after it), for absolute targets whose base year is the inventory's;
the flag compares with the same rounding as :func:`~sbt_xl.core.pathway.on_track`.

What depends only on the target (its base-year emissions, whether its pathway applies, its
scope) is computed once, in the Charts sheet's per-target block under defined names; what
depends only on the row (the reported emissions of each scope) once per row, in hidden
helper columns: each pathway and flag cell is a short formula over those (the sheet's XML
stays small enough for the roll-up to read thousands of them quickly).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeGuard

from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.data_source import StrData, StrRef, StrVal
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import Text
from openpyxl.chart.title import Title
from openpyxl.worksheet.worksheet import Worksheet

from sbt_xl.core.ambition import AMBITION_RATES
from sbt_xl.core.guards import THRESHOLD_DECIMALS
from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.messages import Lang, render
from sbt_xl.model.vocabulary import N_PROGRESS_ROWS, N_TARGETS, SCOPE3_CATEGORIES, TARGET_SCOPES
from sbt_xl.workbook.template.layout import (
    CHART_BASE_FIRST_ROW,
    CHART_DATA_FIRST_ROW,
    CHART_PATHWAY_ANCHOR,
    CHART_S3_FIRST_ROW,
    CHART_SCOPE3_ANCHOR,
    PROGRESS_CHECK_COLUMN,
    PROGRESS_FIRST_ROW,
    PROGRESS_FLAG_COLUMNS,
    PROGRESS_INPUTS,
    PROGRESS_PATHWAY_COLUMNS,
    PROGRESS_SCOPE_COLUMNS,
    PROGRESS_YEAR_COLUMN,
    key_to_name,
    location_chosen,
    target_fact_cell,
    target_fact_name,
)

Cell = Callable[[str], str]
"""Column letter → a reference to that column on the current Progress row."""

BASE_YEAR = key_to_name("inventory.base.year")


def _t(n: int, suffix: str) -> str:
    return key_to_name(f"targets.{n}.{suffix}")


#: The target scopes, in the order of the Progress helper columns.
SCOPES = tuple(c.code for c in TARGET_SCOPES)


def _by_scope(scope: str, values: dict[str, str]) -> str:
    """A nested IF choosing ``values[code]`` by the scope ``scope`` holds ("" otherwise)."""
    out = '""'
    for code in reversed(SCOPES):
        out = f'IF(""&{scope}="{code}",{values[code]},{out})'
    return out


def base_emissions(n: int) -> str:
    """Base-year emissions of target ``n``'s scope, from the inventory's totals."""
    s2 = (f"IF({location_chosen()},{key_to_name('inventory.base.scope2_location')},"
          f"{key_to_name('inventory.base.scope2_market')})")
    return _by_scope(_t(n, "scope"), {"1": key_to_name("inventory.base.scope1"), "2": s2,
                         "1+2": key_to_name("calc.base.scope12"),
                         "3": key_to_name("calc.base.scope3"),
                         "1+2+3": key_to_name("calc.base.total")})


def _all_of(*parts: str) -> str:
    """The sum of ``parts`` when every one is a number ("" otherwise)."""
    return f'IF(COUNT({",".join(parts)})={len(parts)},{"+".join(parts)},"")'


def scope_formulas(cell: Cell) -> dict[str, str]:
    """Per scope code, the reported emissions of that scope on a Progress row ("" if
    incomplete): the row's helper columns. Scope 2 is the method chosen on Company; the
    combinations add up the scope 2 helper (a number exactly when the chosen input is)."""
    s1, loc, mkt, s3 = (cell(c) for c, *_ in PROGRESS_INPUTS)
    s2 = cell(PROGRESS_SCOPE_COLUMNS[SCOPES.index("2")])
    return {"1": _all_of(s1), "2": _all_of(f"IF({location_chosen()},{loc},{mkt})"),
            "1+2": _all_of(s1, s2), "3": _all_of(s3), "1+2+3": _all_of(s1, s2, s3)}


def actual(column: str, cell: Cell) -> str:
    """Reported emissions of a scope on a Progress row ("" if incomplete), picked from the
    row's helper columns by ``column`` (1-5, a target's ``scope_column`` fact; anything
    else is an error value, which the callers treat as "no value")."""
    return f"CHOOSE({column},{','.join(cell(c) for c in PROGRESS_SCOPE_COLUMNS)})"


def scope_column(n: int) -> str:
    """Which helper column holds target ``n``'s scope (1-5; "" for no known scope)."""
    return _by_scope(_t(n, "scope"), {code: str(i) for i, code in enumerate(SCOPES, start=1)})


def pathway_applies(n: int) -> str:
    """Whether target ``n`` has a pathway at all: absolute, its base year the inventory's,
    its years and reduction numbers that make a line, its base emissions known."""
    by, ty, red = _t(n, "base_year"), _t(n, "target_year"), _t(n, "reduction")
    kind, e0 = _t(n, "type"), target_fact_name(n, "base_emissions")
    return (f'AND(OR({kind}="absolute",{kind}="総量"),ISNUMBER({by}),'
            f"ISNUMBER({ty}),ISNUMBER({red}),{ty}>{by},{by}={BASE_YEAR},"
            f"ISNUMBER({e0}),{red}>=0,{red}<=1)")  # a share typed as 42 draws nothing


def span(n: int) -> str:
    """Target ``n``'s years from base to target, where its pathway applies."""
    by, ty = _t(n, "base_year"), _t(n, "target_year")
    return f'IF({target_fact_name(n, "pathway_applies")},{ty}-{by},"")'


def pathway(n: int, year: str) -> str:
    """The emissions target ``n`` allows in ``year`` ("" where it does not apply)."""
    by, red = _t(n, "base_year"), _t(n, "reduction")
    e0, ok = target_fact_name(n, "base_emissions"), target_fact_name(n, "pathway_applies")
    years = target_fact_name(n, "span")
    return (f'IF(AND({ok},ISNUMBER({year}),{year}>={by}),'
            f'{e0}*(1-{red}*MIN({year}-{by},{years})/{years}),"")')


def _row(r: int, sheet: str = "") -> Cell:
    prefix = f"'{sheet}'!" if sheet else ""
    return lambda col: f"{prefix}${col}${r}" if sheet else f"${col}{r}"


def year_formula(i: int) -> str:
    """Row ``i`` (1-based) of the Progress table: base year + i − 1, up to the last target
    year (or the most recent inventory year)."""
    last = ",".join([BASE_YEAR, key_to_name("inventory.recent.year"),
                     *(_t(n, "target_year") for n in range(1, N_TARGETS + 1))])
    y = f"{BASE_YEAR}+{i - 1}"
    return f'=IF(ISNUMBER({BASE_YEAR}),IF({y}<=MAX({last}),{y},""),"")'


def flag_formula(n: int, r: int) -> str:
    cell = _row(r)
    p = cell(PROGRESS_PATHWAY_COLUMNS[n - 1])
    a = actual(target_fact_name(n, "scope_column"), cell)
    # p and a are formula cells holding a number or "": their difference is an error
    # (so the flag blank) exactly when either is blank
    return f'=IFERROR(IF(ROUND({a}-{p},{THRESHOLD_DECIMALS})<=0,"✔","✖"),"")'


def fill_progress(ws: Worksheet) -> None:
    """Write the Progress table's formulas (the headers and inputs are the template's) and
    its hidden helper columns."""
    for col in PROGRESS_SCOPE_COLUMNS:
        ws.column_dimensions[col].hidden = True
    # the page is the table (the helper columns stay off paper)
    ws.print_area = f"A1:{PROGRESS_CHECK_COLUMN}{PROGRESS_FIRST_ROW + N_PROGRESS_ROWS - 1}"
    for i in range(1, N_PROGRESS_ROWS + 1):
        r = PROGRESS_FIRST_ROW + i - 1
        ws[f"{PROGRESS_YEAR_COLUMN}{r}"] = year_formula(i)
        for col, formula in zip(PROGRESS_SCOPE_COLUMNS, scope_formulas(_row(r)).values(),
                                strict=True):
            ws[f"{col}{r}"] = "=" + formula
        for n in range(1, N_TARGETS + 1):
            ws[f"{PROGRESS_PATHWAY_COLUMNS[n - 1]}{r}"] = \
                "=" + pathway(n, f"${PROGRESS_YEAR_COLUMN}{r}")
            ws[f"{PROGRESS_PATHWAY_COLUMNS[n - 1]}{r}"].number_format = "#,##0"
            ws[f"{PROGRESS_FLAG_COLUMNS[n - 1]}{r}"] = flag_formula(n, r)


# --- the Charts sheet -----------------------------------------------------------------------

#: The first year the pathway chart's axis shows while the workbook has no base year: an
#: empty chart then spans 2020-2055 (the base years and targets the SBTi validates today),
#: not the row numbers 0-40.
BLANK_CHART_FIRST_YEAR = 2020

#: The pathway chart's series, in order: target pathway, 1.5 °C, WB2 °C, actual.
SERIES = ("chart_series_pathway", "chart_series_1_5c", "chart_series_wb2c",
          "chart_series_actual")

_SELECTED = f'IFERROR(VALUE(""&{key_to_name("charts.target")}),1)'


def fill_charts(ws: Worksheet, lang: Lang) -> None:
    """Chart data blocks (live formulas; #N/A where a chart should draw nothing) and the
    two charts over them."""
    b0 = CHART_BASE_FIRST_ROW
    ws.cell(b0 - 1, 1, render("chart_base_per_target", lang, {}))
    for n in range(1, N_TARGETS + 1):
        ws.cell(b0 + n - 1, 1, n)
        ws[target_fact_cell(n, "base_emissions")] = f"={base_emissions(n)}"
        ws[target_fact_cell(n, "base_emissions")].number_format = "#,##0"
        ws[target_fact_cell(n, "pathway_applies")] = f"={pathway_applies(n)}"
        ws[target_fact_cell(n, "scope_column")] = f"={scope_column(n)}"
        ws[target_fact_cell(n, "span")] = f"={span(n)}"
        ws.cell(b0 + n - 1, 3, f'=IF(ISNUMBER({_t(n, "base_year")}),{_t(n, "base_year")},"")')
        ws.cell(b0 + n - 1, 4, f'=""&{_t(n, "scope")}')
        ws.cell(b0 + n - 1, 5, f'=IF(ISNUMBER({_t(n, "target_year")}),{_t(n, "target_year")},"")')
    b = target_fact_cell(1, "base_emissions")[0]
    e0 = f"INDEX(${b}${b0}:${b}${b0 + N_TARGETS - 1},{_SELECTED})"
    by = f"INDEX($C${b0}:$C${b0 + N_TARGETS - 1},{_SELECTED})"
    scope = f"INDEX($D${b0}:$D${b0 + N_TARGETS - 1},{_SELECTED})"
    g = target_fact_cell(1, "scope_column")[0]
    scope_col = f"INDEX(${g}${b0}:${g}${b0 + N_TARGETS - 1},{_SELECTED})"
    ty = f"INDEX($E${b0}:$E${b0 + N_TARGETS - 1},{_SELECTED})"
    # the pathway chart's title names the target it shows (a live formula, above the data)
    title = ws.cell(b0 - 2, 1)
    title.value = '="' + render("chart_pathway_title", lang, {
        "n": f'"&{_SELECTED}&"', "scope": f'"&{scope}&"'}) + '"'
    d0 = CHART_DATA_FIRST_ROW
    for c, code in enumerate(("chart_year", *SERIES), start=1):
        ws.cell(d0 - 1, c, render(code, lang, {}))
    for i in range(N_PROGRESS_ROWS):
        r, src = d0 + i, PROGRESS_FIRST_ROW + i
        year = f"'Progress'!$A${src}"
        # before a base year is typed, the years of an empty chart (not Excel's 0-40)
        ws.cell(r, 1, f"=IF(ISNUMBER({year}),{year},"
                      f"IF(ISNUMBER({BASE_YEAR}),NA(),{BLANK_CHART_FIRST_YEAR + i}))")
        chosen = ",".join(f"'Progress'!${c}${src}" for c in PROGRESS_PATHWAY_COLUMNS)
        # the pathway ends at the target's year (no flat line after it)
        ws.cell(r, 2, f"=IF(AND(ISNUMBER($A{r}),ISNUMBER({ty})),IF($A{r}>{ty},NA(),"
                      f"IFERROR(1*CHOOSE({_SELECTED},{chosen}),NA())),NA())")
        for col, label in ((3, "1.5C"), (4, "WB2C")):
            rate = AMBITION_RATES[label]
            ws.cell(r, col, f"=IF(AND(ISNUMBER($A{r}),ISNUMBER({e0}),ISNUMBER({by})),"
                            f"IF($A{r}>={by},{e0}*MAX(0,1-{rate}*($A{r}-{by})),NA()),NA())")
        ws.cell(r, 5, f"=IF(ISNUMBER({year}),"
                      f"IFERROR(1*{actual(scope_col, _row(src, 'Progress'))},NA()),NA())")
        for col in range(2, 6):
            ws.cell(r, col).number_format = "#,##0"
    s0 = CHART_S3_FIRST_ROW
    ws.cell(s0 - 1, 1, render("chart_scope3_block", lang, {}))
    for i, (en, ja) in enumerate(SCOPE3_CATEGORIES, start=1):
        r = s0 + i - 1
        ws.cell(r, 1, render("chart_category", lang, {"i": i, "name": {"en": en, "ja": ja}}))
        ws.cell(r, 2, f"=N({key_to_name(f'inventory.base.scope3.cat{i:02d}')})")
        ws.cell(r, 3, f"=$B{r}-ROW()/1000000000")  # ties keep category order
    keys = f"$C${s0}:$C${s0 + N_CATEGORIES - 1}"
    t0 = s0 + N_CATEGORIES + 1
    ws.cell(t0 - 1, 1, render("chart_sorted", lang, {}))
    for k in range(1, N_CATEGORIES + 1):
        r = t0 + k - 1
        match = f"MATCH(LARGE({keys},{k}),{keys},0)"
        ws.cell(r, 1, f"=INDEX($A${s0}:$A${s0 + N_CATEGORIES - 1},{match})")
        ws.cell(r, 2, f"=INDEX($B${s0}:$B${s0 + N_CATEGORIES - 1},{match})")
        ws.cell(r, 2).number_format = "#,##0"
    _charts(ws, lang, t0, f"'{ws.title}'!$A${b0 - 2}")


#: Target pathway, 1.5 °C line, well-below 2 °C line, actual emissions.
_COLORS = ("1F4E79", "2E7D32", "ED7D31", "C00000")


def _charts(ws: Worksheet, lang: Lang, sorted_first: int, title_cell: str) -> None:
    """An XY chart (years as numbers): Excel and LibreOffice both leave #N/A points out
    of it, where a line chart would drop them to zero."""
    d0, d1 = CHART_DATA_FIRST_ROW, CHART_DATA_FIRST_ROW + N_PROGRESS_ROWS - 1
    xy = ScatterChart()
    shown = render("chart_pathway_title_blank", lang, {})
    # the title is the cell's text (cached here for applications that do not recalculate)
    xy.title = Title(tx=Text(strRef=StrRef(title_cell, strCache=StrData(
        ptCount=1, pt=[StrVal(idx=0, v=shown)]))), overlay=False)
    xy.style, xy.scatterStyle = 2, "lineMarker"
    years = Reference(ws, min_col=1, min_row=d0, max_row=d1)
    for col in range(2, 6):
        s = Series(Reference(ws, min_col=col, min_row=d0, max_row=d1), years,
                   title_from_data=False, title=str(ws.cell(d0 - 1, col).value))
        s.smooth = False
        color = _COLORS[col - 2]
        s.marker.symbol = "circle" if col == 5 else "none"
        if col == 5:  # the actual emissions: points only
            s.marker.size = 8
            s.marker.graphicalProperties = GraphicalProperties(solidFill=color)
            s.marker.graphicalProperties.line.solidFill = color
            s.graphicalProperties.line.noFill = True
        else:
            s.graphicalProperties.line.solidFill = color
            s.graphicalProperties.line.width = 38100 if col == 2 else 19050
            if col > 2:
                s.graphicalProperties.line.dashStyle = "dash"
        xy.series.append(s)
    xy.x_axis.title = render("chart_year", lang, {})  # the unit is in the title
    xy.x_axis.number_format = "0"
    xy.y_axis.number_format = "#,##0;-#,##0;"  # no "0" at the corner, over the first year
    xy.y_axis.scaling.min = 0
    xy.x_axis.delete = xy.y_axis.delete = False
    xy.height, xy.width = 12.5, 12.4
    xy.legend.position = "b"
    ws.add_chart(xy, CHART_PATHWAY_ANCHOR)

    bar = BarChart()
    bar.type = "bar"
    bar.title = render("chart_scope3_title", lang, {})
    bar.y_axis.title = "tCO2e"
    bar.y_axis.number_format = "#,##0"
    bar.add_data(Reference(ws, min_col=2, min_row=sorted_first,
                           max_row=sorted_first + N_CATEGORIES - 1))
    bar.set_categories(Reference(ws, min_col=1, min_row=sorted_first,
                                 max_row=sorted_first + N_CATEGORIES - 1))
    bar.legend = None
    bar.gapWidth = 40
    bar.x_axis.scaling.orientation = "maxMin"  # the largest category on top
    bar.x_axis.delete = bar.y_axis.delete = False
    bar.height, bar.width = 12.5, 12
    ws.add_chart(bar, CHART_SCOPE3_ANCHOR)


# --- the legend: only the series a filled workbook draws ------------------------------------

def _num(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _plus(*parts: object) -> float | None:
    """Excel's ``a+b``: a blank counts 0, text makes it an error (None)."""
    if any(p is not None and not _num(p) for p in parts):
        return None
    return sum(float(p) for p in parts if _num(p))


def _selected(values: Mapping[str, Any]) -> int:
    """The target the pathway chart shows: the Charts sheet's input, 1 when blank."""
    try:
        return int(float(str(values.get("charts.target") or 1)))
    except ValueError:
        return 1


def drawn_series(values: Mapping[str, Any]) -> tuple[bool, bool, bool, bool]:
    """Which of the pathway chart's series (target pathway, 1.5 °C line, well-below 2 °C
    line, actual) draw a point for the layout ``values`` (codes, as :func:`fill` takes
    them): the conditions of the chart's formulas above (:func:`pathway_applies`,
    :func:`base_emissions`, :func:`scope_formulas`, the chart data block), in Python."""
    v = values.get
    n = _selected(values)
    if not 1 <= n <= N_TARGETS:
        return (False, False, False, False)
    t = {k: v(f"targets.{n}.{k}") for k in ("scope", "type", "base_year", "target_year",
                                             "reduction")}
    location = v("inventory.scope2_method") == "location-based"
    base_year = v("inventory.base.year")

    def scope_sum(scope: str, s1: Any, loc: Any, mkt: Any, s3: Any) -> float | None:
        s2 = loc if location else mkt
        return {"1": s1 if _num(s1) else None, "2": s2 if _num(s2) else None,
                "1+2": _plus(s1, s2), "3": s3, "1+2+3": _plus(s1, s2, s3)}.get(str(scope))

    cats = [v(f"inventory.base.scope3.cat{i:02d}") for i in range(1, N_CATEGORIES + 1)]
    e0 = scope_sum(t["scope"] or "", v("inventory.base.scope1"),
                   v("inventory.base.scope2_location"), v("inventory.base.scope2_market"),
                   sum(c for c in cats if _num(c)))
    if not _num(base_year):
        return (False, False, False, False)
    last = max([y for y in (v("inventory.recent.year"),
                            *(v(f"targets.{k}.target_year") for k in range(1, N_TARGETS + 1)))
                if _num(y)], default=None)
    years = [base_year + i for i in range(N_PROGRESS_ROWS)
             if last is not None and base_year + i <= last]
    by, ty, red = t["base_year"], t["target_year"], t["reduction"]
    applies = (t["type"] == "absolute" and _num(by) and _num(ty) and _num(red) and ty > by
               and by == base_year and e0 is not None and 0 <= red <= 1)
    pathway = applies and _num(by) and _num(ty) and any(by <= y <= ty for y in years)
    lines = e0 is not None and _num(by) and any(y >= by for y in years)

    def reported(i: int) -> bool:
        row = [v(f"progress.{i}.{k}") for k in ("scope1", "scope2_location",
                                                 "scope2_market", "scope3")]
        s2 = row[1] if location else row[2]
        need = {"1": (row[0],), "2": (s2,), "1+2": (row[0], s2), "3": (row[3],),
                "1+2+3": (row[0], s2, row[3])}.get(str(t["scope"]), (None,))
        return all(_num(x) for x in need)
    actual = any(reported(i) for i in range(1, len(years) + 1))
    return (bool(pathway), bool(lines), bool(lines), actual)


def finish_pathway_chart(ws: Worksheet, values: Mapping[str, Any], lang: Lang) -> None:
    """The pathway chart of a workbook filled with ``values``: its title's cached text
    names the target it shows (what the title cell's formula gives; an application that
    does not recalculate prints the cache), and its legend leaves out the series the
    values draw nothing for (an intensity target has no pathway, a workbook without
    reports no actual points). Decided when the workbook is filled: a blank template
    keeps every entry, and a workbook edited afterwards the entries it was filled with."""
    from openpyxl.chart.legend import LegendEntry
    chart = next(c for c in ws._charts if isinstance(c, ScatterChart))
    chart.legend.legendEntry = [LegendEntry(idx=i, delete=True)
                                for i, drawn in enumerate(drawn_series(values)) if not drawn]
    n = _selected(values)
    scope = values.get(f"targets.{n}.scope") if 1 <= n <= N_TARGETS else None
    chart.title.tx.strRef.strCache.pt[0].v = render(
        "chart_pathway_title", lang, {"n": n, "scope": "" if scope is None else scope})
