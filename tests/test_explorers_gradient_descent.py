"""Learning-rate explorer: gradient descent on a line, its figure, and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import json  # noqa: E402
import warnings  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from tests.helpers import assert_same_picture, core_widgets, figure_png  # noqa: E402

from lecturelib.explorers.gradient_descent import (  # noqa: E402
    gradient_descent_figure,
    gradient_descent_path,
    learning_rate_explorer,
    learning_rate_state,
)


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


def test_message_speaks_the_chosen_language(monkeypatch):
    """The message is English templates filled in after translation: with Korean ones in the
    catalog the sentence and the advice it holds come out in Korean, the numbers unchanged."""
    import re

    from lecturelib import i18n

    english = gradient_descent_path(X, Y, lr=1e-4, steps=30)["message"]
    slow = ("Slow: after {steps} steps the loss is {loss}, still {times} times the best "
            "possible {best}; {advice}.")
    advice = ("take more steps or raise the learning rate (it is {lr}; above {limit} it "
              "diverges)")
    monkeypatch.setitem(i18n._catalogs, "ko", {
        slow: "느림: {steps}단계 뒤 손실은 {loss}로, 아직 가능한 최선 {best}의 {times}배입니다. "
              "{advice}.",
        advice: "단계를 늘리거나 학습률을 높이세요(지금 {lr}, {limit}보다 크면 발산합니다)",
    })
    monkeypatch.setattr(i18n, "_language", "en")  # restored after the test
    i18n.set_language("ko")
    i18n.untranslated()
    korean = gradient_descent_path(X, Y, lr=1e-4, steps=30)["message"]
    assert korean.startswith("느림: 30단계 뒤 손실은 ")
    assert "단계를 늘리거나 학습률을 높이세요(지금 0.0001, " in korean
    assert i18n.untranslated() == set()  # every part of it was looked up
    numbers = re.compile(r"\d[\d.,]*\d|\d")
    assert sorted(numbers.findall(korean)) == sorted(numbers.findall(english))
    i18n.set_language("en")
    assert gradient_descent_path(X, Y, lr=1e-4, steps=30)["message"] == english


# ------------------------------------------------------------------------ explorer


def test_learning_rate_explorer_follows_its_sliders():
    box = learning_rate_explorer(X, Y, lr=0.1, steps=30)
    lr, steps = box.controls["lr"], box.controls["steps"]
    assert isinstance(lr, ipywidgets.FloatLogSlider) and (lr.min, lr.max) == (-4, 0)
    assert isinstance(steps, ipywidgets.IntSlider)
    assert lr.continuous_update and steps.continuous_update  # follows a drag
    assert isinstance(box.image, ipywidgets.Image)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert box.status.value == html.escape(learning_rate_state(X, Y, lr=0.1, steps=30)["message"])
    assert "Diverged" not in box.status.value
    # The first frame is the static twin's picture.
    path = learning_rate_state(X, Y, lr=0.1, steps=30)
    first = box.image.value
    assert_same_picture(first, figure_png(gradient_descent_figure(X, Y, path)))

    lr.value = 1.0
    box.flush()
    assert "Diverged" in box.status.value and box.image.value != first
    assert "overshoots" in box.live.fit_title.get_text()
    diverged = box.image.value
    steps.value = 60
    box.flush()
    assert box.image.value not in (first, diverged)
    assert_same_picture(box.image.value, figure_png(gradient_descent_figure(
        X, Y, learning_rate_state(X, Y, lr=1.0, steps=60))))
    assert plt.get_fignums() == []  # the live figure is no pyplot figure


def test_learning_rate_explorer_records_its_frames_on_the_log_scale(tmp_path, monkeypatch):
    """The kernel-free version slides the learning rate in even steps of its exponent,
    as the slider moves, through the starting value."""
    monkeypatch.setenv("LECTURELIB_FRAMES", str(tmp_path))
    learning_rate_explorer(X, Y, lr=0.01, steps=100)
    bundle = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    (control,) = bundle["controls"]
    assert control["name"] == "lr" and control["label"] == "learning rate α"
    np.testing.assert_allclose(control["values"], 10.0 ** np.linspace(-4, 0, 41), rtol=1e-9)
    assert control["values"][control["initial"]] == 0.01
    assert control["readout"][:3] == ["0.0001", "0.00013", "0.00016"]
    assert len(bundle["frames"]) == 41 == len(bundle["messages"]["en"])
    assert bundle["messages"]["en"][-1].startswith("Diverged")


@pytest.mark.parametrize("args, kwargs, match", [
    ((X, Y), {"lr": 2.0}, "lr"),
    ((X, Y), {"lr": 0.0}, "lr"),
    ((X, Y), {"steps": 500}, "steps"),
    ((X, Y[:-1]), {}, "`x` has 20"),
])
def test_learning_rate_explorer_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        learning_rate_explorer(*args, **kwargs)
    assert plt.get_fignums() == []
