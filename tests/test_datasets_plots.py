"""Offline data generators and shared figures."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lecturelib.classification import ConfusionCounts, accuracy_score  # noqa: E402
from lecturelib.datasets import person_segmentation_example  # noqa: E402
from lecturelib.plots import mask_overlay, show_masks  # noqa: E402


def test_person_example_is_deterministic_and_imperfect():
    truth, pred = person_segmentation_example()
    again_truth, again_pred = person_segmentation_example()
    assert np.array_equal(truth, again_truth) and np.array_equal(pred, again_pred)
    counts = ConfusionCounts.from_predictions(truth.ravel(), pred.ravel())
    # A small foreground and errors of both kinds: the point of the opening quiz.
    assert 0.05 < truth.mean() < 0.3
    assert counts.fp > 0 and counts.fn > 0
    # Pixel accuracy flatters the model compared with IoU = TP / (TP + FP + FN).
    iou = counts.tp / (counts.tp + counts.fp + counts.fn)
    assert accuracy_score(truth.ravel(), pred.ravel()) > iou + 0.15


@pytest.mark.parametrize("size", [15, 32.0, "64"])
def test_person_example_rejects_bad_size(size):
    with pytest.raises(ValueError, match="size"):
        person_segmentation_example(size)


def test_overlay_colours_each_outcome():
    truth = np.array([[1, 1], [0, 0]], dtype=bool)
    pred = np.array([[1, 0], [1, 0]], dtype=bool)
    rgb = mask_overlay(truth, pred)
    assert rgb.shape == (2, 2, 3)
    assert len({tuple(rgb[i, j]) for i in range(2) for j in range(2)}) == 4


@pytest.mark.parametrize("truth, pred, match", [
    (np.zeros((2, 2)), np.zeros((3, 3)), "shape"),
    (np.zeros(4), np.zeros(4), "true_mask"),
    (np.zeros((2, 2)), np.full((2, 2), 0.5), "predicted_mask"),
])
def test_overlay_rejects_bad_masks(truth, pred, match):
    with pytest.raises(ValueError, match=match):
        mask_overlay(truth, pred)


def test_show_masks_draws_three_panels_and_a_legend():
    truth, pred = person_segmentation_example(32)
    fig = show_masks(truth, pred)
    assert len(fig.axes) == 3
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "true positive", "false positive", "false negative", "true negative"]
