"""The submission template, generated from :mod:`sbt_xl.workbook.template.layout` with openpyxl.

``build_template(lang)`` makes the workbook; ``save_reproducibly`` writes it with fixed
timestamps so the same code gives the same bytes; ``fill`` writes values through the
defined names (what other tools, the examples and the tests use to fill it).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sbt_xl.messages import Lang, Text, other, render
from sbt_xl.model.cells import absolute_ref
from sbt_xl.model.roles import DEFAULT_ROLE, ROLES
from sbt_xl.model.vocabulary import INVENTORY_ITEMS, N_PROGRESS_ROWS, N_TARGETS, SECTION_TITLES
from sbt_xl.workbook.template.layout import (
    ROLE_NAME,
    CALCS,
    DETAIL_COLUMNS,
    DETAIL_WORDING_HEADER,
    FIELDS,
    FORM_HEADERS,
    Field,
    HEADER_ROWS,
    INSTRUCTIONS,
    INVENTORY_HEADERS,
    LAYOUT_VERSION,
    PROGRESS_FIRST_ROW,
    PROGRESS_FLAG_COLUMNS,
    PROGRESS_INPUTS,
    SHEETS,
    SHEETS_BY_NAME,
    TABLES,
    TARGETS_FIRST_ROW,
    TARGET_COLUMNS,
    TARGET_FACT_SHEET,
    TARGET_RATE_HEADER,
    CHART_PRINT_ROWS,
    VERDICT_NAME,
    VERDICT_ROWS,
    VERDICT_TITLE,
    VERSION_NAME,
    fields_by_key,
    key_to_name,
    target_facts,
    wording_cell,
    wording_name,
)
from sbt_xl.workbook import design
from sbt_xl.workbook.ooxml.normalise import FIXED_TIME, normalise_zip
from sbt_xl.workbook.ooxml.package import Package
from sbt_xl.workbook.write.printing import (
    LINE_POINTS,
    NUMBER_ROW_POINTS,
    fit_rows,
    longest_unbreakable,
)
from sbt_xl.workbook.template.progress import (
    fill_charts,
    fill_progress,
    finish_pathway_chart,
)
from sbt_xl.workbook.template.wording_formula import wording_formula

TITLE_FONT, HEAD_FONT = design.TITLE_FONT, design.HEAD_FONT
HEAD_FILL, SECTION_FILL, WRAP = design.HEAD_FILL, design.SECTION_FILL, design.WRAP
UNLOCKED = Protection(locked=False)
BAD_FILL = design.conditional(design.ERROR)
WARN_FILL = design.conditional(design.WARNING)
OK_FILL = design.conditional(design.OK)
#: A share shows as a percentage; a number above 1 (a share typed as 42, which the
#: checker flags) shows as itself, not as "4200.0%".
SHARE_FORMAT = "[<=1]0.0%;#,##0.##"
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "year": "0", "tco2e": "#,##0", "fraction": SHARE_FORMAT,
                  "number": "#,##0.##"}


#: The verdict cell before the first check; a Progress input column's prompt; the title.
NOT_CHECKED = Text("not checked yet", "未チェック")
PROGRESS_PROMPT = Text("Emissions reported for the year in column A (tCO2e)",
                       "A 列の年に報告した排出量（tCO2e）")
TITLE = Text("SBT target submission", "SBT 目標申請書")


def _pick(pair: tuple[str, str], lang: Lang) -> tuple[str, str]:
    """(primary, secondary) of an (en, ja) pair."""
    text = Text(*pair)
    return text(lang), text(other(lang))


def _validation(f: Field, lang: Lang) -> DataValidation:
    label = f.label(lang)
    if f.type == "choice":
        items = ",".join(c.label(lang) for c in f.allowed)
        dv = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
    elif f.type == "year":
        dv = DataValidation(type="whole", operator="between", formula1=str(int(f.low or 1990)),
                            formula2=str(int(f.high or 2100)), allow_blank=True)
    elif f.type == "date":
        dv = DataValidation(type="date", operator="between", formula1="36526",  # 2000-01-01
                            formula2="73051", allow_blank=True)  # 2099-12-31
    elif f.type in ("fraction", "tco2e", "number"):
        if f.high is not None:
            dv = DataValidation(type="decimal", operator="between", formula1=str(f.low),
                                formula2=str(f.high), allow_blank=True)
        else:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual",
                                formula1=str(f.low or 0), allow_blank=True)
    else:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="2000",
                            allow_blank=True)
    dv.promptTitle = label[:32]
    dv.prompt = _prompt(f, lang)[:255]
    dv.errorTitle = "sbt-xl"
    dv.error = render("dropdown_refused", lang, {"label": label})[:255]
    dv.showInputMessage = dv.showErrorMessage = True
    return dv


def _prompt(f: Field, lang: Lang) -> str:
    hints = {
        "fraction": ("Share: 30 % is 0.30 or 30%", "割合: 30 % は 0.30 または 30%"),
        "tco2e": ("Emissions in tCO2e", "排出量（tCO2e）"),
        "year": ("Year, e.g. 2023", "西暦年（例: 2023）"),
        "date": ("Date, e.g. 2026-11-30", "日付（例: 2026-11-30）"),
        "categories": ("Scope 3 categories, e.g. 1,4,11 or 1-4", "Scope 3 カテゴリ（例: 1,4,11 や 1-4）"),
    }
    hint = hints.get(f.type)
    text = f.label(lang) if hint is None else f"{f.label(lang)}. {_pick(hint, lang)[0]}"
    return text


def _sheet_head(ws: Worksheet, lang: Lang, headers: tuple[tuple[str, str], ...]) -> None:
    spec = SHEETS_BY_NAME[ws.title]
    primary, secondary = _pick((spec.title_en, spec.title_ja), lang)
    ws["A1"], ws["A2"] = primary, secondary
    ws["A1"].font = TITLE_FONT
    for col, width in spec.widths.items():
        ws.column_dimensions[col].width = width
    for i, pair in enumerate(headers, start=1):
        top, bottom = _pick(pair, lang)
        for row, text in ((HEADER_ROWS - 1, top), (HEADER_ROWS, bottom)):
            c = ws.cell(row, i, text)
            c.font, c.fill, c.alignment = HEAD_FONT, HEAD_FILL, WRAP
        # a header's longest word, in either language, fits its column unbroken
        dim = ws.column_dimensions[c.column_letter]
        dim.width = max(dim.width or 8.43, *(round(longest_unbreakable(t, bold=True) + 0.25)
                                             for t in pair))
    ws.freeze_panes = f"A{HEADER_ROWS + 1}"
    design.page_setup(ws, design.Print(spec.landscape, f"{HEADER_ROWS - 1}:{HEADER_ROWS}",
                                       pages_tall=spec.pages_tall))


def _input_cell(ws: Worksheet, f: Field, lang: Lang) -> None:
    c = ws[f.cell]
    c.style = "Input"
    c.fill = design.solid(design.INPUT)
    c.number_format = NUMBER_FORMATS.get(f.type, "@" if f.type in ("text", "categories")
                                         else "General")
    # values at the top of their cells, level with the labels and the check text
    c.alignment = WRAP if f.type in ("text", "categories") else design.TOP
    # One validation per field, so that its input message names the field.
    dv = _validation(f, lang)
    ws.add_data_validation(dv)
    dv.add(f.cell)
    c.protection = UNLOCKED
    ws[f.status_cell].alignment = WRAP
    ws[f.status_cell].protection = UNLOCKED  # sbt-xl writes here, also through Excel


def protect(ws: Worksheet) -> None:
    """Sheet protection without a password (Review > Unprotect Sheet lifts it): only the
    input cells (and the cells sbt-xl writes) can be typed into; rows, columns, cell
    formats and notes stay free, so the checker can size rows and add notes."""
    ws.protection.sheet = True
    ws.protection.formatCells = ws.protection.formatColumns = ws.protection.formatRows = False
    ws.protection.objects = False


def _mark_findings(ws: Worksheet, first_row: int, last_row: int, inputs: str) -> None:
    """Input cells turn red / amber when their row's check cell starts with ✖ / ⚠."""
    col = SHEETS_BY_NAME[ws.title].check_col
    rng = f"{inputs.split(':')[0]}{first_row}:{inputs.split(':')[1]}{last_row}"
    for symbol, fill in (("✖", BAD_FILL), ("⚠", WARN_FILL)):
        ws.conditional_formatting.add(rng, FormulaRule(
            formula=[f'LEFT(${col}{first_row},1)="{symbol}"'], fill=fill))


def _instructions(ws: Worksheet, lang: Lang) -> None:
    spec = SHEETS_BY_NAME[ws.title]
    for col, width in spec.widths.items():
        ws.column_dimensions[col].width = width
    ws["A1"] = _pick(VERDICT_TITLE, lang)[0]
    ws["A1"].font = TITLE_FONT
    for i, (key, en, ja) in enumerate(VERDICT_ROWS, start=2):
        ws.cell(i, 1, _pick((en, ja), lang)[0]).font = HEAD_FONT
        ws.cell(i, 3, _pick((en, ja), lang)[1]).alignment = design.INDENT
        ws.cell(i, 2).protection = UNLOCKED  # the verdict values sbt-xl writes
        ws.cell(i, 2).alignment = design.LEFT  # a count never runs into the next label
    ws["B2"] = NOT_CHECKED(lang)
    r = len(VERDICT_ROWS) + 3
    ws.cell(r, 1, _pick(("How to fill in this workbook", "記入方法"), lang)[0]).font = HEAD_FONT
    for i, pair in enumerate(INSTRUCTIONS, start=1):
        primary, secondary = _pick(pair, lang)
        ws.cell(r + 2 * i - 1, 1, f"{i}.").alignment = design.TOP
        ws.cell(r + 2 * i - 1, 2, primary).alignment = WRAP
        ws.cell(r + 2 * i, 2, secondary).alignment = WRAP
    design.page_setup(ws, design.Print())


def _form_sheet(ws: Worksheet, lang: Lang) -> None:
    _sheet_head(ws, lang, FORM_HEADERS)
    section = None
    rows = []
    for f in (f for f in FIELDS if f.sheet == ws.title):
        row = int(f.cell[1:])
        rows.append(row)
        if f.section != section:
            section = f.section
            c = ws.cell(row - 1, 1, _pick(SECTION_TITLES[section], lang)[0])
            c.font, c.fill = HEAD_FONT, SECTION_FILL
            ws.cell(row - 1, 2, _pick(SECTION_TITLES[section], lang)[1]).fill = SECTION_FILL
        ws.cell(row, 1, f.label(lang)).alignment = WRAP
        ws.cell(row, 2, f.label(other(lang))).alignment = WRAP
        _input_cell(ws, f, lang)
    _mark_findings(ws, min(rows), max(rows), "C:C")


def _inventory_sheet(ws: Worksheet, lang: Lang) -> None:
    _sheet_head(ws, lang, INVENTORY_HEADERS)
    first = HEADER_ROWS + 1
    for i, (item, en, ja) in enumerate(INVENTORY_ITEMS):
        primary, secondary = _pick((en, ja), lang)
        ws.cell(first + i, 1, primary).alignment = WRAP
        ws.cell(first + i, 2, secondary).alignment = WRAP
        if item != "year":
            ws.cell(first + i, 7, "tCO2e").alignment = design.TOP
    for f in (f for f in FIELDS if f.sheet == ws.title):
        _input_cell(ws, f, lang)
    _mark_findings(ws, first, first + len(INVENTORY_ITEMS) - 1, "C:F")


def _target_rows_sheet(ws: Worksheet, lang: Lang, columns: tuple[tuple, ...],
                       tail: tuple[tuple[str, str], ...], wrap_inputs: bool = False) -> None:
    """A sheet of one row per target: #, the input ``columns``, the ``tail`` headers (live
    formulas, check), row colours by the check cell."""
    heads = (("#", "#"), *((c[2], c[3]) for c in columns), *tail)
    _sheet_head(ws, lang, heads)
    for n in range(1, N_TARGETS + 1):
        ws.cell(TARGETS_FIRST_ROW + n - 1, 1, n)
    for f in (f for f in FIELDS if f.sheet == ws.title):
        _input_cell(ws, f, lang)
        if wrap_inputs:
            ws[f.cell].alignment = WRAP  # long method names wrap rather than hide
    for r in (HEADER_ROWS - 1, HEADER_ROWS):
        for c in range(1, len(heads) + 1):
            ws.cell(r, c).alignment = WRAP
    _mark_findings(ws, TARGETS_FIRST_ROW, TARGETS_FIRST_ROW + N_TARGETS - 1,
                   f"{columns[0][0]}:{columns[-1][0]}")


def _targets_sheet(ws: Worksheet, lang: Lang) -> None:
    _target_rows_sheet(ws, lang, TARGET_COLUMNS, (TARGET_RATE_HEADER, ("Check", "チェック")))


def _details_sheet(ws: Worksheet, lang: Lang) -> None:
    _target_rows_sheet(ws, lang, DETAIL_COLUMNS, (DETAIL_WORDING_HEADER, ("Check", "チェック")),
                       wrap_inputs=True)
    for n in range(1, N_TARGETS + 1):
        c = ws[wording_cell(n)]
        c.value, c.alignment = wording_formula(n, lang), WRAP


def _progress_sheet(ws: Worksheet, lang: Lang) -> None:
    heads = (("Year", "年"), *((en, ja) for _, _, en, ja in PROGRESS_INPUTS),
             *((f"Target {n} pathway", f"目標{n} の経路") for n in range(1, N_TARGETS + 1)),
             *((f"Target {n} on track", f"目標{n} の進捗") for n in range(1, N_TARGETS + 1)),
             ("Check", "チェック"))
    _sheet_head(ws, lang, heads)
    for r in (HEADER_ROWS - 1, HEADER_ROWS):
        for c in range(1, len(heads) + 1):
            ws.cell(r, c).alignment = WRAP
    last = PROGRESS_FIRST_ROW + N_PROGRESS_ROWS - 1
    for col, _, en, ja in PROGRESS_INPUTS:
        # one validation per column: its message names the column, not 36 rows
        dv = _validation(fields_by_key()[f"progress.1.{PROGRESS_INPUTS[0][1]}"], lang)
        dv.promptTitle = Text(en, ja)(lang)[:32]
        dv.prompt = PROGRESS_PROMPT(lang)
        ws.add_data_validation(dv)
        dv.add(f"{col}{PROGRESS_FIRST_ROW}:{col}{last}")
    for f in (f for f in FIELDS if f.sheet == ws.title):
        c = ws[f.cell]
        c.style, c.number_format, c.protection = "Input", "#,##0", UNLOCKED
        c.fill = design.solid(design.INPUT)
        ws[f.status_cell].protection = UNLOCKED
        ws[f.status_cell].alignment = WRAP
    fill_progress(ws)
    for col in PROGRESS_FLAG_COLUMNS:
        for symbol, fill in (("✖", BAD_FILL), ("✔", OK_FILL)):
            ws.conditional_formatting.add(
                f"{col}{PROGRESS_FIRST_ROW}:{col}{last}",
                FormulaRule(formula=[f'{col}{PROGRESS_FIRST_ROW}="{symbol}"'], fill=fill))


def _charts_sheet(ws: Worksheet, lang: Lang) -> None:
    spec = SHEETS_BY_NAME[ws.title]
    ws["A1"], ws["A2"] = _pick((spec.title_en, spec.title_ja), lang)
    ws["A1"].font = TITLE_FONT
    (f,) = (f for f in FIELDS if f.sheet == ws.title)
    ws.cell(int(f.cell[1:]), 1, f.label(lang)).font = HEAD_FONT
    ws.cell(int(f.cell[1:]) + 1, 1, f.label(other(lang)))
    _input_cell(ws, f, lang)
    for col, width in spec.widths.items():
        ws.column_dimensions[col].width = width
    # the charts print; their data blocks below stay off paper
    design.page_setup(ws, design.Print(landscape=True, area=f"A1:E{CHART_PRINT_ROWS}"))
    fill_charts(ws, lang)


def _calcs(wb: Workbook, lang: Lang) -> None:
    for calc in CALCS:
        ws = wb[calc.sheet]
        c = ws[calc.cell]
        c.value = calc.formula
        c.number_format = calc.number_format
        c.font, c.fill = HEAD_FONT, design.COMPUTED_FILL
        if calc.sheet == "Inventory":
            row = c.row
            label = ws.cell(row, 1, _pick((calc.label_en, calc.label_ja), lang)[0])
            label.font, label.alignment = HEAD_FONT, WRAP
            ws.cell(row, 2, _pick((calc.label_en, calc.label_ja), lang)[1]).alignment = WRAP
        wb.defined_names[calc.name] = DefinedName(calc.name, attr_text=absolute_ref(calc.sheet, calc.cell))


def build_template(lang: Lang = "en", role: str = DEFAULT_ROLE) -> Workbook:
    """The blank submission template, with ``lang`` (``en``/``ja``) as the primary language,
    for ``role`` (:mod:`sbt_xl.model.roles`; kept in the defined name ``SBT_role``)."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.loaded_theme = design.theme_xml()  # Japanese in Yu Gothic (docs/design.md)
    builders = {"Instructions": _instructions, "Inventory": _inventory_sheet,
                "Targets": _targets_sheet, "Target details": _details_sheet,
                "Progress": _progress_sheet, "Charts": _charts_sheet}
    for spec in SHEETS:
        builders.get(spec.name, _form_sheet)(wb.create_sheet(spec.name), lang)
    for f in FIELDS:
        wb.defined_names[f.name] = DefinedName(f.name, attr_text=absolute_ref(f.sheet, f.cell))
        if f.status_name not in wb.defined_names:
            wb.defined_names[f.status_name] = DefinedName(
                f.status_name, attr_text=absolute_ref(f.sheet, f.status_cell))
    wb.defined_names[VERDICT_NAME] = DefinedName(VERDICT_NAME,
                                                 attr_text=absolute_ref(SHEETS[0].name, "A1"))
    wb.defined_names[VERSION_NAME] = DefinedName(VERSION_NAME, attr_text=str(LAYOUT_VERSION))
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {ROLES}")  # (the CLI offers only these)
    wb.defined_names[ROLE_NAME] = DefinedName(ROLE_NAME, attr_text=f'"{role}"')
    for table in TABLES:  # 'Progress'!$A$5:$E$40
        first, last = (absolute_ref(table.sheet, c) for c in table.range.split(":"))
        wb.defined_names[table.name] = DefinedName(
            table.name, attr_text=f"{first}:{last.split('!')[1]}")
    for n in range(1, N_TARGETS + 1):
        wb.defined_names[wording_name(n)] = DefinedName(
            wording_name(n), attr_text=absolute_ref("Target details", wording_cell(n)))
    for name, cell in target_facts():  # what the Progress formulas read per target
        wb.defined_names[name] = DefinedName(name, attr_text=absolute_ref(TARGET_FACT_SHEET, cell))
    _calcs(wb, lang)
    for spec in SHEETS:
        ws = wb[spec.name]
        protect(ws)
    fit_sheets(wb)
    wb.properties.creator = "sbt-xl"
    wb.properties.title = TITLE(lang)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.language = lang
    wb.active = 1
    return wb


def fit_sheets(wb: Workbook) -> None:
    """Every row of the template's sheets tall enough for its wrapped text."""
    for spec in SHEETS:
        ws = wb[spec.name]
        fit_rows(ws, {col: d.width for col, d in ws.column_dimensions.items() if d.width},
                 default_height=NUMBER_ROW_POINTS if spec.name == "Progress" else LINE_POINTS)


def display_value(f: Field, value: Any, lang: Lang) -> Any:
    """A value as a person would type it: choices as their ``lang`` label."""
    if f.type == "choice" and value is not None:
        choice = f.choice(str(value))
        return choice.label(lang) if choice else value
    if f.type == "categories" and isinstance(value, (set, frozenset, list, tuple)):
        return ",".join(str(v) for v in sorted(value))
    return value


def set_field(wb: Workbook, f: Field, value: Any) -> None:
    """Write ``value`` as it is into the cell of ``f``, found through its defined name
    (text as text, even when it starts with ``=``: never a formula from data)."""
    from sbt_xl.workbook.write.inert import set_text
    sheet, cell = next(iter(wb.defined_names[f.name].destinations))
    set_text(wb[sheet][cell.replace("$", "")], value)


def fill(wb: Workbook, values: Mapping[str, Any], lang: Lang = "en") -> Workbook:
    """Write ``values`` (layout key → value) into ``wb`` through its defined names, as a
    person would type them in ``lang``."""
    by_key = fields_by_key()
    for key, value in values.items():
        set_field(wb, by_key[key], display_value(by_key[key], value, lang))
    finish_pathway_chart(wb["Charts"], values, lang)
    fit_sheets(wb)
    return wb


def save_reproducibly(wb: Workbook, path: str | Path,
                      edit: Callable[[Package], Mapping[str, bytes]] | None = None) -> None:
    """Save with fixed document and zip timestamps, atomically (same code → same bytes).
    ``edit`` gets the package openpyxl saved and returns parts to replace."""
    import io

    from sbt_xl.workbook import files
    wb.properties.modified = wb.properties.created = FIXED_TIME
    raw, out = io.BytesIO(), io.BytesIO()
    wb.save(raw)
    replace = edit(Package(Path(path), raw.getvalue(), zipfile.ZipFile(raw))) if edit else {}
    normalise_zip(raw, out, replace=replace)
    files.write_atomic(path, out.getvalue())


def write_template(path: str | Path, lang: Lang = "en", role: str = DEFAULT_ROLE) -> Path:
    save_reproducibly(build_template(lang, role), path)
    return Path(path)


__all__ = ["build_template", "display_value", "fill", "key_to_name", "normalise_zip",
           "save_reproducibly", "write_template"]
