"""lecturelib.segmentation agrees with scikit-learn on flattened masks, and rejects bad input.

``iou_score`` is ``jaccard_score`` and ``dice_score`` is ``f1_score`` of the pixels; the
per-label scores are compared bit for bit (both divide the same integer counts), averages
to ``rtol=1e-12``. ``jaccard_score`` does not accept ``zero_division=np.nan``, so that case
is checked against its definition (NaN for a label empty in both masks, dropped from the
macro mean), as ``f1_score`` with NaN does. See ORACLES.md §1.3 and §5.

``mean_iou`` (the benchmarks' mIoU) is checked against a hand count and against a
confusion matrix from ``sklearn.metrics.confusion_matrix`` over all images' pixels.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lecturelib.segmentation import UndefinedMetricWarning, dice_score, iou_score, mean_iou

FAST = settings(max_examples=60, deadline=None, database=None)
ZERO_DIVISIONS = ("warn", 0.0, 1.0)  # what jaccard_score accepts; np.nan is tested apart

# ORACLES §5.6: a 4-pixel truth inside a 6-pixel prediction.
TRUTH = np.array([[1, 1, 0], [1, 1, 0]])
PRED = np.array([[1, 1, 1], [1, 1, 1]])


def silently(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


@st.composite
def mask_pairs(draw, max_label=1, dtype=np.int64):
    """Two masks of one random shape (1-3 axes), labels 0..max_label; often mostly empty."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5))
    top = draw(st.integers(0, max_label))  # a low top leaves some labels absent
    elements = st.integers(0, top)
    if dtype is bool:
        elements = st.booleans() if top else st.just(False)
    return tuple(draw(hnp.arrays(dtype, shape, elements=elements)) for _ in range(2))


def sk(metric, mask_true, mask_pred, **kwargs):
    """scikit-learn's score of the flattened masks."""
    return silently(metric, np.ravel(mask_true), np.ravel(mask_pred), **kwargs)


# --- binary masks --------------------------------------------------------------------


def test_oracle_example_four_in_six_pixels():
    assert iou_score(TRUTH, PRED) == pytest.approx(2 / 3, rel=1e-15)
    assert dice_score(TRUTH, PRED) == 0.8
    assert iou_score(TRUTH, PRED) == sk(skm.jaccard_score, TRUTH, PRED)
    assert dice_score(TRUTH, PRED) == sk(skm.f1_score, TRUTH, PRED)


@pytest.mark.parametrize("convert", [
    lambda m: m.astype(bool), lambda m: m.astype(np.uint8), lambda m: m.astype(float),
    lambda m: m.tolist(),
])
def test_bool_int_float_and_list_masks_agree(convert):
    assert iou_score(convert(TRUTH), convert(PRED)) == iou_score(TRUTH, PRED)
    assert dice_score(convert(TRUTH), convert(PRED)) == dice_score(TRUTH, PRED)


def test_batch_is_scored_as_one_mask():
    truth = np.stack([TRUTH, 1 - TRUTH])
    pred = np.stack([PRED, np.zeros_like(PRED)])
    assert iou_score(truth, pred) == sk(skm.jaccard_score, truth, pred) == 4 / 8
    assert dice_score(truth, pred) == sk(skm.f1_score, truth, pred)


@FAST
@given(masks=mask_pairs(), zero_division=st.sampled_from(ZERO_DIVISIONS))
def test_binary_matches_sklearn(masks, zero_division):
    truth, pred = masks
    got_iou = silently(iou_score, truth, pred, zero_division=zero_division)
    got_dice = silently(dice_score, truth, pred, zero_division=zero_division)
    assert got_iou == sk(skm.jaccard_score, truth, pred, zero_division=zero_division)
    assert got_dice == sk(skm.f1_score, truth, pred, zero_division=zero_division)
    assert type(got_iou) is float and type(got_dice) is float


@FAST
@given(masks=mask_pairs(dtype=bool))
def test_bool_masks_match_sklearn(masks):
    truth, pred = masks
    assert silently(iou_score, truth, pred) == sk(skm.jaccard_score, truth, pred)
    assert silently(dice_score, truth, pred) == sk(skm.f1_score, truth, pred)


@FAST
@given(masks=mask_pairs(), zero_division=st.sampled_from(ZERO_DIVISIONS + (np.nan,)))
def test_dice_iou_identity_per_mask(masks, zero_division):
    truth, pred = masks
    j = silently(iou_score, truth, pred, zero_division=zero_division)
    d = silently(dice_score, truth, pred, zero_division=zero_division)
    np.testing.assert_allclose(d, 2 * j / (1 + j), rtol=1e-12, atol=0, equal_nan=True)
    np.testing.assert_allclose(j, d / (2 - d), rtol=1e-12, atol=0, equal_nan=True)


def test_identity_does_not_hold_for_the_macro_average():
    # ORACLES §5.6, per mask only: IoUs 1 and 1/2 (background 0 not scored) average to
    # 0.75, their Dices 1 and 2/3 to 0.833, not 2 * 0.75 / 1.75 = 0.857.
    truth, pred, labels = [1, 1, 2, 0], [1, 1, 2, 2], [1, 2]
    j_each = iou_score(truth, pred, labels=labels, average=None)
    d_each = dice_score(truth, pred, labels=labels, average=None)
    np.testing.assert_allclose(j_each, [1, 1 / 2], rtol=1e-15)
    np.testing.assert_allclose(d_each, 2 * j_each / (1 + j_each), rtol=1e-15)
    j_macro = iou_score(truth, pred, labels=labels, average="macro")
    d_macro = dice_score(truth, pred, labels=labels, average="macro")
    assert j_macro == 0.75 and d_macro == pytest.approx(5 / 6, rel=1e-15)
    assert 2 * j_macro / (1 + j_macro) == pytest.approx(6 / 7, rel=1e-15)


# --- empty masks and zero_division -----------------------------------------------------


@pytest.mark.parametrize("score", [iou_score, dice_score])
def test_both_empty_warns_and_gives_zero_by_default(score):
    empty = np.zeros((3, 4), dtype=bool)
    with pytest.warns(UndefinedMetricWarning, match="zero_division"):
        assert score(empty, empty) == 0.0


@pytest.mark.parametrize("score", [iou_score, dice_score])
@pytest.mark.parametrize("zero_division, want", [(0.0, 0.0), (1.0, 1.0), (np.nan, np.nan)])
def test_both_empty_takes_zero_division_silently(score, zero_division, want):
    empty = np.zeros((3, 4), dtype=int)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_equal(score(empty, empty, zero_division=zero_division), want)


@pytest.mark.parametrize("score", [iou_score, dice_score])
@pytest.mark.parametrize("zero_division", ["warn", 0.0, 1.0, np.nan])
def test_one_empty_mask_is_zero_whatever_zero_division(score, zero_division):
    empty, full = np.zeros(4, dtype=int), np.ones(4, dtype=int)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # defined, so no warning either
        assert score(empty, full, zero_division=zero_division) == 0.0
        assert score(full, empty, zero_division=zero_division) == 0.0


def test_monai_ignore_empty_false_is_zero_division_one():
    """MONAI ignore_empty=False: both empty 1.0, empty truth and non-empty prediction 0.0."""
    empty, some = np.zeros((2, 2)), np.array([[0, 1], [0, 0]])
    assert dice_score(empty, empty, zero_division=1.0) == 1.0
    assert dice_score(empty, some, zero_division=1.0) == 0.0


def test_torchmetrics_macro_drops_absent_class_with_nan():
    """ORACLES §5.4: per-class IoU [2/3, 1/2, absent] averages to 0.5833."""
    truth, pred = [0, 0, 0, 1], [0, 0, 1, 1]
    per_class = iou_score(truth, pred, labels=[0, 1, 2], average=None, zero_division=np.nan)
    np.testing.assert_allclose(per_class, [2 / 3, 1 / 2, np.nan], rtol=1e-15)
    macro = iou_score(truth, pred, labels=[0, 1, 2], average="macro", zero_division=np.nan)
    assert macro == pytest.approx(0.5833, abs=5e-5)
    assert np.isnan(iou_score([0, 0], [0, 0], labels=[1, 2], average="macro",
                              zero_division=np.nan))


# --- label maps ------------------------------------------------------------------------


def test_label_map_fixed_case_matches_sklearn():
    truth = np.array([[0, 1, 1], [2, 2, 0], [0, 0, 1]])
    pred = np.array([[0, 1, 2], [2, 2, 0], [1, 0, 1]])
    for average in (None, "macro", "micro"):
        for labels in (None, [1, 2], [2, 0, 1]):
            kwargs = dict(labels=labels, average=average)
            np.testing.assert_allclose(iou_score(truth, pred, **kwargs),
                                       sk(skm.jaccard_score, truth, pred, **kwargs),
                                       rtol=1e-12, atol=0)
            np.testing.assert_allclose(dice_score(truth, pred, **kwargs),
                                       sk(skm.f1_score, truth, pred, **kwargs),
                                       rtol=1e-12, atol=0)


@FAST
@given(
    masks=mask_pairs(max_label=4),
    labels=st.none() | st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True),
    average=st.sampled_from([None, "macro", "micro"]),
    zero_division=st.sampled_from(ZERO_DIVISIONS),
)
def test_label_maps_match_sklearn(masks, labels, average, zero_division):
    truth, pred = masks
    kwargs = dict(labels=labels, average=average, zero_division=zero_division)
    for ours, theirs in ((iou_score, skm.jaccard_score), (dice_score, skm.f1_score)):
        got = silently(ours, truth, pred, **kwargs)
        want = sk(theirs, truth, pred, **kwargs)
        if average is None:
            np.testing.assert_array_equal(got, want)  # same integer counts, same division
        else:
            assert type(got) is float
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


@FAST
@given(
    masks=mask_pairs(max_label=3),
    labels=st.lists(st.integers(0, 4), min_size=1, max_size=4, unique=True),
)
def test_nan_zero_division_marks_and_drops_empty_labels(masks, labels):
    truth, pred = masks
    absent = [not (np.any(truth == c) or np.any(pred == c)) for c in labels]
    per_class = silently(iou_score, truth, pred, labels=labels, average=None,
                         zero_division=0.0)
    want = np.where(absent, np.nan, per_class)
    got = iou_score(truth, pred, labels=labels, average=None, zero_division=np.nan)
    np.testing.assert_array_equal(got, want)
    macro = iou_score(truth, pred, labels=labels, average="macro", zero_division=np.nan)
    np.testing.assert_allclose(macro, np.nanmean(want) if not all(absent) else np.nan,
                               rtol=1e-12, equal_nan=True)
    # Dice with NaN is f1_score with NaN.
    kwargs = dict(labels=labels, zero_division=np.nan)
    np.testing.assert_array_equal(dice_score(truth, pred, average=None, **kwargs),
                                  sk(skm.f1_score, truth, pred, average=None, **kwargs))
    np.testing.assert_allclose(dice_score(truth, pred, average="macro", **kwargs),
                               sk(skm.f1_score, truth, pred, average="macro", **kwargs),
                               rtol=1e-12, equal_nan=True)


def test_unlisted_values_count_as_not_this_class():
    # 255 is an "ignore" value: not scored itself, only "not class 1".
    truth, pred = [1, 1, 255, 0], [1, 255, 255, 0]
    assert iou_score(truth, pred, labels=[1], average="macro") == 0.5
    assert iou_score(truth, pred, labels=[1], average="macro") == sk(
        skm.jaccard_score, truth, pred, labels=[1], average="macro")


def test_labels_absent_from_both_masks_get_zero_division():
    with pytest.warns(UndefinedMetricWarning):
        got = iou_score([0, 1], [0, 1], labels=[0, 1, 7], average=None)
    np.testing.assert_array_equal(got, [1.0, 1.0, 0.0])
    got = iou_score([0, 1], [0, 1], labels=[0, 1, 7], average=None, zero_division=1.0)
    np.testing.assert_array_equal(got, [1.0, 1.0, 1.0])


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("score", [iou_score, dice_score])
@pytest.mark.parametrize("mask_true, mask_pred, kwargs, match", [
    (np.zeros((2, 3)), np.zeros((3, 2)), {}, "`mask_true` has shape .* `mask_pred`"),
    (np.zeros(4), np.zeros(5), {}, "must match"),
    ([], [], {}, "`mask_true` is empty"),
    ([0, 1], np.zeros((0,)), {}, "`mask_pred` is empty"),
    ([0, np.nan], [0, 1], {}, "`mask_true` contains NaN"),
    ([0, 1], [0, np.inf], {}, "`mask_pred` contains NaN or infinity"),
    ([0, 1], [0.2, 0.9], {}, "`mask_pred` holds non-integer values.*Threshold"),
    (["a", "b"], [0, 1], {}, "`mask_true` must be a numeric or boolean mask"),
    ([0, 2], [0, 1], {}, "`mask_true` takes values \\[0, 2\\].*binary"),
    ([0, 1], [0, -1], {}, "`mask_pred` takes values"),
    ([0, 1, 2], [0, 1, 1], {"average": "binary"}, "`mask_true`.*average='macro'"),
    ([0, 1], [0, 1], {"labels": [1]}, "`labels` selects classes .* average='binary'"),
    ([0, 1], [0, 1], {"average": "macro", "labels": [1.5]}, "`labels` must hold integer"),
    ([0, 1], [0, 1], {"average": "macro", "labels": ["cat"]}, "`labels` must hold integer"),
    ([0, 1], [0, 1], {"average": "macro", "labels": [True]}, "`labels` must hold integer"),
    ([0, 1], [0, 1], {"average": "macro", "labels": []}, "`labels` must be a non-empty"),
    ([0, 1], [0, 1], {"average": "macro", "labels": [[0, 1]]}, "`labels` must be a non-empty"),
    ([0, 1], [0, 1], {"average": "macro", "labels": [1, 1]}, "`labels` lists a label twice"),
    ([0, 1], [0, 1], {"average": "weighted"}, "`average` must be one of"),
    ([0, 1], [0, 1], {"average": "samples"}, "`average` must be one of"),
    ([0, 1], [0, 1], {"zero_division": 0.5}, "`zero_division` must be"),
    ([0, 1], [0, 1], {"zero_division": "ignore"}, "`zero_division` must be"),
])
def test_bad_input_raises_naming_the_argument(score, mask_true, mask_pred, kwargs, match):
    with pytest.raises(ValueError, match=match):
        score(mask_true, mask_pred, **kwargs)


def test_label_maps_accept_integral_floats_and_any_int_dtype():
    truth = np.array([0, 3, 3, 1], dtype=np.uint8)
    pred = np.array([0.0, 3.0, 1.0, 1.0])
    got = iou_score(truth, pred, labels=[3, 1, 300], average=None, zero_division=np.nan)
    np.testing.assert_array_equal(got, [0.5, 0.5, np.nan])


# --- mean_iou: the benchmarks' mIoU ------------------------------------------------------


def sklearn_benchmark_iou(truths, preds, n_classes, ignore_index=None):
    """Per-class IoU from scikit-learn's confusion matrix of every image's pixels."""
    truth = np.concatenate([np.ravel(t) for t in truths]).astype(np.int64)
    pred = np.concatenate([np.ravel(p) for p in preds]).astype(np.int64)
    if ignore_index is not None:
        keep = truth != ignore_index
        truth, pred = truth[keep], pred[keep]
    if truth.size == 0:  # every pixel void; confusion_matrix rejects empty input
        return np.full(n_classes, np.nan)
    cm = silently(skm.confusion_matrix, truth, pred, labels=np.arange(n_classes))
    inter = np.diag(cm)
    union = cm.sum(axis=0) + cm.sum(axis=1) - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, np.nan)


# Three images, classes 0 (background), 1 and 2; class 2 never appears in image 0.
HAND_TRUTH = [np.array([[0, 0, 1], [0, 1, 1]]),
              np.array([[2, 2, 0, 0]]),
              np.array([[1, 1], [2, 0]])]
HAND_PRED = [np.array([[0, 1, 1], [0, 0, 1]]),
             np.array([[2, 0, 0, 0]]),
             np.array([[1, 2], [2, 2]])]


def test_mean_iou_by_hand():
    # Counted by hand, (intersection, union) per image:
    #   class 0: (2, 4), (2, 3), (0, 1) -> 4 / 8
    #   class 1: (2, 4), (0, 0), (1, 2) -> 3 / 6
    #   class 2: (0, 0), (1, 2), (1, 3) -> 2 / 5
    got = mean_iou(HAND_TRUTH, HAND_PRED, num_classes=3, per_class=True)
    np.testing.assert_array_equal(got, [4 / 8, 3 / 6, 2 / 5])
    assert mean_iou(HAND_TRUTH, HAND_PRED, num_classes=3) == pytest.approx(
        (4 / 8 + 3 / 6 + 2 / 5) / 3, rel=1e-15)
    # Not the mean over images of each image's mIoU (classes it shows), nor micro.
    per_image = [mean_iou(t, p, num_classes=3) for t, p in zip(HAND_TRUTH, HAND_PRED)]
    np.testing.assert_allclose(per_image, [(2 / 4 + 2 / 4) / 2, (2 / 3 + 1 / 2) / 2,
                                           (0 / 1 + 1 / 2 + 1 / 3) / 3], rtol=1e-15)
    pooled_t = np.concatenate([t.ravel() for t in HAND_TRUTH])
    pooled_p = np.concatenate([p.ravel() for p in HAND_PRED])
    micro = iou_score(pooled_t, pooled_p, average="micro")
    assert micro == 9 / (9 + 5 + 5)  # 9 of 14 pixels right, 5 wrong: each an FP and an FN
    assert len({round(v, 6) for v in (mean_iou(HAND_TRUTH, HAND_PRED, num_classes=3),
                                       float(np.mean(per_image)), micro)}) == 3


@st.composite
def label_map_sets(draw):
    """1-4 images of random sizes, labels 0..n-1, truth sometimes with void pixels (255)."""
    n_classes = draw(st.integers(1, 4))
    void = draw(st.booleans())
    truths, preds = [], []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5))
        labels = st.integers(0, n_classes - 1)
        truth_labels = labels | st.just(255) if void else labels
        truths.append(draw(hnp.arrays(np.int64, shape, elements=truth_labels)))
        preds.append(draw(hnp.arrays(np.int64, shape, elements=labels)))
    return truths, preds, n_classes, (255 if void else None)


@FAST
@given(case=label_map_sets())
def test_mean_iou_matches_sklearn_confusion_matrix(case):
    truths, preds, n_classes, ignore_index = case
    want = sklearn_benchmark_iou(truths, preds, n_classes, ignore_index)
    got = mean_iou(truths, preds, num_classes=n_classes, ignore_index=ignore_index,
                   per_class=True)
    np.testing.assert_array_equal(got, want)  # the same integer ratios, bit for bit
    mean = mean_iou(truths, preds, num_classes=n_classes, ignore_index=ignore_index)
    if np.all(np.isnan(want)):
        assert np.isnan(mean)
    else:
        assert mean == pytest.approx(np.nanmean(want), rel=1e-12)


@FAST
@given(case=label_map_sets())
def test_mean_iou_without_void_is_iou_score_of_the_pooled_pixels(case):
    truths, preds, n_classes, _ = case
    truths = [np.where(t == 255, 0, t) for t in truths]
    pooled_t = np.concatenate([t.ravel() for t in truths])
    pooled_p = np.concatenate([p.ravel() for p in preds])
    want = iou_score(pooled_t, pooled_p, labels=np.arange(n_classes), average=None,
                     zero_division=np.nan)
    np.testing.assert_array_equal(
        mean_iou(truths, preds, num_classes=n_classes, per_class=True), want)


@FAST
@given(case=label_map_sets())
def test_micro_iou_of_label_maps_is_accuracy_over_two_minus_accuracy(case):
    truths, preds, _, _ = case
    truth = np.concatenate([np.where(t == 255, 0, t).ravel() for t in truths])
    pred = np.concatenate([p.ravel() for p in preds])
    accuracy = np.mean(truth == pred)
    assert iou_score(truth, pred, average="micro") == pytest.approx(
        accuracy / (2 - accuracy), rel=1e-12)


def test_mean_iou_batch_equals_list_of_its_images():
    rng = np.random.default_rng(3)
    truth, pred = rng.integers(0, 3, (2, 4, 5, 6))
    assert mean_iou(truth, pred, num_classes=3) == mean_iou(list(truth), list(pred),
                                                             num_classes=3)


def test_void_pixels_leave_the_prediction_too():
    # iou_score with labels=[0, 1] counts the void pixel predicted as 1 as a false positive.
    assert mean_iou([0, 1, 255], [0, 1, 1], num_classes=2, ignore_index=255) == 1.0
    np.testing.assert_array_equal(
        iou_score([0, 1, 255], [0, 1, 1], labels=[0, 1], average=None), [1.0, 0.5])


def test_absent_class_is_nan_and_left_out_of_the_mean():
    got = mean_iou([0, 1, 1], [0, 1, 0], num_classes=4, per_class=True)
    np.testing.assert_array_equal(got, [0.5, 0.5, np.nan, np.nan])
    assert mean_iou([0, 1, 1], [0, 1, 0], num_classes=4) == 0.5
    assert np.isnan(mean_iou([255, 255], [0, 1], num_classes=2, ignore_index=255))


@pytest.mark.parametrize("truth, pred, kwargs, match", [
    ([0, 1], [0, 1], {"num_classes": 0}, "`num_classes` must be an integer >= 1"),
    ([0, 1], [0, 1], {"num_classes": 2.0}, "`num_classes` must be an integer"),
    ([0, 1], [0, 1], {"num_classes": 2, "ignore_index": 1}, "`ignore_index` is 1, a class"),
    ([0, 1], [0, 1], {"num_classes": 2, "ignore_index": 2.5}, "`ignore_index` must be an"),
    ([0, 2], [0, 1], {"num_classes": 2}, "`masks_true` holds the label 2"),
    ([0, 1], [0, -1], {"num_classes": 2}, "`masks_pred` holds the label -1"),
    ([0, 1], [0, 255], {"num_classes": 2, "ignore_index": 255}, "`masks_pred` holds"),
    ([0, 1], [0, 1, 1], {"num_classes": 2}, "`masks_true` has shape"),
    ([[0, 1]], [[0, 1], [1, 1]], {"num_classes": 2}, "`masks_true` has 1 label maps"),
    ([], [], {"num_classes": 2}, "`masks_true` is empty"),
    ([np.array([0, 1])], [np.array([0.5, 1])], {"num_classes": 2},
     "label map 0: `masks_pred` holds non-integer"),
    ([np.array([0, np.nan])], [np.array([0, 1])], {"num_classes": 2},
     "`masks_true` contains NaN"),
    (3, [[0]], {"num_classes": 4}, "`masks_true` is a single number"),
])
def test_mean_iou_bad_input_names_the_argument(truth, pred, kwargs, match):
    with pytest.raises(ValueError, match=match):
        mean_iou(truth, pred, **kwargs)
