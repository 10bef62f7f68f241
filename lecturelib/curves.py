"""Threshold curves from scores: ROC, precision–recall, and the areas under them.

A classifier that outputs a score becomes a labeller only once we pick a threshold.
Sweeping the threshold from high to low traces a curve; these functions compute that
sweep in one sort plus cumulative sums (O(n log n)), exactly as
:mod:`sklearn.metrics` does, and return the same arrays on the same inputs.

One deliberate difference: where a curve needs both classes and ``y_true`` has only one,
these functions raise ``ValueError`` explaining why, instead of returning NaN with a
warning (scikit-learn >= 1.6 returns NaN; scikit-learn <= 1.5 raised, as here).
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_float_array,
    check_binary_target,
    check_consistent_length,
    check_labels_1d,
    check_sample_weight,
)

__all__ = [
    "binary_clf_curve",
    "roc_curve",
    "roc_auc_score",
    "precision_recall_curve",
    "average_precision_score",
    "auc",
]


def _check_curve_inputs(y_true, y_score, pos_label, sample_weight):
    y_score = as_float_array(y_score, "y_score", ndim=1)
    positives, pos_label = check_binary_target(y_true, "y_true", pos_label)
    check_consistent_length(y_true=positives, y_score=y_score)
    weight = None if sample_weight is None else check_sample_weight(sample_weight, len(positives))
    return positives, y_score, weight


def binary_clf_curve(y_true, y_score, *, pos_label=None, sample_weight=None):
    """False- and true-positive counts at every distinct score used as a threshold.

    For each distinct score ``t`` (in decreasing order) a sample is predicted positive
    when its score is ``>= t``; ``fps[i]`` and ``tps[i]`` count the negatives and
    positives predicted positive at ``thresholds[i]``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels ({0, 1}, {-1, 1}, or any two labels with ``pos_label``).
    y_score : array-like of shape (n_samples,)
        Scores; higher means more likely positive.
    pos_label : label, optional
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    fps, tps : ndarray of float
        Cumulative (weighted) counts, non-decreasing.
    thresholds : ndarray
        Distinct scores in decreasing order.

    Examples
    --------
    >>> fps, tps, thr = binary_clf_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> fps.tolist(), tps.tolist(), thr.tolist()
    ([0.0, 1.0, 1.0, 2.0], [1.0, 1.0, 2.0, 2.0], [0.8, 0.4, 0.35, 0.1])
    """
    positives, y_score, weight = _check_curve_inputs(y_true, y_score, pos_label, sample_weight)
    return _clf_curve(positives, y_score, weight)


def _clf_curve(positives, y_score, weight):
    if weight is not None:
        # Zero-weight samples must not create thresholds of their own.
        keep = weight != 0
        positives, y_score, weight = positives[keep], y_score[keep], weight[keep]
    # A stable descending sort keeps tied scores in input order, as scikit-learn does, so
    # weighted cumulative sums are added in the same order and agree to the last bit.
    order = np.argsort(-y_score, kind="stable")
    y_score = y_score[order]
    y_true = positives[order].astype(np.float64)
    # The last index of each run of equal scores: one threshold per distinct score.
    threshold_idxs = np.r_[np.flatnonzero(np.diff(y_score)), y_true.size - 1]
    if weight is None:
        tps = np.cumsum(y_true)[threshold_idxs]
        fps = 1 + threshold_idxs - tps
    else:
        weight = weight[order]
        tps = np.cumsum(y_true * weight)[threshold_idxs]
        fps = np.cumsum((1 - y_true) * weight)[threshold_idxs]
    return fps, tps, y_score[threshold_idxs]


def roc_curve(y_true, y_score, *, pos_label=None, sample_weight=None, drop_intermediate=True):
    r"""Receiver operating characteristic (ROC) curve.

    .. math:: \mathrm{TPR} = \frac{TP}{TP + FN}, \qquad \mathrm{FPR} = \frac{FP}{FP + TN}

    at every threshold, from "nothing is positive" (0, 0) to "everything is" (1, 1).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with both classes present.
    y_score : array-like of shape (n_samples,)
    pos_label : label, optional
        Needed when the labels are not {0, 1} or {-1, 1}.
    sample_weight : array-like of shape (n_samples,), optional
    drop_intermediate : bool, default True
        Drop points that lie on a straight segment between their neighbours; they do not
        change the curve's shape or its area.

    Returns
    -------
    fpr, tpr : ndarray
    thresholds : ndarray
        Decreasing; ``thresholds[0] = inf`` stands for the point (0, 0) where no sample
        is predicted positive (scikit-learn >= 1.3).

    Raises
    ------
    ValueError
        If ``y_true`` holds only one class: one of the two rates is then 0/0.

    Examples
    --------
    >>> y = [0, 0, 1, 1, 0, 1, 0, 1]
    >>> s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35]
    >>> fpr, tpr, thr = roc_curve(y, s)
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.25, 0.5, 0.5, 1.0, 1.0])
    >>> thr.tolist()
    [inf, 0.9, 0.8, 0.4, 0.35, 0.1]

    References
    ----------
    T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006).
    """
    positives, y_score, weight = _check_curve_inputs(y_true, y_score, pos_label, sample_weight)
    fps, tps, thresholds = _clf_curve(positives, y_score, weight)
    if tps[-1] <= 0 or fps[-1] <= 0:
        missing = "positive" if tps[-1] <= 0 else "negative"
        raise ValueError(
            f"`y_true` has no {missing} samples (with non-zero weight), so the "
            f"{'true' if missing == 'positive' else 'false'}-positive rate is 0/0 and the ROC "
            "curve is undefined. Evaluate on data that contains both classes."
        )
    if drop_intermediate and fps.size > 2:
        # np.diff(_, 2) acts as a second derivative: it is non-zero only at corners.
        corners = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))
        keep = np.flatnonzero(np.r_[True, corners, True])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    fps = np.r_[0.0, fps]
    tps = np.r_[0.0, tps]
    thresholds = np.r_[np.inf, thresholds]
    return fps / fps[-1], tps / tps[-1], thresholds


def auc(x, y):
    """Area under a curve given by points, with the trapezoidal rule.

    Parameters
    ----------
    x : array-like of shape (n,)
        Monotonic (increasing or decreasing) x coordinates, at least two.
    y : array-like of shape (n,)

    Returns
    -------
    float
        The area; decreasing ``x`` gives the same positive area as increasing.

    Examples
    --------
    >>> auc([0, 0.5, 1], [0, 1, 1])
    0.75

    Notes
    -----
    For a precision–recall curve use :func:`average_precision_score`: linear
    interpolation between PR points is optimistic (Davis & Goadrich, 2006).
    """
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    check_consistent_length(x=x, y=y)
    if x.size < 2:
        raise ValueError(f"At least 2 points are needed to compute an area, but `x` has {x.size}.")
    dx = np.diff(x)
    direction = 1.0
    if np.any(dx < 0):
        if np.all(dx <= 0):
            direction = -1.0
        else:
            raise ValueError("`x` is neither increasing nor decreasing; sort the points by x first.")
    # The trapezoid sum written as numpy.trapezoid computes it (also on NumPy < 2).
    return float(direction * (dx * (y[1:] + y[:-1]) / 2.0).sum())


def roc_auc_score(y_true, y_score, *, sample_weight=None, max_fpr=None):
    r"""Area under the ROC curve (AUC) for a binary problem.

    AUC is the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative, counting ties as one half (the Mann–Whitney U statistic
    divided by :math:`n_+ n_-`): 1 for a perfect ranking, 0.5 for a random one.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with both classes present; the larger label is the positive class.
    y_score : array-like of shape (n_samples,)
    sample_weight : array-like of shape (n_samples,), optional
    max_fpr : float in (0, 1], optional
        Return the McClish-standardised partial AUC over FPR in [0, max_fpr], which is
        0.5 for a random and 1 for a perfect classifier.

    Raises
    ------
    ValueError
        If ``y_true`` has only one class: with no positives (or no negatives) there is no
        pair to rank, so AUC is undefined. This is scikit-learn <= 1.5's behaviour;
        scikit-learn >= 1.6 returns NaN with a warning instead.

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1, 0, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35])
    0.75

    References
    ----------
    J. A. Hanley and B. J. McNeil, "The meaning and use of the area under a receiver
    operating characteristic (ROC) curve", Radiology 143 (1982).
    D. K. McClish, "Analyzing a portion of the ROC curve", Med. Decis. Making 9 (1989).
    """
    if np.ndim(y_score) == 2 and np.shape(y_score)[1] > 1:
        raise ValueError(
            "`y_score` is 2-D (one column per class): this roc_auc_score is for binary "
            "problems. Pass the positive class's scores, e.g. proba[:, 1]."
        )
    y_true = check_labels_1d(y_true, "y_true")
    labels = np.unique(y_true)
    if labels.size == 1:
        raise ValueError(
            f"Only one class ({labels[0]!r}) is present in `y_true`. ROC AUC is not defined "
            "in that case: it ranks positives against negatives and needs both."
        )
    if labels.size > 2:
        raise ValueError(
            f"`y_true` has {labels.size} classes; this roc_auc_score is for binary problems. "
            "Binarise the labels (one class against the rest) first."
        )
    if max_fpr is not None and not (0 < max_fpr <= 1):
        raise ValueError(f"`max_fpr` must be in (0, 1], got {max_fpr!r}.")
    # As in scikit-learn, the larger of the two labels is the positive class.
    fpr, tpr, _ = roc_curve(y_true == labels[-1], y_score, sample_weight=sample_weight)
    if max_fpr is None or max_fpr == 1:
        return auc(fpr, tpr)
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr = np.append(tpr[:stop], np.interp(max_fpr, fpr[stop - 1:stop + 1], tpr[stop - 1:stop + 1]))
    fpr = np.append(fpr[:stop], max_fpr)
    partial_auc = auc(fpr, tpr)
    min_area, max_area = 0.5 * max_fpr**2, max_fpr
    return float(0.5 * (1 + (partial_auc - min_area) / (max_area - min_area)))


def precision_recall_curve(y_true, y_score, *, pos_label=None, sample_weight=None,
                           drop_intermediate=False):
    r"""Precision and recall at every threshold.

    .. math:: P = \frac{TP}{TP + FP}, \qquad R = \frac{TP}{TP + FN}

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with at least one positive.
    y_score : array-like of shape (n_samples,)
    pos_label : label, optional
    sample_weight : array-like of shape (n_samples,), optional
    drop_intermediate : bool, default False
        Drop thresholds where TP does not change (points on a vertical run).

    Returns
    -------
    precision, recall : ndarray of shape (n_thresholds + 1,)
        Recall decreases; the last point is (P = 1, R = 0) and has no threshold.
        Precision is 0 where nothing is predicted positive.
    thresholds : ndarray of shape (n_thresholds,)
        Increasing distinct scores.

    Raises
    ------
    ValueError
        If ``y_true`` has no positives (recall is 0/0). scikit-learn warns and sets
        recall to 1 instead.

    Examples
    --------
    >>> p, r, t = precision_recall_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> [round(v, 4) for v in p.tolist()], r.tolist(), t.tolist()
    ([0.5, 0.6667, 0.5, 1.0, 1.0], [1.0, 1.0, 0.5, 0.5, 0.0], [0.1, 0.35, 0.4, 0.8])
    """
    positives, y_score, weight = _check_curve_inputs(y_true, y_score, pos_label, sample_weight)
    fps, tps, thresholds = _clf_curve(positives, y_score, weight)
    if tps[-1] <= 0:
        raise ValueError(
            "`y_true` has no positive samples (with non-zero weight), so recall is 0/0 and "
            "the precision-recall curve is undefined. Check `pos_label` or the data."
        )
    if drop_intermediate and fps.size > 2:
        keep = np.flatnonzero(np.r_[True, np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:])), True])
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    predicted_positive = tps + fps
    precision = np.divide(tps, predicted_positive, out=np.zeros_like(tps),
                          where=predicted_positive != 0)
    recall = tps / tps[-1]
    return np.r_[precision[::-1], 1.0], np.r_[recall[::-1], 0.0], thresholds[::-1]


def average_precision_score(y_true, y_score, *, pos_label=1, sample_weight=None):
    r"""Average precision (AP): precision averaged over the recall gained at each threshold.

    .. math:: \mathrm{AP} = \sum_n (R_n - R_{n-1}) P_n

    a step-wise sum with no interpolation. It is *not* the trapezoidal area under the PR
    curve (:func:`auc` of it), which draws straight lines between points and is
    optimistic; nor the interpolated AP of object detection (VOC, COCO).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with at least one positive.
    y_score : array-like of shape (n_samples,)
    pos_label : label, default 1
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float in [0, 1]
        A random scorer gets about the prevalence of positives, not 0.5.

    Raises
    ------
    ValueError
        If ``y_true`` has no positives. scikit-learn returns 0.0 with a warning.

    Examples
    --------
    >>> y = [0, 0, 1, 1, 0, 1, 0, 1]
    >>> s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35]
    >>> round(average_precision_score(y, s), 4)
    0.8333

    References
    ----------
    M. Zhu, "Recall, Precision and Average Precision", University of Waterloo (2004).
    """
    labels = np.unique(np.asarray(y_true))
    if labels.size == 2 and pos_label not in labels.tolist():
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label; it should be one of {labels.tolist()}."
        )
    precision, recall, _ = precision_recall_curve(
        y_true, y_score, pos_label=pos_label, sample_weight=sample_weight
    )
    # The last precision is 1 at recall 0, so the sum runs over the steps in recall.
    return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))
