"""Total the group's inventory from its entities and say what is wrong and how much of the
group it touches.

The group's years and scope 2 method are the parent workbook's (``--parent``), else the
most common among the entities. Every file found is a row of the result in one
of three states (counted, counted with problems, not counted, with the reason): a file is
never dropped unseen, and what is missing is never counted as touching 0 %.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.group.entity import GROUP_WORKBOOK, Entity, Problem
from sbt_xl.group.structure import OPERATIONAL, structure
from sbt_xl.messages import Text
from sbt_xl.model.findings import Severity
from sbt_xl.model.rollup import STATES, UNKNOWN
from sbt_xl.model.submission import Period
from sbt_xl.model.vocabulary import N_PROGRESS_ROWS, PERIODS, PROGRESS_KEYS
from sbt_xl.workbook.template.layout import fields_by_key

#: The three states a file ends in (JSON and code); :data:`STATE_LABELS` shows them.
COUNTED, WITH_PROBLEMS, NOT_COUNTED = "counted", "counted_with_problems", "not_counted"
STATE_LABELS = {state: STATES[state] for state in (COUNTED, WITH_PROBLEMS, NOT_COUNTED)}
#: A share the roll-up cannot know (an entity's emissions are blank).


@dataclass(frozen=True)
class Row:
    """One file found, in exactly one state."""

    entity: Entity
    share: float
    """Share applied in the group's totals (0 when not counted)."""
    status: str
    reason: Problem | None = None
    """Why it is not counted, or its first problem (None when counted cleanly)."""

    @property
    def counted(self) -> bool:
        return self.status != NOT_COUNTED


@dataclass(frozen=True)
class Group:
    approach: str
    years: dict[str, int | None]
    scope2_method: str | None
    rows: tuple[Row, ...]
    """Every file found, in input order (the parent's first)."""
    totals: dict[str, Period]
    problems: tuple[Problem, ...]
    touched: float | None
    """Share of the group's base-year scope 1+2 emissions that problems touch; None when
    it cannot be known (a file not counted could not be read)."""
    touched_scope3: float | None = None
    """The same for scope 3."""
    parent: Entity | None = None
    parent_values: dict[str, Any] | None = None
    """The parent workbook's own answers (company, targets) when it was given."""
    progress: tuple[tuple[int, tuple[float | None, ...]], ...] = ()
    """(year, figures) of the group's Progress rows: share-weighted sums of the counted
    entities' rows of that year, None where one of them left the figure blank."""

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def missing(self) -> tuple[Row, ...]:
        """The files not counted."""
        return tuple(r for r in self.rows if not r.counted)

    @property
    def counts(self) -> dict[str, int]:
        return {"files": len(self.rows), "counted": sum(r.counted for r in self.rows),
                "missing": sum(not r.counted for r in self.rows)}


H = TypeVar("H", bound=Hashable)


def _most_common(values: Iterable[H | None]) -> H | None:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _scale(inv: Period, share: float) -> tuple[float, ...]:
    return (share * (inv.scope1 or 0.0), share * (inv.scope2_location or 0.0),
            share * (inv.scope2_market or 0.0), *(share * (v or 0.0) for v in inv.scope3))


_PERIOD_WORDS = {"base": Text("base", "基準年"), "recent": Text("most recent", "直近年")}


def _entity_checks(e: Entity, years: dict[str, int | None], method: str | None
                   ) -> list[Problem]:
    out = []
    for p in PERIODS:
        inv = e.period(p)
        if inv.year is None:
            out.append(Problem(e.file, "group_no_year", {"entity": e.label,
                                                         "period": _PERIOD_WORDS[p],
                                                         "group": years[p]},
                               e.code, e.cell(f"inventory.{p}.year")))
        elif years[p] is not None and inv.year != years[p]:
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


def _reported(inv: Period, method: str | None) -> tuple[float | None, float | None]:
    """Base-year scope 1+2 and scope 3 an entity reported (None: nothing there)."""
    s12 = None if inv.scope1 is None and inv.scope2(method) is None else \
        (inv.scope1 or 0.0) + (inv.scope2(method) or 0.0)
    s3 = None if all(v is None for v in inv.scope3) else inv.scope3_total()
    return s12, s3


def touched_shares(rows: Iterable[Row], share_of_code: dict[str, float],
                   method: str | None) -> tuple[float | None, float | None]:
    """The share of the group's base-year scope 1+2 (and scope 3) emissions that problems
    touch. Counted entities weigh their share of what they reported; one not counted weighs
    what it reported times the share its code has (a duplicate), or all of it when that
    share is unknown; when nothing of a touched entity's emissions could be read, None."""
    touched, whole = [0.0, 0.0], [0.0, 0.0]
    known = [True, True]
    for row in rows:
        e = row.entity
        if row.counted:
            weight = row.share
        elif e.code and e.code in share_of_code and row.reason is not None \
                and row.reason.code == "group_duplicate_code":
            weight = share_of_code[e.code]
        else:
            weight = 1.0
        if row.reason is not None and row.reason.code == GROUP_WORKBOOK:
            continue  # the group's own figures, not a return's
        for i, v in enumerate(_reported(e.base, method) if e.readable else (None, None)):
            if v is None:
                if row.status != COUNTED:
                    known[i] = False
                continue
            whole[i] += weight * v
            if row.status != COUNTED:
                touched[i] += weight * v
    return tuple(None if not k else (t / w if w else 0.0)  # type: ignore[return-value]
                 for k, t, w in zip(known, touched, whole))


def consolidate(entities: Iterable[Entity], approach: str | None = None,
                parent: Entity | None = None, *, settings: Entity | None = None,
                parent_values: dict[str, Any] | None = None) -> Group:
    """The group's totals under ``approach`` (default: the parent's own, else operational
    control) with every problem, every file in one state. ``parent`` is the group's top
    company, counted with the others (``parent_values``: its own answers); ``settings`` is
    a group workbook that only lends its approach, years and scope 2 method (the ribbon
    consolidates into it)."""
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
    problems = [p for e in entities for p in e.problems] + list(s.problems)
    counted = [e for e in s.counted if e.file not in s.not_counted]
    for e in counted:
        problems += _entity_checks(e, years, method)
    order = {e.file: i for i, e in enumerate(entities)}
    problems.sort(key=lambda p: (order.get(p.file, -1), p.where))
    first: dict[str, Problem] = {}
    for problem in problems:
        first.setdefault(problem.file, problem)
    counted_files = {e.file for e in counted}
    n = 3 + N_CATEGORIES
    sums = {p: [0.0] * n for p in PERIODS}
    rows = []
    for e in entities:
        if e.file not in counted_files:
            why = e.problems[0] if not e.readable else s.not_counted.get(e.file)
            rows.append(Row(e, 0.0, NOT_COUNTED, why or first.get(e.file)))
            continue
        share = s.share.get(e.code or "", 0.0)
        for p in PERIODS:
            for i, v in enumerate(_scale(e.period(p), share)):
                sums[p][i] += v
        rows.append(Row(e, share, WITH_PROBLEMS if e.file in first else COUNTED,
                        first.get(e.file)))
    totals = {p: Period(name=p, year=years[p], scope1=v[0], scope2_location=v[1],
                         scope2_market=v[2], scope3=tuple(v[3:]), scope3_status=())
              for p, v in sums.items()}
    s12, s3 = touched_shares(rows, s.share, method)
    progress, gaps = roll_up_progress(rows, years["base"])
    problems += gaps
    problems.sort(key=lambda p: (order.get(p.file, -1), p.where))
    return Group(approach, years, method, tuple(rows), totals, tuple(problems), s12, s3,
                 parent, parent_values, progress)


def roll_up_progress(rows: Iterable[Row], base_year: int | None
                     ) -> tuple[tuple[tuple[int, tuple[float | None, ...]], ...], list[Problem]]:
    """The group's Progress rows from the counted entities' (the same shares as the
    inventory), and a warning per entity that left a figure blank which others reported:
    that figure of that year is blank in the group, never a partial sum."""
    if base_year is None:
        return (), []
    members = [r for r in rows if r.counted and r.share > 0]
    by_entity = [(r, dict(r.entity.progress)) for r in members]
    years = sorted({y for _, rep in by_entity for y in rep
                    if base_year <= y < base_year + N_PROGRESS_ROWS})
    out: list[tuple[int, tuple[float | None, ...]]] = []
    missing: dict[str, list[int]] = defaultdict(list)
    for y in years:
        figures: list[float | None] = []
        for k in range(len(PROGRESS_KEYS)):
            values = [(r, (rep.get(y) or (None,) * len(PROGRESS_KEYS))[k])
                      for r, rep in by_entity]
            if all(v is None for _, v in values):
                figures.append(None)
                continue
            lacking = [r for r, v in values if v is None]
            for r in lacking:
                if y not in missing[r.entity.file]:
                    missing[r.entity.file].append(y)
            figures.append(None if lacking
                           else sum(r.share * v for r, v in values if v is not None))
        out.append((y, tuple(figures)))
    gaps = []
    for r in members:
        gap = missing.get(r.entity.file)
        if not gap:
            continue
        e = r.entity
        i = gap[0] - (e.base.year or base_year) + 1
        where = ""
        if 1 <= i <= N_PROGRESS_ROWS:
            f = fields_by_key()[f"progress.{i}.{PROGRESS_KEYS[0]}"]
            where = f"'{f.sheet}'!{f.cell}"
        gaps.append(Problem(e.file, "group_progress_gap", {
            "entity": e.label, "years": ", ".join(map(str, gap))}, e.code, where,
            Severity.WARNING))
    return tuple(out), gaps
