"""The soft person segmentation: a model's probability map of the person mask."""

import math

import numpy as np
import pytest

from lecturelib.datasets import (
    _person_signed_distance,
    _person_silhouette,
    person_segmentation_example,
    soft_person_segmentation,
)
from lecturelib.segmentation import iou_score


def test_soft_segmentation_shapes_range_and_same_truth():
    truth, proba = soft_person_segmentation()
    assert truth.dtype == bool and proba.dtype == np.float64
    assert truth.shape == proba.shape == (128, 128)
    assert np.array_equal(truth, person_segmentation_example(128)[0])
    assert proba.min() >= 0 and proba.max() <= 1
    assert proba[truth].mean() > 0.75 and proba[~truth].mean() < 0.1
    # Far from the person the model is sure: the image corners are background.
    assert proba[:8, :8].max() < 0.01 and proba[-8:, -8:].max() < 0.01


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_soft_segmentation_iou_peaks_near_one_half(seed):
    truth, proba = soft_person_segmentation(seed=seed)
    iou = {t: iou_score(truth, proba >= t) for t in (0.05, 0.5, 0.95)}
    assert 0.6 < iou[0.5] < 0.95
    assert iou[0.05] < iou[0.5] and iou[0.95] < iou[0.5]
    # Close to notebook 00's predicted mask, whose IoU with the truth is 0.69.
    predicted = person_segmentation_example(128)[1]
    assert iou_score(predicted, proba >= 0.5) > 0.85
    assert abs(iou[0.5] - iou_score(truth, predicted)) < 0.06


def test_soft_segmentation_is_seeded_and_sharpness_sharpens():
    a, b = soft_person_segmentation(seed=3)[1], soft_person_segmentation(seed=3)[1]
    assert np.array_equal(a, b)
    assert not np.array_equal(a, soft_person_segmentation(seed=4)[1])
    uncertain = [((p > 0.1) & (p < 0.9)).sum()
                 for p in (soft_person_segmentation(sharpness=s)[1] for s in (0.25, 0.5, 2.0))]
    assert uncertain[0] > uncertain[1] > uncertain[2]
    truth, small = soft_person_segmentation(32)
    assert small.shape == (32, 32) and np.array_equal(truth, person_segmentation_example(32)[0])


@pytest.mark.parametrize("size", [16, 64, 127, 128])
def test_person_signed_distance_outlines_the_silhouette(size):
    coords = (np.arange(size) + 0.5) / size
    xx, yy = np.meshgrid(coords, coords)
    for kwargs in ({}, {"dx": 0.02, "dy": 0.015, "arm_reach": 0.6, "swell": 0.012}):
        inside = _person_signed_distance(xx, yy, **kwargs) >= 0
        assert np.array_equal(inside, _person_silhouette(xx, yy, **kwargs))


@pytest.mark.parametrize("kwargs, name", [
    ({"size": 8}, "size"),
    ({"size": 64.0}, "size"),
    ({"sharpness": 0}, "sharpness"),
    ({"sharpness": -1.0}, "sharpness"),
    ({"sharpness": math.nan}, "sharpness"),
    ({"seed": -1}, "seed"),
])
def test_soft_segmentation_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        soft_person_segmentation(**kwargs)
