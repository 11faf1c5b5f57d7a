"""FLAG (forest, land and agriculture) targets: their ambition and coverage.

A row marked ``FLAG target: yes`` is judged here, against the FLAG sector pathway, and not
by the energy and industry ambition rules (``AMBITION-S12``, ``S3-AMBITION-ABS`` …). The
numbers are rule-set parameters (:mod:`sbt_xl.rules.sets`); the evidence is in
docs/criteria.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sbt_xl.core.ambition import class_minimum, reaches
from sbt_xl.core.criteria import ABSOLUTE
from sbt_xl.core.guards import at_least
from sbt_xl.messages import Text
from sbt_xl.rules.base import Hit, rule
from sbt_xl.model.submission import Submission, Target

P = Mapping[str, Any]
_PART = {"s12": Text("scope 1 and 2", "Scope 1・2"), "s3": Text("scope 3", "Scope 3")}


def is_flag(t: Target) -> bool:
    """A row the company marked as a FLAG target."""
    return t.flag == "yes"


def _pct(x: float) -> str:
    return f"{x * 100:.4g} %"


@rule("FLAG-AMBITION", "FLAG targets follow the FLAG sector pathway",
      "FLAG 目標の水準（FLAG セクター経路）")
def flag_ambition(sub: Submission, p: P) -> Iterator[Hit]:
    """Near-term (``rate``): an absolute FLAG target reaches the sector pathway's linear
    rate, counted from ``anchor`` when the base year is later (the FLAG tool's pathway
    starts in 2020), by the SBTi's whole-percent practice. Long-term (``min_reduction``):
    at least that reduction, by ``latest`` at the latest. Intensity (commodity) FLAG
    targets are not judged: their pathways are not public."""
    for t in sub.targets:
        if not is_flag(t) or t.type != ABSOLUTE or t.reduction is None \
                or t.base_year is None or t.target_year is None:
            continue
        if p.get("min_reduction") is not None:
            if not at_least(t.reduction, p["min_reduction"]):
                yield Hit(t.key("reduction"), "rule_flag_long_term",
                          {"value": _pct(t.reduction), "min": _pct(p["min_reduction"]),
                           "latest": p["latest"]})
            if p.get("latest") is not None and t.target_year > p["latest"]:
                yield Hit(t.key("target_year"), "rule_flag_long_term_year",
                          {"value": t.target_year, "latest": p["latest"]})
            continue
        start = min(t.base_year, p["anchor"]) if p.get("anchor") else t.base_year
        years = t.target_year - start
        if years <= 0:
            continue
        if not reaches(t.reduction, p["rate"], years):
            yield Hit(t.key("reduction"), "rule_flag_ambition",
                      {"value": _pct(t.reduction), "years": years, "start": start,
                       "target": t.target_year, "rate": _pct(t.reduction / years),
                       "min": _pct(p["rate"]),
                       "needed": _pct(float(class_minimum(p["rate"], years)))})


@rule("FLAG-COVERAGE", "FLAG targets cover enough of the FLAG emissions",
      "FLAG 目標の対象範囲")
def flag_coverage(sub: Submission, p: P) -> Iterator[Hit]:
    """A FLAG row's coverage (share of the FLAG emissions of its scopes): at least
    ``min_coverage`` for scope 1 and 2, ``min_coverage_s3`` for scope 3. A row covering
    scope 3 with scope 1 or 2 is held to the scope 3 share: the template has one coverage
    figure per row and cannot tell the parts apart."""
    for t in sub.targets:
        if not is_flag(t) or t.coverage is None or t.scope is None:
            continue
        part = "s3" if t.includes_s3 else "s12"
        minimum = p["min_coverage_s3"] if part == "s3" else p["min_coverage"]
        if not at_least(t.coverage, minimum):
            yield Hit(t.key("coverage"), "rule_flag_coverage",
                      {"value": _pct(t.coverage), "min": _pct(minimum), "part": _PART[part]})
