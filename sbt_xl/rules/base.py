"""Rules, rule sets and running them: the machinery, with no criteria in it.

A :class:`Rule` is a small function of the submission model that yields :class:`Hit`s;
a :class:`RuleSet` lists rules with their thresholds (``params``), severity and source
document. A new criteria version is :meth:`RuleSet.derive` of an older one: it changes
numbers, drops or adds rules, and never copies a rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from sbt_xl.messages import Text
from sbt_xl.model.findings import Finding, Severity
from sbt_xl.model.submission import Submission


@dataclass(frozen=True)
class Hit:
    """A rule's objection about one field; ``severity`` overrides the rule set's."""

    field: str
    code: str
    # dataclasses.field: the attribute ``field`` above hides the function in this class
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    severity: Severity | None = None


Check = Callable[[Submission, Mapping[str, Any]], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title_en: str, title_ja: str) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``rule_id`` (ids of the criteria doc §3)."""
    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, Text(title_en, title_ja), check)
        return check
    return register


@dataclass(frozen=True)
class Entry:
    """A rule as one criteria version applies it."""

    rule: str
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    source: str = ""


@dataclass(frozen=True)
class RuleSet:
    version: str
    title: str
    entries: tuple[Entry, ...]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(e.rule for e in self.entries)

    def entry(self, rule_id: str) -> Entry:
        return next(e for e in self.entries if e.rule == rule_id)

    def derive(self, version: str, title: str, *, params: Mapping[str, Mapping[str, Any]] = {},
               sources: Mapping[str, str] = {}, drop: Iterable[str] = (),
               add: Iterable[Entry] = ()) -> RuleSet:
        """A later version: new ``params`` (merged per rule), new ``sources``, rules dropped
        or added."""
        dropped = set(drop)
        unknown = (set(params) | set(sources) | dropped) - set(self.rule_ids)
        if unknown:
            raise ValueError(f"{version}: no such rules in {self.version}: {sorted(unknown)}")
        entries = [
            replace(e, params=MappingProxyType({**e.params, **params.get(e.rule, {})}),
                    source=sources.get(e.rule, e.source))
            for e in self.entries if e.rule not in dropped
        ]
        return RuleSet(version, title, (*entries, *add))


def run(ruleset: RuleSet, submission: Submission) -> list[Finding]:
    """Every finding of ``ruleset`` about ``submission``, located at its cells."""
    out = []
    for entry in ruleset.entries:
        for hit in RULES[entry.rule].check(submission, entry.params):
            loc = submission.locations.get(hit.field)
            out.append(Finding(entry.rule, hit.severity or entry.severity, hit.field, hit.code,
                               hit.params, loc.sheet if loc else "", loc.cell if loc else ""))
    return out
