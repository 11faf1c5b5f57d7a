"""The rules, one small function each, registered under the ids of the criteria doc §3.

Thresholds never appear here: each rule reads them from ``p`` (its rule-set entry's
params, see :mod:`sbt_xl.rules.sets`). A rule says nothing about a value the reader could
not read (the reader has already reported it) or a field ``INPUT-REQUIRED`` reports blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sbt_xl.core import scope3 as s3
from sbt_xl.core.ambition import (
    AMBITION_RATES,
    class_minimum,
    classify,
    reaches,
    reduction_from_recent,
    weaker,
)
from sbt_xl.core.contraction import NET_ZERO_PATHS
from sbt_xl.core.criteria import (
    ABSOLUTE,
    ECONOMIC,
    ENGAGEMENT,
    LONG_TERM,
    PHYSICAL,
    RENEWABLE,
)
from sbt_xl.core.guards import at_least
from sbt_xl.core.pathway import on_track
from sbt_xl.core.sda import sda_target
from sbt_xl.core.sectors import SECTORS
from sbt_xl.errors import SbtError
from sbt_xl.messages import Text
from sbt_xl.model.findings import Severity
from sbt_xl.model.roles import required as required_in
from sbt_xl.model.submission import Submission, Target
from sbt_xl.model.vocabulary import FIELDS, fields_by_key
from sbt_xl.rules.base import Check, Hit, rule
from sbt_xl.rules.flag import is_flag
from sbt_xl.rules.paths import path_ambition

P = Mapping[str, Any]
INTENSITY = (PHYSICAL, ECONOMIC)
S12_SCOPES = ("1", "2", "1+2")


def pct(x: float) -> str:
    return f"{x * 100:.4g} %"


def _submission_year(sub: Submission) -> int | None:
    d = sub.submission_date
    return d.year if d else None


def _is_s12_only(t: Target) -> bool:
    return t.scope in S12_SCOPES


def _blank(sub: Submission, key: str) -> bool:
    """Found in the workbook, and blank (not unreadable: the reader reported that)."""
    return sub.get(key) is None and key in sub.locations and key not in sub.unreadable


# --- generic completeness --------------------------------------------------------------

_REQUIRED_BY_TYPE = {
    ABSOLUTE: ("scope", "base_year", "target_year", "reduction", "coverage"),
    PHYSICAL: ("scope", "base_year", "target_year", "reduction", "coverage", "intensity_unit",
               "base_activity", "target_activity"),
    ECONOMIC: ("scope", "base_year", "target_year", "reduction", "coverage", "intensity_unit",
               "base_activity", "target_activity"),
    ENGAGEMENT: ("scope", "target_year", "coverage"),
    RENEWABLE: ("target_year", "re_target_share"),
}


@rule("INPUT-REQUIRED", "Required fields are filled in", "必須項目の入力")
def required(sub: Submission, p: P) -> Iterator[Hit]:
    for f in FIELDS:
        if required_in(sub.role, f.key, f.required) and _blank(sub, f.key):
            yield Hit(f.key, "rule_required")
    for t in sub.targets:
        needed = _REQUIRED_BY_TYPE.get(t.type or "", ("type",))
        for suffix in needed:
            if getattr(t, suffix) in (None, frozenset()) and _blank(sub, t.key(suffix)):
                yield Hit(t.key(suffix), "rule_required")
        if t.includes_s3 and t.type != RENEWABLE and not t.scope3_categories:
            yield Hit(t.key("scope3_categories"), "rule_required")


# --- boundary and inventory ----------------------------------------------------------------

@rule("BOUNDARY", "Company-wide boundary with a consolidation approach",
      "連結アプローチによる全社バウンダリ")
def boundary(sub: Submission, p: P) -> Iterator[Hit]:
    if sub.get("boundary.approach") is None and "boundary.approach" in sub.locations:
        yield Hit("boundary.approach", "rule_boundary")


@rule("COVERAGE-S12", "Scope 1+2 coverage of the boundary and the targets",
      "Scope 1+2 のバウンダリと目標の対象範囲")
def coverage_s12(sub: Submission, p: P) -> Iterator[Hit]:
    excluded = sub.get("boundary.excluded_share")
    if excluded is not None:
        if not at_least(1 - excluded, p["min_coverage"]):
            yield Hit("boundary.excluded_share", "rule_excluded_too_much",
                      {"value": pct(excluded), "max": pct(1 - p["min_coverage"])})
        if excluded > 0 and not sub.get("boundary.exclusion_reason"):
            yield Hit("boundary.exclusion_reason", "rule_exclusion_reason",
                      {"value": pct(excluded)})
    for t in sub.targets:
        if t.includes_s12 and t.type in (ABSOLUTE, *INTENSITY) and t.coverage is not None \
                and not at_least(t.coverage, p["min_coverage"]):
            yield Hit(t.key("coverage"), "rule_target_coverage_s12",
                      {"value": pct(t.coverage), "min": pct(p["min_coverage"])})


@rule("S2-METHOD", "One scope 2 method, with its figures", "Scope 2 算定方法の一貫性")
def scope2_method(sub: Submission, p: P) -> Iterator[Hit]:
    method = sub.scope2_method
    if method is None:
        if "inventory.scope2_method" in sub.locations:
            yield Hit("inventory.scope2_method", "rule_scope2_method")
        return
    item = "scope2_location" if method == "location-based" else "scope2_market"
    for period in sub.periods.values():
        if period.scope2(method) is None:
            yield Hit(f"inventory.{period.name}.{item}", "rule_scope2_missing",
                      {"method": method})


# --- years ---------------------------------------------------------------------------------

@rule("BASE-YEAR", "Base year", "基準年")
def base_year(sub: Submission, p: P) -> Iterator[Hit]:
    year = _submission_year(sub)
    keyed = [("inventory.base.year", sub.base.year)]
    keyed += [(t.key("base_year"), t.base_year) for t in sub.targets if t.base_year is not None]
    for key, by in keyed:
        if by is None:
            continue
        if year is not None and by > year:
            yield Hit(key, "rule_base_year_future", {"value": by, "year": year})
        elif p.get("earliest") is not None and by < p["earliest"]:
            yield Hit(key, "rule_base_year_early", {"value": by, "earliest": p["earliest"]})
    inv = sub.base.year
    for t in sub.targets:
        if inv is not None and t.base_year is not None and t.base_year != inv \
                and t.type in (ABSOLUTE, *INTENSITY):
            yield Hit(t.key("base_year"), "rule_base_year_no_inventory",
                      {"value": t.base_year, "inventory": inv}, Severity.WARNING)


@rule("RECENT-YEAR", "Most recent inventory year", "直近の排出量の年")
def recent_year(sub: Submission, p: P) -> Iterator[Hit]:
    year, recent = _submission_year(sub), sub.recent.year
    if recent is None:
        return
    if sub.base.year is not None and recent < sub.base.year:
        yield Hit("inventory.recent.year", "rule_recent_before_base",
                  {"value": recent, "base": sub.base.year})
    elif year is not None and year - recent > p["max_age"]:
        yield Hit("inventory.recent.year", "rule_recent_too_old",
                  {"value": recent, "year": year, "max": p["max_age"]})


@rule("TARGET-YEAR", "Target year window", "目標年の範囲")
def target_year(sub: Submission, p: P) -> Iterator[Hit]:
    submitted = sub.submission_date
    for t in sub.targets:
        if t.target_year is None or t.type not in (ABSOLUTE, *INTENSITY):
            continue
        latest = p.get("latest")
        if p.get("latest_power") is not None and sub.get("company.sector") == "power":
            latest = p["latest_power"]  # the power sector reaches net-zero by 2040
        if latest is not None and t.target_year > latest:
            yield Hit(t.key("target_year"), "rule_target_year_late",
                      {"value": t.target_year, "latest": latest})
        if submitted is None or p.get("min_years") is None:
            continue
        year = submitted.year
        if p.get("half_year"):
            first = _first_counted_year(submitted)
            low, high = first + p["min_years"] - 1, first + p["max_years"] - 1
            if not low <= t.target_year <= high:
                half = _HALVES[submitted.month > 6]
                code = "rule_target_year_one" if low == high else "rule_target_year_half"
                yield Hit(t.key("target_year"), code,
                          {"value": t.target_year, "first": low, "last": high, "half": half,
                           "year": year, "start": first, "min": p["min_years"],
                           "max": p["max_years"]})
            continue
        span = t.target_year - year
        if not p["min_years"] <= span <= p["max_years"]:
            yield Hit(t.key("target_year"), "rule_target_year_window",
                      {"value": t.target_year, "years": span, "year": year,
                       "min": p["min_years"], "max": p["max_years"]})


#: The half of the year a submission falls in (January–June, July–December).
_HALVES = (Text("H1", "上半期"), Text("H2", "下半期"))


def _first_counted_year(submitted: dt.date) -> int:
    """C13 counts the timeframe by submission half-year: submitted by the end of June, the
    submission year is year 1; from July, the next year is."""
    return submitted.year if submitted.month <= 6 else submitted.year + 1


# --- ambition ------------------------------------------------------------------------------

def _span(t: Target, p: P) -> tuple[int | None, int | None]:
    """(first year the ambition is measured from, years to the target): the base year, or
    the rule set's ``anchor`` year when the base year is later (C18: scope 3 from 2020)."""
    if t.base_year is None or t.target_year is None:
        return None, None
    start = min(t.base_year, p["anchor"]) if p.get("anchor") else t.base_year
    return start, t.target_year - start


def _absolute_ambition(sub: Submission, t: Target, p: P, code: str) -> Iterator[Hit]:
    """The stated reduction reaches the minimum class (criteria doc §1, with the SBTi's
    whole-percent practice, :func:`~sbt_xl.core.ambition.reaches`) from the base year, or
    its anchor, and from the recent year; or the total reduction (``min_reduction``)."""
    start, years = _span(t, p)
    if t.reduction is None or years is None or t.years is None or t.years <= 0:
        return
    if p.get("min_reduction") is not None:
        if not at_least(t.reduction, p["min_reduction"]):
            yield Hit(t.key("reduction"), code + "_total",
                      {"value": pct(t.reduction), "min": pct(p["min_reduction"])})
        return
    if p.get("method") == NET_ZERO_PATHS:  # the 2026 absolute contraction
        yield from path_ambition(sub, t, p, code)
        return
    minimum = _min_rate(sub, p)
    if years <= 0 or not reaches(t.reduction, minimum, years):
        params = {"rate": pct(t.reduction / max(years, 1)), "min": pct(minimum),
                  "value": pct(t.reduction), "years": years,
                  "needed": pct(float(class_minimum(minimum, max(years, 1))))}
        if start != t.base_year:
            yield Hit(t.key("reduction"), code + "_anchored",
                      {**params, "base": t.base_year, "anchor": start, "target": t.target_year})
        else:
            yield Hit(t.key("reduction"), code, params)
        return
    base_e = sub.base.emissions(t.scope or "", sub.scope2_method)
    recent_e = sub.recent.emissions(t.scope or "", sub.scope2_method)
    ry = sub.recent.year
    if not (base_e and recent_e and ry and t.base_year and t.target_year) \
            or ry <= t.base_year or ry >= t.target_year:
        return
    needed = float(reduction_from_recent(base_e, recent_e, t.reduction))
    recent_rate = needed / (t.target_year - ry)
    if needed > 0 and not reaches(needed, minimum, t.target_year - ry):
        yield Hit(t.key("reduction"), code + "_recent",
                  {"rate": pct(recent_rate), "min": pct(minimum), "recent": ry})


def _min_rate(sub: Submission, p: P) -> float:
    legacy = p.get("legacy")  # (cut-off date, rate accepted before it)
    d = sub.submission_date
    rate: float = legacy[1] if legacy and d is not None and d < legacy[0] else p["min_rate"]
    return rate


@rule("ALREADY-MET", "Target not already met", "達成済みの目標でないこと")
def already_met(sub: Submission, p: P) -> Iterator[Hit]:
    ry = sub.recent.year
    for t in sub.targets:
        if t.type != ABSOLUTE or t.reduction is None or t.base_year is None or ry is None \
                or ry <= t.base_year or is_flag(t):  # FLAG: not the scope's emissions
            continue
        base_e = sub.base.emissions(t.scope or "", sub.scope2_method)
        recent_e = sub.recent.emissions(t.scope or "", sub.scope2_method)
        if base_e and recent_e is not None and recent_e <= base_e * (1 - t.reduction):
            yield Hit(t.key("reduction"), "rule_already_met",
                      {"value": pct(t.reduction), "recent": ry,
                       "achieved": pct(1 - recent_e / base_e)})


@rule("AMBITION-S12", "Scope 1+2 absolute ambition", "Scope 1+2 総量目標の水準")
def ambition_s12(sub: Submission, p: P) -> Iterator[Hit]:
    for t in sub.targets:
        if _is_s12_only(t) and t.type == ABSOLUTE and not is_flag(t):  # FLAG: FLAG-AMBITION
            yield from _absolute_ambition(sub, t, p, "rule_ambition_s12")


@rule("REC-1.5C", "1.5 °C ambition recommended", "1.5℃ 水準の推奨")
def recommend_15c(sub: Submission, p: P) -> Iterator[Hit]:
    for t in sub.targets:
        if _is_s12_only(t) and t.type == ABSOLUTE and not is_flag(t) \
                and t.reduction is not None and t.years and t.years > 0 \
                and not reaches(t.reduction, p["rate"], t.years):
            yield Hit(t.key("reduction"), "rule_recommend_15c",
                      {"rate": pct(t.reduction / t.years), "min": pct(p["rate"])})


def _implied_absolute(t: Target) -> float | None:
    """The absolute reduction an intensity target implies with its activity forecast."""
    reduction, base, target = t.reduction, t.base_activity, t.target_activity
    if reduction is None or base is None or target is None or not base:
        return None
    return 1 - (1 - reduction) * target / base


def _sda_hit(sub: Submission, t: Target) -> Hit | Literal[False] | None:
    """Compare a physical intensity target with the SDA pathway of the company's sector.

    Returns a Hit when it falls short, None when it meets it, False when SDA does not apply.
    """
    code = sub.get("company.sector")
    sector = next((s.id for s in SECTORS if s.id == code and s.missing_reason is None), None)
    base_e = sub.base.emissions(t.scope or "", sub.scope2_method)
    by, ty, target_activity, reduction = t.base_year, t.target_year, t.target_activity, \
        t.reduction
    if sector is None or t.type != PHYSICAL or not base_e or not t.base_activity \
            or by is None or ty is None or target_activity is None or reduction is None:
        return False
    base_intensity = base_e / t.base_activity
    try:
        sda, _ = sda_target(sector, by, base_intensity, t.base_activity,
                            ty, target_activity)
    except SbtError as exc:
        return Hit(t.key("target_year"), "rule_sda_unavailable", {"reason": Text.of(exc.message)})
    target_intensity = base_intensity * (1 - reduction)
    if target_intensity > float(sda) * (1 + 1e-9):
        return Hit(t.key("reduction"), "rule_sda_short",
                   {"value": f"{target_intensity:.4g}", "sda": f"{float(sda):.4g}",
                    "sector": _sector_label(sector), "year": t.target_year})
    return None


def _sector_label(sector_id: str) -> Text:
    return next(s.label for s in SECTORS if s.id == sector_id)


@rule("INTENSITY-S12", "Scope 1+2 intensity targets: SDA or absolute-equivalent",
      "Scope 1+2 原単位目標: SDA または総量換算")
def intensity_s12(sub: Submission, p: P) -> Iterator[Hit]:
    for t in sub.targets:
        if not (_is_s12_only(t) and t.type in INTENSITY) or not t.years or t.years <= 0 \
                or is_flag(t):
            continue
        sda = _sda_hit(sub, t)
        if sda is not False:
            if sda is not None:
                yield sda
            continue
        implied = _implied_absolute(t)
        if implied is None:
            continue
        if p.get("min_reduction") is not None:
            ok, minimum, shown = at_least(implied, p["min_reduction"]), p["min_reduction"], implied
        else:
            minimum = _min_rate(sub, p)
            shown = implied / t.years
            ok = bool(reaches(implied, minimum, t.years))
        if not ok:
            yield Hit(t.key("reduction"), "rule_intensity_s12",
                      {"implied": pct(implied), "rate": pct(shown), "min": pct(minimum)})


@rule("COMBINED", "Combined scope 1+2+3 targets", "Scope 1+2+3 統合目標")
def combined(sub: Submission, p: P) -> Iterator[Hit]:
    has_s12 = any(_is_s12_only(t) and t.type in (ABSOLUTE, *INTENSITY) for t in sub.targets)
    for t in sub.targets:
        if t.scope == "1+2+3" and not has_s12:
            yield Hit(t.key("scope"), "rule_combined")


@rule("RE-PROCUREMENT", "Renewable electricity procurement targets", "再生可能電力調達目標")
def re_procurement(sub: Submission, p: P) -> Iterator[Hit]:
    milestones = p["milestones"]  # ((year, share), ...) ascending
    for t in sub.targets:
        if t.type != RENEWABLE or t.target_year is None or t.re_target_share is None:
            continue
        due = next((share for year, share in milestones if t.target_year <= year), None)
        if due is None:
            yield Hit(t.key("target_year"), "rule_re_late",
                      {"value": t.target_year, "latest": milestones[-1][0]})
        elif not at_least(t.re_target_share, due):
            yield Hit(t.key("re_target_share"), "rule_re_share",
                      {"value": pct(t.re_target_share), "min": pct(due), "year": t.target_year})


# --- scope 3 -------------------------------------------------------------------------------

@rule("S3-SCREENING", "Scope 3 categories screened", "Scope 3 カテゴリのスクリーニング")
def s3_screening(sub: Submission, p: P) -> Iterator[Hit]:
    for period in sub.periods.values():
        for i, (value, status) in enumerate(zip(period.scope3, period.scope3_status), start=1):
            key = f"inventory.{period.name}.scope3.cat{i:02d}"
            if status is None and _blank(sub, key + "_status"):
                yield Hit(key + "_status", "rule_s3_status", {"cat": i})
            elif status == "relevant" and value is None:
                yield Hit(key, "rule_s3_relevant_blank", {"cat": i})


def _s3_targets(sub: Submission) -> list[Target]:
    return [t for t in sub.targets if t.includes_s3 and t.type != RENEWABLE]


def _s3_share(sub: Submission) -> float | None:
    b = sub.base
    s2 = b.scope2(sub.scope2_method)
    if b.scope1 is None or s2 is None:
        return None
    if b.scope1 + s2 + b.scope3_total() <= 0:
        return None
    return float(s3.scope3_share(b.scope1, s2, b.scope3_total()))


@rule("S3-TRIGGER", "Scope 3 target when scope 3 is material", "Scope 3 が大きい場合の Scope 3 目標")
def s3_trigger(sub: Submission, p: P) -> Iterator[Hit]:
    if _s3_targets(sub):
        return
    share = _s3_share(sub)
    if p["trigger"] is None:
        yield Hit("targets.1.scope", "rule_s3_always")
    elif share is not None and at_least(share, p["trigger"]):
        yield Hit("targets.1.scope", "rule_s3_trigger",
                  {"share": pct(share), "trigger": pct(p["trigger"])})


@rule("S3-FOSSIL", "Use-of-sold-products target for fossil fuel sellers",
      "化石燃料販売企業の「販売した製品の使用」目標")
def s3_fossil(sub: Submission, p: P) -> Iterator[Hit]:
    if sub.get("boundary.fossil_fuel_sales") != "yes":
        return
    covering = [t for t in _s3_targets(sub) if 11 in t.scope3_categories]
    if not covering:
        yield Hit("boundary.fossil_fuel_sales", "rule_s3_fossil")
        return
    if p.get("min_rate") is None:  # v4: a category 11 target of any kind
        return
    # C22: an absolute target at the given ambition; engagement targets do not count.
    absolute = [t for t in covering if t.type == ABSOLUTE]
    if not absolute:
        yield Hit(covering[0].key("type"), "rule_fossil_c22_type")
        return
    for t in absolute:
        start, years = _span(t, p)
        if t.reduction is not None and years and years > 0 \
                and not reaches(t.reduction, p["min_rate"], years):
            yield Hit(t.key("reduction"), "rule_fossil_c22_ambition",
                      {"value": pct(t.reduction), "years": years, "min": pct(p["min_rate"]),
                       "needed": pct(float(class_minimum(p["min_rate"], years)))})


@rule("NET-ZERO", "Long-term targets of a net-zero commitment", "ネットゼロ誓約の長期目標")
def net_zero(sub: Submission, p: P) -> Iterator[Hit]:
    """A net-zero commitment needs long-term scope 1+2 and scope 3 targets (their levels
    are the other rules of the long-term set) and a statement that residual emissions
    will be neutralised."""
    committed = sub.get("commitments.net_zero") == "yes"
    rows_commit = p.get("rows_commit", True)  # nz2: long-term rows alone commit to nothing
    if not committed and not (rows_commit and sub.term == LONG_TERM and sub.targets):
        return
    where = "commitments.net_zero" if "commitments.net_zero" in sub.locations \
        else sub.targets[0].key("term")
    if not any(t.includes_s12 and t.type in (ABSOLUTE, *INTENSITY) for t in sub.targets):
        yield Hit(where, "rule_net_zero_s12")
    if not any(t.type in (ABSOLUTE, *INTENSITY) for t in _s3_targets(sub)):
        yield Hit(where, "rule_net_zero_s3")
    if "commitments.neutralisation" in sub.locations \
            and sub.get("commitments.neutralisation") != "yes" \
            and "commitments.neutralisation" not in sub.unreadable:
        yield Hit("commitments.neutralisation", "rule_neutralisation")


@rule("S3-EXCLUSIONS", "Scope 3 exclusions within the limit", "Scope 3 除外の上限")
def s3_exclusions(sub: Submission, p: P) -> Iterator[Hit]:
    """C5: categories marked excluded, at their estimates, at most ``max_share`` of scope 3."""
    period = sub.base
    excluded = [i for i, status in enumerate(period.scope3_status) if status == "excluded"]
    for i in excluded:
        if period.scope3[i] is None:
            key = f"inventory.base.scope3.cat{i + 1:02d}"
            if key not in sub.unreadable:
                yield Hit(key, "rule_s3_excluded_estimate", {"category": i + 1},
                          Severity.WARNING)
    total = period.scope3_total()
    share = sum(period.scope3[i] or 0.0 for i in excluded) / total if total else 0.0
    if excluded and share > p["max_share"] + 1e-12:
        yield Hit(f"inventory.base.scope3.cat{excluded[0] + 1:02d}_status",
                  "rule_s3_excluded_share",
                  {"value": pct(share), "max": pct(p["max_share"]),
                   "categories": ", ".join(str(i + 1) for i in excluded)})


@rule("FOSSIL-COMPANY", "Fossil-fuel companies cannot be validated", "化石燃料企業の対象外")
def fossil_company(sub: Submission, p: P) -> Iterator[Hit]:
    """C23: exploration or extraction of fossil fuels, or a revenue share at the limit."""
    if sub.get("company.fossil_extraction") == "yes":
        yield Hit("company.fossil_extraction", "rule_fossil_extraction")
    share = sub.get("company.fossil_revenue_share")
    if share is not None and at_least(share, p["max_revenue_share"]):
        yield Hit("company.fossil_revenue_share", "rule_fossil_revenue",
                  {"value": pct(share), "max": pct(p["max_revenue_share"])})


@rule("FLAG", "FLAG target where land emissions are significant", "FLAG 目標の要否")
def flag(sub: Submission, p: P) -> Iterator[Hit]:
    """SBTi FLAG guidance: a FLAG-designated sector, or FLAG emissions at least
    ``trigger`` of scope 1+2+3, needs a FLAG target."""
    if any(t.flag == "yes" for t in sub.targets):
        return
    if sub.get("company.flag_sector") == "yes":
        yield Hit("company.flag_sector", "rule_flag_sector")
        return
    land = sub.get("inventory.base.flag")
    total = sub.base.emissions("1+2+3", sub.scope2_method)
    if land is not None and total and at_least(land / total, p["trigger"]):
        yield Hit("inventory.base.flag", "rule_flag_share",
                  {"value": pct(land / total), "min": pct(p["trigger"])})


@rule("RECALC-THRESHOLD", "Base-year recalculation threshold", "基準年再計算の閾値")
def recalc_threshold(sub: Submission, p: P) -> Iterator[Hit]:
    threshold = sub.get("commitments.recalc_threshold")
    if threshold is not None and threshold > p["max_threshold"] + 1e-12:
        yield Hit("commitments.recalc_threshold", "rule_recalc_threshold",
                  {"value": pct(threshold), "max": pct(p["max_threshold"])})


@rule("S3-COVERAGE", "Scope 3 targets cover enough of scope 3", "Scope 3 目標の対象範囲")
def s3_coverage(sub: Submission, p: P) -> Iterator[Hit]:
    targets = _s3_targets(sub)
    cats = [v or 0.0 for v in sub.base.scope3]
    if not targets or sum(cats) <= 0:
        return
    covered = [[(t.coverage if t.coverage is not None else 1.0) if i in t.scope3_categories
                else 0.0 for i in range(1, s3.N_CATEGORIES + 1)] for t in targets]
    share = float(s3.scope3_coverage(cats, covered))
    if not at_least(share, p["min_coverage"]):
        yield Hit(targets[0].key("scope3_categories"), "rule_s3_coverage",
                  {"value": pct(share), "min": pct(p["min_coverage"])})


@rule("S3-AMBITION-ABS", "Scope 3 absolute ambition", "Scope 3 総量目標の水準")
def s3_ambition_abs(sub: Submission, p: P) -> Iterator[Hit]:
    for t in _s3_targets(sub):
        if t.type == ABSOLUTE and not is_flag(t):  # FLAG rows: FLAG-AMBITION
            yield from _absolute_ambition(sub, t, p, "rule_ambition_s3")


def _yoy(t: Target) -> float | None:
    """The year-on-year (compound) reduction rate of an intensity target."""
    if t.reduction is None or not t.years or t.years <= 0:
        return None
    rate: float = 1 - max(0.0, 1 - t.reduction) ** (1 / t.years)  # a real: the base is >= 0
    return rate


@rule("S3-AMBITION-ECON", "Scope 3 economic intensity ambition", "Scope 3 経済原単位目標の水準")
def s3_ambition_econ(sub: Submission, p: P) -> Iterator[Hit]:
    for t in _s3_targets(sub):
        yoy = _yoy(t) if t.type == ECONOMIC and not is_flag(t) else None
        if yoy is not None and not at_least(yoy, p["min_yoy"]):
            yield Hit(t.key("reduction"), "rule_s3_econ", {"rate": pct(yoy),
                                                           "min": pct(p["min_yoy"])})


@rule("S3-AMBITION-PHYS", "Scope 3 physical intensity ambition", "Scope 3 物量原単位目標の水準")
def s3_ambition_phys(sub: Submission, p: P) -> Iterator[Hit]:
    for t in _s3_targets(sub):
        if t.type != PHYSICAL or t.reduction is None or not t.years or t.years <= 0 \
                or is_flag(t):  # FLAG commodity pathways are not public
            continue
        if p.get("min_yoy") is not None:  # v5: 7 %/yr year on year, or the SDA pathway
            if _sda_hit(sub, t) is None:
                continue
            yoy = _yoy(t)
            if yoy is not None and not at_least(yoy, p["min_yoy"]):
                yield Hit(t.key("reduction"), "rule_s3_phys_yoy",
                          {"rate": pct(yoy), "min": pct(p["min_yoy"])})
            continue
        rate = t.reduction / t.years
        if not at_least(rate, p["min_rate"]):
            yield Hit(t.key("reduction"), "rule_s3_phys_linear",
                      {"rate": pct(rate), "min": pct(p["min_rate"])})
        implied = _implied_absolute(t)
        if implied is not None and implied < 0:
            yield Hit(t.key("target_activity"), "rule_s3_phys_increase",
                      {"implied": pct(-implied)})


@rule("S3-ENGAGEMENT", "Supplier/customer engagement targets", "サプライヤー・顧客エンゲージメント目標")
def s3_engagement(sub: Submission, p: P) -> Iterator[Hit]:
    year = _submission_year(sub)
    for t in sub.targets:
        if t.type != ENGAGEMENT:
            continue
        if year is not None and t.target_year is not None and t.target_year - year > p["max_years"]:
            yield Hit(t.key("target_year"), "rule_engagement_late",
                      {"value": t.target_year, "years": t.target_year - year,
                       "max": p["max_years"]})
        if t.coverage is not None and t.coverage <= 0:
            yield Hit(t.key("coverage"), "rule_engagement_coverage")


# --- answers the criteria refuse ---------------------------------------------------------

#: rule id, titles, field, the answer that breaks the rule, message code
REFUSED_ANSWERS = (
    ("BIOENERGY", "Bioenergy emissions and removals reported", "バイオエネルギーの報告",
     "boundary.bioenergy", "no", "rule_bioenergy"),
    ("OFFSETS", "Credits and avoided emissions do not count", "クレジット・削減貢献量の不算入",
     "commitments.offsets", "yes", "rule_offsets"),
    ("REPORTING", "Annual disclosure", "毎年の開示",
     "commitments.annual_reporting", "no", "rule_reporting"),
    ("RECALC", "Review and recalculation every 5 years", "5 年ごとの見直し・再計算",
     "commitments.recalculation", "no", "rule_recalc"),
    ("GASES", "All seven Kyoto gases in the inventory", "京都議定書 7 ガスの算定",
     "boundary.gases_all", "no", "rule_gases"),
)


def _refused(key: str, answer: str, code: str) -> Check:
    def check(sub: Submission, p: P) -> Iterator[Hit]:
        if sub.get(key) == answer:
            yield Hit(key, code)
    return check


for _id, _en, _ja, _key, _answer, _code in REFUSED_ANSWERS:
    rule(_id, _en, _ja)(_refused(_key, _answer, _code))


# --- the SBTi form's per-target details (layout 3) --------------------------------------

#: The target types each method of the SBTi form sets (SDA: an intensity pathway, or
#: the absolute target it converts to).
METHOD_TYPES: dict[str, tuple[str, ...]] = {
    "absolute contraction": (ABSOLUTE,),
    "SDA": (PHYSICAL, ABSOLUTE),
    "economic intensity": (ECONOMIC,),
    "physical intensity": (PHYSICAL,),
    "supplier engagement": (ENGAGEMENT,),
    "renewable electricity": (RENEWABLE,),
}


def _label(key: str, code: str | None) -> Text | str | None:
    """A dropdown value in both languages, for a message."""
    f = fields_by_key().get(key)
    c = f.choice(code) if f is not None and code is not None else None
    return c.label if c else code


@rule("TARGET-METHOD", "Method matches the target type", "設定手法と目標の種類の一致")
def target_method(sub: Submission, p: P) -> Iterator[Hit]:
    sda_sectors = {s.id for s in SECTORS}
    for t in sub.targets:
        if t.method is None:
            continue
        if t.type is not None and t.type not in METHOD_TYPES.get(t.method, (t.type,)):
            yield Hit(t.key("method"), "rule_target_method",
                      {"method": _label(t.key("method"), t.method),
                       "type": _label(t.key("type"), t.type)})
        elif t.method == "SDA" and sub.get("company.sector") not in sda_sectors:
            yield Hit(t.key("method"), "rule_target_method_sda",
                      {"sector": _label("company.sector", sub.get("company.sector"))})


def _reached_class(t: Target) -> tuple[str, float] | None:
    """(class, reduction): the class a target's stated reduction (for intensity: the
    absolute reduction it implies) reaches over its years, by the SBTi's whole-percent
    practice; None where it cannot be said."""
    reduction = t.reduction if t.type == ABSOLUTE else \
        _implied_absolute(t) if t.type in INTENSITY else None
    if reduction is None or not t.years or t.years <= 0:
        return None
    return str(classify(reduction, t.years)), reduction


@rule("AMBITION-CLAIM", "The ambition claimed is reached", "申請する水準の達成")
def ambition_claim(sub: Submission, p: P) -> Iterator[Hit]:
    for t in sub.targets:
        if t.method == "SDA" or _sda_hit(sub, t) is not False or is_flag(t):
            continue  # judged against a sector's pathway (INTENSITY-S12, FLAG-AMBITION)
        claimed = t.ambition
        reached = _reached_class(t) if claimed in AMBITION_RATES else None
        if reached is not None and claimed is not None \
                and weaker(reached[0], claimed) != claimed:
            yield Hit(t.key("ambition"), "rule_ambition_claim",
                      {"claimed": _label(t.key("ambition"), t.ambition),
                       "reached": _label(t.key("ambition"), reached[0]) or reached[0],
                       "value": pct(reached[1]), "years": t.years})


def _covered_expected(sub: Submission, t: Target) -> float | None:
    """Base-year emissions the target's scope, categories and coverage take in."""
    share = t.coverage if t.coverage is not None else 1.0
    if t.scope == "3" and t.scope3_categories:
        cats = sub.base.scope3
        return share * sum(cats[i - 1] or 0.0 for i in t.scope3_categories
                           if 1 <= i <= len(cats))
    whole = sub.base.emissions(t.scope or "", sub.scope2_method) if t.scope else None
    return None if whole is None else share * whole


@rule("COVERED-EMISSIONS", "Covered base-year emissions agree with the inventory",
      "対象基準年排出量と排出量の整合")
def covered_emissions(sub: Submission, p: P) -> Iterator[Hit]:
    for t in sub.targets:
        if t.covered_base_emissions is None or t.type in (ENGAGEMENT, RENEWABLE) \
                or is_flag(t):  # FLAG emissions are a part of the scope's, not split by scope
            continue
        expected = _covered_expected(sub, t)
        if expected is None or expected <= 0:
            continue
        if abs(t.covered_base_emissions - expected) > p["tolerance"] * expected:
            yield Hit(t.key("covered_base_emissions"), "rule_covered_emissions",
                      {"value": f"{t.covered_base_emissions:,.0f}",
                       "expected": f"{expected:,.0f}", "tolerance": pct(p["tolerance"])})


# --- progress against the targets (C25) ----------------------------------------------------

_PROGRESS_FIELD = {"1": "scope1", "2": "scope2_market", "3": "scope3"}


@dataclass(frozen=True)
class Tracked:
    """A target :func:`tracked_targets` keeps, with the figures its pathway needs (none
    blank): ``base_emissions`` are the inventory's base-year emissions of its scope."""

    n: int
    scope: str
    base_year: int
    target_year: int
    reduction: float
    base_emissions: float


def tracked_targets(sub: Submission) -> list[Tracked]:
    """The targets the Progress sheet draws a pathway for: absolute ones whose base year
    is the inventory's, with base-year emissions of their scope."""
    out = []
    for t in sub.targets:
        by, ty, reduction = t.base_year, t.target_year, t.reduction
        if t.type != ABSOLUTE or not t.scope or reduction is None or by is None \
                or by != sub.base.year or ty is None or ty <= by:
            continue
        e0 = sub.base.emissions(t.scope, sub.scope2_method)
        if e0:
            out.append(Tracked(n=t.n, scope=t.scope, base_year=by, target_year=ty,
                               reduction=reduction, base_emissions=e0))
    return out


@rule("PROGRESS", "Latest reported year on the target's pathway", "直近の報告年の進捗")
def progress(sub: Submission, p: P) -> Iterator[Hit]:
    rows = sub.progress()
    method = sub.scope2_method
    for t in tracked_targets(sub):
        e0 = t.base_emissions
        reported = [(i, year, v) for i, year, period in rows
                    if year >= t.base_year
                    and (v := period.reported(t.scope, method)) is not None]
        if not reported:
            continue
        i, year, actual = reported[-1]
        ok, gap = on_track(e0, t.base_year, t.target_year, t.reduction, year, actual)
        if not ok:
            first = t.scope.split("+")[0]
            column = "scope2_location" if first == "2" and method == "location-based" \
                else _PROGRESS_FIELD[first]
            yield Hit(f"progress.{i}.{column}", "rule_progress", {
                "n": t.n, "year": year, "actual": f"{actual:,.0f}",
                "allowed": f"{actual - float(gap):,.0f}", "gap": f"{float(gap):,.0f}",
                "share": pct(float(gap) / (actual - float(gap)))})
