"""The threshold sweep and the threshold explorer.

``ThresholdSweep`` is checked against a brute-force count of ``y_score >= t`` and against
scikit-learn's (and lecturelib's) ``confusion_matrix`` and scores, on fixed and hypothesis
inputs with ties and thresholds at, between, below and above the scores, and at +-inf.
Then the explorer's layers: ``threshold_state``, ``threshold_curves``,
``threshold_figure`` and the widget shell. No timings here: see
``benchmarks/bench_thresholds.py``.
"""

import matplotlib

matplotlib.use("Agg")

import re  # noqa: E402
import warnings  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sklearn.metrics as skm  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lecturelib import curves as K  # noqa: E402
from lecturelib.classification import ConfusionCounts, confusion_matrix  # noqa: E402
from lecturelib.curves import ThresholdSweep  # noqa: E402
from lecturelib.datasets import score_distributions  # noqa: E402
from lecturelib.explorers.threshold import (  # noqa: E402
    MAX_THRESHOLD_CURVE_POINTS,
    _threshold_slider_range,
    threshold_curves,
    threshold_explorer,
    threshold_figure,
    threshold_state,
)

FAST = settings(max_examples=60, deadline=None, database=None)

# The lecture's ROC example: ties at 0.4 (two negatives) and 0.35 (two positives).
Y = np.array([0, 0, 1, 1, 0, 1, 0, 1])
S = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35])
METRICS = ("accuracy", "precision", "recall", "specificity", "f1", "fpr", "tpr")


def brute_force(y_true, y_score, t):
    """TP, FP, FN, TN by comparing every score with the threshold."""
    actual = np.asarray(y_true) == 1
    predicted = np.asarray(y_score) >= t
    return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
            int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))


def as_tuple(counts):
    return counts.tp, counts.fp, counts.fn, counts.tn


def probe_thresholds(y_score):
    """Every score, the midpoints between neighbours, points below and above all of them,
    and the infinities."""
    distinct = np.unique(y_score)
    between = (distinct[:-1] + distinct[1:]) / 2
    spread = max(float(np.ptp(distinct)), 1.0)
    return np.r_[distinct, between, distinct[0] - spread, distinct[-1] + spread,
                 np.nextafter(distinct[0], -np.inf), np.nextafter(distinct[-1], np.inf),
                 -np.inf, np.inf]


def sklearn_metrics(y_true, y_score, t):
    """scikit-learn's scores with zero_division=np.nan; specificity is the recall of the
    negative class. One call for both labels (it is the slow part of these tests)."""
    y_pred = (np.asarray(y_score) >= t).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        precision, recall, f1, _ = skm.precision_recall_fscore_support(
            y_true, y_pred, labels=[0, 1], zero_division=np.nan)
        return {
            "accuracy": skm.accuracy_score(y_true, y_pred),
            "precision": precision[1],
            "recall": recall[1],
            "specificity": recall[0],
            "f1": f1[1],
        }


def test_the_sklearn_reference_matches_the_single_metric_functions():
    nan = {"zero_division": np.nan}
    for t in (0.1, 0.35, 0.5, 2.0):
        y_pred = (S >= t).astype(int)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            single = {"precision": skm.precision_score(Y, y_pred, **nan),
                      "recall": skm.recall_score(Y, y_pred, **nan),
                      "specificity": skm.recall_score(Y, y_pred, pos_label=0, **nan),
                      "f1": skm.f1_score(Y, y_pred, **nan)}
        combined = sklearn_metrics(Y, S, t)
        for key, value in single.items():
            np.testing.assert_equal(combined[key], value)


def _cell_counts(ax):
    """{'TN': 142, ...} from the confusion matrix's cell texts ('TN\\n142')."""
    cells = {}
    for text in ax.texts:
        name, _, value = text.get_text().partition("\n")
        cells[name] = int(value.replace(",", ""))
    return cells


def _operating_point(ax):
    """(x, y) of the one visible round marker in a curve panel, or None."""
    # The explorer keeps a hidden marker while the point is undefined, to move it later.
    points = [line for line in ax.lines if line.get_marker() == "o" and line.get_visible()]
    if not points:
        return None
    (point,) = points
    return float(point.get_xdata()[0]), float(point.get_ydata()[0])


# hypothesis: binary labels with both classes, scores from a small pool (many ties)
@st.composite
def labelled_scores(draw, max_size=40):
    n = draw(st.integers(2, max_size))
    y = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    y[0], y[1] = 0, 1  # both classes present, at any position after a shuffle
    y = draw(st.permutations(y))
    pool = draw(st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=6))
    scores = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    return np.array(y), np.array(scores, dtype=float)


# ----------------------------------------------------------------- ThresholdSweep counts

def test_lecture_counts_at_every_kind_of_threshold():
    sweep = ThresholdSweep(Y, S)
    assert sweep.counts_at(0.4) == ConfusionCounts(tp=2, fp=2, fn=2, tn=2)  # at a tie
    assert sweep.counts_at(0.37) == sweep.counts_at(0.4)  # between 0.35 and 0.4
    assert sweep.counts_at(0.35) == ConfusionCounts(tp=4, fp=2, fn=0, tn=2)
    assert sweep.counts_at(0.1) == ConfusionCounts(tp=4, fp=4, fn=0, tn=0)  # the lowest
    assert sweep.counts_at(-5) == sweep.counts_at(-np.inf) == sweep.counts_at(0.1)
    assert sweep.counts_at(0.9) == ConfusionCounts(tp=1, fp=0, fn=3, tn=4)  # the highest
    assert sweep.counts_at(0.95) == ConfusionCounts(tp=0, fp=0, fn=4, tn=4)
    assert sweep.counts_at(np.inf) == sweep.counts_at(0.95)
    for t in probe_thresholds(S):
        assert as_tuple(sweep.counts_at(t)) == brute_force(Y, S, t), t


def test_counts_are_python_ints_and_thresholds_may_be_numpy_or_int():
    sweep = ThresholdSweep(Y, S)
    counts = sweep.counts_at(np.float32(0.5))
    assert all(type(v) is int for v in as_tuple(counts))
    assert sweep.counts_at(1) == sweep.counts_at(np.inf)
    assert sweep.counts_at(np.float64(0.35)) == sweep.counts_at(0.35)


def test_counts_agree_with_both_confusion_matrices_on_real_scores():
    y_true, y_score = score_distributions(300, 700, separation=1.0, seed=3)
    y_score = np.round(y_score, 1)  # ties
    sweep = ThresholdSweep(y_true, y_score)
    for t in probe_thresholds(y_score):
        y_pred = (y_score >= t).astype(int)
        tn, fp, fn, tp = skm.confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
        counts = sweep.counts_at(t)
        assert as_tuple(counts) == (tp, fp, fn, tn), t
        np.testing.assert_array_equal(counts.matrix(),
                                      confusion_matrix(y_true, y_pred, labels=[0, 1]))


@FAST
@given(labelled_scores(), st.lists(st.floats(-2e3, 2e3, allow_nan=False), max_size=5))
def test_counts_equal_brute_force_and_sklearn(data, extra):
    y_true, y_score = data
    sweep = ThresholdSweep(y_true, y_score)
    thresholds = np.r_[probe_thresholds(y_score), extra]
    tp, fp, fn, tn = sweep.counts_at_many(thresholds)
    for i, t in enumerate(thresholds):
        expected = brute_force(y_true, y_score, t)
        assert as_tuple(sweep.counts_at(t)) == expected
        assert (tp[i], fp[i], fn[i], tn[i]) == expected
        sk_tn, sk_fp, sk_fn, sk_tp = skm.confusion_matrix(
            y_true, (y_score >= t).astype(int), labels=[0, 1]).ravel()
        assert expected == (sk_tp, sk_fp, sk_fn, sk_tn)


def test_counts_at_many_keeps_the_shape_and_accepts_empty_input():
    sweep = ThresholdSweep(Y, S)
    grid = np.array([[0.0, 0.35], [0.5, np.inf]])
    tp, fp, fn, tn = sweep.counts_at_many(grid)
    for array in (tp, fp, fn, tn):
        assert array.shape == (2, 2) and array.dtype == np.int64
    np.testing.assert_array_equal(tp, [[4, 4], [2, 0]])
    np.testing.assert_array_equal(tp + fn, np.full((2, 2), 4))
    empty = sweep.counts_at_many([])
    assert all(a.shape == (0,) for a in empty)
    # A scalar works too and matches counts_at.
    assert tuple(int(a) for a in sweep.counts_at_many(0.4)) == as_tuple(sweep.counts_at(0.4))


# ---------------------------------------------------------------- ThresholdSweep metrics

def test_lecture_metrics_and_the_nan_convention():
    sweep = ThresholdSweep(Y, S)
    m = sweep.metrics_at(0.35)
    assert m == {"accuracy": 0.75, "precision": 4 / 6, "recall": 1.0, "specificity": 0.5,
                 "f1": 0.8, "fpr": 0.5, "tpr": 1.0}
    top = sweep.metrics_at(np.inf)  # nothing predicted positive
    assert np.isnan(top["precision"])
    assert top["recall"] == top["tpr"] == top["f1"] == top["fpr"] == 0.0
    assert top["specificity"] == 1.0 and top["accuracy"] == 0.5
    bottom = sweep.metrics_at(-np.inf)  # everything predicted positive
    assert bottom["precision"] == 0.5 and bottom["recall"] == bottom["fpr"] == 1.0
    assert bottom["specificity"] == 0.0


@FAST
@given(labelled_scores())
def test_metrics_equal_sklearn_with_zero_division_nan(data):
    y_true, y_score = data
    sweep = ThresholdSweep(y_true, y_score)
    for t in probe_thresholds(y_score):
        got = sweep.metrics_at(t)
        want = sklearn_metrics(y_true, y_score, t)
        for key, value in want.items():
            np.testing.assert_allclose(got[key], value, rtol=1e-12, atol=0, err_msg=key)
        assert got["tpr"] == got["recall"]
        np.testing.assert_allclose(got["fpr"], 1 - got["specificity"], rtol=0, atol=1e-15)
        # Only precision can be undefined, and only when nothing is predicted positive.
        undefined = {key for key in METRICS if np.isnan(got[key])}
        assert undefined == ({"precision"} if t > y_score.max() else set())


# ----------------------------------------------------- ThresholdSweep curves, properties

@pytest.mark.parametrize("drop", [True, False])
def test_curves_equal_the_module_functions_and_sklearn(drop):
    y_true, y_score = score_distributions(200, 500, separation=1.2, seed=5)
    y_score = np.round(y_score, 2)
    sweep = ThresholdSweep(y_true, y_score)
    for got, want, sk in zip(sweep.roc_curve(drop_intermediate=drop),
                             K.roc_curve(y_true, y_score, drop_intermediate=drop),
                             skm.roc_curve(y_true, y_score, drop_intermediate=drop)):
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(got, sk)
    for got, want, sk in zip(sweep.precision_recall_curve(drop_intermediate=drop),
                             K.precision_recall_curve(y_true, y_score,
                                                      drop_intermediate=drop),
                             skm.precision_recall_curve(y_true, y_score,
                                                        drop_intermediate=drop)):
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(got, sk)


@FAST
@given(labelled_scores())
def test_curves_equal_the_module_functions_on_hypothesis_input(data):
    y_true, y_score = data
    sweep = ThresholdSweep(y_true, y_score)
    for got, want in zip(sweep.roc_curve() + sweep.precision_recall_curve(),
                         K.roc_curve(y_true, y_score)
                         + K.precision_recall_curve(y_true, y_score)):
        np.testing.assert_array_equal(got, want)


def test_properties_and_repr():
    sweep = ThresholdSweep(Y, S)
    assert (sweep.n, sweep.n_positive, sweep.n_negative) == (8, 4, 4)
    assert sweep.prevalence == 0.5
    np.testing.assert_array_equal(sweep.distinct_scores, [0.1, 0.2, 0.35, 0.4, 0.8, 0.9])
    assert repr(sweep) == "ThresholdSweep(n=8, n_positive=4, n_negative=4, distinct_scores=6)"
    with pytest.raises(ValueError, match="read-only"):
        sweep.distinct_scores[0] = 5.0
    # Returned curve arrays are the caller's own: changing them leaves the sweep intact.
    _, _, thresholds = sweep.precision_recall_curve()
    thresholds[:] = 0
    np.testing.assert_array_equal(sweep.precision_recall_curve()[2], np.unique(S))


def test_other_label_encodings():
    minus = ThresholdSweep(np.where(Y == 1, 1, -1), S)
    named = ThresholdSweep(np.where(Y == 1, "cancer", "healthy"), S, pos_label="cancer")
    reference = ThresholdSweep(Y, S)
    for t in (0.2, 0.4, 0.85):
        assert minus.counts_at(t) == named.counts_at(t) == reference.counts_at(t)
    flipped = ThresholdSweep(Y, S, pos_label=0)
    assert flipped.n_positive == 4 and flipped.counts_at(0.9).tp == 0


@pytest.mark.parametrize(("y_true", "y_score", "match"), [
    ([1, 1, 1], [0.1, 0.5, 0.9], "`y_true` has no negative samples"),
    ([0, 0], [0.1, 0.5], "`y_true` has no positive samples"),
    (["a", "b"], [0.1, 0.5], "pos_label"),
    ([0, 1, 1], [0.1, np.nan, 0.9], "`y_score` contains NaN"),
    ([0, 1, 1], [0.1, np.inf, 0.9], "`y_score` contains NaN or infinity"),
    ([0, 1, 1], [0.1, 0.9], "different numbers of samples"),
    ([0, 1], [[0.1, 0.9]], "`y_score` must be 1-D"),
    ([], [], "empty"),
    ([0, 1, 2], [0.1, 0.5, 0.9], "binary"),
])
def test_sweep_rejects_bad_input(y_true, y_score, match):
    with pytest.raises(ValueError, match=match):
        ThresholdSweep(y_true, y_score)


@pytest.mark.parametrize("threshold", [np.nan, "0.5", None, True, [0.5]])
def test_bad_thresholds_name_the_argument(threshold):
    sweep = ThresholdSweep(Y, S)
    with pytest.raises(ValueError, match="`threshold` must be a number"):
        sweep.counts_at(threshold)
    with pytest.raises(ValueError, match="`threshold` must be a number"):
        sweep.metrics_at(threshold)


def test_bad_threshold_arrays_name_the_argument():
    sweep = ThresholdSweep(Y, S)
    with pytest.raises(ValueError, match="`thresholds` contains NaN"):
        sweep.counts_at_many([0.1, np.nan])
    with pytest.raises(ValueError, match="`thresholds` must be numbers"):
        sweep.counts_at_many(["low", "high"])


# ------------------------------------------------------------------------ threshold_state

def test_state_holds_the_counts_metrics_and_operating_points():
    sweep = ThresholdSweep(Y, S)
    state = threshold_state(sweep, 0.35)
    assert (state["tp"], state["fp"], state["fn"], state["tn"]) == (4, 2, 0, 2)
    assert state["counts"] == sweep.counts_at(0.35)
    assert state["metrics"] == sweep.metrics_at(0.35)
    assert state["roc_point"] == (0.5, 1.0)
    assert state["pr_point"] == (1.0, 4 / 6)
    assert state["threshold"] == 0.35 and state["n_predicted_positive"] == 6
    assert state["message"] == ("Threshold 0.35: 4 true positives, 2 false positives, "
                                "0 false negatives, 2 true negatives; precision 0.667, "
                                "recall 1.000.")


def test_state_points_lie_on_the_full_curves():
    y_true, y_score = score_distributions(300, 700, separation=1.5, seed=2)
    sweep = ThresholdSweep(y_true, y_score)
    fpr, tpr, _ = sweep.roc_curve(drop_intermediate=False)
    precision, recall, _ = sweep.precision_recall_curve()
    for t in np.quantile(y_score, [0.05, 0.3, 0.5, 0.8, 0.99]):
        state = threshold_state(sweep, float(t))
        roc = np.column_stack([fpr, tpr])
        assert np.any(np.all(roc == state["roc_point"], axis=1))
        pr = np.column_stack([recall, precision])
        assert np.any(np.all(pr == state["pr_point"], axis=1))


def test_state_at_the_extremes():
    sweep = ThresholdSweep(Y, S)
    nothing = threshold_state(sweep, np.inf)
    assert nothing["roc_point"] == (0.0, 0.0)
    assert nothing["pr_point"][0] == 0.0 and np.isnan(nothing["pr_point"][1])
    assert "precision undefined (nothing is predicted positive)" in nothing["message"]
    assert nothing["message"].startswith("Threshold ∞: 0 true positives")
    everything = threshold_state(sweep, -np.inf)
    assert everything["roc_point"] == (1.0, 1.0) and everything["pr_point"] == (1.0, 0.5)
    assert everything["message"].startswith("Threshold −∞:")
    # One of a kind is singular.
    assert "1 true positive," in threshold_state(sweep, 0.9)["message"]


def test_state_rejects_bad_input():
    sweep = ThresholdSweep(Y, S)
    with pytest.raises(ValueError, match="`sweep` must be a lecturelib.curves.ThresholdSweep"):
        threshold_state((Y, S), 0.5)
    with pytest.raises(ValueError, match="`threshold`"):
        threshold_state(sweep, np.nan)


# ----------------------------------------------------------------------- threshold_curves

@pytest.fixture(scope="module")
def large():
    """10^5 samples, 30% positive: the size the budgets are set for."""
    y_true, y_score = score_distributions(30_000, 70_000, separation=1.5, seed=0)
    return y_true, y_score, ThresholdSweep(y_true, y_score)


def test_curves_are_thinned_keep_their_ends_and_lie_on_the_full_curve(large):
    y_true, y_score, sweep = large
    curves = threshold_curves(sweep)
    fpr, tpr, _ = sweep.roc_curve()
    precision, recall, _ = sweep.precision_recall_curve()
    for (x, y), (full_x, full_y) in (((curves["fpr"], curves["tpr"]), (fpr, tpr)),
                                     ((curves["recall"], curves["precision"]),
                                      (recall, precision))):
        assert 100 < x.size <= MAX_THRESHOLD_CURVE_POINTS < full_x.size
        assert (x[0], y[0], x[-1], y[-1]) == (full_x[0], full_y[0], full_x[-1], full_y[-1])
        # Every kept point is a point of the full curve, in the same order.
        index = {(a, b): i for i, (a, b) in enumerate(zip(full_x, full_y))}
        positions = [index[(a, b)] for a, b in zip(x, y)]
        assert positions == sorted(positions)
        # No gap along the curve is wider than a few percent of the panel.
        assert np.hypot(np.diff(x), np.diff(y)).max() < 0.05
    assert curves["roc_auc"] == pytest.approx(skm.roc_auc_score(y_true, y_score), rel=1e-12)
    assert curves["average_precision"] == pytest.approx(
        skm.average_precision_score(y_true, y_score), rel=1e-12)
    assert curves["prevalence"] == 0.3


def test_curves_are_cached_read_only_and_small_inputs_are_untouched():
    sweep = ThresholdSweep(Y, S)
    first, second = threshold_curves(sweep), threshold_curves(sweep)
    assert first["fpr"] is second["fpr"] and first is not second
    with pytest.raises(ValueError, match="read-only"):
        first["fpr"][0] = 1.0
    np.testing.assert_array_equal(first["fpr"], sweep.roc_curve()[0])
    np.testing.assert_array_equal(first["precision"], sweep.precision_recall_curve()[0])
    tiny = threshold_curves(sweep, max_points=3)
    assert 2 <= len(tiny["precision"]) <= 3 and len(tiny["fpr"]) <= 3
    assert (tiny["recall"][0], tiny["recall"][-1]) == (1.0, 0.0)
    with pytest.raises(ValueError, match="`max_points` must be an integer >= 2"):
        threshold_curves(sweep, max_points=1)


# ----------------------------------------------------------------------- threshold_figure

def test_figure_shows_the_state(large):
    _, _, sweep = large
    state = threshold_state(sweep, 0.9)
    curves = threshold_curves(sweep)
    fig = threshold_figure(sweep, state, curves=curves)
    assert len(fig.axes) == 4
    ax_cm, ax_bar, ax_roc, ax_pr = fig.axes
    assert _cell_counts(ax_cm) == {"TN": state["tn"], "FP": state["fp"],
                                   "FN": state["fn"], "TP": state["tp"]}
    # scikit-learn's layout: rows actual, columns predicted, [[TN, FP], [FN, TP]].
    where = {t.get_text().split("\n")[0]: t.get_position() for t in ax_cm.texts}
    assert where == {"TN": (0, 0), "FP": (1, 0), "FN": (0, 1), "TP": (1, 1)}
    assert ax_cm.get_xlabel() == "predicted" and ax_cm.get_ylabel() == "actual"
    assert ax_cm.get_title() == "Threshold 0.9"
    assert _operating_point(ax_roc) == pytest.approx(state["roc_point"], abs=0)
    assert _operating_point(ax_pr) == pytest.approx(state["pr_point"], abs=0)
    assert ax_roc.get_title() == f"ROC: AUC {curves['roc_auc']:.3f}"
    assert ax_pr.get_title() == f"PR: AP {curves['average_precision']:.3f}"
    # The drawn curves are the thinned ones, never all 10^5 points.
    assert max(len(line.get_xdata()) for line in ax_roc.lines + ax_pr.lines) <= 400
    texts = [t.get_text() for t in ax_bar.texts]
    for key, name in (("accuracy", "accuracy"), ("precision", "precision"),
                      ("recall", "recall"), ("specificity", "specificity"), ("f1", "F1")):
        assert name in texts and f"{state['metrics'][key]:.3f}" in texts


def test_figure_without_curves_draws_the_same(large):
    _, _, sweep = large
    state = threshold_state(sweep, 0.2)
    with_curves = threshold_figure(sweep, state, curves=threshold_curves(sweep))
    without = threshold_figure(sweep, state)
    for a, b in zip(with_curves.axes, without.axes):
        assert [t.get_text() for t in a.texts] == [t.get_text() for t in b.texts]
        for line_a, line_b in zip(a.lines, b.lines):
            np.testing.assert_array_equal(line_a.get_xydata(), line_b.get_xydata())


def test_figure_when_nothing_is_predicted_positive():
    sweep = ThresholdSweep(Y, S)
    state = threshold_state(sweep, 2.0)
    fig = threshold_figure(sweep, state)
    _, ax_bar, ax_roc, ax_pr = fig.axes
    assert _operating_point(ax_roc) == (0.0, 0.0)
    assert _operating_point(ax_pr) is None
    assert any("nothing is\npredicted positive" in t.get_text()
               for t in ax_pr.texts if t.get_visible())
    assert "undefined (0/0)" in [t.get_text() for t in ax_bar.texts]
    # Renders (as the inline backend would) without complaint.
    fig.canvas.draw()


# ----------------------------------------------------------------------- the explorer

def _drawn(box):
    """What the explorer's figure holds now: its first title and the matrix's cells."""
    box.flush()
    ax = box.live.figure.axes[0]
    return {"title": ax.get_title(), "cells": _cell_counts(ax)}


def test_explorer_builds_and_redraws_while_the_slider_moves():
    y_true, y_score = score_distributions(400, 600, separation=1.5, seed=1)
    box = threshold_explorer(y_true, y_score, threshold=0.5)
    slider = box.controls["threshold"]
    assert all(hasattr(box, part) for part in ("controls", "status", "image", "live", "sweep"))
    # The figure follows a dragged slider (values sent while dragging).
    assert slider.value == 0.5 and slider.continuous_update
    assert slider.min <= y_score.min() and slider.max > y_score.max()
    first = _drawn(box)
    assert first["title"] == "Threshold 0.5" and box.image.value[:4] == b"\x89PNG"
    first_status, first_image = box.status.value, box.image.value
    state = threshold_state(box.sweep, 0.5)
    assert first_status == state["message"]
    assert first["cells"] == {"TN": state["tn"], "FP": state["fp"],
                              "FN": state["fn"], "TP": state["tp"]}

    slider.value = 1.25
    second = _drawn(box)
    assert box.status.value != first_status and box.image.value != first_image
    assert box.status.value.startswith("Threshold 1.25:")
    assert second["title"] == "Threshold 1.25"
    assert second["cells"]["TP"] + second["cells"]["FP"] < \
        first["cells"]["TP"] + first["cells"]["FP"]

    slider.value = slider.max  # above every score: nothing is predicted positive
    box.flush()
    assert "precision undefined" in box.status.value
    slider.value = slider.min  # everything is predicted positive
    last = _drawn(box)
    assert last["cells"]["TN"] == last["cells"]["FN"] == 0


def test_explorer_takes_named_labels():
    labels = np.where(Y == 1, "cancer", "healthy")
    box = threshold_explorer(labels, S, threshold=0.4, pos_label="cancer")
    assert box.sweep.n_positive == 4
    assert _drawn(box)["cells"] == {"TN": 2, "FP": 2, "FN": 2, "TP": 2}


def test_explorer_widens_the_slider_to_include_the_starting_threshold():
    box = threshold_explorer(Y, S * 0.1 + 0.6, threshold=0.5)  # scores in [0.61, 0.69]
    slider = box.controls["threshold"]
    assert slider.min == 0.5 and slider.value == 0.5 and slider.max > 0.69
    assert _drawn(box)["cells"]["TN"] == 0  # everything is positive at 0.5


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    (([1, 1, 1], [0.1, 0.2, 0.3]), {}, "`y_true` has no negative samples"),
    ((Y, np.r_[S[:-1], np.nan]), {}, "`y_score` contains NaN"),
    ((Y, S[:-1]), {}, "different numbers of samples"),
    ((Y, S), {"threshold": np.inf}, "`threshold` must be a finite number"),
    ((Y, S), {"threshold": np.nan}, "`threshold` must be a finite number"),
])
def test_explorer_rejects_bad_input_before_drawing(args, kwargs, match):
    figures = len(plt.get_fignums())
    with pytest.raises(ValueError, match=match):
        threshold_explorer(*args, **kwargs)
    assert len(plt.get_fignums()) == figures


@pytest.mark.parametrize(("low", "high", "step", "decimals"), [
    (0.0, 1.0, 0.001, 3),
    (0.013, 0.987, 0.0005, 4),
    (-8.2, 6.9, 0.01, 2),
    (0.0, 3e4, 20.0, 0),
    (0.7, 0.7, 0.001, 3),  # one distinct score
])
def test_slider_range_is_round_and_covers_both_extremes(low, high, step, decimals):
    got_step, minimum, maximum, got_decimals = _threshold_slider_range(low, high, low)
    assert got_step == pytest.approx(step) and got_decimals == decimals
    assert minimum <= low and maximum > high
    assert maximum - high <= got_step * (1 + 1e-9)
    # Grid points: min and max are whole multiples of the step.
    for end in (minimum, maximum):
        assert abs(end / got_step - round(end / got_step)) < 1e-6


@FAST
@given(st.floats(-1e6, 1e6), st.floats(0, 1e6), st.floats(-1e6, 1e6))
def test_slider_range_always_reaches_both_extremes(low, width, threshold):
    high = low + width
    step, minimum, maximum, decimals = _threshold_slider_range(low, high, threshold)
    assert step > 0 and decimals >= 0
    assert minimum <= min(low, threshold) and maximum >= threshold and maximum > high
    assert re.fullmatch(r"[125]", f"{step:e}"[0])
