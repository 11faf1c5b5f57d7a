"""GROUP-PROBLEMS: a group workbook whose roll-up left entities out or found errors does not
pass. The reader hands the rule what the workbook's Entities sheet says
(:attr:`~sbt_xl.model.submission.Submission.rollup`); the rule knows nothing of how a
roll-up is made."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sbt_xl.messages import Text
from sbt_xl.model.submission import Submission
from sbt_xl.rules.base import Hit, rule

#: The field the finding is about: the Entities sheet's summary (its "not counted" cell).
FIELD = "group.summary"


def _share(value: float | None) -> Text | str:
    return Text("an unknown share", "不明な割合") if value is None else f"{value:.1%}"


@rule("GROUP-PROBLEMS", "The group's roll-up counted every entity without errors",
      "グループ連結で全事業体がエラーなく集計されていること")
def group_problems(sub: Submission, params: Mapping[str, Any]) -> Iterator[Hit]:
    r = sub.rollup
    if r is None or (r.errors == 0 and r.not_counted == 0):
        return
    yield Hit(FIELD, "group_problems", {"errors": r.errors, "not_counted": r.not_counted,
                                        "touched": _share(r.touched)})
