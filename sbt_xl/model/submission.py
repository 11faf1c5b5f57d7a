"""The typed submission model the rules read: values by layout key, and where each was found.

A value is ``None`` when its cell was blank or could not be read (the reader has already
said why). Typed views (:class:`Period`, :class:`Target`) group the keys the rules use.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sbt_xl.core.criteria import NEAR_TERM
from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.model.rollup import RollUp
from sbt_xl.model.vocabulary import (
    N_PROGRESS_ROWS,
    N_TARGETS,
    PERIODS,
    PROGRESS_KEYS,
)


@dataclass(frozen=True)
class Location:
    sheet: str
    cell: str


@dataclass(frozen=True, kw_only=True)
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
        return None if any(v is None for v in values) else float(sum(v or 0.0 for v in values))

    def reported(self, scope: str, method: str | None) -> float | None:
        """A scope's emissions on a Progress row (scope 3 one figure): None unless every
        part is there (a blank scope 3 is not reported yet, not zero)."""
        parts = {"1": self.scope1, "2": self.scope2(method),
                 "3": self.scope3[0] if self.scope3 else None}
        values = [parts[p] for p in scope.split("+")]
        return None if any(v is None for v in values) else float(sum(v or 0.0 for v in values))


@dataclass(frozen=True, kw_only=True)
class Target:
    """One row of the targets table (each attribute but ``n`` is the key suffix it holds)."""

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
            row = self._row(f"inventory.{p}")
            cats = [f"scope3.cat{i:02d}" for i in range(1, N_CATEGORIES + 1)]
            out[p] = Period(name=p, year=row("year"), scope1=row("scope1"),
                            scope2_location=row("scope2_location"),
                            scope2_market=row("scope2_market"),
                            scope3=tuple(row(c) for c in cats),
                            scope3_status=tuple(row(c + "_status") for c in cats))
        return out

    def _row(self, prefix: str) -> Callable[[str], Any]:
        """The values of the keys ``prefix.*`` by their suffix."""
        return lambda suffix: self.values.get(f"{prefix}.{suffix}")

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
            row = self._row(f"progress.{i}")
            if base_year is None or all(row(k) is None for k in PROGRESS_KEYS):
                continue
            out.append((i, base_year + i - 1, Period(
                name="progress", year=base_year + i - 1, scope1=row("scope1"),
                scope2_location=row("scope2_location"), scope2_market=row("scope2_market"),
                scope3=(row("scope3"),), scope3_status=())))
        return out

    @functools.cached_property
    def targets(self) -> tuple[Target, ...]:
        """The targets rows that have a scope or a type (empty rows are skipped)."""
        out = []
        for n in range(1, N_TARGETS + 1):
            row = self._row(f"targets.{n}")
            if row("scope") is None and row("type") is None:
                continue
            if self.term is not None and (row("term") or NEAR_TERM) != self.term:
                continue
            values = {a.name: row(a.name) for a in fields(Target) if a.name != "n"}
            values["scope3_categories"] = frozenset(values["scope3_categories"] or ())
            out.append(Target(n=n, **values))
        return tuple(out)
