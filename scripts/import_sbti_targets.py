"""Rebuild ``tests/data/sbti_published_targets.csv`` from the SBTi's "Companies Taking
Action" export (the ``current-Companies-Taking-Action.xlsx`` data file the SBTi ships in its
MIT-licensed finance tool, ScienceBasedTargets/SBTi-finance-tool).

    python scripts/import_sbti_targets.py path/to/current-Companies-Taking-Action.xlsx

Kept: companies with near-term targets set and classified 1.5 °C, well-below 2 °C or 2 °C
whose published wording has exactly one scope 1 and 2 target, an absolute one, whose target
year is the near-term target year. Each row: the SBTi id, company, base year, target year,
the stated reduction, and the SBTi's class.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sbti_export import DATA, companies, sbti_id, wording, write_csv, year

OUT = DATA / "sbti_published_targets.csv"
WORDING = DATA / "sbti_target_wording.csv"
WORDING_SAMPLE = 600
CLASSES = {"1.5°C": "1.5C", "Well-below 2°C": "WB2C", "2°C": "2C"}
ABSOLUTE_S12 = re.compile(
    r"reduce absolute scope 1 and 2 (?:GHG )?emissions (?:by )?(\d+(?:\.\d+)?)\s?% by "
    r"(?:FY|fiscal year )?(\d{4}) from an? (?:FY|fiscal year )?(\d{4}) base[- ]?year", re.I)


def rows(path: Path) -> list[dict[str, object]]:
    out = []
    for r in companies(path):
        label = CLASSES.get(r["near_term_target_classification"])
        if r["near_term_status"] != "Targets set" or label is None:
            continue
        text = wording(r)
        found = ABSOLUTE_S12.findall(text)
        if len(found) != 1 or len(re.findall(r"scope 1 and 2", text, re.I)) != 1:
            continue
        pct, target, base = float(found[0][0]), int(found[0][1]), int(found[0][2])
        if target <= base or year(r["near_term_target_year"]) != target:
            continue
        out.append({"sbti_id": sbti_id(r), "company": r["company_name"], "base_year": base,
                    "target_year": target, "reduction_pct": pct, "sbti_class": label})
    return out


def sample(path: Path, n: int = WORDING_SAMPLE) -> list[dict[str, object]]:
    """Every k-th company with near-term targets set: its published wording, near-term
    target year and class (as the dashboard states them, to check a parser against)."""
    chosen = [r for r in companies(path) if r["near_term_status"] == "Targets set"]
    step = max(1, len(chosen) // n)
    return [{"sbti_id": sbti_id(r), "company": r["company_name"],
             "near_term_target_year": str(year(r["near_term_target_year"]) or ""),
             "sbti_class": CLASSES.get(r["near_term_target_classification"], ""),
             "wording": wording(r)}
            for r in chosen[::step][:n]]


def main(path: str) -> None:
    write_csv(OUT, rows(Path(path)))
    write_csv(WORDING, sample(Path(path)))


if __name__ == "__main__":
    main(sys.argv[1])
