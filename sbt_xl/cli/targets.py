"""``sbt-xl targets``: read published target wording from a table into one row per target,
with the ambition class each absolute target reaches."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sbt_xl.cli.common import emit_json
from sbt_xl.errors import SbtError
from sbt_xl.messages import Lang

if TYPE_CHECKING:
    from sbt_xl.core.wording import Reading

TABLES = (".csv", ".xlsx")
COLUMNS = ("scope", "type", "reduction", "base_year", "target_year", "through", "coverage",
           "term", "ambition", "unread")


def read_table(path: Path, sheet: str | None = None
               ) -> tuple[list[str], list[dict[str, Any]]]:
    """The header and the rows of a .csv (UTF-8, with or without BOM) or of a sheet of an
    .xlsx (``sheet``, else the first)."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            return [str(h) for h in reader.fieldnames or []], rows
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource
    book = FileSource(open_package(path)).book
    name = sheet if sheet is not None else book.sheet_names[0]
    if name not in book.sheet_names:
        raise SbtError("no_sheet", field=name, value=str(path),
                       known=", ".join(book.sheet_names))
    cells = book.get_sheet_by_name(name).to_python()
    if not cells:
        return [], []
    head = [str(h) for h in cells[0]]
    return head, [dict(zip(head, r, strict=False)) for r in cells[1:]]


def expand(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """One output row per target found in ``column`` (the input row's columns first)."""
    return [r for row, reading in read_rows(rows, column) for r in target_rows(row, reading)]


def read_rows(rows: list[dict[str, Any]],
              column: str) -> list[tuple[dict[str, Any], Reading]]:
    """Each row with the :class:`~sbt_xl.core.wording.Reading` of its wording."""
    from sbt_xl.core.wording import parse
    return [(row, parse(str(row.get(column) or ""))) for row in rows]


def target_rows(row: dict[str, Any], reading: Reading) -> list[dict[str, Any]]:
    """The output rows of one input row: one per target, or one blank row if none."""
    from sbt_xl.core.ambition import classify
    from sbt_xl.core.criteria import ABSOLUTE
    unread = " | ".join(reading.unread)
    if not reading.targets:
        return [{**row, **dict.fromkeys(COLUMNS, ""), "unread": unread}]
    out = []
    for t in reading.targets:
        ambition = ""
        if t.type == ABSOLUTE and t.reduction is not None and t.base_year \
                and t.target_year and t.target_year > t.base_year:
            ambition = str(classify(t.reduction, t.target_year - t.base_year))
        out.append({**row, "scope": t.scope or "", "type": t.type,
                    "reduction": "" if t.reduction is None else t.reduction,
                    "base_year": t.base_year or "", "target_year": t.target_year or "",
                    "through": t.through or "",
                    "coverage": "" if t.coverage is None else t.coverage,
                    "term": t.term, "ambition": ambition, "unread": unread})
    return out


def write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` atomically; text from the input stays text (never a formula in the
    .xlsx; in the .csv, fields starting with a formula character are neutralised)."""
    import io

    from sbt_xl.workbook import files
    from sbt_xl.workbook.write.inert import csv_field, set_text
    head = list(dict.fromkeys(k for r in rows for k in r))
    if path.suffix.lower() == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL)
        writer.writerow([csv_field(h) for h in head])
        writer.writerows([csv_field(r.get(h, "")) for h in head] for r in rows)
        files.write_atomic(path, buf.getvalue().encode("utf-8-sig"))
        return
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "targets"
    lines: list[list[Any]] = [head, *([row.get(h) for h in head] for row in rows)]
    for r, values in enumerate(lines, 1):
        for c, value in enumerate(values, start=1):
            set_text(ws.cell(r, c), value)
    ws.freeze_panes = "A2"
    data = io.BytesIO()
    wb.save(data)
    files.write_atomic(path, data.getvalue())


def cmd_targets(args: argparse.Namespace) -> int:
    from sbt_xl.workbook import files
    source, out = Path(args.file), Path(args.out)
    if source.suffix.lower() not in TABLES:
        raise SbtError("table_kind", field=str(source))
    files.check_output(out, force=args.force, suffixes=TABLES)
    head, rows = read_table(source, args.sheet)
    if args.text_column not in head:
        raise SbtError("no_column", field=args.text_column, value=str(source),
                       known=", ".join(head))
    readings = read_rows(rows, args.text_column)
    found = [r for row, reading in readings for r in target_rows(row, reading)]
    write_table(out, found)
    read = [reading for _, reading in readings]
    if args.json:
        emit_json({"written": str(out), "rows": len(rows),
                   "targets": sum(len(r.targets) for r in read),
                   "rows_without_target": sum(1 for r in read if not r.targets),
                   "rows_with_unread_text": sum(1 for r in read if r.unread)})
    else:
        print(summary(out, read, args.lang))
    return 0


def summary(out: Path, readings: list[Reading], lang: Lang = "en") -> str:
    """What was written: targets, rows, rows that gave no target, rows with unread text."""
    from sbt_xl.messages import render
    return render("targets_read", lang, {
        "file": str(out), "targets": sum(len(r.targets) for r in readings),
        "rows": len(readings), "empty": sum(1 for r in readings if not r.targets),
        "unread": sum(1 for r in readings if r.unread)})


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("targets", parents=[common],
                       help="read published target wording into one row per target")
    p.add_argument("file", help="a .csv or .xlsx table")
    p.add_argument("--text-column", required=True, help="the column holding the wording")
    p.add_argument("--sheet", help="the sheet of an .xlsx table (default: the first)")
    p.add_argument("-o", "--out", required=True, help="the .csv or .xlsx to write")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(run=cmd_targets)
