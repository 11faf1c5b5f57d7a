"""One subsidiary workbook read into one small row: what the roll-up needs, nothing more.

:func:`read_entity` runs in worker processes; it never raises. A workbook that cannot be
read becomes an :class:`Entity` with ``readable=False`` and the reason as its problem, so a
bad file never stops the others and never drops out unseen.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sbt_xl.core.scope3 import N_CATEGORIES
from sbt_xl.model.roles import GROUP
from sbt_xl.errors import SbtError, unexpected
from sbt_xl.messages import Lang, Text, render
from sbt_xl.model.findings import Finding, Severity
from sbt_xl.model.submission import Period, Submission
from sbt_xl.model.vocabulary import PERIODS, PROGRESS_KEYS
from sbt_xl.workbook.template.layout import FIELDS, LAYOUT_VERSION

#: The fields the roll-up reads from each workbook.
ENTITY_KEYS = ("entity.name", "entity.code", "entity.parent", "entity.ownership",
               "entity.financial_control", "entity.operational_control")
READ_KEYS = frozenset({*ENTITY_KEYS, "company.name", "inventory.scope2_method",
                       "boundary.approach"})
_LOCATED = frozenset({*ENTITY_KEYS, "inventory.scope2_method",
                      *(f"inventory.{p}.{k}" for p in PERIODS for k in (
                          "year", "scope1", "scope2_location", "scope2_market",
                          "scope3.cat01"))})
FIELDS_READ = tuple(f for f in FIELDS if f.key in READ_KEYS or f.key.startswith("progress.")
                    or (f.key.startswith("inventory.") and not f.key.endswith("_status")))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located where it can be."""

    file: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    entity: str | None = None
    where: str = ""
    """``'Company'!C22`` when the problem is about one cell."""
    severity: Severity = Severity.ERROR
    field: str = ""
    """The template's key of the cell, when known (``inventory.base.year``)."""

    def message(self, lang: Lang = "en") -> str:
        return render(self.code, lang, self.params)


#: An inventory year with nothing in it (a workbook that could not be read).
EMPTY = Period(name="", year=None, scope1=None, scope2_location=None, scope2_market=None,
               scope3=(None,) * N_CATEGORIES, scope3_status=())


@dataclass(frozen=True)
class Entity:
    file: str
    code: str | None = None
    name: str | None = None
    parent: str | None = None
    ownership: float | None = None
    financial_control: str | None = None
    operational_control: str | None = None
    scope2_method: str | None = None
    approach: str | None = None
    base: Period = EMPTY
    recent: Period = EMPTY
    problems: tuple[Problem, ...] = ()
    readable: bool = True
    cells: tuple[tuple[str, str], ...] = ()
    """(key, ``'Sheet'!C5``) of the fields a roll-up problem can be about."""
    progress: tuple[tuple[int, tuple[float | None, ...]], ...] = ()
    """(year, figures) of its Progress rows with any figure, figures in the order of
    :data:`~sbt_xl.model.vocabulary.PROGRESS_KEYS`."""

    def cell(self, key: str) -> str:
        return dict(self.cells).get(key, "")

    @property
    def label(self) -> str:
        return self.code or self.name or self.file

    def period(self, name: str) -> Period:
        return self.base if name == "base" else self.recent


#: The workbooks the roll-up reads.
SUFFIXES = (".xlsx", ".xlsm")
#: What a file that is not one is, by its extension (others: "not a workbook").
_KINDS = {
    ".xls": Text(".xls is the old Excel 97–2003 format",
                 ".xls は旧形式（Excel 97–2003）のブックです"),
    ".ods": Text(".ods is an OpenDocument spreadsheet", ".ods は OpenDocument 形式の表です"),
    ".csv": Text(".csv is a text table without the template's cells",
                 ".csv はテンプレートのセルを持たないテキストの表です"),
    ".xlsb": Text(".xlsb is Excel's binary format", ".xlsb は Excel のバイナリ形式です"),
}


#: The reason a group workbook found among the returns is not counted (its figures are
#: the group's own, so it touches no share either).
GROUP_WORKBOOK = "group_a_group_workbook"


def _not_readable(path: str, code: str, params: dict[str, Any]) -> Entity:
    return Entity(path, readable=False, problems=(Problem(path, code, params),))


def read_entity(path: str) -> Entity:
    """The roll-up's row for one file (never raises); a file that is not an .xlsx/.xlsm
    workbook is one that is not counted, with the reason."""
    from sbt_xl.workbook.read.reader import parse, template_role
    from sbt_xl.workbook.read.scan import read_with
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        return _not_readable(path, "group_not_xlsx", {"kind": _KINDS.get(suffix, Text(
            f"{suffix or 'a file without an extension'} is not a workbook",
            f"{suffix or '拡張子のないファイル'} はブックではありません"))})
    try:
        raw, version, role = read_with(path, lambda _, source: (
            source.read(FIELDS_READ), source.layout_version, template_role(source.names)))
        if role == GROUP:  # an earlier roll-up left among the returns: never an entity
            return _not_readable(path, GROUP_WORKBOOK, {})
        sub, findings = parse(raw, FIELDS_READ, version)
    except Exception as exc:  # noqa: BLE001  (a damaged file is a problem, not a crash)
        err = exc if isinstance(exc, SbtError) else unexpected(path, exc)
        return _not_readable(path, "group_unreadable", {"reason": Text.of(err.message)})
    return entity_from(path, sub, findings, version)


def entity_from(path: str, sub: Submission, findings: Iterable[Finding] = (),
                version: int = LAYOUT_VERSION) -> Entity:
    """The roll-up's row for an already read workbook (a file, or the open book)."""
    if not sub.locations:  # none of the template's names: another workbook
        return _not_readable(path, "group_not_template", {})
    v = sub.values
    code = v.get("entity.code")
    problems = tuple(
        Problem(path, "group_input", {"message": Text.of(f.message)},
                code, f.address, f.severity, f.field)
        for f in findings if f.rule != "TEMPLATE-VERSION")
    if version < 3:
        problems += (Problem(path, "group_old_template", {"version": version},
                             code),)
    cells = tuple((k, f"'{loc.sheet}'!{loc.cell}") for k, loc in sub.locations.items()
                  if k in _LOCATED)
    return Entity(path, code, v.get("entity.name") or v.get("company.name"),
                  v.get("entity.parent"), v.get("entity.ownership"),
                  v.get("entity.financial_control"), v.get("entity.operational_control"),
                  v.get("inventory.scope2_method"), v.get("boundary.approach"),
                  sub.base, sub.recent, problems=problems, cells=cells,
                  progress=tuple((year, tuple(v.get(f"progress.{i}.{k}") for k in PROGRESS_KEYS))
                                 for i, year, _ in sub.progress()))
