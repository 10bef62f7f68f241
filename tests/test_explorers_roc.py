"""ROC and PR explorers: the binormal score generator, the class-separation and prevalence
update functions, their figures, and the live explorers (the figures updated in place are
checked against their static twins in test_explorers_live.py)."""

import math

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.stats import norm
from sklearn import metrics as skm

from lecturelib import curves
from lecturelib.datasets import score_distributions
from lecturelib.explorers.separation import (
    MAX_DRAWN_POINTS,
    ClassSeparationFigure,
    class_separation_explorer,
    class_separation_figure,
    class_separation_state,
    prevalence_explorer,
    prevalence_figure,
    prevalence_state,
)
from tests.helpers import core_widgets, figure_png, pixels


def _null_auc_se(n_positive, n_negative):
    # Exact standard deviation of the Mann-Whitney AUC when both classes share one
    # continuous distribution (no ties).
    return math.sqrt((n_positive + n_negative + 1) / (12 * n_positive * n_negative))


def _hanley_mcneil_se(auc, n_positive, n_negative):
    q1, q2 = auc / (2 - auc), 2 * auc ** 2 / (1 + auc)
    return math.sqrt((auc * (1 - auc) + (n_positive - 1) * (q1 - auc ** 2)
                      + (n_negative - 1) * (q2 - auc ** 2)) / (n_positive * n_negative))


# --------------------------------------------------------------- score_distributions

def test_score_distributions_shapes_counts_and_order():
    y_true, y_score = score_distributions(30, 70, separation=2.0, seed=1)
    assert y_true.shape == y_score.shape == (100,)
    assert y_true.dtype == np.int64 and y_score.dtype == np.float64
    assert np.bincount(y_true).tolist() == [70, 30]
    assert y_true.mean() == pytest.approx(0.3)  # the prevalence is set by the counts
    # Shuffled: the classes do not come in two blocks.
    assert np.count_nonzero(np.diff(y_true)) > 10


def test_score_distributions_is_deterministic_per_seed():
    first = score_distributions(50, 50, separation=1.0, seed=7)
    again = score_distributions(50, 50, separation=1.0, seed=7)
    other = score_distributions(50, 50, separation=1.0, seed=8)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])


def test_score_distributions_follow_the_binormal_model():
    y_true, y_score = score_distributions(40_000, 40_000, separation=1.5, seed=0)
    negatives, positives = y_score[y_true == 0], y_score[y_true == 1]
    # Means within ~5 standard errors (1/sqrt(40,000) = 0.005), unit spreads.
    assert negatives.mean() == pytest.approx(0.0, abs=0.025)
    assert positives.mean() == pytest.approx(1.5, abs=0.025)
    assert negatives.std() == pytest.approx(1.0, abs=0.02)
    assert positives.std() == pytest.approx(1.0, abs=0.02)


def test_separation_only_shifts_the_positives():
    y0, s0 = score_distributions(20, 30, separation=0.0, seed=3)
    y2, s2 = score_distributions(20, 30, separation=2.0, seed=3)
    np.testing.assert_array_equal(y0, y2)
    np.testing.assert_allclose(s2 - s0, 2.0 * y0, rtol=0, atol=1e-12)


def test_adding_samples_of_one_class_keeps_the_earlier_ones():
    y_small, s_small = score_distributions(5, 40, seed=2)
    y_big, s_big = score_distributions(9, 40, seed=2)
    assert set(s_small[y_small == 1]) <= set(s_big[y_big == 1])
    assert set(s_small[y_small == 0]) == set(s_big[y_big == 0])


@pytest.mark.parametrize("args, kwargs, match", [
    ((0, 10), {}, "n_positive"),
    ((-1, 10), {}, "n_positive"),
    ((2.5, 10), {}, "n_positive"),
    ((True, 10), {}, "n_positive"),
    ((10, 0), {}, "n_negative"),
    ((10, "5"), {}, "n_negative"),
    ((10, 10), {"separation": float("nan")}, "separation"),
    ((10, 10), {"separation": float("inf")}, "separation"),
    ((10, 10), {"separation": "1"}, "separation"),
    ((10, 10), {"seed": -1}, "seed"),
    ((10, 10), {"seed": 1.5}, "seed"),
])
def test_score_distributions_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        score_distributions(*args, **kwargs)


# ------------------------------------------------------------ class_separation_state

def test_no_separation_gives_chance_auc_and_says_so():
    state = class_separation_state(0.0)
    n1, n0 = state["n_positive"], state["n_negative"]
    assert (n1, n0) == (1000, 1000)
    assert state["auc_theory"] == 0.5
    assert abs(state["auc"] - 0.5) < 4 * _null_auc_se(n1, n0)
    assert "no separation: the roc hugs the diagonal" in state["message"].lower()


SEPARATIONS = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0]


def test_auc_grows_with_separation_towards_one():
    aucs = [class_separation_state(d)["auc"] for d in SEPARATIONS]
    assert all(later > earlier for earlier, later in zip(aucs, aucs[1:]))
    assert aucs[-1] > 0.99
    assert "Almost perfect" in class_separation_state(4.0)["message"]


@pytest.mark.parametrize("separation", SEPARATIONS)
def test_auc_matches_the_binormal_theory_within_sampling_error(separation):
    state = class_separation_state(separation)
    theory = norm.cdf(separation / math.sqrt(2))
    assert state["auc_theory"] == pytest.approx(theory, rel=1e-12)
    se = _hanley_mcneil_se(theory, state["n_positive"], state["n_negative"])
    assert abs(state["auc"] - theory) < 4 * se
    assert state["auc_se"] == pytest.approx(
        _hanley_mcneil_se(state["auc"], state["n_positive"], state["n_negative"]), rel=1e-9)


@pytest.mark.parametrize("separation", [0.0, 1.3, 4.0])
def test_class_separation_numbers_equal_lecturelib_and_sklearn(separation):
    state = class_separation_state(separation, n=1001, seed=5)
    y_true, y_score = state["y_true"], state["y_score"]
    assert (state["n_positive"], state["n_negative"]) == (500, 501)
    assert state["auc"] == curves.roc_auc_score(y_true, y_score)
    assert state["auc"] == skm.roc_auc_score(y_true, y_score)
    fpr, tpr, thresholds = skm.roc_curve(y_true, y_score)
    np.testing.assert_array_equal(state["fpr"], fpr)
    np.testing.assert_array_equal(state["tpr"], tpr)
    np.testing.assert_array_equal(state["thresholds"], thresholds)
    np.testing.assert_array_equal(state["negative_scores"], y_score[y_true == 0])
    np.testing.assert_array_equal(state["positive_scores"], y_score[y_true == 1])
    # The histograms are densities on shared bins: each integrates to 1.
    widths = np.diff(state["bin_edges"])
    assert np.sum(state["negative_density"] * widths) == pytest.approx(1.0)
    assert np.sum(state["positive_density"] * widths) == pytest.approx(1.0)


def test_negative_separation_is_below_chance():
    state = class_separation_state(-1.0)
    assert state["auc"] < 0.5 and "flipping the sign" in state["message"]


@pytest.mark.parametrize("args, kwargs, match", [
    ((float("nan"),), {}, "separation"),
    (("1",), {}, "separation"),
    ((None,), {}, "separation"),
    ((1.0,), {"n": 1}, "`n`"),
    ((1.0,), {"n": 100.0}, "`n`"),
    ((1.0,), {"seed": -3}, "seed"),
])
def test_class_separation_state_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        class_separation_state(*args, **kwargs)


# ------------------------------------------------------------------ prevalence_state

PREVALENCES = [0.5, 0.2, 0.05, 0.01]


def test_rare_positives_leave_roc_auc_but_lower_average_precision():
    states = [prevalence_state(p) for p in PREVALENCES]
    roc_aucs = [s["roc_auc"] for s in states]
    aps = [s["average_precision"] for s in states]
    theory = states[0]["auc_theory"]
    assert theory == pytest.approx(norm.cdf(1.5 / math.sqrt(2)), rel=1e-12)
    for state in states:
        se = _hanley_mcneil_se(theory, state["n_positive"], state["n_negative"])
        assert abs(state["roc_auc"] - theory) < 4 * se
    assert max(roc_aucs) - min(roc_aucs) < 0.03
    assert all(later < earlier for earlier, later in zip(aps, aps[1:]))
    assert aps[0] > 0.8 and aps[-1] < 0.25
    # Still better than chance, whose AP is the prevalence, and by a growing factor.
    lifts = [s["average_precision"] / s["baseline_ap"] for s in states]
    assert lifts[0] > 1 and all(later > earlier for earlier, later in zip(lifts, lifts[1:]))


@pytest.mark.parametrize("prevalence", [0.5, 0.01, 0.001])
def test_prevalence_numbers_equal_sklearn(prevalence):
    state = prevalence_state(prevalence)
    y_true, y_score = state["y_true"], state["y_score"]
    assert state["n_positive"] == round(prevalence * 20_000) == int(y_true.sum())
    assert state["baseline_ap"] == pytest.approx(prevalence, rel=1e-12)
    assert state["average_precision"] == skm.average_precision_score(y_true, y_score)
    assert state["roc_auc"] == skm.roc_auc_score(y_true, y_score)
    precision, recall, _ = skm.precision_recall_curve(y_true, y_score)
    np.testing.assert_array_equal(state["precision"], precision)
    np.testing.assert_array_equal(state["recall"], recall)
    fpr, tpr, _ = skm.roc_curve(y_true, y_score)
    np.testing.assert_array_equal(state["fpr"], fpr)
    np.testing.assert_array_equal(state["tpr"], tpr)


def test_prevalence_message_names_the_numbers_and_the_rare_case():
    common, rare = prevalence_state(0.5), prevalence_state(0.01)
    assert f"{common['roc_auc']:.3f}" in common["message"]
    assert f"{rare['average_precision']:.3f}" in rare["message"]
    assert "200 positives" in rare["message"] and "rare" in rare["message"]
    assert "rare" not in common["message"]


def test_prevalence_message_speaks_the_chosen_language(monkeypatch):
    """Both sentences of the rare case are templates: in Korean each comes out translated,
    with the numbers the English shows."""
    from lecturelib import i18n

    english = prevalence_state(0.01)["message"]
    first = ("Prevalence {prevalence} ({positives} positives among {n}): ROC-AUC = {roc_auc} "
             "(chance 0.5) and average precision = {ap} (chance {baseline}, the prevalence).")
    rare = ("Positives are rare: even a small false-positive rate is many false positives "
            "next to {positives} positives, so precision collapses while the ROC curve, a "
            "rate within each class, barely moves.")
    monkeypatch.setitem(i18n._catalogs, "ko", {
        first: "유병률 {prevalence} ({n}개 중 양성 {positives}개): ROC-AUC = {roc_auc} "
               "(우연 0.5), 평균 정밀도 = {ap} (우연 {baseline}, 곧 유병률).",
        rare: "양성이 드뭅니다: 양성 {positives}개 곁에서는 작은 위양성률도 많은 위양성이라, "
              "ROC 곡선은 거의 움직이지 않는데 정밀도는 무너집니다.",
    })
    monkeypatch.setattr(i18n, "_language", "en")  # restored after the test
    i18n.set_language("ko")
    i18n.untranslated()
    korean = prevalence_state(0.01)["message"]
    state = prevalence_state(0.01)
    assert korean.startswith(f"유병률 0.01 (20,000개 중 양성 200개): ROC-AUC = "
                             f"{state['roc_auc']:.3f} (우연 0.5), 평균 정밀도 = "
                             f"{state['average_precision']:.3f} (우연 0.01, 곧 유병률). ")
    assert korean.endswith("양성이 드뭅니다: 양성 200개 곁에서는 작은 위양성률도 많은 위양성이라, "
                           "ROC 곡선은 거의 움직이지 않는데 정밀도는 무너집니다.")
    assert i18n.untranslated() == set()
    i18n.set_language("en")
    assert prevalence_state(0.01)["message"] == english


def test_neighbouring_prevalences_share_their_samples():
    # The slider moves the data smoothly: the 200 positives at 1% are among the 400 at 2%.
    low, high = prevalence_state(0.01), prevalence_state(0.02)
    assert set(low["y_score"][low["y_true"] == 1]) <= set(high["y_score"][high["y_true"] == 1])


@pytest.mark.parametrize("args, kwargs, match", [
    ((0.0,), {}, "prevalence"),
    ((1.0,), {}, "prevalence"),
    ((-0.1,), {}, "prevalence"),
    ((float("nan"),), {}, "prevalence"),
    (("0.1",), {}, "prevalence"),
    ((True,), {}, "prevalence"),
    ((0.0002,), {}, "`prevalence` = 0.0002 .* leaves 4 positives"),
    ((0.9998,), {}, "leaves 4 negatives"),
    ((0.5,), {"n": 10}, "`n`"),
    ((0.5,), {"separation": float("inf")}, "separation"),
])
def test_prevalence_state_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        prevalence_state(*args, **kwargs)


# -------------------------------------------------------------------------- figures

def _line_data(line):
    return np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)


def test_class_separation_figure_draws_histograms_and_roc():
    state = class_separation_state(1.0)
    fig = class_separation_figure(state)
    assert len(fig.axes) == 2
    ax_hist, ax_roc = fig.axes
    assert len(ax_hist.patches) == 4  # a fill and an outline per class
    assert [t.get_text() for t in ax_hist.get_legend().get_texts()] == [
        "negatives (n = 1,000)", "positives (n = 1,000)"]
    diagonal, curve = ax_roc.get_lines()
    np.testing.assert_array_equal(_line_data(diagonal)[0], [0, 1])
    x, y = _line_data(curve)
    assert 2 < x.size <= MAX_DRAWN_POINTS
    assert (x[0], y[0], x[-1], y[-1]) == (0, 0, 1, 1)
    assert np.all(np.diff(x) >= 0) and np.all(np.diff(y) >= 0)
    assert f"{state['auc']:.3f}" in ax_roc.get_title()
    assert f"{state['auc_theory']:.3f}" in ax_roc.get_title()
    assert [t.get_text() for t in ax_roc.get_legend().get_texts()] == [
        "chance (AUC = 0.5)", "model"]


def test_class_separation_figure_keeps_its_axes_over_the_slider():
    # The negatives stand still while the positives slide right: the same score and
    # density axes at every separation the slider offers, with room above the peaks.
    limits = set()
    for d in (0.0, 1.0, 2.5, 4.0):
        state = class_separation_state(d)
        ax_hist = class_separation_figure(state).axes[0]
        limits.add((ax_hist.get_xlim(), ax_hist.get_ylim()))
        peak = max(state["negative_density"].max(), state["positive_density"].max())
        assert ax_hist.get_ylim()[1] >= 1.3 * peak
        assert ax_hist.get_xlim()[0] <= state["bin_edges"][0]
        assert ax_hist.get_xlim()[1] >= state["bin_edges"][-1]
        plt.close("all")
    assert limits == {((-4.0, 8.0), (0.0, 0.65))}


def test_class_separation_figure_widens_its_axes_for_states_beyond_the_slider():
    reversed_state = class_separation_state(-1.5)
    ax_hist, ax_roc = class_separation_figure(reversed_state).axes
    assert ax_hist.get_xlim() == (-5.0, 8.0)  # widened to whole scores
    assert ax_roc.get_legend()._loc == 2  # upper left: the curve runs below the diagonal
    few = class_separation_state(2.0, n=60, seed=3)
    ax_hist, _ = class_separation_figure(few).axes
    assert ax_hist.get_ylim()[1] == pytest.approx(
        1.3 * max(few["negative_density"].max(), few["positive_density"].max()))
    # Updated in place, the live figure follows to such a state and back.
    live = ClassSeparationFigure(class_separation_state(1.0))
    live.render()
    live.render(few)
    assert live.figure.axes[0].get_ylim() == ax_hist.get_ylim()
    assert [t.get_text() for t in live.figure.axes[0].get_legend().get_texts()] == [
        "negatives (n = 30)", "positives (n = 30)"]
    live.render(class_separation_state(3.0))
    assert live.figure.axes[0].get_ylim() == (0.0, 0.65)
    plt.close("all")


def test_prevalence_figure_draws_both_curves_with_their_chance_levels():
    state = prevalence_state(0.01)
    fig = prevalence_figure(state)
    assert len(fig.axes) == 2
    ax_roc, ax_pr = fig.axes
    assert ax_roc.get_title() == f"ROC: AUC = {state['roc_auc']:.3f}"
    assert ax_pr.get_title() == f"Precision–recall: AP = {state['average_precision']:.3f}"
    assert "200 positives" in fig.get_suptitle()
    chance, curve = ax_pr.get_lines()
    assert _line_data(chance)[1].tolist() == [0.01, 0.01]
    assert curve.get_drawstyle() == "steps-post"
    # 20,001 PR points are thinned for drawing, keeping both ends.
    assert state["precision"].size == 20_001
    recall, precision = _line_data(curve)
    assert recall.size <= MAX_DRAWN_POINTS
    assert (recall[0], precision[0]) == (1.0, state["precision"][0])
    assert (recall[-1], precision[-1]) == (0.0, 1.0)
    assert np.all(np.diff(recall) <= 0)
    x, _ = _line_data(ax_roc.get_lines()[1])
    assert x.size <= MAX_DRAWN_POINTS
    # The legends name the lines; the titles carry the numbers.
    legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes]
    assert legends == [["chance (AUC = 0.5)", "model"], ["chance (AP = prevalence)", "model"]]


# ------------------------------------------------------------------------ explorers


def _figure_of(box):
    return pixels(box.image.value)


def test_class_separation_explorer_redraws_when_the_slider_moves():
    box = class_separation_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    slider = box.controls["separation"]
    assert isinstance(slider, ipywidgets.FloatSlider) and (slider.min, slider.max) == (0, 4)
    assert slider.continuous_update  # follows the drag
    assert "Separation d = 1" in box.status.value
    assert box.live.figure.axes[0].get_title() == "Scores of each class (d = 1)"
    first_status, first_figure = box.status.value, _figure_of(box)

    slider.value = 0.0
    box.flush()
    assert box.status.value != first_status and "No separation" in box.status.value
    assert box.live.figure.axes[0].get_title() == "Scores of each class (d = 0)"
    assert not np.array_equal(_figure_of(box), first_figure)
    slider.value = 4.0
    box.flush()
    assert "Almost perfect" in box.status.value
    # The figure shown is the static twin's for that value.
    twin = pixels(figure_png(class_separation_figure(class_separation_state(4.0))))
    assert (np.abs(_figure_of(box) - twin).max(axis=2) > 40).mean() < 0.003
    assert plt.get_fignums() == []


def test_prevalence_explorer_redraws_when_the_slider_moves():
    box = prevalence_explorer()
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    slider = box.controls["prevalence"]
    assert isinstance(slider, ipywidgets.FloatLogSlider) and slider.continuous_update
    assert (slider.min, slider.max) == (-3, pytest.approx(math.log10(0.5)))
    assert slider.value == 0.5
    assert "Prevalence 0.5 " in box.status.value
    first_status, first_figure = box.status.value, _figure_of(box)

    slider.value = 0.01
    box.flush()
    assert box.status.value != first_status and "200 positives" in box.status.value
    state = prevalence_state(0.01)
    assert [ax.get_title() for ax in box.live.figure.axes] == [
        f"ROC: AUC = {state['roc_auc']:.3f}",
        f"Precision–recall: AP = {state['average_precision']:.3f}"]
    assert not np.array_equal(_figure_of(box), first_figure)
    slider.value = 0.001
    box.flush()
    assert "20 positives" in box.status.value
    assert plt.get_fignums() == []


def test_prevalence_frames_are_the_log_sliders_stops():
    from lecturelib.explorers._frames import grid_values
    from lecturelib.explorers.separation import _stops

    slider = prevalence_explorer().controls["prevalence"]
    values = grid_values(slider, _stops(slider))
    # 0.1% to 50%, a tenth of a decade apart, as the live slider steps (28 stops).
    assert len(values) == 28 and values[0] == 0.001 and values[-1] == 0.5
    assert values[10] == pytest.approx(0.01) and values[20] == pytest.approx(0.1)
    np.testing.assert_allclose(np.diff(np.log10(values[:-1])), 0.1)


def test_explorers_record_their_frames_when_a_notebook_asks(tmp_path, monkeypatch):
    import json

    from lecturelib.explorers import _frames

    monkeypatch.setenv(_frames.FRAMES_VARIABLE, str(tmp_path))
    class_separation_explorer()
    prevalence_explorer(prevalence=0.01)
    bundles = [json.loads(p.read_text(encoding="utf-8"))
               for p in sorted(tmp_path.glob("*.json"), key=lambda p: int(p.stem))]
    assert [[c["name"] for c in b["controls"]] for b in bundles] == [["separation"],
                                                                      ["prevalence"]]
    separation, prevalence = (b["controls"][0] for b in bundles)
    assert len(separation["values"]) == 41 and separation["values"][separation["initial"]] == 1.0
    assert len(prevalence["values"]) == 28
    assert prevalence["readout"][prevalence["initial"]] == "0.01"
    assert prevalence["readout"][:3] == ["0.001", "0.00126", "0.00158"]
    assert [len(b["frames"]) for b in bundles] == [41, 28]
    assert "200 positives" in bundles[1]["messages"]["en"][prevalence["initial"]]
    plt.close("all")


@pytest.mark.parametrize("explorer, kwargs, match", [
    (class_separation_explorer, {"separation": 5.0}, "separation"),
    (class_separation_explorer, {"separation": -0.5}, "separation"),
    (class_separation_explorer, {"separation": "1"}, "separation"),
    (prevalence_explorer, {"prevalence": 0.9}, "prevalence"),
    (prevalence_explorer, {"prevalence": 0.0005}, "prevalence"),
    (prevalence_explorer, {"prevalence": 0.0}, "prevalence"),
])
def test_explorers_reject_bad_starting_values(explorer, kwargs, match):
    with pytest.raises(ValueError, match=match):
        explorer(**kwargs)
    assert plt.get_fignums() == []
