"""``sbt-xl upgrade``: move a workbook made with an older template into the current one.

Every field is found through its defined name, and field keys keep their meaning across
layout versions, so an old workbook is read through its own names: each value lands under
the same key in a fresh template. Where a name was lost, the value is read from the cell
its version's released layout (:mod:`~sbt_xl.workbook.template.released`) put the field in, and
the report says so. A value whose name the current layout no longer has is
listed and kept on a sheet of its own; fields the old layout did not have are listed as
new and empty. The values are copied as typed (text stays text), so the validator judges
them exactly as before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sbt_xl.messages import Lang
from sbt_xl.errors import SbtError
from sbt_xl.workbook import files
from sbt_xl.workbook.template.released import released
from sbt_xl.model.vocabulary import N_TARGETS
from sbt_xl.workbook.template.layout import (
    CALCS,
    ENTITIES_NAME,
    FIELDS,
    FINDINGS_NAME,
    GROUP_SUMMARY_CELLS,
    ROLE_NAME,
    Field,
    LAYOUT_VERSION,
    NAME_PREFIX,
    PROBLEMS_NAME,
    TABLES,
    VERDICT_NAME,
    VERSION_NAME,
    fields_by_key,
    key_to_name,
    summarise,
    target_facts,
    wording_name,
)

#: The sheet that keeps values whose field no longer exists.
HOMELESS_SHEET = "Upgrade"
_OWN_NAMES = {VERDICT_NAME, VERSION_NAME, FINDINGS_NAME, *(c.name for c in CALCS),
              *(wording_name(n) for n in range(1, N_TARGETS + 1)), *(t.name for t in TABLES),
              ENTITIES_NAME, PROBLEMS_NAME, ROLE_NAME,
              *(key_to_name(k) for k in GROUP_SUMMARY_CELLS),
              *(name for name, _ in target_facts())}


@dataclass(frozen=True)
class Moved:
    key: str
    value: Any


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade did: the values moved, the new empty fields, the values kept aside."""

    source_version: int
    moved: tuple[Moved, ...]
    new_fields: tuple[Field, ...]
    homeless: tuple[tuple[str, str, Any], ...]
    """(defined name, old cell, value) of values the current layout has no field for."""
    written: Path
    by_address: tuple[tuple[str, str], ...] = ()
    """(key, old cell) of values whose name was missing, read where their layout put them."""


def _language(values: dict[str, Any]) -> Lang:
    """The template language the old workbook was filled in: Japanese dropdown labels
    mean ``ja``."""
    by_key = fields_by_key()
    for key, value in values.items():
        f = by_key[key]
        if f.type == "choice" and isinstance(value, str):
            c = f.choice(value)
            if c is not None and value.strip() == c.label_ja and c.label_ja != c.code:
                return "ja"
    return "en"


def upgrade(source: str | Path, target: str | Path, *, force: bool = False,
            lang: Lang | None = None) -> Upgrade:
    """Write the values of the workbook ``source`` into a current template at ``target``."""
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.read.reader import FileSource
    from sbt_xl.workbook.template.build import build_template, save_reproducibly, set_field

    source, target = Path(source), Path(target)
    if target.exists() and not force:
        raise SbtError("file_exists", field=str(target))
    if files.real(target) == files.real(source):
        raise SbtError("out_is_input", field=str(target))
    src = FileSource(open_package(source))
    if not any(name.startswith(NAME_PREFIX) for name in src.names):  # nothing to move
        raise SbtError("not_template", field=str(source), prefix=NAME_PREFIX)
    raw = src.read(FIELDS)
    by_address = []
    for key, spot in released(src.layout_version).items():
        if key in raw and raw[key].problem == "missing_name":
            rc = src.read_cell(spot.sheet, spot.cell)
            if not rc.problem and rc.value not in (None, ""):
                raw[key] = rc
                by_address.append((key, f"'{spot.sheet}'!{spot.cell}"))
    values = {k: rc.value for k, rc in raw.items()
              if not rc.problem and rc.value not in (None, "")}
    homeless = []
    known = {f.name for f in FIELDS} | {f.status_name for f in FIELDS} | _OWN_NAMES
    for name in sorted(src.names):
        if not name.startswith(NAME_PREFIX) or name in known:
            continue
        rc = src.read_name(name)
        if not rc.problem and rc.value not in (None, ""):
            homeless.append((name, f"'{rc.sheet}'!{rc.cell}", rc.value))
    from sbt_xl.workbook.read.reader import template_role
    wb = build_template(lang or _language(values), template_role(src.names))  # its role kept
    by_key = fields_by_key()
    for key, value in values.items():
        set_field(wb, by_key[key], value)  # as typed: the validator judges it as before
    if homeless:
        from sbt_xl.workbook.write.inert import set_text
        ws = wb.create_sheet(HOMELESS_SHEET)
        ws.append(["Defined name", "Old cell", "Value"])
        for r, row in enumerate(homeless, start=2):
            for c, value in enumerate(row, start=1):
                set_text(ws.cell(r, c), value)
        for col, width in zip("ABC", (40, 24, 50), strict=True):
            ws.column_dimensions[col].width = width
    save_reproducibly(wb, target)
    new = tuple(f for f in FIELDS if f.since > src.layout_version and raw[f.key].problem)
    return Upgrade(src.layout_version, tuple(Moved(k, v) for k, v in values.items()), new,
                   tuple(homeless), target, tuple(by_address))


def default_target(source: Path) -> Path:
    """``name.xlsx`` → ``name_v<current>.xlsx`` beside it (.xlsx also for an .xlsm: the
    upgraded workbook is a fresh template, without macros)."""
    return source.with_name(f"{source.stem}_v{LAYOUT_VERSION}.xlsx")


def _plain(value: Any) -> Any:
    """A value as JSON shows it: dates as ISO text, whole floats as integers."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def record(result: Upgrade) -> dict[str, Any]:
    """What ``upgrade --json`` prints (its schema is in README, "JSON output")."""
    found_at = dict(result.by_address)
    return {"written": str(result.written), "from_version": result.source_version,
            "to_version": LAYOUT_VERSION,
            "moved": [{"key": m.key, "value": _plain(m.value),
                       "read_from": found_at.get(m.key)} for m in result.moved],
            "new_fields": [f.key for f in result.new_fields],
            "kept_aside": [{"name": n, "cell": c, "value": _plain(v)}
                           for n, c, v in result.homeless]}


def describe(result: Upgrade, lang: Lang = "en") -> str:
    """The report the command prints: every value moved, every new field, every value
    kept aside (its sentences from the message catalogue)."""
    from sbt_xl.messages import render
    by_key = fields_by_key()
    lines = [render("upgrade_done", lang, {"field": str(result.written),
                                           "version": result.source_version,
                                           "current": LAYOUT_VERSION,
                                           "count": len(result.moved)})]
    found_at = dict(result.by_address)
    for m in result.moved:
        value = _plain(m.value)
        lines.append(f"  = {m.key:<40} {value!r:.60}  ({by_key[m.key].label(lang)})")
        if m.key in found_at:
            lines.append(f"      {found_at[m.key]}: " +
                         render("upgrade_read_by_address", lang, {}))
    for key, en, ja in summarise(result.new_fields):
        lines.append(f"  + {key:<40} " + render("upgrade_new_field", lang,
                                                  {"label": {"en": en, "ja": ja}}))
    for name, cell, value in result.homeless:
        lines.append(f"  ! {name:<40} {cell} {_plain(value)!r:.60}  " +
                     render("upgrade_no_home", lang, {"sheet": HOMELESS_SHEET}))
    return "\n".join(lines)
