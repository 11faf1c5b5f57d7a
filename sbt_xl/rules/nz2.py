"""Rules new in the SBTi Corporate Net-Zero Standard V2.0 (``--criteria nz2``).

Each reads its thresholds from its rule-set entry (:mod:`sbt_xl.rules.sets`); what each
rests on, and how certain it is, is in docs/criteria.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sbt_xl.core.criteria import ABSOLUTE, ECONOMIC, PHYSICAL, RENEWABLE
from sbt_xl.core.guards import at_least
from sbt_xl.rules.base import Hit, rule
from sbt_xl.model.findings import Severity
from sbt_xl.rules.flag import is_flag
from sbt_xl.model.submission import Submission, Target
from sbt_xl.model.vocabulary import fields_by_key

P = Mapping[str, Any]
EMISSIONS = (ABSOLUTE, PHYSICAL, ECONOMIC)
#: Scope 3 categories 1-14 (category 15, investments, belongs to the financial standard).
CATEGORIES = range(1, 15)


def _parts(t: Target) -> list[str]:
    return t.scope.split("+") if t.scope else []


def _emission_targets(sub: Submission) -> list[Target]:
    """Rows with an emissions target that are not FLAG targets."""
    return [t for t in sub.targets if t.type in EMISSIONS and not is_flag(t)]


@rule("NZ2-SEPARATE-SCOPES", "One target per scope", "スコープごとの個別目標")
def separate_scopes(sub: Submission, p: P) -> Iterator[Hit]:
    """V2.0 sets scope 1, scope 2 and scope 3 targets separately: a row that combines
    scopes (1+2, 1+2+3) is not accepted. FLAG rows are left to the FLAG rules."""
    for t in _emission_targets(sub):
        if len(_parts(t)) > 1:
            yield Hit(t.key("scope"), "rule_nz2_separate", {"scope": t.scope})


@rule("NZ2-TARGETS", "Near-term targets for scope 1, scope 2 and scope 3",
      "Scope 1・2・3 の短期目標")
def required_targets(sub: Submission, p: P) -> Iterator[Hit]:
    """Scope 1 and scope 2 targets for every company (scope 2: emissions, or a renewable
    / low-carbon electricity target); scope 3 for Category A companies. The template does
    not record the category: an SME is warned, not failed, as it may be Category B."""
    if not sub.targets:
        return
    rows = _emission_targets(sub)
    where = sub.targets[0].key("scope")
    if not any("1" in _parts(t) for t in rows):
        yield Hit(where, "rule_nz2_missing", {"scope": "1"})
    if not any("2" in _parts(t) for t in rows) and \
            not any(t.type == RENEWABLE for t in sub.targets):
        yield Hit(where, "rule_nz2_missing", {"scope": "2"})
    if not any(t.includes_s3 and t.type != RENEWABLE and not is_flag(t)
               for t in sub.targets):
        if sub.get("company.organisation_type") == p.get("category_b_hint"):
            yield Hit(where, "rule_nz2_missing_s3_sme", {}, Severity.WARNING)
        else:
            yield Hit(where, "rule_nz2_missing_s3")


@rule("NZ2-S2-LOCATION", "Scope 2 targets on location-based emissions",
      "Scope 2 目標はロケーション基準")
def scope2_location(sub: Submission, p: P) -> Iterator[Hit]:
    """V2.0 anchors every scope 2 emissions target to location-based scope 2."""
    method = sub.scope2_method
    if method is None or method == p["method"]:
        return
    if any("2" in _parts(t) for t in _emission_targets(sub)):
        choice = fields_by_key()["inventory.scope2_method"].choice(p["method"])
        yield Hit("inventory.scope2_method", "rule_nz2_s2_location",
                  {"method": choice.label if choice else p["method"]})


@rule("NZ2-S3-RELEVANT", "Scope 3 targets cover every relevant category",
      "Scope 3 目標が重要なカテゴリをすべて対象とすること")
def s3_relevant(sub: Submission, p: P) -> Iterator[Hit]:
    """Each scope 3 category (1-14) that is at least ``min_share`` of the base year's
    categories 1-14 is in a scope 3 target."""
    targets = [t for t in sub.targets if t.includes_s3 and t.type != RENEWABLE
               and not is_flag(t)]
    cats = sub.base.scope3
    total = sum(cats[i - 1] or 0.0 for i in CATEGORIES)
    if not targets or total <= 0:
        return
    covered = set().union(*(t.scope3_categories for t in targets))
    for i in CATEGORIES:
        share = (cats[i - 1] or 0.0) / total
        if i not in covered and at_least(share, p["min_share"]):
            yield Hit(targets[0].key("scope3_categories"), "rule_nz2_s3_relevant",
                      {"category": i, "value": f"{share * 100:.4g} %",
                       "min": f"{p['min_share'] * 100:.4g} %"})
