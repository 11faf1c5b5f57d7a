"""``sbt-xl targets``: read published target wording from a table into one row per target,
with the ambition class each absolute target reaches."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from sbt_xl.errors import SbtError

TABLES = (".csv", ".xlsx")
COLUMNS = ("scope", "type", "reduction", "base_year", "target_year", "term", "ambition",
           "unread")


def read_table(path: Path) -> list[dict[str, Any]]:
    """Rows of a .csv (UTF-8, with or without BOM) or of the first sheet of an .xlsx."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource
    book = FileSource(open_package(path)).book
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    if not rows:
        return []
    head = [str(h) for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:]]


def expand(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """One output row per target found in ``column`` (the input row's columns first)."""
    from sbt_xl.core.ambition import classify
    from sbt_xl.core.wording import ABSOLUTE, parse
    out = []
    for row in rows:
        reading = parse(str(row.get(column) or ""))
        unread = " | ".join(reading.unread)
        if not reading.targets:
            out.append({**row, **dict.fromkeys(COLUMNS, ""), "unread": unread})
            continue
        for t in reading.targets:
            ambition = ""
            if t.type == ABSOLUTE and t.reduction is not None and t.base_year \
                    and t.target_year and t.target_year > t.base_year:
                ambition = str(classify(t.reduction, t.target_year - t.base_year))
            out.append({**row, "scope": t.scope or "", "type": t.type,
                        "reduction": "" if t.reduction is None else t.reduction,
                        "base_year": t.base_year or "", "target_year": t.target_year or "",
                        "term": t.term, "ambition": ambition, "unread": unread})
    return out


def write_table(path: Path, rows: list[dict[str, Any]]) -> None:
    import io

    from sbt_xl.workbook import files
    head = list(dict.fromkeys(k for r in rows for k in r))
    if path.suffix.lower() == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=head)
        writer.writeheader()
        writer.writerows(rows)
        files.write_atomic(path, buf.getvalue().encode("utf-8-sig"))
        return
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "targets"
    ws.append(head)
    for r in rows:
        ws.append([r.get(h) for h in head])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    files.write_atomic(path, buf.getvalue())


def cmd_targets(args: argparse.Namespace) -> int:
    source, out = Path(args.file), Path(args.out)
    for path in (source, out):
        if path.suffix.lower() not in TABLES:
            raise SbtError("table_kind", field=str(path))
    if out.exists() and not args.force:
        raise SbtError("file_exists", field=str(out))
    rows = read_table(source)
    if rows and args.text_column not in rows[0]:
        raise SbtError("no_column", field=args.text_column, value=str(source),
                       known=", ".join(map(str, rows[0])))
    found = expand(rows, args.text_column)
    write_table(out, found)
    n_targets = sum(1 for r in found if r["type"])
    print(f"{out}: {n_targets} target(s) from {len(rows)} row(s)")
    return 0


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("targets", parents=[common],
                       help="read published target wording into one row per target")
    p.add_argument("file", help="a .csv or .xlsx table")
    p.add_argument("--text-column", required=True, help="the column holding the wording")
    p.add_argument("-o", "--out", required=True, help="the .csv or .xlsx to write")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(run=cmd_targets)
