"""The Excel formulas at table scale, on the Python side (Excel adds its COM round trip).

For each formula: N single-cell calls (one formula per row, filled down) against one
N-row call (one formula spilling down a column) and the bare core call, both on numpy
arrays already built and with the conversion from and to the nested lists xlwings
passes. Inputs arrive as xlwings passes them with ndim=2 ([[v]] for one cell).

    python benchmarks/bench_udfs.py [N]
"""

from __future__ import annotations

import random
import sys
import timeit
from collections.abc import Callable

import numpy as np
import sbt_xl_udfs as xl

from sbt_xl.core import ambition, pathway, scope3, sda, sectors


def best(fn: Callable[[], object], number: int) -> float:
    """Best of 5 runs, seconds per call."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number


def column(values: list[float]) -> list[list[float]]:
    return [[v] for v in values]


def main(n: int = 10_000) -> None:
    rng = random.Random(3)
    e0 = [rng.uniform(1e3, 1e6) for _ in range(n)]
    by = [float(rng.choice([2018, 2019, 2020, 2021])) for _ in range(n)]
    red = [round(rng.uniform(0.1, 0.6), 3) for _ in range(n)]
    s1 = [rng.uniform(0, 1e5) for _ in range(n)]
    s2 = [rng.uniform(0, 1e5) for _ in range(n)]
    s3 = [rng.uniform(1, 1e6) for _ in range(n)]
    bi = [rng.uniform(0.5, 0.9) for _ in range(n)]
    ba = [rng.uniform(1e5, 1e7) for _ in range(n)]
    ta = [b * 1.1 for b in ba]
    cement = sectors.sector_pathway("cement")
    c = {k: column(v) for k, v in dict(e0=e0, by=by, red=red, s1=s1, s2=s2, s3=s3, bi=bi,
                                        ba=ba, ta=ta).items()}  # what xlwings passes
    a = {k: np.array(v) for k, v in dict(e0=e0, by=by, red=red, s1=s1, s2=s2, s3=s3,
                                          bi=bi, ba=ba).items()}

    cases = {
        "SBT_PATHWAY (at_year)": (
            lambda i: xl.SBT_PATHWAY([[e0[i]]], [[by[i]]], [[2030.0]], [["WB2C"]], [[2025.0]]),
            lambda: xl.SBT_PATHWAY(c["e0"], c["by"], [[2030.0]], [["WB2C"]], [[2025.0]]),
            lambda: pathway.absolute_pathway(a["e0"], a["by"], 2025, 0.025),
            lambda: pathway.absolute_pathway(np.array(c["e0"]), np.array(c["by"]), 2025,
                                             0.025).tolist()),
        "SBT_SDA_INTENSITY": (
            lambda i: xl.SBT_SDA_INTENSITY([["cement"]], [[2020.0]], [[bi[i]]], [[ba[i]]],
                                           [[2030.0]], [[ba[i] * 1.1]], [[None]]),
            lambda: xl.SBT_SDA_INTENSITY([["cement"]], [[2020.0]], c["bi"], c["ba"],
                                         [[2030.0]], c["ta"], [[None]]),
            lambda: sda.sda_intensity(cement, 2020, a["bi"], a["ba"], 2030, a["ba"] * 1.1),
            lambda: sda.sda_intensity(cement, 2020, np.array(c["bi"]), np.array(c["ba"]),
                                      2030, np.array(c["ta"])).tolist()),
        "SBT_SCOPE3_SHARE": (
            lambda i: xl.SBT_SCOPE3_SHARE([[s1[i]]], [[s2[i]]], [[s3[i]]]),
            lambda: xl.SBT_SCOPE3_SHARE(c["s1"], c["s2"], c["s3"]),
            lambda: scope3.scope3_share(a["s1"], a["s2"], a["s3"]),
            lambda: scope3.scope3_share(np.array(c["s1"]), np.array(c["s2"]),
                                        np.array(c["s3"])).tolist()),
        "SBT_SCOPE3_REQUIRED": (
            lambda i: xl.SBT_SCOPE3_REQUIRED([[s1[i]]], [[s2[i]]], [[s3[i]]], [[None]]),
            lambda: xl.SBT_SCOPE3_REQUIRED(c["s1"], c["s2"], c["s3"], [[None]]),
            lambda: scope3.scope3_required(a["s1"], a["s2"], a["s3"]),
            lambda: scope3.scope3_required(np.array(c["s1"]), np.array(c["s2"]),
                                           np.array(c["s3"])).tolist()),
        "SBT_ANNUAL_RATE": (
            lambda i: xl.SBT_ANNUAL_RATE([[by[i]]], [[2030.0]], [[red[i]]]),
            lambda: xl.SBT_ANNUAL_RATE(c["by"], [[2030.0]], c["red"]),
            lambda: ambition.linear_annual_rate(a["by"], 2030, a["red"]),
            lambda: ambition.linear_annual_rate(np.array(c["by"]), 2030,
                                                np.array(c["red"])).tolist()),
        "SBT_AMBITION": (
            lambda i: xl.SBT_AMBITION([[by[i]]], [[2030.0]], [[red[i]]], [[None]], [[None]]),
            lambda: xl.SBT_AMBITION(c["by"], [[2030.0]], c["red"], [[None]], [[None]]),
            lambda: ambition.assess_ambition(a["by"], 2030, a["red"]).ambition,
            lambda: ambition.assess_ambition(np.array(c["by"]), 2030,
                                             np.array(c["red"])).ambition.tolist()),
    }
    print(f"{n:,} rows; seconds for the whole table (best of 5)")
    print(f"{'formula':<24}{'single cells':>14}{'one range':>12}{'core':>10}"
          f"{'core+lists':>12}{'cells/range':>13}{'range/core+lists':>18}{'one cell':>11}")
    for name, (single, ranged, core, core_lists) in cases.items():
        t_single = best(lambda: [single(i) for i in range(n)], 1)
        t_range = best(ranged, 5)
        t_core = best(core, 20)
        t_core_lists = best(core_lists, 5)
        print(f"{name:<24}{t_single:>13.3f}s{t_range * 1e3:>10.2f}ms{t_core * 1e3:>8.2f}ms"
              f"{t_core_lists * 1e3:>10.2f}ms{t_single / t_range:>12.0f}x"
              f"{t_range / t_core_lists:>17.2f}x{t_single / n * 1e6:>9.1f}µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
