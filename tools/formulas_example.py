"""``workbooks/example_formulas.xlsx``: the SBT_ formulas laid out over a table of 50
subsidiaries the way they are meant to be used, one spilling formula per column.

Each formula sits in the first data row and spills down (and, for the pathway, across a
row of years). The results are cached in the file, computed by the same functions Excel
calls, so the workbook shows them before the add-in recalculates (and in applications
without it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.pagebreak import Break
from sbt_xl.workbook import design, files
from sbt_xl.model.cells import column_letter
from sbt_xl.workbook.ooxml.package import open_package
from sbt_xl.workbook.write.package_book import PackageBook
from sbt_xl.workbook.write.printing import fit_rows, longest_unbreakable

SHEET = "Formulas"
N_COMPANIES = 50
FIRST_ROW = 5
LAST_ROW = FIRST_ROW + N_COMPANIES - 1
PATHWAY_YEARS = (2025, 2030, 2035, 2040, 2045, 2050)
#: SDA sectors with a typical intensity (sector unit) and activity range.
SECTOR_PROFILES = {
    "power": (0.45, 1e6, 5e6), "iron_steel": (1.8, 1e5, 2e6), "cement": (0.65, 5e5, 3e6),
    "aluminium": (8.0, 5e4, 3e5), "services_buildings": (0.06, 5e4, 5e5),
}


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    ja: str
    width: float
    number_format: str = "General"


INPUTS = (
    Column("name", "Subsidiary", "子会社", 24),
    Column("sector", "Sector", "セクター", 18),
    Column("base_year", "Base year", "基準年", 9, "0"),
    Column("base_emissions", "Base emissions (tCO2e)", "基準年排出量", 14, "#,##0"),
    Column("target_year", "Target year", "目標年", 9, "0"),
    Column("ambition", "Ambition", "水準", 9),
    Column("reduction", "Reduction (share)", "削減率", 10, "0.0%"),
    Column("base_intensity", "Base intensity", "基準年原単位", 11, "0.000"),
    Column("base_activity", "Base activity", "基準年活動量", 13, "#,##0"),
    Column("target_activity", "Target activity", "目標年活動量", 13, "#,##0"),
    Column("scope1", "Scope 1", "Scope 1", 12, "#,##0"),
    Column("scope2", "Scope 2", "Scope 2", 12, "#,##0"),
    Column("scope3", "Scope 3", "Scope 3", 12, "#,##0"),
)
#: (header en, header ja, width, number format, formula name, argument columns)
OUTPUTS = (
    ("Annual rate", "年率", 9, "0.00%", "SBT_ANNUAL_RATE", ("base_year", "target_year", "reduction")),
    ("Ambition reached", "達成水準", 10, "General", "SBT_AMBITION",
     ("base_year", "target_year", "reduction")),
    ("Scope 3 share", "Scope 3 割合", 9, "0.0%", "SBT_SCOPE3_SHARE", ("scope1", "scope2", "scope3")),
    ("Scope 3 target needed", "Scope 3 目標要否", 10, "General", "SBT_SCOPE3_REQUIRED",
     ("scope1", "scope2", "scope3")),
    ("SDA intensity in target year", "SDA 目標原単位", 11, "0.000", "SBT_SDA_INTENSITY",
     ("sector", "base_year", "base_intensity", "base_activity", "target_year",
      "target_activity")),
    ("Emissions in target year", "目標年排出量", 13, "#,##0", "SBT_PATHWAY",
     ("base_emissions", "base_year", "target_year", "ambition", "target_year")),
)
TITLE = ("SBT formulas over a table: one formula per column, spilling down",
         "表に使う SBT 関数: 列ごとに 1 つの数式を先頭行に入れ、下へスピル")
NOTE = ("Open with the sbt-xl add-in. Each grey cell in row 5 holds one formula that fills "
        "its whole column (and the pathway block fills the grid of companies × years). "
        "Cached results show until Excel recalculates.",
        "sbt-xl アドインで開いてください。5 行目の灰色のセルに入った 1 つの数式が列全体（経路は"
        "会社 × 年の表）を埋めます。再計算までは保存された結果が表示されます。")
FORMULA_FILL = design.COMPUTED_FILL
#: The calculation engine the cached results are "from" (Excel 2019 / Microsoft 365).
CALC_ID = 191029
#: Text columns (left-aligned, indented so that they do not run into the number on
#: their left: "2030 WB2C", not "2030WB2C").
TEXT_FORMATS = ("General",)
TEXT_ALIGN = Alignment(horizontal="left", indent=1)
#: Print scale, %: the inputs (A:M) fill a landscape A4 page at it, as do column A and
#: the results (N:Y).
PRINT_SCALE = 85


def companies(seed: int = 13) -> list[dict[str, Any]]:
    """50 subsidiaries with sector data a reader can check by hand."""
    rng = random.Random(seed)
    out = []
    for i in range(N_COMPANIES):
        sector = list(SECTOR_PROFILES)[i % len(SECTOR_PROFILES)]
        intensity, low, high = SECTOR_PROFILES[sector]
        base_i = round(intensity * rng.uniform(0.8, 1.25), 3)
        activity = round(rng.uniform(low, high), -2)
        emissions = round(base_i * activity)
        out.append({
            "name": f"Subsidiary {i + 1:02d}", "sector": sector,
            "base_year": float(rng.choice((2019, 2020, 2021))), "base_emissions": emissions,
            "target_year": float(rng.choice((2030, 2032, 2035))),
            "ambition": rng.choice(("1.5C", "1.5C", "WB2C")),
            "reduction": rng.choice((0.25, 0.30, 0.42, 0.46, 0.50)),
            "base_intensity": base_i, "base_activity": activity,
            "target_activity": round(activity * rng.uniform(0.9, 1.3), -2),
            "scope1": round(emissions * 0.8), "scope2": round(emissions * 0.2),
            "scope3": round(emissions * rng.uniform(0.2, 3.0)),
        })
    return out


def _column_of(key: str) -> str:
    return column_letter(1 + [c.key for c in INPUTS].index(key))


def _range(key: str) -> str:
    col = _column_of(key)
    return f"{col}{FIRST_ROW}:{col}{LAST_ROW}"


def _layout(rows: list[dict[str, Any]]) -> Workbook:
    wb = Workbook()
    # no recalculation on opening: an application without the add-in shows the cached
    # results instead of #NAME?
    wb.calculation.fullCalcOnLoad = False
    # nor a full recalculation for having been saved by an older calculation engine:
    # Excel recalculates a workbook whose calcId is below its own (openpyxl writes
    # 124519, Excel 2007's); 191029 is Excel 2019 / 365's
    wb.calculation.calcId = CALC_ID
    ws = wb.active
    ws.title = SHEET
    ws["A1"], ws["A2"] = TITLE[0] + " / " + TITLE[1], NOTE[0] + " " + NOTE[1]
    ws["A1"].font = design.TITLE_FONT
    ws["A2"].alignment = design.WRAP
    ws.merge_cells("A2:N2")
    ws.row_dimensions[2].height = 48
    heads = [(c.en, c.ja, c.width, c.number_format) for c in INPUTS]
    heads += [(en, ja, w, fmt) for en, ja, w, fmt, _, _ in OUTPUTS]
    heads += [(f"Pathway {y}", "経路", 11, "#,##0") for y in PATHWAY_YEARS]
    for j, (en, ja, width, _) in enumerate(heads, start=1):
        for row, text in ((3, en), (4, ja)):
            c = ws.cell(row, j, text)
            c.font, c.fill, c.alignment = design.HEAD_FONT, design.HEAD_FILL, design.WRAP
        ws.column_dimensions[column_letter(j)].width = max(
            width, *(round(longest_unbreakable(t, bold=True) + 0.25) for t in (en, ja)))
    first_year = len(INPUTS) + len(OUTPUTS) + 1
    for k, year in enumerate(PATHWAY_YEARS):  # the row of years the pathway spills across
        ws.cell(4, first_year + k, year)
    for i, company in enumerate(rows):
        for j, c in enumerate(INPUTS, start=1):
            ws.cell(FIRST_ROW + i, j, company[c.key]).number_format = c.number_format
        for j in range(len(INPUTS) + 1, len(heads) + 1):
            ws.cell(FIRST_ROW + i, j).number_format = heads[j - 1][3]
        for j in range(1, len(heads) + 1):
            if heads[j - 1][3] in TEXT_FORMATS and j > 1:
                ws.cell(FIRST_ROW + i, j).alignment = TEXT_ALIGN
    for j in range(len(INPUTS) + 1, len(heads) + 1):
        ws.cell(FIRST_ROW, j).fill = FORMULA_FILL
    ws.freeze_panes = f"C{FIRST_ROW}"
    fit_rows(ws, {col: d.width for col, d in ws.column_dimensions.items() if d.width},
             default_height=15.0)
    ws.row_dimensions[2].height = 48
    # two pages wide at 85 %, not one at 55 %: the inputs, then the formulas' results,
    # each page with the subsidiaries' names (column A), the two header rows and the
    # title (in the page header: a title cell would print cut beside the repeated names)
    last = column_letter(len(heads))
    design.page_setup(ws, design.Print(landscape=True, title_rows="3:4",
                                       area=f"A3:{last}{LAST_ROW}"))
    ws.print_title_cols = "A:A"
    ws.col_breaks.append(Break(id=len(INPUTS)))
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = PRINT_SCALE
    ws.oddHeader.left.text = TITLE[0] + " / " + TITLE[1]
    ws.oddHeader.left.size = 10
    return wb


def _excel_arguments(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[Any]:
    """The arguments as xlwings passes ranges with ndim=2: a column of [value] rows."""
    return [[[r[k]] for r in rows] for k in keys]


def formulas(rows: list[dict[str, Any]]) -> list[tuple[str, str, list[list[Any]]]]:
    """(anchor cell, formula, spilled values) for every formula of the sheet."""
    import sbt_xl_udfs as xl
    out = []
    for j, (_, _, _, _, name, keys) in enumerate(OUTPUTS, start=len(INPUTS) + 1):
        refs = [_range(k) for k in keys]
        values = getattr(xl, name)(*_excel_arguments(rows, keys))
        out.append((f"{column_letter(j)}{FIRST_ROW}", f"={name}({','.join(refs)})", values))
    first = len(INPUTS) + len(OUTPUTS) + 1
    years = f"${column_letter(first)}$4:${column_letter(first + len(PATHWAY_YEARS) - 1)}$4"
    keys = ("base_emissions", "base_year", "target_year", "ambition")
    grid = xl.SBT_PATHWAY(*_excel_arguments(rows, keys), [[float(y) for y in PATHWAY_YEARS]])
    out.append((f"{column_letter(first)}{FIRST_ROW}",
                f"=SBT_PATHWAY({','.join(_range(k) for k in keys)},{years})", grid))
    for anchor, formula, values in out:
        if isinstance(values, str):
            raise ValueError(f"{anchor} {formula}: {values}")
    return out


def write(path: str | Path) -> Path:
    """Write the example: the table with openpyxl, then the spilling formulas."""
    from sbt_xl.workbook.template.build import save_reproducibly
    rows = companies()
    save_reproducibly(_layout(rows), path)
    book = PackageBook(open_package(path))
    for anchor, formula, values in formulas(rows):
        book.set_dynamic_array(SHEET, anchor, formula, values)
    return files.write_atomic(path, book.to_bytes())
