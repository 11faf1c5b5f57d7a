"""The one declarative spec of every Excel formula: name, arguments, help, options.

xlwings' decorators are applied from this spec (see :func:`decorate`), so what Excel's
function wizard shows and what the tests check come from the same records.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sbt_xl.messages import Lang, Text

CATEGORY = "SBT"
#: Excel's MacroOptions cuts descriptions at 255 characters.
MAX_HELP = 255

#: Every argument is read with errors as text ("#N/A"; without it xlwings turns an error
#: cell into None and it would look blank) and as a 2-D list, so that a column and a row
#: stay apart and results can broadcast and spill in the inputs' shape (one cell: [[v]]).
RANGE = MappingProxyType({"err_to_str": True, "ndim": 2})
#: Function options: no recalculation while the function wizard is open (a column of
#: 10,000 rows would recompute on every keystroke there), and not volatile (recalculated
#: only when an input changes).
FUNCTION_OPTIONS = MappingProxyType({"call_in_wizard": False, "volatile": False})


@dataclass(frozen=True)
class Arg:
    name: str
    help_en: str
    help_ja: str
    optional: bool = False
    options: Mapping[str, Any] = field(default_factory=lambda: RANGE)

    @property
    def help(self) -> Text:
        """The function wizard's help for the argument: ``arg.help(lang)``."""
        return Text(self.help_en, self.help_ja)


@dataclass(frozen=True)
class Formula:
    name: str
    help_en: str
    help_ja: str
    args: tuple[Arg, ...]
    category: str = CATEGORY
    ret: Mapping[str, Any] = field(default_factory=dict)

    @property
    def help(self) -> Text:
        """The function wizard's help for the formula: ``formula.help(lang)``."""
        return Text(self.help_en, self.help_ja)


_BASE_YEAR = Arg("base_year", "Base year of the target, e.g. 2020", "目標の基準年（例: 2020）")
_TARGET_YEAR = Arg("target_year", "Target year, after the base year, e.g. 2030",
                   "目標年。基準年より後（例: 2030）")
_REDUCTION = Arg("reduction", "Reduction from base year to target year, as a share: 42% or 0.42",
                 "基準年から目標年までの削減率（42% または 0.42）")
_SCOPES = (
    Arg("scope1", "Scope 1 emissions (tCO2e); one cell or a column of companies",
        "Scope 1 排出量（tCO2e）。1 セル、または企業ごとの列"),
    Arg("scope2", "Scope 2 emissions (tCO2e); one cell or a column of companies",
        "Scope 2 排出量（tCO2e）。1 セル、または企業ごとの列"),
    Arg("scope3", "Scope 3 total, or the 15 category cells (blanks count as zero)",
        "Scope 3 合計、またはカテゴリ 1〜15 の 15 セル（空欄は 0）"),
)

_AS_OF = Arg("as_of", "Date whose method applies (default today): before 2026-04-14 the fixed "
             "rate; from then the 2026 net-zero paths, judged here by their floor (the fixed "
             "rate)", "適用する手法の基準日（既定は今日）。2026-04-14 より前は固定率、以降は 2026 年の"
             "ネットゼロ経路（ここではその下限＝固定率で判定）", optional=True)

FORMULAS: tuple[Formula, ...] = (
    Formula(
        "SBT_PATHWAY",
        "Absolute contraction pathway E0*max(0, 1-rate*(y-base_year)): spills year | emissions "
        "to the target year, or the values in at_year. A column of companies with a row of "
        "years in at_year spills a grid.",
        "総量削減経路 E0×max(0, 1−削減率×(y−基準年))。基準年〜目標年の 年 | 排出量 を出力。"
        "at_year 指定時はその年の値。企業の列と年の行を指定すると表で出力。",
        (
            Arg("base_emissions", "Base-year emissions (tCO2e), not negative; a cell or a "
                "column of companies", "基準年の排出量（tCO2e）。負の値は不可。1 セルまたは企業の列"),
            _BASE_YEAR,
            _TARGET_YEAR,
            Arg("ambition", "1.5C (4.2%/yr, default), WB2C (2.5%/yr), 2C (1.23%/yr) or a rate "
                "such as 4.2%", "1.5C（年 4.2%、既定）、WB2C（年 2.5%）、2C（年 1.23%）または 4.2% "
                "のような年率", optional=True),
            Arg("at_year", "Optional: the emissions in this year, or in a row of years",
                "省略可: この年（または年の行）の排出量を返す", optional=True),
            _AS_OF,
        ),
    ),
    Formula(
        "SBT_SDA_INTENSITY",
        "SDA target intensity (Krabbe et al. 2015) from the shipped sector pathway; a range of "
        "target years (with matching activities) gives a column.",
        "SDA（部門別脱炭素化アプローチ）による目標年の原単位。目標年を範囲で指定すると列で返す。",
        (
            Arg("sector", "power, iron_steel, cement, aluminium or services_buildings",
                "power（電力）、iron_steel（鉄鋼）、cement（セメント）、aluminium（アルミ）、"
                "services_buildings（商業ビル）"),
            _BASE_YEAR,
            Arg("base_intensity", "Company intensity in the base year, in the sector's unit "
                "(e.g. tCO2e/t cement)", "基準年の自社原単位（セクターの単位、例: tCO2e/t）"),
            Arg("base_activity", "Company activity in the base year (e.g. t cement, MWh, m2)",
                "基準年の自社活動量（例: t、MWh、m2）"),
            Arg("target_year", "Target year, or a range of years", "目標年、または年の範囲"),
            Arg("target_activity", "Company activity in the target year(s); one value or one "
                "per year", "目標年の自社活動量。1 つ、または年ごと"),
            Arg("scenario", "Pathway scenario; default OECM-1.5C",
                "経路シナリオ。既定は OECM-1.5C", optional=True),
        ),
    ),
    Formula(
        "SBT_SCOPE3_SHARE",
        "Scope 3 share of scope 1+2+3 emissions. scope3 may be the 15 category cells.",
        "Scope 1+2+3 に占める Scope 3 の割合。scope3 にはカテゴリ 1〜15 の 15 セルも指定可。",
        _SCOPES,
    ),
    Formula(
        "SBT_SCOPE3_REQUIRED",
        "TRUE when a scope 3 target is required (rule S3-TRIGGER: scope 3 >= 40% of the "
        "total in v4/v5; always for nz1 and nz2).",
        "Scope 3 目標が必要なら TRUE（S3-TRIGGER: v4/v5 は Scope 3 が合計の 40% 以上、nz1・nz2 は常に）。",
        (*_SCOPES,
         Arg("criteria", "Criteria version: v4, v5 (default), nz1 or nz2",
             "基準バージョン: v4、v5（既定）、nz1、nz2", optional=True)),
    ),
    Formula(
        "SBT_ANNUAL_RATE",
        "Linear annual reduction rate of a target: reduction / (target_year - base_year).",
        "目標の年あたり線形削減率: 削減率 ÷（目標年 − 基準年）",
        (_BASE_YEAR, _TARGET_YEAR, _REDUCTION),
    ),
    Formula(
        "SBT_AMBITION",
        "Ambition a target reaches (1.5C, WB2C, 2C, below 2C): reduction >= rate x years, or "
        "that minimum rounded to a whole percent (SBTi practice). With the recent year, the "
        "weaker of both counts.",
        "目標が達する水準（1.5C、WB2C、2C、below 2C）。削減率が 年率×年数、またはそれを整数 % に"
        "丸めた値以上なら達成（SBTi の運用）。直近年を指定すると両方で判定し低い方を返す。",
        (
            _BASE_YEAR,
            _TARGET_YEAR,
            _REDUCTION,
            Arg("recent_year", "Most recent inventory year (optional)",
                "直近の排出量算定年（省略可）", optional=True),
            Arg("recent_reduction", "Reduction still needed from the recent year to the "
                "target, as a share of recent-year emissions", "直近年から目標までに必要な削減率"
                "（直近年排出量に対する割合）", optional=True),
            _AS_OF,
        ),
    ),
)

FORMULAS += (
    Formula(
        "SBT_TARGET_TEXT",
        "The target as the SBTi publishes it: '... commits to reduce absolute scope 1 and 2 "
        "GHG emissions 42% by 2030 from a 2020 base year.' lang ja gives a Japanese rendering.",
        "SBTi が公表する形式の目標文（例: … commits to reduce absolute scope 1 and 2 GHG "
        "emissions 42% by 2030 from a 2020 base year.）。lang に ja で日本語。",
        (
            Arg("company", "Company name", "会社名"),
            Arg("scope", "Scope: 1, 2, 1+2, 3 or 1+2+3", "スコープ: 1、2、1+2、3、1+2+3"),
            Arg("type", "absolute (default), physical intensity, economic intensity, "
                "supplier/customer engagement or renewable electricity",
                "absolute（既定）、physical intensity、economic intensity、"
                "supplier/customer engagement、renewable electricity"),
            _REDUCTION,
            _BASE_YEAR,
            _TARGET_YEAR,
            Arg("per", "Intensity denominator, e.g. tonne of cement (intensity targets)",
                "原単位の分母（例: tonne of cement）", optional=True),
            Arg("lang", "en (default) or ja", "en（既定）または ja", optional=True),
        ),
    ),
)

FORMULAS += (
    Formula(
        "SBT_ON_TRACK",
        "TRUE when actual emissions in a year are at or below the target's straight line "
        "from base-year emissions to base x (1 - reduction) in the target year.",
        "ある年の実績排出量が、基準年排出量から目標年の 基準年×(1−削減率) へ結ぶ直線以下なら TRUE。",
        (
            Arg("base_emissions", "Base-year emissions (tCO2e)", "基準年の排出量（tCO2e）"),
            _BASE_YEAR,
            _TARGET_YEAR,
            _REDUCTION,
            Arg("year", "The reporting year, e.g. 2025", "報告年（例: 2025）"),
            Arg("actual", "Actual emissions in that year (tCO2e)", "その年の実績排出量（tCO2e）"),
        ),
    ),
)

FORMULAS += (
    Formula(
        "SBT_MIN_REDUCTION",
        "Minimum reduction of an absolute target by the method in force on as_of: from "
        "2026-04-14 each scope's net-zero path (S1 -90% by 2050, S2 -100% by 2040, S3 -90%/-75%) "
        "weighted by emissions, floor 4.2%/2.5% a year, cap 90%; before, the fixed rate.",
        "総量目標の最低削減率（as_of 時点の手法）。2026-04-14 以降はスコープ別ネットゼロ経路"
        "（S1 2050 年 90%、S2 2040 年 100%、S3 90%/75%）を排出量で加重、下限 年 4.2%/2.5%、上限 90%。"
        "それより前は固定率。",
        (
            _BASE_YEAR,
            _TARGET_YEAR,
            Arg("scope1", "Scope 1 emissions the target covers (tCO2e); blank or 0: not covered",
                "目標が対象とする Scope 1 排出量（tCO2e）。空欄・0 は対象外"),
            Arg("scope2", "Scope 2 emissions the target covers (tCO2e), by the method the "
                "inventory reports; blank or 0: not covered",
                "目標が対象とする Scope 2 排出量（tCO2e、算定方法は排出量表のとおり）。空欄・0 は対象外"),
            Arg("scope3", "Scope 3 emissions the target covers (tCO2e); blank or 0: not covered",
                "目標が対象とする Scope 3 排出量（tCO2e）。空欄・0 は対象外"),
            Arg("ambition", "1.5C (default) or WB2C", "1.5C（既定）または WB2C", optional=True),
            Arg("recent_year", "Most recent inventory year (default: the base year)",
                "直近の排出量算定年（既定は基準年）", optional=True),
            Arg("net_zero_year", "The company's net-zero year, if before 2050",
                "自社のネットゼロ目標年（2050 年より前の場合）", optional=True),
            Arg("as_of", "Date whose method applies (default today): the 2026 method from "
                "2026-04-14, the fixed rate before", "適用する手法の基準日（既定は今日）。"
                "2026-04-14 以降は 2026 年の手法、それより前は固定率", optional=True),
        ),
    ),
)

FORMULAS_BY_NAME: dict[str, Formula] = {f.name: f for f in FORMULAS}


def decorate(
    impl: Callable[..., Any],
    formula: Formula,
    func: Callable[..., Any],
    arg: Callable[..., Any],
    ret: Callable[..., Any],
    lang: Lang = "en",
) -> Callable[..., Any]:
    """A copy of ``impl`` registered with xlwings' ``func``/``arg``/``ret`` from ``formula``.

    The decorators are parameters so that tests can pass the Windows ones
    (``xlwings.udfs.xlfunc`` …) and inspect what Excel would register.
    """

    @functools.wraps(impl)
    def udf(*args: Any) -> Any:
        return impl(*args)

    udf.__name__ = udf.__qualname__ = formula.name
    udf.__doc__ = formula.help(lang)
    for a in reversed(formula.args):
        udf = arg(a.name, doc=a.help(lang), **a.options)(udf)
    if formula.ret:
        udf = ret(**formula.ret)(udf)
    return func(category=formula.category, **FUNCTION_OPTIONS)(udf)
