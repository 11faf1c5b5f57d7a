"""Rebuild ``sbt_xl/core/data/sector_pathways.csv`` from the OECM benchmarks in the ITR wheel.

The One Earth Climate Model (OECM) 1.5 °C sector pathways are redistributed, under
Apache-2.0, inside the ``ITR`` package of OS-Climate on PyPI. This script reads the two
JSON files that hold them and writes one CSV row per sector × scenario × year.

    pip download --no-deps -d /tmp/itr ITR==1.1.10
    python scripts/import_oecm.py /tmp/itr/itr-1.1.10-py3-none-any.whl

Only run by hand when the source changes; the CSV is committed and SOURCES.md says why
each sector is (or is not) there.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path

INTENSITY_FILE = "ITR/data/json/benchmark_EI_OECM_PC.json"
PRODUCTION_FILE = "ITR/data/json/benchmark_production_OECM.json"
OUT = Path(__file__).resolve().parents[1] / "sbt_xl" / "core" / "data" / "sector_pathways.csv"

# sbt-xl sector id -> (OECM sector name, intensity factor to our unit, our intensity
# unit, activity factor from the OECM base production unit to ours, our activity unit)
SECTORS = {
    "power": ("Electricity Utilities", 1.0, "tCO2e/MWh", 1e6, "MWh"),  # TWh -> MWh
    "iron_steel": ("Steel", 1.0, "tCO2e/t", 1e6, "t crude steel"),  # Mt -> t
    "cement": ("Cement", 1.0, "tCO2e/t", 1e6, "t cement"),  # Mt -> t
    "aluminium": ("Aluminum", 1.0, "tCO2e/t", 1e6, "t aluminium"),  # Mt -> t
    # t CO2e per million m2 -> t CO2e per m2; billion m2 -> m2
    "services_buildings": ("Commercial Buildings", 1e-6, "tCO2e/m2", 1e9, "m2 floor area"),
}
SCENARIO = "OECM-1.5C"
REGION = "Global"


def _global_rows(doc: dict, scope: str) -> dict[str, dict]:
    return {b["sector"]: b for b in doc[scope]["benchmarks"] if b["region"] == REGION}


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        intensity = _global_rows(json.loads(zf.read(INTENSITY_FILE)), "S1S2")
        production = _global_rows(json.loads(zf.read(PRODUCTION_FILE)), "AnyScope")
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(
        ["sector", "scenario", "region", "year", "intensity", "intensity_unit",
         "activity", "activity_unit"]
    )
    for sector, (name, i_factor, i_unit, a_factor, a_unit) in SECTORS.items():
        ei = {p["year"]: p["value"] for p in intensity[name]["projections_nounits"]}
        prod = production[name]
        base_amount = float(prod["base_year_production"].split()[0])
        growth = {p["year"]: p["value"] for p in prod["projections_nounits"]}
        activity = base_amount * a_factor
        for year in sorted(ei):
            # OECM production is a year-on-year growth rate; the first year is 0.
            activity *= 1.0 + growth[year]
            out.writerow(
                [sector, SCENARIO, REGION, year, f"{ei[year] * i_factor:.6g}", i_unit,
                 f"{activity:.6g}", a_unit]
            )
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
