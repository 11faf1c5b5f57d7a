"""The catalogue of user-facing messages, one entry per code, in English and Japanese.

Text has two shapes, both here:

- a *sentence* is a catalogue code, rendered with :func:`render` in a :data:`Lang`.
  Templates use ``str.format`` fields; ``{field}`` is the argument or cell being blamed.
  A count's word is chosen by the catalogue, not by the caller: ``{n:file|files}``
  renders ``file`` when ``n`` is 1 and ``files`` otherwise (``"{n} {n:file|files}"``;
  Japanese has no plural and writes ``{n} 件``);
- a *label* that is data (a field's, a choice's, a column's, a sheet's title) is a
  :class:`Text` beside what it labels; called with the language it gives its words.

No other module picks words by comparing a language (tests/test_messages.py).
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, NamedTuple

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = ("en", "ja")
#: The environment variable that sets the language of messages and formula help.
LANG_ENV = "SBT_XL_LANG"


def env_lang() -> Lang:
    """The language ``SBT_XL_LANG`` asks for (``en`` or ``ja``; ``ja_JP`` is ``ja``),
    English otherwise."""
    return lang_of(os.environ.get(LANG_ENV, ""))


def other(lang: Lang) -> Lang:
    """The other language (a bilingual form shows both, each under the other)."""
    return LANGS[1 - LANGS.index(lang)]


def lang_of(value: object) -> Lang:
    """``ja`` for ``ja``, ``JA``, ``ja_JP``, ``ja-JP`` and for ``jp`` or ``jpn`` (the
    country code and ISO 639-2, which people type too); ``en`` for anything else (a
    language given by a user, an environment variable or a workbook)."""
    return "ja" if str(value or "").strip().lower()[:2] in ("ja", "jp") else "en"


class Text(NamedTuple):
    """A label in both languages: ``Text("Entity name", "事業体名")("ja")`` is
    ``事業体名``. Labels are data (they sit beside what they label); sentences are
    catalogue codes. A value (immutable, hashable), and a pair: ``en, ja = text``."""

    en: str
    ja: str

    def __call__(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    @classmethod
    def of(cls, words: Callable[[Lang], str]) -> Text:
        """``words`` in each language: ``Text.of(error.message)``."""
        return cls(words("en"), words("ja"))

    def join(self, items: Iterable[Text]) -> Text:
        """``items`` listed with this separator in each language:
        ``Text(", ", "、").join(labels)``."""
        items = list(items)
        return Text(self.en.join(t.en for t in items), self.ja.join(t.ja for t in items))


MESSAGES: dict[str, dict[str, str]] = {
    "not_a_number": {
        "en": "{field} must be a number, got {value!r}",
        "ja": "{field} は数値でなければなりません（入力: {value!r}）",
    },
    "blank": {
        "en": "{field} is blank; a value is required",
        "ja": "{field} が空欄です。値を入力してください",
    },
    "excel_error": {
        "en": "{field} holds the Excel error {value}",
        "ja": "{field} に Excel のエラー値 {value} が入っています",
    },
    "negative": {
        "en": "{field} ({value}) must not be negative",
        "ja": "{field}（{value}）は負の値にできません",
    },
    "not_a_year": {
        "en": "{field} ({value}) must be a whole year such as 2020",
        "ja": "{field}（{value}）は 2020 のような西暦年（整数）でなければなりません",
    },
    "target_before_base": {
        "en": "{field} ({value}) must be after base_year ({base_year})",
        "ja": "{field}（{value}）は基準年 base_year（{base_year}）より後でなければなりません",
    },
    "year_before_base": {
        "en": "{field} ({value}) must not be before base_year ({base_year})",
        "ja": "{field}（{value}）は基準年 base_year（{base_year}）より前にできません",
    },
    "not_positive": {
        "en": "{field} ({value}) must be greater than zero",
        "ja": "{field}（{value}）は 0 より大きくなければなりません",
    },
    "recent_outside": {
        "en": "{field} ({value}) must lie between base_year ({base_year}) and "
        "target_year ({target_year})",
        "ja": "{field}（{value}）は基準年（{base_year}）と目標年（{target_year}）の間でなければなりません",
    },
    "fraction_range": {
        "en": "{field} ({value}) must be a share between 0 and 1 (0 % to 100 %)",
        "ja": "{field}（{value}）は 0〜1（0〜100 %）の割合でなければなりません",
    },
    "unknown_ambition": {
        "en": "{field} {value!r} is not an ambition: use 1.5C, WB2C, 2C or a rate such as 4.2%",
        "ja": "{field} の {value!r} は不明な水準です。1.5C、WB2C、2C または 4.2% のような削減率を指定してください",
    },
    "rate_too_large": {
        "en": "{field} ({value}) is more than 100 %/yr; type 4.2% or 0.042 for 4.2 %/yr",
        "ja": "{field}（{value}）は年 100 % を超えています。年 4.2 % なら 4.2% または 0.042 と入力してください",
    },
    "unknown_sector": {
        "en": "{field} {value!r} is not an SDA sector; known: {known}",
        "ja": "{field} の {value!r} は SDA セクターではありません。使用可能: {known}",
    },
    "sector_without_data": {
        "en": "{field} {value!r}: sbt-xl ships no public pathway for this sector ({reason}); "
        "use absolute contraction",
        "ja": "{field} の {value!r}: このセクターの公開経路データは同梱されていません（{reason}）。総量削減を使用してください",
    },
    "unknown_scenario": {
        "en": "{field} {value!r} has no pathway for sector {sector}; available: {known}",
        "ja": "{field} の {value!r} にはセクター {sector} の経路がありません。使用可能: {known}",
    },
    "year_outside_pathway": {
        "en": "{field} ({value}) is outside the {sector} pathway years {first}–{last}",
        "ja": "{field}（{value}）は {sector} の経路の対象年 {first}〜{last} の範囲外です",
    },
    "needs_extra": {
        "en": '{field} needs the optional package {extra}: pip install "sbt-xl[{extra}]"',
        "ja": '{field} にはオプションのパッケージ {extra} が必要です: pip install "sbt-xl[{extra}]"',
    },
    "flat_sector_pathway": {
        "en": "the {sector} pathway has the same intensity in {base_year} and {last}; "
        "SDA convergence is undefined",
        "ja": "{sector} の経路は {base_year} 年と {last} 年の原単位が同じため、SDA の収束を計算できません",
    },
    "shape_mismatch": {
        "en": "{field} has {value} values but {other} has {count}; give one value or the same number",
        "ja": "{field} の値の数（{value}）が {other} の値の数（{count}）と一致しません。1 つか同数を指定してください",
    },
    "shapes_differ": {
        "en": "{field} is {shape} but {other} is {other_shape}; give one cell, a column, a "
        "row, or ranges of the same size",
        "ja": "{field} は {shape}、{other} は {other_shape} で形が合いません。1 セル、列、行、"
        "または同じ大きさの範囲を指定してください",
    },
    "shape_rows_columns": {
        "en": "{rows} {rows:row|rows} × {columns} {columns:column|columns}",
        "ja": "{rows} 行 × {columns} 列",
    },
    "pathway_needs_years": {
        "en": "{field} is a range: give at_year (a year, or a row of years) to spill one "
        "value per company and year",
        "ja": "{field} が範囲です。会社ごと・年ごとの値を出すには at_year（年、または年の行）を"
        "指定してください",
    },
    "zero_total": {
        "en": "{field}: scope 1 + 2 + 3 is zero, so the scope 3 share is undefined",
        "ja": "{field}: Scope 1+2+3 の合計が 0 のため、Scope 3 の割合を計算できません",
    },
    "categories_count": {
        "en": "{field} must be one total or the 15 scope 3 categories, got {value} values per row",
        "ja": "{field} は Scope 3 合計 1 つか、カテゴリ 1〜15 の 15 個でなければなりません（1 行あたり {value} 個）",
    },
    "unknown_criteria": {
        "en": "{field} {value!r} is not a criteria version; known: {known}",
        "ja": "{field} の {value!r} は基準バージョンではありません。使用可能: {known}",
    },
    "not_one_value": {
        "en": "{field} must be a single cell, got {value} values",
        "ja": "{field} は単一のセルでなければなりません（{value} 個の値）",
    },
}

# --- the workbook reader (rules INPUT-*) ------------------------------------------------
VALIDATOR_MESSAGES: dict[str, dict[str, str]] = {
    "template_older": {
        "en": "this workbook was made with template version {version} (now {current}); its "
        "{count} newer {count:field is|fields are} not checked ({sections}; listed by "
        "section on the Findings sheet). Run sbt-xl upgrade to move the values into the "
        "current template",
        "ja": "このブックはテンプレート第 {version} 版で作成されています（現在は第 {current} 版）。"
        "新しい {count} 項目はチェックされません（{sections}。Findings シートに節ごとに記載）。"
        "sbt-xl upgrade で現在のテンプレートに値を移してください",
    },
    "field_in_rows": {
        "en": "{label} ({count:row|rows} {span})",
        "ja": "{label}（{span} 行目）",
    },
    "template_older_section": {
        "en": "{section}: {count} {count:field|fields} this workbook's template does not "
        "have: {fields}",
        "ja": "{section}: このブックのテンプレートにない {count} 項目: {fields}",
    },
    "not_template": {
        "en": "not an sbt-xl template: the workbook has no {prefix} defined names, so there "
        "is nothing to check; type the figures into a template (sbt-xl template FILE)",
        "ja": "sbt-xl のテンプレートではありません: {prefix} で始まる名前の定義がないため、"
        "チェックできる項目がありません。テンプレート（sbt-xl template FILE）に値を入力してください",
    },
    "input_sheet_missing": {
        "en": "the sheet {sheet} is missing (deleted, or its defined names removed), so its "
        "{count} fields cannot be read; copy the sheet back from the template",
        "ja": "シート {sheet} がありません（削除されたか、名前の定義が削除されています）。"
        "{count} 項目を読み取れません。テンプレートからシートをコピーして戻してください",
    },
    "input_missing_name": {
        "en": "{field}: the defined name {name} is missing from the workbook; restore it "
        "(Formulas > Name Manager) or start from the template",
        "ja": "{field}: 名前の定義 {name} がブックにありません。［数式］>［名前の管理］で復元するか、テンプレートから作り直してください",
    },
    "input_broken_name": {
        "en": "{field}: the defined name {name} no longer points to one cell ({value}); "
        "its cell was deleted or the name was changed",
        "ja": "{field}: 名前の定義 {name} が 1 つのセルを指していません（{value}）。セルが削除されたか名前が変更されています",
    },
    "input_merged": {
        "en": "{field}: the cell was merged into another cell and its value is lost; "
        "unmerge it and type the value again",
        "ja": "{field}: セルが結合され、値が失われています。結合を解除して再入力してください",
    },
    "input_not_number": {
        "en": "{field} must be a number, got {value!r}",
        "ja": "{field} は数値でなければなりません（入力: {value!r}）",
    },
    "input_number_as_text": {
        "en": "{field}: {value!r} is text, read as {read}; type the plain number "
        "(no full-width digits, separators or units)",
        "ja": "{field}: {value!r} は文字列のため {read} として読み取りました。数値のみを半角で入力してください（桁区切り・単位は不要）",
    },
    "input_ambiguous_number": {
        "en": "{field}: {value!r} reads as {first} with a decimal point but as {second} with "
        "dots between thousands; type the plain number you mean (no separators)",
        "ja": "{field}: {value!r} は小数点なら {first}、桁区切りなら {second} と読めます。"
        "意図する数値を区切りなしの半角で入力してください",
    },
    "input_european_number": {
        "en": "{field}: {value!r} is written with a decimal comma or dots between thousands "
        "(read so, it is {read}); sbt-xl does not guess: type the plain number {read}",
        "ja": "{field}: {value!r} は小数点にコンマ、または桁区切りにピリオドを使った書き方です"
        "（そう読むと {read}）。推測はしないため、数値 {read} を半角で入力してください",
    },
    "input_percent_as_number": {
        "en": "{field} ({value}) must be a share between 0 and 1: type {share} or {value}%",
        "ja": "{field}（{value}）は 0〜1 の割合で入力してください: {share} または {value}%",
    },
    "input_out_of_range": {
        "en": "{field} ({value}) must lie between {low} and {high}",
        "ja": "{field}（{value}）は {low}〜{high} の範囲でなければなりません",
    },
    "input_below_minimum": {
        "en": "{field} ({value}) must be at least {low}",
        "ja": "{field}（{value}）は {low} 以上でなければなりません",
    },
    "input_text_in_formula": {
        "en": "{field}: {value!r} is text, which the workbook's own totals cannot use "
        "(they stay blank or leave it out); type the plain number {read}",
        "ja": "{field}: {value!r} は文字列のため、ブック内の合計式で使えません"
        "（合計が空欄になるか合計から漏れます）。数値 {read} を半角で入力してください",
    },
    "input_not_date": {
        "en": "{field} must be a date such as 2026-11-30, got {value!r}",
        "ja": "{field} は 2026-11-30 のような日付でなければなりません（入力: {value!r}）",
    },
    "input_date_as_text": {
        "en": "{field}: {value!r} is text, read as a date; enter it as a date",
        "ja": "{field}: {value!r} は文字列のため日付として読み取りました。日付として入力してください",
    },
    "input_not_allowed": {
        "en": "{field}: {value!r} is not one of: {allowed}",
        "ja": "{field}: {value!r} は選択肢にありません（{allowed}）",
    },
    "input_bad_categories": {
        "en": "{field}: {value!r} is not a list of scope 3 categories 1–15 such as 1,4,11 or 1-4",
        "ja": "{field}: {value!r} は Scope 3 カテゴリ 1〜15 の一覧ではありません（例: 1,4,11 や 1-4）",
    },
    # --- the criteria rules -------------------------------------------------------------
    "rule_required": {
        "en": "{field} is required",
        "ja": "{field} は必須です",
    },
    "rule_boundary": {
        "en": "{field}: state the consolidation approach of the company-wide boundary",
        "ja": "{field}: 全社バウンダリの連結アプローチを記入してください",
    },
    "rule_excluded_too_much": {
        "en": "{field}: {value} of scope 1+2 is excluded; at most {max} may be",
        "ja": "{field}: Scope 1+2 の {value} が除外されています。除外できるのは {max} までです",
    },
    "rule_exclusion_reason": {
        "en": "{field}: {value} of scope 1+2 is excluded; give the reason",
        "ja": "{field}: Scope 1+2 の {value} を除外しています。理由を記入してください",
    },
    "rule_target_coverage_s12": {
        "en": "{field}: the target covers {value} of the scope; at least {min} is required",
        "ja": "{field}: 目標の対象は {value} です。{min} 以上が必要です",
    },
    "rule_bioenergy": {
        "en": "{field}: bioenergy emissions and removals must be reported within the boundary",
        "ja": "{field}: バイオエネルギーの排出・除去はバウンダリ内で報告する必要があります",
    },
    "rule_scope2_method": {
        "en": "{field}: choose the scope 2 method (location- or market-based) used throughout",
        "ja": "{field}: 一貫して用いる Scope 2 算定方法（ロケーション基準またはマーケット基準）を選んでください",
    },
    "rule_scope2_missing": {
        "en": "{field}: the scope 2 method is {method}, but this figure is blank",
        "ja": "{field}: Scope 2 算定方法は {method} ですが、この値が空欄です",
    },
    "rule_base_year_future": {
        "en": "{field} ({value}) is after the submission year {year}",
        "ja": "{field}（{value}）が申請年 {year} より後です",
    },
    "rule_base_year_early": {
        "en": "{field} ({value}) is before {earliest}, the earliest base year accepted",
        "ja": "{field}（{value}）は認められる最も古い基準年 {earliest} より前です",
    },
    "rule_base_year_no_inventory": {
        "en": "{field} ({value}) differs from the inventory base year {inventory}; "
        "its emissions cannot be checked",
        "ja": "{field}（{value}）が排出量の基準年 {inventory} と異なるため、排出量を確認できません",
    },
    "rule_recent_before_base": {
        "en": "{field} ({value}) is before the base year {base}",
        "ja": "{field}（{value}）が基準年 {base} より前です",
    },
    "rule_recent_too_old": {
        "en": "{field} ({value}) is more than {max} years before the submission year {year}",
        "ja": "{field}（{value}）が申請年 {year} より {max} 年以上前です",
    },
    "rule_target_year_late": {
        "en": "{field} ({value}) is after {latest}",
        "ja": "{field}（{value}）が {latest} 年より後です",
    },
    "rule_target_year_window": {
        "en": "{field} ({value}) is {years} years after submission ({year}); "
        "it must be {min}–{max} years",
        "ja": "{field}（{value}）は申請（{year} 年）から {years} 年後です。{min}〜{max} 年後でなければなりません",
    },
    "rule_target_year_half": {
        "en": "{field} ({value}) is outside {first}–{last}: submitted in {half} {year}, the "
        "{min}–{max} years are counted from {start} (C13)",
        "ja": "{field}（{value}）は {first}〜{last} 年の範囲外です。{year} 年{half}の申請では、"
        "{min}〜{max} 年を {start} 年から数えます（C13）",
    },
    "rule_progress": {
        "en": "{field}: target {n} — in {year} the reported {actual} tCO2e are {gap} tCO2e "
        "({share}) above its pathway ({allowed} tCO2e)",
        "ja": "{field}: 目標 {n} — {year} 年の報告値 {actual} tCO2e は経路（{allowed} tCO2e）を "
        "{gap} tCO2e（{share}）上回っています",
    },
    "rule_target_method": {
        "en": "{field}: the method {method} does not set a {type} target (Targets sheet)",
        "ja": "{field}: 設定手法「{method}」では「{type}」の目標は設定できません（目標シート）",
    },
    "rule_target_method_sda": {
        "en": "{field}: SDA needs a sector with an SDA pathway; the company's sector is "
        "{sector}",
        "ja": "{field}: SDA には SDA 経路のあるセクターが必要です。会社のセクターは「{sector}」です",
    },
    "rule_ambition_claim": {
        "en": "{field}: {claimed} is claimed, but a {value} reduction over {years} years "
        "reaches {reached}",
        "ja": "{field}: 「{claimed}」を申請していますが、{years} 年で {value} の削減は"
        "「{reached}」の水準です",
    },
    "rule_covered_emissions": {
        "en": "{field}: {value} tCO2e covered, but the inventory, the scope and the coverage "
        "give {expected} tCO2e (more than {tolerance} apart)",
        "ja": "{field}: 対象排出量 {value} tCO2e は、排出量・スコープ・対象範囲から求めた "
        "{expected} tCO2e と {tolerance} を超えて異なります",
    },
    "rule_already_met": {
        "en": "{field}: the {value} reduction was already reached in {recent} ({achieved}); "
        "a target already met is not accepted",
        "ja": "{field}: 削減率 {value} は {recent} 年に既に達成されています（{achieved}）。達成済みの目標は認められません",
    },
    "rule_ambition_s12": {
        "en": "{field}: {value} over {years} years is {rate}/yr; scope 1+2 needs at least "
        "{min}/yr, i.e. {needed}",
        "ja": "{field}: {years} 年で {value} は年 {rate} です。Scope 1+2 は年 {min} 以上（{needed} 以上）"
        "が必要です",
    },
    "rule_ambition_s12_total": {
        "en": "{field}: {value} reduction; scope 1+2 needs at least {min}",
        "ja": "{field}: 削減率 {value}。Scope 1+2 は {min} 以上の削減が必要です",
    },
    "rule_ambition_s12_recent": {
        "en": "{field}: from the most recent year {recent} the target needs only {rate}/yr; "
        "at least {min}/yr is required from that year too",
        "ja": "{field}: 直近年 {recent} からは年 {rate} の削減にとどまります。直近年からも年 {min} 以上が必要です",
    },
    "rule_recommend_15c": {
        "en": "{field}: {rate}/yr; the 1.5 °C level ({min}/yr) is recommended",
        "ja": "{field}: 年 {rate}。1.5℃ 水準（年 {min}）が推奨されます",
    },
    "rule_sda_unavailable": {
        "en": "{field}: the SDA pathway cannot check this target: {reason}",
        "ja": "{field}: SDA 経路でこの目標を確認できません: {reason}",
    },
    "rule_sda_short": {
        "en": "{field}: target intensity {value} in {year} is above the {sector} SDA pathway ({sda})",
        "ja": "{field}: {year} 年の目標原単位 {value} が {sector} の SDA 経路（{sda}）を上回っています",
    },
    "rule_intensity_s12": {
        "en": "{field}: with the activity forecast this intensity target cuts absolute "
        "emissions by {implied} ({rate}); at least {min} is required",
        "ja": "{field}: 活動量の見通しを含めると、この原単位目標の総量削減は {implied}（{rate}）です。{min} 以上が必要です",
    },
    "rule_combined": {
        "en": "{field}: a combined scope 1+2+3 target needs a separate scope 1+2 target "
        "that meets the scope 1+2 ambition on its own",
        "ja": "{field}: Scope 1+2+3 の統合目標には、単独で Scope 1+2 の水準を満たす Scope 1+2 目標が別に必要です",
    },
    "rule_offsets": {
        "en": "{field}: purchased credits and avoided emissions do not count toward a target",
        "ja": "{field}: 購入したクレジットや削減貢献量は目標達成に算入できません",
    },
    "rule_re_late": {
        "en": "{field} ({value}): renewable electricity targets must reach 100 % by {latest}",
        "ja": "{field}（{value}）: 再生可能電力目標は {latest} 年までに 100 % に達する必要があります",
    },
    "rule_re_share": {
        "en": "{field}: {value} renewable electricity by {year}; at least {min} is required",
        "ja": "{field}: {year} 年の再生可能電力比率 {value}。{min} 以上が必要です",
    },
    "rule_s3_status": {
        "en": "{field}: category {cat} is not screened; mark it relevant, not relevant or excluded",
        "ja": "{field}: カテゴリ {cat} のスクリーニング区分が未記入です。該当・非該当・除外のいずれかを選んでください",
    },
    "rule_s3_relevant_blank": {
        "en": "{field}: category {cat} is relevant but its emissions are blank",
        "ja": "{field}: カテゴリ {cat} は「該当」ですが、排出量が空欄です",
    },
    "rule_s3_always": {
        "en": "{field}: a long-term scope 3 target is always required",
        "ja": "{field}: 長期目標では Scope 3 目標が常に必要です",
    },
    "rule_s3_trigger": {
        "en": "{field}: scope 3 is {share} of scope 1+2+3 (≥ {trigger}); a scope 3 target is required",
        "ja": "{field}: Scope 3 は Scope 1+2+3 の {share} です（{trigger} 以上）。Scope 3 目標が必要です",
    },
    "rule_s3_fossil": {
        "en": "{field}: companies selling or transporting fossil fuels need a scope 3 target "
        "on use of sold products (category 11)",
        "ja": "{field}: 化石燃料を販売・輸送する企業は「販売した製品の使用」（カテゴリ 11）の Scope 3 目標が必要です",
    },
    "rule_s3_coverage": {
        "en": "{field}: the scope 3 targets cover {value} of scope 3; at least {min} is required",
        "ja": "{field}: Scope 3 目標の対象は Scope 3 の {value} です。{min} 以上が必要です",
    },
    "rule_ambition_s3": {
        "en": "{field}: {value} over {years} years is {rate}/yr; scope 3 needs at least "
        "{min}/yr, i.e. {needed}",
        "ja": "{field}: {years} 年で {value} は年 {rate} です。Scope 3 は年 {min} 以上（{needed} 以上）"
        "が必要です",
    },
    "rule_ambition_s3_anchored": {
        "en": "{field}: the base year {base} is after {anchor}, so ambition is measured from "
        "{anchor} (C18): {value} over {years} years to {target} is {rate}/yr; scope 3 needs "
        "at least {min}/yr, i.e. {needed}",
        "ja": "{field}: 基準年 {base} が {anchor} より後のため、水準は {anchor} 年から測ります（C18）。"
        "{target} 年まで {years} 年で {value} は年 {rate} です。Scope 3 は年 {min} 以上（{needed} 以上）"
        "が必要です",
    },
    "rule_ambition_s3_total": {
        "en": "{field}: {value} reduction; scope 3 needs at least {min}",
        "ja": "{field}: 削減率 {value}。Scope 3 は {min} 以上の削減が必要です",
    },
    "rule_ambition_s3_recent": {
        "en": "{field}: from the most recent year {recent} the target needs only {rate}/yr; "
        "at least {min}/yr is required from that year too",
        "ja": "{field}: 直近年 {recent} からは年 {rate} の削減にとどまります。直近年からも年 {min} 以上が必要です",
    },
    "rule_ambition_s12_paths": {
        "en": "{field}: {value} from {base} to {target}; by the 2026 method (Target-Setting "
        "Tool v2.5) scope 1+2 needs at least {min} ({rate}/yr): {why}",
        "ja": "{field}: {base} 年から {target} 年まで削減率 {value}。2026 年の手法（目標設定ツール "
        "v2.5）では Scope 1+2 は {min} 以上（年 {rate}）が必要です: {why}",
    },
    "rule_ambition_s3_paths": {
        "en": "{field}: {value} from {base} to {target}; by the 2026 method (Target-Setting "
        "Tool v2.5) scope 3 needs at least {min} ({rate}/yr): {why}",
        "ja": "{field}: {base} 年から {target} 年まで削減率 {value}。2026 年の手法（目標設定ツール "
        "v2.5）では Scope 3 は {min} 以上（年 {rate}）が必要です: {why}",
    },
    "why_scope_path": {
        "en": "scope {scope} is {share} of the target's emissions: it must fall {path} by {year}",
        "ja": "Scope {scope} は目標の対象排出量の {share}: {year} 年までに {path} 削減する経路",
    },
    "why_floor": {
        "en": "the net-zero paths give {spread}/yr, so the floor of {floor}/yr applies",
        "ja": "ネットゼロ経路では年 {spread} のため、下限の年 {floor} を適用",
    },
    "why_cap": {
        "en": "capped at {cap}",
        "ja": "上限 {cap}",
    },
    "why_no_split": {
        "en": "the inventory gives no emissions per scope for this target, so it is judged by "
        "the floor of {floor}/yr",
        "ja": "この目標のスコープ別排出量が排出量表にないため、下限の年 {floor} で判定",
    },
    "rule_criteria_date": {
        "en": "{field} is blank: checked against {criteria}, the criteria in force today "
        "({today}); fill in the submission date to be checked by the criteria in force then",
        "ja": "{field} が空欄のため、本日（{today}）時点の基準 {criteria} で確認しました。申請日を"
        "入力すると、その日に有効な基準で確認します",
    },
    "criteria_in_force": {
        "en": "{criteria}, in force on {date}",
        "ja": "{criteria}、{date} 時点で有効",
    },
    "unknown_contraction_ambition": {
        "en": "{field} {value!r} is not an ambition of absolute contraction: use 1.5C or WB2C",
        "ja": "{field} の {value!r} は総量削減の水準ではありません。1.5C または WB2C を指定してください",
    },
    "net_zero_not_after_recent": {
        "en": "{field} ({value}) must be after the most recent inventory year ({recent_year})",
        "ja": "{field}（{value}）は直近の排出量算定年（{recent_year}）より後でなければなりません",
    },
    "no_covered_emissions": {
        "en": "{field}: the target covers no emissions; give the covered emissions of at "
        "least one scope (more than zero)",
        "ja": "{field}: 対象排出量がありません。少なくとも 1 つのスコープの対象排出量（0 より大きい値）"
        "を指定してください",
    },
    "not_a_date": {
        "en": "{field} ({value!r}) is not a date; use YYYY-MM-DD, e.g. 2026-09-01",
        "ja": "{field}（{value!r}）は日付ではありません。2026-09-01 のように YYYY-MM-DD で指定してください",
    },
    "minimum_summary": {
        "en": "minimum {reduction} from {base} to {target} ({rate}/yr), {method} method "
        "(in force on {as_of}){floor}",
        "ja": "{base} 年から {target} 年まで最低 {reduction}（年 {rate}）、{method} 手法"
        "（{as_of} 時点で有効）{floor}",
    },
    "minimum_floor": {
        "en": "; the floor applies",
        "ja": "。下限を適用",
    },
    "method_floor_note": {
        "en": "judged by the {floor} floor of the {method} method in force on {as_of}; "
        "without emissions per scope the 2026 method asks at least this "
        "(sbt-xl minimum / SBT_MIN_REDUCTION give its full minimum)",
        "ja": "{as_of} 時点で有効な {method} 手法の下限（{floor}）で判定。スコープ別排出量がない"
        "ため、2026 年の手法ではこれ以上が必要です（全体の最低値は sbt-xl minimum / "
        "SBT_MIN_REDUCTION）",
    },
    "method_fixed_note": {
        "en": "judged by the {method} method in force on {as_of}",
        "ja": "{as_of} 時点で有効な {method} 手法で判定",
    },
    "rule_s3_econ": {
        "en": "{field}: {rate}/yr year on year; scope 3 economic intensity needs at least {min}/yr",
        "ja": "{field}: 前年比 年 {rate}。Scope 3 経済原単位目標は年 {min} 以上が必要です",
    },
    "rule_s3_phys_yoy": {
        "en": "{field}: {rate}/yr year on year; scope 3 physical intensity needs at least "
        "{min}/yr or the SDA pathway",
        "ja": "{field}: 前年比 年 {rate}。Scope 3 物量原単位目標は年 {min} 以上または SDA 経路が必要です",
    },
    "rule_s3_phys_linear": {
        "en": "{field}: {rate}/yr; scope 3 physical intensity needs at least {min}/yr",
        "ja": "{field}: 年 {rate}。Scope 3 物量原単位目標は年 {min} 以上が必要です",
    },
    "rule_s3_phys_increase": {
        "en": "{field}: with this activity forecast absolute emissions rise by {implied}; "
        "an intensity target must not let them increase",
        "ja": "{field}: この活動量の見通しでは総量が {implied} 増加します。原単位目標で総量が増えてはなりません",
    },
    "rule_engagement_late": {
        "en": "{field} ({value}) is {years} years after submission; engagement targets must be "
        "met within {max}",
        "ja": "{field}（{value}）は申請から {years} 年後です。エンゲージメント目標は {max} 年以内に達成する必要があります",
    },
    "rule_engagement_coverage": {
        "en": "{field}: state the share of scope 3 emissions (or spend) the engagement covers",
        "ja": "{field}: エンゲージメントの対象となる Scope 3 排出量（または支出）の割合を記入してください",
    },
    "rule_reporting": {
        "en": "{field}: the inventory and progress must be disclosed every year",
        "ja": "{field}: 排出量と進捗は毎年開示する必要があります",
    },
    "rule_recalc": {
        "en": "{field}: targets must be reviewed, and recalculated if needed, at least every 5 years",
        "ja": "{field}: 目標は少なくとも 5 年ごとに見直し、必要に応じて再計算する必要があります",
    },
    # --- writing back ------------------------------------------------------------------
    "rule_net_zero_s12": {
        "en": "{field}: a net-zero commitment needs a long-term scope 1+2 target (mark its "
        "row long-term): at least 90 % by 2050, covering 95 % of scope 1+2",
        "ja": "{field}: ネットゼロの誓約には Scope 1+2 の長期目標（行を「長期」に）が必要です。"
        "2050 年までに 90 % 以上、Scope 1+2 の 95 % を対象",
    },
    "rule_net_zero_s3": {
        "en": "{field}: a net-zero commitment needs a long-term scope 3 target (mark its row "
        "long-term): at least 90 % by 2050, covering 90 % of scope 3",
        "ja": "{field}: ネットゼロの誓約には Scope 3 の長期目標（行を「長期」に）が必要です。"
        "2050 年までに 90 % 以上、Scope 3 の 90 % を対象",
    },
    "rule_neutralisation": {
        "en": "{field}: a net-zero commitment states that residual emissions will be "
        "neutralised with permanent removals",
        "ja": "{field}: ネットゼロの誓約では、残余排出を恒久的な除去で中和することを表明する必要があります",
    },
    "rule_gases": {
        "en": "{field}: the inventory must cover all seven Kyoto gases (CO2, CH4, N2O, HFCs, "
        "PFCs, SF6, NF3)",
        "ja": "{field}: 排出量は京都議定書の 7 ガス（CO2、CH4、N2O、HFCs、PFCs、SF6、NF3）をすべて含む必要があります",
    },
    "rule_fossil_c22_type": {
        "en": "{field}: a fossil-fuel seller's category 11 target must be an absolute "
        "reduction target; engagement or intensity targets do not count (C22)",
        "ja": "{field}: 化石燃料販売企業のカテゴリ 11 目標は総量削減目標でなければなりません。"
        "エンゲージメント・原単位目標は認められません（C22）",
    },
    "rule_fossil_c22_ambition": {
        "en": "{field}: {value} over {years} years; a fossil-fuel seller's category 11 "
        "target needs 1.5 °C ambition, {min}/yr, i.e. {needed} (C22)",
        "ja": "{field}: {years} 年で {value} です。化石燃料販売企業のカテゴリ 11 目標は 1.5℃ 水準"
        "（年 {min}、{needed} 以上）が必要です（C22）",
    },
    "rule_s3_excluded_share": {
        "en": "{field}: the excluded scope 3 categories ({categories}) are {value} of scope "
        "3; at most {max} may be excluded (C5)",
        "ja": "{field}: 除外した Scope 3 カテゴリ（{categories}）は Scope 3 の {value} です。"
        "除外できるのは {max} までです（C5）",
    },
    "rule_s3_excluded_estimate": {
        "en": "{field}: category {category} is marked excluded; give its estimated emissions "
        "so that the 5 % limit can be checked",
        "ja": "{field}: カテゴリ {category} は除外とされています。5 % の上限を確認できるよう推計排出量を入力してください",
    },
    "rule_fossil_extraction": {
        "en": "{field}: companies that explore for or extract fossil fuels cannot have "
        "targets validated by the SBTi (C23)",
        "ja": "{field}: 化石燃料の探査・採掘を行う企業は SBTi の目標認定を受けられません（C23）",
    },
    "rule_fossil_revenue": {
        "en": "{field}: {value} of revenue from fossil fuels; at {max} or more the SBTi "
        "does not validate targets (C23)",
        "ja": "{field}: 化石燃料による売上が {value} です。{max} 以上の場合は目標認定の対象外です（C23）",
    },
    "rule_flag_sector": {
        "en": "{field}: a FLAG-designated sector needs a FLAG target; mark it in the Targets "
        "sheet (FLAG target: yes)",
        "ja": "{field}: FLAG 対象セクターには FLAG 目標が必要です。目標シートで該当する目標を「FLAG 目標: はい」にしてください",
    },
    "rule_flag_share": {
        "en": "{field}: FLAG emissions are {value} of scope 1+2+3; from {min} a FLAG "
        "target is needed (mark it in the Targets sheet)",
        "ja": "{field}: FLAG 排出量は Scope 1+2+3 の {value} です。{min} 以上では FLAG 目標が必要です"
        "（目標シートで指定してください）",
    },
    "rule_recalc_threshold": {
        "en": "{field}: a significance threshold of {value} is too high; the base year must "
        "be recalculated for changes of {max} or more",
        "ja": "{field}: 重要性の閾値 {value} は大きすぎます。{max} 以上の変化で基準年を再計算する必要があります",
    },
    "workbook_open": {
        "en": "{field} is open in Excel ({lock} exists); close it and try again",
        "ja": "{field} は Excel で開かれています（{lock} があります）。閉じてから再実行してください",
    },
    "workbook_read_only": {
        "en": "{field} is read-only; nothing was written",
        "ja": "{field} は読み取り専用のため、書き込みませんでした",
    },
    "folder_read_only": {
        "en": "the folder {field} is read-only; nothing was written",
        "ja": "フォルダー {field} は読み取り専用のため、書き込みませんでした",
    },
    # --- the add-in --------------------------------------------------------------------
    "addin_template_missing": {
        "en": "xlwings {version} has no ribbon add-in template ({field}); reinstall xlwings",
        "ja": "xlwings {version} にリボン アドインのひな形（{field}）がありません。xlwings を再インストールしてください",
    },
    "addin_template_changed": {
        "en": "the xlwings add-in template has changed ({field}: {value} not found); "
        "sbt-xl does not support this xlwings version yet",
        "ja": "xlwings のアドインのひな形が変わっています（{field}: {value} が見つかりません）。この xlwings のバージョンにはまだ対応していません",
    },
    "addin_not_windows": {
        "en": "{field}: installing into Excel needs Windows (this is {value}); "
        "use 'sbt-xl addin build' to make the file",
        "ja": "{field}: Excel へのインストールには Windows が必要です（この環境: {value}）。ファイルの作成は 'sbt-xl addin build' で行えます",
    },
    "addin_no_excel": {
        "en": "{field}: Excel is not installed on this computer",
        "ja": "{field}: このコンピューターに Excel がインストールされていません",
    },
    "addin_in_use": {
        "en": "{field} is in use; quit Excel and try again",
        "ja": "{field} は使用中です。Excel を終了してから再実行してください",
    },
    "out_not_folder": {
        "en": "-o {field}: give an existing folder when validating several files",
        "ja": "-o {field}: 複数のファイルを検証するときは既存のフォルダーを指定してください",
    },
    "check_cell_taken": {
        "en": "the check cell {cell} holds text sbt-xl did not write ({value!r}); it was left "
        "as it is, so this row's findings are only on the Findings sheet",
        "ja": "チェック欄 {cell} に sbt-xl 以外が書いた文字（{value!r}）があるため変更していません。"
        "この行の結果は Findings シートのみに記載しています",
    },
    "file_missing": {
        "en": "{field}: no such file",
        "ja": "{field}: ファイルがありません",
    },
    "encrypted_workbook": {
        "en": "{field} is password-protected (encrypted); remove the password in Excel "
        "(File > Info > Protect Workbook) and check it again",
        "ja": "{field} はパスワードで保護（暗号化）されています。Excel でパスワードを解除してから"
        "再度チェックしてください（ファイル > 情報 > ブックの保護）",
    },
    "legacy_xls": {
        "en": "{field} is a legacy Excel 97-2003 (.xls) file; save it as .xlsx and check it again",
        "ja": "{field} は旧形式（Excel 97-2003 の .xls）です。.xlsx 形式で保存してから再度チェックしてください",
    },
    "part_too_large": {
        "en": "{field}: the part {part} inflates beyond {limit}; refused (a damaged file or "
        "a zip bomb)",
        "ja": "{field}: 部品 {part} の展開後のサイズが {limit} を超えるため処理しません"
        "（破損ファイルまたは zip 爆弾）",
    },
    "part_beyond_declared": {
        "en": "{field}: the part {part} inflates beyond the {size} bytes its zip entry "
        "declares; refused (a damaged file or a zip bomb)",
        "ja": "{field}: 部品 {part} の展開後のサイズが zip に記録された {size} バイトを超える"
        "ため処理しません（破損ファイルまたは zip 爆弾）",
    },
    "package_too_large": {
        "en": "{field} inflates beyond {limit} in all; refused (set SBT_XL_MAX_TOTAL_MB to "
        "allow more)",
        "ja": "{field} は展開後の合計が {limit} を超えるため処理しません"
        "（上限は SBT_XL_MAX_TOTAL_MB で変更できます）",
    },
    "corrupt_part": {
        "en": "{field}: the part {part} is damaged ({value})",
        "ja": "{field}: 部品 {part} が破損しています（{value}）",
    },
    "missing_part": {
        "en": "{field}: the part {part} is missing",
        "ja": "{field}: 部品 {part} がありません",
    },
    "malformed_xml": {
        "en": "{field}: the part {part} is not well-formed XML ({value})",
        "ja": "{field}: 部品 {part} の XML が壊れています（{value}）",
    },
    "xml_dtd": {
        "en": "{field}: the part {part} declares a DTD or entities, which workbooks never "
        "do; refused (possible entity bomb)",
        "ja": "{field}: 部品 {part} に DTD またはエンティティ宣言があります。ブックには通常含まれないため"
        "処理しません（エンティティ爆弾の可能性）",
    },
    "out_is_folder": {
        "en": "{field} is a folder; name a file to write, or give several inputs",
        "ja": "{field} はフォルダーです。書き込むファイル名を指定してください",
    },
    "folder_missing": {
        "en": "the folder {field} does not exist",
        "ja": "フォルダー {field} がありません",
    },
    "macro_needs_xlsm": {
        "en": "{field}: this workbook has macros (VBA), so its checked copy must be .xlsm",
        "ja": "{field}: マクロ（VBA）を含むブックのため、出力先は .xlsm にしてください",
    },
    "xlsx_not_xlsm": {
        "en": "{field}: this workbook has no macros, so its checked copy must be .xlsx, "
        "not a macro-enabled file",
        "ja": "{field}: マクロを含まないブックのため、出力先は .xlsx にしてください",
    },
    "file_exists": {
        "en": "{field} exists already; pick another name or add --force to replace it",
        "ja": "{field} は既に存在します。別の名前にするか、置き換える場合は --force を付けてください",
    },
    "out_is_input": {
        "en": "{field} is the input file itself; use --in-place to write into it",
        "ja": "{field} は入力ファイル自身です。上書きする場合は --in-place を使ってください",
    },
    "same_output": {
        "en": "{field} and {other} would both be written to {value}; nothing was written",
        "ja": "{field} と {other} が同じ出力先 {value} になるため、何も書き込んでいません",
    },
    "unexpected": {
        "en": "unexpected error with {field} ({value}); details are in {log}",
        "ja": "{field} の処理中に予期しないエラーが発生しました（{value}）。詳細: {log}",
    },
    "table_kind": {
        "en": "{field}: give a .csv or .xlsx table",
        "ja": "{field}: .csv または .xlsx の表を指定してください",
    },
    "no_column": {
        "en": "{value} has no column {field}; its columns: {known}",
        "ja": "{value} に列 {field} がありません。列: {known}",
    },
    "group_unreadable": {
        "en": "not counted: {reason}",
        "ja": "未集計: {reason}",
    },
    "group_input": {"en": "{message}", "ja": "{message}"},
    "group_old_template": {
        "en": "made with template version {version}, which has no entity fields; run "
        "sbt-xl upgrade and fill in section 3",
        "ja": "テンプレート第 {version} 版で作成されており、事業体の項目がありません。"
        "sbt-xl upgrade を実行して第 3 節を記入してください",
    },
    "group_no_code": {
        "en": "not counted: the entity code is blank",
        "ja": "未集計: 事業体コードが空欄です",
    },
    "group_duplicate_code": {
        "en": "not counted: entity code {entity} is also used by {other}",
        "ja": "未集計: 事業体コード {entity} は {other} でも使われています",
    },
    "group_overheld": {
        "en": "{entity}: the ownership shares given for it add up to {total}, more than 100 %",
        "ja": "{entity}: 出資比率の合計が {total} で、100 % を超えています",
    },
    "group_cycle": {
        "en": "not counted: {entity}'s parents form a cycle ({chain})",
        "ja": "未集計: {entity} の親会社の関係が循環しています（{chain}）",
    },
    "group_no_parent": {
        "en": "not counted: {entity}'s parent {parent} is not among the workbooks",
        "ja": "未集計: {entity} の親会社 {parent} のブックがありません",
    },
    "group_no_ownership": {
        "en": "not counted: {entity}'s ownership share is blank",
        "ja": "未集計: {entity} の出資比率が空欄です",
    },
    "group_no_control": {
        "en": "not counted: whether {entity}'s parent has {approach} is blank",
        "ja": "未集計: {entity} の親会社の支配力（{approach}）が空欄です",
    },
    "group_parent_not_counted": {
        "en": "not counted: {entity}'s parent {parent} is not counted, so its share is unknown",
        "ja": "未集計: 親会社 {parent} が未集計のため、{entity} の割合が分かりません",
    },
    "group_no_year": {
        "en": "{entity}: the {period} year is blank (the group's is {group})",
        "ja": "{entity}: {period}が空欄です（グループは {group} 年）",
    },
    "group_not_xlsx": {
        "en": "not counted: {kind}; save it as .xlsx from the template and send it again",
        "ja": "未集計: {kind}。テンプレートから .xlsx 形式で保存して、もう一度送ってください",
    },
    "group_a_group_workbook": {
        "en": "not counted: this is a group workbook (an earlier roll-up), not a "
        "subsidiary's return; keep it out of the returns folder",
        "ja": "未集計: これはグループのブック（以前の連結結果）で、子会社の回答ではありません。"
        "回答のフォルダーから外してください",
    },
    "group_not_template": {
        "en": "not counted: this workbook is not the sbt-xl template (none of its named "
        "cells); fill in the template and send it again",
        "ja": "未集計: sbt-xl のテンプレートではありません（名前付きセルがありません）。"
        "テンプレートに記入して、もう一度送ってください",
    },
    "group_problems": {
        "en": "the roll-up is incomplete: {not_counted} {not_counted:file|files} not counted "
        "and {errors} {errors:error|errors} on the Problems sheet, touching {touched} of the "
        "group's base-year scope 1+2 emissions; fix the subsidiaries' workbooks and "
        "consolidate again",
        "ja": "連結が不完全です: 未集計のファイル {not_counted} 件、問題シートのエラー {errors} "
        "件（グループの基準年 Scope 1+2 排出量の {touched} に影響）。子会社のブックを直して、"
        "もう一度連結してください",
    },
    "group_rollup_line": {
        "en": "{files} {files:file|files} rolled up; {not_counted} not counted; {errors} "
        "{errors:error|errors}; the problems touch {touched} of the group's base-year scope "
        "1+2 emissions ({touched3} of scope 3)",
        "ja": "{files} ファイルを連結、未集計 {not_counted} 件、エラー {errors} 件。問題の影響は"
        "グループの基準年 Scope 1+2 排出量の {touched}（Scope 3 の {touched3}）",
    },
    "group_progress_gap": {
        "en": "{entity}: its Progress figures for {years} are blank where other entities "
        "reported theirs; the group's figures for those years are left blank",
        "ja": "{entity}: {years} 年の進捗の値が空欄です（他の事業体は記入済み）。グループの"
        "その年の値は空欄にしました",
    },
    "group_summary": {
        "en": "{field}: {approach}, {counted} {counted:entity|entities} counted ({missing} "
        "not), base year S1+2 {s12} t, S3 {s3} t; {problems} {problems:problem|problems} "
        "touching {touched} of base-year S1+2 emissions ({touched3} of S3)",
        "ja": "{field}: {approach}、{counted} 事業体を集計（未集計 {missing}）、基準年 S1+2 "
        "{s12} t / S3 {s3} t、問題 {problems} 件（基準年 S1+2 排出量の {touched}、S3 の "
        "{touched3} に影響）",
    },
    "group_largest": {
        "en": "Largest {count} {count:entity|entities} (base year S1+2+3, shares applied)",
        "ja": "上位 {count} 事業体（基準年 S1+2+3、適用割合を乗じた値）",
    },
    "group_with_problems": {
        "en": "counted, with {count} {count:problem|problems}",
        "ja": "集計済み（問題 {count} 件）",
    },
    "group_year": {
        "en": "{entity}: the {period} year is {year}, the group's is {group}",
        "ja": "{entity}: {period}が {year} 年で、グループの {group} 年と異なります",
    },
    "group_missing_scope": {
        "en": "{entity}: no scope {scopes} figure for the {period} year (counted as zero)",
        "ja": "{entity}: {period}の Scope {scopes} の排出量がありません（ゼロとして集計）",
    },
    "group_scope2_method": {
        "en": "{entity}: its scope 2 method is {method}, the group's is {group}; the group's "
        "figure was used",
        "ja": "{entity}: Scope 2 算定方法が {method} で、グループの {group} と異なります。"
        "グループの方法の値を用いました",
    },
    "group_parent": {
        "en": "the parent workbook {field} cannot be read: {value}",
        "ja": "親会社のブック {field} を読み込めません: {value}",
    },
    "dask_missing": {
        "en": "{field} needs Dask: pip install \"sbt-xl[dask]\"",
        "ja": "{field} には Dask が必要です: pip install \"sbt-xl[dask]\"",
    },
    "no_pdf_printer": {
        "en": "{field}: printing to PDF needs Chromium or LibreOffice; neither was found",
        "ja": "{field}: PDF の作成には Chromium または LibreOffice が必要ですが、見つかりません",
    },
    "pdf_failed": {
        "en": "{field} could not be printed: {value}",
        "ja": "{field} を PDF にできませんでした: {value}",
    },
    "group_no_files": {
        "en": "{field}: no files found",
        "ja": "{field}: ファイルが見つかりません",
    },
    "not_a_workbook": {
        "en": "{field} could not be read as a workbook: {value}",
        "ja": "{field} をブックとして読み込めませんでした: {value}",
    },
    "targets_read": {
        "en": "{file}: {targets} {targets:target|targets} from {rows} {rows:row|rows}; {empty} "
        "{empty:row|rows} gave no target, {unread} {unread:row keeps|rows keep} unread "
        "sentences (column unread)",
        "ja": "{file}: {rows} 行から {targets} 件の目標を読み取りました。目標が読み取れなかった行 "
        "{empty} 行、読み取れない文が残った行 {unread} 行（unread 列）",
    },
}
MESSAGES.update(VALIDATOR_MESSAGES)
#: Words of the Findings sheet sbt-xl writes into a checked workbook.
FINDINGS_SHEET_MESSAGES: dict[str, dict[str, str]] = {
    "severity_error": {"en": "error", "ja": "エラー"},
    "severity_warning": {"en": "warning", "ja": "警告"},
    "severity_info": {"en": "info", "ja": "情報"},
    "findings_none": {"en": "No findings: every check passed",
                      "ja": "指摘事項はありません（すべてのチェックに合格）"},
    "dropdown_refused": {"en": "{label}: this value is not allowed",
                         "ja": "{label}: 入力できない値です"},
    "findings_title": {"en": "SBT check findings: {result}",
                       "ja": "SBT チェックの指摘事項: {result}"},
    "verdict_errors": {"en": "✖ {errors} {errors:error|errors}: not ready to submit",
                       "ja": "✖ エラー {errors} 件: このままでは申請できません"},
    "verdict_warnings": {"en": "⚠ no errors, {warnings} {warnings:warning|warnings} to review",
                         "ja": "⚠ 警告 {warnings} 件: 確認してください"},
    "verdict_clean": {"en": "✔ no errors or warnings", "ja": "✔ エラー・警告なし"},
    "ribbon_summary": {
        "en": "{headline}. See the Check column and the Findings sheet.",
        "ja": "{headline}。結果は「チェック」列と Findings シートにあります。",
    },
    "validate_headline": {
        "en": "{file}: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings} "
        "(criteria {criteria})",
        "ja": "{file}: エラー {errors} 件、警告 {warnings} 件（基準 {criteria}）",
    },
    "check_cell_more": {"en": "→ note, {sheet} sheet",
                        "ja": "→ メモ・{sheet} シート"},
}
MESSAGES.update(FINDINGS_SHEET_MESSAGES)

#: Words of the template's Charts sheet: its two charts, their series and data blocks.
CHART_MESSAGES: dict[str, dict[str, str]] = {
    "report_target_chart": {
        "en": "Target {n}: scope {scope} down {pct}% by {ty} (tCO2e)",
        "ja": "目標 {n}: スコープ {scope}、{ty} 年までに {pct}% 削減（tCO2e）",
    },
    "report_scope3_chart": {"en": "Scope 3 by category, base year {year} (tCO2e)",
                            "ja": "Scope 3（基準年 {year}、カテゴリ別、tCO2e）"},
    "report_counts": {
        "en": "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}",
        "ja": "エラー {errors} 件、警告 {warnings} 件",
    },
    "report_no_chart": {
        "en": "Target {n} ({kind}) has no pathway chart: the charts draw absolute emissions "
        "from the inventory's base year.",
        "ja": "目標 {n}（{kind}）の経路グラフはありません。グラフは基準年からの総量排出を描きます。",
    },
    "chart_pathway_title": {
        "en": "Target {n} (scope {scope}): pathway and actual emissions (tCO2e)",
        "ja": "目標 {n}（スコープ {scope}）の経路と実績（tCO2e）"},
    "chart_pathway_title_blank": {"en": "Target pathway and actual emissions (tCO2e)",
                                  "ja": "目標の経路と実績（tCO2e）"},
    "chart_year": {"en": "Year", "ja": "年"},
    "chart_series_pathway": {"en": "Target pathway", "ja": "目標の経路"},
    "chart_series_1_5c": {"en": "1.5 °C line", "ja": "1.5℃ 水準"},
    "chart_series_wb2c": {"en": "Well-below 2 °C line", "ja": "2℃を十分に下回る水準"},
    "chart_series_actual": {"en": "Actual", "ja": "実績"},
    "chart_base_per_target": {"en": "Base-year emissions per target",
                              "ja": "目標ごとの基準年排出量"},
    "chart_scope3_block": {"en": "Scope 3 by category (base year)",
                           "ja": "Scope 3（基準年、カテゴリ別）"},
    "chart_scope3_title": {"en": "Scope 3 by category, base year",
                           "ja": "Scope 3（基準年、カテゴリ別）"},
    "chart_category": {"en": "{i}. {name}", "ja": "{i}. {name}"},
    "chart_sorted": {"en": "Sorted", "ja": "並べ替え"},
}
MESSAGES.update(CHART_MESSAGES)

#: FLAG ambition and coverage; the Net-Zero Standard V2.0 rules.
FLAG_NZ2_MESSAGES: dict[str, dict[str, str]] = {
    "rule_flag_ambition": {
        "en": "{field}: the FLAG target's {value} over {years} years ({start}–{target}) is "
        "{rate}/yr; the FLAG sector pathway needs {min}/yr, i.e. {needed} (a commodity "
        "pathway target is not checked here)",
        "ja": "{field}: FLAG 目標の削減率 {value} は {years} 年（{start}–{target} 年）で年 {rate} "
        "です。FLAG セクター経路では年 {min}（{needed} 以上）が必要です（コモディティ経路の目標は"
        "ここでは判定しません）",
    },
    "rule_flag_long_term": {
        "en": "{field}: a long-term FLAG target reduces FLAG emissions at least {min} by "
        "{latest} at the latest; {value} is less",
        "ja": "{field}: FLAG の長期目標は遅くとも {latest} 年までに FLAG 排出量を {min} 以上削減する"
        "必要があります（入力: {value}）",
    },
    "rule_flag_long_term_year": {
        "en": "{field}: a long-term FLAG target year of {value} is after {latest}",
        "ja": "{field}: FLAG の長期目標年 {value} は {latest} 年より後です",
    },
    "rule_flag_coverage": {
        "en": "{field}: the FLAG target covers {value} of the {part} FLAG emissions; at least "
        "{min} is required",
        "ja": "{field}: FLAG 目標の対象は {part} の FLAG 排出量の {value} です。{min} 以上が必要です",
    },
    "rule_nz2_separate": {
        "en": "{field}: scope {scope} combines scopes; the Net-Zero Standard V2.0 asks for "
        "separate scope 1, scope 2 and scope 3 targets",
        "ja": "{field}: スコープ {scope} は複数のスコープをまとめています。ネットゼロ基準 V2.0 では "
        "Scope 1・Scope 2・Scope 3 の目標を個別に設定します",
    },
    "rule_nz2_missing": {
        "en": "{field}: no near-term scope {scope} target; the Net-Zero Standard V2.0 asks "
        "every company for one",
        "ja": "{field}: Scope {scope} の短期目標がありません。ネットゼロ基準 V2.0 ではすべての企業に"
        "必要です",
    },
    "rule_nz2_missing_s3": {
        "en": "{field}: no near-term scope 3 target; the Net-Zero Standard V2.0 asks "
        "Category A companies for one",
        "ja": "{field}: Scope 3 の短期目標がありません。ネットゼロ基準 V2.0 ではカテゴリ A の企業に"
        "必要です",
    },
    "rule_nz2_missing_s3_sme": {
        "en": "{field}: no near-term scope 3 target; only a Category B company (small, or "
        "medium-sized in a lower-income country) may leave it out under V2.0",
        "ja": "{field}: Scope 3 の短期目標がありません。V2.0 で省略できるのはカテゴリ B の企業"
        "（小規模企業、または低・中所得国の中規模企業）だけです",
    },
    "rule_nz2_s2_location": {
        "en": "{field}: the Net-Zero Standard V2.0 sets scope 2 emissions targets on "
        "{method} scope 2; choose {method} and give its figures",
        "ja": "{field}: ネットゼロ基準 V2.0 では Scope 2 の排出削減目標を{method}で設定します。"
        "{method}を選び、その数値を入力してください",
    },
    "rule_nz2_s3_relevant": {
        "en": "{field}: scope 3 category {category} is {value} of categories 1–14; from "
        "{min} it must be in a scope 3 target",
        "ja": "{field}: Scope 3 カテゴリ {category} はカテゴリ 1–14 の {value} です。{min} 以上の"
        "カテゴリは Scope 3 目標の対象に含める必要があります",
    },
    "rule_target_year_one": {
        "en": "{field} ({value}) must be {first}: these are {min}-year targets, and "
        "submitted in {half} {year} the years are counted from {start}",
        "ja": "{field}（{value}）は {first} 年である必要があります。{min} 年の目標で、{year} 年{half}"
        "の申請では {start} 年から数えます",
    },
}
MESSAGES.update(FLAG_NZ2_MESSAGES)
# --- the command line (sbt_xl/cli/) -----------------------------------------------------
CLI_MESSAGES: dict[str, dict[str, str]] = {
    "wrong_extension": {
        "en": "{field}: the file written here must be named with {value} (its extension "
        "must say what it holds)",
        "ja": "{field}: 出力ファイルの拡張子は {value} にしてください（拡張子は内容と一致させる必要があります）",
    },
    "no_sheet": {
        "en": "{value} has no sheet {field}; its sheets: {known}",
        "ja": "{value} にシート {field} がありません。シート: {known}",
    },
    "upgrade_done": {
        "en": "{field}: template version {version} → {current}, {count} {count:value|values} "
        "moved",
        "ja": "{field}: テンプレート第 {version} 版 → 第 {current} 版、{count} 件の値を移しました",
    },
    "upgrade_read_by_address": {
        "en": "its defined name was missing; read from where its version's layout put it",
        "ja": "名前の定義がないため、この版のレイアウトのセルから読みました",
    },
    "upgrade_new_field": {"en": "new field, empty  ({label})", "ja": "新しい項目（空欄）  ({label})"},
    "upgrade_no_home": {
        "en": "no home: kept on sheet {sheet}",
        "ja": "移動先なし: シート {sheet} に保存",
    },
    "upgrade_current": {
        "en": "{field} already uses the current template (version {version}); nothing to "
        "upgrade, nothing written",
        "ja": "{field} は既に現在のテンプレート（第 {version} 版）です。更新の必要はなく、何も書き込んでいません",
    },
    "opendocument_file": {
        "en": "{field} is an OpenDocument spreadsheet (.ods); save it as an Excel workbook "
        "(.xlsx) and check it again",
        "ja": "{field} は OpenDocument 形式（.ods）の表計算ファイルです。Excel ブック（.xlsx）として保存してから再度チェックしてください",
    },
    "xlsb_file": {
        "en": "{field} is a binary Excel workbook (.xlsb), which sbt-xl does not read; save "
        "it as an Excel workbook (.xlsx) and check it again",
        "ja": "{field} はバイナリ形式の Excel ブック（.xlsb）のため読み込めません。Excel ブック（.xlsx）として保存してから再度チェックしてください",
    },
    "input_open": {
        "en": "note: {field} is open in Excel ({lock} beside it); what is checked is the file "
        "as last saved, not edits made since",
        "ja": "注意: {field} は Excel で開かれています（{lock} があります）。チェックするのは最後に"
        "保存した内容で、その後の編集は含まれません",
    },
    "empty_file_name": {
        "en": "{field}: the file name is empty (an unset variable?); give the file's name",
        "ja": "{field}: ファイル名が空です（未設定の変数？）。ファイル名を指定してください",
    },
    "office_document_file": {
        "en": "{field} is a Word or PowerPoint file, not an Excel workbook; open the workbook "
        "itself (.xlsx)",
        "ja": "{field} は Word または PowerPoint のファイルで、Excel ブックではありません。"
        "ブック（.xlsx）を指定してください",
    },
    "strict_ooxml_file": {
        "en": "{field} is saved as Strict Open XML; save it as \"Excel Workbook (*.xlsx)\" "
        "(not the Strict type) and check it again",
        "ja": "{field} は Strict Open XML 形式で保存されています。ファイルの種類「Excel ブック (*.xlsx)」（Strict 以外）で保存してから再度チェックしてください",
    },
    "excel4_macro_sheet": {
        "en": "{field} has an Excel 4.0 macro sheet ({sheet}), which sbt-xl does not read; "
        "delete that sheet (macros belong in VBA), save, and check it again",
        "ja": "{field} には Excel 4.0 マクロ シート（{sheet}）があり、sbt-xl では読み込めません。そのシートを削除して（マクロは VBA で作成してください）保存し、再度チェックしてください",
    },
    "interrupted": {
        "en": "interrupted; nothing was written",
        "ja": "中断しました。何も書き込んでいません",
    },
    "interrupted_batch": {
        "en": "interrupted after {done} of {total} {total:file|files}: {written} "
        "{written:output|outputs} written, {left} not written (listed below)",
        "ja": "{total} 件中 {done} 件を処理したところで中断しました: 書き込み済み {written} 件、"
        "未書き込み {left} 件（以下に一覧）",
    },
    "addin_status_no_excel": {
        "en": "Excel not found on this computer ({value}); nothing installed.",
        "ja": "Excel が見つかりません（{value}）。",
    },
    "addin_status_installed": {"en": "installed: {field}", "ja": "インストール済み: {field}"},
    "addin_status_absent": {"en": "not installed", "ja": "未インストール"},
    "addin_written": {"en": "{field}", "ja": "{field}"},
    "addin_installed": {"en": "installed {field}", "ja": "インストールしました: {field}"},
    "addin_removed": {"en": "removed {field}", "ja": "削除しました: {field}"},
    "addin_was_absent": {"en": "was not installed", "ja": "インストールされていません"},
    "written_item": {"en": "  written: {field}", "ja": "  書き込み済み: {field}"},
    "not_written_item": {"en": "  not written: {field}", "ja": "  未書き込み: {field}"},
}
MESSAGES.update(CLI_MESSAGES)


def render(code: str, lang: Lang, params: Mapping[str, Any]) -> str:
    """Format message ``code`` in ``lang`` (falling back to English).

    A parameter given as a :class:`Text` (or, until workbook/template/ and report/ use
    ``Text``, a ``{"en": ..., "ja": ...}`` dict) is itself localised.
    """
    templates = MESSAGES[code]
    template = templates.get(lang, templates["en"])
    local = {k: _shown(v, lang) for k, v in params.items()}
    if "|" in template:
        return _PLURAL.format(template, **local)
    return template.format(**local)


class _Plurals(string.Formatter):
    """``str.format`` plus the catalogue's plurals: ``{n:file|files}``."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            return plural(value, *format_spec.split("|", 1))
        return super().format_field(value, format_spec)


_PLURAL = _Plurals()


def plural(count: Any, one: str, other: str) -> str:
    """English's word for ``count`` things: ``one`` for exactly 1, ``other`` otherwise
    (``0 files``, ``1 file``, ``2 files``)."""
    return one if count == 1 else other


_BLANK = Text("blank", "空欄")


def _shown(value: Any, lang: Lang) -> Any:
    """A parameter as a message shows it: localised, and never ``None`` or ``nan``."""
    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, dict) and "en" in value:
        return value.get(lang, value["en"])
    if value is None or (isinstance(value, float) and value != value):
        return _BLANK(lang)
    return value
