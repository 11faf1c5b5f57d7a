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

import re
import sys
from pathlib import Path

from sbti_export import DATA, companies, sbti_id, wording, write_csv, year

OUT = DATA / "sbti_flag_targets.csv"
FLAG_ABSOLUTE = re.compile(
    r"reduce absolute (scope [0-9, and]+?) FLAG (?:GHG )?emissions (?:by )?(\d+(?:\.\d+)?)"
    r"\s?% by (?:FY|fiscal year )?(\d{4}) from an? (?:FY|fiscal year )?(\d{4}) base[- ]?"
    r"(?:year|line)", re.I)


def rows(path: Path) -> list[dict[str, object]]:
    out = []
    for r in companies(path):
        near, long = year(r["near_term_target_year"]), year(r["long_term_target_year"])
        for scopes, pct, target, base in FLAG_ABSOLUTE.findall(wording(r)):
            target, base = int(target), int(base)
            term = "near-term" if target == near and r["near_term_status"] == \
                "Targets set" else "long-term" if target == long and \
                r["long_term_status"] == "Targets set" else None
            if term is None or target <= base:
                continue
            out.append({"sbti_id": sbti_id(r), "company": r["company_name"],
                        "scopes": scopes.lower(), "term": term, "base_year": base,
                        "target_year": target, "reduction_pct": float(pct)})
    return out


def main(path: str) -> None:
    write_csv(OUT, rows(Path(path)))


if __name__ == "__main__":
    main(sys.argv[1])
