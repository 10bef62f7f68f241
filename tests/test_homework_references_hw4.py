"""Homework 4's reference answers equal lecturelib.detection's (and so pycocotools'): box IoU,
greedy matching, one class's precision–recall curve and COCO's 101-point AP, on fixed and
random inputs with ties on IoU and on scores, zero-area boxes and empty images. And the rule
that ap50 and ap75 are charged once: accepted when the student's own functions give them."""

import linecache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecturelib.detection import average_precision, box_iou, coco_evaluate, match_detections
from lecturelib.homework import hw4
from lecturelib.homework._checking import CheckFailure

ref = hw4.reference

# Boxes on a small whole-number grid: many touch, nest, coincide (ties) or have area 0.
GRID_BOX = st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 8), st.integers(0, 8))
FLOAT_BOX = st.tuples(*[st.floats(0, 100, allow_nan=False, width=32)] * 2,
                      *[st.floats(0, 50, allow_nan=False, width=32)] * 2)
BOXES = st.lists(st.one_of(GRID_BOX, FLOAT_BOX), min_size=0, max_size=7)

FIXED = [
    [[0, 0, 10, 10], [5, 0, 10, 10], [10, 0, 10, 10], [0, 0, 20, 20], [20, 20, 10, 10]],
    [[5, 5, 0, 0], [2, 2, 0, 5], [0, 0, 10, 10], [0, 0, 10, 10]],
    [],
]


def _boxes(rows):
    return np.array(rows, dtype=float).reshape(-1, 4)


@pytest.mark.parametrize("a", FIXED)
@pytest.mark.parametrize("b", FIXED)
def test_iou_matrix_equals_box_iou_on_fixed_boxes(a, b):
    expected = box_iou(_boxes(a), _boxes(b), box_format="xywh")
    got = ref.iou_matrix(a, b)
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)
    for i, box_a in enumerate(_boxes(a)):
        for j, box_b in enumerate(_boxes(b)):
            assert ref.box_iou_xywh(box_a, box_b) == expected[i, j]


@settings(max_examples=300, deadline=None)
@given(BOXES, BOXES)
def test_iou_matrix_equals_box_iou_bit_for_bit(a, b):
    a, b = _boxes(a), _boxes(b)
    assert np.array_equal(ref.iou_matrix(a, b), box_iou(a, b, box_format="xywh"))


def test_zero_area_boxes_have_iou_zero():
    assert ref.box_iou_xywh([5, 5, 0, 0], [5, 5, 0, 0]) == 0.0
    assert ref.box_iou_xywh([2, 2, 0, 5], [0, 0, 10, 10]) == 0.0
    assert ref.box_iou_xywh([0, 0, 10, 10], [10, 0, 10, 10]) == 0.0


MATCH_CASES = [
    # match_detections' docstring example.
    ([[0, 0, 10, 10], [20, 0, 10, 10]], [[0, 0, 10, 9], [1, 0, 10, 10], [20, 0, 10, 10]],
     [0.8, 0.9, 0.7], 0.5),
    # Ties on IoU go to the last true box.
    ([[0, 0, 10, 10], [0, 0, 10, 10]], [[1, 0, 10, 10], [0, 1, 10, 10]], [0.9, 0.8], 0.5),
    ([[0, 0, 10, 10], [10, 0, 10, 10]], [[5, 0, 10, 10]], [0.7], 0.3),
    # IoU exactly at the threshold.
    ([[0, 0, 60, 60]], [[20, 0, 60, 60]], [0.5], 0.5),
    ([[0, 0, 70, 10]], [[10, 0, 70, 10]], [0.5], 0.75),
    # Tied scores keep input order (more than 16 detections: np.argsort's default reorders).
    ([[0, 0, 10, 10], [50, 0, 10, 10]], [[0, 0, 10, 10], [50, 0, 10, 10]] * 10,
     [0.5] * 10 + [0.9] * 10, 0.5),
    # Zero-area detections and true boxes, empty images.
    ([[0, 0, 10, 10], [5, 5, 0, 0]], [[5, 5, 0, 0], [0, 0, 10, 10]], [0.9, 0.4], 0.5),
    ([], [[0, 0, 10, 10]], [0.3], 0.5),
    ([[0, 0, 10, 10]], [], [], 0.5),
    ([], [], [], 0.5),
]


@pytest.mark.parametrize("gt, det, scores, threshold", MATCH_CASES)
def test_match_image_equals_match_detections_on_fixed_images(gt, det, scores, threshold):
    expected = match_detections(_boxes(gt), _boxes(det), np.array(scores, dtype=float),
                                iou_threshold=threshold).gt_index
    assert ref.match_image(_boxes(gt), _boxes(det), np.array(scores, dtype=float),
                           threshold).tolist() == expected.tolist()


@settings(max_examples=300, deadline=None)
@given(BOXES, st.lists(st.tuples(st.one_of(GRID_BOX, FLOAT_BOX), st.sampled_from([0.2, 0.5, 0.9])),
                       max_size=24),
       st.sampled_from([0.1, 0.3, 0.5, 0.75, 0.9]), st.booleans())
def test_match_image_equals_match_detections(gt, detections, threshold, copies):
    gt = _boxes(gt)
    det = _boxes([d for d, _score in detections])
    if copies and len(gt):
        det[::2] = gt[np.arange(len(det[::2])) % len(gt)]      # exact ties on IoU
    scores = np.array([s for _box, s in detections], dtype=float)
    expected = match_detections(gt, det, scores, iou_threshold=threshold).gt_index
    assert ref.match_image(gt, det, scores, threshold).tolist() == expected.tolist()


def _scene(n_images, seed, category):
    return hw4._scene(n_images, seed, category)


def _curve_by_match_detections(per_image, threshold):
    n_true = sum(len(gt) for gt, _det, _s in per_image)
    scores = np.concatenate([s for _gt, _det, s in per_image])
    hits = np.concatenate([match_detections(gt, det, s, iou_threshold=threshold).is_true_positive
                           for gt, det, s in per_image])
    tp = np.cumsum(hits[np.argsort(-scores, kind="stable")])
    return tp / n_true, tp / np.arange(1, tp.size + 1)


@pytest.mark.parametrize("n_images, seed", [(12, 0), (30, 5)])
@pytest.mark.parametrize("category", [1, 2, 3])
def test_precision_recall_and_coco_ap_equal_coco_evaluate(n_images, seed, category):
    from lecturelib.datasets import coco_scenes, detector_output

    truth = coco_scenes(n_images, crowd_fraction=0.0, seed=seed)
    result = coco_evaluate(truth, detector_output(truth, duplicate_rate=0.15, seed=seed))
    k = result.category_names.index(
        next(c["name"] for c in truth["categories"] if c["id"] == category))
    per_image = _scene(n_images, seed, category)
    for t_index, threshold in enumerate(np.linspace(0.5, 0.95, 10)):
        recall, precision = ref.precision_recall(per_image, threshold)
        expected_recall, expected_precision = _curve_by_match_detections(per_image, threshold)
        assert np.array_equal(recall, expected_recall)
        assert np.array_equal(precision, expected_precision)
        assert ref.coco_ap(recall, precision) == average_precision(recall, precision,
                                                                  method="coco101")
        assert np.isclose(ref.coco_ap(recall, precision),
                          result.precision[t_index, :, k, 0, -1].mean(), rtol=1e-12, atol=0)


def test_the_person_class_is_the_notebooks_and_its_aps_are_coco_evaluates():
    from lecturelib.datasets import coco_scenes, detector_output

    truth = coco_scenes(12, crowd_fraction=0.0, seed=0)
    result = coco_evaluate(truth, detector_output(truth, duplicate_rate=0.15, seed=0))
    k = result.category_names.index("person")
    person = hw4.person_images()
    assert len(person) == 12 and sum(len(gt) for gt, _d, _s in person) == 16
    for t_index, threshold in ((0, 0.5), (5, 0.75)):
        ap = ref.coco_ap(*ref.precision_recall(person, threshold))
        assert np.isclose(ap, result.precision[t_index, :, k, 0, -1].mean(), rtol=1e-12, atol=0)


def test_precision_recall_of_images_without_detections_is_empty():
    recall, precision = ref.precision_recall([(_boxes([[0, 0, 10, 10]]), _boxes([]), np.zeros(0))])
    assert recall.size == precision.size == 0
    assert ref.coco_ap(recall, precision) == 0.0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), min_size=0, max_size=60),
       st.sampled_from([1, 3, 4, 5, 7, 10, 20, 25, 50, 100]))
def test_coco_ap_equals_average_precision(hits, n_true):
    tp = np.cumsum(hits)
    tp = np.cumsum(np.diff(np.minimum(tp, n_true), prepend=0) > 0)
    recall, precision = tp / n_true, tp / np.arange(1, tp.size + 1)
    assert ref.coco_ap(recall, precision) == average_precision(recall, precision,
                                                              method="coco101")
    # The conventions the checks accept besides np.linspace(0, 1, 101) are faithful ones:
    # they differ from it by at most the weight of the levels they read differently.
    for value in hw4._accepted_ap(recall, precision).values:
        assert abs(value - ref.coco_ap(recall, precision)) <= 10 / 101 + 1e-12


# ------------------------------------------------- question 5: ap50 and ap75 charged once

_CELLS = iter(range(10**6))


def _notebook(source: str, **names) -> dict:
    """Run ``source`` as a notebook cell would (linecache knows it); return the namespace."""
    filename = f"<hw4 test cell {next(_CELLS)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    namespace = {"__name__": "__main__", "np": np, "person": hw4.person_images(),
                 "coco_evaluate": coco_evaluate, **names}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


_RIGHT_CURVE = '''
def precision_recall(per_image, iou_threshold=0.5):
    scores = np.concatenate([s for _g, _d, s in per_image])
    hits = np.concatenate([np.asarray(m) >= 0 for m in
                           (hw4_match(g, d, s, iou_threshold) for g, d, s in per_image)])
    tp = np.cumsum(hits[np.argsort(-scores, kind="stable")])
    return tp / sum(len(g) for g, _d, _s in per_image), tp / np.arange(1, tp.size + 1)
'''

_COCO_AP_K100 = '''
def coco_ap(recall, precision):
    recall, precision = np.asarray(recall, dtype=float), np.asarray(precision, dtype=float)
    envelope = np.maximum.accumulate(precision[::-1])[::-1] if precision.size else precision
    total = 0.0
    for k in range(101):
        reached = np.flatnonzero(recall >= k / 100)
        total += envelope[reached[0]] if reached.size else 0.0
    return total / 101
'''


def _q5(source):
    return _notebook(source.replace("hw4_match", "match_image"), match_image=ref.match_image)


def test_ap50_is_accepted_when_the_students_own_functions_give_it():
    # recall divided by the number of detections: wrong (charged in question 4), but ap50
    # and ap75 computed from it are what this student's functions give.
    ns = _q5(_RIGHT_CURVE.replace("sum(len(g) for g, _d, _s in per_image)", "tp.size")
             + _COCO_AP_K100 + '''
ap50 = coco_ap(*precision_recall(person, 0.5))
ap75 = coco_ap(*precision_recall(person, 0.75))
''')
    hw4.q5_public(ns["coco_ap"], ns["ap50"], ns["ap75"], ns["precision_recall"])


def test_ap50_from_coco_evaluate_is_refused_when_the_students_functions_differ():
    ns = _q5(_RIGHT_CURVE.replace("sum(len(g) for g, _d, _s in per_image)", "tp.size")
             + _COCO_AP_K100)
    right = ref.coco_ap(*ref.precision_recall(hw4.person_images(), 0.5))
    right_75 = ref.coco_ap(*ref.precision_recall(hw4.person_images(), 0.75))
    with pytest.raises(CheckFailure, match="coco_evaluate's value, but your own functions"):
        hw4.q5_public(ns["coco_ap"], right, right_75, ns["precision_recall"])


def test_unset_ap50_is_not_charged_when_the_students_curve_raises():
    broken = _RIGHT_CURVE.replace("tp = np.cumsum",
                                  "raise ValueError('not yet')\n    tp = np.cumsum")
    ns = _q5(broken + _COCO_AP_K100)
    hw4.q5_public(ns["coco_ap"], None, None, ns["precision_recall"])


def test_ap50_computed_in_the_answer_cell_with_coco_evaluate_names_the_line():
    source = _RIGHT_CURVE + _COCO_AP_K100 + '''
from lecturelib.datasets import coco_scenes, detector_output
truth = coco_scenes(12, crowd_fraction=0.0, seed=0)
evaluated = coco_evaluate(truth, detector_output(truth, duplicate_rate=0.15, seed=0))
ap50 = evaluated.precision[0, :, 0, 0, -1].mean()
ap75 = evaluated.precision[5, :, 0, 0, -1].mean()
'''
    ns = _q5(source)
    line = 1 + next(i for i, text in enumerate(source.splitlines()) if "coco_evaluate(" in text)
    with pytest.raises(CheckFailure, match=f"Line {line} of the answer cell of question 5 calls "
                                           "`coco_evaluate`"):
        hw4.q5_public(ns["coco_ap"], ns["ap50"], ns["ap75"], ns["precision_recall"])


def test_recall_levels_written_k_over_100_are_accepted_where_they_differ():
    tp = np.cumsum([1, 1, 1, 1, 1, 1, 1, 0])                  # recall 7/20 lands on a level
    recall, precision = tp / 20, tp / np.arange(1, 9)
    ns = _notebook(_COCO_AP_K100)
    assert ns["coco_ap"](recall, precision) != ref.coco_ap(recall, precision)
    hw4._check_coco_ap(ns["coco_ap"], [(recall, precision)])
