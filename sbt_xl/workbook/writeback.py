"""Write findings back into a workbook: one writer, two back ends (openpyxl and xlwings).

What sbt-xl owns in a workbook, and rewrites on every run (so re-running is idempotent):
the check cells (defined names ``SBT_check_*``), notes whose text starts with
:data:`NOTE_TAG`, the verdict values beside the verdict block (``SBT_verdict``) and the
``Findings`` sheet. Nothing else is written: a cell the user typed is never touched, and a
note the user wrote is never replaced (the finding then stays in the check cell).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sbt_xl.rules.findings import OK_SYMBOL, Finding, Severity, count, sort_key
from sbt_xl.rules.model import Submission
from sbt_xl.workbook import cells
from sbt_xl.workbook.layout import (
    FIELDS,
    FINDINGS_HEADERS,
    FINDINGS_SHEET,
    VERDICT_NAME,
    VERDICT_ROWS,
    Field,
)

NOTE_TAG = "[sbt-xl]"
#: Fill colours (RGB) of check cells by outcome.
COLORS: dict[str, tuple[int, int, int]] = {
    "error": (248, 203, 173), "warning": (255, 230, 153), "info": (221, 235, 247),
    "ok": (198, 239, 206),
}


class Book(Protocol):
    """The few operations the writer needs from a workbook."""

    def resolve(self, name: str) -> tuple[str, str] | None:
        """Defined name → (sheet, cell), or None when missing or broken."""

    def set_check(self, sheet: str, cell: str, text: str | None, color: str | None) -> None:
        """Write a check cell's text and fill (None clears both)."""

    def note(self, sheet: str, cell: str) -> str | None:
        """The text of the cell's note, if any."""

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        """Replace (or with None delete) the cell's note."""

    def replace_sheet(self, name: str, rows: Sequence[Sequence[Any]],
                      widths: Sequence[float]) -> None:
        """(Re)create sheet ``name`` as the last sheet, holding ``rows`` from A1."""

    def set_value(self, sheet: str, cell: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Stamp:
    """Who checked, against what, when (the verdict block)."""

    criteria: str
    tool: str
    checked: dt.date
    lang: str = "en"


def _line(f: Finding, lang: str) -> str:
    return f"{f.severity.symbol} {f.rule}: {f.message(lang)}"


def _worst(findings: Iterable[Finding]) -> Severity:
    return min((f.severity for f in findings), key=lambda s: s.rank)


def _row_has_input(fields: list[Field], submission: Submission) -> bool:
    return any(submission.get(f.key) is not None for f in fields)


def write_findings(book: Book, submission: Submission, findings: list[Finding],
                   stamp: Stamp) -> None:
    """Replace sbt-xl's previous findings in ``book`` with ``findings``."""
    lang = stamp.lang
    by_field: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_field[f.field].append(f)

    rows: dict[tuple[str, str], list[Field]] = defaultdict(list)
    for fld in FIELDS:
        check = book.resolve(fld.status_name)
        if check is not None:
            rows[check].append(fld)
    for (sheet, cell), fields in rows.items():
        found = sorted((f for fld in fields for f in by_field.get(fld.key, ())), key=sort_key)
        if found:
            color = _worst(found).value
            book.set_check(sheet, cell, "\n".join(_line(f, lang) for f in found), color)
        elif _row_has_input(fields, submission):
            book.set_check(sheet, cell, OK_SYMBOL, "ok")
        else:
            book.set_check(sheet, cell, None, None)

    for fld in FIELDS:
        loc = submission.locations.get(fld.key)
        if loc is None:
            continue
        current = book.note(loc.sheet, loc.cell)
        mine = current is None or current.startswith(NOTE_TAG)
        found = by_field.get(fld.key)
        if not mine:
            continue
        text = (NOTE_TAG + "\n" + "\n".join(_line(f, lang) for f in sorted(found, key=sort_key))
                if found else None)
        if text is not None or current is not None:  # rewritten each run: same size, same bytes
            book.set_note(loc.sheet, loc.cell, text)

    book.replace_sheet(FINDINGS_SHEET, findings_rows(findings, stamp), (16, 10, 28, 16, 90, 8))
    _write_verdict(book, findings, stamp)


def findings_rows(findings: list[Finding], stamp: Stamp) -> list[list[Any]]:
    """The Findings sheet: a header, then one row per finding with a link to its cell."""
    i = 1 if stamp.lang == "ja" else 0
    out: list[list[Any]] = [[h[i] for h in FINDINGS_HEADERS]]
    for f in sorted(findings, key=sort_key):
        link = (f'=HYPERLINK("#{_quote(f.address)}","{_quote(f.address)}")'
                if f.address else "")
        out.append([f.rule, f"{f.severity.symbol} {f.severity.value}", f.field, link,
                    f.message(stamp.lang), stamp.criteria])
    return out


def _quote(text: str) -> str:
    return text.replace('"', '""')


def verdict_values(findings: list[Finding], stamp: Stamp) -> dict[str, Any]:
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    ja = stamp.lang == "ja"
    if errors:
        result = (f"✖ エラー {errors} 件: このままでは申請できません" if ja
                  else f"✖ {errors} error(s): not ready to submit")
    elif warnings:
        result = (f"⚠ 警告 {warnings} 件: 確認してください" if ja
                  else f"⚠ no errors, {warnings} warning(s) to review")
    else:
        result = "✔ エラー・警告なし" if ja else "✔ no errors or warnings"
    return {"result": result, "errors": errors, "warnings": warnings,
            "criteria": stamp.criteria, "checked": stamp.checked.isoformat(),
            "tool": stamp.tool}


def _write_verdict(book: Book, findings: list[Finding], stamp: Stamp) -> None:
    top = book.resolve(VERDICT_NAME)
    if top is None:
        return
    sheet, cell = top
    values = verdict_values(findings, stamp)
    outcome = _worst(findings).value if findings else "ok"
    for i, (key, _, _) in enumerate(VERDICT_ROWS, start=1):
        target = cells.offset(cell, rows=i, cols=1)
        if key == "result":
            book.set_check(sheet, target, values[key], outcome)
        else:
            book.set_value(sheet, target, values[key])
