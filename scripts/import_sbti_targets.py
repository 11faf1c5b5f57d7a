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

import csv
import re
import sys
from pathlib import Path

import python_calamine

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
OUT = DATA / "sbti_published_targets.csv"
WORDING = DATA / "sbti_target_wording.csv"
WORDING_SAMPLE = 600
CLASSES = {"1.5°C": "1.5C", "Well-below 2°C": "WB2C", "2°C": "2C"}
ABSOLUTE_S12 = re.compile(
    r"reduce absolute scope 1 and 2 (?:GHG )?emissions (?:by )?(\d+(?:\.\d+)?)\s?% by "
    r"(?:FY|fiscal year )?(\d{4}) from an? (?:FY|fiscal year )?(\d{4}) base[- ]?year", re.I)


def rows(path: Path) -> list[dict[str, object]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    col = {h: i for i, h in enumerate(data[0])}
    out = []
    for r in data[1:]:
        label = CLASSES.get(r[col["near_term_target_classification"]])
        if r[col["near_term_status"]] != "Targets set" or label is None:
            continue
        text = " ".join(str(r[col["full_target_language"]]).split())
        found = ABSOLUTE_S12.findall(text)
        if len(found) != 1 or len(re.findall(r"scope 1 and 2", text, re.I)) != 1:
            continue
        pct, target, base = float(found[0][0]), int(found[0][1]), int(found[0][2])
        near = re.sub(r"\D", "", str(r[col["near_term_target_year"]]).split(".")[0])
        if target <= base or not near or int(near) != target:
            continue
        out.append({"sbti_id": int(float(r[col["sbti_id"]])),
                    "company": r[col["company_name"]], "base_year": base,
                    "target_year": target, "reduction_pct": pct, "sbti_class": label})
    return out


def wording(path: Path, n: int = WORDING_SAMPLE) -> list[dict[str, object]]:
    """Every k-th company with near-term targets set: its published wording, near-term
    target year and class (as the dashboard states them, to check a parser against)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    col = {h: i for i, h in enumerate(data[0])}
    chosen = [r for r in data[1:] if r[col["near_term_status"]] == "Targets set"]
    step = max(1, len(chosen) // n)
    return [{"sbti_id": int(float(r[col["sbti_id"]])), "company": r[col["company_name"]],
             "near_term_target_year": re.sub(r"\D", "", str(
                 r[col["near_term_target_year"]]).split(".")[0]),
             "sbti_class": CLASSES.get(r[col["near_term_target_classification"]], ""),
             "wording": " ".join(str(r[col["full_target_language"]]).split())}
            for r in chosen[::step][:n]]


def _write(path: Path, found: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(found[0]))
        writer.writeheader()
        writer.writerows(found)
    print(f"{path}: {len(found)} rows")


def main(path: str) -> None:
    _write(OUT, rows(Path(path)))
    _write(WORDING, wording(Path(path)))


if __name__ == "__main__":
    main(sys.argv[1])
