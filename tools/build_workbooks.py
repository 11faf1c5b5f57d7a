"""Write the shipped workbooks: ``python -m tools.build_workbooks workbooks``.

The templates (en, ja), the example submissions of :mod:`sbt_xl.workbook.examples` and the
formulas example; a test checks that ``workbooks/`` is byte-for-byte what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sbt_xl.workbook.examples import EXAMPLES, TEMPLATES
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly
from tools import formulas_example

#: The formulas laid out over a table of subsidiaries (not a submission).
FORMULAS_EXAMPLE = "example_formulas.xlsx"


def write_all(folder: str | Path) -> list[Path]:
    """Write the templates and the examples into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, lang in TEMPLATES.items():
        save_reproducibly(build_template(lang), folder / name)
        out.append(folder / name)
    for name, (lang, values) in EXAMPLES.items():
        save_reproducibly(fill(build_template(lang), values, lang), folder / name)
        out.append(folder / name)
    out.append(formulas_example.write(folder / FORMULAS_EXAMPLE))
    return out


if __name__ == "__main__":
    for p in write_all(sys.argv[1] if len(sys.argv) > 1 else "workbooks"):
        print(p)
