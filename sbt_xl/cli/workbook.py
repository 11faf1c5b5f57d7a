"""``sbt-xl template | fields | validate``: the submission workbook on the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sbt_xl.cli.common import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    emit_json,
    env_lang,
    interrupted,
    note_open_inputs,
    positive_int,
    recorded_language,
)
from sbt_xl.core.criteria import CRITERIA
from sbt_xl.errors import SbtError, unexpected
from sbt_xl.messages import Lang, Text
from sbt_xl.model.roles import DEFAULT_ROLE, ROLES, required, uses
from sbt_xl.workbook import files
from sbt_xl.workbook.template.layout import FIELDS, LAYOUT_VERSION, TABLES



def cmd_template(args: argparse.Namespace) -> int:
    from sbt_xl.workbook.template.build import write_template
    files.check_output(args.out, force=args.force, suffixes=(".xlsx",))
    path = write_template(args.out, args.lang, args.role)
    if args.json:
        emit_json({"written": str(path), "lang": args.lang, "role": args.role,
                   "layout_version": LAYOUT_VERSION})
    else:
        print(path)
    return EXIT_OK


def cmd_example(args: argparse.Namespace) -> int:
    from sbt_xl.workbook.examples import write_example
    files.check_output(args.out, force=args.force, suffixes=(".xlsx",))
    lang = args.lang_given or env_lang()
    path = write_example(args.out, args.kind, lang)
    if args.json:
        emit_json({"written": str(path), "kind": args.kind, "lang": lang,
                   "layout_version": LAYOUT_VERSION})
    else:
        print(path)
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from sbt_xl.messages import render
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource
    from sbt_xl.workbook.template.upgrade import (
        default_target,
        describe,
        record,
        upgrade,
    )
    source = Path(args.file)
    version = FileSource(open_package(source)).layout_version
    if version >= LAYOUT_VERSION:  # nothing to move: no OLD_v3_v3.xlsx
        if args.json:
            emit_json({"written": None, "from_version": version, "to_version": LAYOUT_VERSION,
                       "moved": [], "new_fields": [], "kept_aside": [], "nothing_to_do": True})
        else:
            print(render("upgrade_current", args.lang, {"field": str(source),
                                                         "version": version}))
        return EXIT_OK
    target = Path(args.out) if args.out else default_target(source)
    files.check_output(target, force=args.force, suffixes=(".xlsx",))
    result = upgrade(source, target, force=args.force)
    if args.json:
        emit_json(record(result))
    else:
        print(describe(result, args.lang))
    return EXIT_OK


def field_record(f: Any) -> dict[str, Any]:
    return {"key": f.key, "name": f.name, "sheet": f.sheet, "cell": f.cell,
            "section": f.section, "label_en": f.label.en, "label_ja": f.label.ja,
            "type": f.type, "allowed": [c.code for c in f.allowed],
            "allowed_ja": [c.label_ja for c in f.allowed], "required": f.required,
            "required_in": [r for r in ROLES if required(r, f.key, f.required)],
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
            label = Text(r["label_en"], r["label_ja"])(args.lang)
            print(f"{r['key']:<40} {r['sheet']:<12} {r['cell']:<5} {r['type']:<10} {label}")
    return EXIT_OK


def _progress(i: int, n: int, name: str) -> None:
    if n > 1 and sys.stderr.isatty():
        width = 30
        done = width * i // n
        print(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {name[:40]:<40}",
              end="" if i < n else "\n", file=sys.stderr, flush=True)


def _summary(report: Any, lang: Lang) -> str:
    lines = [report.headline(lang)]
    if report.written:
        lines[0] += f" → {report.written}"
    lines += [f"  {f.severity.symbol} {f.rule:<16} {f.address or f.field:<22} {f.message(lang)}"
              for f in report.findings]
    return "\n".join(lines)


@dataclass(frozen=True)
class Job:
    """One workbook to check, and where its checked copy goes (None: nowhere).
    ``lang`` None: the workbook's own language, else ``fallback``."""

    path: str
    out: str | None
    criteria: str | None
    lang: Lang | None
    fallback: Lang = "en"


@dataclass(frozen=True)
class Outcome:
    status: int
    text: str = ""
    records: tuple[dict[str, Any], ...] = ()
    error: str = ""
    written: str | None = None


def check_one(job: Job) -> Outcome:
    """Validate one file; whatever happens becomes an :class:`Outcome`, never an exception
    (this runs in worker processes); only a Ctrl-C passes."""
    from sbt_xl.validate import validate_file
    try:
        report = validate_file(job.path, job.criteria, lang=job.lang, fallback=job.fallback,
                               out=job.out)
    except SbtError as err:
        return Outcome(EXIT_UNREADABLE, error=err.message(_lang(job)))
    except Exception as exc:  # noqa: BLE001  (reported with a log, never as a traceback)
        return Outcome(EXIT_UNREADABLE, error=unexpected(job.path, exc).message(_lang(job)))
    lang = report.lang
    return Outcome(EXIT_FINDINGS if report.errors else EXIT_OK, _summary(report, lang),
                   tuple(f.as_dict(lang, job.path) for f in report.findings),
                   written=report.written)


def _lang(job: Job) -> Lang:
    return job.lang or recorded_language(job.path) or job.fallback


def check_many(jobs: tuple[Job, ...]) -> list[Outcome]:
    """:func:`check_one` over a chunk of jobs (in a worker process); a Ctrl-C stops it
    and returns the outcomes of the jobs done, so the batch can say what was written."""
    done: list[Outcome] = []
    try:
        for job in jobs:
            done.append(check_one(job))
    except KeyboardInterrupt:
        pass
    return done


def plan(paths: list[Path], out: str | None, in_place: bool,
         force: bool = False) -> list[Path | None]:
    """Where each input's checked copy goes; refuses (before anything is written) an output
    that is an input itself or that two inputs would share, one open in Excel or in a
    read-only or missing folder, of another kind than a workbook, or that exists already
    (without ``force``)."""
    if in_place:
        for p in paths:
            files.check_target(p, macro=None)
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
        files.check_output(dst, force=force, suffixes=files.WORKBOOK_SUFFIXES)
    return list(outs)


def _workers(n: int, jobs: int | None) -> int:
    """Worker processes for ``n`` files: ``--jobs``, else one per core (one process for
    fewer than four files, where starting workers costs more than it saves)."""
    if jobs is not None:
        return max(1, min(jobs, n))
    return min(n, os.cpu_count() or 1) if n >= 4 else 1


#: The most files one worker is given at a time.
_CHUNK = 10


def _outcomes(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Outcome]]:
    """Each job with its outcome, in order: here, or in chunks on ``workers`` processes.
    Stops early (raising KeyboardInterrupt) at a Ctrl-C, after yielding every outcome the
    workers finished."""
    if workers == 1:
        for job in jobs:
            yield job, check_one(job)
        return
    from concurrent.futures import ProcessPoolExecutor

    import sbt_xl.validate  # noqa: F401  (imported once: workers forked from here share it)
    import sbt_xl.workbook.write.writeback  # noqa: F401
    from sbt_xl.workbook.ooxml import deflate
    if any(job.out for job in jobs):
        deflate.backend()  # (loads python-isal, for the copies)
    from sbt_xl.interrupts import as_job, worker_init
    # chunks of at most _CHUNK files: a worker left with the last long chunk would keep
    # the others waiting (125 files, 3 s, in a batch of 2,000)
    size = max(1, min(_CHUNK, len(jobs) // (workers * 8)))
    chunks = [tuple(jobs[i:i + size]) for i in range(0, len(jobs), size)]
    pool = ProcessPoolExecutor(workers, initializer=worker_init)
    futures = [pool.submit(as_job, check_many, c) for c in chunks]

    def stop() -> None:  # nothing new starts; the chunks running finish or stop, then
        for f in futures:  # their outcomes are known
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)

    stopped = False
    try:
        for chunk, future in zip(chunks, futures):
            if stopped:
                outcomes = _finished(future)
            else:
                try:
                    outcomes = future.result()
                except KeyboardInterrupt:
                    stopped = True
                    stop()
                    outcomes = _finished(future)
                if len(outcomes) < len(chunk) and not stopped:  # a worker was interrupted
                    stopped = True
                    stop()
            yield from zip(chunk, outcomes)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if stopped:
        raise KeyboardInterrupt


def _finished(future: Any) -> list[Outcome]:
    """The outcomes of a chunk that ran to its end or stopped at the Ctrl-C; none for
    one cancelled or broken."""
    if future.cancelled() or not future.done() or future.exception() is not None:
        return []
    return future.result()


#: The rule of the one JSON record a file that could not be checked gets.
UNREADABLE = "UNREADABLE"


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.files]
    outs = plan(paths, args.out, args.in_place, args.force)
    jobs = [Job(str(p), None if o is None else str(o), args.criteria, args.lang_given,
                args.lang) for p, o in zip(paths, outs)]
    if not args.in_place:  # (in place, an open file is refused)
        note_open_inputs(paths, args.lang)
    before = {j.out: _stamp(j.out) for j in jobs if j.out}
    records: list[dict[str, Any]] = []
    texts: list[str] = []
    seen: list[tuple[Job, Outcome]] = []
    status = EXIT_OK
    try:
        for i, (job, outcome) in enumerate(_outcomes(jobs, _workers(len(jobs), args.jobs)),
                                           start=1):
            _progress(i, len(jobs), Path(job.path).name)
            seen.append((job, outcome))
            status = max(status, outcome.status)
            if outcome.error:
                print(f"sbt-xl: {outcome.error}", file=sys.stderr)
                records.append({"file": job.path, "rule": UNREADABLE, "severity": "error",
                                "field": "", "cell": "", "message": outcome.error,
                                "criteria": None})
            else:
                texts.append(outcome.text)
                records += outcome.records
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    if args.json:
        emit_json(records)
    elif texts:
        print("\n".join(texts))
    if status == EXIT_INTERRUPTED:
        # what is on disk decides: a worker stopped between its (atomic) rename and its
        # report has written a whole copy nobody reported
        reported = {o.written for _, o in seen if o.written}
        written = [j.out for j in jobs if j.out and
                   (j.out in reported or _stamp(j.out) not in (None, before[j.out]))]
        return interrupted(args.lang, len(seen), len(jobs), written,
                           [j.out for j in jobs if j.out and j.out not in written])
    return status


def _stamp(path: str) -> tuple[int, int] | None:
    """What tells a file replaced since: its inode and modification time (None: absent)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


#: What ``addin build / install / uninstall`` did to each file (its JSON key) → the message.
_ADDIN_DONE = {"written": "addin_written", "installed": "addin_installed",
               "removed": "addin_removed"}


def cmd_addin(args: argparse.Namespace) -> int:
    from sbt_xl.excel import addin
    from sbt_xl.messages import render
    if args.action == "status":
        info = addin.status()
        if args.json:
            emit_json(info)
        elif not info["excel"]:
            print(render("addin_status_no_excel", args.lang, {"value": info["platform"]}))
        else:
            print(render("addin_status_installed" if info["installed"] else
                         "addin_status_absent", args.lang, {"field": info["addin"]}))
        return EXIT_OK
    if args.action == "build":
        key, paths = "written", addin.build_all(args.out, interpreter=args.interpreter or "",
                                                pythonpath=args.pythonpath or "")
    elif args.action == "install":
        key, paths = "installed", addin.install(args.interpreter)
    else:
        key, paths = "removed", addin.uninstall()
    shown = [str(p) for p in paths]
    if args.json:
        emit_json({key: shown})
        return EXIT_OK
    for path in shown:
        print(render(_ADDIN_DONE[key], args.lang, {"field": path}))
    if key == "removed" and not paths:
        print(render("addin_was_absent", args.lang, {}))
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

    p = sub.add_parser("example", parents=[common],
                       help="write a filled example submission (to try validate on)")
    p.add_argument("-o", "--out", required=True, help="the .xlsx file to write")
    p.add_argument("--kind", choices=("pass", "errors"), default="pass",
                   help="a submission that passes (default) or one with errors")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(run=cmd_example)

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
                        "long-term part nz2-lt (write the whole criteria reference with: "
                        "python -m sbt_xl.rules.reference criteria.md)")
    p.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                   help="worker processes (default: one per core for four files or more)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--out", help="write the checked copy here (a folder for "
                                           "several files)")
    where.add_argument("--in-place", action="store_true",
                       help="write the findings into the files themselves")
    p.add_argument("--force", action="store_true",
                   help="replace checked copies that exist already (-o)")
    p.set_defaults(run=cmd_validate)

