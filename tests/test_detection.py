"""lecturelib.detection: box IoU, average precision and matching, against the references.

torchvision cannot be imported next to CPU torch, and pycocotools / py-faster-rcnn are not
test dependencies, so their code is re-typed below from ORACLES.md §4.1 and §4.3:
torchvision's ``box_iou``, pycocotools' ``bbIou`` and ``accumulate``, and ``voc_ap``. Each
is written element by element, in the reference's order of operations, and lecturelib must
match it bit for bit. ``match_detections`` is checked here on hand-worked cases and against
a re-typed ``evaluateImg`` loop; tests/test_coco_evaluate.py runs pycocotools itself where
it is installed.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lecturelib.detection import (
    DetectionMatches,
    average_precision,
    box_iou,
    match_detections,
)

FAST = settings(max_examples=80, deadline=None, database=None)
METHODS = ("voc11", "all-point", "coco101")


# --- references, re-typed --------------------------------------------------------------


def torchvision_box_iou(boxes1, boxes2):
    """torchvision.ops.box_iou on xyxy boxes: areas from corners, clamp(rb - lt, min=0)."""
    out = np.empty((len(boxes1), len(boxes2)))
    for i, (ax1, ay1, ax2, ay2) in enumerate(boxes1):
        for j, (bx1, by1, bx2, by2) in enumerate(boxes2):
            area1 = (ax2 - ax1) * (ay2 - ay1)
            area2 = (bx2 - bx1) * (by2 - by1)
            w = max(min(ax2, bx2) - max(ax1, bx1), 0.0)
            h = max(min(ay2, by2) - max(ay1, by1), 0.0)
            inter = w * h
            out[i, j] = inter / (area1 + area2 - inter)
    return out


def coco_bb_iou(dt, gt):
    """pycocotools maskApi.c::bbIou on xywh boxes (no crowd), laid out as [dt, gt]."""
    out = np.zeros((len(dt), len(gt)))
    for g, (gx, gy, gw, gh) in enumerate(gt):
        ga = gw * gh
        for d, (dx, dy, dw, dh) in enumerate(dt):
            da = dw * dh
            w = min(dw + dx, gw + gx) - max(dx, gx)
            if w <= 0:
                continue
            h = min(dh + dy, gh + gy) - max(dy, gy)
            if h <= 0:
                continue
            i = w * h
            out[d, g] = i / (da + ga - i)
    return out


def voc_iou(box, boxes):
    """voc_eval.py's overlaps: inclusive pixel coordinates, +1 on every length."""
    ixmin = np.maximum(boxes[:, 0], box[0])
    iymin = np.maximum(boxes[:, 1], box[1])
    ixmax = np.minimum(boxes[:, 2], box[2])
    iymax = np.minimum(boxes[:, 3], box[3])
    iw = np.maximum(ixmax - ixmin + 1.0, 0.0)
    ih = np.maximum(iymax - iymin + 1.0, 0.0)
    inters = iw * ih
    uni = ((box[2] - box[0] + 1.0) * (box[3] - box[1] + 1.0)
           + (boxes[:, 2] - boxes[:, 0] + 1.0) * (boxes[:, 3] - boxes[:, 1] + 1.0) - inters)
    return inters / uni


def voc_ap(rec, prec, use_07_metric=False):
    """py-faster-rcnn lib/datasets/voc_eval.py::voc_ap."""
    if use_07_metric:
        ap = 0.0
        for t in np.arange(0.0, 1.1, 0.1):
            if np.sum(rec >= t) == 0:
                p = 0
            else:
                p = np.max(prec[rec >= t])
            ap = ap + p / 11.0
        return ap
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = np.maximum(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])


def coco_ap(rc, pr):
    """pycocotools COCOeval.accumulate for one class and IoU threshold, then summarize's
    mean over the 101 recall levels."""
    rec_thrs = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1)
    nd = len(rc)
    q = np.zeros((len(rec_thrs),))
    pr = list(pr)
    q = q.tolist()
    for i in range(nd - 1, 0, -1):
        if pr[i] > pr[i - 1]:
            pr[i - 1] = pr[i]
    inds = np.searchsorted(rc, rec_thrs, side="left")
    try:
        for ri, pi in enumerate(inds):
            q[ri] = pr[pi]
    except IndexError:
        pass
    s = np.array(q)
    return np.mean(s[s > -1])


def voc_curve(tp_pattern, npos):
    """rec, prec as voc_eval computes them."""
    tp = np.cumsum(np.asarray(tp_pattern, dtype=float))
    fp = np.cumsum(1.0 - np.asarray(tp_pattern, dtype=float))
    return tp / float(npos), tp / np.maximum(tp + fp, np.finfo(np.float64).eps)


def coco_curve(tp_pattern, npig):
    """rc, pr as COCOeval.accumulate computes them (np.spacing(1) in the denominator)."""
    tp = np.cumsum(np.asarray(tp_pattern, dtype=float))
    fp = np.cumsum(1.0 - np.asarray(tp_pattern, dtype=float))
    return tp / npig, tp / (fp + tp + np.spacing(1))


# --- box_iou ---------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, want", [
    ([0, 0, 10, 10], [0, 0, 10, 10], 1.0),           # identical
    ([0, 0, 10, 10], [20, 20, 30, 30], 0.0),         # disjoint
    ([0, 0, 10, 10], [2, 2, 4, 4], 4 / 100),         # nested
    ([0, 0, 10, 10], [10, 0, 20, 10], 0.0),          # touching along an edge
    ([0, 0, 10, 10], [10, 10, 20, 20], 0.0),         # touching at a corner
    ([0, 0, 10, 10], [5, 0, 15, 10], 1 / 3),         # ORACLES §4.1: 50 / 150
    ([0, 0, 2, 2], [1, 1, 3, 3], 1 / 7),             # 1 / (4 + 4 - 1)
    ([0.5, 0.5, 1.5, 2.5], [1.0, 0.5, 2.0, 2.5], 1 / 3),
])
def test_hand_worked_cases(a, b, want):
    assert box_iou([a], [b])[0, 0] == pytest.approx(want, rel=1e-15, abs=0)
    assert box_iou([b], [a])[0, 0] == pytest.approx(want, rel=1e-15, abs=0)


def test_matrix_shape_and_dtype():
    got = box_iou([[0, 0, 1, 1], [0, 0, 2, 2]], [[0, 0, 1, 1], [5, 5, 6, 6], [0, 0, 2, 1]])
    assert got.shape == (2, 3) and got.dtype == np.float64
    np.testing.assert_allclose(got, [[1, 0, 0.5], [0.25, 0, 0.5]], rtol=1e-15)


@st.composite
def xyxy_boxes(draw, max_n=5, allow_empty=True):
    """Boxes on a coarse grid (many ties, touching edges, zero widths) or anywhere."""
    n = draw(st.integers(0 if allow_empty else 1, max_n))
    grid = draw(st.booleans())
    coord = (st.integers(-5, 5).map(float) if grid
             else st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False))
    size = (st.integers(0, 6).map(float) if grid
            else st.floats(0, 1e3, allow_nan=False, allow_subnormal=False))
    rows = draw(st.lists(st.tuples(coord, coord, size, size), min_size=n, max_size=n))
    return np.array([[x, y, x + w, y + h] for x, y, w, h in rows]).reshape(n, 4)


@FAST
@given(boxes1=xyxy_boxes(), boxes2=xyxy_boxes())
def test_xyxy_matches_torchvision_formula_bit_for_bit(boxes1, boxes2):
    got = box_iou(boxes1, boxes2)
    with np.errstate(invalid="ignore"):
        want = torchvision_box_iou(boxes1, boxes2)
    assert got.shape == (len(boxes1), len(boxes2))
    # Two zero-area boxes: torchvision's 0/0 is NaN, lecturelib's (and pycocotools') 0.
    np.testing.assert_array_equal(got, np.nan_to_num(want, nan=0.0))
    assert np.all((got >= 0) & (got <= 1))


@FAST
@given(boxes1=xyxy_boxes(), boxes2=xyxy_boxes())
def test_xywh_matches_pycocotools_bbiou_bit_for_bit(boxes1, boxes2):
    dt, gt = boxes1.copy(), boxes2.copy()
    dt[:, 2:] -= dt[:, :2]
    gt[:, 2:] -= gt[:, :2]
    np.testing.assert_array_equal(box_iou(dt, gt, box_format="xywh"), coco_bb_iou(dt, gt))


def dyadic(boxes):
    """Coordinates rounded to multiples of 1/64: every format conversion is then exact."""
    return np.round(boxes * 64) / 64


@FAST
@given(boxes1=xyxy_boxes().map(dyadic), boxes2=xyxy_boxes().map(dyadic))
def test_formats_convert_to_the_same_iou(boxes1, boxes2):
    def xywh(b):
        return np.c_[b[:, :2], b[:, 2:] - b[:, :2]]

    def cxcywh(b):
        return np.c_[(b[:, :2] + b[:, 2:]) / 2, b[:, 2:] - b[:, :2]]

    want = box_iou(boxes1, boxes2)
    for fmt, convert in (("xywh", xywh), ("cxcywh", cxcywh)):
        got = box_iou(convert(boxes1), convert(boxes2), box_format=fmt)
        np.testing.assert_array_equal(got, want)


def test_formats_on_exact_coordinates_are_identical():
    xyxy = np.array([[0, 0, 10, 10], [5, 0, 15, 10], [2, 2, 4, 6]], dtype=float)
    xywh = np.array([[0, 0, 10, 10], [5, 0, 10, 10], [2, 2, 2, 4]], dtype=float)
    cxcywh = np.array([[5, 5, 10, 10], [10, 5, 10, 10], [3, 4, 2, 4]], dtype=float)
    want = box_iou(xyxy, xyxy)
    np.testing.assert_array_equal(box_iou(xywh, xywh, box_format="xywh"), want)
    np.testing.assert_array_equal(box_iou(cxcywh, cxcywh, box_format="cxcywh"), want)
    assert want[0, 1] == pytest.approx(1 / 3, rel=1e-15)


@FAST
@given(boxes1=xyxy_boxes(allow_empty=False), boxes2=xyxy_boxes(allow_empty=False))
def test_voc_plus_one_is_reproduced_by_shifting_x2_y2(boxes1, boxes2):
    boxes1, boxes2 = np.round(boxes1), np.round(boxes2)  # VOC boxes are pixel indices
    shifted = lambda b: b + [0, 0, 1, 1]  # noqa: E731
    got = box_iou(shifted(boxes1), shifted(boxes2))
    want = np.array([voc_iou(box, boxes2) for box in boxes1])
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def test_voc_example_from_the_docstring():
    a, b = np.array([0.0, 0, 10, 10]), np.array([[5.0, 0, 15, 10]])
    assert voc_iou(a, b)[0] == 6 / 16
    assert box_iou([a + [0, 0, 1, 1]], b + [0, 0, 1, 1])[0, 0] == 6 / 16
    assert box_iou([a], b)[0, 0] == pytest.approx(5 / 15, rel=1e-15)


def test_zero_area_boxes_give_zero_not_nan():
    point = [[3, 3, 3, 3]]
    line = [[0, 3, 6, 3]]
    np.testing.assert_array_equal(box_iou(point, point), [[0.0]])
    np.testing.assert_array_equal(box_iou(line, line), [[0.0]])
    np.testing.assert_array_equal(box_iou(point, [[0, 0, 6, 6]]), [[0.0]])


@pytest.mark.parametrize("box_format", ["xyxy", "xywh", "cxcywh"])
def test_empty_inputs_give_empty_matrices(box_format):
    three = [[0, 0, 1, 1]] * 3
    assert box_iou(np.zeros((0, 4)), three, box_format=box_format).shape == (0, 3)
    assert box_iou(three, [], box_format=box_format).shape == (3, 0)
    assert box_iou([], [], box_format=box_format).shape == (0, 0)


@pytest.mark.parametrize("boxes1, boxes2, kwargs, match", [
    ([0, 0, 1, 1], [[0, 0, 1, 1]], {}, "`boxes1` must have shape \\(N, 4\\)"),
    ([[0, 0, 1, 1]], [[0, 0, 1]], {}, "`boxes2` must have shape \\(N, 4\\)"),
    ([[[0, 0, 1, 1]]], [[0, 0, 1, 1]], {}, "`boxes1` must have shape"),
    ([[0, 0, 1, np.nan]], [[0, 0, 1, 1]], {}, "`boxes1` contains NaN or infinity"),
    ([[0, 0, 1, 1]], [[0, 0, np.inf, 1]], {}, "`boxes2` contains NaN or infinity"),
    ([[0, 0, 1, 1]], [[2, 0, 1, 1]], {}, "`boxes2` has a box with negative width.*x2 < x1"),
    ([[0, 2, 1, 1]], [[0, 0, 1, 1]], {}, "`boxes1` has a box with negative .* row 0"),
    ([[0, 0, -1, 1]], [[0, 0, 1, 1]], {"box_format": "xywh"}, "`boxes1`.*w < 0 or h < 0"),
    ([[0, 0, 1, 1]], [[0, 0, 1, -2]], {"box_format": "cxcywh"}, "`boxes2`.*w < 0"),
    ([[0, 0, 1, 1]], [[0, 0, 1, 1]], {"box_format": "yolo"}, "`box_format` must be one of"),
    ([["a", 0, 1, 1]], [[0, 0, 1, 1]], {}, "`boxes1` must be numeric"),
])
def test_box_iou_bad_input(boxes1, boxes2, kwargs, match):
    with pytest.raises(ValueError, match=match):
        box_iou(boxes1, boxes2, **kwargs)


# --- average_precision -----------------------------------------------------------------

TOY = [1, 0, 1, 1, 0, 1, 0]  # ORACLES §4.3, npos = 5


@pytest.mark.parametrize("method, want", [
    ("voc11", 0.6591), ("all-point", 0.6333), ("coco101", 0.6370),
])
def test_oracle_toy_case(method, want):
    curve = coco_curve(TOY, 5) if method == "coco101" else voc_curve(TOY, 5)
    assert average_precision(*curve, method=method) == pytest.approx(want, abs=5e-5)


def test_toy_case_against_the_retyped_references():
    rec, prec = voc_curve(TOY, 5)
    assert average_precision(rec, prec, method="voc11") == voc_ap(rec, prec, True)
    assert average_precision(rec, prec, method="all-point") == voc_ap(rec, prec)
    rc, pr = coco_curve(TOY, 5)
    assert average_precision(rc, pr, method="coco101") == coco_ap(rc, pr)
    # scikit-learn's step rule (no envelope) is a fourth number, 0.6167 (ORACLES §4.3).
    step = np.sum(np.diff(np.r_[0.0, rec]) * prec)
    assert step == pytest.approx(0.6167, abs=5e-5)


@FAST
@given(pattern=st.lists(st.booleans(), max_size=40), extra_missed=st.integers(0, 5))
def test_detection_curves_match_references(pattern, extra_missed):
    npos = max(sum(pattern) + extra_missed, 1)
    rec, prec = voc_curve(pattern, npos)
    assert average_precision(rec, prec, method="voc11") == voc_ap(rec, prec, True)
    assert average_precision(rec, prec, method="all-point") == voc_ap(rec, prec)
    rc, pr = coco_curve(pattern, npos)
    assert average_precision(rc, pr, method="coco101") == coco_ap(rc, pr)


unit = st.floats(0, 1, allow_nan=False, allow_subnormal=False)


@FAST
@given(points=st.integers(0, 30).flatmap(lambda n: st.tuples(
    hnp.arrays(np.float64, n, elements=unit | st.sampled_from([0.0, 0.3, 0.5, 1.0])),
    hnp.arrays(np.float64, n, elements=unit))))
def test_any_curve_matches_references(points):
    recall, precision = np.sort(points[0]), points[1]
    assert average_precision(recall, precision, method="voc11") == voc_ap(
        recall, precision, True)
    assert average_precision(recall, precision, method="all-point") == voc_ap(
        recall, precision)
    assert average_precision(recall, precision, method="coco101") == coco_ap(
        recall, precision)


def test_voc11_levels_are_the_floats_voc_ap_uses():
    # A recall of exactly 0.3 misses the "0.3" level, 3 * 0.1 = 0.30000000000000004.
    got = average_precision([0.3], [1.0], method="voc11")
    assert got == voc_ap(np.array([0.3]), np.array([1.0]), True) == pytest.approx(3 / 11)


@pytest.mark.parametrize("method", METHODS)
def test_perfect_and_empty_curves(method):
    assert average_precision([0.5, 1.0], [1.0, 1.0], method=method) == pytest.approx(1.0)
    assert average_precision([], [], method=method) == 0.0
    assert average_precision([0.0, 0.0], [0.0, 0.0], method=method) == 0.0
    assert type(average_precision([0.5], [1.0], method=method)) is float


@pytest.mark.parametrize("recall, precision, method, match", [
    ([0.2, 0.4], [1.0], "voc11", "`recall` has 2 values but `precision` has 1"),
    ([0.4, 0.2], [1.0, 0.5], "voc11", "`recall` decreases at index 1"),
    ([0.2, 1.2], [1.0, 0.5], "all-point", "`recall` has values outside \\[0, 1\\]"),
    ([0.2, 0.4], [1.0, -0.5], "coco101", "`precision` has values outside \\[0, 1\\]"),
    ([0.2, np.nan], [1.0, 0.5], "voc11", "`recall` contains NaN"),
    ([0.2, 0.4], [np.nan, 0.5], "coco101", "`precision` contains NaN"),
    ([[0.2, 0.4]], [[1.0, 0.5]], "voc11", "`recall` must be 1-D"),
    ([0.2, 0.4], [1.0, 0.5], "voc12", "`method` must be one of"),
    ([0.2, 0.4], [1.0, 0.5], "coco", "`method` must be one of"),
])
def test_average_precision_bad_input(recall, precision, method, match):
    with pytest.raises(ValueError, match=match):
        average_precision(recall, precision, method=method)


# --- match_detections --------------------------------------------------------------------


def evaluate_img(ious, scores, crowd, threshold):
    """pycocotools COCOeval.evaluateImg's matching loop for one threshold, all true boxes
    in the area range (ignored = crowd) and no detection limit; returns the matched true
    box per detection in input order (-1 if none). ``ious`` is (detections, true boxes)."""
    dtind = np.argsort([-s for s in scores], kind="mergesort")
    gtind = np.argsort(crowd, kind="mergesort")
    gt_ig = np.asarray(crowd)[gtind]
    gtm = np.zeros(len(gtind))
    out = np.full(len(scores), -1)
    for d in dtind:
        iou, m = min([threshold, 1 - 1e-10]), -1
        for gind, g in enumerate(gtind):
            if gtm[gind] > 0 and not crowd[g]:
                continue
            if m > -1 and gt_ig[m] == 0 and gt_ig[gind] == 1:
                break
            if ious[d, g] < iou:
                continue
            iou, m = ious[d, g], gind
        if m > -1:
            gtm[m] = 1
            out[d] = gtind[m]
    return out


def crowd_iou(det, gt, crowd):
    """bbIou with crowd flags: intersection over the detection's area for a crowd box."""
    iou = coco_bb_iou(det, gt)
    for g in np.flatnonzero(crowd):
        for d, (dx, dy, dw, dh) in enumerate(det):
            gx, gy, gw, gh = gt[g]
            w = min(dw + dx, gw + gx) - max(dx, gx)
            h = min(dh + dy, gh + gy) - max(dy, gy)
            iou[d, g] = w * h / (dw * dh) if w > 0 and h > 0 else 0.0
    return iou


def test_match_detections_docstring_case():
    gt = [[0, 0, 10, 10], [20, 0, 10, 10]]
    det = [[0, 0, 10, 9], [1, 0, 10, 10], [20, 0, 10, 10]]
    m = match_detections(gt, det, [0.8, 0.9, 0.7])
    assert isinstance(m, DetectionMatches)
    np.testing.assert_array_equal(m.order, [1, 0, 2])
    np.testing.assert_array_equal(m.gt_index, [-1, 0, 1])
    np.testing.assert_array_equal(m.is_true_positive, [False, True, True])
    np.testing.assert_array_equal(m.is_ignored, [False, False, False])
    np.testing.assert_array_equal(m.iou, [0.0, 90 / 110, 1.0])


def test_equal_ious_go_to_the_last_true_box_and_regular_boxes_before_crowd():
    same = [[0, 0, 10, 10]] * 3
    m = match_detections(same, [[0, 0, 10, 10]] * 2, [0.5, 0.5])
    np.testing.assert_array_equal(m.gt_index, [2, 1])  # last first, ties in input order
    # A crowd box with a higher IoU loses to a regular one that qualifies ...
    m = match_detections([[0, 0, 10, 10], [0, 0, 12, 10]], [[0, 0, 10, 10]], [1.0],
                         gt_iscrowd=[1, 0])
    assert m.gt_index[0] == 1 and m.is_true_positive[0]
    # ... and takes every detection once the regular box is gone, ignoring them.
    m = match_detections([[0, 0, 10, 10], [0, 0, 12, 10]], [[0, 0, 10, 10]] * 3,
                         [0.9, 0.8, 0.7], gt_iscrowd=[1, 0])
    np.testing.assert_array_equal(m.gt_index, [1, 0, 0])
    np.testing.assert_array_equal(m.is_ignored, [False, True, True])


def test_threshold_one_is_one_minus_1e_10_and_zero_matches_anything():
    assert match_detections([[0, 0, 3, 3]], [[0, 0, 3, 3]], [1], iou_threshold=1).gt_index[0] == 0
    m = match_detections([[0, 0, 3, 3]], [[50, 50, 3, 3]], [1], iou_threshold=0)
    assert m.gt_index[0] == 0 and m.iou[0] == 0.0 and m.is_true_positive[0]


@pytest.mark.parametrize("n_gt, n_det", [(0, 0), (0, 3), (2, 0)])
def test_match_detections_empty_inputs(n_gt, n_det):
    m = match_detections(np.ones((n_gt, 4)), np.ones((n_det, 4)), np.ones(n_det))
    assert all(a.shape == (n_det,) for a in m)
    assert np.all(m.gt_index == -1) and not m.is_true_positive.any()


def test_match_detections_box_formats_agree():
    xywh = np.array([[0, 0, 10, 10], [5, 0, 10, 10], [2, 2, 2, 4]], dtype=float)
    xyxy = np.c_[xywh[:, :2], xywh[:, :2] + xywh[:, 2:]]
    det = xywh[[1, 0, 2, 2]] + [[0.5, 0, 0, 0]] * 4
    scores = [0.3, 0.9, 0.5, 0.5]
    want = match_detections(xywh, det, scores, iou_threshold=0.3)
    got = match_detections(xyxy, np.c_[det[:, :2], det[:, :2] + det[:, 2:]], scores,
                           iou_threshold=0.3, box_format="xyxy")
    np.testing.assert_array_equal(got.gt_index, want.gt_index)


@st.composite
def matching_cases(draw):
    grid = draw(st.booleans())
    coord = (st.integers(0, 4).map(lambda v: 5.0 * v) if grid
             else st.floats(0, 50, allow_nan=False, allow_subnormal=False))
    box = st.tuples(coord, coord, coord, coord).map(list)
    gt = draw(st.lists(box, max_size=7))
    det = draw(st.lists(st.sampled_from(gt) | box if gt else box, max_size=12))
    scores = draw(st.lists(st.sampled_from([0.3, 0.7]) | unit, min_size=len(det),
                           max_size=len(det)))
    crowd = draw(st.lists(st.sampled_from([0, 0, 1]), min_size=len(gt), max_size=len(gt)))
    threshold = draw(st.sampled_from([0.0, 0.5, 0.75, 0.95, 1.0]) | unit)
    return (np.array(gt).reshape(-1, 4), np.array(det).reshape(-1, 4), scores, crowd,
            threshold)


@FAST
@given(case=matching_cases())
def test_match_detections_matches_retyped_evaluate_img(case):
    gt, det, scores, crowd, threshold = case
    m = match_detections(gt, det, scores, iou_threshold=threshold, gt_iscrowd=crowd)
    ious = crowd_iou(det, gt, crowd)
    want = evaluate_img(ious, scores, crowd, threshold)
    np.testing.assert_array_equal(m.gt_index, want)
    np.testing.assert_array_equal(m.order, np.argsort(-np.asarray(scores), kind="mergesort"))
    hit = want >= 0
    np.testing.assert_array_equal(m.iou[hit], ious[np.flatnonzero(hit), want[hit]])
    on_crowd = hit & np.asarray(crowd + [0], dtype=bool)[want]
    np.testing.assert_array_equal(m.is_ignored, on_crowd)
    np.testing.assert_array_equal(m.is_true_positive, hit & ~on_crowd)


@pytest.mark.parametrize("kwargs, match", [
    ({"gt_boxes": [0, 0, 1, 1]}, "`gt_boxes` must have shape \\(N, 4\\)"),
    ({"det_boxes": [[0, 0, -1, 1]]}, "`det_boxes` has a box with negative width.*w < 0"),
    ({"det_boxes": [[0, 0, np.nan, 1]]}, "`det_boxes` contains NaN"),
    ({"det_scores": [0.5, 0.4]}, "`det_scores` has 2 values but `det_boxes` has 1"),
    ({"det_scores": [np.nan]}, "`det_scores` contains NaN"),
    ({"iou_threshold": 1.5}, "`iou_threshold` must be a number in \\[0, 1\\]"),
    ({"iou_threshold": -0.1}, "`iou_threshold` must be a number in \\[0, 1\\]"),
    ({"iou_threshold": True}, "`iou_threshold` must be a number"),
    ({"gt_iscrowd": [0, 1]}, "`gt_iscrowd` must hold one flag per box \\(1\\)"),
    ({"gt_iscrowd": [2]}, "`gt_iscrowd` must hold 0/1"),
    ({"box_format": "yolo"}, "`box_format` must be one of"),
])
def test_match_detections_bad_input(kwargs, match):
    args = {"gt_boxes": [[0, 0, 1, 1]], "det_boxes": [[0, 0, 1, 1]], "det_scores": [0.5],
            **kwargs}
    with pytest.raises(ValueError, match=match):
        match_detections(**args)
