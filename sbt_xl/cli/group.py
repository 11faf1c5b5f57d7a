"""``sbt-xl consolidate``: the subsidiaries' workbooks into one group workbook."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from sbt_xl.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    lang_for,
    note_open_inputs,
    positive_int,
)
from sbt_xl.workbook import files

def cmd_consolidate(args: argparse.Namespace) -> int:
    from sbt_xl.cli.workbook import _progress
    from sbt_xl.group.read import collect, default_workers
    from sbt_xl.group.rollup import file_lines, read_parent, roll_up, summary
    from sbt_xl.group.structure import APPROACH_NAMES
    out = Path(args.out)
    files.check_output(out, force=args.force, suffixes=(".xlsx",))
    paths = collect(args.inputs, out)
    parent = read_parent(args.parent) if args.parent else None
    if parent is not None:  # (read once, as the parent)
        paths = [p for p in paths if files.real(p) != files.real(Path(args.parent))]
    n = len(paths)
    # the group's language: --lang, else the parent's (or the first return's), else
    # SBT_XL_LANG, else English
    args.lang = lang_for(args.lang_given, args.parent or (paths[0] if paths else None))

    note_open_inputs(paths, args.lang)
    seen = itertools.count(1)

    def each(entity: Any) -> None:
        _progress(next(seen), n, Path(entity.file).name)

    def meanwhile() -> None:
        import sbt_xl.group.writer  # noqa: F401  (openpyxl loads while the workers read)
    group = roll_up(paths, APPROACH_NAMES[args.approach] if args.approach else None, parent,
                    workers=default_workers(n, args.jobs), scheduler=args.scheduler, each=each,
                    meanwhile=meanwhile)
    from sbt_xl.group.writer import write_group
    write_group(group, out, lang=args.lang)
    if args.json:  # (the common options' --json)
        import json

        from sbt_xl.group.report import as_json
        print(json.dumps(as_json(group, out, args.lang), ensure_ascii=False, indent=2))
    else:
        print("\n".join(file_lines(group, args.lang)))
        print(summary(group, out, args.lang))
        for p in group.problems:
            where = f" {p.where}" if p.where else ""
            print(f"  {p.severity.symbol} {Path(p.file).name}{where}: {p.message(args.lang)}")
    if not any(r.counted for r in group.rows):
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if group.errors else EXIT_OK


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("consolidate", parents=[common],
                       help="roll the subsidiaries' workbooks up into a group workbook")
    p.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE",
                   help="workbooks, or folders (every file in them is listed: one that is "
                   "not an .xlsx/.xlsm template is not counted, with the reason)")
    p.add_argument("-o", "--out", required=True, help="the group workbook to write")
    p.add_argument("--approach", choices=("operational", "financial", "equity"),
                   help="default: the parent's own, else operational control")
    p.add_argument("--parent", help="the group's own workbook: its approach, years, "
                   "scope 2 method and targets (and its own emissions)")
    p.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--scheduler", help="a Dask distributed scheduler address "
                   "(tcp://host:8786; needs sbt-xl[dask])")
    p.add_argument("--force", action="store_true", help="replace GROUP.xlsx if it exists")

    p.set_defaults(run=cmd_consolidate)
