"""Threshold curves from scores: ROC, precision–recall, and the areas under them.

A classifier that outputs a score becomes a labeller only once we pick a threshold.
Sweeping the threshold from high to low traces a curve; these functions compute that
sweep in one sort plus cumulative sums (O(n log n)), exactly as
:mod:`sklearn.metrics` does, and return the same arrays on the same inputs.

:class:`ThresholdSweep` keeps that one sort for later: built once from the scores, it
answers "what is the confusion matrix at this threshold?" with a binary search, fast
enough to follow a slider.

One deliberate difference: where a curve needs both classes and ``y_true`` has only one,
these functions raise ``ValueError`` explaining why, instead of returning NaN with a
warning (scikit-learn >= 1.6 returns NaN; scikit-learn <= 1.5 raised, as here).
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import (
    as_float_array,
    check_binary_target,
    check_consistent_length,
    check_labels_1d,
    check_sample_weight,
)
from .classification import ConfusionCounts

__all__ = [
    "binary_clf_curve",
    "roc_curve",
    "roc_auc_score",
    "precision_recall_curve",
    "average_precision_score",
    "auc",
    "ThresholdSweep",
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
    return _roc_from_counts(fps, tps, thresholds, drop_intermediate)


def _roc_from_counts(fps, tps, thresholds, drop_intermediate):
    """ROC arrays from :func:`_clf_curve`'s counts (both classes present); shared with
    :meth:`ThresholdSweep.roc_curve` so the two give identical arrays."""
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
    return _pr_from_counts(fps, tps, thresholds, drop_intermediate)


def _pr_from_counts(fps, tps, thresholds, drop_intermediate):
    """Precision–recall arrays from :func:`_clf_curve`'s counts (at least one positive);
    shared with :meth:`ThresholdSweep.precision_recall_curve`."""
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


def _check_threshold(threshold):
    """A threshold is any real number, +-inf included; NaN compares false with every score."""
    if (isinstance(threshold, bool) or not isinstance(threshold, numbers.Real)
            or threshold != threshold):
        raise ValueError(
            f"`threshold` must be a number to compare the scores with (-inf and inf are "
            f"allowed: everything or nothing is predicted positive), got {threshold!r}."
        )
    return float(threshold)


def _ratio_or_nan(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


class ThresholdSweep:
    r"""A classifier's scores sorted once, for the confusion matrix at any threshold.

    A sample is predicted positive when its score is at least the threshold
    (``score >= threshold``, scikit-learn's convention). With :math:`P` positives and
    :math:`N` negatives, at a threshold :math:`t`

    .. math::
        TP(t) = \#\{i : y_i = 1,\ s_i \ge t\}, \quad FP(t) = \#\{i : y_i = 0,\ s_i \ge t\},
        \quad FN = P - TP, \quad TN = N - FP.

    Construction sorts the scores once (O(n log n)) and stores, for each distinct score,
    how many positives and negatives score below it. Every query after that is a binary
    search (:func:`numpy.searchsorted`, O(log n)) in those cumulative counts and never
    passes over the data again: fast enough to follow a slider over 10^5 samples.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with both classes present: {0, 1}, {-1, 1}, or any two labels
        with ``pos_label``.
    y_score : array-like of shape (n_samples,)
        Finite scores (probabilities, logits, ...); higher means more likely positive.
    pos_label : label, optional
        The positive class; needed when the labels are not {0, 1} or {-1, 1}.

    Raises
    ------
    ValueError
        If ``y_true`` has one class only (the ROC curve and several rates are then
        0/0), ``y_score`` holds NaN or infinity, or the lengths differ; and, from the
        methods, if a threshold is NaN.

    Notes
    -----
    *Thresholds.* Any real number is accepted, including ``-inf`` (everything is
    predicted positive) and ``inf`` (nothing is: the point (0, 0) of the ROC curve, which
    :func:`roc_curve` also labels ``inf``). A threshold equal to a score counts that
    score's samples as positive; one between two scores gives the same counts as the
    next score above it.

    *Undefined ratios are NaN.* With both classes present, recall (TPR), FPR,
    specificity and accuracy are always defined. Precision is 0/0 when nothing is
    predicted positive (threshold above the highest score) and is then ``nan``; F1,
    computed from the counts as :math:`2TP / (2TP + FP + FN)`, is 0 there. These are
    scikit-learn's values with ``zero_division=np.nan``.

    *Unweighted.* Every sample counts once, so the counts are integers; for sample
    weights use :func:`binary_clf_curve`.

    Examples
    --------
    >>> sweep = ThresholdSweep([0, 0, 1, 1, 0, 1, 0, 1],
    ...                        [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35])
    >>> sweep
    ThresholdSweep(n=8, n_positive=4, n_negative=4, distinct_scores=6)
    >>> sweep.counts_at(0.4)
    ConfusionCounts(tp=2, fp=2, fn=2, tn=2)
    >>> sweep.counts_at(0.37) == sweep.counts_at(0.4)  # no score in between
    True
    >>> m = sweep.metrics_at(0.35)
    >>> round(m["precision"], 4), m["recall"], m["fpr"]
    (0.6667, 1.0, 0.5)
    >>> sweep.metrics_at(np.inf)["precision"]  # nothing predicted positive: 0/0
    nan
    >>> tp, fp, fn, tn = sweep.counts_at_many([np.inf, 0.5, -np.inf])
    >>> tp.tolist(), fp.tolist()
    ([0, 2, 4], [0, 0, 4])

    References
    ----------
    T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006).
    scikit-learn, ``sklearn.metrics.confusion_matrix_at_thresholds``.
    """

    def __init__(self, y_true, y_score, *, pos_label=None):
        positives, y_score, _ = _check_curve_inputs(y_true, y_score, pos_label, None)
        n = positives.size
        n_positive = int(np.count_nonzero(positives))
        if n_positive in (0, n):
            missing = "positive" if n_positive == 0 else "negative"
            raise ValueError(
                f"`y_true` has no {missing} samples, so a threshold sweep is undefined (the "
                f"{'true' if missing == 'positive' else 'false'}-positive rate is 0/0). "
                "Pass data that contains both classes, or check `pos_label`."
            )
        # The one sort. Order within ties does not matter: tied samples always fall on the
        # same side of a threshold, and the counts are integers.
        order = np.argsort(y_score)
        sorted_scores = y_score[order]
        # Where each run of equal scores starts; samples before it all score lower.
        starts = np.r_[0, np.flatnonzero(np.diff(sorted_scores)) + 1]
        below = np.r_[starts, n]
        positives_before = np.r_[0, np.cumsum(positives[order], dtype=np.int64)]
        self._scores = sorted_scores[starts]
        # Entry j counts the samples scoring below the j-th distinct score (j = number of
        # distinct scores: all of them), i.e. those predicted negative at that threshold.
        self._pos_below = positives_before[below]
        self._neg_below = below - self._pos_below
        for array in (self._scores, self._pos_below, self._neg_below):
            array.flags.writeable = False
        self._n, self._n_positive = n, n_positive

    def __repr__(self):
        return (f"ThresholdSweep(n={self._n}, n_positive={self._n_positive}, "
                f"n_negative={self.n_negative}, distinct_scores={self._scores.size})")

    @property
    def n(self):
        """Number of samples."""
        return self._n

    @property
    def n_positive(self):
        """Number of positive samples, P."""
        return self._n_positive

    @property
    def n_negative(self):
        """Number of negative samples, N."""
        return self._n - self._n_positive

    @property
    def prevalence(self):
        """Fraction of samples that are positive, P / n."""
        return self._n_positive / self._n

    @property
    def distinct_scores(self):
        """The distinct scores in increasing order (read-only): the thresholds at which
        the counts change. Below the first everything is positive; above the last,
        nothing."""
        return self._scores

    def counts_at(self, threshold):
        """TP, FP, FN and TN when samples with ``score >= threshold`` are called positive.

        Parameters
        ----------
        threshold : float
            Any number, ``-inf`` and ``inf`` included; not NaN.

        Returns
        -------
        ConfusionCounts
            With ``int`` counts.
        """
        threshold = _check_threshold(threshold)
        j = int(np.searchsorted(self._scores, threshold, side="left"))
        fn, tn = int(self._pos_below[j]), int(self._neg_below[j])
        return ConfusionCounts(tp=self._n_positive - fn, fp=self.n_negative - tn, fn=fn, tn=tn)

    def counts_at_many(self, thresholds):
        """The counts at each of many thresholds at once (one vectorised binary search).

        For static small multiples, or a cost curve over a grid of thresholds.

        Parameters
        ----------
        thresholds : array-like of float
            Any shape; ``-inf`` and ``inf`` allowed, NaN not.

        Returns
        -------
        tp, fp, fn, tn : ndarray of int64
            Each of the shape of ``thresholds``.
        """
        try:
            t = np.asarray(thresholds, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"`thresholds` must be numbers; could not convert them: {exc}") \
                from None
        if np.isnan(t).any():
            raise ValueError(
                "`thresholds` contains NaN, which compares false with every score; pass "
                "numbers (-inf and inf are allowed)."
            )
        j = np.searchsorted(self._scores, t, side="left")
        fn, tn = self._pos_below[j], self._neg_below[j]
        return self._n_positive - fn, self.n_negative - tn, fn, tn

    def metrics_at(self, threshold):
        r"""The metrics of the confusion matrix at ``threshold``.

        .. math::
            \mathrm{accuracy} = \frac{TP + TN}{n}, \quad
            \mathrm{precision} = \frac{TP}{TP + FP}, \quad
            \mathrm{recall} = \mathrm{TPR} = \frac{TP}{P}, \quad
            \mathrm{specificity} = \frac{TN}{N} = 1 - \mathrm{FPR}, \quad
            F_1 = \frac{2TP}{2TP + FP + FN}

        Returns
        -------
        dict of float
            ``accuracy``, ``precision``, ``recall``, ``specificity``, ``f1``, ``fpr``,
            ``tpr``. Precision is ``nan`` (0/0) when nothing is predicted positive; the
            others are always defined (see the class notes).
        """
        c = self.counts_at(threshold)
        recall = c.tp / self._n_positive
        return {
            "accuracy": (c.tp + c.tn) / self._n,
            "precision": _ratio_or_nan(c.tp, c.tp + c.fp),
            "recall": recall,
            "specificity": c.tn / self.n_negative,
            # Never 0/0: 2TP + FP + FN >= TP + FN = P > 0.
            "f1": 2 * c.tp / (2 * c.tp + c.fp + c.fn),
            "fpr": c.fp / self.n_negative,
            "tpr": recall,
        }

    def _descending_counts(self):
        """:func:`_clf_curve`'s (fps, tps, thresholds), from the stored counts."""
        m = self._scores.size
        tps = (self._n_positive - self._pos_below[m - 1::-1]).astype(np.float64)
        fps = (self.n_negative - self._neg_below[m - 1::-1]).astype(np.float64)
        return fps, tps, self._scores[::-1].copy()

    def roc_curve(self, *, drop_intermediate=True):
        """The ROC curve without sorting again: the arrays of :func:`roc_curve`.

        Returns
        -------
        fpr, tpr, thresholds : ndarray
            Equal to ``roc_curve(y_true, y_score, drop_intermediate=...)``.
        """
        return _roc_from_counts(*self._descending_counts(), drop_intermediate)

    def precision_recall_curve(self, *, drop_intermediate=False):
        """The PR curve without sorting again: the arrays of :func:`precision_recall_curve`.

        Returns
        -------
        precision, recall, thresholds : ndarray
            Equal to ``precision_recall_curve(y_true, y_score, drop_intermediate=...)``.
        """
        return _pr_from_counts(*self._descending_counts(), drop_intermediate)
