"""``docs/criteria.md``: the criteria reference, written from the rule sets themselves.

Every threshold lives once, in :mod:`sbt_xl.rules.sets`; this module renders them with the
rule titles, the source each rule set records and the evidence for the rules that follow
the SBTi's practice rather than a sentence of its criteria. A test requires the shipped
document to be what this module writes:

    python -m sbt_xl.rules.reference docs/criteria.md
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sbt_xl.core.ambition import AMBITION_RATES
from sbt_xl.core.contraction import CAP, PATHS, ScopePath
from sbt_xl.rules.base import RULES, RuleSet
from sbt_xl.rules.notes_flag_nz2 import NOTES as FLAG_NZ2_NOTES
from sbt_xl.rules.sets import IN_FORCE, LONG_TERM_OF, RULE_SETS

#: Parameters that are shares or rates (shown as percentages); the others are years,
#: counts or switches.
_SHARES = {"min_rate", "min_coverage", "trigger", "min_reduction", "rate", "min_yoy",
           "min_coverage_s3", "min_share", "cap"}
_RATES = {"min_rate", "rate", "min_yoy"}

HEADER = """# SBT criteria reference

What `sbt-xl validate` checks, rule by rule and criteria version by version. This page is
written from the rule sets in `sbt_xl/rules/sets.py` by `python -m sbt_xl.rules.reference
docs/criteria.md`, and a test fails when the two differ, so the numbers here are the numbers
the validator uses.

Versions: `v4` is the SBTi *Criteria and Recommendations* v4 (2019) as the Japanese Ministry
of the Environment's guide summarises it; `v5` the SBTi *Corporate Near-Term Criteria* v5;
`v5-2026` the same criteria (v5.3) with absolute targets judged by the SBTi's 2026 absolute
contraction (below); `nz1` the long-term part of the SBTi *Corporate Net-Zero Standard* v1.
`sbt-xl validate` picks the version in force on the workbook's submission date (next
section); `--criteria` names one instead.

## How a target's ambition is judged

- **Linear reduction.** A class ({rates} of
  base-year emissions) is reached when the stated reduction is at least `rate × years`.
- **Whole-percent practice.** The SBTi also accepts that minimum rounded to the nearest whole
  percent. Evidence, from its published classifications of real targets: "50 % by 2030 from a
  2018 base year" is published as 1.5 °C although 12 × 4.2 % = 50.4 %; likewise 46 %
  2019→2030 (46.2 %), 25 % 2019→2025 (25.2 %) and 71 % 2018→2035 (71.4 %), while 49 %
  2018→2030 is not 1.5 °C. sbt-xl rounds halves up, as Excel's ROUND does (32.5 % stays
  32.5 %). One function in the core (`sbt_xl.core.ambition.reaches`) serves the formulas,
  the command line and every ambition rule. Checked against the SBTi's own export of
  published targets (`tests/data/SOURCES.md`): of 1,902 near-term absolute scope 1+2
  targets with their published class, sbt-xl gives the same class to 1,901; 45 of those
  agree only because of this practice. The one exception, Essity AB (35 % from 2016 to 2030,
  2.5 %/yr, published as 1.5 °C), is not explained by today's linear method.
- **Which years.** Scope 1+2: target year − base year (published 1.5 °C classes include
  37.8 % from 2021 to 2030, 9 × 4.2 %). Near-term scope 3 absolute targets (`v5`): from 2020
  when the base year is later than 2020 (Target Validation Protocol, C18); the rule
  parameter `anchor` says so.
- **From the most recent year too.** The cut still needed from the most recent inventory
  year must reach the same class over the years left (the seed: 基準年から目標年、直近年から
  目標年のどちらも).
- **Near-term and long-term together.** Each target row says its term. `--criteria` names
  the near-term version, which checks the near-term rows (and rows without a term); the
  long-term rows, and a net-zero commitment, are checked against `nz1` in the same run, and
  every finding says which version raised it. A net-zero commitment needs long-term scope
  1+2 and scope 3 targets (≥ 90 % by 2050, 2040 in the power sector; intensity targets where
  they imply the same) and a neutralisation statement (`NET-ZERO`). `--criteria nz1` checks
  every row against the long-term standard, as before.
- **Target timeframe (`v5`, C13).** 5–10 years counted from the submission half-year: by the
  end of June the submission year is year 1 (H1 2023 → 2027–2032), from July the next year is
  (H2 2023 → 2028–2033). `v4` counts 5–15 years from the submission year, as the seed does.

## Criteria by submission date

Without `--criteria`, a workbook is judged by the rule sets in force on its submission date
(`IN_FORCE` in `sbt_xl/rules/sets.py`, the one place these dates live):

| submitted | near-term rows | long-term rows |
|---|---|---|
{in_force}

The verdict, the Findings sheet and the command line say which sets judged the workbook and
the date they are in force on (`v5-2026 + nz1, in force on 2026-09-15`); each finding in
`--json` carries its set in `criteria`. A blank submission date is judged by today's sets, with
the warning `CRITERIA-DATE`. The Corporate Net-Zero Standard V2.0 applies from 2027-02-01; its
row joins the table when its rule set (`nz2`) exists.

## The 2026 absolute contraction (from 2026-04-14)

**What changed.** Until 2026-04-13 an absolute target needed a fixed rate per year from its
base year (1.5C 4.2 %/yr, WB2C 2.5 %/yr; scope 3 measured from 2020 when the base year is
later, C18). From 2026-04-14 (SBTi Target-Setting Tool v2.5) each scope the target covers
gets the rate of its net-zero path, counted from the most recent inventory year (MRY):

| scope | path, 1.5C | path, WB2C |
|---|---|---|
{paths}

An earlier company net-zero year replaces a scope's year. The rates are weighted by the
target's covered emissions per scope; the combined rate over MRY → target year is spread
over base → target year; the fixed rate stays as a floor per year and the reduction is capped
at {cap}:

    annual = max(floor, Σ w_s · amb_s / (nz_s − MRY) · (TY − MRY) / (TY − BY))
    minimum = min({cap}, annual · (TY − BY))

Worked: BY = MRY = 2024, scope 1 = scope 2, target 2031: (½·0.9/26 + ½·1/16) × 7 = 34.0 %
(the fixed rate asked 29.4 %). BY 2023, MRY 2024, 60 % scope 1 / 40 % scope 2, target 2035:
the paths give 4.196 %/yr, below the floor, so 4.2 × 12 = 50.4 % (the example the port below
gives; a 2020-anchored reading gave 63 %). A company whose emissions are mostly purchased electricity needs more than
before; one with a late base year no longer pays for the years before it. In `v5-2026`,
`AMBITION-S12` (1.5C) and `S3-AMBITION-ABS` (WB2C, no 2020 anchor) use the inventory's
base-year emissions of the scopes each target covers (scope 2 by the method the inventory
reports, scope 3 by the target's categories), the inventory's most recent year, and as the
net-zero year the earliest long-term target year; a finding gives the minimum and why
("scope 2 is 71.43 % of the target's emissions: it must fall 100 % by 2040"). Without
emissions per scope a target is judged by the floor, which the 2026 method never goes below.
`SBT_MIN_REDUCTION` and `sbt-xl minimum` give the minimum by the method in force on a date;
`SBT_PATHWAY`, `SBT_AMBITION` and `sbt-xl ambition` judge by the fixed rates, the floor of
both methods, and say so.

**Evidence, and how certain it is.**

- *SBTi news release, 2026-04-29*, "The SBTi updates the Absolute Contraction Approach to
  improve consistency and implementation, while maintaining net-zero ambition"
  (sciencebasedtargets.org/news): the method of the Near-Term Criteria V5.3 and the Net-Zero
  Standard V1.3 changed as an urgent revision approved by the Technical Council; annual
  rates now depend on the time a company has to reach net zero from its base year; net zero
  by 2050 and the 4.2 %/yr floor between base year and target year are unchanged; effective
  immediately. Official, high certainty, but no formula.
- *A public JavaScript port of the tool's "Calculations" sheet* (a service file,
  `sbtiTargetService`, with Portuguese comments, in a public code index; its repository could
  not be identified): the per-scope paths of the table above (cells D111/D112/D114/D115 for
  scopes 1–2, D195/D196/D221/D222 for scope 3), the weighting by covered emissions, the
  spread over base → target year, the floor as a maximum of the combined yearly rate (not
  per scope), the 90 % cap, no rounding; the tool labels the old method "DEPRECATED VERSION
  2026-04-14", the date sbt-xl switches on. Medium-high certainty: a third party's port, but
  cell by cell and consistent with every other source.
- *Consultancy notes, April–May 2026* (groenbalans.nl, fiveglaciers.com 2026-04-27,
  positivescenarios.com May 2026, esgpost.com, carbonunits.com): "reduction rates are now
  calculated dynamically based on a company's base year and net-zero target year"; scope 2
  keeps 2040 because the power sector is assumed to decarbonise by then, so scope 2 minimums
  may rise while scope 1 minimums fall; the new "dynamic linear annual reduction rate"
  replaces the post-2020 base-year adjustment and the forward-looking adjustment, and
  reaches V1.3 as a new appendix. Medium certainty (third-party readings).

**Not confirmed, and what sbt-xl does meanwhile.**

- The port says its conversion from MRY to base year assumes equal emissions in both years;
  how the tool converts when they differ is not public. sbt-xl uses that conversion and, as
  in `v5`, still asks the floor of the cut left from the most recent year.
- Whether the SBTi rounds the 2026 minimum to a whole percent as it did the fixed-rate ones
  is not known; sbt-xl applies its whole-percent practice to both.
- A net-zero year after 2050 is not accepted by the SBTi; sbt-xl never moves a path later
  than its own year.
- The sources speak of the absolute contraction only: sbt-xl leaves intensity targets
  (`INTENSITY-S12`, scope 3 intensity) as in `v5`.

## Rules and thresholds

A cell shows the severity and the thresholds of the rule in that version; `—` means the
version does not apply the rule.
"""

FOOTER = """
## Not yet checked

C22 asks that a fossil-fuel seller's target covers all of category 11; the template has no
per-category coverage, so `S3-FOSSIL` checks that the target includes category 11, is
absolute and reaches 1.5 °C, not how much of the category it covers.

The Near-Term Criteria v5.3 (2025) is not a rule set yet: its thresholds could not be
confirmed from SBTi text available to us. `v5-2026` changes only the absolute contraction
of `v5`. What `nz2` could not confirm is listed above.
"""


def _value(key: str, value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and key in _SHARES:
        return f"{value * 100:.4g} %" + ("/yr" if key in _RATES else "")
    if isinstance(value, tuple) and value and isinstance(value[0], ScopePath):
        return ", ".join(f"S{v.scope} {_value('cap', v.reduction_15c)}"
                         + (f" (WB2C {_value('cap', v.reduction_wb2c)})"
                            if v.reduction_wb2c != v.reduction_15c else "")
                         + f" by {v.year}" for v in value)
    if isinstance(value, tuple) and value and isinstance(value[0], dt.date):
        return f"{_value('min_rate', value[1])} if submitted before {value[0].isoformat()}"
    if isinstance(value, tuple):
        return ", ".join(f"{_value('min_coverage', v[1])} by {v[0]}" if isinstance(v, tuple)
                         else str(v) for v in value)
    return str(value)


def _params(params: Mapping[str, Any]) -> str:
    return "; ".join(f"{k} {_value(k, v)}" for k, v in params.items()) or "required"


def _rule_ids(sets: list[RuleSet]) -> list[str]:
    return list(dict.fromkeys(r for s in sets for r in s.rule_ids))


def _header() -> str:
    """The header, with the dated table and the 2026 paths from the code that uses them."""
    rows = []
    for i, (start, near, long) in enumerate(IN_FORCE):
        end = IN_FORCE[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(IN_FORCE) else None
        when = ("until " + end.isoformat() if start == dt.date.min and end is not None
                else f"{start.isoformat()} – {end.isoformat()}" if end
                else f"from {start.isoformat()}")
        rows.append(f"| {when} | `{near}` | `{long}` |")
    paths = [f"| {p.scope} | {_value('cap', p.reduction_15c)} by {p.year} | "
             f"{_value('cap', p.reduction_wb2c)} by {p.year} |" for p in PATHS]
    return (HEADER.replace("{in_force}", "\n".join(rows)).replace("{paths}", "\n".join(paths))
            .replace("{cap}", _value("cap", CAP))
            .replace("{rates}", ", ".join(f"{label} = {rate * 100:g} %/yr"
                                          for label, rate in AMBITION_RATES.items())))


def markdown() -> str:
    """The whole reference page."""
    sets = [*RULE_SETS.values(), *LONG_TERM_OF.values()]
    lines = [_header(), "| rule | what | " + " | ".join(s.version for s in sets) + " |",
             "|---|---|" + "---|" * len(sets)]
    for rule_id in _rule_ids(sets):
        cells = []
        for s in sets:
            if rule_id in s.rule_ids:
                e = s.entry(rule_id)
                cells.append(f"{e.severity.value}: {_params(e.params)}")
            else:
                cells.append("—")
        lines.append(f"| `{rule_id}` | {RULES[rule_id].title.en} | " + " | ".join(cells) + " |")
    lines += ["", "## Sources", ""]
    for s in sets:
        lines.append(f"**{s.version}: {s.title}.**")
        by_source: dict[str, list[str]] = {}
        for e in s.entries:
            by_source.setdefault(e.source, []).append(f"`{e.rule}`")
        lines += [f"- {source}: {', '.join(ids)}" for source, ids in by_source.items()]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n" + FLAG_NZ2_NOTES + FOOTER


def write(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(sys.argv[1] if len(sys.argv) > 1 else "docs/criteria.md"))
