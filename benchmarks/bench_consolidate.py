"""Consolidate generated subsidiary workbooks and print time and peak memory next to
python-calamine's bare read of the same files. Asserts nothing.

For each N (default 100, 500, 2000): ``sbt-xl consolidate DIR -o GROUP.xlsx -j 2`` in its own
process (wall time; peak RSS of the main process and of the largest worker), and the bare
read: every file opened with python-calamine and its Company and Inventory sheets turned into
Python rows, in a pool of the same two processes (and, "bare +Prog", with the Progress sheet
too: the three sheets the roll-up reads). The two take turns, three times each
(the machine is shared and noisy): the best of each, and the range of the ratio per turn.

    python benchmarks/bench_consolidate.py [N ...]

The workbooks are generated once into ``$TMPDIR/sbt-xl-bench-consolidate`` and reused.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import python_calamine

from sbt_xl.workbook.examples import PASSING
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly

CACHE = Path(tempfile.gettempdir()) / "sbt-xl-bench-consolidate"
WORKERS = 2


def _template_digest(wb) -> str:
    """The template's bytes, hashed: workbooks generated from an older template (a larger
    Progress sheet, say) are generated again, not silently measured."""
    with tempfile.TemporaryDirectory() as tmp:
        save_reproducibly(wb, Path(tmp) / "t.xlsx")
        return hashlib.sha256((Path(tmp) / "t.xlsx").read_bytes()).hexdigest()[:12]


def generate(n: int) -> Path:
    """N subsidiary workbooks under one top company (chains of three, some JVs)."""
    wb = build_template("en")
    folder = CACHE / f"{n}-{_template_digest(wb)}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == n:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    for i in range(n):
        parent = None if i == 0 else f"E{(i - 1) // 3:05d}"
        own = 1.0 if i % 7 else 0.5
        values = {**PASSING, "entity.code": f"E{i:05d}", "entity.name": f"Entity {i}",
                  "entity.parent": parent, "entity.ownership": None if i == 0 else own,
                  "entity.financial_control": None if i == 0 else
                  ("yes" if own == 1.0 else "joint"),
                  "entity.operational_control": None if i == 0 else "yes",
                  "inventory.base.scope1": rng.randint(100, 50_000),
                  "inventory.recent.scope1": rng.randint(100, 50_000)}
        path = folder / f"e{i:05d}.xlsx"
        if not path.exists():  # (a run stopped half-way resumes where it stopped)
            save_reproducibly(fill(wb, values, "en"), path.with_suffix(".tmp"))
            path.with_suffix(".tmp").replace(path)
    return folder


#: The sheets the roll-up reads: the entity section and the inventory, and (since the
#: roll-up sums Progress rows too) the Progress sheet, whose pathway formulas make it the
#: largest part of a return.
SHEETS = ("Company", "Inventory")
WITH_PROGRESS = (*SHEETS, "Progress")


def _bare(path: str, sheets: tuple[str, ...] = SHEETS) -> int:
    book = python_calamine.CalamineWorkbook.from_path(path)
    return sum(len(book.get_sheet_by_name(s).to_python()) for s in sheets)


def _bare3(path: str) -> int:
    return _bare(path, WITH_PROGRESS)


def bare_read(folder: Path, read=_bare) -> float:
    paths = sorted(str(p) for p in folder.glob("*.xlsx"))
    start = time.perf_counter()
    with ProcessPoolExecutor(WORKERS) as pool:
        sum(pool.map(read, paths, chunksize=max(1, len(paths) // (WORKERS * 8))))
    return time.perf_counter() - start


_RUN = """
import resource, sys, time
from sbt_xl.cli import main
start = time.perf_counter()
status = main(["consolidate", sys.argv[1], "-o", sys.argv[2], "--force", "-j", "2"])
took = time.perf_counter() - start
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"RESULT {status} {took:.3f} {me} {kids}", file=sys.stderr)
"""


def consolidate(folder: Path) -> tuple[float, int, int]:
    out = folder.parent / f"group_{folder.name}.xlsx"
    proc = subprocess.run([sys.executable, "-c", _RUN, str(folder), str(out)],
                          capture_output=True, text=True, env=os.environ)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("RESULT"))
    _, status, took, me, kids = line.split()
    return float(took), int(me), int(kids)


def main(counts: list[int], repeats: int = 3) -> None:
    """Bare read and consolidate take turns (the machine is shared and noisy); the best
    of ``repeats`` each, and the range of the ratio over the turns."""
    print(f"{'N':>6} {'consolidate':>12} {'bare read':>10} {'ratio':>6} {'range':>11} "
          f"{'bare +Prog':>10} {'ratio':>6} "
          f"{'main RSS':>9} {'worker RSS':>10} {'per file':>9}")
    for n in counts:
        folder = generate(n)
        bare, bare3, runs = [], [], []
        for _ in range(repeats):
            bare.append(bare_read(folder))
            bare3.append(bare_read(folder, _bare3))
            runs.append(consolidate(folder))
        took, me, kids = min(runs)
        ratios = sorted(r[0] / b for r, b in zip(runs, bare))
        print(f"{n:>6} {took:>11.2f}s {min(bare):>9.2f}s {took / min(bare):>5.2f}x "
              f"{ratios[0]:>5.2f}-{ratios[-1]:.2f}x {min(bare3):>9.2f}s "
              f"{took / min(bare3):>5.2f}x {me / 1024:>7.0f}MB {kids / 1024:>8.0f}MB "
              f"{took / n * 1000:>7.1f}ms")
    print(f"({os.cpu_count()} cores; {WORKERS} workers; best of {repeats}, taking turns; "
          "RSS: peak resident memory)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 500, 2000])
