"""Findings: what the reader and the rules say about a submission, in en or ja."""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as _field
from enum import Enum
from typing import Any

from sbt_xl.messages import Lang, render
from sbt_xl.model import cells
from sbt_xl.model.vocabulary import fields_by_key


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def symbol(self) -> str:
        return {"error": "✖", "warning": "⚠", "info": "ℹ"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


OK_SYMBOL = "✔"


@dataclass(frozen=True)
class Finding:
    """One finding about one field (``field`` is a layout key such as ``targets.1.reduction``).

    ``sheet`` and ``cell`` say where the field was found in the workbook (filled in by the
    validator from the reader's locations; empty for a field whose name is missing).
    """

    rule: str
    severity: Severity
    field: str
    code: str
    params: dict[str, Any] = _field(default_factory=dict)
    sheet: str = ""
    cell: str = ""
    standard: str = ""
    """The criteria version that raised it (set by the validator)."""

    def message(self, lang: Lang = "en") -> str:
        """The message in ``lang``, naming the field by its label (its key if unknown)."""
        f = fields_by_key().get(self.field)
        label = f.label if f else self.field
        return render(self.code, lang, {**self.params, "field": label})

    def at(self, sheet: str, cell: str) -> Finding:
        return replace(self, sheet=sheet, cell=cell)

    @property
    def address(self) -> str:
        """``'Sheet'!C5``, or empty when the field was not found."""
        return f"'{self.sheet}'!{self.cell}" if self.sheet and self.cell else ""

    def as_dict(self, lang: Lang = "en", file: str | None = None) -> dict[str, Any]:
        out = {"rule": self.rule, "severity": self.severity.value, "field": self.field,
               "cell": self.address, "message": self.message(lang),
               "criteria": self.standard}
        return {"file": file, **out} if file is not None else out


def sort_key(f: Finding) -> tuple[str, tuple[int, int], int, str, str]:
    return (f.sheet, cells.index(f.cell) if f.cell else (-1, -1), f.severity.rank, f.rule,
            f.field)


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(f.severity is severity for f in findings)
