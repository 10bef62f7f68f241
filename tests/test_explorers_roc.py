"""ROC and PR explorers: the binormal score generator, the class-separation and prevalence
update functions, their figures, and the widget shells."""

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
    class_separation_explorer,
    class_separation_figure,
    class_separation_state,
    prevalence_explorer,
    prevalence_figure,
    prevalence_state,
)


@pytest.fixture
def shown(monkeypatch):
    """Record every figure an explorer shows (its axes' titles) instead of displaying it."""
    drawn = []

    def fake_show(*args, **kwargs):
        drawn.append([ax.get_title() for ax in plt.gcf().axes])

    monkeypatch.setattr(plt, "show", fake_show)
    return drawn


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
    legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes]
    assert legends[1] == ["chance (AP = prevalence = 0.01)",
                          f"model (AP = {state['average_precision']:.3f})"]
    assert legends[0][0] == "chance (AUC = 0.5)"


# ------------------------------------------------------------------------ explorers

def _core_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _core_widgets(child)


def test_class_separation_explorer_redraws_when_the_slider_moves(shown):
    box = class_separation_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    slider = box.controls["separation"]
    assert isinstance(slider, ipywidgets.FloatSlider) and (slider.min, slider.max) == (0, 4)
    assert len(shown) == 1 and "Separation d = 1" in box.status.value
    first_status = box.status.value

    slider.value = 0.0
    assert len(shown) == 2 and box.status.value != first_status
    assert "No separation" in box.status.value
    assert shown[1][0] == "Scores of each class (d = 0)"
    slider.value = 4.0
    assert len(shown) == 3 and "Almost perfect" in box.status.value
    assert plt.get_fignums() == []


def test_prevalence_explorer_redraws_when_the_slider_moves(shown):
    box = prevalence_explorer()
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    slider = box.controls["prevalence"]
    assert isinstance(slider, ipywidgets.FloatLogSlider)
    assert (slider.min, slider.max) == (-3, pytest.approx(math.log10(0.5)))
    assert slider.value == 0.5
    assert len(shown) == 1 and "Prevalence 0.5 " in box.status.value
    first_status = box.status.value

    slider.value = 0.01
    assert len(shown) == 2 and box.status.value != first_status
    assert "200 positives" in box.status.value
    state = prevalence_state(0.01)
    assert shown[1] == [f"ROC: AUC = {state['roc_auc']:.3f}",
                        f"Precision–recall: AP = {state['average_precision']:.3f}"]
    slider.value = 0.001
    assert len(shown) == 3 and "20 positives" in box.status.value
    assert plt.get_fignums() == []


@pytest.mark.parametrize("explorer, kwargs, match", [
    (class_separation_explorer, {"separation": 5.0}, "separation"),
    (class_separation_explorer, {"separation": -0.5}, "separation"),
    (class_separation_explorer, {"separation": "1"}, "separation"),
    (prevalence_explorer, {"prevalence": 0.9}, "prevalence"),
    (prevalence_explorer, {"prevalence": 0.0005}, "prevalence"),
    (prevalence_explorer, {"prevalence": 0.0}, "prevalence"),
])
def test_explorers_reject_bad_starting_values(explorer, kwargs, match, shown):
    with pytest.raises(ValueError, match=match):
        explorer(**kwargs)
    assert shown == []
