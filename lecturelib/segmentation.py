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

A data set's score is an average, and there are several: :func:`mean_iou` is the one
segmentation benchmarks (PASCAL VOC, Cityscapes, ADE20K) report, each class's
intersection and union summed over all images before dividing.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import (
    UndefinedMetricWarning,
    check_binary_mask,
    check_mask_labels,
    check_masks,
    check_positive_int,
    check_zero_division,
    warn_undefined,
)

__all__ = ["UndefinedMetricWarning", "iou_score", "dice_score", "mean_iou"]

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


def mean_iou(masks_true, masks_pred, *, num_classes, ignore_index=None, per_class=False):
    """Mean IoU of a segmentation data set, as benchmarks compute it (the "mIoU").

    Each class's intersection and union are **summed over all images first**; the IoU of
    class ``c`` is the ratio of those sums, and the mIoU is the mean over the classes:

    .. math::
        \\mathrm{IoU}_c = \\frac{\\sum_i |A_{ic} \\cap B_{ic}|}{\\sum_i |A_{ic} \\cup B_{ic}|},
        \\qquad \\mathrm{mIoU} = \\frac{1}{|C|} \\sum_{c \\in C} \\mathrm{IoU}_c

    where ``A_ic`` and ``B_ic`` are the pixels of class ``c`` in the true and predicted
    label maps of image ``i``, and ``C`` the classes whose summed union is not 0. This is
    the rule of the PASCAL VOC, Cityscapes and ADE20K evaluations (a confusion matrix
    accumulated over the data set) and of mmsegmentation's and Hugging Face
    ``evaluate``'s ``mean_iou``. It is neither a mean of per-image mIoUs nor the
    micro-average (TP, FP and FN pooled over classes, :func:`iou_score` with
    ``average='micro'``): the three differ on the same data (see Notes).

    Parameters
    ----------
    masks_true, masks_pred : array-like, or sequences of array-likes
        Integer label maps, one class label per pixel. Either one array each (any shape,
        e.g. a batch (N, H, W)) or two sequences of the same length with one label map
        per image; the images may differ in size, but each prediction must have its
        truth's shape. Only pixel counts matter, so a batch and the list of its images
        give the same result.
    num_classes : int
        Number of classes; labels run from 0 to ``num_classes - 1``.
    ignore_index : int, optional
        A label of ``masks_true`` that marks pixels to leave out entirely, in the truth
        *and* the prediction (VOC's "void" boundary, 255). It must not be a class label
        (0 to ``num_classes - 1``). Without it every truth pixel must hold a class.
    per_class : bool, default False
        Return the IoU of every class instead of their mean.

    Returns
    -------
    float, or ndarray of shape (num_classes,) when ``per_class=True``
        A class that appears in no truth and no prediction (union 0 over the whole data
        set) has IoU NaN and is left out of the mean, as in mmsegmentation (``nanmean``).
        NaN if no class is left (every pixel ignored).

    Notes
    -----
    **Three averages, three numbers.** With per-image intersections ``I_ic`` and unions
    ``U_ic``:

    - this function (the benchmarks' rule): ``mean_c (sum_i I_ic / sum_i U_ic)``. Large
      objects weigh more than small ones of the same class; every class weighs the same.
    - the mean of per-image mIoUs: ``mean_i mean_c (I_ic / U_ic)``, each image over the
      classes it shows (``mean_iou`` applied to one image at a time). Every image weighs
      the same, so a small object missed in one image costs as much as a large one.
    - micro-averaging: ``sum_ic I_ic / sum_ic U_ic``, pixels pooled over classes too.
      On label maps every wrong pixel is a false positive of one class and a false
      negative of another, so it equals ``acc / (2 - acc)`` with ``acc`` the pixel
      accuracy: the background dominates it.

    Raises
    ------
    ValueError
        If ``num_classes`` is not a positive integer; ``ignore_index`` is a class label;
        the sequences differ in length or are empty; a pair of maps differs in shape; a
        map is empty, holds NaN or non-integer values; or a label is outside
        0 to ``num_classes - 1`` (other than ``ignore_index`` in the truth).

    Examples
    --------
    Two images, classes 0 and 1. Class 1 overlaps 1 of 3 pixels in the first image and
    2 of 2 in the second: IoU (1 + 2) / (3 + 2) = 0.6, not the mean of 1/3 and 1.

    >>> truth = [np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0])]
    >>> pred = [np.array([0, 1, 1, 0]), np.array([1, 1, 0, 0])]
    >>> mean_iou(truth, pred, num_classes=2, per_class=True).tolist()
    [0.6, 0.6]
    >>> mean_iou(truth, pred, num_classes=2)
    0.6

    A void pixel (255) is left out of the truth and the prediction:

    >>> mean_iou([0, 1, 255], [0, 1, 1], num_classes=2, ignore_index=255)
    1.0

    References
    ----------
    M. Everingham et al., "The PASCAL Visual Object Classes (VOC) Challenge", IJCV 88
    (2010); M. Cordts et al., "The Cityscapes Dataset", CVPR 2016; mmsegmentation,
    ``mmseg/core/evaluation/metrics.py::total_intersect_and_union``.
    """
    n = check_positive_int(num_classes, "num_classes")
    if ignore_index is not None:
        if isinstance(ignore_index, bool) or not isinstance(ignore_index, numbers.Integral):
            raise ValueError(
                f"`ignore_index` must be an integer label or None, got {ignore_index!r}."
            )
        if 0 <= ignore_index < n:
            raise ValueError(
                f"`ignore_index` is {ignore_index}, a class label (0 to {n - 1}); ignored "
                "pixels need a label of their own, such as 255."
            )
    confusion = np.zeros(n * n, dtype=np.int64)
    for truth, pred in _label_map_pairs(masks_true, masks_pred):
        if ignore_index is not None:
            keep = truth != ignore_index
            truth, pred = truth[keep], pred[keep]
        _check_class_range(truth, n, "masks_true", ignore_index)
        _check_class_range(pred, n, "masks_pred", None)
        # Row = true class, column = predicted class, as in scikit-learn.
        confusion += np.bincount(truth * n + pred, minlength=n * n)
    confusion = confusion.reshape(n, n)
    intersection = np.diag(confusion)
    union = confusion.sum(axis=0) + confusion.sum(axis=1) - intersection
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = np.where(union > 0, intersection / union, np.nan)
    return iou if per_class else _nanmean(iou)


def _label_map_pairs(masks_true, masks_pred):
    """(truth, prediction) pairs of flat int64 label maps, one per image."""
    if not (_is_map_list(masks_true) or _is_map_list(masks_pred)):
        return [_checked_pair(masks_true, masks_pred, "")]
    n_true, n_pred = _n_maps(masks_true, "masks_true"), _n_maps(masks_pred, "masks_pred")
    if n_true != n_pred:
        raise ValueError(
            f"`masks_true` has {n_true} label maps but `masks_pred` has {n_pred}; pass one "
            "prediction per image."
        )
    return [_checked_pair(t, p, f"label map {i}: ")
            for i, (t, p) in enumerate(zip(masks_true, masks_pred))]


def _is_map_list(maps):
    """A list or tuple of label maps (arrays of one or more axes), not one flat map."""
    if not isinstance(maps, (list, tuple)) or len(maps) == 0:
        return False
    try:
        return all(np.ndim(m) >= 1 for m in maps)
    except ValueError:  # a ragged element: let check_masks say what is wrong with it
        return True


def _n_maps(maps, name):
    if not isinstance(maps, (list, tuple)) and np.ndim(maps) == 0:
        raise ValueError(f"`{name}` is a single number; pass a label map or a list of them.")
    return len(maps)


def _checked_pair(truth, pred, where):
    """check_masks, with the messages naming this function's arguments."""
    try:
        return check_masks(truth, pred)
    except ValueError as error:
        message = str(error).replace("`mask_true`", "`masks_true`")
        raise ValueError(where + message.replace("`mask_pred`", "`masks_pred`")) from None


def _check_class_range(labels, n_classes, name, ignore_index):
    outside = (labels < 0) | (labels >= n_classes)
    if outside.any():
        hint = "" if ignore_index is None else f" or the ignored label {ignore_index}"
        raise ValueError(
            f"`{name}` holds the label {int(labels[outside][0])}, outside the classes 0 to "
            f"{n_classes - 1}{hint}. Raise `num_classes`, or pass `ignore_index` for void "
            "pixels of the truth."
        )


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
