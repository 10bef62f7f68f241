"""Shared figures: loss curves, loss vs a parameter, the coin entropy curve, focal loss."""

import matplotlib

matplotlib.use("Agg")

import math  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lecturelib.plots import (  # noqa: E402
    plot_entropy_curve,
    plot_focal_loss_curves,
    plot_loss_curves,
    plot_loss_vs_parameter,
)


TRAIN_LOSS = [1.30, 0.90, 0.62, 0.45, 0.35, 0.28, 0.22]
VAL_LOSS = [1.40, 1.00, 0.75, 0.66, 0.70, 0.78, 0.90]  # lowest at epoch 4
TRAIN_ACC = [0.50, 0.70, 0.80, 0.86, 0.90, 0.93, 0.95]
VAL_ACC = [0.45, 0.65, 0.74, 0.78, 0.77, 0.75, 0.73]


def _history(**extra):
    return SimpleNamespace(train_loss=list(TRAIN_LOSS), val_loss=list(VAL_LOSS), **extra)


def _dashed_vertical_lines(ax):
    return [line for line in ax.get_lines()
            if line.get_linestyle() == "--" and len(set(line.get_xdata())) == 1]


def _legend_texts(fig):
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


# ------------------------------------------------------------------- loss curves

def test_loss_curves_mark_the_best_validation_epoch():
    fig = plot_loss_curves(_history(train_accuracy=TRAIN_ACC, val_accuracy=VAL_ACC))
    assert isinstance(fig, matplotlib.figure.Figure)
    loss_ax, acc_ax = fig.axes
    assert (loss_ax.get_title(), acc_ax.get_title()) == ("Loss", "Accuracy")
    # Curves run over epochs 1..E, not 0..E-1.
    train_line, val_line = loss_ax.get_lines()[:2]
    assert list(train_line.get_xdata()) == list(range(1, 8))
    assert list(val_line.get_ydata()) == VAL_LOSS
    # The marker sits at epoch 4 on both panels, and the star on the validation minimum.
    for ax in (loss_ax, acc_ax):
        (marker,) = _dashed_vertical_lines(ax)
        assert set(marker.get_xdata()) == {4}
    stars = [line for line in loss_ax.get_lines() if line.get_marker() == "*"]
    assert len(stars) == 1
    assert (stars[0].get_xdata()[0], stars[0].get_ydata()[0]) == (4, 0.66)
    assert _legend_texts(fig) == [
        "training", "validation", "best validation epoch = 4 (early stopping point)"]
    assert loss_ax.get_xlabel() == acc_ax.get_xlabel() == "epoch"


def test_loss_curves_use_the_history_best_epoch_when_it_has_one():
    class History:
        train_loss = TRAIN_LOSS
        val_loss = VAL_LOSS
        train_accuracy = []
        val_accuracy = []

        @property
        def best_epoch(self):
            return 5

    fig = plot_loss_curves(History())
    # Empty accuracy lists (a run that did not record them) leave one panel.
    assert len(fig.axes) == 1
    (marker,) = _dashed_vertical_lines(fig.axes[0])
    assert set(marker.get_xdata()) == {5}
    assert "best validation epoch = 5" in _legend_texts(fig)[-1]


def test_loss_curves_take_the_first_of_tied_minima_and_accept_a_dict():
    history = {"train_loss": [1.0, 0.8, 0.7], "val_loss": [0.9, 0.5, 0.5]}
    fig = plot_loss_curves(history)
    (marker,) = _dashed_vertical_lines(fig.axes[0])
    assert set(marker.get_xdata()) == {2}


def test_loss_curves_without_metric_panel():
    fig = plot_loss_curves(_history(train_accuracy=TRAIN_ACC, val_accuracy=VAL_ACC),
                           metric=False)
    assert len(fig.axes) == 1


@pytest.mark.parametrize("history, match", [
    (SimpleNamespace(train_loss=[1.0, 0.5]), "val_loss"),
    (SimpleNamespace(train_loss=[1.0], val_loss=[1.0, 0.5]), "train_loss"),
    (SimpleNamespace(train_loss=[], val_loss=[]), "train_loss"),
    (SimpleNamespace(train_loss=[1.0, 0.5], val_loss=[1.0, float("nan")]), "val_loss"),
    (SimpleNamespace(train_loss=[1.0, 0.5], val_loss=[1.0, 0.6], best_epoch=3), "best_epoch"),
    (SimpleNamespace(train_loss=[1.0, 0.5], val_loss=[1.0, 0.6], best_epoch=0), "best_epoch"),
    (SimpleNamespace(train_loss=[1.0, 0.5], val_loss=[1.0, 0.6], val_accuracy=[0.5]),
     "val_accuracy"),
])
def test_loss_curves_reject_bad_histories(history, match):
    with pytest.raises(ValueError, match=match):
        plot_loss_curves(history)


# ------------------------------------------------------------ loss vs a parameter

W = np.linspace(-2.0, 2.0, 9)
ACCURACY = np.array([0.5, 0.5, 0.5, 0.75, 0.75, 1.0, 1.0, 1.0, 1.0])
CROSS_ENTROPY = np.exp(-W) + 0.2


def test_two_curves_get_one_y_axis_each():
    fig = plot_loss_vs_parameter(W, {"accuracy": ACCURACY, "cross-entropy": CROSS_ENTROPY})
    left, right = fig.axes
    assert (left.get_ylabel(), right.get_ylabel()) == ("accuracy", "cross-entropy")
    assert left.get_xlabel() == "weight w"
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), ACCURACY)
    np.testing.assert_array_equal(right.get_lines()[0].get_ydata(), CROSS_ENTROPY)
    # Each axis label takes the colour of its curve, so no legend is needed.
    assert left.yaxis.label.get_color() == left.get_lines()[0].get_color()
    assert right.yaxis.label.get_color() == right.get_lines()[0].get_color()


def test_separate_panels_share_the_x_axis():
    curves = {"accuracy": ACCURACY, "cross-entropy": CROSS_ENTROPY, "other": -W}
    fig = plot_loss_vs_parameter(W, curves, xlabel="bias b", separate=True)
    assert [ax.get_ylabel() for ax in fig.axes] == list(curves)
    assert fig.axes[-1].get_xlabel() == "bias b"
    assert fig.axes[0].get_shared_x_axes().joined(fig.axes[0], fig.axes[-1])


def test_one_or_three_curves_share_one_axis_and_draw_into_a_given_axes():
    fig, ax = plt.subplots()
    returned = plot_loss_vs_parameter(W, {"a": ACCURACY, "b": CROSS_ENTROPY, "c": -W}, ax=ax)
    assert returned is fig and fig.axes == [ax]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "c"]
    single = plot_loss_vs_parameter(W, {"accuracy": ACCURACY})
    assert single.axes[0].get_ylabel() == "accuracy" and single.axes[0].get_legend() is None


@pytest.mark.parametrize("values, curves, kwargs, match", [
    (W, {"accuracy": ACCURACY[:-1]}, {}, "accuracy"),
    (W, {}, {}, "curves"),
    (W, [ACCURACY], {}, "curves"),
    ([0.0, np.nan], {"accuracy": [0.5, 1.0]}, {}, "parameter_values"),
    (W, {"accuracy": ACCURACY}, {"separate": True, "ax": "an axes"}, "ax"),
])
def test_loss_vs_parameter_rejects_bad_input(values, curves, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_loss_vs_parameter(values, curves, **kwargs)


# ------------------------------------------------------------------ coin entropy

def test_entropy_curve_peaks_at_one_bit_for_a_fair_coin():
    fig = plot_entropy_curve()
    ax = fig.axes[0]
    curve, peak = ax.get_lines()
    p, h = curve.get_xdata(), curve.get_ydata()
    assert (p[0], p[-1]) == (0.0, 1.0) and h[0] == 0.0 and h[-1] == 0.0
    assert p[np.argmax(h)] == 0.5 and h.max() == pytest.approx(1.0, abs=1e-12)
    assert (peak.get_xdata()[0], peak.get_ydata()[0]) == (0.5, pytest.approx(1.0))
    assert "1 bit" in ax.texts[0].get_text()
    assert ax.get_ylabel() == "entropy H(p) [bits]"
    # Symmetric: a coin biased towards tails is as predictable as one biased towards heads.
    np.testing.assert_allclose(h, h[::-1], atol=1e-12)


def test_entropy_curve_in_nats():
    ax = plot_entropy_curve(base=None).axes[0]
    assert ax.get_lines()[0].get_ydata().max() == pytest.approx(math.log(2))
    assert "nats" in ax.get_ylabel()


def test_entropy_curve_rejects_a_bad_base_without_leaving_a_figure():
    before = plt.get_fignums()
    with pytest.raises(ValueError, match="base"):
        plot_entropy_curve(base=1)
    assert plt.get_fignums() == before


# -------------------------------------------------------------------- focal loss

def test_focal_curves_match_the_formula_and_gamma_zero_is_cross_entropy():
    gammas = (0, 0.5, 1, 2, 5)
    ax = plot_focal_loss_curves(gammas).axes[0]
    lines = ax.get_lines()
    assert len(lines) == len(gammas)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["γ = 0 (cross-entropy)", "γ = 0.5", "γ = 1", "γ = 2", "γ = 5"]
    p_t = lines[0].get_xdata()
    assert 0 < p_t.min() < 0.01 and 0.999 < p_t.max() < 1
    np.testing.assert_allclose(lines[0].get_ydata(), -np.log(p_t), rtol=1e-9)
    for gamma, line in zip(gammas, lines):
        np.testing.assert_allclose(line.get_ydata(), -(1 - p_t) ** gamma * np.log(p_t),
                                   rtol=1e-9, atol=1e-15)
    # The y-axis stops at 5, as in Fig. 1 of the paper.
    assert ax.get_ylim()[1] == pytest.approx(5.2)


def test_focal_curves_with_alpha_are_scaled():
    ax = plot_focal_loss_curves((0, 2), alpha=0.25).axes[0]
    ce, focal = ax.get_lines()
    p_t = ce.get_xdata()
    np.testing.assert_allclose(ce.get_ydata(), -0.25 * np.log(p_t), rtol=1e-9)
    np.testing.assert_allclose(focal.get_ydata(), -0.25 * (1 - p_t) ** 2 * np.log(p_t),
                               rtol=1e-9, atol=1e-15)
    assert "α-weighted cross-entropy" in ax.get_legend().get_texts()[0].get_text()


@pytest.mark.parametrize("gammas, alpha, match", [
    ((0, -1), None, "gammas"),
    ((float("nan"),), None, "gammas"),
    (("2",), None, "gammas"),
    (2, None, "gammas"),
    ((), None, "gammas"),
    ((0, 2), 1.5, "alpha"),
])
def test_focal_curves_reject_bad_input(gammas, alpha, match):
    with pytest.raises(ValueError, match=match):
        plot_focal_loss_curves(gammas, alpha=alpha)


# --- small multiples of runs and per-class scores -------------------------------------------

def _run(val_loss, batch_loss):
    from types import SimpleNamespace
    return SimpleNamespace(val_loss=val_loss, batch_loss=batch_loss)


def test_loss_curve_grid_has_a_panel_per_run_labelled_by_row_and_column():
    from lecturelib.plots import plot_loss_curve_grid

    runs = {(lr, b): _run([2.0, 1.5, 1.2], [2.3, 2.1, 1.9, 1.6, 1.4, 1.3])
            for lr in (0.01, 0.1) for b in (8, 64, 512)}
    fig = plot_loss_curve_grid(runs, (0.01, 0.1), (8, 64, 512))
    assert len(fig.axes) == 6
    assert [ax.get_title() for ax in fig.axes[:3]] == ["batch size 8", "batch size 64", "batch size 512"]
    assert fig.axes[0].get_ylabel().startswith("lr = 0.01")
    assert fig.axes[3].get_ylabel().startswith("lr = 0.1")
    # Batch losses are spread over the epoch axis: the last batch sits at the last epoch.
    batch_line, val_line = fig.axes[0].get_lines()
    assert batch_line.get_xdata()[-1] == pytest.approx(3.0)
    assert list(val_line.get_xdata()) == [1, 2, 3]


def test_loss_curve_grid_rejects_a_missing_run():
    from lecturelib.plots import plot_loss_curve_grid

    with pytest.raises(ValueError, match="histories"):
        plot_loss_curve_grid({(0.1, 8): _run([1.0], [1.0])}, (0.1,), (8, 64))



def test_validation_curves_against_epochs_and_updates():
    from lecturelib.plots import plot_validation_curves

    runs = {"batch 8": _run([2.0, 1.0, 0.5], [2.3, 2.1, 1.9, 1.6, 1.4, 1.3]),
            "batch 64": _run([2.1, 1.5, 1.2], [2.2, 1.8, 1.4])}
    by_epoch = plot_validation_curves(runs).axes[0]
    assert [line.get_xdata().tolist() for line in by_epoch.get_lines()] == [[1, 2, 3]] * 2
    assert by_epoch.get_xscale() == "linear" and by_epoch.get_xlabel() == "epoch"
    assert by_epoch.get_ylabel() == "validation loss"
    fig = plot_validation_curves(runs, x="update")
    by_update = fig.axes[0]
    assert [line.get_xdata().tolist() for line in by_update.get_lines()] == [[2, 4, 6], [1, 2, 3]]
    assert by_update.get_xscale() == "log"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["batch 8", "batch 64"]
    np.testing.assert_array_equal(by_update.get_lines()[0].get_ydata(), [2.0, 1.0, 0.5])


def test_validation_curves_in_panels_keep_each_label_s_colour_and_clip_to_ylim():
    from lecturelib.plots import plot_validation_curves

    a, b = _run([3.0, 1.0], [3.0, 1.0]), _run([2.0, -1.0], [2.0, 1.0])
    fig = plot_validation_curves({"lr = 0.1": {"x": a, "y": b}, "lr = 1": {"y": b}},
                                 ylim=(0.0, 2.6))
    left, right = fig.axes
    assert (left.get_title(), right.get_title()) == ("lr = 0.1", "lr = 1")
    assert left.get_lines()[1].get_color() == right.get_lines()[0].get_color()
    assert left.get_lines()[0].get_ydata().tolist() == [2.6, 1.0]
    assert right.get_lines()[0].get_ydata().tolist() == [2.0, 0.0]
    assert left.get_shared_y_axes().joined(left, right)
    assert len(fig.legends[0].get_texts()) == 2


@pytest.mark.parametrize("runs, kwargs, match", [
    ({}, {}, "runs"),
    ([_run([1.0], [1.0])], {}, "runs"),
    ({"a": _run([1.0], [1.0])}, {"x": "step"}, "x"),
    ({"a": _run([1.0, 0.5], [1.0, 0.9, 0.8])}, {"x": "update"}, "batch losses"),
    ({"a": _run([], [])}, {}, "validation"),
    ({"p": {"a": _run([1.0], [1.0])}, "q": _run([1.0], [1.0])}, {}, "runs"),
    ({"a": _run([1.0], [1.0])}, {"ylim": (2.0, 1.0)}, "ylim"),
])
def test_validation_curves_reject_bad_input(runs, kwargs, match):
    from lecturelib.plots import plot_validation_curves

    before = plt.get_fignums()
    with pytest.raises(ValueError, match=match):
        plot_validation_curves(runs, **kwargs)
    assert plt.get_fignums() == before

def test_per_class_scores_draws_one_bar_per_model_and_class():
    from lecturelib.plots import plot_per_class_scores

    fig = plot_per_class_scores({"CE": [0.99, 0.74, 0.81], "weighted": [0.95, 0.89, 0.94]},
                                ["other", "8", "9"], ylabel="recall")
    bars = fig.axes[0].patches
    assert len(bars) == 6
    assert sorted(round(b.get_height(), 2) for b in bars) == [0.74, 0.81, 0.89, 0.94, 0.95, 0.99]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["CE", "weighted"]


@pytest.mark.parametrize("scores, match", [
    ({"CE": [0.9, 0.8]}, r"scores\['CE'\]"),
    ({}, "scores"),
])
def test_per_class_scores_rejects_bad_input(scores, match):
    from lecturelib.plots import plot_per_class_scores

    with pytest.raises(ValueError, match=match):
        plot_per_class_scores(scores, ["a", "b", "c"])


# --- confusion matrices ---------------------------------------------------------------------

def test_confusion_matrix_cells_follow_the_sklearn_layout():
    from lecturelib.classification import ConfusionCounts, confusion_matrix
    from lecturelib.plots import plot_confusion_matrix

    counts = ConfusionCounts(tp=3, fp=2, fn=1, tn=3)
    fig = plot_confusion_matrix(counts, labels=("healthy", "ill"))
    ax = fig.axes[0]
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert cells == {(0, 0): "TN\n3", (0, 1): "FP\n2", (1, 0): "FN\n1", (1, 1): "TP\n3"}
    assert [t.get_text() for t in ax.get_yticklabels()] == ["healthy", "ill"]
    assert (ax.get_ylabel(), ax.get_xlabel()) == ("actual", "predicted")
    # The same picture from a plain matrix, as confusion_matrix returns it.
    matrix = confusion_matrix([1, 0, 1, 0, 0, 0, 0, 1, 1], [1, 0, 1, 1, 0, 1, 0, 0, 1])
    again = plot_confusion_matrix(matrix).axes[0]
    assert sorted(t.get_text() for t in again.texts) == sorted(cells.values())


def test_confusion_matrix_multiclass_and_large_counts():
    from lecturelib.plots import plot_confusion_matrix

    fig = plot_confusion_matrix([[1_000_000, 2, 0], [0, 5, 1], [3, 0, 7]], labels=("a", "b", "c"))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(texts) == 9 and "1,000,000" in texts


@pytest.mark.parametrize("counts, labels, match", [
    ([[1, 2, 3]], ("a", "b"), "counts"),
    ([[1, -2], [3, 4]], ("a", "b"), "counts"),
    ([[1, 2], [3, 4]], ("a", "b", "c"), "labels"),
])
def test_confusion_matrix_rejects_bad_input(counts, labels, match):
    from lecturelib.plots import plot_confusion_matrix

    with pytest.raises(ValueError, match=match):
        plot_confusion_matrix(counts, labels)


def test_confusion_matrices_side_by_side_with_captions():
    from lecturelib.classification import ConfusionCounts
    from lecturelib.plots import plot_confusion_matrices

    counts = [ConfusionCounts(tp=9, fp=40, fn=1, tn=950), ConfusionCounts(tp=1, fp=0, fn=9, tn=990)]
    fig = plot_confusion_matrices(counts, ["t = 0.1", "t = 0.9"], captions=["R 0.9", "R 0.1"])
    assert [ax.get_title() for ax in fig.axes] == ["t = 0.1", "t = 0.9"]
    assert fig.axes[1].get_xlabel() == "predicted\nR 0.1"
    with pytest.raises(ValueError, match="titles"):
        plot_confusion_matrices(counts, ["only one"])
