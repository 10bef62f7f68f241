"""Benchmark lecturelib's threshold curves against scikit-learn's at 10^6 scores.

COURSE.md §5 budget: ``roc_curve``, ``precision_recall_curve`` and
``average_precision_score`` at 10^6 scores take at most 1.5× scikit-learn's time, with
identical output. Both libraries run in the same process on the same inputs: 10^6 scores
rounded to 3 decimals (so there are many ties, the case where the threshold bookkeeping
matters) and labels at about 30% prevalence, from a fixed seed.

Each function is called once to warm up, then timed with ``time.perf_counter`` over
``--repeats`` rounds (at least 5), lecturelib and scikit-learn alternating within a round
so a slow patch of the machine hits both; the table shows medians.

Exit status: 1 if any output differs from scikit-learn's, else 0. A missed time budget is
reported as MISS in the table, not as an error: timings depend on the machine.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_curves.py [--n N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn import metrics as skm

from lecturelib import curves

BUDGET_RATIO = 1.5
FUNCTIONS = ("roc_curve", "precision_recall_curve", "average_precision_score")


def make_inputs(n, seed=0):
    """Labels at ~30% prevalence and informative scores in [0, 1] with 3-decimal ties."""
    rng = np.random.default_rng(seed)
    y_true = (rng.random(n) < 0.3).astype(np.int64)
    logits = 1.2 * y_true + rng.standard_normal(n)
    y_score = np.round(1.0 / (1.0 + np.exp(-logits)), 3)
    return y_true, y_score


def same_output(ours, theirs):
    if isinstance(ours, tuple):
        return len(ours) == len(theirs) and all(
            np.array_equal(a, b) for a, b in zip(ours, theirs))
    return ours == theirs


def time_pair(ours, theirs, args, repeats):
    """Median seconds of each function over ``repeats`` alternating rounds, after a warm-up."""
    ours(*args)
    theirs(*args)
    ours_times, theirs_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        ours(*args)
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        theirs(*args)
        theirs_times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(theirs_times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**6, help="number of scores (10^6)")
    parser.add_argument("--repeats", type=int, default=7, help="timed rounds, >= 5 (7)")
    args = parser.parse_args(argv)
    if args.repeats < 5:
        parser.error("--repeats must be at least 5 for a stable median")

    y_true, y_score = make_inputs(args.n)
    print(f"{args.n:,} scores, {np.unique(y_score).size:,} distinct, prevalence "
          f"{y_true.mean():.3f}; median of {args.repeats} runs after a warm-up; "
          f"numpy {np.__version__}, scikit-learn {sklearn.__version__}")
    header = f"{'function':<26}{'lecturelib ms':>14}{'sklearn ms':>12}{'ratio':>8}" \
             f"{'budget':>9}{'result':>8}{'output':>11}"
    print(header)
    print("-" * len(header))

    all_identical = True
    for name in FUNCTIONS:
        ours, theirs = getattr(curves, name), getattr(skm, name)
        identical = same_output(ours(y_true, y_score), theirs(y_true, y_score))
        all_identical &= identical
        ours_s, theirs_s = time_pair(ours, theirs, (y_true, y_score), args.repeats)
        ratio = ours_s / theirs_s
        verdict = "PASS" if ratio <= BUDGET_RATIO else "MISS"
        print(f"{name:<26}{1e3 * ours_s:>14.1f}{1e3 * theirs_s:>12.1f}{ratio:>7.2f}×"
              f"{'≤ ' + format(BUDGET_RATIO, 'g') + '×':>9}{verdict:>8}"
              f"{'identical' if identical else 'DIFFERENT':>11}")
    if not all_identical:
        print("ERROR: lecturelib's output differs from scikit-learn's (see the table).",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
