"""The criteria rule sets: ``v4`` (2019, the seed), ``v5`` (near-term) and ``nz1`` (long-term).

Every threshold the validator uses is a ``params`` value here (the scope 3 trigger and
coverage come from :mod:`sbt_xl.core.criteria`, which the formulas share). ``v5`` and ``nz1``
are derived from ``v4``: they change numbers and drop rules, they do not copy them.

Sources:
- v4: SBTi *Criteria and Recommendations* v4.x (2019) as summarised in the seed deck
  (環境省・みずほ情報総研「SBT について」, ``shared/seeds/003_…``), criteria doc §3.
- v5: SBTi *Corporate Near-Term Criteria* v5.x (C13 timeframe: 5–10 years from submission,
  base year no earlier than 2015; C15/C16 1.5 °C for scope 1+2; C20 scope 3 at 40 % and
  two-thirds coverage; scope 3 absolute well-below 2 °C; intensity 7 %/yr) and the SBTi
  FAQ "most recent inventory no more than 2 years before submission".
- nz1: SBTi *Corporate Net-Zero Standard* v1.x (long-term: 90 % reduction of scope 1+2
  and scope 3 by 2050 at the latest, scope 3 covering 90 %).
"""

from __future__ import annotations

import datetime as dt

from sbt_xl.core.ambition import AMBITION_RATES
from sbt_xl.core.criteria import CRITERIA, DEFAULT_CRITERIA
from sbt_xl.errors import SbtError
from sbt_xl.rules import checks as _checks  # noqa: F401  (registers the rules)
from sbt_xl.rules import group as _group  # noqa: F401  (registers GROUP-PROBLEMS)
from sbt_xl.rules.base import Entry, RuleSet
from sbt_xl.model.findings import Severity

E, W = Severity.ERROR, Severity.WARNING
SEED = "SBTi Criteria v4 (2019), seed deck"
NEAR_TERM = "SBTi Corporate Near-Term Criteria v5"
NET_ZERO = "SBTi Corporate Net-Zero Standard v1"
FORM = "SBTi Target Submission Form (per-target details)"


def _e(rule: str, severity: Severity = E, source: str = SEED, **params: object) -> Entry:
    return Entry(rule, severity, params, source)


V4 = RuleSet("v4", CRITERIA["v4"].title, (
    _e("INPUT-REQUIRED", source="sbt-xl template"),
    _e("GROUP-PROBLEMS", source="sbt-xl group roll-up"),
    _e("BOUNDARY"),
    _e("COVERAGE-S12", min_coverage=0.95),
    _e("BIOENERGY"),
    _e("S2-METHOD"),
    _e("BASE-YEAR", earliest=None),
    _e("RECENT-YEAR", max_age=2),
    _e("TARGET-YEAR", min_years=5, max_years=15, latest=None, half_year=False,
       latest_power=None),
    _e("ALREADY-MET"),
    _e("AMBITION-S12", min_rate=AMBITION_RATES["WB2C"], min_reduction=None,
       legacy=(dt.date(2019, 10, 15), AMBITION_RATES["2C"])),
    _e("REC-1.5C", W, rate=AMBITION_RATES["1.5C"]),
    _e("INTENSITY-S12", min_rate=AMBITION_RATES["WB2C"], min_reduction=None,
       legacy=(dt.date(2019, 10, 15), AMBITION_RATES["2C"])),
    _e("COMBINED"),
    _e("OFFSETS"),
    _e("RE-PROCUREMENT", milestones=((2025, 0.80), (2030, 1.00))),
    _e("S3-SCREENING"),
    _e("S3-TRIGGER", trigger=CRITERIA["v4"].scope3_trigger),
    _e("S3-FOSSIL", min_rate=None, anchor=None),
    _e("S3-COVERAGE", min_coverage=CRITERIA["v4"].scope3_coverage),
    _e("S3-AMBITION-ABS", min_rate=AMBITION_RATES["2C"], min_reduction=None, anchor=None),
    _e("S3-AMBITION-ECON", min_yoy=0.07),
    _e("S3-AMBITION-PHYS", min_rate=0.02, min_yoy=None),
    _e("S3-ENGAGEMENT", max_years=5),
    _e("REPORTING"),
    _e("RECALC"),
    _e("GASES"),
    _e("TARGET-METHOD", source=FORM),
    _e("AMBITION-CLAIM", source=FORM),
    _e("COVERED-EMISSIONS", W, source=FORM, tolerance=0.05),
    _e("PROGRESS", W, source="SBTi Corporate Near-Term Criteria, C25 (annual progress)"),
))

_NEAR_TERM_SOURCES = {e.rule: NEAR_TERM for e in V4.entries if e.source == SEED}

V5 = V4.derive("v5", CRITERIA["v5"].title, sources=_NEAR_TERM_SOURCES, params={
    "BASE-YEAR": {"earliest": 2015},
    # C13: 5-10 years counted from the submission half-year (by the end of June the
    # submission year counts: H1 2023 -> 2027-2032; from July, H2 2023 -> 2028-2033).
    "TARGET-YEAR": {"min_years": 5, "max_years": 10, "half_year": True},
    "AMBITION-S12": {"min_rate": AMBITION_RATES["1.5C"], "legacy": None},
    "INTENSITY-S12": {"min_rate": AMBITION_RATES["1.5C"], "legacy": None},
    "S3-TRIGGER": {"trigger": CRITERIA["v5"].scope3_trigger},
    "S3-COVERAGE": {"min_coverage": CRITERIA["v5"].scope3_coverage},
    # C18 (Target Validation Protocol): a scope 3 target with a base year after 2020 is
    # measured from 2020; scope 1+2 over target − base year (published 1.5 °C classes
    # include 37.8 % 2021→2030).
    "S3-AMBITION-ABS": {"min_rate": AMBITION_RATES["WB2C"], "anchor": 2020},
    "S3-AMBITION-PHYS": {"min_yoy": 0.07},
    # C22: the use-of-sold-products target of a fossil-fuel seller is absolute and 1.5 degC.
    "S3-FOSSIL": {"min_rate": AMBITION_RATES["1.5C"], "anchor": 2020},
}, drop=("REC-1.5C",), add=(
    _e("S3-EXCLUSIONS", source=f"{NEAR_TERM}, C5", max_share=0.05),
    _e("FOSSIL-COMPANY", source=f"{NEAR_TERM}, C23", max_revenue_share=0.50),
    _e("FLAG", source="SBTi Forest, Land and Agriculture (FLAG) guidance", trigger=0.20),
    _e("RECALC-THRESHOLD", source=f"{NEAR_TERM}, recalculation (significance threshold)",
       max_threshold=0.05),
))

NZ1 = V5.derive("nz1", CRITERIA["nz1"].title,
                sources={e.rule: NET_ZERO for e in V5.entries
                         if e.source not in ("sbt-xl template", FORM)}, params={
    "TARGET-YEAR": {"min_years": None, "max_years": None, "latest": 2050, "half_year": False,
                    "latest_power": 2040},
    "AMBITION-S12": {"min_reduction": 0.90},
    "INTENSITY-S12": {"min_reduction": 0.90},
    "S3-TRIGGER": {"trigger": CRITERIA["nz1"].scope3_trigger},
    "S3-COVERAGE": {"min_coverage": CRITERIA["nz1"].scope3_coverage},
    "S3-AMBITION-ABS": {"min_reduction": 0.90, "anchor": None},
}, drop=("S3-AMBITION-ECON", "S3-AMBITION-PHYS", "S3-ENGAGEMENT", "AMBITION-CLAIM"),
   add=(
    _e("NET-ZERO", source=NET_ZERO),
))

RULE_SETS: dict[str, RuleSet] = {r.version: r for r in (V4, V5, NZ1)}
#: Long-term target rows are checked against this set in the same run as the near-term ones.
LONG_TERM_RULES = NZ1
assert set(RULE_SETS) == set(CRITERIA)


def get_rule_set(version: str | None = None) -> RuleSet:
    key = DEFAULT_CRITERIA if version in (None, "") else str(version).strip().lower()
    try:
        return RULE_SETS[key]
    except KeyError:
        raise SbtError("unknown_criteria", field="--criteria", value=version,
                       known=", ".join(RULE_SETS)) from None
