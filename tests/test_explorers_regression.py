"""Outlier explorer: the pure update function, its figure, and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib import regression  # noqa: E402
from lecturelib.explorers.regression import (  # noqa: E402
    OUTLIER_X,
    OUTLIER_Y,
    RESIDUAL_OPTIONS,
    SWEEP_POINTS,
    OutlierFigure,
    outlier_explorer,
    outlier_figure,
    outlier_state,
)
from tests.helpers import (  # noqa: E402
    IPYWIDGETS_7,
    core_widgets,
    figure_png,
    same_picture,
)


LOW, HIGH = -7.0, 25.5  # the slider's range for the default data
METRICS = {
    "mse": (regression.mean_squared_error, skm.mean_squared_error),
    "rmse": (regression.root_mean_squared_error, skm.root_mean_squared_error),
    "mae": (regression.mean_absolute_error, skm.mean_absolute_error),
    "medae": (regression.median_absolute_error, skm.median_absolute_error),
    "mape": (regression.mean_absolute_percentage_error, skm.mean_absolute_percentage_error),
    "r2": (regression.r2_score, skm.r2_score),
}


# ------------------------------------------------------------------------ outlier_state

def test_default_data_is_sixteen_points_around_a_line():
    assert OUTLIER_X.shape == OUTLIER_Y.shape == (16,)
    assert np.all(np.diff(OUTLIER_X) > 0)
    slope, intercept = regression.fit_line(OUTLIER_X, OUTLIER_Y)
    assert slope == pytest.approx(2.0, abs=0.1) and intercept == pytest.approx(1.0, abs=0.5)
    with pytest.raises(ValueError):  # read-only: the module's data cannot be changed
        OUTLIER_Y[0] = 5.0


@pytest.mark.parametrize("outlier_y, point", [(22.0, None), (-7.0, 16), (25.5, 1), (0.0, 8),
                                              (11.4, 16), (3.25, 5)])
def test_state_numbers_equal_lecturelib_and_sklearn(outlier_y, point):
    state = outlier_state(outlier_y, point)
    index = (16 if point is None else point) - 1
    y = OUTLIER_Y.copy()
    y[index] = outlier_y
    np.testing.assert_array_equal(state["y"], y)
    np.testing.assert_array_equal(state["x"], OUTLIER_X)
    assert state["index"] == index and state["point"] == index + 1
    assert (state["outlier_x"], state["outlier_y"]) == (OUTLIER_X[index], outlier_y)
    assert state["original_y"] == OUTLIER_Y[index]
    for loss in ("squared", "absolute"):
        fit = state["fits"][loss]
        assert (fit["slope"], fit["intercept"]) == regression.fit_line(OUTLIER_X, y, loss=loss)
        assert (fit["original_slope"], fit["original_intercept"]) == regression.fit_line(
            OUTLIER_X, OUTLIER_Y, loss=loss)
        np.testing.assert_array_equal(fit["y_pred"], fit["slope"] * OUTLIER_X + fit["intercept"])
        np.testing.assert_array_equal(fit["residuals"], y - fit["y_pred"])
        for key, (ours, sklearns) in METRICS.items():
            assert fit["metrics"][key] == ours(y, fit["y_pred"])
            assert fit["metrics"][key] == pytest.approx(sklearns(y, fit["y_pred"]), rel=1e-12)
    # The least-squares line is scikit-learn's; the LAD line has the least sum of |residuals|
    # of any line through two of the points (some optimal line always does).
    model = LinearRegression().fit(OUTLIER_X[:, None], y)
    squared, absolute = state["fits"]["squared"], state["fits"]["absolute"]
    assert squared["slope"] == pytest.approx(model.coef_[0], rel=1e-12)
    assert squared["intercept"] == pytest.approx(model.intercept_, rel=1e-12, abs=1e-12)
    i, j = np.triu_indices(16, k=1)
    slopes = (y[j] - y[i]) / (OUTLIER_X[j] - OUTLIER_X[i])
    sums = np.abs(y - (y[i] - slopes * OUTLIER_X[i])[:, None] - slopes[:, None] * OUTLIER_X).sum(1)
    assert absolute["metrics"]["mae"] * 16 == pytest.approx(sums.min(), rel=1e-12)


@pytest.mark.parametrize("outlier_y, point", [(22.0, 16), (-7.0, 16), (25.5, 1), (0.0, 8)])
def test_each_fit_wins_the_metric_it_minimises(outlier_y, point):
    fits = outlier_state(outlier_y, point)["fits"]
    squared, absolute = fits["squared"]["metrics"], fits["absolute"]["metrics"]
    assert squared["mse"] <= absolute["mse"] and squared["rmse"] <= absolute["rmse"]
    assert squared["r2"] >= absolute["r2"]
    assert absolute["mae"] <= squared["mae"]


def test_the_mae_fit_moves_less_than_the_mse_fit():
    """The notebook's claim: drag a point away and the MSE fit follows it, while the MAE fit
    hardly moves (once the point is an outlier, not at all)."""
    heights = np.arange(LOW, HIGH + 0.25, 0.5)
    for point in range(1, 17):
        states = [outlier_state(h, point) for h in heights]
        shift = {loss: np.array([s["fits"][loss]["shift"] for s in states])
                 for loss in ("squared", "absolute")}
        # Over the whole slider, the MAE fit's largest move is under a quarter of the MSE fit's.
        assert shift["absolute"].max() < 0.25 * shift["squared"].max(), point
        # And for every height 5 or more from the point's own, it moves less.
        far = np.abs(heights - OUTLIER_Y[point - 1]) >= 5
        assert np.all(shift["absolute"][far] < shift["squared"][far]), point
    # The default view: the point far above at the right end; the MAE fit has not moved.
    state = outlier_state()
    assert state["fits"]["absolute"]["shift"] == 0.0
    assert state["fits"]["squared"]["shift"] > 2
    assert "the MAE fit by up to 0.00" in state["message"]


def test_shift_is_the_largest_vertical_move_of_the_line_over_the_data():
    state = outlier_state(-7.0, 16)
    x = np.linspace(OUTLIER_X.min(), OUTLIER_X.max(), 1001)
    for fit in state["fits"].values():
        before = fit["original_slope"] * x + fit["original_intercept"]
        after = fit["slope"] * x + fit["intercept"]
        assert fit["shift"] == pytest.approx(np.abs(after - before).max(), rel=1e-12)


def test_sweep_predicts_at_the_dragged_point_for_every_height():
    state = outlier_state(22.0, 3)
    heights = state["sweep_y"]
    assert heights.size == SWEEP_POINTS and (heights[0], heights[-1]) == (LOW, HIGH)
    assert state["outlier_range"] == (LOW, HIGH, 0.5)
    for k in (0, 17, SWEEP_POINTS - 1):
        y = OUTLIER_Y.copy()
        y[2] = heights[k]
        for loss, values in state["sweep_pred"].items():
            slope, intercept = regression.fit_line(OUTLIER_X, y, loss=loss)
            assert values[k] == slope * OUTLIER_X[2] + intercept
    # Least squares follows the point along a straight line whose slope is its leverage.
    leverage = 1 / 16 + (OUTLIER_X[2] - OUTLIER_X.mean()) ** 2 / np.sum(
        (OUTLIER_X - OUTLIER_X.mean()) ** 2)
    np.testing.assert_allclose(np.diff(state["sweep_pred"]["squared"]) / np.diff(heights),
                               leverage, rtol=1e-9)


def test_state_accepts_other_data_and_a_range_around_it():
    x = [0, 1, 2, 3, 4]
    state = outlier_state(30.0, x=x, y=[1, 3, 5, 7, 9])
    assert state["point"] == 5
    assert state["fits"]["absolute"]["slope"] == 2.0  # four points on y = 2x + 1 hold it
    low, high, step = state["outlier_range"]
    assert low <= 1 - 8 and high >= 9 + 12 and step > 0
    assert state["sweep_y"][-1] == 30.0  # the sweep reaches a height outside the range
    # Points are numbered from the left: the data are sorted by x.
    state = outlier_state(0.0, 1, x=[3, 1, 2, 4], y=[30, 10, 20, 40])
    np.testing.assert_array_equal(state["x"], [1, 2, 3, 4])
    np.testing.assert_array_equal(state["y"], [0, 20, 30, 40])
    assert (state["outlier_x"], state["original_y"]) == (1.0, 10.0)
    # Equal heights still give a range to drag in.
    low, high, step = outlier_state(5.0, x=[1, 2, 3], y=[5, 5, 5])["outlier_range"]
    assert low <= 0 and high >= 12.5 and 0 < step <= 1


def test_message_flags_a_zero_true_value_for_mape():
    state = outlier_state(0.0, 8)
    assert state["fits"]["squared"]["metrics"]["mape"] > 1e10
    assert "MAPE divides by (almost) zero" in state["message"]
    assert "MAPE" not in outlier_state(0.5, 8)["message"]


@pytest.mark.parametrize("args, kwargs, match", [
    ((float("nan"),), {}, "outlier_y"),
    (("3",), {}, "outlier_y"),
    ((True,), {}, "outlier_y"),
    ((1.0, 0), {}, "point"),
    ((1.0, 17), {}, "point"),
    ((1.0, 2.0), {}, "point"),
    ((1.0,), {"x": [1, 2, 3]}, "both `x` and `y`"),
    ((1.0,), {"x": [1, 2], "y": [1, 2]}, "at least 3"),
    ((1.0,), {"x": [1, 1, 1], "y": [1, 2, 3]}, "`x` has one value"),
    ((1.0,), {"x": [1, 2, 3], "y": [1, 2]}, "different numbers"),
    ((1.0,), {"x": [1, 2, np.inf], "y": [1, 2, 3]}, "`x`.*NaN or infinity"),
    ((1.0,), {"x": [[1, 2, 3]], "y": [1, 2, 3]}, "`x` must be 1-D"),
])
def test_state_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        outlier_state(*args, **kwargs)


@pytest.mark.parametrize("kwargs, match", [
    ({"outlier_y": float("inf")}, "outlier_y"),
    ({"point": 20}, "point"),
    ({"residuals": "all"}, "residuals"),
    ({"x": [1, 2], "y": [3, 4]}, "at least 3"),
])
def test_explorer_rejects_bad_input_and_draws_nothing(kwargs, match):
    with pytest.raises(ValueError, match=match):
        outlier_explorer(**kwargs)
    assert plt.get_fignums() == []


def test_figure_rejects_an_unknown_residual_choice():
    with pytest.raises(ValueError, match="residuals"):
        outlier_figure(outlier_state(), residuals="none")


# ------------------------------------------------------------------------------ figure

def test_figure_has_its_panels_lines_and_legend():
    state = outlier_state()
    fig = outlier_figure(state)
    assert [ax.get_title() for ax in fig.axes] == [
        "Point 16 dragged to y = 22 (residuals of both fits)", "How far each fit follows it",
        "Both fits on every metric"]
    [legend] = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "data", "dragged point (hollow: where it was)", "least squares (MSE fit)",
        "least absolute deviations (MAE fit)"]
    table = " ".join(t.get_text() for t in fig.axes[2].texts)
    for fit in state["fits"].values():
        for key in ("mse", "rmse", "mae", "medae", "r2"):
            assert f"{fit['metrics'][key]:.3f}" in table
        assert f"{100 * fit['metrics']['mape']:.1f}%" in table
    for name in ("MSE", "RMSE", "MAE", "MedAE", "MAPE", "R²", "MSE fit", "MAE fit"):
        assert name in table
    plt.close(fig)


def test_residual_segments_follow_the_menu():
    state = outlier_state()
    counts = {}
    for residuals in RESIDUAL_OPTIONS:
        fig = outlier_figure(state, residuals=residuals)
        # Residuals are drawn as one line per fit, a segment per point; the menu shows
        # and hides them.
        lines = {line.get_gid(): line for line in fig.axes[0].get_lines()
                 if (line.get_gid() or "").startswith("residuals") and line.get_visible()}
        counts[residuals] = sorted(lines)
        for gid, line in lines.items():
            y_pred = state["fits"][gid.split()[1]]["y_pred"]
            ys = np.asarray(line.get_ydata(), dtype=float).reshape(-1, 3)
            np.testing.assert_array_equal(ys[:, 0], state["y"])
            np.testing.assert_array_equal(ys[:, 1], y_pred)
        plt.close(fig)
    assert counts == {"both fits": ["residuals absolute", "residuals squared"],
                      "MSE fit": ["residuals squared"], "MAE fit": ["residuals absolute"],
                      "neither": []}


@pytest.mark.parametrize("before, after", [
    ({"outlier_y": 22.0}, {"outlier_y": 22.5}),
    ({"outlier_y": LOW}, {"outlier_y": LOW + 0.5}),
    ({"outlier_y": HIGH}, {"outlier_y": HIGH - 0.5}),
    ({"point": 16}, {"point": 15}),
    ({"point": 1}, {"point": 2}),
])
def test_one_slider_step_changes_the_figure(before, after):
    images = [figure_png(outlier_figure(outlier_state(**kwargs))) for kwargs in (before, after)]
    assert images[0] != images[1]


def test_every_residual_choice_draws_a_different_figure():
    state = outlier_state(LOW, 1)
    images = {figure_png(outlier_figure(state, residuals=r)) for r in RESIDUAL_OPTIONS}
    assert len(images) == len(RESIDUAL_OPTIONS)


def test_figure_is_deterministic():
    images = [figure_png(outlier_figure(outlier_state(7.5, 4))) for _ in range(2)]
    assert images[0] == images[1]


# ---------------------------------------------------------------------------- explorer


def test_explorer_redraws_when_each_control_changes():
    box = outlier_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert list(box.controls) == ["outlier_y", "point", "residuals"]
    height, point, menu = box.controls.values()
    assert isinstance(height, ipywidgets.FloatSlider)
    assert (height.description, height.min, height.max, height.step, height.value) == (
        "outlier y", LOW, HIGH, 0.5, 22.0)
    assert isinstance(point, ipywidgets.IntSlider)
    assert (point.description, point.min, point.max, point.value) == ("which point", 1, 16, 16)
    assert height.continuous_update and point.continuous_update  # they follow a drag
    assert isinstance(menu, ipywidgets.Dropdown)
    assert (menu.description, list(menu.options), menu.value) == (
        "residuals of", list(RESIDUAL_OPTIONS), "both fits")
    assert isinstance(box.live, OutlierFigure) and isinstance(box.image, ipywidgets.Image)
    # The first frame is the static twin's picture.
    assert same_picture(box.image.value, outlier_figure(outlier_state()))
    assert box.status.value == html.escape(outlier_state()["message"])

    # As the browser test drives them: each slider to its end and back, each menu option.
    changes = [(height, HIGH), (height, LOW), (point, 16), (point, 1), (menu, "MSE fit"),
               (menu, "MAE fit"), (menu, "neither"), (menu, "both fits")]
    frames = [box.image.value]
    for control, value in changes:
        drawn = box.coalescer.frames
        control.value = value
        box.flush()
        if control is point and value == 16:
            assert box.coalescer.frames == drawn  # already there: no change, no redraw
            continue
        assert box.coalescer.frames == drawn + 1, (control.description, value)
        assert box.image.value != frames[-1], (control.description, value)
        frames.append(box.image.value)
    state = outlier_state(LOW, 1)
    assert same_picture(box.image.value, outlier_figure(state))
    assert box.live.scatter_title.get_text() == (
        "Point 1 dragged to y = -7 (residuals of both fits)")
    assert box.status.value.startswith("Point 1 (x = 0.5) moved from y = 2.2 to -7:")
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_explorer_starts_where_asked_and_takes_other_data():
    box = outlier_explorer(outlier_y=40.0, point=8, residuals="MAE fit")
    height = box.controls["outlier_y"]
    assert (height.value, height.max) == (40.0, 40.0)  # the range widens to the start
    assert box.live.scatter_title.get_text() == (
        "Point 8 dragged to y = 40 (residuals of the MAE fit)")
    assert same_picture(box.image.value,
                        outlier_figure(outlier_state(40.0, 8), residuals="MAE fit"))
    # Back inside the data's range: the panels take the data's range and ticks again.
    height.value = 22.0
    box.flush()  # drawn now, even where an event loop runs (the browser tests keep one)
    assert same_picture(box.image.value,
                        outlier_figure(outlier_state(22.0, 8), residuals="MAE fit"))

    x, y = [0, 1, 2, 3, 4, 5], [1.0, 2.9, 5.2, 7.0, 9.1, 11.0]
    box = outlier_explorer(x, y)
    assert box.controls["point"].max == 6
    box.controls["outlier_y"].value = box.controls["outlier_y"].max
    box.flush()
    state = outlier_state(box.controls["outlier_y"].max, x=x, y=y)
    assert box.status.value == html.escape(state["message"])
    assert same_picture(box.image.value, outlier_figure(state))


def test_kernel_free_frames_cover_the_lessons_points_and_heights(tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("LECTURELIB_FRAMES", str(tmp_path))
    outlier_explorer()
    [path] = tmp_path.iterdir()
    bundle = json.loads(path.read_text(encoding="utf-8"))
    heights, points = bundle["controls"]
    assert (heights["name"], points["name"]) == ("outlier_y", "point")
    # The first, the middle and the last point; heights 2.5 apart through the start, 22.
    assert points["values"] == [1, 8, 16] and points["values"][points["initial"]] == 16
    assert heights["values"] == [-5.5 + 2.5 * i for i in range(13)]
    assert heights["values"][heights["initial"]] == 22.0
    assert heights["readout"][heights["initial"]] == "22.0"
    assert len(bundle["frames"]) == 13 * 3
    assert bundle["messages"]["en"][heights["initial"] * 3 + points["initial"]] == (
        outlier_state()["message"])
    assert path.stat().st_size <= 1_500_000


def test_package_re_exports_the_regression_explorer():
    from lecturelib.explorers import regression as module

    assert module.__all__ == ["outlier_state", "outlier_figure", "outlier_explorer"]
    for name in module.__all__:
        assert getattr(explorers, name) is getattr(module, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_explorer_reads_sensibly_without_a_kernel():
    bundle = outlier_explorer()._repr_mimebundle_()
    assert "run the notebook" in bundle["text/plain"]
