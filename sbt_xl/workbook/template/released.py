"""The layouts of released template versions, kept as data (``layouts/vN.json``).

A workbook is read through its defined names, and keys keep their meaning across
versions, so names alone move values forward. The stored layouts add two things: a
workbook whose name for a field was lost (a sheet copied between books drops its names)
can still be read where its own version put that field, and tests can build a workbook
of any released version without the code that made it.

Each file maps a field key to ``[sheet, cell, type]``. The current version's file is
written by ``python -m sbt_xl.workbook.template.released`` when a layout is released; a test keeps
it equal to :data:`~sbt_xl.workbook.template.layout.FIELDS`, so a layout change without a version
bump fails.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sbt_xl.workbook.template.layout import FIELDS, LAYOUT_VERSION


@dataclass(frozen=True)
class Spot:
    """Where a released layout put a field."""

    sheet: str
    cell: str
    type: str


def _path(version: int) -> Path:
    return Path(str(resources.files("sbt_xl.workbook.template") / "layouts" / f"v{version}.json"))


@functools.cache
def released(version: int) -> dict[str, Spot]:
    """The fields of released layout ``version`` (empty if it was never released)."""
    path = _path(version)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: Spot(*spot) for key, spot in data["fields"].items()}


def versions() -> tuple[int, ...]:
    """Every released version with a stored layout, oldest first."""
    return tuple(v for v in range(1, LAYOUT_VERSION + 1) if released(v))


def current() -> dict:
    """The current layout in the stored form."""
    return {"version": LAYOUT_VERSION,
            "fields": {f.key: [f.sheet, f.cell, f.type] for f in FIELDS}}


def write_current(path: Path | None = None) -> Path:
    path = path or _path(LAYOUT_VERSION)
    path.write_text(dump(current()), encoding="utf-8")
    return path


def dump(layout: dict) -> str:
    """JSON with one field per line, so a release's diff shows what moved."""
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                       for k, v in layout["fields"].items())
    return f'{{"version": {layout["version"]}, "fields": {{\n{rows}\n}}}}\n'


if __name__ == "__main__":  # pragma: no cover - a release step
    print(write_current(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
