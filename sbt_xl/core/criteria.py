"""Criteria versions and the numeric parameters the formulas need from them.

One entry per version (criteria doc §3): ``v4`` (2019, the seed), ``v5`` (near-term),
``v5-2026`` (near-term, absolute contraction by the 2026 method) and ``nz1`` (Net-Zero Standard v1, long-term). The validator's rule sets build
on these same records, so each threshold is written once.

Sources: SBTi *Criteria and Recommendations* v4.x (2019, via the seed deck); SBTi
*Corporate Near-Term Criteria* v5.x (scope 3 target when scope 3 is 40 % or more of
scope 1+2+3, covering at least two-thirds of scope 3); SBTi *Corporate Net-Zero
Standard* v1.x (long-term scope 3 target always, covering at least 90 %).
"""

from __future__ import annotations

from dataclasses import dataclass

from sbt_xl.errors import SbtError


@dataclass(frozen=True)
class Criteria:
    id: str
    title: str
    scope3_trigger: float | None
    """S3-TRIGGER: a scope 3 target is needed when scope 3 ≥ this share of S1+2+3;
    ``None`` means always."""
    scope3_coverage: float | None
    """S3-COVERAGE: share of total scope 3 the scope 3 targets must cover; ``None``: no
    fixed share (``nz2`` asks for every relevant category instead)."""


CRITERIA: dict[str, Criteria] = {
    c.id: c
    for c in (
        Criteria("v4", "SBTi Criteria and Recommendations v4 (2019)", 0.40, 2 / 3),
        Criteria("v5", "SBTi Corporate Near-Term Criteria v5", 0.40, 2 / 3),
        Criteria("v5-2026", "SBTi Corporate Near-Term Criteria v5.3 with the 2026 absolute "
                 "contraction (Target-Setting Tool v2.5)", 0.40, 2 / 3),
        Criteria("nz1", "SBTi Corporate Net-Zero Standard v1 (long-term)", None, 0.90),
        # V2.0 (2026-06-11, in force 2027-02-01): a scope 3 target for every Category A
        # company whatever its share; relevant categories instead of a coverage share.
        Criteria("nz2", "SBTi Corporate Net-Zero Standard V2.0 (2026)", None, None),
    )
}
DEFAULT_CRITERIA = "v5"
#: The two kinds of target the SBTi validates: near-term (5-10 years) and long-term.
NEAR_TERM, LONG_TERM = "near-term", "long-term"
#: Target types (the codes the template stores and the wording parser gives).
ABSOLUTE, PHYSICAL, ECONOMIC = "absolute", "physical intensity", "economic intensity"
ENGAGEMENT, RENEWABLE = "supplier/customer engagement", "renewable electricity"


def get_criteria(version: str | None = None, field: str = "criteria") -> Criteria:
    """The criteria record for ``version`` (default: the newest near-term, v5)."""
    key = DEFAULT_CRITERIA if version in (None, "") else str(version).strip().lower()
    try:
        return CRITERIA[key]
    except KeyError:
        raise SbtError("unknown_criteria", field=field, value=version,
                       known=", ".join(CRITERIA)) from None
