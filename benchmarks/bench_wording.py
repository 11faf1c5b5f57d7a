"""Read the SBTi's whole "Companies Taking Action" export with the wording parser: coverage,
time, and the published class of single absolute scope 1+2 near-term targets.

    python benchmarks/bench_wording.py path/to/current-Companies-Taking-Action.xlsx
        [--unread FILE] [--classes FILE.json]

The export is the data file the SBTi ships in its finance tool (tests/data/SOURCES.md).
Prints: companies with wording, targets read, companies whose every sentence was read,
companies with no target, the parse time, and how many published classes the parsed
numbers reproduce. ``--unread`` writes every unread sentence (one a line) and
``--classes`` each company's class from its wording, to compare two versions of the parser.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

import python_calamine

from sbt_xl.core.ambition import classify
from sbt_xl.core.wording import ABSOLUTE, NEAR_TERM, parse

CLASSES = {"1.5°C": "1.5C", "Well-below 2°C": "WB2C", "2°C": "2C"}
NEAR_SCOPES = ("1", "2", "1+2", "1+2+3")
NEAR_TYPES = (ABSOLUTE, "physical intensity", "economic intensity")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("export")
    ap.add_argument("--unread")
    ap.add_argument("--classes")
    args = ap.parse_args()
    book = python_calamine.CalamineWorkbook.from_path(args.export)
    data = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    col = {h: i for i, h in enumerate(data[0])}
    rows = [r for r in data[1:] if str(r[col["full_target_language"]]).strip()]
    start, cpu = time.perf_counter(), time.process_time()
    readings = [parse(r[col["full_target_language"]]) for r in rows]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(rows)
    whole = sum(1 for x in readings if not x.unread)
    nothing = sum(1 for x in readings if not x.targets)
    print(f"companies with wording: {n:,}")
    print(f"targets read:           {sum(len(x.targets) for x in readings):,} in {seconds:.2f} s "
          f"({cpu:.2f} s CPU)")
    print(f"every sentence read:    {whole:,} ({whole / n:.1%}); "
          f"{n - whole:,} keep unread text "
          f"({sum(len(x.unread) for x in readings):,} sentences)")
    print(f"no target at all:       {nothing:,}")
    types = Counter(t.type for x in readings for t in x.targets)
    print("by type:                " + ", ".join(f"{k} {v:,}" for k, v in types.most_common()))
    agree = total = 0
    classes = {}
    for r, x in zip(rows, readings, strict=True):
        published = CLASSES.get(r[col["near_term_target_classification"]])
        near = [t for t in x.targets if t.term == NEAR_TERM and t.type in NEAR_TYPES
                and t.scope in NEAR_SCOPES]
        if published and len(near) == 1 and near[0].scope == "1+2" and \
                near[0].type == ABSOLUTE and near[0].base_year and near[0].target_year and \
                near[0].target_year > near[0].base_year:
            t = near[0]
            ours = str(classify(t.reduction, t.target_year - t.base_year))
            classes[str(r[col["sbti_id"]])] = [ours, published]
            total += 1
            agree += ours == published
    print(f"single absolute scope 1+2 near-term targets with the published class: "
          f"{agree:,} of {total:,}")
    if args.unread:
        with open(args.unread, "w", encoding="utf-8") as fh:
            fh.writelines(s + "\n" for x in readings for s in x.unread)
    if args.classes:
        with open(args.classes, "w", encoding="utf-8") as fh:
            json.dump(classes, fh)


if __name__ == "__main__":
    main()
