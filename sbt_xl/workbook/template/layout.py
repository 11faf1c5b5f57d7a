"""The one layout spec of the submission template: where every field sits.

What a field means (labels, type, choices) is :mod:`sbt_xl.model.vocabulary`; here each is
placed on a sheet with its check cell, beside the sheets' widths, headers and live formulas.
The template generator, the reader, the validator's write-back and ``sbt-xl fields`` all
work from these records. A field's *key* (``targets.1.reduction``) is its stable public
name; its workbook-level defined name is derived from the key (``SBT_targets_1_reduction``),
and the reader finds cells through those names, never through the addresses below (which
are only where the generator puts them).

Layout (after the SBTi Target Submission Form, criteria doc §5):

- ``Instructions``: the verdict block (top) and how to fill the workbook.
- ``Company``: 1 route and basic information, 2 boundary, commitments. One field per row.
- ``Inventory``: base and most recent year; scope 1, scope 2 (both methods), scope 3 by
  category with a screening status; totals and the scope 3 share as live formulas.
- ``Targets``: one target per row, with its linear annual rate as a live formula; the
  ``term`` column separates near-term from long-term (net-zero) targets.
- ``Target details``: what the SBTi form asks per target (id, method, ambition claimed,
  base-year emissions covered) and the target's wording, built by a live formula.
- ``Progress``: one row per year from the base year, the emissions as reported, and per
  target the pathway value and an on-track flag as live formulas.
- ``Charts``: the chosen target's pathway against the 1.5 °C and well-below-2 °C lines with
  the actual emissions as points, and scope 3 by category (native charts, live data).
- ``Notes``: scope 3 actions and supporting notes.

Each sheet has one *check* column: the status cell of every field on a row is on that row,
so findings stand beside the cells they are about.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.model import vocabulary as vocab
from sbt_xl.model.vocabulary import (
    CHART_TARGET,
    DETAIL_ITEMS,
    INVENTORY_ITEMS,
    N_PROGRESS_ROWS,
    N_TARGETS,
    PERIODS,
    PROGRESS_ITEMS,
    TARGET_ITEMS,
)
from sbt_xl.model import cells

NAME_PREFIX = "SBT_"
#: The layout version generated templates carry (defined name :data:`VERSION_NAME`);
#: 1: the first released template (no version name); 2: gases, fossil fuels, FLAG,
#: recalculation threshold, target term; 3: per-target form details and wording.
LAYOUT_VERSION = 3
VERSION_NAME = "SBT_layout_version"
#: Defined name of the verdict block's top-left cell (first sheet).
VERDICT_NAME = "SBT_verdict"
FINDINGS_SHEET = "Findings"
#: Defined name that marks sbt-xl's own findings sheet (its title may be taken by the user).
FINDINGS_NAME = "SBT_findings"
#: The group roll-up's own sheets, and the defined names that mark them.
ENTITIES_SHEET, PROBLEMS_SHEET = "Entities", "Problems"
ENTITIES_NAME, PROBLEMS_NAME = "SBT_group_entities", "SBT_group_problems"
#: Where the Entities sheet sums the roll-up up (defined names SBT_group_*): files not
#: counted, errors on the Problems sheet, the share touched (scope 1+2, scope 3); and the
#: rows of the two tables' headers.
GROUP_SUMMARY_CELLS = {"group.not_counted": "C5", "group.errors": "C6",
                       "group.touched": "C7", "group.touched_scope3": "D7"}
ENTITIES_HEADER_ROW, PROBLEMS_HEADER_ROW = 8, 3
#: The template's role (:mod:`sbt_xl.model.roles`), a defined name holding text.
ROLE_NAME = "SBT_role"


@dataclass(frozen=True)
class Field(vocab.Field):
    """A field of the vocabulary placed in the template: its input cell and check cell."""

    sheet: str = field(kw_only=True)
    cell: str = field(kw_only=True)
    status_cell: str = field(kw_only=True)

    @property
    def name(self) -> str:
        """The workbook-level defined name of the input cell."""
        return key_to_name(self.key)

    @property
    def status_name(self) -> str:
        """The defined name of the check cell beside this field (shared along a row)."""
        return _status_name(self.sheet, self.status_cell)


@functools.lru_cache(maxsize=1024)
def _status_name(sheet: str, status_cell: str) -> str:
    return f"{NAME_PREFIX}check_{sheet.replace(' ', '_')}_{cells.split(status_cell)[1]}"


def place(f: vocab.Field, sheet: str, cell: str, status_cell: str) -> Field:
    """``f`` at ``cell`` of ``sheet``, checked in ``status_cell``."""
    return Field(**{name: getattr(f, name) for name in _MEANING},
                 sheet=sheet, cell=cell, status_cell=status_cell)


_MEANING = tuple(a.name for a in fields(vocab.Field))


@dataclass(frozen=True)
class Calc:
    """A live Excel formula of the template (totals, shares, rates), named like a field."""

    key: str
    sheet: str
    cell: str
    label_en: str
    label_ja: str
    formula: str
    number_format: str = "#,##0"

    @property
    def name(self) -> str:
        return key_to_name(self.key)


@dataclass(frozen=True)
class Sheet:
    name: str
    title_en: str
    title_ja: str
    check_col: str
    widths: dict[str, float] = field(default_factory=dict)
    landscape: bool = False
    pages_tall: int = 0
    """Pages the sheet prints on, scaled to fit (0: as many as its rows need)."""


@functools.lru_cache(maxsize=2048)
def key_to_name(key: str) -> str:
    return NAME_PREFIX + key.replace(".", "_")


#: Column widths keep every sheet at 75 % scale or more on A4 (landscape where wide).
SHEETS: tuple[Sheet, ...] = (
    Sheet("Instructions", "Instructions and verdict", "記入方法と判定結果", "D",
          {"A": 18, "B": 62, "C": 16, "D": 8}),
    Sheet("Company", "Company, boundary and commitments", "会社情報・バウンダリ・誓約", "D",
          {"A": 46, "B": 44, "C": 24, "D": 38}, landscape=True),
    Sheet("Inventory", "GHG inventory (tCO2e)", "GHG 排出量（tCO2e）", "H",
          {"A": 38, "B": 40, "C": 12, "D": 13, "E": 12, "F": 13, "G": 7, "H": 32},
          landscape=True, pages_tall=1),  # the totals never alone on a page
    Sheet("Targets", "Targets", "目標", "Q",
          {"A": 3, "B": 6, "C": 14, "D": 7, "E": 7, "F": 8, "G": 8, "H": 10, "I": 10,
           "J": 12, "K": 12, "L": 8, "M": 8, "N": 9, "O": 6, "P": 8, "Q": 28},
          landscape=True),
    Sheet("Target details", "Target details for the SBTi form", "目標の詳細（SBTi 申請フォーム用）",
          "G", {"A": 3, "B": 9, "C": 20, "D": 11, "E": 12, "F": 62, "G": 28}, landscape=True),
    Sheet("Progress", "Progress against the targets (tCO2e)", "目標に対する進捗（tCO2e）", "R",
          {"A": 7, **{c: 10 for c in "BCDE"}, **{c: 9 for c in "FGHIJK"},
           **{c: 4 for c in "LMNOPQ"}, "R": 26}, landscape=True, pages_tall=1),
    Sheet("Charts", "Charts", "グラフ", "C", {"A": 44, "B": 24, "C": 30, "D": 26, "E": 10},
          landscape=True),
    Sheet("Notes", "Scope 3 actions and supporting notes", "Scope 3 の取組みと補足資料", "D",
          {"A": 34, "B": 26, "C": 56, "D": 32}, landscape=True),
)
SHEETS_BY_NAME = {s.name: s for s in SHEETS}

#: Rows above a sheet's first field: title, blank, column headers (primary, secondary).
HEADER_ROWS = 4
FORM_HEADERS = (("Field", "項目"), ("Field (other language)", "項目（他言語）"),
                ("Input", "入力"), ("Check", "チェック"))
INVENTORY_HEADERS = (("Item", "項目"), ("Item (other language)", "項目（他言語）"),
                     ("Base year", "基準年"), ("Base: status", "基準年: 区分"),
                     ("Most recent year", "直近年"), ("Recent: status", "直近年: 区分"),
                     ("Unit", "単位"), ("Check", "チェック"))


def _form(sheet: str, defs: Iterable[vocab.Field]) -> list[Field]:
    """``defs`` one per row (input in C, check in D), each section under a heading row."""
    out, r, section = [], HEADER_ROWS + 1, None
    for f in defs:
        if f.section != section:
            r += 1 if section is not None else 0  # a blank row between sections
            r += 1  # the section heading row
            section = f.section
        out.append(place(f, sheet, f"C{r}", f"D{r}"))
        r += 1
    return out


INVENTORY_FIRST_ROW = HEADER_ROWS + 1
_PERIOD_COLS = {"base": ("C", "D"), "recent": ("E", "F")}
def _inventory() -> list[Field]:
    out = []
    for i, item in enumerate(INVENTORY_ITEMS):
        r = INVENTORY_FIRST_ROW + i
        for p in PERIODS:
            value_col, status_col = _PERIOD_COLS[p]
            value, status = vocab.inventory_fields(*item, p)
            out.append(place(value, "Inventory", f"{value_col}{r}", f"H{r}"))
            if status is not None:
                out.append(place(status, "Inventory", f"{status_col}{r}", f"H{r}"))
    return out


TARGETS_FIRST_ROW = HEADER_ROWS + 1
#: (column, key suffix, label en, label ja, type, options) of a targets row.
TARGET_COLUMNS = tuple((col, *item) for col, item in zip("BCDEFGHIJKLMNO", TARGET_ITEMS,
                                                          strict=True))
TARGET_RATE_COLUMN, TARGET_CHECK_COLUMN = "P", "Q"


def _targets() -> list[Field]:
    defs = iter(vocab.TARGET_FIELDS)
    return [place(next(defs), "Targets", f"{col}{TARGETS_FIRST_ROW + n - 1}",
                  f"{TARGET_CHECK_COLUMN}{TARGETS_FIRST_ROW + n - 1}")
            for n in range(1, N_TARGETS + 1) for col, *_ in TARGET_COLUMNS]


DETAIL_COLUMNS = tuple((col, *item) for col, item in zip("BCDE", DETAIL_ITEMS, strict=True))
DETAIL_WORDING_COLUMN, DETAIL_CHECK_COLUMN = "F", "G"
DETAIL_WORDING_HEADER = ("Target wording (as the SBTi publishes it)", "目標の文言（SBTi の公表形式）")


def _details() -> list[Field]:
    defs = iter(vocab.DETAIL_FIELDS)
    return [place(next(defs), "Target details", f"{col}{TARGETS_FIRST_ROW + n - 1}",
                  f"{DETAIL_CHECK_COLUMN}{TARGETS_FIRST_ROW + n - 1}")
            for n in range(1, N_TARGETS + 1) for col, *_ in DETAIL_COLUMNS]


def wording_name(n: int) -> str:
    """The defined name of target ``n``'s wording cell (a live formula)."""
    return key_to_name(f"calc.targets.{n}.wording")


def wording_cell(n: int) -> str:
    return f"{DETAIL_WORDING_COLUMN}{TARGETS_FIRST_ROW + n - 1}"


PROGRESS_FIRST_ROW = HEADER_ROWS + 1
PROGRESS_YEAR_COLUMN = "A"
#: (column, key suffix, label en, label ja) of the reported emissions.
PROGRESS_INPUTS = tuple((col, *item) for col, item in zip("BCDE", PROGRESS_ITEMS, strict=True))
PROGRESS_PATHWAY_COLUMNS, PROGRESS_FLAG_COLUMNS, PROGRESS_CHECK_COLUMN = "FGHIJK", "LMNOPQ", "R"
#: Hidden helper columns right of the check column (outside the print area, one empty
#: column apart: LibreOffice draws "###" for a number in a hidden column into an empty
#: neighbour on its left): each row's reported emissions of each target scope (in the
#: order of ``vocabulary.TARGET_SCOPES``), computed once per row so that the on-track flags
#: pick one instead of repeating the sums.
PROGRESS_SCOPE_COLUMNS = "TUVWX"


@dataclass(frozen=True)
class Table:
    """A block of rows of the same fields (``progress.N.scope1`` …), for ``fields --json``."""

    key: str
    sheet: str
    first_row: int
    rows: int
    columns: tuple[tuple[str, str, str, str], ...]
    """(column, key suffix, label en, label ja) of its input columns."""
    first_column: str = "A"
    """The table's first column (the Progress table starts with its year formulas)."""
    label_en: str = ""
    label_ja: str = ""

    @property
    def name(self) -> str:
        return key_to_name(self.key)

    @property
    def range(self) -> str:
        last = self.first_row + self.rows - 1
        return f"{self.first_column}{self.first_row}:{self.columns[-1][0]}{last}"


PROGRESS_TABLE = Table("progress", "Progress", PROGRESS_FIRST_ROW, N_PROGRESS_ROWS,
                       PROGRESS_INPUTS, PROGRESS_YEAR_COLUMN,
                       "Emissions reported each year since the base year (row N: base + N - 1)",
                       "基準年以降の各年の報告排出量（N 行目: 基準年 + N - 1）")
TABLES = (PROGRESS_TABLE,)


def _progress() -> list[Field]:
    defs = iter(vocab.PROGRESS_FIELDS)
    return [place(next(defs), "Progress", f"{col}{PROGRESS_FIRST_ROW + n - 1}",
                  f"{PROGRESS_CHECK_COLUMN}{PROGRESS_FIRST_ROW + n - 1}")
            for n in range(1, N_PROGRESS_ROWS + 1) for col, *_ in PROGRESS_INPUTS]


def summarise(fields: Iterable[Field]) -> list[tuple[str, str, str]]:
    """(key, label en, label ja) of ``fields``, a table's fields as one line for the table
    (a message lists "Progress table (36 rows × 4)", not 144 cells)."""
    out, seen = [], set()
    for f in fields:
        table = next((t for t in TABLES if f.key.startswith(t.key + ".")), None)
        if table is None:
            out.append((f.key, f.label_en, f.label_ja))
        elif table.key not in seen:
            seen.add(table.key)
            size = f"{table.rows} × {len(table.columns)}"
            out.append((f"{table.key}.*", f"{table.sheet} table ({size})",
                        f"{table.sheet} の表（{size}）"))
    return out


#: Where the Charts sheet puts its charts (side by side, one printed page: rows up to
#: CHART_PRINT_ROWS) and their live data blocks (below, not printed).
CHART_PATHWAY_ANCHOR, CHART_SCOPE3_ANCHOR = "A7", "C7"
CHART_PRINT_ROWS = 28
CHART_BASE_FIRST_ROW = 48        # per target: base-year emissions of its scope, base year
CHART_DATA_FIRST_ROW = 56        # per Progress row: year, pathway, 1.5 °C, WB2 °C, actual
CHART_S3_FIRST_ROW = CHART_DATA_FIRST_ROW + N_PROGRESS_ROWS + 3  # categories, then sorted
#: Per-target facts the Progress and Charts formulas read by defined name
#: (:func:`target_fact_name`), in the per-target block of the Charts sheet (rows from
#: CHART_BASE_FIRST_ROW, not printed): base-year emissions of the target's scope, whether
#: its pathway can be drawn at all, the Progress helper column of its scope (1-5), its
#: years from base to target year (where the pathway applies).
TARGET_FACT_SHEET = "Charts"
TARGET_FACT_COLUMNS = {"base_emissions": "B", "pathway_applies": "F", "scope_column": "G",
                       "span": "H"}


def target_fact_name(n: int, fact: str) -> str:
    """The defined name of target ``n``'s ``fact`` (``SBT_calc_targets_1_base_emissions``)."""
    assert fact in TARGET_FACT_COLUMNS, fact
    return key_to_name(f"calc.targets.{n}.{fact}")


def target_fact_cell(n: int, fact: str) -> str:
    return f"{TARGET_FACT_COLUMNS[fact]}{CHART_BASE_FIRST_ROW + n - 1}"


def target_facts() -> tuple[tuple[str, str], ...]:
    """(defined name, cell on :data:`TARGET_FACT_SHEET`) of every per-target fact."""
    return tuple((target_fact_name(n, f), target_fact_cell(n, f))
                 for n in range(1, N_TARGETS + 1) for f in TARGET_FACT_COLUMNS)


def _charts() -> list[Field]:
    return [place(CHART_TARGET, "Charts", "B5", "C5")]


FIELDS: tuple[Field, ...] = (*_form("Company", vocab.COMPANY_FIELDS), *_inventory(), *_targets(), *_details(),
                             *_progress(), *_charts(), *_form("Notes", vocab.NOTES_FIELDS))


@functools.cache
def fields_by_key() -> dict[str, Field]:
    return {f.key: f for f in FIELDS}


# --- live formulas -------------------------------------------------------------------

_TOTAL_ROW = INVENTORY_FIRST_ROW + len(INVENTORY_ITEMS) + 1


def _n(key: str) -> str:
    return key_to_name(key)


def location_chosen() -> str:
    m = _n("inventory.scope2_method")
    return f'OR({m}="location-based",{m}="ロケーション基準")'


def _calcs() -> list[Calc]:
    out = []
    for p in PERIODS:
        col = _PERIOD_COLS[p][0]
        s1, loc, mkt = (_n(f"inventory.{p}.{k}") for k in ("scope1", "scope2_location",
                                                             "scope2_market"))
        first = _n(f"inventory.{p}.scope3.cat01")
        cats = f"{first}:{_n(f'inventory.{p}.scope3.cat{N_CATEGORIES:02d}')}"
        out += [
            Calc(f"calc.{p}.scope12", "Inventory", f"{col}{_TOTAL_ROW}",
                 "Scope 1+2 (method chosen on Company)", "Scope 1+2（会社情報で選んだ方法）",
                 f'=IFERROR({s1}+IF({location_chosen()},{loc},{mkt}),"")'),
            Calc(f"calc.{p}.scope3", "Inventory", f"{col}{_TOTAL_ROW + 1}",
                 "Scope 3 total", "Scope 3 合計", f'=IFERROR(SUM({cats}),"")'),
            Calc(f"calc.{p}.total", "Inventory", f"{col}{_TOTAL_ROW + 2}",
                 "Scope 1+2+3", "Scope 1+2+3 合計",
                 f'=IFERROR({_n(f"calc.{p}.scope12")}+{_n(f"calc.{p}.scope3")},"")'),
            Calc(f"calc.{p}.scope3_share", "Inventory", f"{col}{_TOTAL_ROW + 3}",
                 "Scope 3 share of scope 1+2+3", "Scope 1+2+3 に占める Scope 3 の割合",
                 f'=IFERROR({_n(f"calc.{p}.scope3")}/{_n(f"calc.{p}.total")},"")', "0.0%"),
        ]
    for n in range(1, N_TARGETS + 1):
        by, ty, red = (_n(f"targets.{n}.{k}") for k in ("base_year", "target_year", "reduction"))
        out.append(Calc(f"calc.targets.{n}.annual_rate", "Targets",
                        f"{TARGET_RATE_COLUMN}{TARGETS_FIRST_ROW + n - 1}",
                        f"Target {n}: linear annual rate",
                        f"目標 {n}: 年率（線形）",
                        f'=IF(AND(ISNUMBER({red}),ISNUMBER({by}),ISNUMBER({ty}),{ty}>{by}),'
                        f'{red}/({ty}-{by}),"")', "0.00%"))
    return out


CALCS: tuple[Calc, ...] = tuple(_calcs())


def _formula_inputs() -> frozenset[str]:
    """Keys of the inputs the live formulas read (by name, or inside a NAME:NAME range)."""
    by_name = {f.name: f for f in FIELDS}
    out: set[str] = set()
    for calc in CALCS:
        for first, last in re.findall(r"(SBT_\w+):(SBT_\w+)", calc.formula):
            a, b = by_name[first], by_name[last]
            lo, hi = sorted((cells.index(a.cell)[0], cells.index(b.cell)[0]))
            out |= {f.key for f in FIELDS if f.sheet == a.sheet
                    and cells.split(f.cell)[0] == cells.split(a.cell)[0]
                    and lo <= cells.index(f.cell)[0] <= hi}
        out |= {by_name[n].key for n in re.findall(r"SBT_\w+", calc.formula) if n in by_name}
    return frozenset(out)


#: Inputs a text value would break in the template's own formulas (``#VALUE!``, or a
#: total that silently leaves it out).
FORMULA_INPUTS: frozenset[str] = _formula_inputs()
TARGET_RATE_HEADER = ("Linear annual rate", "年率（線形）")

# --- the verdict block (top of the first sheet) and the Findings sheet ---------------------

#: Rows below the verdict block's title cell: key, label en, label ja (values in column B).
VERDICT_ROWS: tuple[tuple[str, str, str], ...] = (
    ("result", "Result", "判定"),
    ("errors", "Errors", "エラー"),
    ("warnings", "Warnings", "警告"),
    ("criteria", "Criteria version", "基準バージョン"),
    ("checked", "Checked on", "チェック日時"),
    ("tool", "Checked by", "チェックツール"),
)
VERDICT_TITLE = ("SBT check (sbt-xl)", "SBT チェック（sbt-xl）")
FINDINGS_HEADERS: tuple[tuple[str, str], ...] = (
    ("Rule", "ルール"), ("Severity", "重要度"), ("Field", "項目"), ("Cell", "セル"),
    ("Message", "内容"), ("Criteria", "基準"),
)
INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("Fill in the orange input cells (Excel's Input style) on the sheets Company, Inventory, "
     "Targets, Target details and Notes.",
     "Company（会社情報）、Inventory（排出量）、Targets（目標）、Target details（目標の詳細）、"
     "Notes（補足）シートのオレンジ色の入力セル（Excel の「入力」スタイル）に記入してください。"),
    ("Near-term and long-term (net-zero) targets share the Targets sheet: mark each row's Term. "
     "Target details holds what the SBTi form asks per target; its wording column writes the "
     "sentence the SBTi publishes.",
     "短期目標と長期（ネットゼロ）目標はどちらも Targets シートに記入し、行ごとに「期間区分」を"
     "選びます。Target details には SBTi の申請フォームが目標ごとに求める項目を記入します。"
     "文言の列には SBTi の公表形式の目標文が自動で表示されます。"),
    ("Emissions are in tCO2e. Shares are fractions or percentages: 30 % is 0.30 or 30%.",
     "排出量の単位は tCO2e です。割合は 0.30 または 30% のように入力します。"),
    ("Pick values from the dropdowns. Do not rename, delete or merge input cells: the checker "
     "finds them through their defined names.",
     "選択肢はドロップダウンから選んでください。入力セルの名前の定義を使って読み取るため、"
     "入力セルの削除・結合や名前の変更はしないでください。"),
    ("Targets: one row per target; list the scope 3 categories a target covers as 1,4,11.",
     "目標: 1 行に 1 つの目標を記入し、対象の Scope 3 カテゴリを 1,4,11 のように記入します。"),
    ("Check with the SBT ribbon tab (Validate) or `sbt-xl validate FILE`; the findings appear "
     "in the Check column, as cell comments and on the Findings sheet.",
     "SBT タブの［検証］または `sbt-xl validate ファイル` でチェックすると、結果が「チェック」列、"
     "セルのコメント、Findings シートに書き込まれます。"),
)
