"""Write findings back into a workbook: one writer, two back ends (the file's package and
Excel through xlwings).

What sbt-xl owns in a workbook, and rewrites on every run (so re-running is idempotent):
the check cells (defined names ``SBT_check_*``) while they are blank or hold what sbt-xl
wrote (a short text when the row's findings would not fit in :data:`CHECK_LINES` lines:
the whole messages are in the check cell's note and on the Findings sheet), notes whose
text starts with :data:`NOTE_TAG` (on input cells and check cells), the verdict values beside the
verdict block (``SBT_verdict``) and its own findings sheet, recognised by the defined name
:data:`~sbt_xl.workbook.template.layout.FINDINGS_NAME`, never by its title. Nothing else is
written: a cell the user typed is never touched, a note the user wrote is never replaced
(the finding then stays in the check cell's note and on the Findings sheet), a check cell holding the user's own text is
left alone with a ``CHECK-CELL`` finding, and a user's sheet titled like sbt-xl's makes
sbt-xl pick another title.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sbt_xl.model.findings import OK_SYMBOL, Finding, Severity, count, sort_key
from sbt_xl.model.submission import Submission
from sbt_xl.messages import Lang, Text, render
from sbt_xl.model import cells
from sbt_xl.workbook import design
from sbt_xl.workbook.write.book import Book, Formula
from sbt_xl.workbook.write.printing import NO_LINE_END, NO_LINE_START, fits
from sbt_xl.workbook.template.layout import (
    FIELDS,
    FINDINGS_HEADERS,
    FINDINGS_NAME,
    FINDINGS_SHEET,
    SHEETS_BY_NAME,
    VERDICT_NAME,
    VERDICT_ROWS,
    Field,
)

NOTE_TAG = "[sbt-xl]"
#: The first character of every check-cell text sbt-xl writes.
SYMBOLS = frozenset({OK_SYMBOL, *(s.symbol for s in Severity)})
FINDINGS_WIDTHS = (15, 11, 30, 20, 68, 10)
#: Lines a check cell's text may take: an input row prints at most three lines tall
#: (docs/design.md); longer messages go whole into the cell's note and the Findings sheet.
CHECK_LINES = 3
#: Width (column units) assumed for a check column the template layout does not know.
CHECK_WIDTH = 26.0
#: What stands between words, by language.
_WORD_GAP = Text(" ", "")


def link(address: str) -> Formula:
    """A hyperlink to a cell of the workbook (``=HYPERLINK("#'Sheet'!C5", …)``)."""
    q = address.replace('"', '""')
    return Formula(f'HYPERLINK("#{q}","{q}")', address)


@dataclass(frozen=True)
class Stamp:
    """Who checked, against what, when (the verdict block)."""

    criteria: str
    tool: str
    checked: dt.date
    lang: Lang = "en"


def _line(f: Finding, lang: Lang) -> str:
    return f"{f.severity.symbol} {f.rule}: {f.message(lang)}"


def check_width(sheet: str, cell: str) -> float:
    """The width of the check column of ``cell`` as the template lays it out."""
    spec = SHEETS_BY_NAME.get(sheet)
    col = cells.split(cell)[0]
    return spec.widths.get(col, CHECK_WIDTH) if spec is not None else CHECK_WIDTH


def check_text(found: Sequence[Finding], lang: Lang, width: float, findings_sheet: str,
               lines: int = CHECK_LINES) -> str:
    """What a check cell shows for its row's ``found`` findings, at most ``lines`` lines
    in a column ``width`` wide: every finding whole when they fit, else the rule ids (the
    first finding's message begun, when it is the only one) and where the rest is: the
    cell's note and the Findings sheet."""
    full = "\n".join(_line(f, lang) for f in found)
    if fits(full, width, lines):
        return full
    more = " " + render("check_cell_more", lang, {"sheet": findings_sheet})

    ids = [f"{f.severity.symbol} {f.rule}" for f in found]
    if len(found) == 1:
        message = found[0].message(lang)
        sep = _WORD_GAP(lang)  # Japanese is cut between characters, English between words
        words = message.split(sep) if sep else list(message)

        def begun(n: int) -> str:  # the message's first n words
            return f"{ids[0]}: {sep.join(words[:n]).rstrip(' ,;:、')}…{more}"

        def may_cut(n: int) -> bool:  # not before a closing bracket or punctuation, nor
            a, b = words[n - 1][-1:], words[n][:1]  # inside "tCO2e"
            return not (b in NO_LINE_START or a in NO_LINE_END
                        or (a + b).isascii() and (a + b).isalnum())

        for n in range(len(words) - 1, 0, -1):
            if may_cut(n) and fits(text := begun(n), width, lines):
                return text
        return ids[0] + more
    for n in range(len(ids), 0, -1):
        rest = f" +{len(ids) - n}" if n < len(ids) else ""
        for joined in ("\n".join(ids[:n]) + rest + "\n" + more.lstrip(),  # one id a line
                       ", ".join(ids[:n]) + rest + more):
            if fits(joined, width, lines):
                return joined
    return f"{ids[0]} +{len(ids) - 1}{more}"


def _worst(findings: Iterable[Finding]) -> Severity:
    return min((f.severity for f in findings), key=lambda s: s.rank)


def _row_has_input(fields: list[Field], submission: Submission) -> bool:
    return any(submission.get(f.key) is not None for f in fields)


def owns_check_text(value: Any) -> bool:
    """A check cell is sbt-xl's to write while blank or holding text sbt-xl wrote."""
    if value is None:
        return True
    text = str(value).strip()
    return text == "" or text[0] in SYMBOLS


def _checked() -> dict[str, list[Field]]:
    out: dict[str, list[Field]] = defaultdict(list)
    for fld in FIELDS:
        out[fld.status_name].append(fld)
    return dict(out)


#: Check-cell name → the fields its row checks, in layout order.
_CHECKED = _checked()


def write_findings(book: Book, submission: Submission, findings: list[Finding],
                   stamp: Stamp) -> list[Finding]:
    """Replace sbt-xl's previous findings in ``book`` with ``findings``; returns the
    writer's own findings (``CHECK-CELL``), which are written with them."""
    lang = stamp.lang
    by_field: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_field[f.field].append(f)

    rows: dict[tuple[str, str], list[Field]] = defaultdict(list)
    for name, checked in _CHECKED.items():
        check = book.resolve(name)
        if check is not None:
            rows[check] += checked
    found = {where: sorted((f for fld in fields for f in by_field.get(fld.key, ())),
                           key=sort_key) for where, fields in rows.items()}
    typed = {where for where, fields in rows.items() if _row_has_input(fields, submission)}
    book.load([*(where for where in rows if found[where] or where in typed),
               *(where for _, where in _verdict_cells(book))])  # the cells written below
    extra: list[Finding] = []
    title, existing = findings_sheet_title(book)
    for (sheet, cell), fields in rows.items():
        current = book.value(sheet, cell)
        if not owns_check_text(current):
            extra.append(Finding("CHECK-CELL", Severity.WARNING, fields[0].key,
                                 "check_cell_taken", {"cell": cell, "value": current},
                                 sheet, cell))
            continue
        here = found[sheet, cell]
        inputs = [loc.cell for fld in fields
                  if (loc := submission.locations.get(fld.key)) and loc.sheet == sheet]
        if here:
            color = _worst(here).value
            text = check_text(here, lang, check_width(sheet, cell), title)
            book.set_check(sheet, cell, text, color, inputs)
        elif (sheet, cell) in typed:
            book.set_check(sheet, cell, OK_SYMBOL, "ok", inputs)
        elif current is not None:
            book.set_check(sheet, cell, None, None)
        _set_own_note(book, sheet, cell, here, lang)

    for fld in FIELDS:
        loc = submission.locations.get(fld.key)
        if loc is not None:
            _set_own_note(book, loc.sheet, loc.cell,
                          sorted(by_field.get(fld.key, ()), key=sort_key), lang)

    everything = sorted(findings + extra, key=sort_key)
    heading = render("findings_title", lang, {"result": verdict_values(everything, stamp)["result"]})
    book.write_sheet(title, findings_rows(everything, stamp), FINDINGS_WIDTHS, existing,
                     heading=heading)
    book.define_name(FINDINGS_NAME, cells.absolute_ref(title, "A1"))
    _write_verdict(book, everything, stamp)
    return extra


def _set_own_note(book: Book, sheet: str, cell: str, found: Sequence[Finding],
                  lang: Lang) -> None:
    """The cell's note lists ``found`` whole (or goes when none), unless the note is the
    user's: sbt-xl owns only notes that start with :data:`NOTE_TAG`."""
    current = book.note(sheet, cell)
    if current is not None and not current.startswith(NOTE_TAG):
        return
    text = NOTE_TAG + "\n" + "\n".join(_line(f, lang) for f in found) if found else None
    if text != current:
        book.set_note(sheet, cell, text)


def findings_sheet_title(book: Book) -> tuple[str, str | None]:
    """(title to write, title of sbt-xl's existing findings sheet or None).

    sbt-xl's sheet is the one its defined name points at; any other sheet, whatever its
    title, is the user's, and sbt-xl takes the first title no sheet has (Excel compares
    sheet titles without case).
    """
    ours = book.resolve(FINDINGS_NAME)
    if ours is not None:
        return ours[0], ours[0]
    taken = {s.casefold() for s in book.sheet_names()}
    candidates = [FINDINGS_SHEET, f"{FINDINGS_SHEET} (sbt-xl)",
                  *(f"{FINDINGS_SHEET} (sbt-xl {n})" for n in range(2, 100))]
    return next(t for t in candidates if t.casefold() not in taken), None


def findings_rows(findings: list[Finding], stamp: Stamp) -> list[list[Any]]:
    """The Findings sheet: a header, then one row per finding with a link to its cell."""
    lang = stamp.lang
    out: list[list[Any]] = [[Text(*h)(lang) for h in FINDINGS_HEADERS]]
    labels = {f.key: f.label(lang) for f in FIELDS}
    for f in sorted(findings, key=sort_key):
        to = link(f.address) if f.address else ""
        severity = render(f"severity_{f.severity.value}", lang, {})
        out.append([f.rule, f"{f.severity.symbol} {severity}", labels.get(f.field, f.field),
                    to, f.message(lang), f.standard or stamp.criteria])
    if not findings:
        out.append([None, OK_SYMBOL, None, None, render("findings_none", lang, {}), stamp.criteria])
    return out


def verdict_values(findings: list[Finding], stamp: Stamp) -> dict[str, Any]:
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    code = "verdict_errors" if errors else "verdict_warnings" if warnings else "verdict_clean"
    result = render(code, stamp.lang, {"errors": errors, "warnings": warnings})
    return {"result": result, "errors": errors, "warnings": warnings,
            "criteria": stamp.criteria, "checked": stamp.checked.isoformat(),
            "tool": stamp.tool}


def _verdict_cells(book: Book) -> list[tuple[str, tuple[str, str]]]:
    """Each verdict row's key → the (sheet, cell) its value goes in; none without a
    verdict block."""
    top = book.resolve(VERDICT_NAME)
    if top is None:
        return []
    sheet, cell = top
    return [(key, (sheet, cells.offset(cell, rows=i, cols=1)))
            for i, (key, _, _) in enumerate(VERDICT_ROWS, start=1)]


def _write_verdict(book: Book, findings: list[Finding], stamp: Stamp) -> None:
    values = verdict_values(findings, stamp)
    outcome = _worst(findings).value if findings else "ok"
    for key, (sheet, target) in _verdict_cells(book):
        if key == "result":
            book.set_check(sheet, target, values[key], outcome)
        else:
            book.set_value(sheet, target, values[key])
