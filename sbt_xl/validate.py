"""Validate a submission workbook: read it, apply a criteria rule set, write findings back."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sbt_xl
from sbt_xl.core.criteria import LONG_TERM, NEAR_TERM
from sbt_xl.rules import RuleSet, get_rule_set, run
from sbt_xl.messages import Lang, render
from sbt_xl.model.findings import Finding, Severity, count, sort_key
from sbt_xl.model.submission import Submission
from sbt_xl.model.roles import uses
from sbt_xl.rules.sets import in_force, long_term_rules
from sbt_xl.workbook.read.reader import NOT_TEMPLATE, CellSource, parse, template_role
from sbt_xl.workbook.template.layout import FIELDS

if TYPE_CHECKING:
    from sbt_xl.workbook.write.book import Book

#: The field whose date picks the criteria, and the rule that warns when it is blank.
DATE_KEY, DATE_RULE = "submission.date", "CRITERIA-DATE"


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
    in_force: dt.date | None = None
    """The date whose criteria were picked (None: ``criteria`` was asked for by name)."""
    lang: Lang = "en"
    """The language the checked copy was written in."""

    def criteria_label(self, lang: Lang = "en") -> str:
        """``v5-2026 + nz1, in force on 2026-09-01`` (or just the ids when named)."""
        if self.in_force is None:
            return self.criteria
        return render("criteria_in_force", lang, {"criteria": self.criteria,
                                                  "date": self.in_force.isoformat()})

    @property
    def errors(self) -> int:
        return count(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.findings, Severity.WARNING)

    def headline(self, lang: Lang = "en") -> str:
        """``file: 2 errors, 1 warning (criteria v5)`` in ``lang``."""
        return render("validate_headline", lang, {
            "file": self.path, "errors": self.errors, "warnings": self.warnings,
            "criteria": self.criteria_label(lang)})


def pick(submission: Submission, criteria: str | None = None,
         today: dt.date | None = None) -> tuple[RuleSet, RuleSet, dt.date | None,
                                                 list[Finding]]:
    """(near-term rule set, long-term rule set, the date they are in force on, findings).

    ``criteria`` named: that set (long-term rows: ``nz1``, or ``nz2-lt`` for ``nz2``). Else the sets in force on the
    submission date (:data:`~sbt_xl.rules.sets.IN_FORCE`); a blank date falls back to
    today's with a ``CRITERIA-DATE`` warning."""
    if criteria not in (None, ""):
        near = get_rule_set(criteria)
        return near, long_term_rules(near), None, []
    day = submission.submission_date
    warn = []
    if not isinstance(day, dt.date):
        day = today or dt.date.today()
        loc = submission.locations.get(DATE_KEY)
        warn.append(Finding(DATE_RULE, Severity.WARNING, DATE_KEY, "rule_criteria_date",
                            {"criteria": in_force(day)[0].version, "today": day.isoformat()},
                            loc.sheet if loc else "", loc.cell if loc else ""))
    near, long = in_force(day)
    return near, long, day, warn


def check(source: CellSource, criteria: str | None = None, path: str = ""
          ) -> Report:
    """Read ``source`` and apply the rule set ``criteria`` (default: the one in force on
    the workbook's submission date)."""
    if criteria not in (None, ""):
        get_rule_set(criteria)  # an unknown name is refused before reading
    t0 = time.perf_counter()
    submission, findings = parse(source.read(FIELDS), FIELDS, source.layout_version)
    submission = with_rollup(source, submission)
    submission = replace(submission, role=template_role(getattr(source, "names", {})))
    t1 = time.perf_counter()
    rules, long_rules, day, warn = pick(submission, criteria)
    if any(f.rule == NOT_TEMPLATE for f in findings):
        warn = []  # one cause, one message: no template, so no date either
    findings = sorted((f for f in findings + warn + apply(rules, submission, long_rules)
                       if not f.field or uses(submission.role, f.field)), key=sort_key)
    t2 = time.perf_counter()
    version = rules.version
    if any(f.standard == long_rules.version for f in findings) and \
            version != long_rules.version:
        version = f"{version} + {long_rules.version}"
    return Report(path, version, submission, findings, {"read": t1 - t0, "rules": t2 - t1},
                  in_force=day)


def with_rollup(source: CellSource, submission: Submission) -> Submission:
    """``submission`` with what a group workbook says of its roll-up (GROUP-PROBLEMS checks
    it, the report shows it); unchanged for any other workbook."""
    from sbt_xl.rules.group import FIELD
    from sbt_xl.workbook.read.rollup import read_rollup
    found = read_rollup(source)
    if found is None:
        return submission
    rollup, where = found
    return replace(submission, rollup=rollup, locations={**submission.locations, FIELD: where})


def apply(rules: RuleSet, submission: Submission,
          long_rules: RuleSet | None = None) -> list[Finding]:
    """``rules`` on the near-term targets and, when the workbook has long-term targets or a
    net-zero commitment, the long-term standard on the long-term ones; each finding says
    which standard raised it. A long-term rule set (``nz1``) checks every target; ``nz2``
    has its own long-term part (``nz2-lt``), the default for ``long_rules``."""
    long_rules = long_rules or long_term_rules(rules)
    if rules.version == long_rules.version:
        return [replace(f, standard=rules.version) for f in run(rules, submission)]
    near = [replace(f, standard=rules.version)
            for f in run(rules, submission.only(NEAR_TERM))]
    long_view = submission.only(LONG_TERM)
    if not long_view.targets and submission.get("commitments.net_zero") != "yes":
        return near
    rows = {t.key("") for t in long_view.targets}
    long = [replace(f, standard=long_rules.version)
            for f in run(long_rules, long_view)
            if f.rule == "NET-ZERO" or any(f.field.startswith(r) for r in rows)]
    return near + long


def write_back(book: Book, report: Report, lang: Lang = "en",
               when: dt.date | None = None) -> None:
    """Write the report's findings into ``book``; the writer's own findings (a check cell
    the user wrote in) join the report."""
    from sbt_xl.workbook.write.writeback import Stamp, write_findings

    stamp = Stamp(report.criteria_label(lang), f"sbt-xl {sbt_xl.version()}",
                  when or dt.date.today(), lang)
    extra = write_findings(book, report.submission, report.findings, stamp)
    report.findings = sorted(report.findings + extra, key=sort_key)


def validate_file(path: str | Path, criteria: str | None = None, *,
                  lang: Lang | None = "en", fallback: Lang = "en",
                  out: str | Path | None = None, when: dt.date | None = None) -> Report:
    """Validate a saved workbook; with ``out`` (which may be ``path``) write the findings
    into a copy saved there, in ``lang`` (None: the language the workbook records, else
    ``fallback``; the report says which). It is read by the scanner the group roll-up uses
    (the full reader when the file is in another form). Raises
    :class:`~sbt_xl.errors.SbtError` when the file cannot be checked or written."""
    from sbt_xl.workbook import files
    from sbt_xl.workbook.read.scan import read_with

    path = Path(path)
    t0 = time.perf_counter()
    package, names, report = read_with(path, lambda package, source: (
        package, source.names, check(source, criteria, str(path))), well_formed=True)
    report.seconds["read"] = time.perf_counter() - t0 - report.seconds["rules"]
    if lang is None:
        from sbt_xl.workbook.ooxml.properties import package_lang
        lang = package_lang(package) or fallback
    report.lang = lang
    if out is not None:
        from sbt_xl.workbook.write.package_book import PackageBook
        t = time.perf_counter()
        macro = True if package.has_vba else None if package.macro_enabled else False
        files.check_target(out, macro=macro)  # (macro-enabled, no project: .xlsx or .xlsm)
        book = PackageBook(package, names)
        write_back(book, report, lang, when)
        book.set_main_type(Path(out).suffix)  # an .xltx checked into .xlsx: a workbook
        report.written = str(files.write_atomic(out, book.to_bytes()))
        report.seconds["write"] = time.perf_counter() - t
    return report
