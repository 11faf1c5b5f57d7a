"""Rebuild ``tests/data/sbti_flag_targets.csv``: the absolute FLAG targets in the SBTi's
"Companies Taking Action" export (the data file of its MIT-licensed finance tool, see
``tests/data/SOURCES.md``), to check the FLAG ambition rule against what the SBTi approved.

    python scripts/import_sbti_flag_targets.py path/to/current-Companies-Taking-Action.xlsx

Kept: companies with targets set whose published wording states an absolute FLAG target
("reduce absolute scope 1 and 3 FLAG GHG emissions 30.3% by 2030 from a 2020 base year")
whose target year is the company's near-term or long-term target year, which gives the
term. Each row: the SBTi id, company, scopes, term, base year, target year and the stated
reduction in percent.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import python_calamine

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "sbti_flag_targets.csv"
FLAG_ABSOLUTE = re.compile(
    r"reduce absolute (scope [0-9, and]+?) FLAG (?:GHG )?emissions (?:by )?(\d+(?:\.\d+)?)"
    r"\s?% by (?:FY|fiscal year )?(\d{4}) from an? (?:FY|fiscal year )?(\d{4}) base[- ]?"
    r"(?:year|line)", re.I)


def _year(value: object) -> int | None:
    digits = re.sub(r"\D", "", str(value).split(".")[0])
    return int(digits) if digits else None


def rows(path: Path) -> list[dict[str, object]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    col = {h: i for i, h in enumerate(data[0])}
    out = []
    for r in data[1:]:
        text = " ".join(str(r[col["full_target_language"]]).split())
        near, long = _year(r[col["near_term_target_year"]]), _year(r[col["long_term_target_year"]])
        for scopes, pct, target, base in FLAG_ABSOLUTE.findall(text):
            target, base = int(target), int(base)
            term = "near-term" if target == near and r[col["near_term_status"]] == \
                "Targets set" else "long-term" if target == long and \
                r[col["long_term_status"]] == "Targets set" else None
            if term is None or target <= base:
                continue
            out.append({"sbti_id": int(float(r[col["sbti_id"]])),
                        "company": r[col["company_name"]], "scopes": scopes.lower(),
                        "term": term, "base_year": base, "target_year": target,
                        "reduction_pct": float(pct)})
    return out


def main(path: str) -> None:
    found = rows(Path(path))
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(found[0]))
        writer.writeheader()
        writer.writerows(found)
    print(f"{OUT}: {len(found)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
