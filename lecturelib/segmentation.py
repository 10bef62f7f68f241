"""Segmentation metrics: how well a predicted mask overlaps the true one.

Both scores compare the set ``A`` of pixels a class covers in the ground truth with the
set ``B`` it covers in the prediction::

    IoU (Jaccard)  J = |A ∩ B| / |A ∪ B|          = TP / (TP + FP + FN)
    Dice (F1)      D = 2 |A ∩ B| / (|A| + |B|)    = 2 TP / (2 TP + FP + FN)

counting pixels as samples. So a mask metric is a classification metric on the flattened
masks: :func:`iou_score` returns the numbers of :func:`sklearn.metrics.jaccard_score` and
:func:`dice_score` those of :func:`sklearn.metrics.f1_score`, with the same ``labels``,
``average`` and ``zero_division`` arguments.

Where the references disagree is the empty case: a class absent from both masks makes
both scores 0/0. The docstring of :func:`iou_score` lists what each library returns then.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    UndefinedMetricWarning,
    check_binary_mask,
    check_mask_labels,
    check_masks,
    check_zero_division,
    warn_undefined,
)

__all__ = ["UndefinedMetricWarning", "iou_score", "dice_score"]

_AVERAGES = ("binary", "macro", "micro", None)


def iou_score(mask_true, mask_pred, *, labels=None, average="binary", zero_division="warn"):
    """Intersection over union (IoU, Jaccard index) of a true and a predicted mask.

    .. math:: J(A, B) = \\frac{|A \\cap B|}{|A \\cup B|} = \\frac{TP}{TP + FP + FN}

    where ``A`` and ``B`` are the pixels of a class in ``mask_true`` and ``mask_pred``.

    Parameters
    ----------
    mask_true, mask_pred : array-like of the same shape
        Binary masks (bool or 0/1) of any shape, e.g. (H, W) or a batch (N, H, W), or
        integer label maps (one class label per pixel). A batch is scored as one big mask,
        as if the pixels were concatenated (scikit-learn on the flattened arrays).
    labels : array-like of int, optional
        Label maps only: the classes to score, in this order. Default: every label found
        in either mask, sorted. Pixels of an unlisted class (say the background, or an
        "ignore" value such as 255) only count as "not this class". A listed class absent
        from both masks is 0/0 and gets ``zero_division``.
    average : {'binary', 'macro', 'micro', None}, default 'binary'
        ``'binary'``: the masks must be binary; the score of the foreground (1 / True).
        For label maps: ``None`` gives one score per label; ``'macro'`` the unweighted
        mean of those; ``'micro'`` pools TP, FP and FN over the labels first.
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The score when a class is empty in both masks (0/0). ``'warn'`` gives 0.0 and an
        :class:`UndefinedMetricWarning`, as scikit-learn's default does. ``np.nan`` marks the
        class undefined and ``'macro'`` then averages over the other classes only (NaN if
        none is left).

    Returns
    -------
    float, or ndarray of shape (n_labels,) when ``average=None``

    Notes
    -----
    **Dice and IoU.** For one mask (one class, one image) ``D = 2J / (1 + J)`` and
    ``J = D / (2 - D)``: Dice is a monotone function of IoU, so both rank predictions of
    that mask alike. The identity does **not** hold for averages (macro over classes, or a
    mean over images), because the map is not linear: IoUs 0.5 and 1 average to 0.75, but
    their Dices 0.667 and 1 average to 0.833, not 2·0.75/1.75 = 0.857. The
    ``zero_division`` substitutes 0, 1 and NaN are fixed points of the map, so the
    identity holds for empty masks as well.

    **Empty masks (0/0): what each reference returns.**

    - scikit-learn ``jaccard_score`` / ``f1_score``: ``zero_division='warn'`` (default)
      gives 0.0 with a warning; 0 or 1 give that value. ``f1_score`` also takes ``np.nan``
      and drops NaN classes from macro averages; ``jaccard_score`` (1.9) rejects
      ``np.nan``, which lecturelib accepts for both scores.
    - torchmetrics ``segmentation.dice_score``: NaN, dropped from the macro average
      (``nanmean``) -- lecturelib's ``zero_division=np.nan``. ``mean_iou`` with
      ``per_class=True`` reports an absent class as -1. ``BinaryJaccardIndex`` returns 0
      by default (``zero_division=0``), or 1 with ``zero_division=1``.
      ``multiclass_jaccard_index`` leaves classes absent from both masks out of its macro
      average, yet shows them as 0 with ``average='none'``.
    - MONAI ``DiceMetric`` / ``compute_iou``: ``ignore_empty=True`` (default) gives NaN
      whenever the ground truth is empty, *even if the prediction is not*; no
      ``zero_division`` reproduces that. ``ignore_empty=False`` gives 1.0 for two empty
      masks (lecturelib's ``zero_division=1.0``) and 0.0 for an empty truth with a
      non-empty prediction. Its ``aggregate()`` averages the non-NaN values and returns
      0.0 if all are NaN.

    An empty truth with a non-empty prediction (or the reverse) is not 0/0: every
    reference, and lecturelib, gives 0.

    Raises
    ------
    ValueError
        If the masks differ in shape, are empty, hold NaN or non-integer values, are not
        binary with ``average='binary'``; or if ``labels``, ``average`` or
        ``zero_division`` is invalid.

    Examples
    --------
    A 4-pixel truth and a 6-pixel prediction that covers it: J = 4/6, D = 8/10.

    >>> truth = [[1, 1, 0], [1, 1, 0]]
    >>> pred = [[1, 1, 1], [1, 1, 1]]
    >>> round(iou_score(truth, pred), 4), dice_score(truth, pred)
    (0.6667, 0.8)

    Label maps, one score per class:

    >>> iou_score([0, 1, 2, 2], [0, 2, 1, 2], average=None).tolist()
    [1.0, 0.0, 0.3333333333333333]

    References
    ----------
    scikit-learn, ``sklearn.metrics.jaccard_score``. P. Jaccard, "The distribution of the
    flora in the alpine zone", New Phytologist 11 (1912).
    """
    return _overlap_score(mask_true, mask_pred, labels, average, zero_division, "IoU")


def dice_score(mask_true, mask_pred, *, labels=None, average="binary", zero_division="warn"):
    """Dice coefficient (Sørensen–Dice, the F1 score of pixels) of a true and a predicted mask.

    .. math:: D(A, B) = \\frac{2 |A \\cap B|}{|A| + |B|} = \\frac{2 TP}{2 TP + FP + FN}

    Same arguments, conventions and references as :func:`iou_score`; the numbers are those
    of :func:`sklearn.metrics.f1_score` on the flattened masks. Per mask
    ``D = 2J / (1 + J)`` with ``J`` the IoU; averages do not obey this identity (see
    :func:`iou_score`, Notes).

    Examples
    --------
    >>> dice_score([[1, 1, 0], [1, 1, 0]], [[1, 1, 1], [1, 1, 1]])
    0.8
    >>> dice_score([0, 0], [0, 0], zero_division=1.0)  # two empty masks agree perfectly
    1.0

    References
    ----------
    L. R. Dice, "Measures of the amount of ecologic association between species", Ecology
    26 (1945). scikit-learn, ``sklearn.metrics.f1_score``.
    """
    return _overlap_score(mask_true, mask_pred, labels, average, zero_division, "Dice")


def _overlap_score(mask_true, mask_pred, labels, average, zero_division, metric):
    if average not in _AVERAGES:
        raise ValueError(f"`average` must be one of {list(_AVERAGES)}, got {average!r}.")
    substitute = check_zero_division(zero_division)
    mask_true, mask_pred = check_masks(mask_true, mask_pred)
    if average == "binary":
        if labels is not None:
            raise ValueError(
                "`labels` selects classes of a label map, but average='binary' scores the "
                "foreground of a binary mask. Drop `labels`, or pass average='macro', "
                "'micro' or None."
            )
        check_binary_mask(mask_true, "mask_true")
        check_binary_mask(mask_pred, "mask_pred")
        labels = np.array([1])
    elif labels is None:
        labels = np.union1d(mask_true, mask_pred)
    else:
        labels = check_mask_labels(labels)

    tp, n_true, n_pred = _per_label_counts(mask_true, mask_pred, labels)
    if average == "micro":
        tp, n_true, n_pred = (c.sum(keepdims=True) for c in (tp, n_true, n_pred))
    if metric == "IoU":
        numerator, denominator = tp, n_true + n_pred - tp
    else:
        numerator, denominator = 2 * tp, n_true + n_pred
    scores = _divide(numerator, denominator, substitute, zero_division, metric)
    if average is None:
        return scores
    if average == "macro":
        return _nanmean(scores)
    return float(scores[0])


def _per_label_counts(mask_true, mask_pred, labels):
    """Pixels of each label that are in both masks, in the truth, and in the prediction."""
    agree = mask_true[mask_true == mask_pred]
    tp = np.array([np.count_nonzero(agree == c) for c in labels], dtype=np.int64)
    n_true = np.array([np.count_nonzero(mask_true == c) for c in labels], dtype=np.int64)
    n_pred = np.array([np.count_nonzero(mask_pred == c) for c in labels], dtype=np.int64)
    return tp, n_true, n_pred


def _divide(numerator, denominator, substitute, zero_division, metric):
    # Counts are integers below 2**53, so numerator / denominator is the correctly rounded
    # ratio whichever integer formula produced them: the same bits as scikit-learn.
    undefined = denominator == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.where(undefined, substitute, numerator / denominator)
    if zero_division == "warn" and undefined.any():
        warn_undefined(
            f"{metric} is ill-defined (0/0) for {int(undefined.sum())} label(s) empty in "
            "both masks, and set to 0.0. Use the `zero_division` parameter to choose the "
            "value (np.nan leaves those labels out of the macro average)."
        )
    return scores


def _nanmean(scores):
    """Mean over the defined scores (scikit-learn's macro average with NaN classes)."""
    defined = scores[~np.isnan(scores)]
    return float(np.mean(defined)) if defined.size else float("nan")
