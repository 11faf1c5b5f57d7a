"""The one layout spec of the submission template: every field, where it sits, what it holds.

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
from collections.abc import Iterable
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from sbt_xl.core.criteria import LONG_TERM, NEAR_TERM
from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.core.sectors import SECTORS
from sbt_xl.workbook import cells

FieldType = Literal["text", "choice", "date", "year", "tco2e", "fraction", "number",
                    "categories"]
NAME_PREFIX = "SBT_"
#: The layout version generated templates carry (defined name :data:`VERSION_NAME`);
#: 1: the first released template (no version name); 2: gases, fossil fuels, FLAG,
#: recalculation threshold, target term; 3: per-target form details and wording.
LAYOUT_VERSION = 3
VERSION_NAME = "SBT_layout_version"
N_TARGETS = 6
#: Defined name of the verdict block's top-left cell (first sheet).
VERDICT_NAME = "SBT_verdict"
FINDINGS_SHEET = "Findings"
#: Defined name that marks sbt-xl's own findings sheet (its title may be taken by the user).
FINDINGS_NAME = "SBT_findings"
#: The group roll-up's own sheets, and the defined names that mark them.
ENTITIES_SHEET, PROBLEMS_SHEET = "Entities", "Problems"
ENTITIES_NAME, PROBLEMS_NAME = "SBT_group_entities", "SBT_group_problems"


@dataclass(frozen=True)
class Choice:
    """One dropdown value: the canonical code (stored by ``--lang en``) and its labels."""

    code: str
    label_ja: str

    def label(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.code


@dataclass(frozen=True)
class Field:
    """One input cell of the template."""

    key: str
    sheet: str
    cell: str
    section: str
    label_en: str
    label_ja: str
    type: FieldType
    status_cell: str
    allowed: tuple[Choice, ...] = ()
    unit: str = ""
    required: bool = False
    low: float | None = None
    high: float | None = None
    since: int = 1
    """The layout version that added the field (a workbook of an older version lacks it)."""

    @property
    def name(self) -> str:
        """The workbook-level defined name of the input cell."""
        return key_to_name(self.key)

    @property
    def status_name(self) -> str:
        """The defined name of the check cell beside this field (shared along a row)."""
        sheet = self.sheet.replace(" ", "_")
        return f"{NAME_PREFIX}check_{sheet}_{cells.split(self.status_cell)[1]}"

    def label(self, lang: str) -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def choice(self, text: str) -> Choice | None:
        """The choice whose code or Japanese label is ``text`` (case-, space- and
        width-blind: ``（SDA）`` is ``(SDA)``, ``℃`` is ``°C``)."""
        wanted = _fold(text)
        for c in self.allowed:
            if wanted in (_fold(c.code), _fold(c.label_ja)):
                return c
        return None


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


def _fold(text: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


def key_to_name(key: str) -> str:
    return NAME_PREFIX + key.replace(".", "_")


# --- dropdown values -----------------------------------------------------------------

YES_NO = (Choice("yes", "はい"), Choice("no", "いいえ"))
YES_NO_NA = (*YES_NO, Choice("not applicable", "該当なし"))
#: GHG Protocol ch. 3: a joint venture under joint financial control is counted by equity.
CONTROL_FINANCIAL = (*YES_NO, Choice("joint", "共同"))
ROUTES = (Choice("preliminary", "予備審査"), Choice("official", "正式審査"))
APPROACHES = (Choice("operational control", "経営支配力"),
              Choice("financial control", "財務支配力"),
              Choice("equity share", "出資比率"))
SCOPE2_METHODS = (Choice("location-based", "ロケーション基準"),
                  Choice("market-based", "マーケット基準"))
CATEGORY_STATUS = (Choice("relevant", "該当"), Choice("not relevant", "非該当"),
                   Choice("excluded", "除外"))
TARGET_SCOPES = (Choice("1", "1"), Choice("2", "2"), Choice("1+2", "1+2"),
                 Choice("3", "3"), Choice("1+2+3", "1+2+3"))
TERMS = (Choice(NEAR_TERM, "短期"), Choice(LONG_TERM, "長期"))
ORGANISATION_TYPES = (Choice("company", "企業"), Choice("financial institution", "金融機関"),
                      Choice("SME", "中小企業"))
YEAR_TYPES = (Choice("calendar year", "暦年"), Choice("fiscal year", "会計年度"))
TARGET_TYPES = (Choice("absolute", "総量"),
                Choice("physical intensity", "物量原単位"),
                Choice("economic intensity", "経済原単位"),
                Choice("supplier/customer engagement", "サプライヤー・顧客エンゲージメント"),
                Choice("renewable electricity", "再生可能電力"))
#: The SBTi form's target-setting methods (and the target types each may take).
METHODS = (Choice("absolute contraction", "総量削減"),
           Choice("SDA", "SDA（セクター別）"),
           Choice("economic intensity", "経済原単位（GEVA）"),
           Choice("physical intensity", "物量原単位"),
           Choice("supplier engagement", "サプライヤー・エンゲージメント"),
           Choice("renewable electricity", "再生可能電力"))
AMBITIONS = (Choice("1.5C", "1.5℃"), Choice("WB2C", "2℃を十分に下回る"), Choice("2C", "2℃"))
SECTOR_CHOICES = (*(Choice(s.id, s.label_ja) for s in SECTORS), Choice("other", "その他"))

SCOPE3_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Purchased goods and services", "購入した製品・サービス"),
    ("Capital goods", "資本財"),
    ("Fuel- and energy-related activities", "燃料及びエネルギー関連活動"),
    ("Upstream transportation and distribution", "輸送、配送（上流）"),
    ("Waste generated in operations", "事業から出る廃棄物"),
    ("Business travel", "出張"),
    ("Employee commuting", "雇用者の通勤"),
    ("Upstream leased assets", "リース資産（上流）"),
    ("Downstream transportation and distribution", "輸送、配送（下流）"),
    ("Processing of sold products", "販売した製品の加工"),
    ("Use of sold products", "販売した製品の使用"),
    ("End-of-life treatment of sold products", "販売した製品の廃棄"),
    ("Downstream leased assets", "リース資産（下流）"),
    ("Franchises", "フランチャイズ"),
    ("Investments", "投資"),
)
assert len(SCOPE3_CATEGORIES) == N_CATEGORIES

#: Column widths keep every sheet at 75 % scale or more on A4 (landscape where wide).
SHEETS: tuple[Sheet, ...] = (
    Sheet("Instructions", "Instructions and verdict", "記入方法と判定結果", "D",
          {"A": 18, "B": 62, "C": 16, "D": 8}),
    Sheet("Company", "Company, boundary and commitments", "会社情報・バウンダリ・誓約", "D",
          {"A": 36, "B": 30, "C": 24, "D": 46}, landscape=True),
    Sheet("Inventory", "GHG inventory (tCO2e)", "GHG 排出量（tCO2e）", "H",
          {"A": 34, "B": 28, "C": 12, "D": 11, "E": 12, "F": 11, "G": 7, "H": 32},
          landscape=True),
    Sheet("Targets", "Targets", "目標", "Q",
          {"A": 3, "B": 6, "C": 14, "D": 7, "E": 7, "F": 8, "G": 8, "H": 10, "I": 10,
           "J": 9, "K": 9, "L": 8, "M": 8, "N": 9, "O": 6, "P": 8, "Q": 28},
          landscape=True),
    Sheet("Target details", "Target details for the SBTi form", "目標の詳細（SBTi 申請フォーム用）",
          "G", {"A": 3, "B": 9, "C": 20, "D": 11, "E": 12, "F": 62, "G": 28}, landscape=True),
    Sheet("Progress", "Progress against the targets (tCO2e)", "目標に対する進捗（tCO2e）", "R",
          {"A": 7, **{c: 10 for c in "BCDE"}, **{c: 9 for c in "FGHIJK"},
           **{c: 4 for c in "LMNOPQ"}, "R": 26}, landscape=True),
    Sheet("Charts", "Charts", "グラフ", "C", {"A": 40, "B": 16, "C": 24, "D": 26, "E": 12},
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


def _form(sheet: str, rows: list[tuple]) -> list[Field]:
    """Fields of a one-field-per-row form sheet (input in C, check in D)."""
    out, r = [], HEADER_ROWS + 1
    for row in rows:
        if row[0] == "section":
            r += 1 if r > HEADER_ROWS + 1 else 0
            section = row[1]
            r += 1  # the section heading row
            continue
        key, en, ja, typ, *rest = row
        opts = rest[0] if rest else {}
        out.append(Field(key, sheet, f"C{r}", section, en, ja, typ, f"D{r}", **opts))
        r += 1
    return out


def _company() -> list[Field]:
    req, v2, v3 = {"required": True}, {"since": 2}, {"since": 3}
    return _form("Company", [
        ("section", "submission"),
        ("submission.route", "Requested validation route", "申請する審査区分", "choice",
         {"allowed": ROUTES, **req}),
        ("submission.date", "Submission date", "申請日", "date", req),
        ("section", "company"),
        ("company.name", "Company name", "会社名", "text", req),
        ("company.country", "Country (headquarters)", "国（本社所在地）", "text", req),
        ("company.sector", "Sector (SDA sectors, or other)", "セクター（SDA 対象または その他）",
         "choice", {"allowed": SECTOR_CHOICES, **req}),
        ("company.contact", "Contact (name, e-mail)", "担当者（氏名・メール）", "text", req),
        ("company.organisation_type", "Organisation type", "組織の種類", "choice",
         {"allowed": ORGANISATION_TYPES, **v2}),
        ("company.isin", "ISIN (listed companies)", "ISIN コード（上場企業）", "text", v2),
        ("company.lei", "LEI (legal entity identifier)", "LEI（取引主体識別子）", "text", v2),
        ("company.year_type", "Reporting year: calendar or fiscal", "報告年: 暦年または会計年度",
         "choice", {"allowed": YEAR_TYPES, **v2}),
        ("company.fiscal_start_month", "First month of the fiscal year (1-12)",
         "会計年度の開始月（1〜12）", "number", {"low": 1.0, "high": 12.0, **v2}),
        ("section", "entity"),
        ("entity.name", "Entity name (the company this workbook reports)",
         "事業体名（このワークブックが報告する会社）", "text", v3),
        ("entity.code", "Entity code (unique in the group)", "事業体コード（グループ内で一意）",
         "text", v3),
        ("entity.parent", "Parent's entity code (blank for the group's top company)",
         "親会社の事業体コード（グループ最上位の会社は空欄）", "text", v3),
        ("entity.ownership", "Share of this entity the parent owns",
         "親会社の出資比率", "fraction", {"low": 0.0, "high": 1.0, **v3}),
        ("entity.financial_control", "Parent has financial control (joint: shared with "
         "partners)", "親会社が財務支配力を持つ（共同: 他社と共同支配）", "choice",
         {"allowed": CONTROL_FINANCIAL, **v3}),
        ("entity.operational_control", "Parent has operational control",
         "親会社が経営支配力を持つ", "choice", {"allowed": YES_NO, **v3}),
        ("section", "boundary"),
        ("boundary.approach", "Consolidation approach", "連結アプローチ", "choice",
         {"allowed": APPROACHES}),
        ("boundary.excluded_share", "Share of scope 1+2 excluded from the boundary",
         "バウンダリから除外した Scope 1+2 の割合", "fraction", {"low": 0.0, "high": 1.0}),
        ("boundary.exclusion_reason", "Reason for the exclusion", "除外の理由", "text"),
        ("boundary.bioenergy", "Bioenergy emissions and removals reported in the boundary",
         "バイオエネルギーの排出・除去をバウンダリ内で報告", "choice", {"allowed": YES_NO_NA}),
        ("inventory.scope2_method", "Scope 2 method used for targets",
         "目標に用いる Scope 2 算定方法", "choice", {"allowed": SCOPE2_METHODS}),
        ("boundary.fossil_fuel_sales", "Sells or transports fossil fuels",
         "化石燃料の販売・輸送の有無", "choice", {"allowed": YES_NO, **req}),
        ("boundary.gases_all", "All seven Kyoto gases in the inventory "
         "(CO2, CH4, N2O, HFCs, PFCs, SF6, NF3)", "京都議定書の 7 ガスすべてを算定"
         "（CO2、CH4、N2O、HFCs、PFCs、SF6、NF3）", "choice",
         {"allowed": YES_NO, **req, **v2}),
        ("company.fossil_extraction", "Explores for or extracts fossil fuels",
         "化石燃料の探査・採掘を行う", "choice", {"allowed": YES_NO, **req, **v2}),
        ("company.fossil_revenue_share", "Share of revenue from fossil fuels",
         "化石燃料による売上の割合", "fraction", {"low": 0.0, "high": 1.0, **v2}),
        ("company.flag_sector", "FLAG-designated sector (forest, land and agriculture)",
         "FLAG 対象セクター（森林・土地・農業）", "choice", {"allowed": YES_NO, **req, **v2}),
        ("section", "commitments"),
        ("commitments.offsets", "Targets count purchased credits or avoided emissions",
         "目標達成にクレジット・削減貢献量を算入する", "choice", {"allowed": YES_NO, **req}),
        ("commitments.annual_reporting", "Inventory and progress disclosed every year",
         "排出量と進捗を毎年開示する", "choice", {"allowed": YES_NO, **req}),
        ("commitments.recalculation", "Targets reviewed and recalculated at least every 5 years",
         "少なくとも 5 年ごとに目標を見直し・再計算する", "choice", {"allowed": YES_NO, **req}),
        ("commitments.recalc_threshold", "Significance threshold for recalculating the base "
         "year", "基準年を再計算する重要性の閾値", "fraction",
         {"low": 0.0, "high": 1.0, **v2}),
        ("commitments.inventory_disclosure", "Where the inventory is disclosed (report, web "
         "page)", "排出量の開示先（報告書・ウェブページ）", "text", v2),
        ("commitments.progress_disclosure", "Where progress against the targets is disclosed",
         "目標の進捗の開示先", "text", v2),
        ("commitments.net_zero", "Commits to net-zero (long-term targets on the Targets "
         "sheet)", "ネットゼロを誓約する（長期目標を目標シートに記入）", "choice",
         {"allowed": YES_NO, **v2}),
        ("commitments.neutralisation", "Residual emissions at net-zero will be neutralised "
         "with removals", "ネットゼロ時の残余排出は除去で中和する", "choice",
         {"allowed": YES_NO, **v2}),
    ])


INVENTORY_FIRST_ROW = HEADER_ROWS + 1
PERIODS = ("base", "recent")
_PERIOD_COLS = {"base": ("C", "D"), "recent": ("E", "F")}
INVENTORY_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("year", "Inventory year", "対象年度"),
    ("scope1", "Scope 1", "Scope 1"),
    ("scope2_location", "Scope 2 (location-based)", "Scope 2（ロケーション基準）"),
    ("scope2_market", "Scope 2 (market-based)", "Scope 2（マーケット基準）"),
    *((f"scope3.cat{i:02d}", f"Scope 3 cat. {i}: {en}", f"Scope 3 カテゴリ {i}: {ja}")
      for i, (en, ja) in enumerate(SCOPE3_CATEGORIES, start=1)),
    ("flag", "FLAG emissions (land use, included above)", "FLAG 排出量（土地利用、上記の内数）"),
)
#: Inventory items added after layout version 1, and the version that added them.
INVENTORY_SINCE = {"flag": 2}


def _inventory() -> list[Field]:
    out = []
    for i, (item, en, ja) in enumerate(INVENTORY_ITEMS):
        r = INVENTORY_FIRST_ROW + i
        for p in PERIODS:
            value_col, status_col = _PERIOD_COLS[p]
            pen, pja = ("Base year", "基準年") if p == "base" else ("Most recent year", "直近年")
            if item == "year":
                out.append(Field(f"inventory.{p}.year", "Inventory", f"{value_col}{r}",
                                 "inventory", f"{pen}", f"{pja}", "year", f"H{r}",
                                 required=True, low=1990, high=2100))
                continue
            since = INVENTORY_SINCE.get(item, 1)
            out.append(Field(f"inventory.{p}.{item}", "Inventory", f"{value_col}{r}",
                             "inventory", f"{en} ({pen.lower()})", f"{ja}（{pja}）", "tco2e",
                             f"H{r}", unit="tCO2e",
                             required=since == 1 and not item.startswith("scope3"),
                             low=0.0, since=since))
            if item.startswith("scope3"):
                out.append(Field(f"inventory.{p}.{item}_status", "Inventory",
                                 f"{status_col}{r}", "inventory",
                                 f"{en}: status ({pen.lower()})", f"{ja}: 区分（{pja}）",
                                 "choice", f"H{r}", allowed=CATEGORY_STATUS))
    return out


TARGETS_FIRST_ROW = HEADER_ROWS + 1
#: (column, key suffix, label en, label ja, type, options)
TARGET_COLUMNS: tuple[tuple[str, str, str, str, str, dict], ...] = (
    ("B", "scope", "Scope", "スコープ", "choice", {"allowed": TARGET_SCOPES}),
    ("C", "type", "Type", "種類", "choice", {"allowed": TARGET_TYPES}),
    ("D", "base_year", "Base year", "基準年", "year", {"low": 1990, "high": 2100}),
    ("E", "target_year", "Target year", "目標年", "year", {"low": 1990, "high": 2100}),
    ("F", "reduction", "Reduction (share)", "削減率", "fraction", {"low": 0.0, "high": 1.0}),
    ("G", "coverage", "Share of scope covered", "対象範囲の割合", "fraction",
     {"low": 0.0, "high": 1.0}),
    ("H", "scope3_categories", "Scope 3 categories (e.g. 1,4,11)",
     "Scope 3 カテゴリ（例: 1,4,11）", "categories", {}),
    ("I", "intensity_unit", "Intensity denominator (unit)", "原単位の分母（単位）", "text", {}),
    ("J", "base_activity", "Activity, base year", "活動量（基準年）", "number", {"low": 0.0}),
    ("K", "target_activity", "Activity, target year", "活動量（目標年）", "number", {"low": 0.0}),
    ("L", "re_base_share", "Renewable electricity, base year", "再エネ電力比率（基準年）",
     "fraction", {"low": 0.0, "high": 1.0}),
    ("M", "re_target_share", "Renewable electricity, target year", "再エネ電力比率（目標年）",
     "fraction", {"low": 0.0, "high": 1.0}),
    ("N", "term", "Term", "期間区分", "choice", {"allowed": TERMS, "since": 2}),
    ("O", "flag", "FLAG target", "FLAG 目標", "choice", {"allowed": YES_NO, "since": 2}),
)
TARGET_RATE_COLUMN, TARGET_CHECK_COLUMN = "P", "Q"


def _targets() -> list[Field]:
    out = []
    for n in range(1, N_TARGETS + 1):
        r = TARGETS_FIRST_ROW + n - 1
        for col, suffix, en, ja, typ, opts in TARGET_COLUMNS:
            out.append(Field(f"targets.{n}.{suffix}", "Targets", f"{col}{r}", "targets",
                             f"Target {n}: {en}", f"目標 {n}: {ja}", typ,
                             f"{TARGET_CHECK_COLUMN}{r}", **opts))
    return out


DETAIL_COLUMNS: tuple[tuple[str, str, str, str, str, dict], ...] = (
    ("B", "id", "Target ID (e.g. Abs1, Int1)", "目標 ID（例: Abs1、Int1）", "text", {}),
    ("C", "method", "Method", "設定手法", "choice", {"allowed": METHODS}),
    ("D", "ambition", "Ambition claimed", "申請する水準", "choice", {"allowed": AMBITIONS}),
    ("E", "covered_base_emissions", "Base-year emissions covered (tCO2e)",
     "対象となる基準年排出量（tCO2e）", "tco2e", {"low": 0.0, "unit": "tCO2e"}),
)
DETAIL_WORDING_COLUMN, DETAIL_CHECK_COLUMN = "F", "G"
DETAIL_WORDING_HEADER = ("Target wording (as the SBTi publishes it)", "目標の文言（SBTi の公表形式）")


def _details() -> list[Field]:
    out = []
    for n in range(1, N_TARGETS + 1):
        r = TARGETS_FIRST_ROW + n - 1
        for col, suffix, en, ja, typ, opts in DETAIL_COLUMNS:
            out.append(Field(f"targets.{n}.{suffix}", "Target details", f"{col}{r}",
                             "targets", f"Target {n}: {en}", f"目標 {n}: {ja}", typ,
                             f"{DETAIL_CHECK_COLUMN}{r}", since=3, **opts))
    return out


def wording_name(n: int) -> str:
    """The defined name of target ``n``'s wording cell (a live formula)."""
    return key_to_name(f"calc.targets.{n}.wording")


def wording_cell(n: int) -> str:
    return f"{DETAIL_WORDING_COLUMN}{TARGETS_FIRST_ROW + n - 1}"


#: The Progress table: rows from the inventory's base year (long enough for 2015 → 2050).
N_PROGRESS_ROWS = 36
PROGRESS_FIRST_ROW = HEADER_ROWS + 1
PROGRESS_YEAR_COLUMN = "A"
#: (column, key suffix, label en, label ja) of the reported emissions.
PROGRESS_INPUTS: tuple[tuple[str, str, str, str], ...] = (
    ("B", "scope1", "Scope 1", "Scope 1"),
    ("C", "scope2_location", "Scope 2 (location)", "Scope 2（ロケーション）"),
    ("D", "scope2_market", "Scope 2 (market)", "Scope 2（マーケット）"),
    ("E", "scope3", "Scope 3 (all categories)", "Scope 3（全カテゴリ）"),
)
PROGRESS_PATHWAY_COLUMNS, PROGRESS_FLAG_COLUMNS, PROGRESS_CHECK_COLUMN = "FGHIJK", "LMNOPQ", "R"


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
    out = []
    for n in range(1, N_PROGRESS_ROWS + 1):
        r = PROGRESS_FIRST_ROW + n - 1
        for col, suffix, en, ja in PROGRESS_INPUTS:
            out.append(Field(f"progress.{n}.{suffix}", "Progress", f"{col}{r}", "progress",
                             f"Progress year {n}: {en}", f"進捗 {n} 年目: {ja}", "tco2e",
                             f"{PROGRESS_CHECK_COLUMN}{r}", unit="tCO2e", low=0.0, since=3))
    return out


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


CHART_TARGETS = tuple(Choice(str(n), str(n)) for n in range(1, N_TARGETS + 1))
#: Where the Charts sheet puts its charts and their live data blocks.
CHART_PATHWAY_ANCHOR, CHART_SCOPE3_ANCHOR = "A7", "A25"
CHART_BASE_FIRST_ROW = 48        # per target: base-year emissions of its scope, base year
CHART_DATA_FIRST_ROW = 56        # per Progress row: year, pathway, 1.5 °C, WB2 °C, actual
CHART_S3_FIRST_ROW = CHART_DATA_FIRST_ROW + N_PROGRESS_ROWS + 3  # categories, then sorted


def _charts() -> list[Field]:
    return [Field("charts.target", "Charts", "B5", "charts",
                  "Target shown in the chart (blank: 1)", "グラフに表示する目標（空欄: 1）",
                  "choice", "C5", allowed=CHART_TARGETS, since=3)]


def _notes() -> list[Field]:
    return _form("Notes", [
        ("section", "scope3_actions"),
        ("scope3.actions", "Scope 3 actions planned", "Scope 3 の削減に向けた取組み", "text"),
        ("section", "notes"),
        ("notes.supporting", "Supporting notes and documents", "補足説明・添付資料", "text"),
        ("section", "signoff"),
        ("signoff.name", "Signed off by (name)", "承認者（氏名）", "text", {"since": 2}),
        ("signoff.title", "Title", "役職", "text", {"since": 2}),
        ("signoff.date", "Date", "日付", "date", {"since": 2}),
    ])


FIELDS: tuple[Field, ...] = (*_company(), *_inventory(), *_targets(), *_details(),
                             *_progress(), *_charts(), *_notes())


@functools.cache
def fields_by_key() -> dict[str, Field]:
    return {f.key: f for f in FIELDS}


SECTION_TITLES: dict[str, tuple[str, str]] = {
    "submission": ("1. Validation route and submission", "1. 審査区分と申請"),
    "company": ("2. Basic information", "2. 基本情報"),
    "entity": ("3. Entity in the group (for the group roll-up)", "3. グループ内の事業体（連結用）"),
    "boundary": ("4. Boundary (GHG Protocol)", "4. バウンダリ（GHG プロトコル）"),
    "commitments": ("5. Commitments", "5. 誓約事項"),
    "inventory": ("6. GHG inventory", "6. GHG 排出量"),
    "targets": ("7. Targets", "7. 目標"),
    "progress": ("Progress", "進捗"),
    "charts": ("Charts", "グラフ"),
    "scope3_actions": ("8. Scope 3 actions", "8. Scope 3 の取組み"),
    "notes": ("9. Supporting material", "9. 補足資料"),
    "signoff": ("10. Sign-off", "10. 承認"),
}

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
                 f"={s1}+IF({location_chosen()},{loc},{mkt})"),
            Calc(f"calc.{p}.scope3", "Inventory", f"{col}{_TOTAL_ROW + 1}",
                 "Scope 3 total", "Scope 3 合計", f"=SUM({cats})"),
            Calc(f"calc.{p}.total", "Inventory", f"{col}{_TOTAL_ROW + 2}",
                 "Scope 1+2+3", "Scope 1+2+3 合計",
                 f"={_n(f'calc.{p}.scope12')}+{_n(f'calc.{p}.scope3')}"),
            Calc(f"calc.{p}.scope3_share", "Inventory", f"{col}{_TOTAL_ROW + 3}",
                 "Scope 3 share of scope 1+2+3", "Scope 1+2+3 に占める Scope 3 の割合",
                 f'=IF({_n(f"calc.{p}.total")}>0,'
                 f'{_n(f"calc.{p}.scope3")}/{_n(f"calc.{p}.total")},"")', "0.0%"),
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
