"""The roll-up as data: the JSON object ``sbt-xl consolidate --json`` prints (its schema
is in README, *Group roll-up*)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sbt_xl.group.consolidate import Group
from sbt_xl.messages import Lang


def _s12(period: Any, method: str | None) -> float | None:
    if period.scope1 is None and period.scope2(method) is None:
        return None
    return (period.scope1 or 0.0) + (period.scope2(method) or 0.0)


def _s3(period: Any) -> float | None:
    return None if all(v is None for v in period.scope3) else period.scope3_total()


def as_json(group: Group, out: str | Path, lang: Lang = "en") -> dict[str, Any]:
    """``{"approach", "group", "files", "problems", "totals", "touched_share"}``: every file
    in its state with the reason, its share and its own base-year emissions (before the
    share), every problem located, the group's totals, and the share of its base-year
    scope 1+2 emissions the problems touch (null: unknown)."""
    method = group.scope2_method
    keys = {(r.entity.file, where): key for r in group.rows for key, where in r.entity.cells}
    return {
        "approach": group.approach,
        "group": str(out),
        "files": [{
            "file": r.entity.file, "entity_code": r.entity.code, "entity_name": r.entity.name,
            "state": r.status, "reason": r.reason.message(lang) if r.reason else None,
            "share": r.share if r.counted else None,
            "scope12_base": _s12(r.entity.base, method), "scope3_base": _s3(r.entity.base),
        } for r in group.rows],
        "problems": [{
            "file": p.file, "cell": p.where or None, "field": p.field or keys.get((p.file, p.where)),
            "severity": p.severity.value, "message": p.message(lang),
        } for p in group.problems],
        "totals": {f"{k}_{period}": v for period in ("base", "recent") for k, v in (
            ("scope12", _s12(group.totals[period], method)),
            ("scope3", _s3(group.totals[period])))},
        "touched_share": group.touched,
    }
