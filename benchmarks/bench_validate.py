"""Validate 200 filled workbooks: time split into read, rules and write, next to
python-calamine alone reading the same files. Prints figures; asserts nothing about time.

    python benchmarks/bench_validate.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import python_calamine

from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template import build_template, fill, save_reproducibly


def make_files(folder: Path, n: int) -> list[Path]:
    rng = random.Random(7)
    template_values = dict(PASSING)
    out = []
    for i in range(n):
        values = dict(template_values)
        for key in ("inventory.base.scope1", "inventory.recent.scope1"):
            values[key] = round(values[key] * rng.uniform(0.5, 1.5))
        values["targets.1.reduction"] = round(rng.uniform(0.2, 0.6), 3)
        values["targets.1.target_year"] = rng.choice([2030, 2033, 2035, 2040])
        path = folder / f"sub_{i:03d}.xlsx"
        save_reproducibly(fill(build_template(rng.choice(["en", "ja"])), values), path)
        out.append(path)
    return out


def main(n: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        files = make_files(folder, n)
        print(f"made {n} workbooks in {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        for f in files:
            book = python_calamine.CalamineWorkbook.from_path(str(f))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        calamine = time.perf_counter() - t

        out = folder / "out"
        out.mkdir()
        totals = {"read": 0.0, "rules": 0.0, "write": 0.0}
        errors = 0
        t = time.perf_counter()
        for f in files:
            report = validate_file(f, "v5", out=out / f.name)
            errors += report.errors > 0
            for k in totals:
                totals[k] += report.seconds.get(k, 0.0)
        wall = time.perf_counter() - t

    print(f"validated {n} workbooks ({errors} with errors) in {wall:.2f} s "
          f"({wall / n * 1e3:.1f} ms each)")
    for k, v in totals.items():
        print(f"  {k:<6} {v:7.3f} s  {v / n * 1e3:6.2f} ms/workbook")
    print(f"  python-calamine alone, all sheets: {calamine:.3f} s "
          f"({calamine / n * 1e3:.2f} ms/workbook)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
