"""The group's structure: which entity counts, and with what share, under each approach.

GHG Protocol Corporate Standard, chapter 3. An entity's share is its parent's share times
its own factor, so chains multiply:

- **equity share**: the factor is the parent's ownership of the entity (30 % of 60 % is 18 %);
- **financial control**: 100 % where the parent has financial control, the equity share
  where it shares joint financial control with partners (a joint venture), else 0 %;
- **operational control**: 100 % where the parent has operational control, else 0 %.

An entity without a parent code is a top company (100 %). Structural problems (a duplicate
code, ownership outside 0–100 %, more than 100 % of one entity held, a parent code that is
not in the set, a cycle) are listed; an entity whose share cannot be known (its own
answers, or an ancestor's, are missing or contradictory) is *not counted* rather than
given a guessed share, and so is a file without a code or with a code already used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sbt_xl.group.entity import Entity, Problem
from sbt_xl.model.vocabulary import APPROACHES as APPROACH_CHOICES

OPERATIONAL, FINANCIAL, EQUITY = APPROACHES = tuple(c.code for c in APPROACH_CHOICES)
#: The short names the command line accepts.
APPROACH_NAMES = {"operational": OPERATIONAL, "financial": FINANCIAL, "equity": EQUITY}


@dataclass(frozen=True)
class Structure:
    share: dict[str, float]
    """Share applied, by entity code (entities counted in the totals)."""
    counted: tuple[Entity, ...]
    """One entity per code, in input order (duplicates left out)."""
    problems: tuple[Problem, ...]
    not_counted: dict[str, Problem] = field(default_factory=dict)
    """Why a file is not counted, by file: no code, a duplicate code, an unknown share
    (its own problem, or its parent's)."""


def _factor(e: Entity, approach: str) -> tuple[float, Problem | None]:
    own = e.ownership
    if approach == EQUITY or (approach == FINANCIAL and e.financial_control == "joint"):
        if own is None:  # the reader's own word when it could not read the share (60 for 60 %)
            said = next((p for p in e.problems if p.field == "entity.ownership"), None)
            return 0.0, said or Problem(e.file, "group_no_ownership", {"entity": e.label},
                                        e.code, e.cell("entity.ownership"))
        return own, None
    flag = e.financial_control if approach == FINANCIAL else e.operational_control
    if flag is None:
        key = "entity.financial_control" if approach == FINANCIAL else \
            "entity.operational_control"
        label = next(c for c in APPROACH_CHOICES if c.code == approach)
        return 0.0, Problem(e.file, "group_no_control", {
            "entity": e.label, "approach": label.label}, e.code,
                            e.cell(key))
    return (1.0 if flag == "yes" else 0.0), None


def _code(e: Entity) -> str:
    """The code of an entity of the structure (those without one never get in)."""
    if not e.code:
        raise ValueError(f"{e.file}: an entity without a code in the group structure")
    return e.code


def structure(entities: Iterable[Entity], approach: str) -> Structure:
    """The share of every readable entity with a code under ``approach``, and the
    problems of the structure."""
    problems: list[Problem] = []
    why: dict[str, Problem] = {}  # file -> why it is not counted
    by_code: dict[str, Entity] = {}
    held: dict[str, dict[str, float]] = defaultdict(dict)  # code -> parent -> ownership
    for e in entities:
        if not e.readable:
            continue
        if not e.code:
            problems.append(Problem(e.file, "group_no_code", {}, None, e.cell("entity.code")))
            why[e.file] = problems[-1]
            continue
        if e.ownership is not None and e.parent:
            held[e.code][e.parent] = e.ownership  # one holding per parent
        if e.code in by_code:
            problems.append(Problem(e.file, "group_duplicate_code",
                                    {"entity": e.code, "other": by_code[e.code].file}, e.code,
                                    e.cell("entity.code")))
            why[e.file] = problems[-1]
            continue
        by_code[e.code] = e
    for code, holders in held.items():
        total = sum(holders.values())
        if total > 1 + 1e-9:
            problems.append(Problem(by_code[code].file, "group_overheld",
                                    {"entity": code, "total": f"{total:.0%}"}, code,
                                    by_code[code].cell("entity.ownership")))
    cycles = _cycles(by_code)
    for cycle in cycles:
        text = " → ".join([*cycle, cycle[0]])
        for c in cycle:
            problems.append(Problem(by_code[c].file, "group_cycle",
                                    {"entity": c, "chain": text}, c,
                                    by_code[c].cell("entity.parent")))
            why[by_code[c].file] = problems[-1]
    share: dict[str, float] = {c: 0.0 for cycle in cycles for c in cycle}
    for code in by_code:
        path, node = [], by_code[code]
        while True:
            if node.code in share:
                result = share[node.code]
                break
            if not node.parent:
                result = share[_code(node)] = 1.0
                break
            path.append(node)
            if node.parent not in by_code:
                problems.append(Problem(node.file, "group_no_parent",
                                        {"entity": node.code, "parent": node.parent},
                                        node.code, node.cell("entity.parent")))
                why[node.file] = problems[-1]
                result = share[_code(node)] = 0.0
                path.pop()
                break
            node = by_code[node.parent]
        for member in reversed(path):
            factor, problem = _factor(member, approach)
            above = by_code[member.parent or ""]
            if problem is not None:
                if problem not in member.problems:  # (the file's own problems are listed)
                    problems.append(problem)
                why[member.file] = problem
            elif above.file in why and member.file not in why:
                why[member.file] = Problem(member.file, "group_parent_not_counted", {
                    "entity": member.code, "parent": above.code}, member.code,
                    member.cell("entity.parent"))
            result = share[_code(member)] = result * factor
    for e in by_code.values():
        if e.file in why:
            share[e.code or ""] = 0.0
    return Structure(share, tuple(by_code.values()), tuple(problems), why)


def _cycles(by_code: dict[str, Entity]) -> list[list[str]]:
    """Each cycle of parent codes once, as the codes along it."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    out = []
    for start in by_code:
        walk, code = [], start
        while code in by_code and state.get(code) is None:
            state[code] = 1
            walk.append(code)
            code = by_code[code].parent or ""
        if state.get(code) == 1:
            out.append(walk[walk.index(code):])
        for c in walk:
            state[c] = 2
    return out
