"""``sbt-xl report``: one self-contained HTML page per workbook: the verdict, every finding
linked to its cell, the targets in the SBTi's wording, a chart per target and of scope 3,
and the progress table, in the workbook's language. No network: styles and charts inline.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from sbt_xl.messages import Lang, Text
from sbt_xl.messages import render as message
from sbt_xl import __version__
from sbt_xl.core.criteria import ABSOLUTE, RENEWABLE
from sbt_xl.core.ambition import classify
from sbt_xl.core.pathway import on_track, target_pathway
from sbt_xl.core.wording import share_text, target_text
from sbt_xl.report.charts import PathwayChart, bars_svg, pathway_svg
from sbt_xl.rules.checks import Tracked, tracked_targets
from sbt_xl.model.rollup import UNKNOWN
from sbt_xl.model.submission import Submission
from sbt_xl.validate import Report
from sbt_xl.workbook.ooxml import properties
from sbt_xl.model.vocabulary import SCOPE3_CATEGORIES, fields_by_key

_SAFE = "'!$:"  # a cell link as Excel reads it: book.xlsx#'Target%20details'!C5
#: The report's labels (sentences with numbers are catalogue messages: report_*).
_LABELS: dict[str, Text] = {
    "title": Text("SBT check", "SBT チェック"),
    "verdict_ok": Text("No errors", "エラーなし"),
    "verdict_bad": Text("Errors to fix", "要修正のエラーあり"),
    "findings": Text("Findings", "指摘事項"),
    "none": Text("No findings.", "指摘事項はありません。"),
    "rule": Text("Rule", "ルール"),
    "severity": Text("Severity", "重要度"),
    "cell": Text("Cell", "セル"),
    "message": Text("Message", "内容"),
    "targets": Text("Targets", "目標"),
    "wording": Text("Wording", "目標の文言"),
    "class": Text("Ambition reached", "達成する水準"),
    "charts": Text("Charts", "グラフ"),
    "progress": Text("Progress", "進捗"),
    "year": Text("Year", "年"),
    "pathway": Text("Pathway", "経路"),
    "on_track": Text("On track", "達成状況"),
    "criteria": Text("Criteria", "基準"),
    "checked": Text("Checked", "チェック日"),
    "file": Text("Workbook", "ブック"),
    "tool": Text("Made by", "作成"),
    "severity_error": Text("error", "エラー"),
    "severity_warning": Text("warning", "警告"),
    "severity_info": Text("info", "情報"),
    "rollup": Text("Group roll-up", "グループ連結"),
    "not_counted": Text("Files not counted", "未集計のファイル"),
    "rollup_problems": Text("Roll-up problems", "連結の問題"),
    "entity": Text("Entity", "事業体"),
    "reason": Text("Reason", "理由"),
}
#: The pathway chart's series, and the ambition classes as the report names them.
_LINES = (Text("Target pathway", "目標の経路"), Text("1.5 °C line", "1.5℃ 水準"),
          Text("Well-below 2 °C line", "2℃を十分に下回る水準"), Text("Actual", "実績"))
_CLASSES: dict[str, Text] = {
    "1.5C": Text("1.5 °C", "1.5℃"),
    "WB2C": Text("well-below 2 °C", "2℃を十分に下回る"),
    "2C": Text("2 °C", "2℃"),
    "below 2C": Text("below 2 °C", "2℃未満の水準に届かない"),
}


def _lines(lang: Lang) -> tuple[str, str, str, str]:
    pathway, c15, wb2c, actual = (t(lang) for t in _LINES)
    return pathway, c15, wb2c, actual


def _words(lang: Lang) -> dict[str, Any]:
    """The labels in ``lang``, as the page template reads them (``w.title``)."""
    return {**{k: t(lang) for k, t in _LABELS.items()},
            "lines": _lines(lang)}


def workbook_language(path: str | Path) -> Lang:
    """The language the template was made in (``docProps/core.xml``), else ``en``."""
    return properties.recorded_lang(path) or "en"


@dataclass(frozen=True)
class ProgressRow:
    year: int
    reported: tuple[float | None, ...]
    per_target: tuple[tuple[float | None, str], ...]
    """(pathway value, "✔" / "✖" / "") per charted target."""


def _progress(sub: Submission, targets: list[Tracked]) -> list[ProgressRow]:
    method, out = sub.scope2_method, []
    for _, year, period in sub.progress():
        cells = []
        for t in targets:
            e0 = t.base_emissions
            allowed = float(target_pathway(e0, t.base_year, t.target_year, t.reduction, year))
            actual = period.reported(t.scope, method)
            flag = "" if actual is None else \
                "✔" if on_track(e0, t.base_year, t.target_year, t.reduction, year, actual)[0] \
                else "✖"
            cells.append((allowed, flag))
        out.append(ProgressRow(year, (period.scope1, period.scope2_location,
                                      period.scope2_market, period.scope3[0]), tuple(cells)))
    return out


def _charts(sub: Submission, targets: list[Tracked], lang: Lang) -> list[Markup]:
    method, charts = sub.scope2_method, []
    rows = sub.progress()
    for t in targets:
        e0 = t.base_emissions
        years = list(range(t.base_year, t.target_year + 1))
        actual = [(y, v) for _, y, period in rows
                  if (v := period.reported(t.scope, method)) is not None]
        charts.append(Markup(pathway_svg(PathwayChart(
            message("report_target_chart", lang, {"n": t.n, "scope": t.scope,
                                                 "pct": share_text(t.reduction),
                                                 "ty": t.target_year}),
            years, [float(target_pathway(e0, t.base_year, t.target_year, t.reduction, y))
                    for y in years], e0, actual, _lines(lang)))))
    cats = [(f"{i}. {label(lang)}", v)
            for i, (label, v) in enumerate(zip(SCOPE3_CATEGORIES, sub.base.scope3), start=1)
            if v]
    if cats:
        charts.append(Markup(bars_svg(message("report_scope3_chart", lang,
                                              {"year": sub.base.year}), cats)))
    return charts


def _target_rows(sub: Submission, lang: Lang) -> list[dict[str, Any]]:
    by_key = fields_by_key()
    fiscal = sub.get("company.year_type") == "fiscal year"
    company = sub.get("company.name") or ""
    out = []
    for t in sub.targets:
        if t.target_year is None:
            continue
        kind = by_key[t.key("type")].choice(t.type) if t.type else None
        if t.reduction is None and t.type != RENEWABLE:
            continue  # no sentence without its number (the finding says why)
        wording = target_text(company, t.scope, t.type or ABSOLUTE, t.reduction, t.base_year,
                              t.target_year, per=t.intensity_unit, fiscal=fiscal,
                              re_base_share=t.re_base_share,
                              re_target_share=t.re_target_share, lang=lang)
        reached = (str(classify(t.reduction, t.years)) if t.type == ABSOLUTE
                   and t.reduction is not None and t.years and t.years > 0 else "")
        reached = _CLASSES[reached](lang) if reached in _CLASSES else reached
        out.append({"n": t.n, "scope": t.scope, "type": kind.label(lang) if kind else "",
                    "term": t.term or "near-term", "wording": wording, "class": reached})
    return out


def _rollup(sub: Submission, lang: Lang) -> dict[str, Any] | None:
    """A group workbook's roll-up: a line of counts, the files not counted, its problems."""
    r = sub.rollup
    if r is None:
        return None
    share = (lambda v: UNKNOWN(lang) if v is None else f"{v:.1%}")
    return {"line": message("group_rollup_line", lang, {
                "files": len(r.files), "not_counted": r.not_counted, "errors": r.errors,
                "touched": share(r.touched), "touched3": share(r.touched_scope3)}),
            "not_counted": [f for f in r.files if f.state == "not_counted"],
            "problems": list(r.problems)}


def render(report: Report, link_base: str, lang: Lang) -> str:
    """The page for ``report``; findings link to ``link_base#'Sheet'!C5``."""
    w = _words(lang)
    sub = report.submission
    env = Environment(loader=PackageLoader("sbt_xl.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    targets = tracked_targets(sub)
    findings = [{"rule": f.rule, "severity": f.severity.value,
                 "severity_label": w[f"severity_{f.severity.value}"],
                 "symbol": f.severity.symbol, "address": f.address,
                 "href": f"{link_base}#{quote(f.address, safe=_SAFE)}" if f.address else "",
                 "message": f.message(lang)} for f in report.findings]
    return env.get_template("report.html.j2").render(
        w=w, lang=lang, company=sub.get("company.name") or Path(report.path).stem,
        file=Path(report.path).name, criteria=report.criteria_label(lang),
        checked=dt.date.today().isoformat(), errors=report.errors, warnings=report.warnings,
        counts=message("report_counts", lang, {"errors": report.errors,
                                              "warnings": report.warnings}),
        uncharted=[message("report_no_chart", lang, {"n": t["n"], "kind": t["type"]}) for t in
                   _target_rows(sub, lang) if t["n"] not in {c.n for c in targets}],
        findings=findings, targets=_target_rows(sub, lang), charts=_charts(sub, targets, lang),
        charted=targets, progress=_progress(sub, targets), version=__version__,
        rollup=_rollup(sub, lang))


def write_report(path: str | Path, out: str | Path, *, criteria: str | None = None,
                 lang: Lang | None = None) -> tuple[Path, Report]:
    """Check ``path`` and write its report page to ``out`` (atomically)."""
    from sbt_xl.validate import validate_file
    from sbt_xl.workbook import files
    path, out = Path(path), Path(out)
    lang = lang or workbook_language(path)
    report = validate_file(path, criteria, lang=lang)
    link = os.path.relpath(path.resolve(), out.resolve().parent).replace(os.sep, "/")
    files.write_atomic(out, render(report, link, lang).encode("utf-8"))
    return out, report
