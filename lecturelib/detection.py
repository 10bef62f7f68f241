"""Object-detection metrics: box overlap and average precision.

A detector outputs boxes with scores. Judging it takes three steps: measure how much a
predicted box overlaps a true one (:func:`box_iou`); match predictions to true boxes at
an IoU threshold, in order of decreasing score, which makes each prediction a true or a
false positive; and summarise the precision–recall curve those matches trace into one
number, the average precision (:func:`average_precision`).

The references differ in small conventions that change the numbers: pycocotools (COCO)
and torchvision use continuous coordinates, the PASCAL VOC code adds one pixel to every
width and height; VOC2007 samples the curve at 11 recall levels, VOC2010+ integrates it
at every recall, COCO samples it at 101. Each function names the convention it follows
and how to get the others.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_boxes, check_pr_points

__all__ = ["box_iou", "average_precision"]

# pycocotools' Params.recThrs, written as it is there so the floats are the same.
_COCO_RECALL_THRESHOLDS = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1)
# voc_ap's thresholds: np.arange gives k * 0.1, so the "0.3" level is 0.30000000000000004.
_VOC07_RECALL_THRESHOLDS = np.arange(0.0, 1.1, 0.1)


def box_iou(boxes1, boxes2, *, box_format="xyxy"):
    """Intersection over union of every box in ``boxes1`` with every box in ``boxes2``.

    .. math:: \\mathrm{IoU}(a, b) = \\frac{|a \\cap b|}{|a| + |b| - |a \\cap b|}

    Parameters
    ----------
    boxes1 : array-like of shape (N, 4)
    boxes2 : array-like of shape (M, 4)
        Boxes in continuous coordinates. ``N`` or ``M`` may be 0 (an image with no boxes).
    box_format : {'xyxy', 'xywh', 'cxcywh'}, default 'xyxy'
        How a row is written: corners ``(x1, y1, x2, y2)`` with ``x1 <= x2`` and
        ``y1 <= y2`` (torchvision); top-left corner, width and height ``(x, y, w, h)``
        (COCO annotations); or centre, width and height ``(cx, cy, w, h)`` (YOLO, DETR).

    Returns
    -------
    ndarray of shape (N, M), float64
        ``iou[i, j]`` is the IoU of ``boxes1[i]`` and ``boxes2[j]``, in [0, 1].

    Notes
    -----
    Conventions, and the references that share them:

    - **No +1.** Width is ``x2 - x1``, as in ``torchvision.ops.box_iou`` (whose formula
      this is, operation for operation) and pycocotools (``maskUtils.iou`` on COCO
      ``xywh`` boxes, whose areas it computes as ``w * h``, as here for ``'xywh'``).
      Boxes that only touch share an edge of area 0, so their IoU is 0.
    - **PASCAL VOC** (``voc_eval.py``) treats coordinates as inclusive pixel indices and
      adds one: width ``x2 - x1 + 1``. Pass ``x2 + 1`` and ``y2 + 1`` (in ``'xyxy'``) to
      reproduce its IoU exactly. The difference matters for small boxes:
      ``[0, 0, 10, 10]`` and ``[5, 0, 15, 10]`` have IoU 5/15 = 0.333 here and
      6/16 = 0.375 under VOC's rule.
    - **Zero-area boxes.** Two boxes of area 0 have a union of 0; their IoU is 0 here,
      as in pycocotools, while torchvision returns NaN (0/0).
    - COCO's *crowd* boxes divide by the detection's area instead of the union; that
      belongs to the evaluator, not to this function.

    Raises
    ------
    ValueError
        If a box array is not of shape (N, 4), holds NaN or infinity, or has a negative
        width or height (``x2 < x1`` or ``y2 < y1``; ``w < 0`` or ``h < 0``), or if
        ``box_format`` is unknown.

    Examples
    --------
    >>> box_iou([[0, 0, 10, 10]], [[5, 0, 15, 10], [20, 20, 30, 30]])
    array([[0.33333333, 0.        ]])
    >>> box_iou([[0, 0, 10, 10]], [[5, 0, 10, 10]], box_format="xywh")
    array([[0.33333333]])

    References
    ----------
    torchvision, ``torchvision.ops.box_iou``; pycocotools, ``maskApi.c::bbIou``.
    """
    boxes1 = check_boxes(boxes1, "boxes1", box_format)
    boxes2 = check_boxes(boxes2, "boxes2", box_format)
    x1a, y1a, x2a, y2a, area1 = _corners_and_area(boxes1, box_format)
    x1b, y1b, x2b, y2b, area2 = _corners_and_area(boxes2, box_format)
    width = np.clip(np.minimum(x2a[:, None], x2b) - np.maximum(x1a[:, None], x1b), 0, None)
    height = np.clip(np.minimum(y2a[:, None], y2b) - np.maximum(y1a[:, None], y1b), 0, None)
    inter = width * height
    union = area1[:, None] + area2 - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _corners_and_area(boxes, box_format):
    """Corners x1, y1, x2, y2 and the area, each computed as the reference of that format
    does, so the IoU agrees with it to the last bit."""
    a, b, c, d = boxes.T
    if box_format == "xywh":
        # pycocotools: corners x + w, and the area from w and h as given.
        return a, b, a + c, b + d, c * d
    if box_format == "cxcywh":
        # torchvision's box_convert, then box_iou's areas from the corners.
        a, b, c, d = a - 0.5 * c, b - 0.5 * d, a + 0.5 * c, b + 0.5 * d
    return a, b, c, d, (c - a) * (d - b)


def average_precision(recall, precision, *, method):
    """Area under a detector's precision–recall curve, by the VOC or COCO rule.

    The input is the curve as matching produces it: sort the detections of one class by
    decreasing score, mark each a true or false positive, and after the ``k``-th
    detection ``recall[k] = cumTP / n_true_boxes`` and ``precision[k] = cumTP / (k + 1)``.

    Every method first replaces precision by its *envelope*, the best precision at this
    recall or any higher one (``max(precision[k:])``), so the curve never rises again; it
    then averages the envelope over recall in its own way:

    - ``'voc11'`` (PASCAL VOC2007): the mean over 11 recall levels ``t = 0, 0.1, ..., 1``
      of the envelope at the first point with ``recall >= t``, and 0 for a level the
      detector never reaches.
    - ``'all-point'`` (VOC2010 onwards): the exact area under the envelope, a sum of
      ``Δrecall · precision`` over the points where recall increases (the curve starts
      at recall 0 and is 0 beyond the last recall).
    - ``'coco101'`` (COCO, pycocotools): as ``'voc11'`` with 101 levels
      ``t = 0, 0.01, ..., 1``; COCO's mAP averages this over classes and IoU thresholds.

    Parameters
    ----------
    recall : array-like of shape (n_detections,)
        Non-decreasing, in [0, 1].
    precision : array-like of shape (n_detections,)
        In [0, 1], one value per recall.
    method : {'voc11', 'all-point', 'coco101'}
        No default: the three give different numbers for the same detections.

    Returns
    -------
    float
        In [0, 1]. No detections (empty arrays) give 0.0, as in all three references.

    Notes
    -----
    The numbers are those of the references, bit for bit: ``voc_ap(rec, prec,
    use_07_metric=True / False)`` of py-faster-rcnn's ``voc_eval.py``, and the
    per-class precision of pycocotools' ``COCOeval.accumulate`` averaged as
    ``summarize`` does. Hence two float details: the recall levels are the floats those
    codes use, so VOC2007's "0.3" level is 3 × 0.1 = 0.30000000000000004 and a recall of
    exactly 3/10 does not reach it; and pycocotools finds the first point with
    ``recall >= t`` by ``np.searchsorted(recall, t, side='left')``, as done here.

    scikit-learn's :func:`~sklearn.metrics.average_precision_score` is a fourth rule: it
    sums ``Δrecall · precision`` without the envelope.

    Raises
    ------
    ValueError
        If the lengths differ, ``recall`` decreases, a value is outside [0, 1] or NaN, or
        ``method`` is unknown.

    Examples
    --------
    Seven detections, true positives at ranks 1, 3, 4 and 6, five true boxes:

    >>> tp = np.cumsum([1, 0, 1, 1, 0, 1, 0])
    >>> recall, precision = tp / 5, tp / np.arange(1, 8)
    >>> [round(average_precision(recall, precision, method=m), 4)
    ...  for m in ("voc11", "all-point", "coco101")]
    [0.6591, 0.6333, 0.637]

    References
    ----------
    M. Everingham et al., "The PASCAL Visual Object Classes (VOC) Challenge", IJCV 88
    (2010); py-faster-rcnn, ``lib/datasets/voc_eval.py::voc_ap``; pycocotools,
    ``cocoeval.py::COCOeval.accumulate``.
    """
    if method not in _AP_METHODS:
        raise ValueError(
            f"`method` must be one of {list(_AP_METHODS)}, got {method!r}: 'voc11' for "
            "VOC2007, 'all-point' for VOC2010+, 'coco101' for COCO."
        )
    recall, precision = check_pr_points(recall, precision)
    if recall.size == 0:
        return 0.0
    return _AP_METHODS[method](recall, precision)


def _envelope(precision):
    """The precision envelope: max(precision[k:]) at each k."""
    return np.maximum.accumulate(precision[::-1])[::-1]


def _sampled_envelope(recall, precision, thresholds):
    """The envelope at the first point with recall >= t, for each t; 0 past the last."""
    envelope = _envelope(precision)
    first = np.searchsorted(recall, thresholds, side="left")
    reached = first < recall.size
    sampled = np.zeros(thresholds.size)
    sampled[reached] = envelope[first[reached]]
    return sampled


def _ap_voc11(recall, precision):
    ap = 0.0
    # Accumulated one level at a time, as voc_ap does: np.sum would add in another order.
    for p in _sampled_envelope(recall, precision, _VOC07_RECALL_THRESHOLDS):
        ap = ap + p / 11.0
    return float(ap)


def _ap_all_point(recall, precision):
    # Sentinels: the curve starts at recall 0 and drops to precision 0 after the last point.
    mrec = np.concatenate(([0.0], recall, [1.0]))
    mpre = _envelope(np.concatenate(([0.0], precision, [0.0])))
    steps = np.flatnonzero(mrec[1:] != mrec[:-1])
    return float(np.sum((mrec[steps + 1] - mrec[steps]) * mpre[steps + 1]))


def _ap_coco101(recall, precision):
    return float(np.mean(_sampled_envelope(recall, precision, _COCO_RECALL_THRESHOLDS)))


_AP_METHODS = {"voc11": _ap_voc11, "all-point": _ap_all_point, "coco101": _ap_coco101}
