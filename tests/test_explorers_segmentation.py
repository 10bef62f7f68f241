"""Binarisation explorer: the pure update function, its figure (drawn fresh and updated in
place), and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn import metrics as skm  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib.datasets import soft_person_segmentation  # noqa: E402
from lecturelib.explorers.segmentation import (  # noqa: E402
    CURVE_THRESHOLDS,
    binarisation_explorer,
    binarisation_figure,
    binarisation_state,
)
from lecturelib.segmentation import dice_score, iou_score  # noqa: E402
from tests.helpers import IPYWIDGETS_7, core_widgets, figure_png, pixels  # noqa: E402


def same_picture(png, other, *, tolerance=40, max_share=0.003):
    """Two PNGs draw the same figure (up to anti-aliasing at a few edges)."""
    a, b = pixels(png), pixels(other)
    return a.shape == b.shape and (np.abs(a - b).max(axis=2) > tolerance).mean() <= max_share


@pytest.fixture(scope="module")
def person():
    truth, proba = soft_person_segmentation()
    return truth, proba


# ---------------------------------------------------------------- binarisation_state

@pytest.mark.parametrize("threshold", [0.0, 0.01, 0.3, 0.5, 0.52, 0.7, 0.95, 0.99, 1.0])
def test_state_numbers_equal_lecturelib_and_sklearn(person, threshold):
    truth, proba = person
    state = binarisation_state(proba, truth, threshold)
    pred = proba >= threshold
    np.testing.assert_array_equal(state["mask_pred"], pred)
    tn, fp, fn, tp = skm.confusion_matrix(truth.ravel(), pred.ravel(), labels=[0, 1]).ravel()
    assert (state["tp"], state["fp"], state["fn"], state["tn"]) == (tp, fp, fn, tn)
    assert state["iou"] == iou_score(truth, pred)
    assert state["dice"] == dice_score(truth, pred)
    assert state["iou"] == skm.jaccard_score(truth.ravel(), pred.ravel(), zero_division=0)
    assert state["dice"] == pytest.approx(
        skm.f1_score(truth.ravel(), pred.ravel(), zero_division=0), abs=1e-15)
    assert state["pixel_accuracy"] == skm.accuracy_score(truth.ravel(), pred.ravel())
    assert state["object_share"] == truth.mean()


def test_curves_equal_the_scores_at_every_grid_threshold(person):
    truth, proba = person
    state = binarisation_state(proba, truth, 0.5)
    np.testing.assert_array_equal(state["curve_thresholds"], CURVE_THRESHOLDS)
    assert CURVE_THRESHOLDS[0] == 0 and CURVE_THRESHOLDS[-1] == 1 and CURVE_THRESHOLDS.size == 101
    for k in range(0, 101, 5):
        pred = proba >= CURVE_THRESHOLDS[k]
        assert state["iou_curve"][k] == pytest.approx(iou_score(truth, pred), abs=1e-15)
        assert state["dice_curve"][k] == pytest.approx(dice_score(truth, pred), abs=1e-15)
        assert state["accuracy_curve"][k] == pytest.approx(
            skm.accuracy_score(truth.ravel(), pred.ravel()), abs=1e-15)
    best = int(np.argmax(state["iou_curve"]))
    assert state["best_threshold"] == CURVE_THRESHOLDS[best]
    assert state["best_iou"] == state["iou_curve"].max()
    # The docstring of soft_person_segmentation: IoU peaks near 0.5.
    assert 0.4 <= state["best_threshold"] <= 0.6 and 0.65 < state["best_iou"] < 0.7


def test_pixel_accuracy_stays_high_while_iou_falls(person):
    truth, proba = person
    background = 1 - truth.mean()
    nothing = binarisation_state(proba, truth, 1.0)
    # Predicting no object at all: IoU and Dice 0, accuracy = the background's share.
    assert nothing["tp"] + nothing["fp"] == 0
    assert nothing["iou"] == nothing["dice"] == 0.0
    assert nothing["pixel_accuracy"] == pytest.approx(background) and background > 0.85
    state = binarisation_state(proba, truth, 0.5)
    high = CURVE_THRESHOLDS >= 0.5
    assert np.all(state["accuracy_curve"][high] > 0.85)
    assert state["iou_curve"][high].min() == 0.0
    assert f"{background:.3f}" in state["message"]
    assert "IoU 0.672, Dice 0.804, pixel accuracy 0.938" in state["message"]


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1 / 3, 1.0])
def test_histograms_count_every_pixel_on_the_right_side(person, threshold):
    truth, proba = person
    state = binarisation_state(proba, truth, threshold)
    edges = state["bin_edges"]
    assert edges[0] == 0 and edges[-1] == 1 and np.all(np.diff(edges) > 0)
    assert threshold in edges  # every bin lies wholly on one side of the threshold
    assert state["background_counts"].sum() == (~truth).sum()
    assert state["object_counts"].sum() == truth.sum()
    split = int(np.searchsorted(edges, threshold))
    if threshold < 1:  # the last bin is closed: a probability of exactly 1 goes there
        assert state["object_counts"][split:].sum() == state["tp"]
        assert state["background_counts"][split:].sum() == state["fp"]
    assert edges.size == (101 if threshold in (0.0, 0.5, 1.0) else 102)


def test_state_accepts_lists_and_0_1_masks():
    state = binarisation_state([[0.9, 0.6, 0.2], [0.4, 0.1, 0.0]], [[1, 1, 0], [1, 0, 0]], 0.5)
    assert (state["tp"], state["fp"], state["fn"], state["tn"]) == (2, 0, 1, 3)
    assert state["mask_true"].dtype == bool


def _bad_inputs():
    proba = np.full((4, 4), 0.5)
    truth = np.zeros((4, 4), dtype=int)
    truth[1:3, 1:3] = 1
    cases = [
        ((proba, truth * 2), {}, "mask_true.*binary"),
        ((proba, truth + 0.5), {}, "mask_true.*binary"),
        ((proba, truth[:3]), {}, "mask_true.*shape"),
        ((proba, np.zeros((4, 4))), {}, "mask_true.*no foreground"),
        ((proba * 3, truth), {}, r"probabilities.*\[0, 1\]"),
        ((proba - 1, truth), {}, r"probabilities.*\[0, 1\]"),
        ((np.where(truth, np.nan, 0.2), truth), {}, "probabilities.*NaN"),
        ((proba[None], truth), {}, "probabilities.*2-D"),
        ((np.array([["a"] * 4] * 4), truth), {}, "probabilities.*numeric"),
        ((proba, truth), {"threshold": 1.5}, "threshold"),
        ((proba, truth), {"threshold": -0.01}, "threshold"),
        ((proba, truth), {"threshold": float("nan")}, "threshold"),
        ((proba, truth), {"threshold": "0.5"}, "threshold"),
    ]
    return cases


@pytest.mark.parametrize("args, kwargs, match", _bad_inputs())
def test_state_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        binarisation_state(*args, **kwargs)


@pytest.mark.parametrize("args, kwargs, match", _bad_inputs())
def test_explorer_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        binarisation_explorer(*args, **kwargs)


# -------------------------------------------------------------------------- figure

def test_figure_has_the_panels_and_legend(person):
    truth, proba = person
    state = binarisation_state(proba, truth, 0.5)
    fig = binarisation_figure(state)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["Model's probability of object", "Pixels by probability (t = 0.50)",
                      "Predicted mask vs truth", "Scores vs threshold", "At t = 0.50"]
    [legend] = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        f"TP {state['tp']:,}", f"FP {state['fp']:,}", f"FN {state['fn']:,}",
        f"TN {state['tn']:,}"]
    # The outcome image colours each pixel by its outcome, in four distinct colours.
    image = fig.axes[2].get_images()[0].get_array()
    assert image.shape == truth.shape + (4,) and np.all(image[..., 3] == 1)  # opaque RGBA
    assert len({tuple(c) for c in image.reshape(-1, 4)}) == 4
    plt.close(fig)


@pytest.mark.parametrize("before, after", [(0.5, 0.51), (0.0, 0.01), (0.99, 1.0),
                                           (0.5, 1 / 3)])
def test_one_slider_step_changes_the_figure(person, before, after):
    truth, proba = person
    images = [figure_png(binarisation_figure(binarisation_state(proba, truth, t)))
              for t in (before, after)]
    assert images[0] != images[1]


def test_figure_is_deterministic(person):
    truth, proba = person
    images = [figure_png(binarisation_figure(binarisation_state(proba, truth, 0.37)))
              for _ in range(2)]
    assert images[0] == images[1]


# ------------------------------------------------------------------------ explorer


def test_explorer_follows_the_slider(person):
    truth, proba = person
    box = binarisation_explorer(proba, truth)
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert set(box.controls) == {"threshold"}
    slider = box.controls["threshold"]
    assert isinstance(slider, ipywidgets.FloatSlider)
    assert (slider.description, slider.min, slider.max, slider.step, slider.value) == (
        "threshold", 0.0, 1.0, 0.01, 0.5)
    assert slider.continuous_update  # it follows a drag
    assert "Threshold 0.50:" in box.status.value
    # The static twin draws the explorer's first figure.
    assert same_picture(box.image.value,
                        figure_png(binarisation_figure(binarisation_state(proba, truth, 0.5))))

    statuses, frames = [box.status.value], [box.image.value]
    for value in (0.0, 1.0, 0.25):
        slider.value = value
        box.flush()
        statuses.append(box.status.value)
        frames.append(box.image.value)
    assert len(set(frames)) == 4  # every move drew a different picture
    assert len(set(statuses)) == 4
    assert statuses[2].startswith("Threshold 1.00: 0 pixels predicted object")
    assert same_picture(frames[3], figure_png(binarisation_figure(
        binarisation_state(proba, truth, 0.25))))
    assert box.live.titles[0].get_text() == "Pixels by probability (t = 0.25)"
    assert plt.get_fignums() == []  # the live figure is the explorer's, not pyplot's


def test_explorer_starts_at_the_given_threshold(person):
    truth, proba = person
    box = binarisation_explorer(proba.tolist(), truth.astype(int), threshold=0.8)
    assert box.controls["threshold"].value == 0.8
    assert box.live.titles[0].get_text() == "Pixels by probability (t = 0.80)"
    state = binarisation_state(proba, truth, 0.8)
    assert box.status.value == state["message"]
    assert same_picture(box.image.value, figure_png(binarisation_figure(state)))


def test_explorer_records_its_kernel_free_frames(person, tmp_path, monkeypatch):
    import json

    from lecturelib.explorers._frames import BUDGET_BYTES, FRAMES_VARIABLE

    truth, proba = person
    monkeypatch.setenv(FRAMES_VARIABLE, str(tmp_path))
    binarisation_explorer(proba, truth)
    [path] = tmp_path.glob("*.json")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    [control] = bundle["controls"]
    assert control["name"] == "threshold" and len(control["values"]) == 41
    assert control["values"][0] == 0 and control["values"][-1] == 1
    assert control["values"][control["initial"]] == 0.5
    assert len(bundle["frames"]) == 41 == len(bundle["messages"]["en"])
    assert path.stat().st_size <= BUDGET_BYTES


def test_package_re_exports_the_segmentation_explorer():
    from lecturelib.explorers import segmentation

    assert segmentation.__all__ == ["binarisation_state", "binarisation_figure",
                                    "binarisation_explorer"]
    for name in segmentation.__all__:
        assert name in explorers.__all__
        assert getattr(explorers, name) is getattr(segmentation, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_explorer_reads_sensibly_without_a_kernel(person):
    truth, proba = person
    bundle = binarisation_explorer(proba, truth)._repr_mimebundle_()
    assert "run the notebook" in bundle["text/plain"]
