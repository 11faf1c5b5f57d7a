"""The catalogue of user-facing messages, one entry per code, in English and Japanese.

Templates use ``str.format`` fields; ``{field}`` is the argument or cell being blamed.
"""

from __future__ import annotations

from typing import Any

LANGS = ("en", "ja")

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
    "flat_sector_pathway": {
        "en": "the {sector} pathway has the same intensity in {base_year} and {last}; "
        "SDA convergence is undefined",
        "ja": "{sector} の経路は {base_year} 年と {last} 年の原単位が同じため、SDA の収束を計算できません",
    },
    "shape_mismatch": {
        "en": "{field} has {value} values but {other} has {count}; give one value or the same number",
        "ja": "{field} の値の数（{value}）が {other} の値の数（{count}）と一致しません。1 つか同数を指定してください",
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
    "internal": {
        "en": "internal error in {field}: {value}",
        "ja": "{field} の内部エラー: {value}",
    },
}


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """Format message ``code`` in ``lang`` (falling back to English).

    A parameter given as ``{"en": ..., "ja": ...}`` is itself localised.
    """
    templates = MESSAGES[code]
    local = {
        k: (v.get(lang, v["en"]) if isinstance(v, dict) and "en" in v else v)
        for k, v in params.items()
    }
    return templates.get(lang, templates["en"]).format(**local)
