"""docs/criteria.md is written from the rule sets: the shipped page must be what they give."""

from pathlib import Path

from sbt_xl.rules import RULE_SETS
from sbt_xl.rules.reference import markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "criteria.md"


def test_the_criteria_page_matches_the_rule_sets():
    assert DOC.read_text(encoding="utf-8") == markdown(), \
        "docs/criteria.md is stale: run python -m sbt_xl.rules.reference docs/criteria.md"


def test_every_rule_of_every_version_is_on_the_page():
    text = DOC.read_text(encoding="utf-8")
    for rules in RULE_SETS.values():
        for rule_id in rules.rule_ids:
            assert f"| `{rule_id}` |" in text
    # the thresholds as the validator uses them
    assert "min_rate 4.2 %/yr" in text and "min_years 5; max_years 10" in text
    assert "anchor 2020" in text and "half_year yes" in text
