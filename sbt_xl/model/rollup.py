"""What a group workbook says about its own roll-up, as the reader found it on its
*Entities* and *Problems* sheets: the rules check it (``GROUP-PROBLEMS``) and the report
shows it, neither knowing how a roll-up is made."""

from __future__ import annotations

from dataclasses import dataclass

from sbt_xl.messages import Text

#: The three states a file of a roll-up ends in, by code, as the group workbook shows them.
#: What a share that could not be computed is shown as.
UNKNOWN = Text("unknown", "不明")
STATES: dict[str, Text] = {
    "counted": Text("counted", "集計済み"),
    "counted_with_problems": Text("counted, with problems", "集計済み（問題あり）"),
    "not_counted": Text("not counted", "未集計"),
}


def state_code(shown: object) -> str | None:
    """The state's code from its label in either language (None: not a state)."""
    text = str(shown or "").strip()
    return next((code for code, labels in STATES.items() if text in labels), None)


@dataclass(frozen=True)
class RollUpProblem:
    file: str
    entity: str | None
    cell: str | None
    severity: str
    """``error``, ``warning`` or ``info``."""
    message: str


@dataclass(frozen=True)
class RollUpFile:
    file: str
    code: str | None
    name: str | None
    state: str | None
    reason: str | None


@dataclass(frozen=True)
class RollUp:
    """A group workbook's own account of its roll-up (``touched``: the share of base-year
    scope 1+2 emissions the problems touch; None when the workbook says "unknown")."""

    errors: int
    not_counted: int
    touched: float | None
    touched_scope3: float | None = None
    problems: tuple[RollUpProblem, ...] = ()
    files: tuple[RollUpFile, ...] = ()
    """Every file of the roll-up (read from saved files only; empty from an open book)."""
