"""Explorers: the pure update functions, the figures they feed, and the widget shells."""

import matplotlib

matplotlib.use("Agg")

import math  # noqa: E402
import warnings  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lecturelib.widgets import (  # noqa: E402
    focal_loss_explorer,
    focal_loss_figure,
    focal_loss_state,
    gradient_descent_figure,
    gradient_descent_path,
    learning_rate_explorer,
)


@pytest.fixture
def shown(monkeypatch):
    """Record every figure an explorer shows (its axes and their titles) instead of
    displaying it; under Agg plt.show() would only warn."""
    drawn = []

    def fake_show(*args, **kwargs):
        fig = plt.gcf()
        drawn.append([(ax.get_title(), ax.get_yscale()) for ax in fig.axes])

    monkeypatch.setattr(plt, "show", fake_show)
    return drawn


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _focal_formula(x, gamma, alpha):
    """FL of a positive example written out in NumPy, independently of lecturelib."""
    p = _sigmoid(x)
    weight = 1.0 if alpha is None else alpha
    return -weight * (1 - p) ** gamma * np.log(p)


# ----------------------------------------------------------------- focal_loss_state

def test_focal_state_arrays_on_the_default_grid():
    state = focal_loss_state(2.0)
    p_t = state["p_t"]
    assert len(p_t) == 197 and p_t[0] == pytest.approx(0.01) and p_t[-1] == pytest.approx(0.99)
    for key in ("ce", "focal", "ce_grad", "focal_grad"):
        assert state[key].shape == p_t.shape and np.all(np.isfinite(state[key]))
    np.testing.assert_allclose(state["ce"], -np.log(p_t), rtol=1e-12)
    np.testing.assert_allclose(state["focal"], -(1 - p_t) ** 2 * np.log(p_t), rtol=1e-12)


def test_gamma_zero_without_alpha_is_cross_entropy_with_the_same_gradients():
    state = focal_loss_state(0.0)
    np.testing.assert_array_equal(state["focal"], state["ce"])
    np.testing.assert_array_equal(state["focal_grad"], state["ce_grad"])
    assert state["easy_weight"] == state["hard_weight"] == 1.0
    assert state["easy_to_hard"] == pytest.approx(state["ce_easy_to_hard"], rel=1e-12)


def test_cross_entropy_gradient_is_sigmoid_minus_one():
    p_t = np.array([0.01, 0.1, 0.5, 0.9, 0.99])
    state = focal_loss_state(2.0, p_t=p_t)
    x = np.log(p_t / (1 - p_t))
    # d/dx of -log sigmoid(x) is sigmoid(x) - 1, i.e. p_t - 1.
    np.testing.assert_allclose(state["ce_grad"], _sigmoid(x) - 1, rtol=1e-12)
    np.testing.assert_allclose(state["ce_grad"], p_t - 1, rtol=1e-12)


@pytest.mark.parametrize("gamma", [0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [None, 0.25])
def test_focal_gradient_matches_finite_differences(gamma, alpha):
    p_t = np.linspace(0.02, 0.98, 25)
    state = focal_loss_state(gamma, alpha, p_t=p_t)
    x = np.log(p_t / (1 - p_t))
    h = 1e-6
    numeric = (_focal_formula(x + h, gamma, alpha) - _focal_formula(x - h, gamma, alpha)) / (2 * h)
    np.testing.assert_allclose(state["focal_grad"], numeric, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(state["focal"], _focal_formula(x, gamma, alpha), rtol=1e-10)


def test_easy_and_hard_weights_follow_the_modulating_factor():
    state = focal_loss_state(2.0, 0.25)
    # FL / CE = alpha (1 - p_t)^gamma.
    assert state["easy_weight"] == pytest.approx(0.25 * 0.1 ** 2, rel=1e-12)
    assert state["hard_weight"] == pytest.approx(0.25 * 0.9 ** 2, rel=1e-12)
    ce_ratio = math.log(0.9) / math.log(0.1)
    assert state["ce_easy_to_hard"] == pytest.approx(ce_ratio, rel=1e-12)
    assert state["easy_to_hard"] == pytest.approx((0.1 / 0.9) ** 2 * ce_ratio, rel=1e-12)
    assert "0.00056×" in state["message"] and "0.046×" in state["message"]
    assert "α = 0.25" in state["message"]


def test_easy_to_hard_shrinks_as_gamma_grows_and_ignores_alpha():
    ratios = [focal_loss_state(g)["easy_to_hard"] for g in (0, 0.5, 1, 2, 3, 5)]
    assert all(later < earlier for earlier, later in zip(ratios, ratios[1:]))
    # alpha scales easy and hard alike; at alpha = 0 the ratio is still defined.
    for alpha in (0.0, 0.25, 1.0):
        assert focal_loss_state(2.0, alpha)["easy_to_hard"] == pytest.approx(ratios[3])


@settings(max_examples=30, deadline=None)
@given(gamma=st.floats(0, 5), alpha=st.one_of(st.none(), st.floats(0, 1)))
def test_focal_loss_never_exceeds_cross_entropy(gamma, alpha):
    state = focal_loss_state(gamma, alpha)
    assert np.all(state["focal"] <= state["ce"] * (1 + 1e-12))
    assert 0 <= state["easy_weight"] <= state["hard_weight"] * (1 + 1e-12)
    assert state["hard_weight"] <= 1 + 1e-12


@pytest.mark.parametrize("kwargs, match", [
    ({"gamma": -0.5}, "gamma"),
    ({"gamma": float("nan")}, "gamma"),
    ({"gamma": float("inf")}, "gamma"),
    ({"gamma": "2"}, "gamma"),
    ({"gamma": True}, "gamma"),
    ({"gamma": 2.0, "alpha": 1.5}, "alpha"),
    ({"gamma": 2.0, "alpha": -0.1}, "alpha"),
    ({"gamma": 2.0, "alpha": "0.25"}, "alpha"),
    ({"gamma": 2.0, "p_t": [0.0, 0.5]}, "p_t"),
    ({"gamma": 2.0, "p_t": [0.5, 1.0]}, "p_t"),
    ({"gamma": 2.0, "p_t": [[0.5]]}, "p_t"),
])
def test_focal_state_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        focal_loss_state(**kwargs)


def test_focal_figure_draws_loss_and_gradient_panels():
    fig = focal_loss_figure(focal_loss_state(2.0))
    loss_ax, grad_ax = fig.axes[:2]
    assert (loss_ax.get_title(), grad_ax.get_title()) == (
        "Loss", "Gradient sent back to the model")
    # Cross-entropy grows without bound near p_t = 0; the loss axis is clipped at ~3.
    assert loss_ax.get_ylim()[1] == pytest.approx(3.15)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "cross-entropy", "focal loss (γ = 2)"]


# ------------------------------------------------------------ gradient_descent_path

RNG = np.random.default_rng(3)
X = np.linspace(0.0, 2.0, 20)
Y = 1.5 * X - 0.5 + 0.3 * RNG.standard_normal(20)


def test_small_learning_rate_converges_to_the_least_squares_line():
    path = gradient_descent_path(X, Y, lr=0.1, steps=3000)
    slope, intercept = np.polyfit(X, Y, 1)
    assert path["status"] == "converged"
    assert path["a"][-1] == pytest.approx(slope, abs=1e-8)
    assert path["b"][-1] == pytest.approx(intercept, abs=1e-8)
    assert (path["best_a"], path["best_b"]) == (pytest.approx(slope), pytest.approx(intercept))
    assert path["loss"][-1] == pytest.approx(np.mean((slope * X + intercept - Y) ** 2))
    # Below the limit every step lowers the loss.
    assert np.all(np.diff(path["loss"]) <= 1e-12)


def test_path_starts_at_the_initial_point_and_follows_the_update_rule():
    path = gradient_descent_path(X, Y, lr=0.05, steps=5, a0=2.0, b0=-1.0)
    assert len(path["a"]) == len(path["b"]) == len(path["loss"]) == 6
    assert (path["a"][0], path["b"][0]) == (2.0, -1.0)
    assert path["loss"][0] == pytest.approx(np.mean((2.0 * X - 1.0 - Y) ** 2))
    # theta_j := theta_j - alpha dJ/dtheta_j, both from the old values.
    residual = 2.0 * X - 1.0 - Y
    assert path["a"][1] == pytest.approx(2.0 - 0.05 * 2 * np.mean(residual * X))
    assert path["b"][1] == pytest.approx(-1.0 - 0.05 * 2 * np.mean(residual))


def test_huge_learning_rate_diverges_with_only_finite_values():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # overflow must not leak out as RuntimeWarning
        path = gradient_descent_path(X, Y, lr=10.0, steps=1000)
    assert path["status"] == "diverged"
    assert "overflowed" in path["message"] and "lower the learning rate" in path["message"]
    # Clipped at the last finite point, so shorter than steps + 1, and still starting at 0.
    assert 2 <= len(path["loss"]) < 1001
    assert len(path["a"]) == len(path["b"]) == len(path["loss"])
    for key in ("a", "b", "loss"):
        assert np.all(np.isfinite(path[key]))
    assert (path["a"][0], path["b"][0]) == (0.0, 0.0)


@pytest.mark.parametrize("factor, diverges", [(0.97, False), (1.03, True)])
def test_the_learning_rate_limit_separates_converging_from_diverging(factor, diverges):
    limit = gradient_descent_path(X, Y, lr=0.01, steps=1)["lr_limit"]
    path = gradient_descent_path(X, Y, lr=factor * limit, steps=2000)
    assert (path["status"] == "diverged") is diverges


def test_tiny_learning_rate_is_reported_slow():
    path = gradient_descent_path(X, Y, lr=1e-4, steps=30)
    assert path["status"] == "slow"
    assert len(path["loss"]) == 31
    assert "raise the learning rate" in path["message"]


def test_points_exactly_on_a_line_converge_to_zero_loss():
    path = gradient_descent_path(X, 3 * X + 1, lr=0.2, steps=2000)
    assert path["status"] == "converged"
    assert path["best_loss"] == pytest.approx(0, abs=1e-20)
    assert (path["a"][-1], path["b"][-1]) == (pytest.approx(3), pytest.approx(1))


@pytest.mark.parametrize("kwargs, match", [
    ({"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0]}, "`x` has 3"),
    ({"x": [1.0, 2.0], "y": [1.0, np.nan]}, "`y`"),
    ({"x": [[1.0, 2.0]], "y": [1.0, 2.0]}, "`x`"),
    ({"x": [1.0], "y": [1.0]}, "two"),
    ({"lr": 0.0}, "lr"),
    ({"lr": -0.1}, "lr"),
    ({"lr": float("nan")}, "lr"),
    ({"lr": "0.1"}, "lr"),
    ({"steps": 0}, "steps"),
    ({"steps": 2.5}, "steps"),
    ({"a0": float("inf")}, "a0"),
    ({"b0": None}, "b0"),
])
def test_gradient_descent_rejects_bad_input(kwargs, match):
    args = {"x": X, "y": Y, "lr": 0.1, **kwargs}
    with pytest.raises(ValueError, match=match):
        gradient_descent_path(args.pop("x"), args.pop("y"), **args)


def test_gradient_descent_figure_pins_the_view_to_the_data():
    path = gradient_descent_path(X, Y, lr=5.0, steps=50)
    fig = gradient_descent_figure(X, Y, path)
    fit_ax, loss_ax = fig.axes
    assert loss_ax.get_yscale() == "log"
    assert fit_ax.get_ylim()[0] < Y.min() and fit_ax.get_ylim()[1] > Y.max()
    assert fit_ax.get_ylim()[1] - fit_ax.get_ylim()[0] < 2 * np.ptp(Y)
    assert "diverged" in loss_ax.get_title()


# ------------------------------------------------------------------------ explorers

def _core_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _core_widgets(child)


def test_focal_explorer_redraws_when_a_slider_moves(shown):
    box = focal_loss_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    assert len(shown) == 1  # first render
    assert shown[0][:2] == [("Loss", "linear"), ("Gradient sent back to the model", "linear")]
    gamma, alpha, use_alpha = (box.controls[k] for k in ("gamma", "alpha", "use_alpha"))
    assert isinstance(gamma, ipywidgets.FloatSlider) and (gamma.min, gamma.max) == (0, 5)
    assert alpha.disabled and not use_alpha.value
    assert "0.00056×" in box.status.value

    gamma.value = 0.0
    assert len(shown) == 2
    assert box.status.value.count("0.046×") == 2  # focal loss is cross-entropy now

    use_alpha.value = True
    assert not alpha.disabled and len(shown) == 3 and "α = 0.25" in box.status.value
    alpha.value = 0.5
    assert len(shown) == 4 and "α = 0.5" in box.status.value
    # Every drawn figure was closed again: moving sliders does not pile figures up.
    assert plt.get_fignums() == []


def test_learning_rate_explorer_redraws_and_reports_divergence(shown):
    box = learning_rate_explorer(X, Y, lr=0.1, steps=30)
    lr, steps = box.controls["lr"], box.controls["steps"]
    assert isinstance(lr, ipywidgets.FloatLogSlider) and (lr.min, lr.max) == (-4, 0)
    assert isinstance(steps, ipywidgets.IntSlider)
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    assert len(shown) == 1 and shown[0][1][1] == "log"
    assert "Diverged" not in box.status.value

    lr.value = 1.0
    assert len(shown) == 2 and "Diverged" in box.status.value
    assert "diverged" in shown[1][1][0]
    steps.value = 60
    assert len(shown) == 3
    assert plt.get_fignums() == []


@pytest.mark.parametrize("kwargs, match", [
    ({"gamma": 6.0}, "gamma"),
    ({"gamma": -1.0}, "gamma"),
    ({"alpha": 2.0}, "alpha"),
])
def test_focal_explorer_rejects_bad_starting_values(kwargs, match, shown):
    with pytest.raises(ValueError, match=match):
        focal_loss_explorer(**kwargs)
    assert shown == []


@pytest.mark.parametrize("args, kwargs, match", [
    ((X, Y), {"lr": 2.0}, "lr"),
    ((X, Y), {"lr": 0.0}, "lr"),
    ((X, Y), {"steps": 500}, "steps"),
    ((X, Y[:-1]), {}, "`x` has 20"),
])
def test_learning_rate_explorer_rejects_bad_input(args, kwargs, match, shown):
    with pytest.raises(ValueError, match=match):
        learning_rate_explorer(*args, **kwargs)
    assert shown == []


def test_explorers_read_sensibly_without_a_kernel():
    from lecturelib.datasets import linear_regression_data
    from lecturelib.widgets import (class_separation_explorer, focal_loss_explorer,
                                    learning_rate_explorer, prevalence_explorer,
                                    threshold_explorer)

    x, y = linear_regression_data()
    boxes = [focal_loss_explorer(), learning_rate_explorer(x, y), class_separation_explorer(),
             prevalence_explorer(), threshold_explorer([0, 1, 1, 0], [0.1, 0.8, 0.6, 0.4])]
    for box in boxes:
        bundle = box._repr_mimebundle_()
        # Live frontends render the widget; GitHub, nbviewer and slides fall back to the note.
        assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
        assert "run the notebook" in bundle["text/plain"]
        assert "VBox(" not in bundle["text/plain"]
        assert "<i>" in bundle["text/html"]
