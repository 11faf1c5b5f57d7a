"""``sbt-xl report FILE -o report.html [--pdf]``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sbt_xl.cli.common import EXIT_FINDINGS, EXIT_OK, emit_json
from sbt_xl.core.criteria import CRITERIA
from sbt_xl.workbook import files



def cmd_report(args: argparse.Namespace) -> int:
    from sbt_xl.report.page import write_report
    out = Path(args.out)
    pdf = out.with_suffix(".pdf")
    files.check_output(out, force=args.force, suffixes=(".html", ".htm"))
    if args.pdf:
        files.check_output(pdf, force=args.force, suffixes=(".pdf",))
    written, report = write_report(args.file, out, criteria=args.criteria,
                                   lang=args.report_lang or args.lang_given)
    paths = [written]
    if args.pdf:
        from sbt_xl.report.pdf import to_pdf
        paths.append(to_pdf(written, pdf))
    if args.json:
        emit_json({"written": [str(p) for p in paths], "file": args.file,
                   "criteria": report.criteria, "errors": report.errors,
                   "warnings": report.warnings})
    else:
        print("\n".join(map(str, paths)))
    return EXIT_FINDINGS if report.errors else EXIT_OK


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common],
                       help="one self-contained HTML page: verdict, findings, charts, progress")
    p.add_argument("file", help="the workbook to report on")
    p.add_argument("-o", "--out", required=True, help="the .html file to write")
    p.add_argument("--pdf", action="store_true",
                   help="also print it to PDF beside it (Chromium, else LibreOffice)")
    p.add_argument("--criteria", choices=list(CRITERIA), default=None,
                   help="criteria version (default: the one in force on the workbook's "
                        "submission date, as for validate)")
    p.add_argument("--report-lang", choices=("en", "ja"),
                   help="language of the page (default: --lang, else the workbook's)")
    p.add_argument("--force", action="store_true", help="replace the report if it exists")
    p.set_defaults(run=cmd_report)
