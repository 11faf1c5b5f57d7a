"""A group workbook's account of its own roll-up, read from the *Entities* and *Problems*
sheets ``sbt-xl consolidate`` (or the Consolidate button) wrote: the counts through their
defined names (any source, the open book too), the tables row by row (saved files)."""

from __future__ import annotations

from typing import Any

from sbt_xl.messages import Text, render
from sbt_xl.model import vocabulary as vocab
from sbt_xl.model.rollup import RollUp, RollUpFile, RollUpProblem, state_code
from sbt_xl.model.submission import Location
from sbt_xl.workbook.read.reader import CellSource, NamedCells, RawCell
from sbt_xl.workbook.template.layout import (
    ENTITIES_HEADER_ROW,
    ENTITIES_NAME,
    GROUP_SUMMARY_CELLS,
    PROBLEMS_HEADER_ROW,
    PROBLEMS_NAME,
    Field,
    place,
)

#: The named summary cells, as fields a source reads.
GROUP_FIELDS = tuple(
    place(vocab.Field(key, "group", Text(key, key), "number"), "Entities", cell, cell)
    for key, cell in GROUP_SUMMARY_CELLS.items())
#: The defined name that marks a group workbook (its Entities sheet).
_MARKER = Field("group.entities", "group", Text("", ""), "text", sheet="Entities", cell="A1",
                status_cell="A1")
assert _MARKER.name == ENTITIES_NAME
_LIMIT = 100_000  # rows read at most from a table
#: A severity's code from the word the Problems sheet shows (Japanese; English is the code).
_SEVERITIES = {render(f"severity_{s}", "ja", {}): s for s in ("error", "warning", "info")}


def _number(cell: RawCell) -> float | None:
    v = cell.value
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return float(v)
    return None


def _text(v: Any) -> str | None:
    if v is None:
        return None
    text = str(v).strip()
    return text or None


def read_rollup(source: CellSource) -> tuple[RollUp, Location] | None:
    """The roll-up a group workbook holds and where its summary is (the Entities sheet's
    "not counted" cell); None for a workbook that is not a group workbook."""
    probe = source.read((*GROUP_FIELDS, _MARKER))
    if probe[_MARKER.key].problem:
        return None
    named = {f.key: probe[f.key] for f in GROUP_FIELDS}
    counts = {k: _number(rc) for k, rc in named.items()}
    where = named["group.not_counted"]
    problems: tuple[RollUpProblem, ...] = ()
    files: tuple[RollUpFile, ...] = ()
    if isinstance(source, NamedCells):
        problems, files = _tables(source)
    errors = counts["group.errors"]
    if errors is None:  # an older group workbook: count its Problems sheet
        errors = sum(p.severity == "error" for p in problems)
    not_counted = counts["group.not_counted"]
    if not_counted is None:
        not_counted = sum(f.state == "not_counted" for f in files)
    return (RollUp(int(errors), int(not_counted), counts["group.touched"],
                   counts["group.touched_scope3"], problems, files),
            Location(where.sheet or "Entities", where.cell or "A1"))


def _tables(source: NamedCells) -> tuple[tuple[RollUpProblem, ...], tuple[RollUpFile, ...]]:
    from sbt_xl.model.cells import column_letter
    out_p: list[RollUpProblem] = []
    out_f: list[RollUpFile] = []
    p_at, e_at = (source._locate(n) for n in (PROBLEMS_NAME, ENTITIES_NAME))

    def row(sheet: str, r: int, cols: int) -> list[Any]:
        return [source.read_cell(sheet, f"{column_letter(c)}{r}").value
                for c in range(1, cols + 1)]
    if not isinstance(p_at, str):
        for r in range(PROBLEMS_HEADER_ROW + 1, PROBLEMS_HEADER_ROW + 1 + _LIMIT):
            file, entity, cell, severity, message = row(p_at[0], r, 5)
            if file is None and message is None:
                break
            word = str(severity or "").split(" ")[-1]
            out_p.append(RollUpProblem(_text(file) or "", _text(entity), _text(cell),
                                       _SEVERITIES.get(word, word), _text(message) or ""))
    if not isinstance(e_at, str):
        for r in range(ENTITIES_HEADER_ROW + 1, ENTITIES_HEADER_ROW + 1 + _LIMIT):
            values = row(e_at[0], r, 18)
            state = state_code(values[7])
            if state is None:  # the total line, or the end of the table
                break
            out_f.append(RollUpFile(_text(values[16]) or "", _text(values[0]),
                                    _text(values[1]), state, _text(values[17])))
    return tuple(out_p), tuple(out_f)
