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

from sbt_xl.rules.base import RULES, RuleSet
from sbt_xl.rules.notes_flag_nz2 import NOTES as FLAG_NZ2_NOTES
from sbt_xl.rules.sets import LONG_TERM_OF, RULE_SETS

#: Parameters that are shares or rates (shown as percentages); the others are years,
#: counts or switches.
_SHARES = {"min_rate", "min_coverage", "trigger", "min_reduction", "rate", "min_yoy",
           "min_coverage_s3", "min_share"}
_RATES = {"min_rate", "rate", "min_yoy"}

HEADER = """# SBT criteria reference

What `sbt-xl validate` checks, rule by rule and criteria version by version. This page is
written from the rule sets in `sbt_xl/rules/sets.py` by `python -m sbt_xl.rules.reference
docs/criteria.md`, and a test fails when the two differ, so the numbers here are the numbers
the validator uses.

Versions: `v4` is the SBTi *Criteria and Recommendations* v4 (2019) as the Japanese Ministry
of the Environment's guide summarises it; `v5` the SBTi *Corporate Near-Term Criteria* v5
(the default); `nz1` the long-term part of the SBTi *Corporate Net-Zero Standard* v1. Pick one
with `sbt-xl validate --criteria`.

## How a target's ambition is judged

- **Linear reduction.** A class (1.5C = 4.2 %/yr, WB2C = 2.5 %/yr, 2C = 1.23 %/yr of
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
confirmed from SBTi text available to us. What `nz2` could not confirm is listed above.
"""


def _value(key: str, value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and key in _SHARES:
        return f"{value * 100:.4g} %" + ("/yr" if key in _RATES else "")
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


def markdown() -> str:
    """The whole reference page."""
    sets = [*RULE_SETS.values(), *LONG_TERM_OF.values()]
    lines = [HEADER, "| rule | what | " + " | ".join(s.version for s in sets) + " |",
             "|---|---|" + "---|" * len(sets)]
    for rule_id in _rule_ids(sets):
        cells = []
        for s in sets:
            if rule_id in s.rule_ids:
                e = s.entry(rule_id)
                cells.append(f"{e.severity.value}: {_params(e.params)}")
            else:
                cells.append("—")
        lines.append(f"| `{rule_id}` | {RULES[rule_id].title_en} | " + " | ".join(cells) + " |")
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
