"""Total the group's inventory from its entities and say what is wrong and how much of the
group it touches.

The group's years and scope 2 method are the parent workbook's (``--parent``), else the
most common among the entities. Every entity with a code is a row of the result; one
whose share cannot be known counts 0 % and is listed, never dropped unseen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.group.entity import Entity, Problem
from sbt_xl.group.structure import OPERATIONAL, structure
from sbt_xl.model.findings import Severity
from sbt_xl.model.submission import Period
from sbt_xl.model.vocabulary import PERIODS

COUNTED, WITH_PROBLEMS, NOT_COUNTED = "counted", "counted, with problems", "not counted"
STATUS_JA = {COUNTED: "集計済み", WITH_PROBLEMS: "集計済み（問題あり）", NOT_COUNTED: "未集計"}


@dataclass(frozen=True)
class Row:
    entity: Entity
    share: float
    status: str


@dataclass(frozen=True)
class Group:
    approach: str
    years: dict[str, int | None]
    scope2_method: str | None
    rows: tuple[Row, ...]
    totals: dict[str, Period]
    problems: tuple[Problem, ...]
    missing: tuple[Entity, ...]
    """Files not counted at all (unreadable, no code, a duplicate code)."""
    touched: float
    """Share of the group's base-year emissions (scope 1+2+3) that problems touch."""
    parent: Entity | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)


def _most_common(values: Iterable[object]) -> object | None:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _scale(inv: Period, share: float) -> tuple[float, ...]:
    return (share * (inv.scope1 or 0.0), share * (inv.scope2_location or 0.0),
            share * (inv.scope2_market or 0.0), *(share * (v or 0.0) for v in inv.scope3))


_PERIOD_WORDS = {"base": {"en": "base", "ja": "基準年"},
                 "recent": {"en": "most recent", "ja": "直近年"}}


def _entity_checks(e: Entity, years: dict[str, int | None], method: str | None
                   ) -> list[Problem]:
    out = []
    for p in PERIODS:
        inv = e.period(p)
        if years[p] is not None and inv.year is not None and inv.year != years[p]:
            out.append(Problem(e.file, "group_year", {"entity": e.label,
                                                      "period": _PERIOD_WORDS[p],
                                                      "year": inv.year, "group": years[p]},
                               e.code, e.cell(f"inventory.{p}.year")))
        missing = [s for s, v in (("1", inv.scope1), ("2", inv.scope2(method))) if v is None]
        if all(v is None for v in inv.scope3):
            missing.append("3")
        if missing:
            first = {"1": "scope1", "2": "scope2_location" if method == "location-based"
                     else "scope2_market", "3": "scope3.cat01"}[missing[0]]
            out.append(Problem(e.file, "group_missing_scope", {
                "entity": e.label, "period": _PERIOD_WORDS[p], "scopes": ", ".join(missing)},
                e.code,
                e.cell(f"inventory.{p}.{first}")))
    if method and e.scope2_method and e.scope2_method != method:
        out.append(Problem(e.file, "group_scope2_method", {
            "entity": e.label, "method": e.scope2_method, "group": method}, e.code,
            e.cell("inventory.scope2_method"), Severity.WARNING))
    return out


def consolidate(entities: Iterable[Entity], approach: str | None = None,
                parent: Entity | None = None, *, settings: Entity | None = None) -> Group:
    """The group's totals under ``approach`` (default: the parent's own, else operational
    control) with every problem. ``parent`` is the group's top company, counted with the
    others; ``settings`` is a group workbook that only lends its approach, years and
    scope 2 method (the ribbon consolidates into it)."""
    entities = list(entities)  # one small row per workbook
    if parent is not None and all(e.file != parent.file for e in entities):
        entities.insert(0, parent)
    parent = parent or settings
    approach = approach or (parent.approach if parent and parent.approach else OPERATIONAL)
    readable = [e for e in entities if e.readable]
    years = {p: (parent.period(p).year if parent else None) or
             _most_common(e.period(p).year for e in readable) for p in PERIODS}
    method = (parent.scope2_method if parent else None) or \
        _most_common(e.scope2_method for e in readable)
    s = structure(entities, approach)
    counted_files = {e.file for e in s.counted}
    problems = [p for e in entities for p in e.problems] + list(s.problems)
    for e in s.counted:
        problems += _entity_checks(e, years, method)
    order = {e.file: i for i, e in enumerate(entities)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.where))
    with_problems = {p.file for p in problems if p.severity is Severity.ERROR}
    n = 3 + N_CATEGORIES
    sums = {p: [0.0] * n for p in PERIODS}
    rows, touched, whole = [], 0.0, 0.0
    for e in s.counted:
        share = s.share.get(e.code or "", 0.0)
        for p in PERIODS:
            for i, v in enumerate(_scale(e.period(p), share)):
                sums[p][i] += v
        excluded = share == 0.0 and e.file in with_problems
        weight = e.base.total(method) * (1.0 if excluded else share)
        whole += weight
        if e.file in with_problems:
            touched += weight
        rows.append(Row(e, share, NOT_COUNTED if excluded else
                        WITH_PROBLEMS if e.file in with_problems else COUNTED))
    missing = tuple(e for e in entities if e.file not in counted_files)
    totals = {p: Period(name=p, year=years[p], scope1=v[0], scope2_location=v[1],
                         scope2_market=v[2], scope3=tuple(v[3:]), scope3_status=())
              for p, v in sums.items()}
    counts = {"files": len(entities), "counted": sum(r.status != NOT_COUNTED for r in rows),
              "missing": len(missing) + sum(r.status == NOT_COUNTED for r in rows)}
    return Group(approach, years, method, tuple(rows), totals, tuple(problems), missing,
                 touched / whole if whole else 0.0, parent, counts)
