"""Benchmark one move of the threshold slider at 10^5 samples.

COURSE.md §5 budgets for the threshold explorer (notebooks 04 and 05) at 100,000 samples:

* maths, ``lecturelib.explorers.threshold_state(sweep, t)`` on a prepared
  ``lecturelib.curves.ThresholdSweep`` (sorted once; a move is then a lookup in
  cumulative counts): median at most 1 ms;
* redraw, the state plus ``threshold_figure(sweep, state, curves=curves)`` rendered to
  PNG at ``FIGURE_DPI`` as the inline backend does: median at most 150 ms. ``curves`` is
  ``threshold_curves(sweep)``, computed once per data set as ``threshold_explorer`` does.

Thresholds cycle through a fixed, seeded set of values across the score range, so no
two consecutive calls ask for the same one. Each measurement is a median over many
calls after a warm-up, timed with ``time.perf_counter``. The once-per-data-set steps,
building the sweep (the one sort) and the thinned curves, are timed once and reported
without a budget.

Exit status: 1 if the counts behind a state differ from a direct count of
``y_score >= t``, else 0. A missed time budget is reported as MISS, not as an error.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_thresholds.py``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from lecturelib.datasets import score_distributions  # noqa: E402
from lecturelib.plots import FIGURE_DPI  # noqa: E402

MATHS_BUDGET_MS = 1.0
REDRAW_BUDGET_MS = 150.0


def median_ms(function, arguments, *, warmup=3):
    """Median milliseconds of ``function(*a)`` over ``arguments`` (one call each)."""
    for a in arguments[:warmup]:
        function(*a)
    times = []
    for a in arguments:
        start = time.perf_counter()
        function(*a)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**5, help="number of samples (10^5)")
    parser.add_argument("--maths-repeats", type=int, default=1000)
    parser.add_argument("--redraw-repeats", type=int, default=9)
    args = parser.parse_args(argv)
    if min(args.maths_repeats, args.redraw_repeats) < 5:
        parser.error("repeats must be at least 5 for a stable median")

    try:
        from lecturelib.curves import ThresholdSweep
        from lecturelib.explorers import threshold_curves, threshold_figure, threshold_state
    except ImportError as exc:
        print(f"bench_thresholds: the threshold explorer's API is not available ({exc}); "
              "nothing measured.")
        return 0

    # 30% positives with binormal scores, as in notebook 05.
    n_positive = round(0.3 * args.n)
    y_true, y_score = score_distributions(n_positive, args.n - n_positive, separation=1.5)
    rng = np.random.default_rng(1)
    thresholds = rng.uniform(np.quantile(y_score, 0.01), np.quantile(y_score, 0.99),
                             size=max(args.maths_repeats, args.redraw_repeats))

    start = time.perf_counter()
    sweep = ThresholdSweep(y_true, y_score)
    build_ms = 1e3 * (time.perf_counter() - start)
    start = time.perf_counter()
    curves = threshold_curves(sweep)
    curves_ms = 1e3 * (time.perf_counter() - start)

    # Correctness first: the counts against a direct count, at random thresholds, at
    # thresholds equal to a score (ties go to the positive side) and beyond both ends.
    checked = [*thresholds[:20], y_score.min(), y_score.max(), y_score[0], -np.inf, np.inf]
    mismatches = []
    for t in checked:
        state = threshold_state(sweep, float(t))
        predicted = y_score >= t
        expected = {
            "tp": int(np.sum(predicted & (y_true == 1))),
            "fp": int(np.sum(predicted & (y_true == 0))),
            "fn": int(np.sum(~predicted & (y_true == 1))),
            "tn": int(np.sum(~predicted & (y_true == 0))),
        }
        got = {key: int(state[key]) for key in expected}
        if got != expected:
            mismatches.append((float(t), got, expected))

    maths_ms = median_ms(threshold_state,
                         [(sweep, float(t)) for t in thresholds[:args.maths_repeats]])

    def redraw(t):
        state = threshold_state(sweep, t)
        fig = threshold_figure(sweep, state, curves=curves)
        fig.savefig(io.BytesIO(), format="png", dpi=FIGURE_DPI)
        plt.close(fig)

    redraw_ms = median_ms(redraw, [(float(t),) for t in thresholds[:args.redraw_repeats]],
                          warmup=2)

    print(f"{args.n:,} samples ({n_positive:,} positive). Once per data set, not budgeted: "
          f"ThresholdSweep (the one sort) {build_ms:.1f} ms, threshold_curves "
          f"{curves_ms:.1f} ms")
    header = f"{'measurement':<48}{'median ms':>10}{'budget ms':>11}{'result':>8}"
    print(header)
    print("-" * len(header))
    for name, value, budget, repeats in (
            ("threshold_state (maths)", maths_ms, MATHS_BUDGET_MS, args.maths_repeats),
            ("state + threshold_figure + PNG (redraw)", redraw_ms, REDRAW_BUDGET_MS,
             args.redraw_repeats)):
        verdict = "PASS" if value <= budget else "MISS"
        label = f"{name}, {repeats} runs"
        print(f"{label:<48}{value:>10.3f}{'≤ ' + format(budget, 'g'):>11}{verdict:>8}")
    print(f"counts at {len(checked)} thresholds: "
          f"{'identical to a direct count' if not mismatches else 'DIFFERENT'}")
    if mismatches:
        for t, got, expected in mismatches[:5]:
            print(f"ERROR: at t = {t:.6g} threshold_state gave {got}, a direct count "
                  f"{expected}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
