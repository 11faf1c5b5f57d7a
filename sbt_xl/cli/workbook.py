"""``sbt-xl template | fields | validate``: the submission workbook on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sbt_xl.core.criteria import CRITERIA, DEFAULT_CRITERIA
from sbt_xl.errors import SbtError
from sbt_xl.workbook.layout import FIELDS
from sbt_xl.workbook.reader import ReadError

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def cmd_template(args: argparse.Namespace) -> int:
    from sbt_xl.workbook.template import write_template
    path = write_template(args.out, args.lang)
    print(path)
    return EXIT_OK


def field_record(f: Any) -> dict[str, Any]:
    return {"key": f.key, "name": f.name, "sheet": f.sheet, "cell": f.cell,
            "section": f.section, "label_en": f.label_en, "label_ja": f.label_ja,
            "type": f.type, "allowed": [c.code for c in f.allowed],
            "allowed_ja": [c.label_ja for c in f.allowed], "required": f.required,
            "unit": f.unit, "min": f.low, "max": f.high, "check_name": f.status_name}


def cmd_fields(args: argparse.Namespace) -> int:
    rows = [field_record(f) for f in FIELDS]
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


def _out_path(args: argparse.Namespace, path: Path, many: bool) -> Path | None:
    if args.in_place:
        return path
    if args.out is None:
        return None
    out = Path(args.out)
    return out / path.name if many or out.is_dir() else out


def _summary(report: Any, lang: str) -> str:
    lines = [report.headline(lang)]
    lines += [f"  {f.severity.symbol} {f.rule:<16} {f.address or f.field:<22} {f.message(lang)}"
              for f in report.findings]
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    from sbt_xl.validate import validate_file
    paths = [Path(p) for p in args.files]
    many = len(paths) > 1
    if many and args.out and not Path(args.out).is_dir():
        raise SbtError("out_not_folder", field=args.out)
    status, records, texts = EXIT_OK, [], []
    for i, path in enumerate(paths, start=1):
        _progress(i, len(paths), path.name)
        try:
            report = validate_file(path, args.criteria, lang=args.lang,
                                   out=_out_path(args, path, many))
        except ReadError as exc:
            err = SbtError("not_a_workbook", field=str(path), value=str(exc.__cause__ or exc))
            print(f"sbt-xl: {err.message(args.lang)}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        except SbtError as err:
            print(f"sbt-xl: {err.message(args.lang)}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        if report.errors and status == EXIT_OK:
            status = EXIT_ERRORS
        records += [f.as_dict(args.lang, str(path)) for f in report.findings]
        texts.append(_summary(report, args.lang))
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print("\n".join(texts))
    return status


def cmd_addin(args: argparse.Namespace) -> int:
    from sbt_xl.excel import addin
    ja = args.lang == "ja"
    if args.action == "build":
        print(addin.build(args.out, interpreter=args.interpreter or "",
                          pythonpath=args.pythonpath or ""))
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
        path = addin.install(args.interpreter)
        print(f"インストールしました: {path}" if ja else f"installed {path}")
    else:
        path = addin.uninstall()
        print((f"削除しました: {path}" if ja else f"removed {path}") if path else
              ("インストールされていません" if ja else "was not installed"))
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
    p.set_defaults(run=cmd_template)

    p = sub.add_parser("fields", parents=[common],
                       help="list the template's fields (its public interface)")
    p.set_defaults(run=cmd_fields)

    p = sub.add_parser("validate", parents=[common],
                       help="check workbooks against the SBTi criteria")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--criteria", choices=list(CRITERIA), default=DEFAULT_CRITERIA,
                   help=f"criteria version (default {DEFAULT_CRITERIA})")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--out", help="write the checked copy here (a folder for "
                                           "several files)")
    where.add_argument("--in-place", action="store_true",
                       help="write the findings into the files themselves")
    p.set_defaults(run=cmd_validate)

