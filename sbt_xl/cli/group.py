"""``sbt-xl consolidate``: the subsidiaries' workbooks into one group workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sbt_xl.errors import SbtError
from sbt_xl.workbook import files

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _line(entity: Any, lang: str) -> str:
    ja = lang == "ja"
    name = Path(entity.file).name
    if not entity.readable:
        return f"✖ {name}: {entity.problems[0].message(lang)}"
    who = f"{entity.code or '?'} {entity.name or ''}".strip()
    n = len(entity.problems)
    if n:
        return f"⚠ {name}: {who}, " + (f"問題 {n} 件" if ja else f"{n} problem(s)")
    return f"✔ {name}: {who}"


def cmd_consolidate(args: argparse.Namespace) -> int:
    from sbt_xl.cli.workbook import _progress, _workers
    from sbt_xl.group.consolidate import consolidate
    from sbt_xl.group.entity import read_entity
    from sbt_xl.group.read import collect, read_all
    from sbt_xl.group.structure import APPROACH_NAMES
    out = Path(args.out)
    files.check_output(out, force=args.force, suffixes=(".xlsx",))
    paths = collect(args.inputs, out)
    parent = parent_values = None
    if args.parent:
        from sbt_xl.workbook.read.reader import read_submission
        parent = read_entity(args.parent)
        if not parent.readable:
            raise SbtError("group_parent", field=args.parent,
                           value=parent.problems[0].message(args.lang))
        parent_values = read_submission(args.parent)[0].values
        paths = [p for p in paths if files.real(p) != files.real(Path(args.parent))]
    workers = _workers(len(paths), args.jobs)
    reading = read_all(paths, workers, args.scheduler)
    from sbt_xl.group.writer import write_group  # (openpyxl loads while the workers read)
    entities = []
    for i, entity in enumerate(reading, start=1):
        _progress(i, len(paths), Path(entity.file).name)
        print(_line(entity, args.lang))
        entities.append(entity)
    approach = APPROACH_NAMES[args.approach] if args.approach else None
    group = consolidate(entities, approach, parent)
    write_group(group, out, lang=args.lang, parent_values=parent_values)
    print(summary(group, out, args.lang))
    for p in group.problems:
        where = f" {p.where}" if p.where else ""
        print(f"  {p.severity.symbol} {Path(p.file).name}{where}: {p.message(args.lang)}")
    return EXIT_FINDINGS if group.errors else EXIT_OK


def summary(group: Any, out: Path, lang: str) -> str:
    from sbt_xl.model.vocabulary import APPROACHES
    label = next(c for c in APPROACHES if c.code == group.approach).label(lang)
    base = group.totals["base"]
    s12 = (base.scope1 or 0) + (base.scope2(group.scope2_method) or 0)
    s3 = sum(v or 0 for v in base.scope3)
    c = group.counts
    if lang == "ja":
        return (f"{out}: {label}、{c['counted']} 事業体を集計（未集計 {c['missing']}）、"
                f"基準年 S1+2 {s12:,.0f} t / S3 {s3:,.0f} t、問題 {len(group.problems)} 件"
                f"（基準年排出量の {group.touched:.1%} に影響）")
    return (f"{out}: {label}, {c['counted']} entities counted ({c['missing']} not), base "
            f"year S1+2 {s12:,.0f} t, S3 {s3:,.0f} t; {len(group.problems)} problem(s) "
            f"touching {group.touched:.1%} of base-year emissions")


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("consolidate", parents=[common],
                       help="roll the subsidiaries' workbooks up into a group workbook")
    p.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE",
                   help="workbooks, or folders searched for .xlsx/.xlsm")
    p.add_argument("-o", "--out", required=True, help="the group workbook to write")
    p.add_argument("--approach", choices=("operational", "financial", "equity"),
                   help="default: the parent's own, else operational control")
    p.add_argument("--parent", help="the group's own workbook: its approach, years, "
                   "scope 2 method and targets (and its own emissions)")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core)")
    p.add_argument("--scheduler", help="a Dask distributed scheduler address "
                   "(tcp://host:8786; needs sbt-xl[dask])")
    p.add_argument("--force", action="store_true", help="replace GROUP.xlsx if it exists")
    p.set_defaults(run=cmd_consolidate)
