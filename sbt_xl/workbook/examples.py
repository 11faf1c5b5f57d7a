"""The example submissions, filled through the defined names.

``python -m tools.build_workbooks workbooks`` writes them (and the templates) into
``workbooks/``; a test checks that the shipped files are byte-for-byte what it makes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sbt_xl.messages import Lang
from sbt_xl.workbook.template.build import build_template, fill, save_reproducibly

_RELEVANT = "relevant"
_NOT = "not relevant"


def _period(p: str, year: int, s1: float, loc: float, mkt: float,
            cats: Mapping[int, float | None]) -> dict[str, Any]:
    out: dict[str, Any] = {f"inventory.{p}.year": year, f"inventory.{p}.scope1": s1,
                           f"inventory.{p}.scope2_location": loc,
                           f"inventory.{p}.scope2_market": mkt}
    for i in range(1, 16):
        value = cats.get(i)
        out[f"inventory.{p}.scope3.cat{i:02d}"] = value
        out[f"inventory.{p}.scope3.cat{i:02d}_status"] = _RELEVANT if value else _NOT
    return out


def _progress(first_year: int, *years: tuple[float | None, ...]) -> dict[str, Any]:
    """Progress rows from the base year: (scope 1, scope 2 location, market, scope 3)."""
    keys = ("scope1", "scope2_location", "scope2_market", "scope3")
    return {f"progress.{i}.{k}": v for i, row in enumerate(years, start=1)
            for k, v in zip(keys, row, strict=True)}


def _target(n: int, **values: Any) -> dict[str, Any]:
    values.setdefault("term", "near-term")
    return {f"targets.{n}.{k}": v for k, v in values.items()}


_COMPANY: dict[str, Any] = {
    "submission.route": "official",
    "submission.date": dt.date(2026, 11, 2),
    "company.name": "Example Precision Industries Co., Ltd.",
    "company.country": "Japan",
    "company.sector": "other",
    "company.contact": "Sustainability Office, sbt@example.com",
    "company.organisation_type": "company",
    "entity.name": "Example Precision Industries Co., Ltd.",
    "entity.code": "EPI",
    "company.isin": "JP0000000001",
    "company.year_type": "fiscal year",
    "company.fiscal_start_month": 4,
    "commitments.inventory_disclosure": "Integrated report 2025, pp. 40-45",
    "commitments.progress_disclosure": "Sustainability data book, published every July",
    "signoff.name": "Hanako Sato",
    "signoff.title": "Chief Sustainability Officer",
    "signoff.date": dt.date(2026, 10, 30),
    "boundary.approach": "operational control",
    "boundary.excluded_share": 0.02,
    "boundary.exclusion_reason": "Two sales offices without metering (estimated 2 %)",
    "boundary.bioenergy": "not applicable",
    "inventory.scope2_method": "market-based",
    "boundary.fossil_fuel_sales": "no",
    "boundary.gases_all": "yes",
    "company.fossil_extraction": "no",
    "company.fossil_revenue_share": 0.0,
    "company.flag_sector": "no",
    "commitments.recalc_threshold": 0.05,
    "commitments.net_zero": "no",
    "commitments.offsets": "no",
    "commitments.annual_reporting": "yes",
    "commitments.recalculation": "yes",
    "scope3.actions": "Supplier engagement programme for purchased parts; lighter products.",
    "notes.supporting": "Inventory verified by a third party (limited assurance).",
}
_BASE_CATS = {1: 600_000, 2: 30_000, 3: 25_000, 4: 40_000, 5: 5_000, 6: 2_000, 7: 3_000,
              9: 20_000, 11: 150_000, 12: 10_000}
_RECENT_CATS = {1: 585_000, 2: 28_000, 3: 24_000, 4: 38_000, 5: 4_500, 6: 2_100, 7: 2_900,
                9: 19_500, 11: 146_000, 12: 10_000}

PASSING: dict[str, Any] = {
    **_COMPANY,
    **_period("base", 2023, 120_000, 90_000, 80_000, _BASE_CATS),
    **_period("recent", 2025, 110_000, 85_000, 72_000, _RECENT_CATS),
    **_target(1, scope="1+2", type="absolute", base_year=2023, target_year=2033,
              reduction=0.42, coverage=0.98, id="Abs1", method="absolute contraction",
              ambition="1.5C", covered_base_emissions=196_000),
    **_target(2, scope="3", type="absolute", base_year=2023, target_year=2033,
              reduction=0.33, coverage=1.0, scope3_categories="1,4,11", id="Abs2",
              method="absolute contraction", ambition="WB2C", covered_base_emissions=790_000),
    **_target(3, scope="2", type="renewable electricity", target_year=2030,
              re_base_share=0.2, re_target_share=1.0, id="RE1",
              method="renewable electricity"),
    "charts.target": "2",  # the scope 3 target: its line between the 1.5 and WB2 degC lines
    # emissions as reported each year since the base year (scope 3 for 2025 not yet out)
    **_progress(2023, (120_000, 90_000, 80_000, 885_000), (115_000, 87_000, 76_000, 850_000),
                (110_000, 85_000, 72_000, None)),
}

#: The mistakes reviewers see most: a 14-year horizon, 3 %/yr, a share typed as 42,
#: an unexplained exclusion, full-width digits, too little scope 3 covered, an
#: unscreened category.
WITH_ERRORS: dict[str, Any] = {
    **PASSING,
    "company.name": "Example Components Ltd.",
    "boundary.excluded_share": 0.08,
    "boundary.exclusion_reason": None,
    "inventory.base.scope1": "１２０,０００ t",
    "inventory.base.scope3.cat05_status": None,
    **_target(1, scope="1+2", type="absolute", base_year=2023, target_year=2040,
              reduction=0.30, coverage=0.98, ambition="1.5C"),
    **_target(2, scope="3", type="absolute", base_year=2023, target_year=2033,
              reduction=42, coverage=1.0, scope3_categories="4,11"),
}

#: A cement maker with a scope 1+2 physical intensity target on the SDA pathway.
CEMENT_JA: dict[str, Any] = {
    **_COMPANY,
    "company.name": "サンプルセメント株式会社",
    "entity.name": "サンプルセメント株式会社",
    "entity.code": "SCC",
    "company.country": "日本",
    "company.sector": "cement",
    "company.contact": "サステナビリティ推進部 sbt@example.jp",

    "boundary.excluded_share": 0.0,
    "boundary.exclusion_reason": None,
    "scope3.actions": "原料調達先への働きかけ、輸送の効率化",
    "notes.supporting": "排出量は第三者検証済み（限定的保証）",
    **_period("base", 2023, 2_000_000, 110_000, 100_000,
              {1: 180_000, 3: 60_000, 4: 90_000, 5: 4_000, 6: 500, 7: 800, 9: 50_000}),
    **_period("recent", 2025, 1_900_000, 105_000, 95_000,
              {1: 175_000, 3: 58_000, 4: 86_000, 5: 3_800, 6: 520, 7: 790, 9: 48_000}),
    **_target(1, scope="1+2", type="physical intensity", base_year=2023, target_year=2033,
              reduction=0.40, coverage=1.0, intensity_unit="t セメント",
              base_activity=2_500_000, target_activity=2_600_000, id="Int1", method="SDA",
              ambition="1.5C", covered_base_emissions=2_100_000),
}

EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    "example_pass_en.xlsx": ("en", PASSING),
    "example_errors_en.xlsx": ("en", WITH_ERRORS),
    "example_cement_ja.xlsx": ("ja", CEMENT_JA),
}
TEMPLATES = {"sbt_template_en.xlsx": "en", "sbt_template_ja.xlsx": "ja"}


def write_example(path: str | Path, kind: str = "pass", lang: Lang = "en") -> Path:
    """``sbt-xl example``: the passing submission (``kind`` "pass") or the one with errors
    ("errors"), typed into the template of ``lang``."""
    values = {"pass": PASSING, "errors": WITH_ERRORS}[kind]
    save_reproducibly(fill(build_template(lang), values, lang), path)
    return Path(path)
