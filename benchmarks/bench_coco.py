"""Benchmark lecturelib's ``coco_evaluate`` against pycocotools and faster-coco-eval.

Goal: at 5,000 images and COCO's 80 categories, ``coco_evaluate`` is at least 3× faster
than pycocotools' ``COCOeval`` (bbox) and gives the same 12 numbers (``stats``). All three
run in the same process on the same inputs:

- ground truth ``coco_scenes(5000, categories=<COCO's 80 names>, crowd_fraction=0.05,
  seed=0)``: about 3 objects per image (15% of the images empty, the others
  ``1 + Poisson(2.5)`` objects, at most 12), COCO's small/medium/large mix, 5% crowd
  regions; ``coco_scenes`` cannot make COCO's 7.3 objects per image;
- detections ``detector_output(gt, localisation_error=0.1, score_quality=0.8,
  miss_rate=0.1, false_positives_per_image=20, duplicate_rate=0.05, seed=0)``: about 23
  per image, most of them false positives, as a detector that keeps its low-scored boxes.

Each library goes from the same in-memory dicts to the 12 numbers: lecturelib in one call;
pycocotools and faster-coco-eval build their COCO objects (``loadRes`` included, copies of
the inputs made outside the timing since both libraries modify them), then ``evaluate``,
``accumulate`` and ``summarize``. The table shows the loading and the evaluation separately,
and the median total of ``--repeats`` rounds (the three libraries alternate within a
round, lecturelib and faster-coco-eval after one warm-up call; pycocotools, pure Python,
needs none).

Exit status: 1 if lecturelib's 12 numbers differ from pycocotools' by more than 1e-12 (the
table says whether they are bit-identical), else 0. A missed speed goal is reported as
MISS, not as an error: timings depend on the machine.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_coco.py [--images N]
[--fp-per-image F] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import statistics
import sys
import time
from importlib.metadata import version

import numpy as np
from faster_coco_eval import COCO as FasterCOCO
from faster_coco_eval import COCOeval_faster
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from lecturelib.datasets import coco_scenes, detector_output
from lecturelib.detection import coco_evaluate

GOAL_SPEEDUP = 3.0
TOLERANCE = 1e-12
# COCO's 80 detection categories, in the order of their ids.
COCO_NAMES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
    "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
    "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
    "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
    "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
    "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse",
    "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
    "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)


def run_lecturelib(gt, dt):
    start = time.perf_counter()
    stats = coco_evaluate(gt, dt).stats
    return stats, 0.0, time.perf_counter() - start


def run_reference(coco_class, eval_class, gt, dt):
    """(stats, load seconds, evaluate+accumulate+summarize seconds) of a COCOeval API."""
    gt, dt = copy.deepcopy(gt), copy.deepcopy(dt)  # both libraries write into their inputs
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        if coco_class is COCO:
            coco_gt = COCO()
            coco_gt.dataset = gt
            coco_gt.createIndex()
        else:
            coco_gt = coco_class(gt)
        coco_dt = coco_gt.loadRes(dt)
        loaded = time.perf_counter()
        evaluator = eval_class(coco_gt, coco_dt, "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
        done = time.perf_counter()
    return np.asarray(evaluator.stats, dtype=float), loaded - start, done - loaded


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=5000, help="number of images (5000)")
    parser.add_argument("--fp-per-image", type=float, default=20.0,
                        help="false_positives_per_image of detector_output (20)")
    parser.add_argument("--repeats", type=int, default=3, help="timed rounds, >= 1 (3)")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    gt = coco_scenes(args.images, categories=COCO_NAMES, seed=0)
    dt = detector_output(gt, false_positives_per_image=args.fp_per_image, seed=0)
    n_crowd = sum(a["iscrowd"] for a in gt["annotations"])
    print(f"{args.images:,} images × {len(COCO_NAMES)} categories: "
          f"{len(gt['annotations']):,} true boxes ({n_crowd:,} crowd), {len(dt):,} "
          f"detections; median of {args.repeats} rounds; numpy {np.__version__}, "
          f"pycocotools {version('pycocotools')}, faster-coco-eval "
          f"{version('faster-coco-eval')}")

    runners = {
        "lecturelib": lambda: run_lecturelib(gt, dt),
        "pycocotools": lambda: run_reference(COCO, COCOeval, gt, dt),
        "faster-coco-eval": lambda: run_reference(FasterCOCO, COCOeval_faster, gt, dt),
    }
    runners["lecturelib"]()
    runners["faster-coco-eval"]()
    times = {name: [] for name in runners}
    stats = {}
    for _ in range(args.repeats):
        for name, run in runners.items():
            stats[name], load, evaluate = run()
            times[name].append((load, evaluate))
    median = {name: tuple(statistics.median(t[i] for t in runs) for i in range(2))
              for name, runs in times.items()}
    total = {name: statistics.median(sum(t) for t in runs) for name, runs in times.items()}

    header = (f"{'library':<18}{'load s':>8}{'evaluate s':>12}{'total s':>9}"
              f"{'speed-up vs pycocotools':>25}{'max |Δ stats| vs pycocotools':>30}")
    print(header)
    print("-" * len(header))
    for name in runners:
        load, evaluate = median[name]
        diff = float(np.max(np.abs(stats[name] - stats["pycocotools"])))
        load_text = "-" if name == "lecturelib" else f"{load:.3f}"
        print(f"{name:<18}{load_text:>8}{evaluate:>12.3f}{total[name]:>9.3f}"
              f"{total['pycocotools'] / total[name]:>24.1f}×{diff:>30.1e}")
    speedup = total["pycocotools"] / total["lecturelib"]
    print(f"lecturelib vs pycocotools: {speedup:.1f}× faster (goal ≥ {GOAL_SPEEDUP:g}×): "
          f"{'PASS' if speedup >= GOAL_SPEEDUP else 'MISS'}; vs faster-coco-eval: "
          f"{total['faster-coco-eval'] / total['lecturelib']:.1f}× faster")
    print("stats (AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl):")
    print("  " + " ".join(f"{v:.4f}" for v in stats["lecturelib"]))

    diff = np.max(np.abs(stats["lecturelib"] - stats["pycocotools"]))
    if np.array_equal(stats["lecturelib"], stats["pycocotools"]):
        print("lecturelib's 12 numbers are bit-identical to pycocotools'.")
    elif diff <= TOLERANCE:
        print(f"lecturelib's 12 numbers agree with pycocotools' to {diff:.1e}.")
    else:
        print(f"ERROR: lecturelib's stats differ from pycocotools' by {diff:.3e} "
              f"(> {TOLERANCE:g}).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
