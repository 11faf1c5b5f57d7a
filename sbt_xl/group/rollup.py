"""The one entry point of the roll-up: files in, a :class:`~sbt_xl.group.consolidate.Group`
out. The command line, the ribbon's Consolidate button and the Dask path all call
:func:`roll_up`; the parent workbook is read once, with the full reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sbt_xl.errors import SbtError
from sbt_xl.group.consolidate import (
    COUNTED,
    NOT_COUNTED,
    STATE_LABELS,
    UNKNOWN,
    Group,
    consolidate,
)
from sbt_xl.group.entity import Entity, entity_from
from sbt_xl.group.read import read_all
from sbt_xl.messages import Lang, Text, render
from sbt_xl.workbook import files


@dataclass(frozen=True)
class Parent:
    """The group's own workbook, read once: its row, its answers, and whether it is one
    of the entities (the head office's file) or only lends its settings (the open group
    workbook the button rolls up into)."""

    entity: Entity
    values: dict[str, Any]
    counted: bool = True


def read_parent(path: str | Path) -> Parent:
    """The head office's workbook (``--parent``); :class:`SbtError` when it cannot be
    read, as the roll-up cannot know the group's settings without it."""
    from sbt_xl.workbook.read.reader import FileSource, parse
    from sbt_xl.workbook.ooxml.package import open_package
    from sbt_xl.workbook.template.layout import FIELDS
    try:
        source = FileSource(open_package(path))
        sub, findings = parse(source.read(FIELDS), FIELDS, source.layout_version)
    except SbtError as err:
        raise SbtError("group_parent", field=str(path), value=Text.of(err.message)) from None
    entity = entity_from(str(path), sub, findings, source.layout_version)
    if not entity.readable:
        raise SbtError("group_parent", field=str(path), value=Text.of(entity.problems[0].message))
    return Parent(entity, sub.values)


def roll_up(paths: Sequence[str | Path], approach: str | None = None,
            parent: Parent | str | Path | None = None, *, workers: int = 1,
            scheduler: str | None = None, each: Callable[[Entity], None] | None = None,
            meanwhile: Callable[[], None] | None = None) -> Group:
    """Read ``paths`` (in ``workers`` processes, or on the Dask ``scheduler``) and total
    the group under ``approach`` (a code of :data:`~sbt_xl.group.structure.APPROACHES`;
    default: the parent's own, else operational control). ``parent`` is the group's own
    workbook (a path, read once here, or already read); it is left out of ``paths``.
    ``each`` sees every entity as it is read; ``meanwhile`` runs while the workers read."""
    if parent is not None and not isinstance(parent, Parent):
        parent = read_parent(parent)
    todo = [Path(p) for p in paths]
    if parent is not None:
        own = files.real(Path(parent.entity.file))
        todo = [p for p in todo if files.real(p) != own]
    reading = read_all(todo, max(1, min(workers, len(todo))), scheduler) if todo else iter(())
    if meanwhile is not None:
        meanwhile()
    entities = []
    for entity in reading:
        if each is not None:
            each(entity)
        entities.append(entity)
    if parent is None:
        return consolidate(entities, approach)
    if parent.counted:
        return consolidate(entities, approach, parent.entity, parent_values=parent.values)
    return consolidate(entities, approach, settings=parent.entity)


def _share(value: float | None) -> Text | str:
    return UNKNOWN if value is None else f"{value:.1%}"


def summary(group: Group, out: Path | str, lang: Lang) -> str:
    """The roll-up in one sentence: approach, counts, totals, problems and the share of
    the group's base-year emissions they touch ("unknown" when it cannot be known)."""
    from sbt_xl.model.vocabulary import APPROACHES
    label = next(c for c in APPROACHES if c.code == group.approach)
    base = group.totals["base"]
    c = group.counts
    return render("group_summary", lang, {
        "field": str(out), "approach": label.label,
        "counted": c["counted"], "missing": c["missing"],
        "s12": f"{(base.scope1 or 0) + (base.scope2(group.scope2_method) or 0):,.0f}",
        "s3": f"{base.scope3_total():,.0f}", "problems": len(group.problems),
        "touched": _share(group.touched), "touched3": _share(group.touched_scope3)})


def file_lines(group: Group, lang: Lang) -> list[str]:
    """One line per file found: ✔ counted, ⚠ counted with problems, ✖ not counted, with
    the reason."""
    out = []
    for row in group.rows:
        e = row.entity
        name = Path(e.file).name
        who = f"{e.code or '?'} {e.name or ''}".strip()
        if row.status == COUNTED:
            out.append(f"✔ {name}: {who}")
        elif row.status == NOT_COUNTED:
            reason = row.reason.message(lang) if row.reason else STATE_LABELS[NOT_COUNTED](lang)
            out.append(f"✖ {name}: {reason}")
        else:
            n = sum(p.file == e.file for p in group.problems)
            out.append(f"⚠ {name}: {who}, " + render("group_with_problems", lang, {"count": n}))
    return out
