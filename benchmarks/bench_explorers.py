"""Benchmark each explorer's update against drawing its figure anew, in the same run.

COURSE.md §5: one explorer update (the state, the figure updated in place and redrawn, the
frame encoded) takes at most 60 ms median and 100 ms at the 95th percentile, and at least
3× less than the full rebuild it replaced (or under 20 ms). The full rebuild is what every
slider move did before: the state, the figure built from scratch and saved as PNG.

Each explorer runs on its notebook's data (``tests/explorer_cases.py``), through the values
of a drag across its main control, after a warm-up; times are medians and 95th
percentiles of single updates, from ``time.perf_counter``. A missed budget prints MISS; the
exit status is 0 unless a case fails to run.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_explorers.py [name ...]``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.explorer_cases import CASES  # noqa: E402

MEDIAN_BUDGET_MS, P95_BUDGET_MS, SPEEDUP, FAST_MS = 60.0, 100.0, 3.0, 20.0


def _times(function, values, rounds=2):
    times = []
    for value in values[:3]:
        function(value)  # warm-up
    for _round in range(rounds):
        for value in values:
            start = time.perf_counter()
            function(value)
            times.append(1e3 * (time.perf_counter() - start))
    return times


def _p95(times):
    return float(np.percentile(times, 95))


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or list(CASES)
    print(f"{'explorer':<28}{'rebuild ms':>11}{'update ms':>11}{'p95':>7}{'speed-up':>10}  verdict")
    for name in names:
        case = CASES[name]()
        live = case.live(case.state_of(case.values[0]))
        live.render()

        def rebuild(value):
            fig = case.fresh(case.state_of(value))
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=fig.dpi)
            plt.close(fig)

        def update(value):
            live.render(case.state_of(value))

        full, fast = _times(rebuild, case.values), _times(update, case.values)
        full_median, fast_median = statistics.median(full), statistics.median(fast)
        ratio = full_median / fast_median
        ok = (fast_median <= MEDIAN_BUDGET_MS and _p95(fast) <= P95_BUDGET_MS
              and (ratio >= SPEEDUP or fast_median < FAST_MS))
        print(f"{name:<28}{full_median:>11.1f}{fast_median:>11.1f}{_p95(fast):>7.1f}"
              f"{ratio:>9.1f}×  {'ok' if ok else 'MISS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
