"""The group workbook: the submission template holding the group's totals (so
``sbt-xl validate`` checks the group's target), an *Entities* sheet with one row per
entity, and a *Problems* sheet with every problem, each linked to its file.

The output is a new file the user named; sbt-xl owns all of it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from sbt_xl.group.consolidate import STATE_LABELS, UNKNOWN, Group
from sbt_xl.messages import Lang, Text, render
from sbt_xl.model.cells import absolute_ref, column_letter
from sbt_xl.model.roles import GROUP
from sbt_xl.model.vocabulary import (
    APPROACHES,
    N_PROGRESS_ROWS,
    PERIODS,
    PROGRESS_KEYS,
    fields_by_key,
)
from sbt_xl.workbook.template.layout import (
    ENTITIES_HEADER_ROW,
    ENTITIES_NAME,
    ENTITIES_SHEET,
    GROUP_SUMMARY_CELLS,
    PROBLEMS_NAME,
    PROBLEMS_SHEET,
    key_to_name,
)
from sbt_xl.workbook.ooxml.package import Package
from sbt_xl.workbook import design
from sbt_xl.workbook.write.printing import (
    LINE_POINTS,
    lines_needed,
    longest_unbreakable,
    row_points,
)
from sbt_xl.workbook.ooxml.rows import replace_row, row_styles, rows_xml
from sbt_xl.workbook.write.book import Formula

#: Summary rows above the Entities table; the table's header is on the row after them.
SUMMARY_ROWS = ENTITIES_HEADER_ROW - 1
_SCOPES = (("scope1", "S1"), ("scope2_location", "S2 loc"), ("scope2_market", "S2 mkt"))
ENTITY_HEADERS: tuple[Text, ...] = (
    Text("Entity code", "事業体コード"), Text("Entity name", "事業体名"), Text("Parent", "親会社"),
    Text("Ownership", "出資比率"), Text("Financial control", "財務支配力"),
    Text("Operational control", "経営支配力"), Text("Share applied", "適用割合"),
    Text("Status", "状態"),
    *(Text(f"Base {s}", f"基準年 {s}") for _, s in _SCOPES), Text("Base S3", "基準年 S3"),
    *(Text(f"Recent {s}", f"直近年 {s}") for _, s in _SCOPES), Text("Recent S3", "直近年 S3"),
    Text("File", "ファイル"), Text("Reason", "理由"),
)
PROBLEM_HEADERS = (Text("File", "ファイル"), Text("Entity", "事業体"), Text("Cell", "セル"),
                   Text("Severity", "重要度"), Text("Problem", "問題"))
#: The two sheets' titles, the Entities table's last line and its chart's title.
ENTITIES_TITLE = Text("Group roll-up (sbt-xl)", "グループ連結（sbt-xl）")
PROBLEMS_TITLE = Text("Roll-up problems", "連結の問題")
TOTAL_LABEL = Text("Group total (shares applied)", "グループ合計（適用割合を乗じた値）")
CHART_TITLE = Text("Emissions by entity, base year (tCO2e)", "事業体別の排出量（基準年、tCO2e）")
#: Entities columns (1-based): the share applied, and the inventory (base, then recent).
SHARE_COLUMN = 7
INVENTORY_COLUMNS = tuple(range(9, 17))
ENTITY_WIDTHS = (14, 26, 9, 11, 11, 12, 9, 18, *([11] * 8), 18, 60)
PROBLEM_WIDTHS = (24, 12, 16, 10, 90)
#: Entities in the group workbook's bar chart, and the sheet it is on.
LARGEST = 20
ENTITY_CHART_SHEET = "Entity chart"
ENTITY_CHART_TITLE = Text("Emissions by entity", "事業体別の排出量")


def group_values(group: Group) -> dict[str, Any]:
    """Template values of the group: the parent's own answers (company, commitments,
    targets), the approach applied and the group's totals as its inventory."""
    parent_values = group.parent_values
    values = {k: v for k, v in (parent_values or {}).items()
              if v is not None and not k.startswith(("inventory.", "progress."))}
    base = group.years.get("base")
    values |= {f"progress.{i}.{k}": None for i in range(1, N_PROGRESS_ROWS + 1)
               for k in PROGRESS_KEYS}
    for year, figures in group.progress:  # the group's own rows, the parent's left out
        if base is None:  # roll_up_progress makes none without a base year
            raise ValueError("the group's Progress rows without its base year")
        for key, v in zip(PROGRESS_KEYS, figures):
            values[f"progress.{year - base + 1}.{key}"] = v
    values["boundary.approach"] = group.approach
    if group.scope2_method:
        values["inventory.scope2_method"] = group.scope2_method
    if parent_values is None:
        top = next((r.entity for r in group.rows if r.counted and not r.entity.parent),
                   None)
        if top is not None:
            values |= {"company.name": top.name, "entity.name": top.name,
                       "entity.code": top.code}
    for p in PERIODS:
        inv = group.totals[p]
        values |= {f"inventory.{p}.year": inv.year, f"inventory.{p}.scope1": inv.scope1,
                   f"inventory.{p}.scope2_location": inv.scope2_location,
                   f"inventory.{p}.scope2_market": inv.scope2_market}
        for i, v in enumerate(inv.scope3, start=1):
            key = f"inventory.{p}.scope3.cat{i:02d}"
            values[key] = v or None
            status = (parent_values or {}).get(f"{key}_status")
            values[f"{key}_status"] = status or ("relevant" if v else "not relevant")
    return values


def _choice(key: str, code: str | None, lang: Lang) -> str | None:
    c = fields_by_key()[key].choice(code) if code else None
    return c.label(lang) if c else code


#: Excel's Hyperlink style, as a font (a named style is looked up per cell: 0.3 ms each).
LINK_FONT = design.LINK_FONT
NUMBER = "#,##0"


def file_link(file: str, out: Path) -> Formula:
    """The file's name, linked relative to the group workbook's folder (``out`` resolved),
    as a ``HYPERLINK`` formula (no relationship per link)."""
    try:
        target = os.path.relpath(os.path.abspath(file), out.parent).replace(os.sep, "/")
    except ValueError:  # Windows: another drive or share than the group workbook's
        target = os.path.abspath(file)
    name = os.path.basename(file)
    return Formula('HYPERLINK("%s","%s")' % (target.replace('"', '""'),
                                             name.replace('"', '""')), name)


def _prototype(ws: Worksheet, row: int, formats: dict[int, str], fonts: dict[int, Font],
               wrap: tuple[int, ...] = ()) -> None:
    """Row ``row`` styled as every table row will be (:mod:`sbt_xl.workbook.ooxml.rows` writes
    the rows in its place)."""
    from sbt_xl.workbook.template.build import WRAP
    for col, fmt in formats.items():
        ws.cell(row, col).number_format = fmt
    for col, font in fonts.items():
        ws.cell(row, col).font = font
    for col in wrap:
        ws.cell(row, col).alignment = WRAP


def _head(ws: Worksheet, row: int, headers: tuple[Text, ...], lang: Lang) -> None:
    from sbt_xl.workbook.template.build import HEAD_FILL, HEAD_FONT, WRAP
    for i, header in enumerate(headers, start=1):
        c = ws.cell(row, i, header(lang))
        c.font, c.fill, c.alignment = HEAD_FONT, HEAD_FILL, WRAP
    ws.row_dimensions[row].height = 2 * LINE_POINTS
    ws.freeze_panes = ws.cell(row + 1, 1)
    design.page_setup(ws, design.Print(landscape=True, title_rows=f"{row}:{row}"))


def summary_rows(group: Group, lang: Lang) -> list[list[Any]]:
    """The lines above the Entities table: approach, counts, what is not counted, and the
    share of the group's emissions the problems touch."""
    label = next(c for c in APPROACHES if c.code == group.approach).label(lang)
    missing = [os.path.basename(r.entity.file) if not r.entity.code or (
        r.reason and r.reason.code == "group_duplicate_code") else r.entity.code
        for r in group.missing]
    unknown = UNKNOWN(lang)
    warnings = len(group.problems) - group.errors
    lines = (  # C5, C6, C7 and D7 are named (GROUP_SUMMARY_CELLS): validate reads them
        (Text("Approach", "連結アプローチ"), label),
        (Text("Files", "ファイル数"), group.counts["files"]),
        (Text("Entities counted", "集計した事業体"), group.counts["counted"]),
        (Text("Not counted", "未集計"), group.counts["missing"], ", ".join(missing) or None),
        (Text("Problems: errors, warnings", "問題: エラー、警告"), group.errors, warnings),
        (Text("Problems touch (share of base-year S1+2 / S3)",
              "問題の影響: 基準年 S1+2 / S3 に占める割合"),
         unknown if group.touched is None else group.touched,
         unknown if group.touched_scope3 is None else group.touched_scope3),
    )
    return [[line[0](lang), None, *line[1:]] for line in lines]


def entity_rows(group: Group, lang: Lang, at: Path) -> list[list[Any]]:
    """One row per file found: its answers, the share applied, its state, its own
    inventory (not yet multiplied by the share), a link to its file (relative to ``at``,
    the group workbook, resolved) and why it is not counted (or its first problem)."""
    out = []
    for row in group.rows:
        e = row.entity
        cells = [e.code, e.name, e.parent, e.ownership,
                 _choice("entity.financial_control", e.financial_control, lang),
                 _choice("entity.operational_control", e.operational_control, lang),
                 row.share, STATE_LABELS[row.status](lang)]
        for p in PERIODS:
            inv = e.period(p)
            cells += [*(getattr(inv, k) for k, _ in _SCOPES),
                      None if all(v is None for v in inv.scope3) else inv.scope3_total()]
        out.append([*cells, file_link(e.file, at),
                    row.reason.message(lang) if row.reason else None])
    return out


def total_row(rows: list[list[Any]], first: int, lang: Lang) -> list[Any]:
    """The Entities table's last line: per inventory column, the SUMPRODUCT of the share
    applied and the column over the entity rows (``first`` on), with its value."""
    last = first + max(len(rows), 1) - 1
    out: list[Any] = [TOTAL_LABEL(lang), *([None] * (INVENTORY_COLUMNS[0] - 2))]
    for col in INVENTORY_COLUMNS:
        letter = column_letter(col)
        value = sum((r[SHARE_COLUMN - 1] or 0) * (r[col - 1] or 0) for r in rows)
        out.append(Formula(f"SUMPRODUCT(${column_letter(SHARE_COLUMN)}${first}:"
                           f"${column_letter(SHARE_COLUMN)}${last},"
                           f"{letter}{first}:{letter}{last})", value))
    return out


def problem_rows(group: Group, lang: Lang, at: Path) -> list[list[Any]]:
    return [[file_link(p.file, at), p.entity, p.where or None,
             f"{p.severity.symbol} {render(f'severity_{p.severity.value}', lang, {})}",
             p.message(lang)]
            for p in group.problems]


@dataclass(frozen=True)
class SheetRows:
    """One of sbt-xl's sheets of the group workbook as rows from A1: the title, the lines
    under it, the table's header (on row ``header_row``), its rows and its last line."""

    title: str
    lines: list[list[Any]]
    header: list[str]
    rows: list[list[Any]]
    last: list[Any] | None = None

    @property
    def header_row(self) -> int:
        return len(self.lines) + 2

    def all(self) -> list[list[Any]]:
        return [[self.title], *self.lines, self.header, *self.rows,
                *([self.last] if self.last is not None else [])]


def group_tables(group: Group, lang: Lang, at: Path) -> tuple[SheetRows, SheetRows]:
    """The Entities and Problems sheets' content, for either writer (the command's
    openpyxl workbook, the button's open book); file links relative to ``at``."""
    summary = summary_rows(group, lang)
    entities = entity_rows(group, lang, at)
    return (
        SheetRows(ENTITIES_TITLE(lang), [*summary, *([[]] * (SUMMARY_ROWS - 1 - len(summary)))],
                  [h(lang) for h in ENTITY_HEADERS], entities,
                  total_row(entities, SUMMARY_ROWS + 2, lang)),
        SheetRows(PROBLEMS_TITLE(lang), [[]],
                  [h(lang) for h in PROBLEM_HEADERS], problem_rows(group, lang, at)))


def _entities_sheet(ws: Worksheet, group: Group, out: Path, lang: Lang,
                    sheet: SheetRows) -> Table:
    from sbt_xl.workbook.template.build import HEAD_FONT, SHARE_FORMAT, TITLE_FONT
    ws["A1"] = sheet.title
    ws["A1"].font = TITLE_FONT
    for r, line in enumerate(sheet.lines, start=2):
        for col, value in enumerate(line, start=1):
            ws.cell(r, col, value)
            if isinstance(value, float):
                ws.cell(r, col).number_format = "0.0%"
    top = sheet.header_row
    _head(ws, top, ENTITY_HEADERS, lang)
    rows = sheet.rows
    _prototype(ws, top + 1, {4: SHARE_FORMAT, SHARE_COLUMN: SHARE_FORMAT,
                             **dict.fromkeys(INVENTORY_COLUMNS, NUMBER)}, {17: LINK_FONT},
               wrap=(18,))
    last = top + max(len(rows), 1)
    for col, value in enumerate(sheet.last or (), start=1):
        if isinstance(value, Formula):
            ws.cell(last + 1, col, value.formula).number_format = NUMBER
        elif value is not None:
            ws.cell(last + 1, col, value).font = HEAD_FONT
    for col, width in enumerate(ENTITY_WIDTHS, start=1):
        ws.column_dimensions[ws.cell(top, col).column_letter].width = width
    # the summary's labels span A:B, wrapped: "Problems touch (share of …)" is not cut
    for r, line in enumerate(sheet.lines, start=2):
        if line and line[0]:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            ws.cell(r, 1).alignment = design.WRAP
            lines = lines_needed(str(line[0]), ENTITY_WIDTHS[0] + ENTITY_WIDTHS[1])
            if lines > 1:
                ws.row_dimensions[r].height = row_points(lines)
    return Table(top + 1, rows)


def _largest_chart(ws: Worksheet, group: Group, top: int, lang: Lang) -> bool:
    """Emissions by entity on a sheet of its own (so it prints on a page of its own,
    not under the Entities table's repeated header): the largest counted entities (base
    year, share applied), as formulas over their Entities rows (so an edited row updates
    the bar) and a bar chart. False when no entity is counted."""
    from openpyxl.chart import BarChart, Reference

    from sbt_xl.workbook.template.build import HEAD_FONT, TITLE_FONT
    s2 = 10 if group.scope2_method == "location-based" else 11  # J / K: base S2 loc / mkt
    counted = [(row.share * row.entity.base.total(group.scope2_method), top + 1 + i, row)
               for i, row in enumerate(group.rows) if row.share > 0]
    largest = sorted(counted, key=lambda c: -c[0])[:LARGEST]
    if not largest:
        return False
    ws["A1"] = ENTITY_CHART_TITLE(lang)
    ws["A1"].font = TITLE_FONT
    first = 4
    ws.cell(first - 1, 1, render("group_largest", lang, {"count": len(largest)})
            ).font = HEAD_FONT
    q = f"'{ENTITIES_SHEET}'!"
    for i, (_, r, row) in enumerate(largest):
        ws.cell(first + i, 1, f"{row.entity.code} {row.entity.name or ''}".strip())
        s2_cell = f"${column_letter(s2)}${r}"
        c = ws.cell(first + i, 3, f"={q}$G${r}*({q}$I${r}+{q}{s2_cell}+{q}$L${r})")
        c.number_format = "#,##0"
    ws.column_dimensions["A"].width = max(
        [24.0, *(longest_unbreakable(str(ws.cell(first + i, 1).value)) + 1
                 for i in range(len(largest)))])
    ws.column_dimensions["B"].width = 2
    ws.column_dimensions["C"].width = 12
    bar = BarChart()
    bar.type, bar.legend, bar.gapWidth = "bar", None, 40
    bar.title = CHART_TITLE(lang)
    end = first + len(largest) - 1
    bar.add_data(Reference(ws, min_col=3, min_row=first, max_row=end))
    bar.set_categories(Reference(ws, min_col=1, min_row=first, max_row=end))
    bar.x_axis.scaling.orientation = "maxMin"
    bar.x_axis.delete = bar.y_axis.delete = False
    bar.y_axis.scaling.min = 0  # from zero (LibreOffice began its own near the smallest bar)
    bar.height, bar.width = 0.5 * len(largest) + 2.5, 20
    ws.add_chart(bar, f"E{first}")  # below the heading, which runs across row 3
    design.page_setup(ws, design.Print(landscape=True))
    return True


def _problems_sheet(ws: Worksheet, group: Group, out: Path, lang: Lang,
                    sheet: SheetRows) -> Table:
    from sbt_xl.workbook.template.build import TITLE_FONT
    ws["A1"] = sheet.title
    ws["A1"].font = TITLE_FONT
    top = sheet.header_row
    _head(ws, top, PROBLEM_HEADERS, lang)
    _prototype(ws, top + 1, {}, {1: LINK_FONT}, wrap=(5,))
    for col, width in enumerate(PROBLEM_WIDTHS, start=1):
        ws.column_dimensions[ws.cell(top, col).column_letter].width = width
    return Table(top + 1, sheet.rows)


@dataclass(frozen=True)
class Table:
    """A sheet's table rows, written in place of its styled prototype row ``first``."""

    first: int
    rows: list[list[Any]]

    def written(self, sheet: bytes) -> bytes:
        styles = row_styles(sheet, self.first)
        return replace_row(sheet, self.first, rows_xml(self.rows, self.first, styles))


def write_group(group: Group, out: str | Path, *, lang: Lang = "en") -> Path:
    """Write the group workbook to ``out`` (atomically)."""
    from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly
    out = Path(out).resolve()
    wb = fill(build_template(lang, GROUP), group_values(group), lang)
    tables: dict[str, Table] = {}
    entities, problems = group_tables(group, lang, out)
    for title, name, build, sheet in (
            (ENTITIES_SHEET, ENTITIES_NAME, _entities_sheet, entities),
            (PROBLEMS_SHEET, PROBLEMS_NAME, _problems_sheet, problems)):
        tables[title] = build(wb.create_sheet(title), group, out, lang, sheet)
        wb.defined_names[name] = DefinedName(name, attr_text=absolute_ref(title, "A1"))
    chart = wb.create_sheet(ENTITY_CHART_SHEET, index=wb.sheetnames.index(ENTITIES_SHEET) + 1)
    if not _largest_chart(chart, group, entities.header_row, lang):
        wb.remove(chart)

    for key, cell in GROUP_SUMMARY_CELLS.items():
        wb.defined_names[key_to_name(key)] = DefinedName(
            key_to_name(key), attr_text=absolute_ref(ENTITIES_SHEET, cell))

    def rows(package: Package) -> dict[str, bytes]:
        parts = {s.name: s.part for s in package.sheets}
        return {parts[t]: table.written(package.read(parts[t])) for t, table in tables.items()}
    save_reproducibly(wb, out, edit=rows)
    return out
