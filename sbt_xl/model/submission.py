"""The typed submission model the rules read: values by layout key, and where each was found.

A value is ``None`` when its cell was blank or could not be read (the reader has already
said why). Typed views (:class:`Period`, :class:`Target`) group the keys the rules use.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import Any

from sbt_xl.core.criteria import NEAR_TERM
from sbt_xl.model.rollup import RollUp
from sbt_xl.model.vocabulary import (
    N_CATEGORIES,
    N_PROGRESS_ROWS,
    N_TARGETS,
    PERIODS,
    PROGRESS_KEYS,
)


@dataclass(frozen=True)
class Location:
    sheet: str
    cell: str


@dataclass(frozen=True)
class Period:
    """One inventory year (``base`` or ``recent``)."""

    name: str
    year: int | None
    scope1: float | None
    scope2_location: float | None
    scope2_market: float | None
    scope3: tuple[float | None, ...]
    scope3_status: tuple[str | None, ...]

    def scope2(self, method: str | None) -> float | None:
        return self.scope2_location if method == "location-based" else self.scope2_market

    def scope3_total(self) -> float:
        return sum(v or 0.0 for v in self.scope3)

    def total(self, method: str | None) -> float:
        """Scope 1 + 2 (``method``) + 3, blanks as zero."""
        return (self.scope1 or 0.0) + (self.scope2(method) or 0.0) + self.scope3_total()

    def emissions(self, scope: str, method: str | None) -> float | None:
        """Emissions of a target scope (``"1"``, ``"1+2"``, ``"1+2+3"`` …); None if unknown."""
        parts = {"1": self.scope1, "2": self.scope2(method), "3": self.scope3_total()}
        values = [parts[p] for p in scope.split("+")]
        return None if any(v is None for v in values) else float(sum(values))

    def reported(self, scope: str, method: str | None) -> float | None:
        """A scope's emissions on a Progress row (scope 3 one figure): None unless every
        part is there (a blank scope 3 is not reported yet, not zero)."""
        parts = {"1": self.scope1, "2": self.scope2(method),
                 "3": self.scope3[0] if self.scope3 else None}
        values = [parts[p] for p in scope.split("+")]
        return None if any(v is None for v in values) else float(sum(values))


@dataclass(frozen=True)
class Target:
    """One row of the targets table."""

    n: int
    scope: str | None
    type: str | None
    base_year: int | None
    target_year: int | None
    reduction: float | None
    coverage: float | None
    scope3_categories: frozenset[int]
    intensity_unit: str | None
    base_activity: float | None
    target_activity: float | None
    re_base_share: float | None
    re_target_share: float | None
    term: str | None = None
    flag: str | None = None
    id: str | None = None
    method: str | None = None
    ambition: str | None = None
    """The ambition class the company claims (``1.5C``, ``WB2C``, ``2C``)."""
    covered_base_emissions: float | None = None

    def key(self, suffix: str) -> str:
        return f"targets.{self.n}.{suffix}"

    @property
    def includes_s12(self) -> bool:
        return self.scope is not None and ("1" in self.scope.split("+")
                                           or "2" in self.scope.split("+"))

    @property
    def includes_s3(self) -> bool:
        return self.scope is not None and "3" in self.scope.split("+")

    @property
    def years(self) -> int | None:
        if self.base_year is None or self.target_year is None:
            return None
        return self.target_year - self.base_year


@dataclass(frozen=True)
class Submission:
    values: dict[str, Any]
    locations: dict[str, Location] = field(default_factory=dict)
    unreadable: frozenset[str] = frozenset()
    """Keys whose cell held something the reader could not use (already reported)."""
    term: str | None = None
    """Which targets :attr:`targets` lists: all (None), ``near-term`` (rows so marked or
    unmarked) or ``long-term``."""
    rollup: RollUp | None = None
    """A group workbook's account of its roll-up (its Entities and Problems sheets)."""
    role: str | None = None
    """The template's role: ``company``, ``subsidiary`` or ``group`` (None: company)."""

    def only(self, term: str) -> Submission:
        """The same submission seen through its ``term`` targets only."""
        return replace(self, term=term)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    @property
    def submission_date(self) -> dt.date | None:
        return self.values.get("submission.date")

    @property
    def scope2_method(self) -> str | None:
        return self.values.get("inventory.scope2_method")

    @functools.cached_property
    def periods(self) -> dict[str, Period]:
        out = {}
        for p in PERIODS:
            g = lambda k, p=p: self.values.get(f"inventory.{p}.{k}")  # noqa: E731
            cats = [f"scope3.cat{i:02d}" for i in range(1, N_CATEGORIES + 1)]
            out[p] = Period(p, g("year"), g("scope1"), g("scope2_location"), g("scope2_market"),
                            tuple(g(c) for c in cats), tuple(g(c + "_status") for c in cats))
        return out

    @property
    def base(self) -> Period:
        return self.periods["base"]

    @property
    def recent(self) -> Period:
        return self.periods["recent"]

    def progress(self) -> list[tuple[int, int, Period]]:
        """(row, year, reported emissions) of the Progress table's rows with any figure;
        row ``i`` is the inventory's base year + i − 1."""
        out = []
        base_year = self.base.year
        for i in range(1, N_PROGRESS_ROWS + 1):
            g = lambda k, i=i: self.values.get(f"progress.{i}.{k}")  # noqa: E731
            if base_year is None or all(g(k) is None for k in PROGRESS_KEYS):
                continue
            out.append((i, base_year + i - 1, Period(
                "progress", base_year + i - 1, g("scope1"), g("scope2_location"),
                g("scope2_market"), (g("scope3"),), ())))
        return out

    @functools.cached_property
    def targets(self) -> tuple[Target, ...]:
        """The targets rows that have a scope or a type (empty rows are skipped)."""
        out = []
        for n in range(1, N_TARGETS + 1):
            g = lambda k, n=n: self.values.get(f"targets.{n}.{k}")  # noqa: E731
            if g("scope") is None and g("type") is None:
                continue
            if self.term is not None and (g("term") or NEAR_TERM) != self.term:
                continue
            out.append(Target(n, g("scope"), g("type"), g("base_year"), g("target_year"),
                              g("reduction"), g("coverage"),
                              frozenset(g("scope3_categories") or ()), g("intensity_unit"),
                              g("base_activity"), g("target_activity"), g("re_base_share"),
                              g("re_target_share"), g("term"), g("flag"), g("id"),
                              g("method"), g("ambition"), g("covered_base_emissions")))
        return tuple(out)
