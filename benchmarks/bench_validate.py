"""Validate filled workbooks and print where the time goes. Asserts nothing about time.

1. In one process, per workbook: read, rules and write (the package writer), next to
   python-calamine's bare read of the same files and the old openpyxl write (load, save,
   normalise: what the write-back cost before it edited the package in place).
2. One ``sbt-xl validate FILE --json`` process, start to end (median of 15).
3. ``sbt-xl validate -o DIR`` over N copies (default 2,000), with one worker and with
   one per core.

    python benchmarks/bench_validate.py [N]
"""

from __future__ import annotations

import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

from sbt_xl.validate import validate_file
from sbt_xl.workbook.examples import EXAMPLES, PASSING
from sbt_xl.workbook.ooxml.normalise import normalise_zip
from sbt_xl.workbook.template.build import (
    build_template,
    fill,
    save_reproducibly,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(ROOT / "workbooks" / name for name in EXAMPLES)
SBT_XL = Path(sys.executable).with_name("sbt-xl")


def make_files(folder: Path, n: int) -> list[Path]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        values = dict(PASSING)
        for key in ("inventory.base.scope1", "inventory.recent.scope1"):
            values[key] = round(values[key] * rng.uniform(0.5, 1.5))
        values["targets.1.reduction"] = round(rng.uniform(0.2, 0.6), 3)
        values["targets.1.target_year"] = rng.choice([2030, 2033, 2035, 2040])
        path = folder / f"sub_{i:03d}.xlsx"
        save_reproducibly(fill(build_template(rng.choice(["en", "ja"])), values), path)
        out.append(path)
    return out


def calamine_read(path: Path) -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def openpyxl_write(path: Path) -> None:
    wb = openpyxl.load_workbook(path, rich_text=True)
    raw, out = io.BytesIO(), io.BytesIO()
    wb.save(raw)
    normalise_zip(raw, out)


def per_file(label: str, files: list[Path], out: Path) -> None:
    stages = {"read": [], "rules": [], "write": []}
    bare, old = [], []
    for f in files * max(5, 40 // len(files)):
        report = validate_file(f, "v5", out=out / f.name)
        for k in stages:
            stages[k].append(report.seconds[k])
        t = time.perf_counter()
        calamine_read(f)
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        openpyxl_write(f)
        old.append(time.perf_counter() - t)
    ms = lambda xs: f"{statistics.median(xs) * 1e3:6.2f} ms"  # noqa: E731
    print(f"{label:<26} read {ms(stages['read'])}  rules {ms(stages['rules'])}  "
          f"write {ms(stages['write'])} | calamine bare read {ms(bare)}  "
          f"old openpyxl write {ms(old)}")


#: A bare Python process reading every sheet of the file with python-calamine.
BARE = ("import sys, python_calamine as c\n"
        "b = c.CalamineWorkbook.from_path(sys.argv[1])\n"
        "for n in b.sheet_names: b.get_sheet_by_name(n).to_python(skip_empty_area=False)")


def one_process(path: Path) -> tuple[float, float]:
    """Medians of 15 (taking turns): ``sbt-xl validate FILE --json`` and the bare process."""
    ours, bare = [], []
    for _ in range(15):
        for cmd, times in (([str(SBT_XL), "validate", str(path), "--json"], ours),
                           ([sys.executable, "-c", BARE, str(path)], bare)):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True)
            times.append(time.perf_counter() - t)
    return statistics.median(ours), statistics.median(bare)


def batch(files: list[Path], out: Path, jobs: int) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    t = time.perf_counter()
    proc = subprocess.run([str(SBT_XL), "validate", *map(str, files), "-o", str(out),
                           "--jobs", str(jobs), "--json"], capture_output=True)
    return time.perf_counter() - t, proc.returncode


def main(n: int = 2000) -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "sbt_xl")],
                   capture_output=True)  # as an installed wheel has it
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out"
        out.mkdir()
        print("1. per workbook, median (in one process)")
        for f in SHIPPED:
            per_file(f.name, [f], out)
        made = make_files(folder, 40)
        per_file("40 generated", made, out)

        print("2. one 'sbt-xl validate FILE --json' process, median of 15 (byte code "
              "compiled), next to a bare python-calamine process reading the same file")
        for f in SHIPPED:
            ours, bare = one_process(f)
            print(f"   {f.name:<26} {ours * 1e3:6.0f} ms  bare {bare * 1e3:5.0f} ms  "
                  f"{ours / bare:4.1f}x")

        copies = folder / "batch"
        copies.mkdir()
        files = []
        for i in range(n):
            dst = copies / f"sub_{i:04d}.xlsx"
            shutil.copy(made[i % len(made)], dst)
            files.append(dst)

        def bare_read() -> float:
            t = time.perf_counter()
            for f in files:
                calamine_read(f)
            return time.perf_counter() - t

        runs = []
        before = bare_read()
        for jobs in (1, os.cpu_count() or 1):
            runs.append((jobs, *batch(files, folder / "batch_out", jobs)))
        after = bare_read()
        bare = (before + after) / 2  # (the machine is shared: read before and after)
        print(f"3. {n} workbooks, 'sbt-xl validate ... -o DIR' (python-calamine bare read of "
              f"the same files in one process: {before:.1f} s before, {after:.1f} s after)")
        for jobs, wall, rc in runs:
            print(f"   --jobs {jobs}: {wall:6.1f} s ({wall / n * 1e3:.1f} ms/workbook, "
                  f"{wall / bare:.1f}x the mean bare read, exit {rc})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
