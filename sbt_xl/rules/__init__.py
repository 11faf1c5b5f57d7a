"""Criteria rule sets and the rules they apply (ids of the criteria doc §3)."""

from sbt_xl.rules.base import RULES, Entry, Hit, Rule, RuleSet, run
from sbt_xl.rules.sets import RULE_SETS, get_rule_set

__all__ = ["RULES", "RULE_SETS", "Entry", "Hit", "Rule", "RuleSet", "get_rule_set", "run"]
