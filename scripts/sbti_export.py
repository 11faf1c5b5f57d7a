"""Reading the SBTi's "Companies Taking Action" export, shared by the import scripts.

The export (``current-Companies-Taking-Action.xlsx``, the data file the SBTi ships in its
MIT-licensed finance tool, ScienceBasedTargets/SBTi-finance-tool) is one sheet, one row per
company, columns named in its first row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import python_calamine

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def companies(path: Path) -> Iterator[dict[str, Any]]:
    """Each company's row as ``{column name: value}``."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    for row in data[1:]:
        yield dict(zip(data[0], row))


def year(value: object) -> int | None:
    """A year as the export writes it (``2030``, ``2030.0``, ``FY2030``); None when blank."""
    digits = re.sub(r"\D", "", str(value).split(".")[0])
    return int(digits) if digits else None


def wording(row: dict[str, Any]) -> str:
    """The published target language, white space collapsed."""
    return " ".join(str(row["full_target_language"]).split())


def sbti_id(row: dict[str, Any]) -> int:
    return int(float(row["sbti_id"]))


def write_csv(path: Path, found: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(found[0]))
        writer.writeheader()
        writer.writerows(found)
    print(f"{path}: {len(found)} rows")
