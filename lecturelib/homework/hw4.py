"""Checks of Homework 4: box IoU, greedy matching, one class's precision–recall curve and
COCO's 101-point AP, written by hand.

Each ``qN_public`` check runs the examples the question names; each ``qN_hidden`` check runs
inputs drawn from a seed the grader keeps. A wrong answer is named as a mistake only when a
model of that mistake reproduces every answer the student's code gave.

The rules are read from the student's code (its syntax tree): no answer may call lecturelib's
``box_iou``, ``match_detections``, ``average_precision`` or ``coco_evaluate`` (or another
library's version of them), and the IoU matrix has no Python loop over the boxes. No check
depends on time.

A mistake costs points once: ``match_image`` is checked with the reference ``iou_matrix``,
``precision_recall`` with the reference ``match_image``. ``ap50`` and ``ap75`` are about
composing the student's own functions, so they are accepted when they equal what those
functions give (a mistake upstream is charged where it was made).
"""

from __future__ import annotations

import ast
import builtins
import functools
import inspect
import linecache
import math
import sys

import numpy as np

from .. import detection as _detection
from ..i18n import N_
from ..i18n import gettext as _
from ._checking import (Answer, CheckFailure, Mistake, Student, as_number, check_rules,
                        compare_with_reference, describe, fail, number_pair, reference_names,
                        sequence_pair)

__all__ = ["q1_public", "q1_hidden", "q2_public", "q2_hidden", "q3_public", "q3_hidden",
           "q4_public", "q4_hidden", "q5_public", "q5_hidden", "person_images", "reference"]

#: The recall levels of COCO's AP as pycocotools writes them (= k * 0.01, the last one 1.0).
COCO_LEVELS = np.linspace(0, 1, 101)


# ------------------------------------------------------------------ reference solutions

def _as_boxes(boxes):
    return np.asarray(boxes, dtype=float).reshape(-1, 4)


def _last_best(row):
    """Index of the highest value, the last of equal ones (pycocotools' tie rule)."""
    return len(row) - 1 - int(np.argmax(row[::-1]))


class reference:  # noqa: N801 - a namespace of the right answers, used like a module
    """The right answers (equal to lecturelib.detection's; tests/test_homework_references_hw4)."""

    @staticmethod
    def iou_matrix(boxes_a, boxes_b):
        """IoU of every pair, computed as pycocotools (and ``box_iou(..., 'xywh')``) do."""
        a, b = _as_boxes(boxes_a), _as_boxes(boxes_b)
        xa, ya, wa, ha = (a[:, [k]] for k in range(4))
        xb, yb, wb, hb = b.T
        overlap_w = np.clip(np.minimum(xa + wa, xb + wb) - np.maximum(xa, xb), 0, None)
        overlap_h = np.clip(np.minimum(ya + ha, yb + hb) - np.maximum(ya, yb), 0, None)
        intersection = overlap_w * overlap_h
        union = wa * ha + wb * hb - intersection
        return np.divide(intersection, union, out=np.zeros_like(intersection), where=union > 0)

    @staticmethod
    def box_iou_xywh(box_a, box_b):
        return float(reference.iou_matrix([box_a], [box_b])[0, 0])

    @staticmethod
    def match_image(gt_boxes, det_boxes, det_scores, iou_threshold=0.5):
        return _greedy(gt_boxes, det_boxes, det_scores, iou_threshold)

    @staticmethod
    def precision_recall(per_image, iou_threshold=0.5):
        return _curve(per_image, iou_threshold)

    @staticmethod
    def coco_ap(recall, precision):
        return _sampled_ap(recall, precision, COCO_LEVELS)


def _greedy(gt_boxes, det_boxes, det_scores, iou_threshold=0.5, *, order="stable",
            rule="coco", ties="last", strict=False, fixed=None, output="input"):
    """COCO's greedy matching of one image, and (by its options) the usual ways to get it
    wrong: another order of the turns, PASCAL VOC's rule, the first box that passes instead
    of the best, ``>`` for ``>=``, ties to the first box, a fixed threshold, the answer in
    the order of the turns or as true/false flags."""
    ious = reference.iou_matrix(det_boxes, gt_boxes)
    scores = np.asarray(det_scores, dtype=float).reshape(-1)
    n_det, n_gt = ious.shape
    turns = {"stable": lambda: np.argsort(-scores, kind="stable"),
             "input": lambda: np.arange(n_det),
             "ascending": lambda: np.argsort(scores, kind="stable"),
             "reversed": lambda: np.argsort(scores, kind="stable")[::-1],
             "default": lambda: np.argsort(-scores)}[order]()
    threshold = iou_threshold if fixed is None else fixed
    best = _last_best if ties == "last" else (lambda row: int(np.argmax(row)))
    matched = np.full(n_det, -1)
    taken = np.zeros(n_gt, dtype=bool)
    for d in turns if n_gt else ():
        row = ious[d]
        if rule == "first":
            free = [g for g in range(n_gt) if not taken[g]
                    and (row[g] > threshold if strict else row[g] >= threshold)]
            g = free[0] if free else -1
        else:
            candidates = row if rule in ("voc", "reuse") else np.where(taken, -1.0, row)
            g = best(candidates)
            passes = candidates[g] > threshold if strict else candidates[g] >= threshold
            if not passes or (rule == "voc" and taken[g]):
                g = -1
        if g >= 0:
            matched[d] = g
            taken[g] = True
    if output == "turns":
        return matched[turns]
    if output == "flags":
        return (matched >= 0).astype(int)
    return matched


def _curve(per_image, iou_threshold=0.5, *, order="stable", match=None, denominator="true",
           per_image_sort=False, fixed=None, cumulative=True, swap=False):
    """The precision–recall curve of one class over all images, and (by its options) the
    usual ways to get it wrong."""
    threshold = iou_threshold if fixed is None else fixed
    scores, hits, n_true, n_true_seen = [], [], 0, 0
    for gt_boxes, det_boxes, det_scores in per_image:
        det_scores = np.asarray(det_scores, dtype=float).reshape(-1)
        n_true += len(gt_boxes)
        n_true_seen += len(gt_boxes) if len(det_scores) else 0
        if match == "best_iou":
            ious = reference.iou_matrix(det_boxes, gt_boxes)
            found = (ious.max(axis=1) >= threshold if ious.shape[1]
                     else np.zeros(len(det_scores), dtype=bool))
        else:
            found = reference.match_image(gt_boxes, det_boxes, det_scores, threshold) >= 0
        if per_image_sort:
            inside = np.argsort(-det_scores, kind="stable")
            det_scores, found = det_scores[inside], found[inside]
        scores.extend(det_scores.tolist())
        hits.extend(found.tolist())
    scores, hits = np.asarray(scores, dtype=float), np.asarray(hits, dtype=float)
    turns = (np.arange(scores.size) if per_image_sort else
             {"stable": lambda: np.argsort(-scores, kind="stable"),
              "ascending": lambda: np.argsort(scores, kind="stable"),
              "reversed": lambda: np.argsort(scores, kind="stable")[::-1],
              "default": lambda: np.argsort(-scores)}[order]())
    tp = np.cumsum(hits[turns]) if cumulative else hits[turns]
    k = np.arange(1, scores.size + 1)
    divide_by = {"true": n_true, "seen": n_true_seen, "detections": scores.size,
                 "k": k}[denominator]
    with np.errstate(divide="ignore", invalid="ignore"):
        recall, precision = tp / divide_by, tp / k
    return (precision, recall) if swap else (recall, precision)


def _sampled_ap(recall, precision, levels, *, envelope=True, strict=False, scale=False,
                reached_only=False, divide_by=None, forward=False, empty=0.0):
    """AP as the mean of the (envelope of the) precision at the first point reaching each
    recall level; by its options, the accepted float conventions and the usual mistakes."""
    recall = np.asarray(recall, dtype=float).reshape(-1)
    precision = np.asarray(precision, dtype=float).reshape(-1)
    if recall.size == 0:
        return empty
    if envelope:
        precision = (np.maximum.accumulate(precision) if forward
                     else np.maximum.accumulate(precision[::-1])[::-1])
    sampled = []
    for k, level in enumerate(levels):
        if scale:
            reached = recall * 100 >= k
        else:
            reached = recall > level if strict else recall >= level
        if reached.any():
            sampled.append(precision[np.argmax(reached)])
        elif not reached_only:
            sampled.append(0.0)
    if not sampled:
        return 0.0
    return float(np.sum(sampled) / (divide_by or len(sampled)))


# ------------------------------------------------------------------ rules read from the code

_PUBLIC_NAMES = ("box_iou", "match_detections", "average_precision", "coco_evaluate")
_OTHER_LIBRARIES = (("torchvision.ops", "box_iou"), ("torchvision.ops.boxes", "box_iou"),
                    ("pycocotools.mask", "iou"), ("pycocotools.cocoeval", "COCOeval"))
WHY_OWN = N_("which this homework asks you to write yourself, with NumPy: the checks "
             "compare your numbers with lecturelib's")


def _forbidden_calls() -> dict:
    """Functions no answer may call, found by identity (so an alias or a module path counts,
    and a function of the student's own with the same name does not)."""
    calls = {}
    for name, value in vars(_detection).items():
        if callable(value) and getattr(value, "__module__", None) == _detection.__name__:
            calls[f"lecturelib.detection.{name}"] = value
    for module, name in _OTHER_LIBRARIES:
        value = getattr(sys.modules.get(module), name, None)
        if value is not None:
            calls[f"{module}.{name}"] = value
    return calls


def _check_own(function, name):
    check_rules(function, name, _(WHY_OWN), forbidden_calls=_forbidden_calls(),
                forbidden_imports=("lecturelib.detection", "pycocotools", "torchvision"))


#: Calls that run a Python loop over an array for you.
_LOOPS_IN_DISGUISE = {"vectorize": np.vectorize, "frompyfunc": np.frompyfunc,
                      "apply_along_axis": np.apply_along_axis, "fromiter": np.fromiter,
                      "map": map}
WHY_NO_LOOP = N_("but this question asks for every pair at once, without a Python loop over "
                 "the boxes (np.vectorize, np.apply_along_axis and map loop too): broadcast a "
                 "column of shape (N, 1) against a row of shape (M,). A loop over a fixed "
                 "literal, such as `for k in range(4)` or `for c in (0, 1, 2, 3)`, is allowed")


def _resolve(node, namespace):
    if isinstance(node, ast.Name):
        return namespace.get(node.id, getattr(builtins, node.id, None))
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, namespace)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def _dotted(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "..."


def answer_cell_violations(function) -> list[tuple[int, str]]:
    """Where the code around ``function`` in its notebook cell (the answer cell of question 5,
    which sets ap50 and ap75) calls a forbidden function or uses the result of one.

    Reads the cell's syntax tree (never comments); the functions defined in the cell are left
    to :func:`check_rules`. A name the cell assigns itself is the student's own. Returns
    (line in the cell, what) pairs.
    """
    code = getattr(function, "__code__", None)
    namespace = getattr(function, "__globals__", None)
    lines = linecache.getlines(code.co_filename) if code is not None else []
    if not lines or namespace is None:
        return []
    try:
        tree = ast.parse("".join(lines))
    except SyntaxError:
        return []
    forbidden = {id(v) for v in _forbidden_calls().values()}
    own = {node.id for node in ast.walk(tree)
           if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    results = (_detection.COCOEvaluation, _detection.DetectionMatches)
    found = []
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and id(_resolve(node.func, namespace)) in forbidden:
                found.append((node.lineno, _("calls `{what}`").format(what=_dotted(node.func))))
            elif (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
                  and node.id not in own and isinstance(namespace.get(node.id), results)):
                found.append((node.lineno, _("uses `{name}`, a result of lecturelib's "
                                             "evaluation").format(name=node.id)))
    return sorted(found)


# ------------------------------------------------------------------ calling the student

def _number_text(value) -> str:
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{round(value, 4):g}" if abs(value) >= 1e-3 else f"{value:.3g}"


def _show(value) -> str:
    """An argument written as a student would type it: boxes and scores in full when few."""
    if isinstance(value, (list, tuple, np.ndarray)) and not isinstance(value, str):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return describe(value)
        if array.ndim == 2 and array.shape[1] == 4:
            if array.shape[0] == 0:
                return _("[] (no boxes)")
            if array.shape[0] <= 6:
                return "[" + ", ".join(_show(row) for row in array) + "]"
            return _("{n} boxes").format(n=array.shape[0])
        if array.ndim == 1 and array.size <= 12:
            return "[" + ", ".join(_number_text(v) for v in array) + "]"
        if array.ndim == 1:
            return _("{n} values").format(n=array.size)
    return describe(value)


class _Function(Student):
    """A student's function whose calls show boxes and scores in full, or a label for a
    larger input (``labels`` maps ``id(argument)`` to its text); ``signs`` adds a sentence
    to an exception whose message contains a given piece of text."""

    def __init__(self, function, name, question, labels=None, signs=()):
        super().__init__(function, name, question)
        self.labels, self.signs = labels or {}, signs

    def call_text(self, *args, **kwargs) -> str:
        def text(value):
            return self.labels.get(id(value)) or _show(value)

        parts = [text(a) for a in args] + [f"{k}={text(v)}" for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"

    def explain(self, error, call, hints):
        for kind, sign, hint in self.signs:
            if isinstance(error, kind) and sign in str(error):
                return _("{call} raised {kind}: {error}. {hint}").format(
                    call=call, kind=type(error).__name__, error=error, hint=_(hint))
        return Student.explain(error, call, hints)


def _in_their_signature(reference_function, theirs):
    """``reference_function`` called with the arguments the student's own version takes, so
    that a later function that calls it with the student's own parameter names still runs."""
    try:
        signature = inspect.signature(theirs)
    except (TypeError, ValueError):
        return reference_function

    def substitute(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            return reference_function(*args, **kwargs)
        return reference_function(*bound.args, **bound.kwargs)

    return substitute


def _references_for(function, *names):
    """The reference versions of earlier questions' functions, under the names the
    notebook gives them, for :func:`reference_names`."""
    namespace = getattr(function, "__globals__", {})
    return {name: _in_their_signature(getattr(reference, name), namespace.get(name))
            for name in names}


def _close(a, b, rel=1e-9, abs_=1e-12):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ---------------------------------------------------------------------- question 1

def _q1_mistake_kinds() -> dict:
    """Question 1's mistakes by kind (question 2 reuses them on every pair)."""
    def corners(a, b):
        ax1, ay1, ax2, ay2 = (float(v) for v in a)
        bx1, by1, bx2, by2 = (float(v) for v in b)
        w = max(0.0, min(ax2, bx2) - max(ax1, bx1))
        h = max(0.0, min(ay2, by2) - max(ay1, by1))
        union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - w * h
        return w * h / union if union > 0 else 0.0

    def parts(a, b):
        xa, ya, wa, ha = (float(v) for v in a)
        xb, yb, wb, hb = (float(v) for v in b)
        w = min(xa + wa, xb + wb) - max(xa, xb)
        h = min(ya + ha, yb + hb) - max(ya, yb)
        return w, h, wa * ha, wb * hb

    def formula(inter, union, zero=0.0):
        return inter / union if union > 0 else zero

    def voc(a, b):
        xa, ya, wa, ha = (float(v) for v in a)
        xb, yb, wb, hb = (float(v) for v in b)
        w = max(0.0, min(xa + wa, xb + wb) - max(xa, xb) + 1)
        h = max(0.0, min(ya + ha, yb + hb) - max(ya, yb) + 1)
        return formula(w * h, (wa + 1) * (ha + 1) + (wb + 1) * (hb + 1) - w * h)

    def centre(a, b):
        return float(_detection.box_iou([a], [b], box_format="cxcywh")[0, 0])

    def twice(a, b):
        w, h, area_a, area_b = parts(a, b)
        return formula(max(w, 0) * max(h, 0), area_a + area_b)

    def unclipped(a, b):
        w, h, area_a, area_b = parts(a, b)
        return formula(w * h, area_a + area_b - w * h)

    def clipped_product(a, b):
        w, h, area_a, area_b = parts(a, b)
        inter = max(0.0, w * h)
        return formula(inter, area_a + area_b - inter)

    def zero_as(value):
        return lambda a, b: (value if parts(a, b)[2] + parts(a, b)[3] == 0
                             else reference.box_iou_xywh(a, b))

    def over_first(a, b):
        w, h, area_a, _area_b = parts(a, b)
        return formula(max(w, 0) * max(h, 0), area_a)

    def over_smaller(a, b):
        w, h, area_a, area_b = parts(a, b)
        return formula(max(w, 0) * max(h, 0), min(area_a, area_b))

    return dict(zip(("voc", "twice", "corners", "centre", "unclipped", "clipped", "nan",
                     "one", "over_first", "over_smaller"), [
        Mistake(voc, "{call} returned {got}: you added 1 pixel (+1) to the widths and heights, "
                "PASCAL VOC's pixel-index convention. COCO boxes are in continuous "
                "coordinates: the right edge is x + w and the width is w, with no +1 "
                "(expected {expected})."),
        Mistake(twice, "{call} returned {got}: the union counts the overlap twice. |A| + |B| "
                "holds the intersection once in each box, so subtract it once: "
                "union = |A| + |B| - |A ∩ B| (expected {expected})."),
        Mistake(corners, "{call} returned {got}, as if the boxes were corners "
                "[x1, y1, x2, y2]. A COCO box is [x, y, w, h]: the last two numbers are the "
                "width and the height, so a box runs from x to x + w (expected {expected})."),
        Mistake(centre, "{call} returned {got}, as if x and y were the box's centre (YOLO's "
                "[cx, cy, w, h]). In a COCO box [x, y, w, h], x and y are the top-left "
                "corner: the box runs from x to x + w (expected {expected})."),
        Mistake(unclipped, "{call} returned {got}: the overlap's width or height came out "
                "negative for boxes that are apart, and went into the product unclipped. "
                "Clip the overlap's width and height at 0, max(0, ...), before multiplying "
                "(expected {expected})."),
        Mistake(clipped_product, "{call} returned {got}: for boxes apart on both axes the "
                "overlap's width and height are both negative and their product is positive, "
                "so clipping the product at 0 is too late. Clip the overlap's width and "
                "height at 0, max(0, ...), before multiplying (expected {expected})."),
        Mistake(zero_as(float("nan")), "{call} returned nan: both boxes have area 0, so the "
                "union is 0 and the division is 0/0. Return 0.0 then, as pycocotools does."),
        Mistake(zero_as(1.0), "{call} returned 1.0 for two boxes of area 0. Their union is 0 "
                "and IoU is undefined; the convention (pycocotools) is 0.0."),
        Mistake(over_first, "{call} returned {got} = |A ∩ B| / |A|, the share of the first box "
                "that overlaps (COCO's rule for crowd regions). IoU divides by the union, "
                "|A| + |B| - |A ∩ B| (expected {expected})."),
        Mistake(over_smaller, "{call} returned {got} = |A ∩ B| / min(|A|, |B|), the overlap "
                "coefficient. IoU divides by the union, |A| + |B| - |A ∩ B| "
                "(expected {expected})."),
    ]))


def _q1_mistakes():
    return list(_q1_mistake_kinds().values())


Q1_WHY = N_("IoU = |A ∩ B| / (|A| + |B| - |A ∩ B|), with the right and bottom edges at "
            "x + w and y + h, the overlap's width and height clipped at 0, and 0.0 when the "
            "union is 0.")
Q1_HINTS = {ZeroDivisionError: N_(
    "Both boxes have area 0, so their union is 0: return 0.0 then, as pycocotools does.")}

_Q1_PUBLIC = [
    ([0, 0, 10, 10], [5, 0, 10, 10]),            # overlap by half a width: 50 / 150
    ([3.5, 2.25, 20, 10], [3.5, 2.25, 20, 10]),  # a box with itself: 1
    ([0, 0, 10, 10], [20, 20, 10, 10]),          # apart on both axes: 0
    ([0, 0, 10, 10], [20, 0, 10, 10]),           # apart on x only: 0
    ([0, 0, 10, 10], [10, 0, 10, 10]),           # touching: 0
    ([0, 0, 10, 10], [0, 0, 20, 20]),            # nested: 0.25
    ([2, 3, 10, 6], [7, 1, 4, 12]),              # and the other way round: symmetric
    ([7, 1, 4, 12], [2, 3, 10, 6]),
    ([2, 2, 0, 5], [0, 0, 10, 10]),              # a box of area 0 inside another: 0
    ([5, 5, 0, 0], [5, 5, 0, 0]),                # both of area 0: union 0, IoU 0.0
]


def _check_q1(box_iou_xywh, cases):
    _check_own(box_iou_xywh, "box_iou_xywh")
    compare_with_reference(_Function(box_iou_xywh, "box_iou_xywh", "1"), reference.box_iou_xywh,
                           cases, mistakes=_q1_mistakes(), hints=Q1_HINTS, why=Q1_WHY)


def q1_public(box_iou_xywh):
    """Question 1: half-overlapping, identical, apart, touching, nested and zero-area boxes."""
    _check_q1(box_iou_xywh, _Q1_PUBLIC)


def q1_hidden(box_iou_xywh, *, seed):
    """Question 1 on boxes drawn from ``seed``: on a whole-number grid (touching edges, zero
    widths), and random ones, as lists, tuples and arrays."""
    rng = np.random.default_rng(seed)
    grid = [([int(v) for v in rng.integers(0, 12, 2)] + [int(v) for v in rng.integers(0, 8, 2)],
             [int(v) for v in rng.integers(0, 12, 2)] + [int(v) for v in rng.integers(0, 8, 2)])
            for _case in range(80)]
    corners = rng.uniform(0, 60, size=(200, 2, 2))
    sizes = np.exp(rng.uniform(np.log(0.5), np.log(50), size=(200, 2, 2)))
    boxes = np.concatenate([corners, sizes], axis=2)
    floats = [(tuple(float(v) for v in a), tuple(float(v) for v in b)) for a, b in boxes[:100]]
    arrays = [(a.copy(), b.copy()) for a, b in boxes[100:]]
    _check_q1(box_iou_xywh, grid + floats + arrays)


# ---------------------------------------------------------------------- question 2

def _read_matrix(value, call):
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail("{call} returned {value}; return the array of IoUs, of shape (N, M).",
             call=call, value=describe(value))


def _matrix_text(matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(_number_text(v) for v in row) + "]"
                           for row in matrix) + "]"


def _show_matrix(got, expected):
    if got.shape != expected.shape:
        return (_("an array of shape {shape}").format(shape=got.shape),
                _("shape {shape}: one row per box of boxes_a and one column per box of "
                  "boxes_b").format(shape=expected.shape))
    wrong = ~np.isclose(got, expected, rtol=1e-9, atol=1e-12)
    i, j = (int(k) for k in np.argwhere(wrong)[0])
    a, b = number_pair(got[i, j], expected[i, j])
    if got.size <= 12:
        return (_("{matrix}, whose entry [{i}, {j}] is {value}").format(
                    matrix=_matrix_text(got), i=i, j=j, value=a),
                _("{value} there: {matrix}").format(value=b, matrix=_matrix_text(expected)))
    return (_("an array whose entry [{i}, {j}] is {value}").format(i=i, j=j, value=a),
            _("{value} there").format(value=b))


MATRIX = Answer(_read_matrix,
                lambda a, b: a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12,
                                                                     equal_nan=True)),
                _show_matrix)


def _pairwise(iou):
    """A matrix version of a question-1 model ``iou(box_a, box_b)``."""
    def matrix(boxes_a, boxes_b):
        a, b = _as_boxes(boxes_a), _as_boxes(boxes_b)
        return np.array([[iou(p, q) for q in b] for p in a]).reshape(len(a), len(b))
    return matrix


def _q2_mistakes():
    r = reference
    by_kind = _q1_mistake_kinds()

    def flat_when_empty(boxes_a, boxes_b):
        a, b = _as_boxes(boxes_a), _as_boxes(boxes_b)
        return np.zeros(0) if len(a) == 0 or len(b) == 0 else r.iou_matrix(a, b)

    def nan_at_zero_union(boxes_a, boxes_b):
        a, b = _as_boxes(boxes_a), _as_boxes(boxes_b)
        union = a[:, [2]] * a[:, [3]] + b[:, 2] * b[:, 3]
        return np.where(union == 0, np.nan, r.iou_matrix(a, b))

    matrix_mistakes = [
        Mistake(lambda a, b: r.iou_matrix(b, a), "{call} returned {got}: rows and columns "
                "are swapped, an (M, N) array with row j for boxes_b[j]. Entry [i, j] is the "
                "IoU of boxes_a[i] (row i) with boxes_b[j] (column j) (expected {expected})."),
        Mistake(flat_when_empty, "{call} returned {got}. With no boxes on one side the answer "
                "is still an (N, M) array, with 0 rows or 0 columns: return an empty array of "
                "that shape, e.g. np.zeros((len(boxes_a), len(boxes_b))) (expected {expected})."),
        Mistake(nan_at_zero_union, "{call} returned {got}: nan where both boxes have area 0, "
                "so that their union is 0 (0/0). Return 0 there, as pycocotools does: "
                "np.divide(intersection, union, out=np.zeros_like(intersection), "
                "where=union > 0) (expected {expected})."),
    ]
    for kind in ("voc", "twice", "corners", "centre", "unclipped", "clipped", "over_first",
                 "over_smaller"):
        mistake = by_kind[kind]
        matrix_mistakes.append(Mistake(_pairwise(mistake.model), mistake.message))
    return matrix_mistakes


Q2_WHY = N_("Entry [i, j] is question 1's IoU of boxes_a[i] and boxes_b[j].")
Q2_SIGNS = (
    (ValueError, "broadcast", N_(
        "Arrays of shapes (N,) and (M,) broadcast only when N == M, and then give N values "
        "(a diagonal), not the matrix. Make the columns of boxes_a of shape (N, 1), e.g. "
        "boxes_a[:, [0]] or boxes_a[:, 0][:, None], so that they broadcast against rows of "
        "shape (M,) to (N, M).")),
    (ValueError, "zero-size array", N_(
        "An image may hold no box of a class: with N or M = 0, return an empty array of "
        "shape (N, M).")),
)


def _check_q2(iou_matrix, cases):
    student = _Function(iou_matrix, "iou_matrix", "2", signs=Q2_SIGNS)
    # Question 1's function, if it is called, is the reference one: its rules and its
    # numbers are charged in question 1.
    with reference_names(iou_matrix, **_references_for(iou_matrix, "box_iou_xywh")):
        _check_own(iou_matrix, "iou_matrix")
        check_rules(iou_matrix, "iou_matrix", _(WHY_NO_LOOP), no_loops=True,
                    forbidden_calls=_LOOPS_IN_DISGUISE)
        compare_with_reference(student, reference.iou_matrix, cases, answer=MATRIX,
                               mistakes=_q2_mistakes(), why=Q2_WHY)


_Q2_A = [[0, 0, 10, 10], [5, 0, 10, 10], [100, 100, 5, 5]]
_Q2_B = [[0, 0, 10, 10], [20, 20, 10, 10]]
# Zero-area boxes (a point and a line), boxes that touch, a nested box, boxes apart on x only.
_Q2_C = [[5, 5, 0, 0], [0, 0, 10, 10], [10, 0, 10, 10], [2, 2, 0, 5]]
_Q2_D = [[5, 5, 0, 0], [0, 0, 20, 20], [20, 0, 10, 10]]


def q2_public(iou_matrix):
    """Question 2: 3 boxes against 2; zero-area, touching and nested boxes; 0 boxes on one side."""
    a, b, c, d = (np.array(m, dtype=float) for m in (_Q2_A, _Q2_B, _Q2_C, _Q2_D))
    none = np.zeros((0, 4))
    _check_q2(iou_matrix, [(a, b), (c, d), (d, c), (none, a), (a, none)])


def q2_hidden(iou_matrix, *, seed):
    """Question 2 on random boxes from ``seed`` (some of area 0, some on a whole-number grid),
    as float arrays, integer arrays and lists, with N or M = 0 too."""
    rng = np.random.default_rng(seed)

    def boxes(n, grid=False):
        if grid:
            return np.hstack([rng.integers(0, 12, (n, 2)), rng.integers(0, 8, (n, 2))])
        out = np.hstack([rng.uniform(0, 80, (n, 2)), np.exp(rng.uniform(0, np.log(60), (n, 2)))])
        out[rng.random(n) < 0.1, 2] = 0.0
        return out

    cases = []
    for n, m in ((1, 1), (2, 3), (4, 2), (3, 3), (5, 4)):
        cases.append((boxes(n, grid=True), boxes(m, grid=True)))          # integer arrays
        cases.append((boxes(n).tolist(), boxes(m).tolist()))              # lists
        cases.append((boxes(n), boxes(m)))
    cases += [(np.zeros((0, 4)), np.zeros((0, 4))), (np.zeros((0, 4)), boxes(5)),
              (boxes(6), np.zeros((0, 4))), (boxes(40), boxes(25)), (boxes(300), boxes(200))]
    _check_q2(iou_matrix, cases)


# ---------------------------------------------------------------------- question 3

def _read_matches(value, call):
    try:
        array = np.asarray(value)
    except Exception:  # noqa: BLE001 - anything that is not an array is said in words
        array = None
    if array is None or array.dtype.kind not in "biuf" or array.ndim > 1 or (
            array.ndim == 0):
        fail("{call} returned {value}; return an array of integers, one per detection: the "
             "index of the true box it matched, or -1.", call=call, value=describe(value))
    if array.size and not np.all(np.isfinite(array) & (array == np.round(array))):
        fail("{call} returned {value}; every entry must be a whole number: the index of a true "
             "box, or -1.", call=call, value=describe(value))
    return tuple(int(v) for v in array)


def _show_matches(got, expected):
    got_text, expected_text = sequence_pair(got, expected)
    if len(got) != len(expected):
        got_text += _(" ({n} entries for {m} detections: return one per detection)").format(
            n=len(got), m=len(expected))
    takers = {}
    for d, g in enumerate(got):
        if g >= 0:
            takers.setdefault(g, []).append(d)
    twice = [(g, ds) for g, ds in sorted(takers.items()) if len(ds) > 1]
    if twice:
        g, ds = twice[0]
        got_text += _(" (true box {g} is matched by detections {ds}, but a true box can be "
                      "taken only once)").format(g=g, ds=ds)
    return got_text, expected_text


MATCHES = Answer(_read_matches, lambda a, b: a == b, _show_matches)


TIES_TOO = N_(" Also, when two free true boxes tie for the highest IoU, take the last of "
              "them, as pycocotools does (np.argmax returns the first).")


def _q3_mistakes():
    """(each single mistake, each other one made together with taking the first of tied boxes).

    np.argmax takes the first of tied boxes: a student who made one of the other mistakes
    often made that one too, and a model of both names both. Such a model carries the other
    mistake's message; :func:`_check_q3` adds :data:`TIES_TOO` when it is the one named (each
    sentence is translated on its own, so the two are joined after translation)."""
    def model(**options):
        return lambda gt, det, scores, t=0.5: _greedy(gt, det, scores, t, **options)

    single = _q3_single_mistakes()
    alone = [Mistake(model(**options), message) for options, message in single]
    with_ties = [Mistake(model(ties="first", **options), message)
                 for options, message in single if "ties" not in options]
    return alone, with_ties


class _Answers(_Function):
    """A :class:`_Function` that keeps every call and what it returned."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = []

    def __call__(self, *args, hints=None, **kwargs):
        result = super().__call__(*args, hints=hints, **kwargs)
        self.calls.append((args, kwargs, result))
        return result


def _reproduced(mistakes, calls) -> bool:
    """Whether the model of one of ``mistakes`` gives every answer of ``calls``, compared as
    question 3's check compares them."""
    for mistake in mistakes:
        try:
            if all(MATCHES.read(mistake.model(*args, **kwargs), "") == MATCHES.read(got, "")
                   for args, kwargs, got in calls):
                return True
        except Exception:  # noqa: BLE001 - a model that cannot run there does not match
            continue
    return False


def _q3_single_mistakes():
    """(options of :func:`_greedy`, message) of each single mistake."""
    return [
        (dict(order="input"),
         N_("{call} returned {got}: the detections took their turns in the order of the list. "
            "They take turns by decreasing score, whatever their position: "
            "np.argsort(-det_scores, kind=\"stable\") gives the order (expected {expected}).")),
        (dict(order="ascending"),
         N_("{call} returned {got}: the detections took turns from the lowest score up. The "
            "highest-scored detection chooses first: sort by -det_scores (expected {expected}).")),
        (dict(output="turns"),
         N_("{call} returned {got}: the entries are in the order of the turns (by score). "
            "Return them in the detections' input order, entry d for det_boxes[d] (expected "
            "{expected}).")),
        (dict(output="flags"),
         N_("{call} returned {got}, 1 for a matched detection and 0 for the others. Return the "
            "index of the true box each detection matched, or -1 (expected {expected}).")),
        (dict(rule="reuse"),
         N_("{call} returned {got}: a true box was matched by more than one detection. Each "
            "true box can be taken once: after a detection takes it, it is no longer "
            "available, so a second box on the same object is a duplicate, a false positive "
            "(-1). Keep track of the boxes already taken (expected {expected}).")),
        (dict(rule="voc"),
         N_("{call} returned {got}: a detection whose best true box was already taken became a "
            "false positive, as in PASCAL VOC's evaluator. In COCO's rule a detection chooses "
            "among the true boxes not yet taken, and takes the best of those if its IoU "
            "reaches the threshold (expected {expected}).")),
        (dict(rule="first"),
         N_("{call} returned {got}: each detection took the first free true box that passes "
            "the threshold. It takes the one it overlaps most, the highest IoU among the boxes "
            "not yet taken (expected {expected}).")),
        (dict(strict=True),
         N_("{call} returned {got}: an IoU exactly equal to the threshold did not count as a "
            "match. COCO's rule is IoU >= threshold, not > (expected {expected}).")),
        (dict(ties="first"),
         N_("{call} returned {got}: when two free true boxes tie for the highest IoU, the "
            "detection took the first of them. pycocotools (and this question) take the last: "
            "np.argmax returns the first of equal values, so ask it about the reversed row, "
            "len(row) - 1 - np.argmax(row[::-1]) (expected {expected}).")),
        (dict(fixed=0.5),
         N_("{call} returned {got}, the matches at IoU 0.5 whatever the threshold argument "
            "says: compare with `iou_threshold` (expected {expected}).")),
        (dict(order="reversed"),
         N_("{call} returned {got}: of two detections with equal scores, the later one in the "
            "list chose first. Reversing an ascending sort reverses tied scores too; "
            "np.argsort(-det_scores, kind=\"stable\") keeps them in input order, as COCO does "
            "(expected {expected}).")),
        (dict(order="default"),
         N_("{call} returned {got}: detections with equal scores took their turns out of input "
            "order. np.argsort's default sort is not stable (with more than 16 values it may "
            "reorder ties): pass kind=\"stable\", as COCO does (expected {expected}).")),
    ]


Q3_WHY = N_("By decreasing score (ties in input order), each detection takes, among the "
            "true boxes not yet taken, the one of highest IoU (the last of equal ones) if that "
            "IoU is >= the threshold; otherwise it is -1.")


def _boxes(*rows):
    return np.array(rows, dtype=float).reshape(-1, 4)


def _q3_public_cases():
    three = _boxes([0, 0, 10, 10], [5, 5, 10, 10], [40, 40, 5, 5])
    return [
        # match_detections' docstring: the best-scored detection takes the box first.
        (_boxes([0, 0, 10, 10], [20, 0, 10, 10]),
         _boxes([0, 0, 10, 9], [1, 0, 10, 10], [20, 0, 10, 10]), np.array([0.8, 0.9, 0.7]), 0.5),
        # Two objects found by two detections listed against the order of their scores.
        (_boxes([0, 0, 10, 10], [50, 0, 10, 10]), _boxes([0, 0, 10, 10], [50, 0, 10, 10]),
         np.array([0.3, 0.9]), 0.5),
        # The best box is taken: the detection takes the best one still free (IoU 7/13).
        (_boxes([0, 0, 10, 10], [5, 0, 10, 10]), _boxes([0, 0, 10, 10], [2, 0, 10, 10]),
         np.array([0.9, 0.8]), 0.5),
        # Two boxes pass: the best (IoU 0.818), not the first (0.667).
        (_boxes([0, 0, 10, 10], [3, 0, 10, 10]), _boxes([2, 0, 10, 10]), np.array([0.5]), 0.5),
        # IoU exactly 0.5: a match at 0.5, none at 0.75.
        (_boxes([0, 0, 60, 60]), _boxes([20, 0, 60, 60]), np.array([0.5]), 0.5),
        (_boxes([0, 0, 60, 60]), _boxes([20, 0, 60, 60]), np.array([0.5]), 0.75),
        # Ties on IoU: an object annotated twice, and a detection midway between two boxes.
        (_boxes([0, 0, 10, 10], [0, 0, 10, 10]), _boxes([1, 0, 10, 10], [0, 1, 10, 10]),
         np.array([0.9, 0.8]), 0.5),
        (_boxes([0, 0, 10, 10], [10, 0, 10, 10]), _boxes([5, 0, 10, 10]), np.array([0.7]), 0.3),
        # Equal scores: the first in the list chooses first.
        (_boxes([0, 0, 10, 10]), _boxes([0, 0, 10, 10], [1, 1, 10, 10]), np.array([0.6, 0.6]),
         0.5),
        # A detection of area 0, an image without true boxes, one without detections, neither.
        (_boxes([0, 0, 10, 10]), _boxes([5, 5, 0, 0], [0, 0, 10, 10]), np.array([0.9, 0.4]), 0.5),
        (_boxes(), three, np.array([0.9, 0.5, 0.7]), 0.5),
        (three, _boxes(), np.zeros(0), 0.5),
        (_boxes(), _boxes(), np.zeros(0), 0.5),
    ]


def _check_q3(match_image, cases):
    student = _Answers(match_image, "match_image", "3")
    alone, with_ties = _q3_mistakes()
    # Checked with the reference iou_matrix (and box_iou_xywh): a mistake there, in its rules
    # or in its numbers, is charged in questions 1 and 2 only.
    with reference_names(match_image,
                         **_references_for(match_image, "iou_matrix", "box_iou_xywh")):
        _check_own(match_image, "match_image")
        try:
            compare_with_reference(student,
                                   lambda g, d, s, t: reference.match_image(g, d, s, t), cases,
                                   answer=MATCHES, mistakes=alone + with_ties, why=Q3_WHY)
        except CheckFailure as failure:
            # Every answer came back, no single mistake gives them all, and one made together
            # with the tie mistake does: that one was named, so say the second mistake too.
            if (len(student.calls) == len(cases) and not _reproduced(alone, student.calls)
                    and _reproduced(with_ties, student.calls)):
                raise CheckFailure(f"{failure}{_(TIES_TOO)}") from None
            raise


def q3_public(match_image):
    """Question 3: the order of the turns, the best free box, IoU at the threshold, ties on
    IoU and on scores, a zero-area detection, and images without true boxes or detections."""
    _check_q3(match_image, _q3_public_cases())


def _random_image(rng, n_gt, n_det, *, ties=True):
    gt = np.round(np.hstack([rng.uniform(0, 100, (n_gt, 2)), rng.uniform(10, 60, (n_gt, 2))]), 1)
    if ties and n_gt > 1 and rng.random() < 0.3:
        gt[-1] = gt[0]                                   # an object annotated twice
    if n_gt:
        det = gt[rng.integers(0, n_gt, n_det)] + rng.normal(0, 6, (n_det, 4)) * [1, 1, .5, .5]
        det = np.round(det, 1)
        det[:, 2:] = np.clip(det[:, 2:], 1, None)
        exact = rng.random(n_det) < 0.2                  # some exact copies of a true box
        det[exact] = gt[rng.integers(0, n_gt, int(exact.sum()))]
    else:
        det = np.round(np.hstack([rng.uniform(0, 100, (n_det, 2)),
                                  rng.uniform(10, 60, (n_det, 2))]), 1)
    det[rng.random(n_det) < 0.05, 3] = 0.0               # now and then a box of area 0
    scores = np.round(rng.uniform(0, 1, n_det), 1 if ties else 6)
    return gt.reshape(-1, 4), det.reshape(-1, 4), scores


def q3_hidden(match_image, *, seed):
    """Question 3 on 60 random images from ``seed`` (tied scores, exact copies of true boxes,
    zero-area detections) at thresholds 0.3 to 0.9, and a crowded image with many ties."""
    rng = np.random.default_rng(seed)
    cases = []
    for _case in range(60):
        image = _random_image(rng, int(rng.integers(0, 6)), int(rng.integers(0, 9)))
        cases.append((*image, float(rng.choice([0.3, 0.5, 0.75, 0.9]))))
    for threshold in (0.5, 0.75):
        cases.append((*_random_image(rng, 8, 24), threshold))
    # IoU exactly at the threshold: 2400 / 4800, 600 / 800 and 60 / 200 (exact in floats),
    # moved by whole numbers.
    for (width, shift, height), threshold in (((60, 20, 60), 0.5), ((70, 10, 10), 0.75),
                                              ((13, 7, 10), 0.3)):
        x, y = (float(v) for v in rng.integers(0, 50, 2))
        gt = _boxes([x, y, width, height], [x + 200, y, width, height])
        det = _boxes([x + shift, y, width, height], [x + 200, y, width, height],
                     [x + 200 - shift, y, width, height])
        cases.append((gt, det, np.array([0.4, 0.9, 0.8]), threshold))
    # Twenty exact copies of two boxes with two tied scores: the turns must keep input order.
    two = _boxes([0, 0, 10, 10], [50, 0, 10, 10])
    cases.append((two, two[np.arange(20) % 2], np.array([0.5] * 10 + [0.9] * 10), 0.5))
    _check_q3(match_image, cases)


# ---------------------------------------------------------------------- question 4

def _read_curve(value, call):
    pair = None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        pair = value
    elif isinstance(value, np.ndarray) and value.ndim == 2 and value.shape[0] == 2:
        pair = (value[0], value[1])
    try:
        arrays = [np.asarray(v, dtype=float) for v in pair] if pair is not None else None
    except (TypeError, ValueError):
        arrays = None
    if arrays is None or any(a.ndim != 1 for a in arrays):
        fail("{call} returned {value}; return two arrays (or lists), (recall, precision), "
             "with one value per detection of all the images.", call=call,
             value=describe(value))
    if arrays[0].size != arrays[1].size:
        fail("{call} returned a recall of {n} values and a precision of {m}: both hold one "
             "value per detection.", call=call, n=arrays[0].size, m=arrays[1].size)
    return tuple(arrays)


def _curves_equal(a, b):
    return a[0].size == b[0].size and all(
        np.allclose(x, y, rtol=1e-9, atol=1e-12) for x, y in zip(a, b))


def _show_curve(got, expected):
    if got[0].size != expected[0].size:
        return (_("a curve of {n} points").format(n=got[0].size),
                _("{m} points, one per detection of all the images").format(m=expected[0].size))
    wrong = ~(np.isclose(got[0], expected[0], rtol=1e-9, atol=1e-12)
              & np.isclose(got[1], expected[1], rtol=1e-9, atol=1e-12))
    k = int(np.argmax(wrong))
    r, p = number_pair(got[0][k], expected[0][k]), number_pair(got[1][k], expected[1][k])
    point = (_("recall {r} and precision {p} after detection {k} (in score order)").format(
                 k=k + 1, r=r[0], p=p[0]),
             _("recall {r} and precision {p} there").format(r=r[1], p=p[1]))
    if got[0].size > 10:
        return _("a curve with {point}").format(point=point[0]), point[1]
    shown = [_("recall {recall} and precision {precision}").format(
                 recall=_show(c[0]), precision=_show(c[1])) for c in (got, expected)]
    if shown[0] == shown[1]:        # equal to 4 digits: say where they differ
        return _("{curve}, with {point}").format(curve=shown[0], point=point[0]), point[1]
    return shown[0], shown[1]


CURVE = Answer(_read_curve, _curves_equal, _show_curve)


def _q4_mistakes():
    def model(**options):
        return lambda images, t=0.5: _curve(images, t, **options)

    return [
        Mistake(model(swap=True), "{call} returned the two arrays in the other order, "
                "(precision, recall). Return (recall, precision): recall first, as the "
                "question asks and as coco_ap(recall, precision) takes them."),
        Mistake(model(denominator="detections"), "{call} returned {got}: recall divides the "
                "true positives by the number of detections. Recall is the share of the true "
                "boxes found: divide by the number of true boxes in all the images "
                "(expected {expected})."),
        Mistake(model(denominator="k"), "{call} returned {got}: recall divides the true "
                "positives by the detections so far, k, which makes it equal to precision. "
                "Recall divides by the number of true boxes in all the images "
                "(expected {expected})."),
        Mistake(model(denominator="seen"), "{call} returned {got}: recall's denominator "
                "counts only the true boxes of images with detections. An object in an image "
                "where the detector found nothing is a false negative and belongs in the "
                "denominator: count every true box of every image (expected {expected})."),
        Mistake(model(per_image_sort=True), "{call} returned {got}: the detections follow the "
                "images one after another. Pool the detections of all the images, then sort "
                "them together by decreasing score: the curve lowers one threshold over the "
                "whole test set, not image by image (expected {expected})."),
        Mistake(model(match="best_iou"), "{call} returned {got}: a detection counted as a "
                "true positive whenever its best IoU reached the threshold, so a duplicate box "
                "on an object already found counted too. A detection is a true positive only "
                "if match_image gave it a true box (expected {expected})."),
        Mistake(model(fixed=0.5), "{call} returned {got}, the curve at IoU 0.5 whatever the "
                "threshold argument says: pass `iou_threshold` on to match_image "
                "(expected {expected})."),
        Mistake(model(cumulative=False), "{call} returned {got}: precision and recall after "
                "the k-th detection count the true positives among the *first k* detections, "
                "a running total: np.cumsum of the hits in score order (expected {expected})."),
        Mistake(model(order="ascending"), "{call} returned {got}: the curve starts from the "
                "lowest score. Walk down the list from the highest score: sort the pooled "
                "scores by -score (expected {expected})."),
        Mistake(model(order="reversed"), "{call} returned {got}: of two detections with equal "
                "scores, the later one came first. Reversing an ascending sort reverses tied "
                "scores too; np.argsort(-scores, kind=\"stable\") keeps them in their pooled "
                "order, as COCO does (expected {expected})."),
        Mistake(model(order="default"), "{call} returned {got}: detections with equal scores "
                "are out of their pooled order. np.argsort's default sort is not stable (with "
                "more than 16 values it may reorder ties): pass kind=\"stable\", as COCO does "
                "(expected {expected})."),
    ]


Q4_WHY = N_("Match each image at the threshold, pool the detections of all the images, "
            "sort them by decreasing score (ties in pooled order), and after the k-th "
            "detection recall = TP_k / (true boxes in all the images) and precision = "
            "TP_k / k.")
#: The four images in a call's text, named as the story below names them.
_FOUR_IMAGES = f"[{', '.join('ABCD')}]"
_FOUR_IMAGES_STORY = N_(
    "Here A holds 2 true boxes and 3 detections (scores 0.9 and 0.75 on the two objects, 0.6 a "
    "duplicate), B 1 true box the detector missed, C no true box and a false detection scored "
    "0.8, D 1 true box found with score 0.7: by decreasing score 0.9 TP, 0.8 FP, 0.75 TP, 0.7 "
    "TP, 0.6 FP, with 4 true boxes in all.")


def _four_images():
    return [
        (_boxes([0, 0, 10, 10], [20, 0, 10, 10]),
         _boxes([0, 0, 10, 10], [1, 0, 10, 10], [20, 0, 10, 10]), np.array([0.9, 0.6, 0.75])),
        (_boxes([50, 50, 20, 20]), _boxes(), np.zeros(0)),
        (_boxes(), _boxes([5, 5, 10, 10]), np.array([0.8])),
        (_boxes([0, 0, 40, 40]), _boxes([0, 0, 40, 40]), np.array([0.7])),
    ]


def _scene_images(n_images, seed, category):
    from ..datasets import coco_scenes, detector_output

    truth = coco_scenes(n_images, crowd_fraction=0.0, seed=seed)
    detections = detector_output(truth, duplicate_rate=0.15, seed=seed)
    return _boxes_of_class(truth, detections, category)


def _boxes_of_class(truth, detections, category_id):
    """One (true boxes, detected boxes, scores) triple per image, as the notebook's
    boxes_of_class makes them."""
    per_image = []
    for image in truth["images"]:
        true_boxes = [a["bbox"] for a in truth["annotations"]
                      if a["image_id"] == image["id"] and a["category_id"] == category_id]
        found = [d for d in detections
                 if d["image_id"] == image["id"] and d["category_id"] == category_id]
        per_image.append((np.array(true_boxes, dtype=float).reshape(-1, 4),
                          np.array([d["bbox"] for d in found], dtype=float).reshape(-1, 4),
                          np.array([d["score"] for d in found], dtype=float)))
    return per_image


@functools.lru_cache(maxsize=8)
def _cached_scene(n_images, seed, category):
    return tuple(tuple(a.copy() for a in image) for image in _scene_images(n_images, seed,
                                                                             category))


def _scene(n_images, seed, category):
    """A fresh copy (a student's function may change its input in place)."""
    return [tuple(a.copy() for a in image) for image in _cached_scene(n_images, seed, category)]


def person_images():
    """The notebook's ``person``: class 1 of ``coco_scenes(12, crowd_fraction=0.0, seed=0)``
    and its detector output (``duplicate_rate=0.15, seed=0``)."""
    return _scene(12, 0, 1)


_PERSON_LABEL = N_("person (the 12 images of the class 'person' above)")


def _check_q4(precision_recall, cases, labels, notes=None):
    student = _Function(precision_recall, "precision_recall", "4", labels=labels)
    # Checked with the reference match_image (and iou_matrix, box_iou_xywh): a mistake in
    # questions 1 to 3, in its rules or in its numbers, is charged there only.
    try:
        with reference_names(precision_recall, **_references_for(
                precision_recall, "match_image", "iou_matrix", "box_iou_xywh")):
            _check_own(precision_recall, "precision_recall")
            compare_with_reference(student,
                                   lambda images, t: reference.precision_recall(images, t),
                                   cases, answer=CURVE, mistakes=_q4_mistakes(), why=Q4_WHY)
    except CheckFailure as failure:
        text = str(failure)
        extra = [_(note) for label, note in (notes or {}).items() if label in text]
        if not extra:
            raise
        raise CheckFailure(" ".join([text, *extra])) from None


def q4_public(precision_recall):
    """Question 4: four small images (a duplicate, a missed object, a false box in an image
    without objects), then the class person at IoU 0.5 and 0.75."""
    four, person = _four_images(), person_images()
    labels = {id(four): _FOUR_IMAGES, id(person): _(_PERSON_LABEL)}
    _check_q4(precision_recall, [(four, 0.5), (person, 0.5), (person, 0.75)], labels,
              notes={_FOUR_IMAGES: _FOUR_IMAGES_STORY})


def q4_hidden(precision_recall, *, seed):
    """Question 4 on random images from ``seed`` with tied scores across images, on images
    without any detection, and on two classes of two synthetic test sets."""
    rng = np.random.default_rng(seed)
    cases, labels = [], {}
    for n_images in (3, 6, 10):
        images = [_random_image(rng, int(rng.integers(0, 5)), int(rng.integers(0, 7)))
                  for _image in range(n_images)]
        threshold = float(rng.choice([0.3, 0.5, 0.75]))
        labels[id(images)] = _("{n} random images (tied scores across images)").format(
            n=n_images)
        cases.append((images, threshold))
    nothing = [(_boxes([0, 0, 10, 10]), _boxes(), np.zeros(0)),
               (_boxes([5, 5, 20, 20], [40, 0, 10, 10]), _boxes(), np.zeros(0))]
    labels[id(nothing)] = _("2 images with 3 true boxes and no detection at all")
    cases.append((nothing, 0.5))
    for n_images, scene_seed in ((12, 0), (30, 5)):
        for category in (1, 2):
            images = _scene(n_images, scene_seed, category)
            labels[id(images)] = _("class {c} of coco_scenes({n}, seed={s})").format(
                c=category, n=n_images, s=scene_seed)
            cases += [(images, 0.5), (images, 0.75)]
    _check_q4(precision_recall, cases, labels)


# ---------------------------------------------------------------------- question 5

class _Accepted:
    """The values a faithful implementation may give (the recall levels written as
    np.linspace(0, 1, 101), as k / 100, or compared as recall * 100 >= k)."""

    def __init__(self, values):
        self.values = tuple(values)


def _read_ap(value, call):
    return value if isinstance(value, _Accepted) else as_number(value, call)


def _ap_equal(got, expected):
    accepted = expected.values if isinstance(expected, _Accepted) else (expected,)
    return any(_close(got, v) for v in accepted)


def _show_ap(got, expected):
    return number_pair(got, expected.values[0] if isinstance(expected, _Accepted) else expected)


AP = Answer(_read_ap, _ap_equal, _show_ap)


def _accepted_ap(recall, precision):
    return _Accepted((_sampled_ap(recall, precision, COCO_LEVELS),
                      _sampled_ap(recall, precision, np.arange(101) / 100),
                      _sampled_ap(recall, precision, COCO_LEVELS, scale=True)))


def _q5_mistakes():
    def voc11(recall, precision):
        return _sampled_ap(recall, precision, np.linspace(0, 1, 11))

    def all_point(recall, precision):
        if len(recall) == 0:
            return 0.0
        return _detection.average_precision(recall, precision, method="all-point")

    def model(**options):
        return lambda recall, precision: _sampled_ap(recall, precision, COCO_LEVELS, **options)

    return [
        Mistake(voc11, "{call} returned {got}, the 11-point AP of PASCAL VOC 2007 (recall "
                "levels 0, 0.1, ..., 1). COCO reads the envelope at 101 recall levels, 0, "
                "0.01, ..., 1: np.linspace(0, 1, 101) (expected {expected})."),
        Mistake(all_point, "{call} returned {got}, the exact area under the envelope, the "
                "all-point AP of VOC 2010 on. COCO instead averages the envelope at 101 recall "
                "levels, 0, 0.01, ..., 1 (expected {expected})."),
        Mistake(model(envelope=False), "{call} returned {got}: you read the raw precision, "
                "without the envelope, so the dip after each false positive counts wherever a "
                "recall level falls on it. First replace precision by its envelope, the best "
                "precision at this recall or any higher one, max(precision[k:]) "
                "(np.maximum.accumulate of the reversed array) (expected {expected})."),
        Mistake(model(forward=True), "{call} returned {got}: the envelope runs the wrong way, "
                "the best precision at this recall or any *lower* one "
                "(np.maximum.accumulate(precision)). The envelope is the best precision at "
                "this recall or any higher one, max(precision[k:]): accumulate the reversed "
                "array and reverse back (expected {expected})."),
        Mistake(model(reached_only=True), "{call} returned {got}: you averaged only the recall "
                "levels the curve reaches. A recall level the detector never reaches counts as "
                "precision 0: divide by all 101 levels, so that missed objects lower AP "
                "(expected {expected})."),
        Mistake(model(divide_by=100), "{call} returned {got}, the sum over the 101 levels "
                "divided by 100. There are 101 levels, 0, 0.01, ..., 1: divide by 101, or take "
                "np.mean of the 101 values (expected {expected})."),
        Mistake(lambda r, p: _sampled_ap(r, p, np.linspace(0, 1, 100)), "{call} returned "
                "{got}: np.linspace(0, 1, 100) makes 100 levels spaced 1/99 apart. COCO's 101 "
                "levels, 0, 0.01, ..., 1, are np.linspace(0, 1, 101) (expected {expected})."),
        Mistake(model(strict=True), "{call} returned {got}: a recall level counted as reached "
                "only when recall is *above* it. COCO takes the first point with recall >= the "
                "level (expected {expected})."),
        Mistake(model(empty=float("nan")), "{call} returned nan for empty arrays: a class "
                "without detections has AP 0.0. Return 0.0 when there are no points."),
    ]


Q5_WHY = N_("COCO's AP: at each of the 101 recall levels t = 0, 0.01, ..., 1, the "
            "envelope (the best precision at this recall or any higher one) at the first "
            "point with recall >= t, or 0 if there is none; AP is their mean.")
Q5_SIGNS = ((ValueError, "zero-size array", N_(
    "A class without detections gives empty arrays: return 0.0 for them before taking a "
    "maximum.")),)


def _toy_curve():
    tp = np.cumsum([1, 0, 1, 1, 0, 1, 0])
    return tp / 5, tp / np.arange(1, 8)


def _check_coco_ap(coco_ap, cases, labels=None):
    _check_own(coco_ap, "coco_ap")
    compare_with_reference(_Function(coco_ap, "coco_ap", "5", labels=labels, signs=Q5_SIGNS),
                           _accepted_ap, cases, answer=AP, mistakes=_q5_mistakes(),
                           hints={ZeroDivisionError: N_("A class without detections gives "
                                                        "empty arrays: return 0.0 for them.")},
                           why=Q5_WHY)


def _own_ap(coco_ap, precision_recall, threshold, *, swap=False):
    """``coco_ap(*precision_recall(person, threshold))`` with the student's own functions, as
    a number, or the exception it raised."""
    try:
        recall, precision = precision_recall(person_images(), threshold)
        value = coco_ap(precision, recall) if swap else coco_ap(recall, precision)
        return as_number(value, "coco_ap")
    except Exception as error:  # noqa: BLE001 - said in words below (CheckFailure too)
        return error


def _unset(value) -> bool:
    return value is None or value is Ellipsis


def _check_ap_values(coco_ap, precision_recall, values):
    """ap50 and ap75: the AP of person computed with the student's own functions."""
    for line, what in answer_cell_violations(coco_ap):
        fail("Line {line} of the answer cell of question 5 {what}. Set ap50 and ap75 with your "
             "own functions, ap50 = coco_ap(*precision_recall(person, 0.5)) and the same at 0.75, "
             "not with lecturelib's evaluation (the cell after the answer shows its numbers next "
             "to yours).", line=line, what=what)
    thresholds = {"ap50": 0.5, "ap75": 0.75}
    own = {name: _own_ap(coco_ap, precision_recall, t) if callable(precision_recall)
           else None for name, t in thresholds.items()}
    right = {name: reference.coco_ap(*reference.precision_recall(person_images(), t))
             for name, t in thresholds.items()}
    read = {}
    for name, t in thresholds.items():
        value = values[name]
        own_number = own[name] if isinstance(own[name], float) else None
        if _unset(value):
            if own_number is None:
                continue        # their functions raise on person: charged in questions 3-5
            fail("`{name}` is not set yet: set it to the AP of person at IoU {t}, computed "
                 "with your own functions, {name} = coco_ap(*precision_recall(person, {t})).",
                 name=name, t=t)
        try:
            read[name] = as_number(value, name)
        except CheckFailure:
            fail("`{name}` is {value}; set it to one number, the AP of person at IoU {t}: "
                 "{name} = coco_ap(*precision_recall(person, {t})).", name=name,
                 value=describe(value), t=t)
    for name, t in thresholds.items():
        if name not in read:
            continue
        value, own_number = read[name], own[name] if isinstance(own[name], float) else None
        if own_number is not None and _close(value, own_number):
            continue
        if own_number is None and _close(value, right[name]):
            continue            # their functions raise on person: charged where they raise
        _explain_ap(name, t, value, own, read, right, coco_ap, precision_recall)


def _explain_ap(name, t, value, own, read, right, coco_ap, precision_recall):
    other = "ap75" if name == "ap50" else "ap50"
    own_number = own[name] if isinstance(own[name], float) else None
    basis = own_number if own_number is not None else right[name]
    mine, theirs = number_pair(value, basis)
    if isinstance(own.get(other), float) and _close(value, own[other]):
        if other in read and isinstance(own[name], float) and _close(read[other], own[name]):
            fail("ap50 and ap75 are swapped: ap50 is the AP at IoU 0.5 and ap75 the AP at IoU "
                 "0.75.")
        fail("`{name}` is {mine}, the AP of person at IoU {t_other}; {name} is the AP at IoU "
             "{t}: pass {t} to precision_recall.", name=name, mine=mine,
             t_other=0.75 if name == "ap50" else 0.5, t=t)
    if _close(value, 100 * basis):
        fail("`{name}` is {mine}, a percentage. Set it to the AP itself, a number between 0 "
             "and 1 ({value}).", name=name, mine=mine, value=theirs)
    for digits, base in ((d, b) for d in range(1, 7) for b in (basis, right[name])):
        if value == round(base, digits) and value != base:
            theirs = number_pair(value, base)[1]
            fail("`{name}` is {mine}, the AP rounded to {digits} decimals, typed in. Set it "
                 "from your functions' result, {name} = coco_ap(*precision_recall(person, "
                 "{t})), which gives {value}.", name=name, mine=mine, digits=digits, t=t,
                 value=theirs)
    swapped = _own_ap(coco_ap, precision_recall, t, swap=True)
    if isinstance(swapped, float) and _close(value, swapped) and not _close(swapped, basis):
        fail("`{name}` is {mine}, which is coco_ap(precision, recall): the two arrays are "
             "passed in the wrong order. precision_recall returns (recall, precision), and "
             "coco_ap takes them in that order: {name} = coco_ap(*precision_recall(person, "
             "{t})).", name=name, mine=mine, t=t)
    if own_number is not None and _close(value, right[name]):
        got, computed = number_pair(value, own_number)
        fail("`{name}` is {got}, coco_evaluate's value, but your own functions give "
             "coco_ap(*precision_recall(person, {t})) = {computed}. This question asks for the "
             "AP your own functions compute (a value taken from coco_evaluate or copied from "
             "elsewhere does not count); where yours differ from COCO's, the checks of "
             "questions 3 to 5 say why.", name=name, got=got, t=t, computed=computed)
    if own_number is None:
        error = own[name]
        fail("`{name}` is {mine}, but the AP of person at IoU {t} is {right}, and your "
             "coco_ap(*precision_recall(person, {t})) raised {kind}: {error}.", name=name,
             mine=number_pair(value, right[name])[0], t=t,
             right=number_pair(value, right[name])[1], kind=type(error).__name__, error=error)
    got, computed = number_pair(value, own_number)
    fail("`{name}` is {got}, but your own coco_ap(*precision_recall(person, {t})) gives "
         "{computed}. Set {name} from your functions after running the cells above them "
         "(coco_evaluate's value below the answer cell is {right}).", name=name, got=got,
         t=t, computed=computed, right=number_pair(right[name], value)[0])


def q5_public(coco_ap, ap50, ap75, precision_recall):
    """Question 5: notebook 06's toy class (AP 0.6370), empty arrays, the person curves; then
    ap50 and ap75 as the student's own functions compute them."""
    toy, empty = _toy_curve(), (np.zeros(0), np.zeros(0))
    person = [reference.precision_recall(person_images(), t) for t in (0.5, 0.75)]
    labels = {id(toy[0]): _show(toy[0]),
              id(toy[1]): _("[1, 0.5, 0.6667, 0.75, 0.6, 0.6667, 0.5714] (notebook 06's toy "
                            "class: 5 objects, hits at ranks 1, 3, 4 and 6)")}
    for t, (recall, precision) in zip((0.5, 0.75), person):
        labels[id(recall)] = _("recall of person at IoU {t}").format(t=t)
        labels[id(precision)] = _("precision of person at IoU {t}").format(t=t)
    _check_coco_ap(coco_ap, [toy, empty, *person], labels)
    _check_ap_values(coco_ap, precision_recall, {"ap50": ap50, "ap75": ap75})


def q5_hidden(coco_ap, *, seed):
    """Question 5 on random curves from ``seed``: object counts that put recalls exactly on
    the levels (4, 5, 20, 25, 50), curves that reach recall 1, single points; lists too."""
    rng = np.random.default_rng(seed)
    cases = []
    for n_true in (4, 5, 20, 25, 50, 3, 7, 13, 29):
        for _curve_index in range(6):
            n_det = int(rng.integers(1, 2 * n_true + 5))
            hits = rng.random(n_det) < rng.uniform(0.2, 0.95)
            tp = np.minimum(np.cumsum(hits), n_true)
            hits = np.diff(tp, prepend=0) > 0
            tp = np.cumsum(hits)
            cases.append((tp / n_true, tp / np.arange(1, n_det + 1)))
    found_all = np.cumsum([1, 1, 0, 1, 1])
    cases += [(found_all / 4, found_all / np.arange(1, 6)), (np.array([0.5]), np.array([1.0])),
              (np.array([0.0]), np.array([0.0])),
              ([0.25, 0.5, 0.5, 0.75], [1.0, 1.0, 2 / 3, 0.75]), (np.zeros(0), np.zeros(0)),
              ([], [])]
    _check_coco_ap(coco_ap, cases)
