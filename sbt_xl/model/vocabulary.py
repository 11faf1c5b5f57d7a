"""The domain's vocabulary: every field a submission holds, its labels, type and choices.

A field's *key* (``targets.1.reduction``) is its stable public name. Where a field sits in
the template (sheet, cell, check cell) is :mod:`sbt_xl.workbook.template.layout`'s business; the
rules, the findings and the group roll-up need only what is here.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from sbt_xl.core.criteria import (
    ABSOLUTE,
    ECONOMIC,
    ENGAGEMENT,
    LONG_TERM,
    NEAR_TERM,
    PHYSICAL,
    RENEWABLE,
)
from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.core.sectors import SECTORS
from sbt_xl.messages import Text

FieldType = Literal["text", "choice", "date", "year", "tco2e", "fraction", "number",
                    "categories"]
#: Rows of the targets table.
N_TARGETS = 6
#: The inventory's two years.
PERIODS = ("base", "recent")
#: Rows of the Progress table, from the inventory's base year (long enough for 2015 → 2050).
N_PROGRESS_ROWS = 36


@dataclass(frozen=True)
class Choice:
    """One dropdown value: the canonical code (stored by ``--lang en``, its English label)
    and its Japanese label."""

    code: str
    label_ja: str

    @property
    def label(self) -> Text:
        """``c.label(lang)``: the code in English, the Japanese label in Japanese."""
        return Text(self.code, self.label_ja)


@dataclass(frozen=True)
class Field:
    """One input of a submission: what it means, not where it sits."""

    key: str
    section: str
    label: Text
    """``f.label(lang)``: what the template's form and the messages call the field."""
    type: FieldType
    allowed: tuple[Choice, ...] = ()
    unit: str = ""
    required: bool = False
    low: float | None = None
    high: float | None = None
    since: int = 1
    """The layout version that added the field (a workbook of an older version lacks it)."""

    @property
    def label_en(self) -> str:  # for workbook/template/ until it reads label
        return self.label.en

    @property
    def label_ja(self) -> str:  # for workbook/template/ until it reads label
        return self.label.ja

    def choice(self, text: str) -> Choice | None:
        """The choice whose code or Japanese label is ``text`` (case-, space- and
        width-blind: ``（SDA）`` is ``(SDA)``, ``℃`` is ``°C``)."""
        wanted = _fold(text)
        for c in self.allowed:
            if wanted in (_fold(c.code), _fold(c.label_ja)):
                return c
        return None


def _fold(text: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


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
TARGET_TYPES = (Choice(ABSOLUTE, "総量"),
                Choice(PHYSICAL, "物量原単位"),
                Choice(ECONOMIC, "経済原単位"),
                Choice(ENGAGEMENT, "サプライヤー・顧客エンゲージメント"),
                Choice(RENEWABLE, "再生可能電力"))
#: The SBTi form's target-setting methods (and the target types each may take).
METHODS = (Choice("absolute contraction", "総量削減"),
           Choice("SDA", "SDA（セクター別）"),
           Choice("economic intensity", "経済原単位（GEVA）"),
           Choice("physical intensity", "物量原単位"),
           Choice("supplier engagement", "サプライヤー・エンゲージメント"),
           Choice("renewable electricity", "再生可能電力"))
AMBITIONS = (Choice("1.5C", "1.5℃"), Choice("WB2C", "2℃を十分に下回る"), Choice("2C", "2℃"))
SECTOR_CHOICES = (*(Choice(s.id, s.label.ja) for s in SECTORS), Choice("other", "その他"))

SCOPE3_CATEGORIES: tuple[Text, ...] = (
    Text("Purchased goods and services", "購入した製品・サービス"),
    Text("Capital goods", "資本財"),
    Text("Fuel- and energy-related activities", "燃料及びエネルギー関連活動"),
    Text("Upstream transportation and distribution", "輸送、配送（上流）"),
    Text("Waste generated in operations", "事業から出る廃棄物"),
    Text("Business travel", "出張"),
    Text("Employee commuting", "雇用者の通勤"),
    Text("Upstream leased assets", "リース資産（上流）"),
    Text("Downstream transportation and distribution", "輸送、配送（下流）"),
    Text("Processing of sold products", "販売した製品の加工"),
    Text("Use of sold products", "販売した製品の使用"),
    Text("End-of-life treatment of sold products", "販売した製品の廃棄"),
    Text("Downstream leased assets", "リース資産（下流）"),
    Text("Franchises", "フランチャイズ"),
    Text("Investments", "投資"),
)
assert len(SCOPE3_CATEGORIES) == N_CATEGORIES


# --- the form sheets: one field per row, in sections ------------------------------------------

def _form(rows: list[tuple[Any, ...]]) -> list[Field]:
    """Fields of a form, in order; ``("section", name)`` starts a section."""
    out: list[Field] = []
    section = ""
    for row in rows:
        if row[0] == "section":
            section = row[1]
            continue
        key, en, ja, typ, *rest = row
        out.append(Field(key, section, Text(en, ja), typ, **(rest[0] if rest else {})))
    return out


def _company() -> list[Field]:
    req, v2, v3 = {"required": True}, {"since": 2}, {"since": 3}
    return _form([
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


def _notes() -> list[Field]:
    return _form([
        ("section", "scope3_actions"),
        ("scope3.actions", "Scope 3 actions planned", "Scope 3 の削減に向けた取組み", "text"),
        ("section", "notes"),
        ("notes.supporting", "Supporting notes and documents", "補足説明・添付資料", "text"),
        ("section", "signoff"),
        ("signoff.name", "Signed off by (name)", "承認者（氏名）", "text", {"since": 2}),
        ("signoff.title", "Title", "役職", "text", {"since": 2}),
        ("signoff.date", "Date", "日付", "date", {"since": 2}),
    ])



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
PERIOD_LABELS = {"base": Text("Base year", "基準年"), "recent": Text("Most recent year", "直近年")}


def inventory_fields(item: str, en: str, ja: str, p: str) -> tuple[Field, Field | None]:
    """An inventory item's value field for period ``p``, and its status field (scope 3)."""
    pen, pja = PERIOD_LABELS[p]
    if item == "year":
        return Field(f"inventory.{p}.year", "inventory", Text(pen, pja), "year",
                     required=True, low=1990, high=2100), None
    since = INVENTORY_SINCE.get(item, 1)
    value = Field(f"inventory.{p}.{item}", "inventory",
                  Text(f"{en} ({pen.lower()})", f"{ja}（{pja}）"), "tco2e", unit="tCO2e",
                  required=since == 1 and not item.startswith("scope3"), low=0.0, since=since)
    if not item.startswith("scope3"):
        return value, None
    return value, Field(f"inventory.{p}.{item}_status", "inventory",
                        Text(f"{en}: status ({pen.lower()})", f"{ja}: 区分（{pja}）"),
                        "choice", allowed=CATEGORY_STATUS)


def _inventory() -> list[Field]:
    return [f for item in INVENTORY_ITEMS for p in PERIODS
            for f in inventory_fields(*item, p) if f is not None]


# --- tables: a row per target, a row per progress year --------------------------------------

#: (key suffix, label en, label ja, type, options) of a targets row.
TARGET_ITEMS: tuple[tuple[str, str, str, FieldType, dict[str, Any]], ...] = (
    ("scope", "Scope", "スコープ", "choice", {"allowed": TARGET_SCOPES}),
    ("type", "Type", "種類", "choice", {"allowed": TARGET_TYPES}),
    ("base_year", "Base year", "基準年", "year", {"low": 1990, "high": 2100}),
    ("target_year", "Target year", "目標年", "year", {"low": 1990, "high": 2100}),
    ("reduction", "Reduction (share)", "削減率", "fraction", {"low": 0.0, "high": 1.0}),
    ("coverage", "Share of scope covered", "対象範囲の割合", "fraction",
     {"low": 0.0, "high": 1.0}),
    ("scope3_categories", "Scope 3 categories (e.g. 1,4,11)",
     "Scope 3 カテゴリ（例: 1,4,11）", "categories", {}),
    ("intensity_unit", "Intensity denominator (unit)", "原単位の分母（単位）", "text", {}),
    ("base_activity", "Activity, base year", "活動量（基準年）", "number", {"low": 0.0}),
    ("target_activity", "Activity, target year", "活動量（目標年）", "number", {"low": 0.0}),
    ("re_base_share", "Renewable electricity, base year", "再エネ電力比率（基準年）",
     "fraction", {"low": 0.0, "high": 1.0}),
    ("re_target_share", "Renewable electricity, target year", "再エネ電力比率（目標年）",
     "fraction", {"low": 0.0, "high": 1.0}),
    ("term", "Term", "期間区分", "choice", {"allowed": TERMS, "since": 2}),
    ("flag", "FLAG target", "FLAG 目標", "choice", {"allowed": YES_NO, "since": 2}),
)
#: What the SBTi form asks per target (layout version 3).
DETAIL_ITEMS: tuple[tuple[str, str, str, FieldType, dict[str, Any]], ...] = (
    ("id", "Target ID (e.g. Abs1, Int1)", "目標 ID（例: Abs1、Int1）", "text", {}),
    ("method", "Method", "設定手法", "choice", {"allowed": METHODS}),
    ("ambition", "Ambition claimed", "申請する水準", "choice", {"allowed": AMBITIONS}),
    ("covered_base_emissions", "Base-year emissions covered (tCO2e)",
     "対象となる基準年排出量（tCO2e）", "tco2e", {"low": 0.0, "unit": "tCO2e"}),
)
#: (key suffix, label en, label ja) of the emissions reported on a Progress row.
PROGRESS_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("scope1", "Scope 1", "Scope 1"),
    ("scope2_location", "Scope 2 (location)", "Scope 2（ロケーション）"),
    ("scope2_market", "Scope 2 (market)", "Scope 2（マーケット）"),
    ("scope3", "Scope 3 (all categories)", "Scope 3（全カテゴリ）"),
)
PROGRESS_KEYS = tuple(suffix for suffix, _, _ in PROGRESS_ITEMS)


def target_field(n: int, suffix: str, en: str, ja: str, typ: FieldType,
                 opts: dict[str, Any], since: int = 1) -> Field:
    return Field(f"targets.{n}.{suffix}", "targets", Text(f"Target {n}: {en}", f"目標 {n}: {ja}"),
                 typ, **{"since": since, **opts})


def progress_field(n: int, suffix: str, en: str, ja: str) -> Field:
    return Field(f"progress.{n}.{suffix}", "progress",
                 Text(f"Progress year {n}: {en}", f"進捗 {n} 年目: {ja}"), "tco2e", unit="tCO2e",
                 low=0.0, since=3)


CHART_TARGETS = tuple(Choice(str(n), str(n)) for n in range(1, N_TARGETS + 1))
CHART_TARGET = Field("charts.target", "charts", Text("Target shown in the chart (blank: 1)",
                                                     "グラフに表示する目標（空欄: 1）"),
                     "choice", allowed=CHART_TARGETS, since=3)


COMPANY_FIELDS: tuple[Field, ...] = tuple(_company())
INVENTORY_FIELDS: tuple[Field, ...] = tuple(_inventory())
TARGET_FIELDS: tuple[Field, ...] = tuple(target_field(n, *item) for n in range(1, N_TARGETS + 1)
                                         for item in TARGET_ITEMS)
DETAIL_FIELDS: tuple[Field, ...] = tuple(target_field(n, *item, since=3)
                                         for n in range(1, N_TARGETS + 1)
                                         for item in DETAIL_ITEMS)
PROGRESS_FIELDS: tuple[Field, ...] = tuple(progress_field(n, *item)
                                           for n in range(1, N_PROGRESS_ROWS + 1)
                                           for item in PROGRESS_ITEMS)
NOTES_FIELDS: tuple[Field, ...] = tuple(_notes())
#: Every field, in the template's order.
FIELDS: tuple[Field, ...] = (*COMPANY_FIELDS, *INVENTORY_FIELDS, *TARGET_FIELDS,
                             *DETAIL_FIELDS, *PROGRESS_FIELDS, CHART_TARGET, *NOTES_FIELDS)


@functools.cache
def fields_by_key() -> dict[str, Field]:
    return {f.key: f for f in FIELDS}


SECTION_TITLES: dict[str, Text] = {
    "submission": Text("1. Validation route and submission", "1. 審査区分と申請"),
    "company": Text("2. Basic information", "2. 基本情報"),
    "entity": Text("3. Entity in the group (for the group roll-up)", "3. グループ内の事業体（連結用）"),
    "boundary": Text("4. Boundary (GHG Protocol)", "4. バウンダリ（GHG プロトコル）"),
    "commitments": Text("5. Commitments", "5. 誓約事項"),
    "inventory": Text("6. GHG inventory", "6. GHG 排出量"),
    "targets": Text("7. Targets", "7. 目標"),
    "progress": Text("Progress", "進捗"),
    "charts": Text("Charts", "グラフ"),
    "scope3_actions": Text("8. Scope 3 actions", "8. Scope 3 の取組み"),
    "notes": Text("9. Supporting material", "9. 補足資料"),
    "signoff": Text("10. Sign-off", "10. 承認"),
}
