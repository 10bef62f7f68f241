"""Classification metrics from predicted labels: the confusion matrix and what it yields.

Names, argument order, averaging modes and ``zero_division`` behaviour follow
:mod:`sklearn.metrics`, and the results are the same on the same inputs. What the course
adds is :class:`ConfusionCounts`, the four numbers TP / FP / FN / TN of a binary problem,
which is how the lectures talk.

The binary confusion matrix, laid out as scikit-learn does (rows are the truth)::

                      predicted negative   predicted positive
    actual negative          TN                   FP
    actual positive          FN                   TP
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import (
    UndefinedMetricWarning,
    check_consistent_length,
    check_labels_1d,
    check_sample_weight,
    check_zero_division,
    warn_undefined,
)

__all__ = [
    "ConfusionCounts",
    "UndefinedMetricWarning",
    "confusion_matrix",
    "accuracy_score",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
    "specificity_score",
    "f1_score",
    "fbeta_score",
]

_AVERAGES = (None, "binary", "micro", "macro", "weighted")


def _check_targets(y_true, y_pred):
    """Validate a pair of label vectors; return (kind, y_true, y_pred, sorted labels)."""
    y_true = check_labels_1d(y_true, "y_true")
    y_pred = check_labels_1d(y_pred, "y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    if (y_true.dtype.kind in "US") != (y_pred.dtype.kind in "US"):
        raise ValueError(
            "`y_true` and `y_pred` mix string and numeric labels; use one kind of label in both."
        )
    labels = np.union1d(y_true, y_pred)
    kind = "binary" if labels.size <= 2 else "multiclass"
    return kind, y_true, y_pred, labels


def confusion_matrix(y_true, y_pred, *, labels=None, sample_weight=None, normalize=None):
    """Confusion matrix ``C`` where ``C[i, j]`` counts samples of true class ``i`` predicted ``j``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted class labels.
    labels : array-like, optional
        Which labels to include, in which order. Default: the sorted union of the labels
        in ``y_true`` and ``y_pred``. Samples whose label is not listed are dropped.
    sample_weight : array-like of shape (n_samples,), optional
    normalize : {'true', 'pred', 'all'}, optional
        Divide by the row sums (each row then holds recall-like rates), the column sums
        (precision-like) or the total. A row or column that sums to 0 gives zeros, not NaN.

    Returns
    -------
    ndarray of shape (n_labels, n_labels)
        Integer counts, or floats when weights are not integers or ``normalize`` is set.

    Examples
    --------
    The nine predictions of the lecture (T = positive = 1):

    >>> actual = [1, 0, 1, 0, 0, 0, 0, 1, 1]
    >>> model  = [1, 0, 1, 1, 0, 1, 0, 0, 1]
    >>> confusion_matrix(actual, model)
    array([[3, 2],
           [1, 3]])

    References
    ----------
    scikit-learn, ``sklearn.metrics.confusion_matrix``.
    """
    _, y_true, y_pred, present = _check_targets(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_true.shape[0])
    integral_weights = sample_weight is None or np.asarray(sample_weight).dtype.kind in "iub"
    if labels is None:
        labels = present
    else:
        labels = np.asarray(labels)
        if labels.ndim != 1 or labels.size == 0:
            raise ValueError("`labels` must be a non-empty 1-D list of class labels.")
        if np.intersect1d(y_true, labels).size == 0:
            raise ValueError(
                "None of `labels` occurs in `y_true`; check that the labels are spelled as "
                "in the data."
            )
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(f"`normalize` must be 'true', 'pred', 'all' or None, got {normalize!r}.")
    n_labels = labels.size
    index = {label: i for i, label in enumerate(labels.tolist())}
    true_idx = np.array([index.get(v, -1) for v in y_true.tolist()])
    pred_idx = np.array([index.get(v, -1) for v in y_pred.tolist()])
    keep = (true_idx >= 0) & (pred_idx >= 0)
    flat = true_idx[keep] * n_labels + pred_idx[keep]
    cm = np.bincount(flat, weights=weight[keep], minlength=n_labels * n_labels)
    cm = cm.reshape(n_labels, n_labels)
    if integral_weights and normalize is None:
        return np.rint(cm).astype(np.int64)
    if normalize is not None:
        axis = {"true": 1, "pred": 0, "all": None}[normalize]
        totals = cm.sum(axis=axis, keepdims=axis is not None)
        with np.errstate(divide="ignore", invalid="ignore"):
            cm = np.where(totals == 0, 0.0, cm / totals)
    return cm


def accuracy_score(y_true, y_pred, *, normalize=True, sample_weight=None):
    """Fraction (or number) of samples whose predicted label equals the true one.

    .. math:: \\mathrm{accuracy} = \\frac{TP + TN}{TP + TN + FP + FN}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_labels)
        Labels; 2-D indicator arrays give *subset* accuracy (a row counts only if every
        label in it is right).
    normalize : bool, default True
        ``False`` returns the (weighted) number of correct samples, as a float.
    sample_weight : array-like of shape (n_samples,), optional

    Examples
    --------
    >>> accuracy_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1])
    0.6666666666666666
    >>> accuracy_score([0, 1, 1], [0, 1, 0], normalize=False)
    2.0

    References
    ----------
    scikit-learn, ``sklearn.metrics.accuracy_score``.
    """
    y_true_arr, y_pred_arr = np.asarray(y_true), np.asarray(y_pred)
    if y_true_arr.ndim == 2 and y_true_arr.shape[1] > 1:
        if y_pred_arr.shape != y_true_arr.shape:
            raise ValueError(
                f"Multilabel `y_true` has shape {y_true_arr.shape} but `y_pred` has shape "
                f"{y_pred_arr.shape}; they must match."
            )
        if y_true_arr.size == 0:
            raise ValueError("`y_true` is empty; pass at least one sample.")
        correct = np.all(y_true_arr == y_pred_arr, axis=1)
    else:
        _, y_true_arr, y_pred_arr, _ = _check_targets(y_true, y_pred)
        correct = y_true_arr == y_pred_arr
    weight = check_sample_weight(sample_weight, correct.shape[0])
    if not normalize:
        return float(np.dot(correct, weight))
    return float(np.average(correct, weights=weight))


def _per_label_counts(y_true, y_pred, labels, weight):
    """Weighted TP, predicted-positive and actual-positive totals for each label."""
    tp = np.array([weight[(y_true == c) & (y_pred == c)].sum() for c in labels], dtype=float)
    pred = np.array([weight[y_pred == c].sum() for c in labels], dtype=float)
    true = np.array([weight[y_true == c].sum() for c in labels], dtype=float)
    return tp, pred, true


def _divide(numerator, denominator, zero_division, metric, warn):
    denominator = np.asarray(denominator, dtype=float)
    numerator = np.asarray(numerator, dtype=float)
    undefined = denominator == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(undefined, check_zero_division(zero_division), numerator / denominator)
    if warn and zero_division == "warn" and undefined.any():
        warn_undefined(
            f"{metric} is ill-defined (0/0) for {int(undefined.sum())} label(s) and set to 0.0. "
            "Use the `zero_division` parameter to control this behaviour."
        )
    return result


def _nanaverage(values, weights=None):
    """Average ignoring NaN entries (sklearn's convention for ``zero_division=np.nan``)."""
    keep = ~np.isnan(values)
    if not keep.any():
        return float("nan")
    values = values[keep]
    if weights is not None:
        weights = np.asarray(weights, dtype=float)[keep]
        if weights.sum() > 0:
            return float(np.average(values, weights=weights))
    return float(np.mean(values))


def _resolve_labels(kind, present, labels, pos_label, average):
    if average not in _AVERAGES:
        raise ValueError(f"`average` must be one of {_AVERAGES}, got {average!r}.")
    if average == "binary":
        if kind != "binary":
            raise ValueError(
                "The target is multiclass but average='binary'. Choose another average: "
                "None, 'micro', 'macro' or 'weighted'."
            )
        if pos_label not in present.tolist() and present.size >= 2:
            raise ValueError(
                f"pos_label={pos_label!r} is not a valid label; it should be one of "
                f"{present.tolist()}."
            )
        return np.asarray([pos_label])
    if labels is None:
        return present
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError("`labels` must be a non-empty 1-D list of class labels.")
    return labels


def _average(values, average, support):
    if average is None:
        return values
    return _nanaverage(values, weights=support if average == "weighted" else None)


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    beta=1.0,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    sample_weight=None,
    zero_division="warn",
):
    """Precision, recall, F-beta and support for each label, or averaged.

    .. math::
        P = \\frac{TP}{TP + FP}, \\quad R = \\frac{TP}{TP + FN}, \\quad
        F_\\beta = \\frac{(1 + \\beta^2) TP}{(1 + \\beta^2) TP + \\beta^2 FN + FP}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
    beta : float, default 1.0
        Weight of recall relative to precision; ``beta=0`` gives precision and
        ``beta=inf`` gives recall.
    labels : array-like, optional
        Labels to report or average over (ignored for ``average='binary'``).
    pos_label : label, default 1
        The positive class when ``average='binary'``.
    average : {None, 'binary', 'micro', 'macro', 'weighted'}, default None
        ``None``: one value per label. ``'binary'``: only ``pos_label``. ``'micro'``: pool
        TP, FP and FN over labels first. ``'macro'``: unweighted mean over labels.
        ``'weighted'``: mean weighted by each label's support (its number of true samples).
    warn_for : tuple of str
        Which undefined metrics warn when ``zero_division='warn'``.
    sample_weight : array-like of shape (n_samples,), optional
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        Value used for 0/0. ``'warn'`` uses 0 and warns. With ``np.nan`` the undefined labels
        are left out of the averages.

    Returns
    -------
    precision, recall, fbeta : float or ndarray
    support : ndarray of int, or None when averaged

    Notes
    -----
    F-beta is computed from the counts, so it is undefined only when TP + FP + FN = 0;
    predicting nothing while positives exist gives F = 0 whatever ``zero_division`` says.

    Examples
    --------
    >>> p, r, f, s = precision_recall_fscore_support([0, 1, 1, 2], [0, 1, 2, 2])
    >>> p.tolist(), r.tolist(), s.tolist()
    ([1.0, 1.0, 0.5], [1.0, 0.5, 1.0], [1, 2, 1])

    References
    ----------
    scikit-learn, ``sklearn.metrics.precision_recall_fscore_support``.
    """
    if not np.isscalar(beta) or np.isnan(beta) or beta < 0:
        raise ValueError(f"`beta` must be a number >= 0 (or np.inf), got {beta!r}.")
    check_zero_division(zero_division)
    kind, y_true, y_pred, present = _check_targets(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_true.shape[0])
    labels = _resolve_labels(kind, present, labels, pos_label, average)
    tp, pred, true = _per_label_counts(y_true, y_pred, labels, weight)
    if average == "micro":
        tp, pred, true = tp.sum(keepdims=True), pred.sum(keepdims=True), true.sum(keepdims=True)

    precision = _divide(tp, pred, zero_division, "Precision", "precision" in warn_for)
    recall = _divide(tp, true, zero_division, "Recall", "recall" in warn_for)
    if np.isposinf(beta):
        fbeta = recall
    elif beta == 0:
        fbeta = precision
    else:
        beta2 = beta**2
        fbeta = _divide((1 + beta2) * tp, beta2 * true + pred, zero_division, "F-score",
                        "f-score" in warn_for)

    if average is None:
        support = np.rint(true).astype(np.int64) if sample_weight is None else true
        return precision, recall, fbeta, support
    return (_average(precision, average, true), _average(recall, average, true),
            _average(fbeta, average, true), None)


def precision_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                    sample_weight=None, zero_division="warn"):
    """Precision (정밀도): of the samples predicted positive, the fraction truly positive.

    .. math:: \\mathrm{precision} = \\frac{TP}{TP + FP}

    See :func:`precision_recall_fscore_support` for the parameters.

    Examples
    --------
    >>> precision_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1])
    0.6
    >>> precision_score([0, 1], [0, 0], zero_division=1.0)  # nothing predicted positive
    1.0
    """
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("precision",), sample_weight=sample_weight, zero_division=zero_division,
    )[0]


def recall_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                 sample_weight=None, zero_division="warn"):
    """Recall (재현율), also sensitivity or TPR: of the true positives, the fraction found.

    .. math:: \\mathrm{recall} = \\frac{TP}{TP + FN}

    See :func:`precision_recall_fscore_support` for the parameters.

    Examples
    --------
    >>> recall_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1])
    0.75
    """
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        warn_for=("recall",), sample_weight=sample_weight, zero_division=zero_division,
    )[1]


def fbeta_score(y_true, y_pred, *, beta, labels=None, pos_label=1, average="binary",
                sample_weight=None, zero_division="warn"):
    """F-beta score: the weighted harmonic mean of precision and recall.

    .. math:: F_\\beta = (1 + \\beta^2) \\frac{P R}{\\beta^2 P + R}

    ``beta > 1`` favours recall (missing a cancer costs more), ``beta < 1`` favours
    precision. See :func:`precision_recall_fscore_support` for the parameters.

    Examples
    --------
    >>> round(fbeta_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1], beta=2), 4)
    0.7143
    """
    return precision_recall_fscore_support(
        y_true, y_pred, beta=beta, labels=labels, pos_label=pos_label, average=average,
        warn_for=("f-score",), sample_weight=sample_weight, zero_division=zero_division,
    )[2]


def f1_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
             sample_weight=None, zero_division="warn"):
    """F1 score: the harmonic mean of precision and recall.

    .. math:: F_1 = \\frac{2 P R}{P + R} = \\frac{2 TP}{2 TP + FP + FN}

    See :func:`precision_recall_fscore_support` for the parameters.

    Examples
    --------
    >>> round(f1_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1]), 4)
    0.6667
    >>> f1_score([0, 1], [0, 0], zero_division=1.0)  # defined: a positive was missed
    0.0
    """
    return fbeta_score(y_true, y_pred, beta=1.0, labels=labels, pos_label=pos_label,
                       average=average, sample_weight=sample_weight, zero_division=zero_division)


def specificity_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                      sample_weight=None, zero_division="warn"):
    """Specificity (특이도), or true negative rate: of the true negatives, the fraction kept negative.

    .. math:: \\mathrm{specificity} = \\frac{TN}{TN + FP} = 1 - \\mathrm{FPR}

    scikit-learn has no such function; this one takes the same arguments as
    :func:`recall_score`. For a label ``c`` the negatives are all samples not of class ``c``
    (one-vs-rest); ``'micro'`` pools TN and FP over labels, ``'weighted'`` weights each
    label by its support, as for the other scores. In the binary case it equals the recall
    of the negative class.

    Examples
    --------
    >>> specificity_score([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1])
    0.6
    """
    check_zero_division(zero_division)
    kind, y_true, y_pred, present = _check_targets(y_true, y_pred)
    weight = check_sample_weight(sample_weight, y_true.shape[0])
    labels = _resolve_labels(kind, present, labels, pos_label, average)
    _, _, true = _per_label_counts(y_true, y_pred, labels, weight)
    # Sum TN and the negatives directly rather than as total - TP - FP - FN: with float
    # weights the subtraction leaves rounding residue, so a label whose negatives all have
    # zero weight would score ~1.0 instead of being 0/0 (zero_division).
    negatives = np.array([weight[y_true != c].sum() for c in labels], dtype=float)
    tn = np.array([weight[(y_true != c) & (y_pred != c)].sum() for c in labels], dtype=float)
    if average == "micro":
        tn, negatives = tn.sum(keepdims=True), negatives.sum(keepdims=True)
    specificity = _divide(tn, negatives, zero_division, "Specificity", True)
    return _average(specificity, average, true) if average is not None else specificity


def _ratio(numerator, denominator):
    return float(numerator / denominator) if denominator else float("nan")


@dataclass(frozen=True)
class ConfusionCounts:
    """The four counts of a binary confusion matrix, with the metrics they define.

    Undefined ratios (0/0) are ``nan`` here; use the ``*_score`` functions for
    scikit-learn's ``zero_division`` handling.

    Examples
    --------
    The lecture's sequences:

    >>> c = ConfusionCounts.from_predictions([1, 0, 1, 0, 0, 0, 0, 1, 1],
    ...                                      [1, 0, 1, 1, 0, 1, 0, 0, 1])
    >>> c
    ConfusionCounts(tp=3, fp=2, fn=1, tn=3)
    >>> round(c.accuracy, 4), c.precision, c.recall, c.specificity
    (0.6667, 0.6, 0.75, 0.6)
    >>> c.matrix()
    array([[3, 2],
           [1, 3]])
    """

    tp: float
    fp: float
    fn: float
    tn: float

    def __post_init__(self):
        for name in ("tp", "fp", "fn", "tn"):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise ValueError(f"`{name}` must be a finite count >= 0, got {value!r}.")

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, pos_label=1, sample_weight=None):
        """Count TP/FP/FN/TN for ``pos_label`` from binary label vectors."""
        kind, y_true, y_pred, present = _check_targets(y_true, y_pred)
        if kind != "binary":
            raise ValueError(
                f"ConfusionCounts is for binary problems, but the labels hold {present.size} "
                f"classes {present.tolist()[:10]}. Binarise them first (y == positive_class), "
                "or use confusion_matrix for the full table."
            )
        _resolve_labels(kind, present, None, pos_label, "binary")
        weight = check_sample_weight(sample_weight, y_true.shape[0])
        actual, predicted = y_true == pos_label, y_pred == pos_label
        counts = [weight[a & p].sum() for a, p in (
            (actual, predicted), (~actual, predicted), (actual, ~predicted), (~actual, ~predicted))]
        if sample_weight is None:
            counts = [int(round(c)) for c in counts]
        else:
            counts = [float(c) for c in counts]
        return cls(*counts)

    @property
    def n(self):
        """Total number of samples."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self):
        return _ratio(self.tp + self.tn, self.n)

    @property
    def precision(self):
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self):
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def specificity(self):
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def prevalence(self):
        """Fraction of samples that are truly positive."""
        return _ratio(self.tp + self.fn, self.n)

    @property
    def f1(self):
        return self.fbeta(1.0)

    def fbeta(self, beta):
        """F-beta from the counts: (1 + b²) TP / ((1 + b²) TP + b² FN + FP)."""
        if np.isposinf(beta):
            return self.recall
        b2 = float(beta) ** 2
        return _ratio((1 + b2) * self.tp, (1 + b2) * self.tp + b2 * self.fn + self.fp)

    def matrix(self):
        """The counts as scikit-learn's 2×2 layout ``[[TN, FP], [FN, TP]]``."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])
