"""Complex numbers never become a silent wrong number, and boolean scores never rank.

NumPy casts a complex array to float by dropping its imaginary part, with only a
ComplexWarning: ``mean_absolute_error(np.array([1, 2, 3]) + 1j, [1, 2, 3])`` would be 0.0.
scikit-learn refuses complex data ("Complex data not supported"); so does every lecturelib
function, with a ValueError that names the argument. Each case passes one complex argument
(or boolean ranking scores) to an otherwise valid call.
"""

import warnings

import numpy as np
import pytest
import sklearn.exceptions

from lecturelib import (classification, curves, detection, information, ranking, regression,
                        segmentation)
from lecturelib.generative import (clip_score, frechet_distance_from_features,
                                   generative_precision_recall, peak_signal_noise_ratio,
                                   structural_similarity)
from lecturelib.generative import bradley_terry

Z = 1j  # added to a real array, makes it complex with every imaginary part 1
LABELS = np.array([0, 1, 1, 0, 1])
SCORES = np.array([0.1, 0.8, 0.6, 0.3, 0.9])
BOXES = np.array([[0.0, 0.0, 10.0, 10.0], [5.0, 5.0, 15.0, 15.0]])
FEATURES = np.random.default_rng(0).normal(size=(20, 3))
IMAGE = np.random.default_rng(1).uniform(size=(16, 16))
RELEVANCE = np.array([[3.0, 2.0, 0.0, 1.0]])
RANK_SCORES = np.array([[0.9, 0.8, 0.7, 0.6]])

CASES = {
    # argument name the message must give: the call
    "regression y_true": ("y_true", lambda: regression.mean_absolute_error(
        np.array([1.0, 2.0, 3.0]) + Z, [1.0, 2.0, 3.0])),
    "regression y_pred": ("y_pred", lambda: regression.mean_squared_error(
        [1.0, 2.0, 3.0], np.array([1.0, 2.0, 3.0]) + Z)),
    "regression sample_weight": ("sample_weight", lambda: regression.r2_score(
        [1.0, 2.0, 3.0], [1.0, 2.0, 4.0], sample_weight=np.ones(3) + 0 * Z)),
    "fit_line x": ("x", lambda: regression.fit_line(np.arange(4) + Z, np.arange(4.0))),
    "labels y_true": ("y_true", lambda: classification.accuracy_score(LABELS + Z, LABELS)),
    "labels y_pred": ("y_pred", lambda: classification.f1_score(LABELS, LABELS + 0 * Z)),
    "classification sample_weight": ("sample_weight", lambda: classification.precision_score(
        LABELS, LABELS, sample_weight=np.ones(5) + Z)),
    "roc y_score": ("y_score", lambda: curves.roc_curve(LABELS, SCORES + 0 * Z)),
    "roc y_true": ("y_true", lambda: curves.roc_auc_score(LABELS + 0 * Z, SCORES)),
    "average precision y_score": ("y_score", lambda: curves.average_precision_score(
        LABELS, SCORES + Z)),
    "entropy p": ("p", lambda: information.entropy(np.array([0.5, 0.5]) + 0 * Z)),
    "information_content p": ("p", lambda: information.information_content(0.5 + 0 * Z)),
    "cross_entropy q": ("q", lambda: information.cross_entropy(
        [0.5, 0.5], np.array([0.5, 0.5]) + 0 * Z)),
    "mask": ("mask_pred", lambda: segmentation.iou_score(
        np.eye(3, dtype=bool), np.eye(3) + Z)),
    "boxes": ("boxes2", lambda: detection.box_iou(BOXES, BOXES + Z)),
    "detection scores": ("det_scores", lambda: detection.match_detections(
        BOXES, BOXES, np.array([0.9, 0.8]) + Z, iou_threshold=0.5)),
    "ranking y_score": ("y_score", lambda: ranking.ndcg_score(RELEVANCE, RANK_SCORES + Z)),
    "ranking y_true": ("y_true", lambda: ranking.mean_reciprocal_rank(
        RELEVANCE + Z, RANK_SCORES)),
    "features": ("features2", lambda: frechet_distance_from_features(FEATURES, FEATURES + Z)),
    "precision/recall features": ("fake_features", lambda: generative_precision_recall(
        FEATURES, FEATURES + Z)),
    "image": ("image_test", lambda: peak_signal_noise_ratio(IMAGE, IMAGE + Z, data_range=1.0)),
    "ssim image": ("im2", lambda: structural_similarity(IMAGE, IMAGE + Z, data_range=1.0)),
    "embeddings": ("text_embeddings", lambda: clip_score(FEATURES, FEATURES + Z)),
    "wins": ("wins", lambda: bradley_terry(np.array([[0, 2], [1, 0]]) + Z)),
}


@pytest.mark.parametrize("name", CASES)
def test_complex_input_is_rejected_naming_the_argument(name):
    argument, call = CASES[name]
    with warnings.catch_warnings():
        # The ValueError must come before NumPy would cast (and warn about) the values.
        warnings.simplefilter("error", np.exceptions.ComplexWarning)
        with pytest.raises(ValueError, match=rf"`?{argument}`?.*(complex|real)"):
            call()


@pytest.mark.parametrize("function", [ranking.dcg_score, ranking.ndcg_score,
                                      ranking.mean_reciprocal_rank])
def test_boolean_ranking_scores_are_rejected(function):
    # Booleans tie every "True" item: the order among them would be arbitrary.
    with pytest.raises(ValueError, match="`y_score`.*boolean"):
        function(RELEVANCE, RANK_SCORES > 0.65)


def test_boolean_relevance_is_still_a_valid_label():
    assert ranking.mean_reciprocal_rank(RELEVANCE > 1, RANK_SCORES) == 1.0


def test_undefined_metric_warning_is_lecturelibs_own_and_filtered_as_documented():
    # Not a subclass of scikit-learn's (importing lecturelib must not import scikit-learn),
    # so its docstring tells code that uses both libraries to filter both classes.
    assert not issubclass(classification.UndefinedMetricWarning,
                          sklearn.exceptions.UndefinedMetricWarning)
    assert issubclass(classification.UndefinedMetricWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=classification.UndefinedMetricWarning)
        with pytest.raises(classification.UndefinedMetricWarning):
            classification.precision_score([0, 1], [0, 0])
        warnings.filterwarnings("ignore", category=classification.UndefinedMetricWarning)
        assert classification.precision_score([0, 1], [0, 0]) == 0.0
