"""Workbook → :class:`~sbt_xl.model.submission.Submission`, found through the defined names.

Two sources give raw cell values: :class:`FileSource` reads a saved .xlsx/.xlsm, verified
by :func:`~sbt_xl.workbook.ooxml.package.open_package`, with python-calamine (fast, read-only),
and :mod:`sbt_xl.excel.xlwings_book` reads a workbook open in Excel. :func:`parse` turns raw values into typed ones; anything it cannot read becomes a
finding that names the cell (rules ``INPUT-*``), never an exception.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import python_calamine

from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.errors import SbtError
from sbt_xl.messages import Text, render
from sbt_xl.model.findings import Finding, Severity
from sbt_xl.model.submission import Location, Submission
from sbt_xl.model import cells
from sbt_xl.model.cells import EXCEL_ERRORS
from sbt_xl.workbook.ooxml import xml
from sbt_xl.model.cells import locate
from sbt_xl.model.vocabulary import SECTION_TITLES
from sbt_xl.workbook.template.layout import (
    FIELDS,
    FORMULA_INPUTS,
    LAYOUT_VERSION,
    NAME_PREFIX,
    VERSION_NAME,
    Field,
    summarise,
)
from sbt_xl.workbook.ooxml.constants import NS, R
from sbt_xl.workbook.ooxml.package import Package, open_package

#: The one finding of a workbook with none of the template's names.
NOT_TEMPLATE = "NOT-TEMPLATE"


class RawCell(NamedTuple):
    """What a source found for one field: its location and raw value, or the problem
    (``"missing_name"``, ``"broken_name"``, ``"not_one_cell"`` or ``"merged"``). A tuple:
    a check makes one for each of ~360 fields."""

    sheet: str = ""
    cell: str = ""
    value: Any = None
    problem: str | None = None


_NO_NAME = RawCell(problem="missing_name")


class CellSource(Protocol):
    layout_version: int
    """The template layout version the workbook was made with (1 when it has none)."""

    def read(self, fields: tuple[Field, ...]) -> dict[str, RawCell]: ...


def layout_version(names: Mapping[str, str]) -> int:
    """The version recorded in the defined name ``SBT_layout_version``; 1 without it."""
    text = names.get(VERSION_NAME, "").strip().lstrip("=")
    try:
        return int(float(text))
    except ValueError:
        return 1


def template_role(names: Mapping[str, str]) -> str:
    """The template's role recorded in the defined name ``SBT_role`` (company without it)."""
    from sbt_xl.model.roles import parse_role
    from sbt_xl.workbook.template.layout import ROLE_NAME
    return parse_role(names.get(ROLE_NAME))


_ERROR_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*?t="e"[^>]*>.*?<v>([^<]*)</v>', re.S)


class NamedCells:
    """Fields read through the workbook's defined names: what a source that can find a
    sheet's merged ranges and a cell's raw value has in common (``names``: workbook-level
    defined names → reference text; ``sheet_names``: the worksheets)."""

    names: Mapping[str, str]
    sheet_names: frozenset[str]
    layout_version: int

    def _merged(self, sheet: str) -> list | None:
        """The sheet's merged ranges as ``((r0, c0), (r1, c1))``; None: no such sheet."""
        raise NotImplementedError

    def _value(self, sheet: str, cell: str) -> Any:
        raise NotImplementedError

    def read(self, fields: tuple[Field, ...]) -> dict[str, RawCell]:
        return {f.key: self.read_name(f.name) for f in fields}

    def _locate(self, name: str) -> tuple[str, str] | str:
        return locate(self.names, self.sheet_names, name)

    def read_name(self, name: str) -> RawCell:
        """The cell the workbook-level defined name ``name`` points at."""
        where = self._locate(name)
        if isinstance(where, str) or self._merged(where[0]) is None:
            problem = where if isinstance(where, str) else "broken_name"
            return RawCell(problem=problem, value=self.names.get(name))
        return self.read_cell(*where)

    def read_cell(self, sheet: str, cell: str) -> RawCell:
        """The cell at ``cell`` of ``sheet`` (``broken_name`` if there is no such sheet)."""
        merged = self._merged(sheet)
        if merged is None:
            return RawCell(problem="broken_name")
        if merged:
            r, c = cells.index(cell)
            if any(r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0)
                   for (r0, c0), (r1, c1) in merged):
                return RawCell(sheet, cell, problem="merged")
        return RawCell(sheet, cell, self._value(sheet, cell))


#: Relationship types of Excel 4.0 macro sheets (international ones too).
MACRO_SHEET_TYPES = ("/xlMacrosheet", "/xlIntlMacrosheet")


def _macro_sheets(package: Package) -> list[str]:
    """The titles of the workbook's Excel 4.0 macro sheets."""
    wb = package.workbook_part
    rels = package.rels(wb)
    return [s.get("name", "") for s in package.xml(wb).iterfind("m:sheets/m:sheet", NS)
            if rels.get(s.get(R + "id", ""), ("", ""))[0].endswith(MACRO_SHEET_TYPES)]


class FileSource(NamedCells):
    """Raw cells of a saved workbook, opened and verified as a :class:`Package`: names from
    ``workbook.xml``, values from python-calamine.

    python-calamine 0.9.1 returns Excel error cells as empty strings, so error cells are
    found with one pass over each sheet's XML (only when it has any).
    """

    def __init__(self, package: Package) -> None:
        self.package = package
        self.names = package.defined_names
        self.layout_version = layout_version(self.names)
        self.sheet_names = frozenset(s.name for s in package.sheets)
        self._parts = {s.name: s.part for s in package.sheets}
        self._errors: dict[str, dict[str, str]] = {}
        try:
            self.book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.data))
        except python_calamine.CalamineError as exc:
            macro = _macro_sheets(package)
            if macro:  # python-calamine 0.9.1 cannot open a workbook with one
                raise SbtError("excel4_macro_sheet", field=str(package.path),
                               sheet=", ".join(macro)) from None
            raise SbtError("not_a_workbook", field=str(package.path), value=str(exc)) from None
        self._grids: dict[str, tuple[list[list[Any]], list]] = {}

    def _grid(self, sheet: str) -> tuple[list[list[Any]], list] | None:
        if sheet not in self._grids:
            # inflate (bounded) and screen the part before python-calamine parses it
            part = self._parts.get(sheet, "")
            data = self.package.read(part) if self.package.has(part) else b""
            xml.refuse_dtd(data, str(self.package.path), part)
            if b't="e"' in data:
                self._errors[sheet] = {c.decode(): v.decode()
                                       for c, v in _ERROR_CELL.findall(data)}
            try:
                ws = self.book.get_sheet_by_name(sheet)
                rows = ws.to_python(skip_empty_area=False)
            except python_calamine.WorksheetNotFound:
                return None
            except python_calamine.CalamineError as exc:
                raise SbtError("not_a_workbook", field=str(self.package.path),
                               value=f"{sheet}: {exc}") from None
            self._grids[sheet] = (rows, list(ws.merged_cell_ranges or ()))
        return self._grids[sheet]

    def _merged(self, sheet: str) -> list | None:
        grid = self._grid(sheet)
        return None if grid is None else grid[1]

    def _value(self, sheet: str, cell: str) -> Any:
        value = self._errors.get(sheet, {}).get(cell)
        if value is None:
            rows = self._grids[sheet][0]
            r, c = cells.index(cell)
            value = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
        return value


# --- raw → typed ---------------------------------------------------------------------

_UNITS = re.compile(r"\s*(t-?co2e?|tco2e|tonnes?|t|トン|年|%)\s*$", re.I)


@dataclass(frozen=True)
class _Parsed:
    value: Any
    code: str | None = None     # message code of the finding, if any
    severity: Severity = Severity.ERROR
    params: dict[str, Any] | None = None


def _normalise_text(text: str) -> str:
    """Full-width digits and signs to ASCII, trimmed (NFKC)."""
    return unicodedata.normalize("NFKC", text).strip()


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def _number_from_text(text: str) -> tuple[float, bool] | None:
    """A number typed as text → (value, had a percent sign); None if it is not one, or
    if it could be read two ways: a comma is only a thousands separator (``120,000``),
    never a decimal comma (``1,5`` or ``12.000,5`` are refused, not guessed)."""
    t = _normalise_text(text)
    percent = t.endswith("%")
    t = _UNITS.sub("", t).replace(" ", "")
    if "," in t:
        if not _THOUSANDS.fullmatch(t):
            return None
        t = t.replace(",", "")
    try:
        value = float(t)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return (value / 100 if percent else value), percent


#: A year typed as text: 2020年, 2020 年度 (the fiscal year that starts in 2020), FY2020.
_YEAR_TEXT = re.compile(r"(?:FY|fy|Fy)?\s*((?:19|20|21)\d{2})\s*(?:年度|年)?")
#: 12.000 or 1.500: a decimal point, or (European) a thousands separator.
_DOT_GROUPS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")
#: 1,5 or 12.000,5: a decimal comma (European style).
_COMMA_DECIMAL = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+|[+-]?\d+,(\d{1,2}|\d{4,})")


def _two_readings(text: str) -> tuple[str, Severity, dict[str, Any]] | None:
    """Text whose number depends on the writer's convention: refused with the readings
    shown (12.000: 12, or 12,000 with dots between thousands; 12.000,5: 12,000.5 with a
    decimal comma), never guessed."""
    t = _UNITS.sub("", _normalise_text(text)).replace(" ", "")
    if _DOT_GROUPS.fullmatch(t):
        european = float(t.replace(".", ""))
        if t.count(".") == 1:
            return "input_ambiguous_number", Severity.ERROR, {
                "value": text, "first": f"{float(t):,.10g}", "second": f"{european:,.10g}"}
        return "input_european_number", Severity.ERROR, {"value": text,
                                                         "read": f"{european:.10g}"}
    if _COMMA_DECIMAL.fullmatch(t):
        european = float(t.replace(".", "").replace(",", "."))
        return "input_european_number", Severity.ERROR, {"value": text,
                                                         "read": f"{european:.10g}"}
    return None


def _as_number(f: Field, raw: Any) -> _Parsed:
    if isinstance(raw, bool):
        return _Parsed(None, "input_not_number", params={"value": raw})
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            return _Parsed(None, "input_not_number", params={"value": str(raw)})
        return _Parsed(float(raw))
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return _Parsed(None, "input_not_number", params={"value": str(raw)})
    if f.type == "year" and (m := _YEAR_TEXT.fullmatch(_normalise_text(str(raw)))):
        got: tuple[float, bool] | None = (float(m.group(1)), False)  # 2020年, FY2020
    elif two := _two_readings(str(raw)):
        return _Parsed(None, *two)
    else:
        got = _number_from_text(str(raw))
    if got is None:
        return _Parsed(None, "input_not_number", params={"value": raw})
    read = f"{got[0]:.10g}" if f.type == "year" else f"{got[0]:,.10g}"
    params = {"value": raw, "read": read}
    if f.key in FORMULA_INPUTS:  # the workbook's own totals would be wrong when printed
        return _Parsed(got[0], "input_text_in_formula", Severity.ERROR, params)
    return _Parsed(got[0], "input_number_as_text", Severity.WARNING, params)


def _check_range(f: Field, p: _Parsed) -> _Parsed:
    v = p.value
    if v is None:
        return p
    if f.type == "fraction" and 1 < v <= 100:
        return _Parsed(None, "input_percent_as_number",
                       params={"value": f"{v:g}", "share": f"{v / 100:g}"})
    if (f.low is not None and v < f.low) or (f.high is not None and v > f.high):
        return _Parsed(None, "input_out_of_range" if f.high is not None else "input_below_minimum",
                       params={"value": f"{v:g}", "low": f"{f.low:g}" if f.low is not None else None,
                               "high": f"{f.high:g}" if f.high is not None else None})
    if f.type == "year":
        if v != int(v):
            return _Parsed(None, "not_a_year", params={"value": v})
        return _Parsed(int(v), p.code, p.severity, p.params)
    return p


def _as_date(raw: Any) -> _Parsed:
    if isinstance(raw, dt.datetime):
        return _Parsed(raw.date())
    if isinstance(raw, dt.date):
        return _Parsed(raw)
    text = _normalise_text(str(raw))
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return _Parsed(dt.datetime.strptime(text, fmt).date(), "input_date_as_text",
                           Severity.WARNING, {"value": raw})
        except ValueError:
            continue
    return _Parsed(None, "input_not_date", params={"value": raw})


def parse_categories(raw: Any) -> frozenset[int] | None:
    """``"1, 4, 11"``, ``"1-4,11"``, ``"all"``, ``"すべて"`` or a number → category numbers."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(int(raw)) if float(raw).is_integer() else str(raw)
    text = _normalise_text(str(raw)).lower().replace("、", ",").replace("～", "-")
    if text in ("all", "すべて", "全て", "全カテゴリ"):
        return frozenset(range(1, N_CATEGORIES + 1))
    out: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+", text))):
        m = re.fullmatch(r"(?:cat\.?)?(\d+)(?:-(\d+))?", part)
        if not m:
            return None
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if not 1 <= lo <= hi <= N_CATEGORIES:
            return None
        out.update(range(lo, hi + 1))
    return frozenset(out)


def _typed(f: Field, raw: Any) -> _Parsed:
    if f.type in ("tco2e", "number", "fraction", "year"):
        return _check_range(f, _as_number(f, raw))
    if f.type == "date":
        return _as_date(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if f.type == "choice":
        choice = f.choice(_normalise_text(str(raw)))
        if choice is None:
            return _Parsed(None, "input_not_allowed", params={
                "value": raw, "allowed": _COMMAS.join(c.label for c in f.allowed)})
        return _Parsed(choice.code)
    if f.type == "categories":
        cats = parse_categories(raw)
        if cats is None:
            return _Parsed(None, "input_bad_categories", params={"value": raw})
        return _Parsed(cats)
    return _Parsed(str(raw).strip())


_PROBLEM_CODES = {"missing_name": "input_missing_name", "broken_name": "input_broken_name",
                  "merged": "input_merged"}


@functools.lru_cache(maxsize=4096)
def _location(sheet: str, cell: str) -> Location:
    """(Shared: a template's copies have their fields in the same cells.)"""
    return Location(sheet, cell)


def parse(raw: dict[str, RawCell], fields: tuple[Field, ...] = FIELDS,
          version: int = LAYOUT_VERSION) -> tuple[Submission, list[Finding]]:
    """Typed values and the reader's findings (rule ids ``INPUT-*``). Fields newer than the
    workbook's layout ``version`` that it lacks give one ``TEMPLATE-VERSION`` finding."""
    values: dict[str, Any] = {}
    locations: dict[str, Location] = {}
    findings: list[Finding] = []
    newer: list[Field] = []
    for f in fields:
        rc = raw.get(f.key, _NO_NAME)
        if rc.sheet:
            locations[f.key] = _location(rc.sheet, rc.cell)
        if rc.problem == "missing_name" and f.since > version:
            newer.append(f)
            values[f.key] = None
            continue
        if rc.problem:
            findings.append(Finding("INPUT-NAME", Severity.ERROR, f.key,
                                    _PROBLEM_CODES[rc.problem],
                                    {"name": f.name, "value": rc.value}, rc.sheet, rc.cell))
            values[f.key] = None
            continue
        v = rc.value
        if isinstance(v, str) and v.strip() == "":
            v = None
        if v is None:
            values[f.key] = None
            continue
        if isinstance(v, str) and v.strip() in EXCEL_ERRORS:
            findings.append(Finding("INPUT-ERROR", Severity.ERROR, f.key, "excel_error",
                                    {"value": v.strip()}, rc.sheet, rc.cell))
            values[f.key] = None
            continue
        p = _typed(f, v)
        values[f.key] = p.value
        if p.code:
            rule = "INPUT-FORMAT" if p.severity is Severity.WARNING else "INPUT-TYPE"
            findings.append(Finding(rule, p.severity, f.key, p.code, p.params or {},
                                    rc.sheet, rc.cell))
    unreadable = frozenset(f.field for f in findings if f.severity is Severity.ERROR)
    if not locations and all(raw.get(f.key, _NO_NAME).problem
                             == "missing_name" for f in fields):
        # not one field's name: not an sbt-xl template at all, one error says so
        findings = [Finding(NOT_TEMPLATE, Severity.ERROR, "", "not_template",
                            {"prefix": NAME_PREFIX})]
        unreadable = frozenset(f.key for f in fields)
    else:
        findings = _one_per_sheet(findings, fields) + _older_template(newer, version)
    return Submission(values, locations, unreadable), findings


def _one_per_sheet(findings: list[Finding], fields: tuple[Field, ...]) -> list[Finding]:
    """One finding for a sheet whose every field lost its name (the sheet was deleted or
    its names removed), instead of one per field."""
    lost = {f.field for f in findings if f.rule == "INPUT-NAME"
            and f.code in ("input_missing_name", "input_broken_name")}
    by_sheet: dict[str, list[Field]] = {}
    for f in fields:
        by_sheet.setdefault(f.sheet, []).append(f)
    gone = {sheet: fs for sheet, fs in by_sheet.items()
            if len(fs) > 1 and all(f.key in lost for f in fs)}
    if not gone:
        return findings
    dropped = {f.key for fs in gone.values() for f in fs}
    return [f for f in findings if f.field not in dropped] + [
        Finding("INPUT-SHEET", Severity.ERROR, fs[0].key, "input_sheet_missing",
                {"sheet": sheet, "count": len(fs)}) for sheet, fs in gone.items()]


_ROW_KEY = re.compile(r"^(\w+)\.(\d+)\.(.+)$")
_ROW_LABEL = re.compile(r"^[^:：]*\d+\s*[:：]\s*")


#: Between the items of a list in a message.
_COMMAS, _SEMICOLONS = Text(", ", "、"), Text("; ", "、")


def _per_row(listed: list[tuple[str, str, str]]) -> list[Text]:
    """The labels of (key, label en, label ja): a field of every numbered row once
    ("Term (rows 1–6)"), not once per row."""
    rows: dict[str, list[int]] = {}
    labels: dict[str, Text] = {}
    out: list[Text | str] = []
    for key, en, ja in listed:
        m = _ROW_KEY.match(key)
        if not m:
            out.append(Text(en, ja))
            continue
        rest = f"{m.group(1)}.N.{m.group(3)}"
        if rest not in rows:
            rows[rest] = []
            labels[rest] = Text(_ROW_LABEL.sub("", en), _ROW_LABEL.sub("", ja))
            out.append(rest)
        rows[rest].append(int(m.group(2)))
    def one(item: Text | str) -> Text:
        if isinstance(item, Text):
            return item
        n = rows[item]
        span = f"{min(n)}–{max(n)}" if len(n) > 1 else str(n[0])
        return Text.of(lambda lang: render("field_in_rows", lang, {
            "label": labels[item], "count": len(n), "span": span}))
    return [one(i) for i in out]


def _older_template(newer: list[Field], version: int) -> list[Finding]:
    """A workbook of an older layout: one warning with the count and the sections, and
    the fields it lacks listed by section (information, for the Findings sheet)."""
    if not newer:
        return []
    sections: dict[str, list[Field]] = {}
    for f in newer:
        sections.setdefault(f.section, []).append(f)
    titles = [SECTION_TITLES.get(s, Text(s, s)) for s in sections]
    out = [Finding("TEMPLATE-VERSION", Severity.WARNING, newer[0].key, "template_older", {
        "version": version, "current": LAYOUT_VERSION, "count": len(newer),
        "sections": _SEMICOLONS.join(titles)})]
    for title, fs in zip(titles, sections.values()):
        listed = _per_row(summarise(fs))
        out.append(Finding("TEMPLATE-VERSION", Severity.INFO, fs[0].key,
                           "template_older_section", {
                               "section": title, "count": len(fs),
                               "fields": _SEMICOLONS.join(listed)}))
    return out


def read_submission(path: str | Path) -> tuple[Submission, list[Finding]]:
    """Read a saved workbook. Raises :class:`SbtError` if it cannot be checked."""
    source = FileSource(open_package(path))
    return parse(source.read(FIELDS), FIELDS, source.layout_version)
