"""Validate a submission workbook: read it, apply a criteria rule set, write findings back."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from sbt_xl import __version__
from sbt_xl.core.criteria import LONG_TERM, NEAR_TERM
from sbt_xl.rules import RuleSet, get_rule_set, run
from sbt_xl.model.findings import Finding, Severity, count, sort_key
from sbt_xl.model.submission import Submission
from sbt_xl.rules.sets import LONG_TERM_RULES
from sbt_xl.workbook.template.layout import FIELDS
from sbt_xl.workbook.read.reader import CellSource, FileSource, parse
from sbt_xl.workbook.write.writeback import Book, Stamp, write_findings

TOOL = f"sbt-xl {__version__}"


@dataclass
class Report:
    """The outcome of validating one workbook (``seconds``: read / rules / write)."""

    path: str
    criteria: str
    submission: Submission
    findings: list[Finding]
    seconds: dict[str, float] = field(default_factory=dict)
    written: str | None = None
    """Where the checked copy was written (None: nothing written)."""

    @property
    def errors(self) -> int:
        return count(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.findings, Severity.WARNING)

    def headline(self, lang: str = "en") -> str:
        """``file: 2 error(s), 1 warning(s) (criteria v5)`` in ``lang``."""
        if lang == "ja":
            return (f"{self.path}: エラー {self.errors} 件、警告 {self.warnings} 件"
                    f"（基準 {self.criteria}）")
        return (f"{self.path}: {self.errors} error(s), {self.warnings} warning(s) "
                f"(criteria {self.criteria})")


def check(source: CellSource, criteria: str | None = None, path: str = ""
          ) -> Report:
    """Read ``source`` and apply the rule set ``criteria`` (default: the newest)."""
    rules = get_rule_set(criteria)
    t0 = time.perf_counter()
    submission, findings = parse(source.read(FIELDS), FIELDS, source.layout_version)
    t1 = time.perf_counter()
    findings = sorted(findings + apply(rules, submission), key=sort_key)
    t2 = time.perf_counter()
    version = rules.version
    if any(f.standard == LONG_TERM_RULES.version for f in findings) and \
            version != LONG_TERM_RULES.version:
        version = f"{version} + {LONG_TERM_RULES.version}"
    return Report(path, version, submission, findings, {"read": t1 - t0, "rules": t2 - t1})


def apply(rules: RuleSet, submission: Submission) -> list[Finding]:
    """``rules`` on the near-term targets and, when the workbook has long-term targets or a
    net-zero commitment, the long-term standard on the long-term ones; each finding says
    which standard raised it. A long-term rule set (``nz1``) checks every target."""
    if rules.version == LONG_TERM_RULES.version:
        return [replace(f, standard=rules.version) for f in run(rules, submission)]
    near = [replace(f, standard=rules.version)
            for f in run(rules, submission.only(NEAR_TERM))]
    long_view = submission.only(LONG_TERM)
    if not long_view.targets and submission.get("commitments.net_zero") != "yes":
        return near
    rows = {t.key("") for t in long_view.targets}
    long = [replace(f, standard=LONG_TERM_RULES.version)
            for f in run(LONG_TERM_RULES, long_view)
            if f.rule == "NET-ZERO" or any(f.field.startswith(r) for r in rows)]
    return near + long


def write_back(book: Book, report: Report, lang: str = "en",
               when: dt.date | None = None) -> None:
    """Write the report's findings into ``book``; the writer's own findings (a check cell
    the user wrote in) join the report."""
    stamp = Stamp(report.criteria, TOOL, when or dt.date.today(), lang)
    extra = write_findings(book, report.submission, report.findings, stamp)
    report.findings = sorted(report.findings + extra, key=sort_key)


def validate_file(path: str | Path, criteria: str | None = None, *, lang: str = "en",
                  out: str | Path | None = None, when: dt.date | None = None) -> Report:
    """Validate a saved workbook; with ``out`` (which may be ``path``) write the findings
    into a copy saved there. Raises :class:`~sbt_xl.errors.SbtError` when the file cannot
    be checked or written."""
    from sbt_xl.workbook import files
    from sbt_xl.workbook.ooxml.package import open_package

    path = Path(path)
    t0 = time.perf_counter()
    package = open_package(path)
    source = FileSource(package)
    open_s = time.perf_counter() - t0
    report = check(source, criteria, str(path))
    report.seconds["read"] += open_s
    if out is not None:
        from sbt_xl.workbook.write.package_book import PackageBook
        t = time.perf_counter()
        files.check_target(out, macro=package.macro_enabled)
        book = PackageBook(package)
        write_back(book, report, lang, when)
        book.set_main_type(Path(out).suffix)  # an .xltx checked into .xlsx: a workbook
        report.written = str(files.write_atomic(out, book.to_bytes()))
        report.seconds["write"] = time.perf_counter() - t
    return report
