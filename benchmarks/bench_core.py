"""Time 10,000 pathway, SDA and 2026 minimum-reduction evaluations: one vectorised call vs
a Python loop (one call per company).

    python benchmarks/bench_core.py [N]

Prints the best of several runs of each (seconds) and the speed-up.
"""

from __future__ import annotations

import sys
import timeit

import numpy as np

from sbt_xl import absolute_pathway, sda_intensity, sector_pathway
from sbt_xl.core.contraction import paths_minimum


def _loop_pathway(e0, years, rate):
    # The per-cell arithmetic a spreadsheet would do, one company-year at a time.
    out = []
    for e in e0:
        out.append([e * max(0.0, 1.0 - rate * (y - 2020)) for y in years])
    return out


def _loop_sda(path, base_i, base_a, target_a):
    i_sec, a_sec = path.intensity.tolist(), path.activity.tolist()
    ib, it, end = 2020 - 2019, 2030 - 2019, i_sec[-1]
    return [
        (bi - end) * (i_sec[it] - end) / (i_sec[ib] - end) * ((ba / a_sec[ib]) / (ta / a_sec[it]))
        + end
        for bi, ba, ta in zip(base_i, base_a, target_a)
    ]


def _loop_minimum(by, s1, s2, s3, mry):
    # The same core function called once per target, as a formula per cell would.
    return [paths_minimum(int(b), 2032, float(a), float(c), float(d), "1.5C", int(r))
            for b, a, c, d, r in zip(by, s1, s2, s3, mry)]


def _best(fn, number=3, repeat=5) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main(n: int = 10_000) -> None:
    rng = np.random.default_rng(0)
    e0 = rng.uniform(1e3, 1e7, n)
    years = np.arange(2020, 2051)
    path = sector_pathway("cement")
    base_i = rng.uniform(0.4, 1.0, n)
    base_a = rng.uniform(1e5, 1e7, n)
    target_a = base_a * rng.uniform(0.8, 1.5, n)
    e0_list, years_list = e0.tolist(), years.tolist()
    by = rng.integers(2020, 2026, n)
    mry = by + rng.integers(0, 2, n)
    s1, s2, s3 = (rng.uniform(0, 1e6, n) for _ in range(3))

    rows = [
        ("pathway (n companies x 31 years)",
         _best(lambda: absolute_pathway(e0[:, None], 2020, years, 0.042)),
         _best(lambda: _loop_pathway(e0_list, years_list, 0.042), number=1)),
        ("SDA (n companies, 2020->2030)",
         _best(lambda: sda_intensity(path, 2020, base_i, base_a, 2030, target_a)),
         _best(lambda: _loop_sda(path, base_i.tolist(), base_a.tolist(), target_a.tolist()),
               number=1)),
        ("2026 minimum reduction (n targets)",
         _best(lambda: paths_minimum(by, 2032, s1, s2, s3, "1.5C", mry)),
         _best(lambda: _loop_minimum(by, s1, s2, s3, mry), number=1)),
    ]
    assert np.allclose(paths_minimum(by, 2032, s1, s2, s3, "1.5C", mry).reduction,
                       [m.reduction for m in _loop_minimum(by, s1, s2, s3, mry)])
    vec = absolute_pathway(e0[:, None], 2020, years, 0.042)
    assert np.allclose(vec, _loop_pathway(e0_list, years_list, 0.042))
    assert np.allclose(sda_intensity(path, 2020, base_i, base_a, 2030, target_a),
                       _loop_sda(path, base_i.tolist(), base_a.tolist(), target_a.tolist()))
    print(f"n = {n:,}; numpy {np.__version__}")
    print(f"{'evaluation':36} {'vectorised':>12} {'python loop':>12} {'speed-up':>9}")
    for name, vec_s, loop_s in rows:
        print(f"{name:36} {vec_s * 1e3:9.2f} ms {loop_s * 1e3:9.2f} ms {loop_s / vec_s:8.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
