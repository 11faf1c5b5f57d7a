"""The ``sbt-xl`` command line: the same core as the Excel formulas, for batch work and CI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from sbt_xl import __version__
from sbt_xl.cli import group as cli_group
from sbt_xl.cli import report as cli_report
from sbt_xl.cli import targets as cli_targets
from sbt_xl.cli import workbook as cli_workbook
from sbt_xl.cli.common import EXIT_INTERRUPTED, lang_for, say
from sbt_xl.core.criteria import CRITERIA, DEFAULT_CRITERIA
from sbt_xl.errors import SbtError, unexpected

EXIT_OK, EXIT_USAGE = 0, 2


def _table(rows: list[dict[str, Any]]) -> str:
    """Rows of equal keys as an aligned plain-text table."""
    if not rows:
        return "(no rows)"
    heads = list(rows[0])
    cells = [[_fmt(r[h]) for h in heads] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) if _numeric(c) else c.ljust(w) for c, w in zip(row, widths))
              for row in cells]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def _numeric(text: str) -> bool:
    return text.replace(",", "").replace(".", "").replace("-", "").replace("e+", "").isdigit()


def _emit(args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else _table(rows))


def cmd_pathway(args: argparse.Namespace) -> None:
    from sbt_xl.core import ambition, pathway
    rate = ambition.ambition_rate(args.ambition)
    years, emissions = pathway.pathway_table(args.base_emissions, args.base_year,
                                             args.target_year, rate)
    _emit(args, [{"year": int(y), "emissions": float(e)} for y, e in zip(years, emissions)])


def cmd_sda(args: argparse.Namespace) -> None:
    from sbt_xl.core import sda, sectors
    n = len(args.target_year)
    activity = args.target_activity * n if len(args.target_activity) == 1 else args.target_activity
    if len(activity) != n:
        raise SbtError("shape_mismatch", field="target_activity", value=len(activity),
                       other="target_year", count=n)
    path = sectors.sector_pathway(args.sector, args.scenario)
    intensity, emissions = sda.sda_target(args.sector, args.base_year, args.base_intensity,
                                          args.base_activity, args.target_year, activity,
                                          args.scenario)
    _emit(args, [
        {"year": y, "intensity": float(i), "intensity_unit": path.intensity_unit,
         "activity": float(a), "emissions": float(e), "scenario": path.scenario}
        for y, i, a, e in zip(args.target_year, intensity, activity, emissions)
    ])


def cmd_scope3(args: argparse.Namespace) -> None:
    from sbt_xl.core import scope3
    total = float(scope3.scope3_totals([args.scope3])[0])
    rules = CRITERIA[args.criteria]
    _emit(args, [{
        "scope1": args.scope1, "scope2": args.scope2, "scope3": total,
        "share": float(scope3.scope3_share(args.scope1, args.scope2, total)),
        "required": bool(scope3.scope3_required(args.scope1, args.scope2, total, rules.id)),
        "criteria": rules.id,
    }])


def cmd_ambition(args: argparse.Namespace) -> None:
    from sbt_xl.core import ambition
    result = ambition.assess_ambition(args.base_year, args.target_year, args.reduction,
                                      args.recent_year, args.recent_reduction)
    row = {"base_rate": float(result.base_rate), "base_class": str(result.base_class)}
    if result.recent_rate is not None:
        row |= {"recent_rate": float(result.recent_rate),
                "recent_class": str(result.recent_class)}
    _emit(args, [row | {"ambition": str(result.ambition)}])


def cmd_sectors(args: argparse.Namespace) -> None:
    from sbt_xl.core import sectors
    _emit(args, sectors.pathway_rows(args.sector, args.scenario))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sbt-xl", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sbt-xl {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of a table")
    common.add_argument("--lang", choices=("en", "ja"),
                        help="language of messages and labels (default: the workbook's "
                             "own, else SBT_XL_LANG, else en)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("pathway", parents=[common], help="absolute contraction pathway")
    p.add_argument("base_emissions", type=float)
    p.add_argument("base_year", type=int)
    p.add_argument("target_year", type=int)
    p.add_argument("--ambition", default="1.5C", help="1.5C, WB2C, 2C or a rate (4.2%%)")
    p.set_defaults(run=cmd_pathway)

    p = sub.add_parser("sda", parents=[common], help="SDA target intensity")
    p.add_argument("sector")
    p.add_argument("base_year", type=int)
    p.add_argument("base_intensity", type=float)
    p.add_argument("base_activity", type=float)
    p.add_argument("--target-year", type=int, nargs="+", required=True)
    p.add_argument("--target-activity", type=float, nargs="+", required=True)
    p.add_argument("--scenario", default=None)
    p.set_defaults(run=cmd_sda)

    p = sub.add_parser("scope3", parents=[common], help="scope 3 share and S3-TRIGGER")
    p.add_argument("scope1", type=float)
    p.add_argument("scope2", type=float)
    p.add_argument("scope3", type=float, nargs="+", help="total, or the 15 categories")
    p.add_argument("--criteria", choices=list(CRITERIA), default=DEFAULT_CRITERIA)
    p.set_defaults(run=cmd_scope3)

    p = sub.add_parser("ambition", parents=[common], help="annual rate and ambition class")
    p.add_argument("base_year", type=int)
    p.add_argument("target_year", type=int)
    p.add_argument("reduction", type=float, help="share, e.g. 0.42")
    p.add_argument("--recent-year", type=int)
    p.add_argument("--recent-reduction", type=float)
    p.set_defaults(run=cmd_ambition)

    p = sub.add_parser("sectors", parents=[common], help="list shipped SDA pathway rows")
    p.add_argument("--sector")
    p.add_argument("--scenario")
    p.set_defaults(run=cmd_sectors)

    cli_workbook.add_parsers(sub, common)
    cli_targets.add_parsers(sub, common)
    cli_group.add_parser(sub, common)
    cli_report.add_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    inputs = getattr(args, "files", None) or []
    args.lang_given = args.lang
    args.lang = lang_for(args.lang, getattr(args, "file", None)
                         or (inputs[0] if len(inputs) == 1 else None))
    try:
        status = args.run(args)
    except SbtError as err:
        print(f"sbt-xl: {err.message(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `sbt-xl … | head`: the reader left; not an error of ours
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        say("interrupted", args.lang)  # every write is atomic: a Ctrl-C leaves no half file
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001  (the last resort: one line and a log, exit 2)
        err = unexpected(f"sbt-xl {args.command}", exc)
        print(f"sbt-xl: {err.message(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if status is None else status


if __name__ == "__main__":
    sys.exit(main())
