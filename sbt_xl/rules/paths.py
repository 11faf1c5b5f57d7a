"""AMBITION-S12 and S3-AMBITION-ABS by the 2026 absolute contraction (rule sets whose
entry has ``method: net-zero-paths``): the minimum follows the net-zero paths of the scopes
a target covers, weighted by the inventory's base-year emissions (scope 2 by the method the
inventory reports), counted from its most recent year (:mod:`sbt_xl.core.contraction`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sbt_xl.core.ambition import AMBITION_RATES, reaches, reduction_from_recent
from sbt_xl.core.contraction import Minimum, fixed_rate_minimum, paths_minimum
from sbt_xl.core.criteria import LONG_TERM
from sbt_xl.errors import SbtError
from sbt_xl.messages import Lang, Text, render
from sbt_xl.rules.base import Hit
from sbt_xl.model.submission import Submission, Target


def _pct(x: float) -> str:
    return f"{x * 100:.4g} %"


def covered_by_scope(sub: Submission, t: Target) -> tuple[float, float, float] | None:
    """Base-year emissions of scopes 1, 2 and 3 the target covers (zero: not covered;
    scope 3: its categories when listed); None when a covered scope has no figure."""
    parts = set((t.scope or "").split("+"))
    b = sub.base
    s1 = b.scope1 if "1" in parts else 0.0
    s2 = b.scope2(sub.scope2_method) if "2" in parts else 0.0
    s3 = 0.0
    if "3" in parts:
        cats = [b.scope3[i - 1] for i in t.scope3_categories if 1 <= i <= len(b.scope3)]
        s3 = sum(v or 0.0 for v in cats) if cats else b.scope3_total()
    if s1 is None or s2 is None or s1 + s2 + s3 <= 0:
        return None
    return float(s1), float(s2), float(s3)


def net_zero_year(sub: Submission) -> int | None:
    """The company's net-zero year: the earliest target year of its long-term targets."""
    years = [t.target_year for t in sub.only(LONG_TERM).targets if t.target_year]
    return min(years) if years else None


def minimum_for(sub: Submission, t: Target, p: Mapping[str, Any]) -> Minimum | None:
    """The 2026 minimum of target ``t`` (the floor alone when the inventory gives no split
    by scope); None when its years cannot be used (other rules report them)."""
    by, ty = t.base_year, t.target_year
    if by is None or ty is None:
        return None
    ry = sub.recent.year
    recent = ry if ry is not None and by <= ry < ty else None
    nz = net_zero_year(sub)
    if nz is not None and nz <= (recent or by):
        nz = None
    split = covered_by_scope(sub, t)
    try:
        if split is None:
            return fixed_rate_minimum(by, ty, p["ambition"])
        return paths_minimum(by, ty, *split, p["ambition"], recent, nz,
                             paths=p["paths"], cap=p["cap"])
    except SbtError:
        return None


#: Between the reasons of :func:`why`.
_SEPARATOR = Text("; ", "；")


def why(m: Minimum, t: Target, p: Mapping[str, Any]) -> Text:
    """Why the minimum is what it is, in every language: each covered scope's share and
    path, and the floor or the cap where they set it."""
    floor = AMBITION_RATES[p["ambition"]]
    years, target_year = t.years, t.target_year
    if years is None or target_year is None:
        raise ValueError(f"{t.key('target_year')}: why() of a target without both years")

    def reasons(lang: Lang) -> str:
        if not m.scopes:
            return render("why_no_split", lang, {"floor": _pct(floor)})
        parts = [render("why_scope_path", lang, {
            "scope": s.scope, "share": _pct(float(s.weight)),
            "path": _pct(float(s.path_reduction)), "year": s.net_zero_year})
            for s in m.scopes if s.weight > 0]
        if m.floor_applies:
            spread = float(m.path_rate * (target_year - m.recent_year) / years)
            parts.append(render("why_floor", lang, {"spread": _pct(spread),
                                                    "floor": _pct(floor)}))
        if m.annual_rate * years > p["cap"] + 1e-12:
            parts.append(render("why_cap", lang, {"cap": _pct(p["cap"])}))
        return _SEPARATOR(lang).join(parts)
    return Text.of(reasons)


def path_ambition(sub: Submission, t: Target, p: Mapping[str, Any], code: str
                  ) -> Iterator[Hit]:
    """The stated reduction reaches the 2026 minimum (whole-percent practice, as
    :func:`~sbt_xl.core.ambition.reaches`); from the most recent year, the cut still
    needed reaches the floor (``min_rate``) over the years left, as in ``v5``. (Whether the
    tool asks the path rate from the recent year's emissions is not confirmed: see
    docs/criteria.md.)"""
    if t.reduction is None or t.base_year is None or t.target_year is None \
            or t.target_year <= t.base_year:
        return
    m = minimum_for(sub, t, p)
    if m is None:
        return
    if not reaches(t.reduction, m.reduction, 1):
        yield Hit(t.key("reduction"), code + "_paths", {
            "value": _pct(t.reduction), "base": t.base_year, "target": t.target_year,
            "min": _pct(float(m.reduction)), "rate": _pct(float(m.annual_rate)),
            "why": why(m, t, p)})
        return
    base_e = sub.base.emissions(t.scope or "", sub.scope2_method)
    recent_e = sub.recent.emissions(t.scope or "", sub.scope2_method)
    ry = m.recent_year
    if not (base_e and recent_e) or ry <= t.base_year:
        return
    needed = float(reduction_from_recent(base_e, recent_e, t.reduction))
    if needed > 0 and not reaches(needed, p["min_rate"], t.target_year - ry):
        yield Hit(t.key("reduction"), code + "_recent",
                  {"rate": _pct(float(needed / (t.target_year - ry))),
                   "min": _pct(p["min_rate"]), "recent": ry})
