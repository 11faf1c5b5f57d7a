"""``sbt-xl template | fields | validate``: the submission workbook on the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sbt_xl.core.criteria import CRITERIA
from sbt_xl.errors import SbtError, unexpected
from sbt_xl.workbook import files
from sbt_xl.model.roles import DEFAULT_ROLE, ROLES, uses
from sbt_xl.workbook.template.layout import FIELDS, TABLES

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def cmd_template(args: argparse.Namespace) -> int:
    from sbt_xl.workbook.template.build import write_template
    if Path(args.out).exists() and not args.force:
        raise SbtError("file_exists", field=args.out)
    path = write_template(args.out, args.lang, args.role)
    print(path)
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from sbt_xl.workbook.template.upgrade import default_target, describe, upgrade
    source = Path(args.file)
    result = upgrade(source, Path(args.out) if args.out else default_target(source),
                     force=args.force)
    print(describe(result, args.lang))
    return EXIT_OK


def field_record(f: Any) -> dict[str, Any]:
    return {"key": f.key, "name": f.name, "sheet": f.sheet, "cell": f.cell,
            "section": f.section, "label_en": f.label_en, "label_ja": f.label_ja,
            "type": f.type, "allowed": [c.code for c in f.allowed],
            "allowed_ja": [c.label_ja for c in f.allowed], "required": f.required,
            "unit": f.unit, "min": f.low, "max": f.high, "check_name": f.status_name,
            "since": f.since, "roles": [r for r in ROLES if uses(r, f.key)]}


def table_record(t: Any) -> dict[str, Any]:
    """A table of fields (``progress.N.scope1`` …): its range, its rows and columns."""
    return {"key": t.key, "name": t.name, "sheet": t.sheet, "cell": t.range,
            "section": t.key, "label_en": t.label_en, "label_ja": t.label_ja,
            "type": "table", "allowed": [], "rows": t.rows, "row_key": f"{t.key}.N.COLUMN",
            "columns": [{"key": k, "column": c, "label_en": en, "label_ja": ja,
                         "type": "tco2e"} for c, k, en, ja in t.columns],
            "since": min(f.since for f in FIELDS if f.key.startswith(t.key + ".")),
            "roles": [r for r in ROLES if uses(r, t.key + ".")]}


def cmd_fields(args: argparse.Namespace) -> int:
    rows = [field_record(f) for f in FIELDS] + [table_record(t) for t in TABLES]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            label = r["label_ja"] if args.lang == "ja" else r["label_en"]
            print(f"{r['key']:<40} {r['sheet']:<12} {r['cell']:<5} {r['type']:<10} {label}")
    return EXIT_OK


def _progress(i: int, n: int, name: str) -> None:
    if n > 1 and sys.stderr.isatty():
        width = 30
        done = width * i // n
        print(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {name[:40]:<40}",
              end="" if i < n else "\n", file=sys.stderr, flush=True)


def _summary(report: Any, lang: str) -> str:
    lines = [report.headline(lang)]
    if report.written:
        lines[0] += f" → {report.written}"
    lines += [f"  {f.severity.symbol} {f.rule:<16} {f.address or f.field:<22} {f.message(lang)}"
              for f in report.findings]
    return "\n".join(lines)


@dataclass(frozen=True)
class Job:
    """One workbook to check, and where its checked copy goes (None: nowhere)."""

    path: str
    out: str | None
    criteria: str | None
    lang: str


@dataclass(frozen=True)
class Outcome:
    status: int
    text: str = ""
    records: tuple[dict[str, Any], ...] = ()
    error: str = ""


def check_one(job: Job) -> Outcome:
    """Validate one file; whatever happens becomes an :class:`Outcome`, never an exception
    (this runs in worker processes)."""
    from sbt_xl.validate import validate_file
    try:
        report = validate_file(job.path, job.criteria, lang=job.lang, out=job.out)
    except SbtError as err:
        return Outcome(EXIT_UNREADABLE, error=err.message(job.lang))
    except Exception as exc:  # noqa: BLE001  (reported with a log, never as a traceback)
        return Outcome(EXIT_UNREADABLE, error=unexpected(job.path, exc).message(job.lang))
    return Outcome(EXIT_ERRORS if report.errors else EXIT_OK, _summary(report, job.lang),
                   tuple(f.as_dict(job.lang, job.path) for f in report.findings))


def plan(paths: list[Path], out: str | None, in_place: bool) -> list[Path | None]:
    """Where each input's checked copy goes; refuses (before anything is written) an output
    that is an input itself or that two inputs would share."""
    if in_place:
        return list(paths)
    if out is None:
        return [None] * len(paths)
    target = Path(out)
    many = len(paths) > 1
    if many and not target.is_dir():
        raise SbtError("out_not_folder", field=out)
    outs = [target / p.name if target.is_dir() else target for p in paths]
    inputs = {files.real(p): p for p in paths}
    seen: dict[Path, Path] = {}
    for src, dst in zip(paths, outs):
        key = files.real(dst)
        if key in inputs:
            raise SbtError("out_is_input", field=str(dst))
        if key in seen:
            raise SbtError("same_output", field=str(seen[key]), other=str(src), value=str(dst))
        seen[key] = src
    return list(outs)


def _workers(n: int, jobs: int | None) -> int:
    """Worker processes for ``n`` files: ``--jobs``, else one per core (one process for
    fewer than four files, where starting workers costs more than it saves)."""
    if jobs is not None:
        return max(1, min(jobs, n))
    return min(n, os.cpu_count() or 1) if n >= 4 else 1


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.files]
    outs = plan(paths, args.out, args.in_place)
    jobs = [Job(str(p), None if o is None else str(o), args.criteria, args.lang)
            for p, o in zip(paths, outs)]
    workers = _workers(len(jobs), args.jobs)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        pool = ProcessPoolExecutor(workers)
        results = pool.map(check_one, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
    else:
        pool, results = None, map(check_one, jobs)
    status, records, texts = EXIT_OK, [], []
    try:
        for i, (job, outcome) in enumerate(zip(jobs, results), start=1):
            _progress(i, len(jobs), Path(job.path).name)
            status = max(status, outcome.status)
            if outcome.error:
                print(f"sbt-xl: {outcome.error}", file=sys.stderr)
            else:
                texts.append(outcome.text)
                records += outcome.records
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif texts:
        print("\n".join(texts))
    return status


def cmd_addin(args: argparse.Namespace) -> int:
    from sbt_xl.excel import addin
    ja = args.lang == "ja"
    if args.action == "build":
        for path in addin.build_all(args.out, interpreter=args.interpreter or "",
                                    pythonpath=args.pythonpath or ""):
            print(path)
    elif args.action == "status":
        info = addin.status()
        if args.json:
            print(json.dumps(info, ensure_ascii=False, indent=2))
        elif not info["excel"]:
            print("Excel が見つかりません（" + str(info["platform"]) + "）。" if ja else
                  f"Excel not found on this computer ({info['platform']}); nothing installed.")
        else:
            where = info["addin"]
            print((f"インストール済み: {where}" if ja else f"installed: {where}")
                  if info["installed"] else ("未インストール" if ja else "not installed"))
    elif args.action == "install":
        for path in addin.install(args.interpreter):
            print(f"インストールしました: {path}" if ja else f"installed {path}")
    else:
        removed = addin.uninstall()
        for path in removed:
            print(f"削除しました: {path}" if ja else f"removed {path}")
        if not removed:
            print("インストールされていません" if ja else "was not installed")
    return EXIT_OK


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("addin", parents=[common], help="build, install or inspect sbt_xl.xlam")
    p.add_argument("action", choices=("build", "install", "uninstall", "status"))
    p.add_argument("-o", "--out", default=".", help="folder for 'build' (default: here)")
    p.add_argument("--interpreter", help="python(w).exe the add-in runs (build, install)")
    p.add_argument("--pythonpath", help="PYTHONPATH written into the add-in (build)")
    p.set_defaults(run=cmd_addin)

    p = sub.add_parser("template", parents=[common], help="write the blank submission template")
    p.add_argument("out", help="the .xlsx file to write")
    p.add_argument("--role", choices=ROLES, default=DEFAULT_ROLE,
                   help="company: a submission (default); subsidiary: a return for the "
                   "group roll-up (inventory, entity section, progress); group: a group "
                   "workbook")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_template)

    p = sub.add_parser("upgrade", parents=[common],
                       help="move a workbook of an older template into the current one")
    p.add_argument("file", metavar="OLD", help="the workbook made with an older template")
    p.add_argument("-o", "--out", help="the workbook to write (default: OLD_v<N>.xlsx)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(run=cmd_upgrade)

    p = sub.add_parser("fields", parents=[common],
                       help="list the template's fields (its public interface)")
    p.set_defaults(run=cmd_fields)

    p = sub.add_parser("validate", parents=[common],
                       help="check workbooks against the SBTi criteria")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--criteria", choices=list(CRITERIA), default=None,
                   help="criteria version for the near-term targets (default: the one in "
                        "force on the workbook's submission date: v4 before 2022-07-15, v5 "
                        "until 2026-04-13, v5-2026 from 2026-04-14, nz2 from 2027-02-01; "
                        "today's when the date is blank); long-term rows are also checked "
                        "against nz1, or with nz2 (Net-Zero Standard V2.0) against its "
                        "long-term part nz2-lt (docs/criteria.md)")
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help="worker processes (default: one per core for four files or more)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--out", help="write the checked copy here (a folder for "
                                           "several files)")
    where.add_argument("--in-place", action="store_true",
                       help="write the findings into the files themselves")
    p.set_defaults(run=cmd_validate)

