"""The criteria rule sets: ``v4`` (2019, the seed), ``v5`` and ``v5-2026`` (near-term) and
``nz1`` (long-term), and the dates each is in force (:data:`IN_FORCE`).

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
from sbt_xl.core.contraction import CAP, NET_ZERO_PATHS, PATHS, PATHS_FROM
from sbt_xl.core.criteria import CRITERIA, DEFAULT_CRITERIA
from sbt_xl.errors import SbtError
from sbt_xl.rules import checks as _checks  # noqa: F401  (registers the rules)
from sbt_xl.rules import flag as _flag  # noqa: F401
from sbt_xl.rules import nz2 as _nz2  # noqa: F401
from sbt_xl.rules import group as _group  # noqa: F401  (registers GROUP-PROBLEMS)
from sbt_xl.rules.base import Entry, RuleSet
from sbt_xl.model.findings import Severity

E, W = Severity.ERROR, Severity.WARNING
SEED = "SBTi Criteria v4 (2019), seed deck"
NEAR_TERM = "SBTi Corporate Near-Term Criteria v5"
NET_ZERO = "SBTi Corporate Net-Zero Standard v1"
FORM = "SBTi Target Submission Form (per-target details)"
FLAG_GUIDANCE = "SBTi Forest, Land and Agriculture (FLAG) guidance"


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
    _e("FLAG", source=FLAG_GUIDANCE, trigger=0.20),
    # The FLAG sector pathway (absolute): 3.03 %/yr from 2020, 30.3 % by 2030; the SBTi's
    # published FLAG targets read 30.3 % 2020/2021/2022->2030, 33.3 % 2019->2030,
    # 36.4 % 2022->2032, 42.4 % 2022->2034 (docs/criteria.md).
    _e("FLAG-AMBITION", source=f"{FLAG_GUIDANCE} (FLAG sector pathway) and the SBTi's "
       "published FLAG targets", rate=0.0303, anchor=2020),
    _e("FLAG-COVERAGE", source=f"{FLAG_GUIDANCE} (target boundary)", min_coverage=0.95,
       min_coverage_s3=0.67),
    _e("RECALC-THRESHOLD", source=f"{NEAR_TERM}, recalculation (significance threshold)",
       max_threshold=0.05),
))

NZ1 = V5.derive("nz1", CRITERIA["nz1"].title,
                sources={e.rule: NET_ZERO for e in V5.entries
                         if e.source not in ("sbt-xl template", FORM)} | {
                    "FLAG-AMBITION": f"{FLAG_GUIDANCE} (long-term: 72 % by 2050) and the "
                                     "SBTi's published long-term FLAG targets"}, params={
    "TARGET-YEAR": {"min_years": None, "max_years": None, "latest": 2050, "half_year": False,
                    "latest_power": 2040},
    "AMBITION-S12": {"min_reduction": 0.90},
    "INTENSITY-S12": {"min_reduction": 0.90},
    "S3-TRIGGER": {"trigger": CRITERIA["nz1"].scope3_trigger},
    "S3-COVERAGE": {"min_coverage": CRITERIA["nz1"].scope3_coverage},
    "S3-AMBITION-ABS": {"min_reduction": 0.90, "anchor": None},
    # Long-term FLAG targets: 72 % by 2050, not the 90 % of energy and industry.
    "FLAG-AMBITION": {"rate": None, "anchor": None, "min_reduction": 0.72, "latest": 2050},
}, drop=("S3-AMBITION-ECON", "S3-AMBITION-PHYS", "S3-ENGAGEMENT", "AMBITION-CLAIM",
         "FLAG-COVERAGE"),
   add=(
    _e("NET-ZERO", source=NET_ZERO),
))

TOOL_2026 = ("SBTi Target-Setting Tool v2.5 (absolute contraction from 2026-04-14; "
             "SBTi news release 2026-04-29)")

# The 2026 absolute contraction (Target-Setting Tool v2.5, validations from 2026-04-14):
# the minimum of an absolute target follows the net-zero paths of the scopes it covers,
# weighted by the inventory's emissions, with the fixed rate (min_rate) as the floor per
# year and the reduction capped at ``cap``. The post-2020 anchor of scope 3 (C18) is gone
# in the new method (it counts from the most recent inventory year instead).
_PATHS = {"method": NET_ZERO_PATHS, "paths": PATHS, "cap": CAP}
V5_2026 = V5.derive("v5-2026", CRITERIA["v5-2026"].title, sources={
    "AMBITION-S12": TOOL_2026, "S3-AMBITION-ABS": TOOL_2026,
}, params={
    "AMBITION-S12": {"ambition": "1.5C", **_PATHS},
    "S3-AMBITION-ABS": {"ambition": "WB2C", "anchor": None, **_PATHS},
})


# --- Corporate Net-Zero Standard V2.0 (nz2) ---------------------------------------------
# Published 2026-06-11, in force for submissions from 2027-02-01. Rules whose V2.0 figure
# could not be read stay at their v5 / nz1 value and say so in their source; rules read
# only in the consultation drafts or in others' summaries of the final text are warnings.
NZ2_TITLE = "SBTi Corporate Net-Zero Standard V2.0"
NZ2_SUMMARY = f"{NZ2_TITLE}, executive summary, Table 1 (standards.sciencebasedtargets.org)"
NZ2_SCOPE2 = ("SBTi, \"Understanding Scope 2 in the Updated Corporate Net-Zero Standard "
              "V2.0\" (2026-06-11)")
NZ2_SEPARATE = (f"{NZ2_TITLE}, 3.1 general target setting (separation of scopes; CNZS-C10 "
                "in the second consultation draft)")
NZ2_CARRIED = "not confirmed in the V2.0 text: carried over from"

NZ2 = V5.derive("nz2", CRITERIA["nz2"].title, sources={
    e.rule: f"{NZ2_CARRIED} {e.source}" for e in V5.entries
    if e.source not in ("sbt-xl template", FORM) and not e.source.startswith(FLAG_GUIDANCE)},
    drop=("TARGET-YEAR", "S3-TRIGGER", "S3-COVERAGE", "COMBINED", "RE-PROCUREMENT"), add=(
    # 5-year near-term targets (Table 1), counted from submission as C13 counts ("cover a
    # period of 5 years from the date of submission", V2.0 C9 as quoted by others).
    _e("TARGET-YEAR", W, source=f"{NZ2_SUMMARY} (5-year near-term targets)", min_years=5,
       max_years=5, latest=None, half_year=True, latest_power=None),
    _e("NZ2-SEPARATE-SCOPES", source=NZ2_SEPARATE),
    _e("NZ2-TARGETS", source=NZ2_SUMMARY, category_b_hint="SME"),
    _e("NZ2-S2-LOCATION", source=NZ2_SCOPE2, method="location-based"),
    # replaces S3-TRIGGER (40 %) and S3-COVERAGE (67 %): second consultation draft
    _e("NZ2-S3-RELEVANT", W, source=f"{NZ2_TITLE}, scope 3 targets (second consultation "
       "draft: categories of 5 % or more of scope 3)", min_share=0.05),
))

#: The long-term part of V2.0: long-term targets by 2050 at the latest (Table 1), optional
#: for scope 2 and scope 3 unless the company sets a net-zero target (``NET-ZERO``).
NZ2_LONG = NZ1.derive("nz2-lt", f"{NZ2_TITLE} (long-term)", sources={
    e.rule: f"{NZ2_CARRIED} {e.source}" for e in NZ1.entries
    if e.source not in ("sbt-xl template", FORM) and not e.source.startswith(FLAG_GUIDANCE)
    } | {"TARGET-YEAR": f"{NZ2_SUMMARY} (long-term targets by 2050 at the latest)"},
    # long-term targets are optional; only a net-zero target asks for all of them
    params={"NET-ZERO": {"rows_commit": False}},
    drop=("S3-TRIGGER", "COMBINED", "RE-PROCUREMENT"), add=(
    _e("NZ2-SEPARATE-SCOPES", source=NZ2_SEPARATE),
    _e("NZ2-S2-LOCATION", source=NZ2_SCOPE2, method="location-based"),
))


RULE_SETS: dict[str, RuleSet] = {r.version: r for r in (V4, V5, V5_2026, NZ1, NZ2)}
#: Long-term target rows are checked against this set in the same run as the near-term ones.
LONG_TERM_RULES = NZ1
#: ... unless the near-term set names its own long-term part.
LONG_TERM_OF: dict[str, RuleSet] = {"nz2": NZ2_LONG}


def long_term_rules(near: RuleSet) -> RuleSet:
    """The set the long-term rows are checked against when ``near`` checks the others."""
    return LONG_TERM_OF.get(near.version, LONG_TERM_RULES)

assert set(RULE_SETS) == set(CRITERIA)


#: (first day in force, near-term rule set, net-zero rule set), oldest first: the one place
#: the dates live. ``validate`` without ``--criteria`` judges a workbook by the row in force
#: on its submission date. v5 from 2022-07-15 (Near-Term Criteria v5.0 effective date);
#: the 2026 absolute contraction from 2026-04-14; the Corporate Net-Zero Standard V2.0
#: (near-term and long-term in one standard) for submissions from 2027-02-01.
IN_FORCE: tuple[tuple[dt.date, str, str], ...] = (
    (dt.date.min, "v4", "nz1"),
    (dt.date(2022, 7, 15), "v5", "nz1"),
    (PATHS_FROM, "v5-2026", "nz1"),
    (dt.date(2027, 2, 1), "nz2", "nz2-lt"),
)


def in_force(day: dt.date) -> tuple[RuleSet, RuleSet]:
    """The near-term and net-zero rule sets in force on ``day``."""
    _, near, long = [row for row in IN_FORCE if row[0] <= day][-1]
    long_sets = {s.version: s for s in (*RULE_SETS.values(), *LONG_TERM_OF.values())}
    return RULE_SETS[near], long_sets[long]


def get_rule_set(version: str | None = None) -> RuleSet:
    key = DEFAULT_CRITERIA if version in (None, "") else str(version).strip().lower()
    try:
        return RULE_SETS[key]
    except KeyError:
        raise SbtError("unknown_criteria", field="--criteria", value=version,
                       known=", ".join(RULE_SETS)) from None
