"""The sbt-xl command line: the same core as the Excel formulas, for batch work and CI."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import sbt_xl
from sbt_xl.cli import group as cli_group
from sbt_xl.cli import report as cli_report
from sbt_xl.cli import targets as cli_targets
from sbt_xl.cli import workbook as cli_workbook
from sbt_xl.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, lang_for, say
from sbt_xl.core.criteria import CRITERIA, DEFAULT_CRITERIA
from sbt_xl.interrupts import stopping_once
from sbt_xl.errors import SbtError, unexpected



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
    import numpy as np

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
        for y, i, a, e in zip(args.target_year, np.atleast_1d(intensity), activity,
                              np.atleast_1d(emissions))
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


def _as_of(args: argparse.Namespace):
    """``--as-of`` as a date (default today)."""
    import datetime as dt

    from sbt_xl.core.contraction import as_of_date
    return as_of_date("--as-of", args.as_of) or dt.date.today()


def cmd_ambition(args: argparse.Namespace) -> None:
    from sbt_xl.core import ambition, contraction
    from sbt_xl.messages import render
    day = _as_of(args)
    method = contraction.method_in_force(day)
    result = ambition.assess_ambition(args.base_year, args.target_year, args.reduction,
                                      args.recent_year, args.recent_reduction)
    row = {"base_rate": float(result.base_rate), "base_class": str(result.base_class)}
    if result.recent_rate is not None:
        row |= {"recent_rate": float(result.recent_rate),
                "recent_class": str(result.recent_class)}
    floors = ", ".join(f"{k} {ambition.AMBITION_RATES[k] * 100:g} %/yr"
                       for k in contraction.AMBITIONS)
    note = render("method_fixed_note" if method == contraction.FIXED_RATE
                  else "method_floor_note", args.lang,
                  {"method": method, "as_of": day.isoformat(), "floor": floors})
    row |= {"ambition": str(result.ambition), "method": method}
    if args.json:
        _emit(args, [row | {"note": note}])
    else:
        print(_table([row]) + "\n" + note)


def cmd_minimum(args: argparse.Namespace) -> None:
    from sbt_xl.core import contraction
    from sbt_xl.messages import render
    day = _as_of(args)
    m = contraction.minimum_reduction(args.base_year, args.target_year, args.scope1,
                                      args.scope2, args.scope3, args.ambition,
                                      args.recent_year, args.net_zero_year, as_of=day)
    if args.json:
        print(json.dumps({
            "reduction": m.reduction, "annual_rate": m.annual_rate,
            "floor_applies": m.floor_applies, "method": m.method, "as_of": day.isoformat(),
            "recent_year": int(m.recent_year), "path_rate": m.path_rate,
            "scopes": [{"scope": s.scope, "weight": s.weight,
                        "path_reduction": s.path_reduction,
                        "net_zero_year": int(s.net_zero_year), "rate": s.rate}
                       for s in m.scopes]}, ensure_ascii=False, indent=2))
        return
    print(render("minimum_summary", args.lang, {
        "reduction": f"{m.reduction * 100:.4g} %", "base": args.base_year,
        "target": args.target_year, "rate": f"{m.annual_rate * 100:.4g} %",
        "method": m.method, "as_of": day.isoformat(),
        "floor": render("minimum_floor", args.lang, {}) if m.floor_applies
        and m.method != contraction.FIXED_RATE else ""}))
    if m.scopes:
        print(_table([{"scope": s.scope, "weight": s.weight, "path": s.path_reduction,
                       "net_zero_year": int(s.net_zero_year), "rate": s.rate}
                      for s in m.scopes if s.weight > 0]))


def cmd_sectors(args: argparse.Namespace) -> None:
    from sbt_xl.core import sectors
    _emit(args, sectors.pathway_rows(args.sector, args.scenario))


def share(text: str) -> float:
    """A share as typed on a command line: ``0.42`` or ``42%``."""
    text = text.strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {text!r} (0.42 or 42%)") from None


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (see sbt_xl.version)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(f"sbt-xl {sbt_xl.version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sbt-xl", description=__doc__)
    parser.add_argument("--version", action=_Version)
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
    p.add_argument("reduction", type=share, help="share: 0.42 or 42%%")
    p.add_argument("--recent-year", type=int)
    p.add_argument("--recent-reduction", type=share)
    p.add_argument("--as-of", help="date whose method applies (YYYY-MM-DD, default today); "
                                   "the class is judged by the fixed rates, the floor of "
                                   "either method")
    p.set_defaults(run=cmd_ambition)

    p = sub.add_parser("minimum", parents=[common],
                       help="minimum reduction of an absolute target (the method in force)")
    p.add_argument("base_year", type=int)
    p.add_argument("target_year", type=int)
    for n in (1, 2, 3):
        p.add_argument(f"--scope{n}", type=float, default=0.0, metavar="T",
                       help=f"scope {n} emissions the target covers, tCO2e (default 0: "
                            "not covered)")
    p.add_argument("--ambition", default="1.5C", choices=("1.5C", "WB2C"))
    p.add_argument("--recent-year", type=int, metavar="Y",
                   help="most recent inventory year (default: the base year)")
    p.add_argument("--net-zero-year", type=int, metavar="Y",
                   help="the company's net-zero year, if before 2050")
    p.add_argument("--as-of", metavar="DATE",
                   help="date whose method applies (YYYY-MM-DD, default today): the 2026 "
                        "net-zero paths from 2026-04-14, the fixed rate before")
    p.set_defaults(run=cmd_minimum)

    p = sub.add_parser("sectors", parents=[common], help="list shipped SDA pathway rows")
    p.add_argument("--sector")
    p.add_argument("--scenario")
    p.set_defaults(run=cmd_sectors)

    cli_workbook.add_parsers(sub, common)
    cli_targets.add_parsers(sub, common)
    cli_group.add_parser(sub, common)
    cli_report.add_parser(sub, common)
    return parser


#: The arguments that name files, as the usage line shows them.
_FILE_ARGUMENTS = {"out": "-o", "file": "FILE", "parent": "--parent", "files": "FILE",
                   "inputs": "DIR_OR_FILE"}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    inputs = getattr(args, "files", None) or []
    args.lang_given = args.lang
    args.lang = lang_for(args.lang, getattr(args, "file", None)
                         or (inputs[0] if len(inputs) == 1 else None))
    for name, shown in _FILE_ARGUMENTS.items():  # `-o "$UNSET"`, `sbt-xl report ""`
        given = getattr(args, name, None)
        if any(isinstance(v, str) and not v.strip()
               for v in (given if isinstance(given, list) else [given])):
            say("empty_file_name", args.lang, field=shown)
            return EXIT_USAGE
    try:
        with stopping_once():
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
        failure = unexpected(f"sbt-xl {args.command}", exc)
        print(f"sbt-xl: {failure.message(args.lang)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if status is None else status


if __name__ == "__main__":
    sys.exit(main())
