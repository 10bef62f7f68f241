"""One outlier against two fitted lines: squared vs absolute error (notebook 07).

:func:`outlier_explorer` drags one point of a small data set up and down. Two lines are
fitted to the data after every move: the least-squares line (the one with the smallest
mean squared error, "the MSE fit") and the least-absolute-deviations line (the smallest
mean absolute error, "the MAE fit"). The squared error of a far point grows with the
square of its distance, so the MSE fit bends towards it; under the absolute error a point
pulls only by which side of the line it lies on, never by how far, so the MAE fit hardly
moves. The figure shows both lines with their
residuals, where each fit puts the dragged point for every height of it, and MSE, RMSE,
MAE, MedAE, MAPE and R² of both fits. Every number comes from
:mod:`lecturelib.regression`.
"""

from __future__ import annotations

import numbers
from collections import OrderedDict

import numpy as np

from .._validation import as_float_array, check_consistent_length
from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._shell import LiveFigure, _axes, _detached, _explorer_box
from .segmentation import _hand_ticks

__all__ = [
    "outlier_state",
    "outlier_figure",
    "outlier_explorer",
]

# The default data: 16 points, evenly spaced in x, around y = 2x + 1 with Gaussian noise
# (sd 0.7, seed 1), rounded to one decimal so the numbers read in a table.
OUTLIER_X = np.round(np.linspace(0.5, 5.0, 16), 1)
OUTLIER_Y = np.array([2.2, 3.2, 3.4, 2.9, 5.0, 5.3, 5.2, 6.6, 7.1, 7.6, 8.0, 9.0, 8.7, 9.7,
                      10.1, 11.4])
OUTLIER_X.flags.writeable = False
OUTLIER_Y.flags.writeable = False
# Where the dragged point starts: the last one, far right, where a point's pull on a
# least-squares line (its leverage) is largest, and high above the others.
DEFAULT_OUTLIER_Y = 22.0

# The two fits, in the order they are drawn and tabulated: lecturelib.regression.fit_line's
# `loss`, the column heading, the legend text, colour and line style (Okabe-Ito colours,
# told apart by the dash too).
_FITS = (
    ("squared", "MSE fit", "least squares (MSE fit)", "#0072B2", "-"),
    ("absolute", "MAE fit", "least absolute deviations (MAE fit)", "#D55E00", "--"),
)
# The residual menu: label -> which fits show their residuals.
RESIDUAL_OPTIONS = {
    "both fits": ("squared", "absolute"),
    "MSE fit": ("squared",),
    "MAE fit": ("absolute",),
    "neither": (),
}
# The metrics, in the table's order: key, row label, whether larger is better.
_METRICS = (
    ("mse", "MSE", False),
    ("rmse", "RMSE", False),
    ("mae", "MAE", False),
    ("medae", "MedAE", False),
    ("mape", "MAPE", False),
    ("r2", "R²", True),
)
# How many heights of the dragged point the middle panel's curves are computed at.
SWEEP_POINTS = 61

_POINT_COLOUR = "0.25"
_DRAGGED_COLOUR = "#CC79A7"
_GRID_COLOUR = "0.9"

# Panel places in inches (left, bottom, width, height): fixed, because every label has a
# known size, and a layout engine would cost a second full draw per slider move.
_FIGSIZE = (12.6, 4.0)
_SCATTER = (0.75, 1.0, 4.5, 2.55)
_SWEEP = (6.0, 1.0, 2.45, 2.55)
_TABLE = (8.85, 1.0, 3.6, 2.55)
_LABELPAD = 18
_TABLE_LINESPACING = 1.85


def _check_data(x, y):
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    check_consistent_length(x=x, y=y)
    if x.size < 3:
        raise ValueError(f"`x` and `y` hold {x.size} point(s); pass at least 3, so that one "
                         "can be dragged away from a line through the others.")
    if np.ptp(x) == 0:
        raise ValueError("`x` has one value only; a line needs points at two x values at "
                         "least.")
    # Sorted by x, so that the points are numbered from the left.
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def _check_point(point, n):
    if point is None:
        return n
    if isinstance(point, bool) or not isinstance(point, numbers.Integral) or not 1 <= point <= n:
        raise ValueError(f"`point` must be a whole number from 1 to {n} (the points are "
                         f"numbered from the left, 1 to {n}), got {point!r}.")
    return int(point)


def _check_residuals(residuals):
    if residuals not in RESIDUAL_OPTIONS:
        raise ValueError(f"`residuals` must be one of {list(RESIDUAL_OPTIONS)}, got "
                         f"{residuals!r}.")
    return residuals


def _nice_step(target):
    exponent = np.floor(np.log10(target))
    return max(m * 10.0 ** e for e in (exponent - 1, exponent) for m in (1, 2, 5)
               if m * 10.0 ** e <= target * (1 + 1e-9))


def _outlier_range(y):
    """The dragged point's range (low, high, step): from a span of the data below it to
    one and a half spans above, in about 60 round steps."""
    if y is OUTLIER_Y or np.array_equal(y, OUTLIER_Y):
        return -7.0, 25.5, 0.5
    span = float(np.ptp(y)) or max(1.0, float(np.abs(y).max()))  # all equal: their size
    step = _nice_step(span / 20)
    low = np.floor((y.min() - span) / step) * step
    high = np.ceil((y.max() + 1.5 * span) / step) * step
    return float(low), float(high), float(step)


def _evaluate(y_true, y_pred):
    from .. import regression

    return {
        "mse": float(regression.mean_squared_error(y_true, y_pred)),
        "rmse": float(regression.root_mean_squared_error(y_true, y_pred)),
        "mae": float(regression.mean_absolute_error(y_true, y_pred)),
        "medae": float(regression.median_absolute_error(y_true, y_pred)),
        "mape": float(regression.mean_absolute_percentage_error(y_true, y_pred)),
        "r2": float(regression.r2_score(y_true, y_pred)),
    }


# Sweeps per (data, point): the slider for the outlier's height moves far more often than
# the other two, and the sweep does not depend on it. A few entries only: a new data set
# or point pays the sweep once.
_SWEEP_CACHE = OrderedDict()
_SWEEP_CACHE_SIZE = 64


def _sweep(x, y, index, low, high):
    """Fitted value of both fits at the dragged point, for SWEEP_POINTS of its heights."""
    from ..regression import fit_line

    key = (x.tobytes(), y.tobytes(), index, low, high)
    cached = _SWEEP_CACHE.get(key)
    if cached is None:
        heights = np.linspace(low, high, SWEEP_POINTS)
        moved = y.copy()
        predictions = {}
        for loss, *_unused in _FITS:
            values = np.empty(SWEEP_POINTS)
            for k, height in enumerate(heights):
                moved[index] = height
                slope, intercept = fit_line(x, moved, loss=loss)
                values[k] = slope * x[index] + intercept
            values.flags.writeable = False
            predictions[loss] = values
        heights.flags.writeable = False
        cached = (heights, predictions)
        _SWEEP_CACHE[key] = cached
        if len(_SWEEP_CACHE) > _SWEEP_CACHE_SIZE:
            _SWEEP_CACHE.popitem(last=False)
    else:
        _SWEEP_CACHE.move_to_end(key)
    heights, predictions = cached
    return heights, dict(predictions)


def outlier_state(outlier_y=DEFAULT_OUTLIER_Y, point=None, *, x=None, y=None):
    r"""Both fitted lines and their metrics when one point is moved to height ``outlier_y``.

    Point number ``point`` (counted from the left, from 1) is moved to ``outlier_y``; then
    two lines :math:`\hat y = a x + b` are fitted to all the points with
    :func:`lecturelib.regression.fit_line`:

    .. math::
        \text{MSE fit: } \min_{a, b} \frac{1}{n} \sum_i (y_i - a x_i - b)^2, \qquad
        \text{MAE fit: } \min_{a, b} \frac{1}{n} \sum_i |y_i - a x_i - b|.

    Each fit is scored with :mod:`lecturelib.regression`'s ``mean_squared_error``,
    ``root_mean_squared_error``, ``mean_absolute_error``, ``median_absolute_error``,
    ``mean_absolute_percentage_error`` and ``r2_score`` (scikit-learn's definitions; MAPE
    is a fraction, 0.1 meaning 10%). Each fit has the best value of the metric it
    minimises: the MSE fit the lowest MSE and RMSE (and the highest R²), the MAE fit the
    lowest MAE.

    Parameters
    ----------
    outlier_y : float, default 22.0
        New height of the dragged point; any finite number.
    point : int, optional
        Which point is dragged, 1 to n from the left; by default the last (rightmost)
        one, whose pull on the MSE fit is largest.
    x, y : array-like of shape (n,), optional
        The data, at least 3 finite points at two x values at least, sorted here by x
        (so the points are numbered from the left); by default :data:`OUTLIER_X` and
        :data:`OUTLIER_Y`, 16 points around y = 2x + 1.

    Returns
    -------
    dict
        ``x``, ``y`` : ndarray
            The data (sorted by x) with the point moved; ``y_original`` before the move.
        ``point`` : int
            1-based; ``index`` is the 0-based position, ``outlier_x`` its x and
            ``original_y`` its height before the move, ``outlier_y`` after.
        ``fits`` : dict
            ``"squared"`` (the MSE fit) and ``"absolute"`` (the MAE fit), each a dict
            with ``slope``, ``intercept``, ``y_pred`` (its values at ``x``),
            ``residuals`` (``y - y_pred``), ``metrics`` (``mse``, ``rmse``, ``mae``,
            ``medae``, ``mape``, ``r2``), ``original_slope`` and ``original_intercept``
            (the fit before the move) and ``shift`` (the largest vertical distance
            between the fit before and after the move, over the data's x range).
        ``outlier_range`` : (low, high, step)
            The slider's range for ``outlier_y``.
        ``sweep_y`` : ndarray
            Heights of the dragged point across that range, and ``sweep_pred``, a
            dict with, for both fits, the fitted value at the dragged point's x for each
            height: how far each line follows the point.
        ``message`` : str
            One plain-text sentence, as the explorer shows it.

    Raises
    ------
    ValueError
        If ``outlier_y`` is not a finite number, ``point`` not a whole number from 1 to
        n, or ``x`` and ``y`` are not equally long 1-D finite data with 3 points or more
        at two x values at least.

    Examples
    --------
    >>> state = outlier_state(22.0)
    >>> state["point"], float(state["outlier_x"]), float(state["original_y"])
    (16, 5.0, 11.4)
    >>> squared, absolute = state["fits"]["squared"], state["fits"]["absolute"]
    >>> bool(squared["shift"] > 2 * absolute["shift"])  # the MAE fit hardly moves
    True
    >>> bool(squared["metrics"]["mse"] < absolute["metrics"]["mse"])
    True
    >>> bool(absolute["metrics"]["mae"] < squared["metrics"]["mae"])
    True
    """
    from .. import regression

    if x is None and y is None:
        x, y_original = OUTLIER_X, OUTLIER_Y
    elif x is None or y is None:
        raise ValueError("Pass both `x` and `y`, or neither (for the default data).")
    else:
        x, y_original = _check_data(x, y)
    n = x.size
    point = _check_point(point, n)
    outlier_y = _check_real(outlier_y, "outlier_y")
    index = point - 1
    y = np.array(y_original, dtype=float)
    y[index] = outlier_y
    low, high, step = _outlier_range(y_original)
    span = np.array([x.min(), x.max()])

    fits = {}
    for loss, *_unused in _FITS:
        slope, intercept = regression.fit_line(x, y, loss=loss)
        slope0, intercept0 = regression.fit_line(x, y_original, loss=loss)
        slope, intercept = float(slope), float(intercept)
        y_pred = slope * x + intercept
        fits[loss] = {
            "slope": slope,
            "intercept": intercept,
            "y_pred": y_pred,
            "residuals": y - y_pred,
            "metrics": _evaluate(y, y_pred),
            "original_slope": float(slope0),
            "original_intercept": float(intercept0),
            # A line's largest vertical move over an interval is at one of its ends.
            "shift": float(np.max(np.abs((slope - slope0) * span + intercept - intercept0))),
        }
    sweep_y, sweep_pred = _sweep(x, np.asarray(y_original, dtype=float), index,
                                 min(low, outlier_y), max(high, outlier_y))

    squared, absolute = fits["squared"], fits["absolute"]
    message = _(
        "Point {point} (x = {x}) moved from y = {original_y} to {outlier_y}: the MSE fit "
        "moved by up to {mse_shift} (slope {mse_slope_before} → {mse_slope}), the MAE fit "
        "by up to {mae_shift} (slope {mae_slope_before} → {mae_slope}). MSE {mse_of_mse_fit} "
        "vs {mse_of_mae_fit}, MAE {mae_of_mse_fit} vs {mae_of_mae_fit} (MSE fit vs MAE fit)."
    ).format(
        point=point, x=f"{x[index]:g}", original_y=f"{y_original[index]:g}",
        outlier_y=f"{outlier_y:g}", mse_shift=f"{squared['shift']:.2f}",
        mse_slope_before=f"{squared['original_slope']:.2f}",
        mse_slope=f"{squared['slope']:.2f}", mae_shift=f"{absolute['shift']:.2f}",
        mae_slope_before=f"{absolute['original_slope']:.2f}",
        mae_slope=f"{absolute['slope']:.2f}",
        mse_of_mse_fit=f"{squared['metrics']['mse']:.3g}",
        mse_of_mae_fit=f"{absolute['metrics']['mse']:.3g}",
        mae_of_mse_fit=f"{squared['metrics']['mae']:.3g}",
        mae_of_mae_fit=f"{absolute['metrics']['mae']:.3g}")
    if np.any(np.abs(y) < 1e-6 * max(1.0, float(np.abs(y).max()))):
        message += " " + _("A true value is 0, so MAPE divides by (almost) zero and explodes.")
    return {
        "x": x,
        "y": y,
        "y_original": y_original,
        "point": point,
        "index": index,
        "outlier_x": float(x[index]),
        "original_y": float(y_original[index]),
        "outlier_y": outlier_y,
        "fits": fits,
        "outlier_range": (low, high, step),
        "sweep_y": sweep_y,
        "sweep_pred": sweep_pred,
        "message": message,
    }


def _round_ticks(low, high, count=4):
    """Round tick positions inside [low, high], at most ``count + 1`` of them, at the
    smallest step of 1, 2 or 5 times a power of ten that allows it."""
    span = high - low if high > low else 1.0
    exponent = np.floor(np.log10(span / count))
    step = min(m * 10.0 ** e for e in (exponent, exponent + 1) for m in (1, 2, 5)
               if span / (m * 10.0 ** e) <= count)
    ticks = np.arange(np.ceil(low / step) * step, high + step * 1e-9, step)
    # + 0.0 turns -0.0 into 0.0, which prints without a sign.
    return [(float(t), f"{t + 0.0:g}") for t in np.round(ticks, 10)]


def _format_metric(key, value):
    if not np.isfinite(value):
        return "undefined"
    if key == "mape":
        value = 100 * value
        return f"{value:.3g}%" if abs(value) >= 1e4 else f"{value:.1f}%"
    if abs(value) >= 1e4:
        return f"{value:.3g}"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"


# What the scatter's title says of the residuals shown, per menu choice.
_RESIDUAL_NOTES = {"both fits": "residuals of both fits", "MSE fit": "residuals of the MSE fit",
                   "MAE fit": "residuals of the MAE fit", "neither": "no residuals"}


def _height_range(state):
    """The heights the data and sweep panels span: the slider's range for the data, widened
    to the dragged point's height."""
    low, high, _unused = state["outlier_range"]
    return min(low, state["outlier_y"]), max(high, state["outlier_y"])


def _residual_segments(x, y, y_pred, dx):
    """A vertical segment from each point to the line, all in one line's data (NaN breaks)."""
    xs = np.repeat(x + dx, 3)
    xs[2::3] = np.nan
    ys = np.column_stack([y, y_pred, np.full(x.size, np.nan)]).ravel()
    return xs, ys


def _table_cells(state):
    """The table's value texts: per (column, bold), one line per metric (blank where the
    other text of that column holds it)."""
    cells = {(column, bold): [] for column in range(len(_FITS)) for bold in (False, True)}
    for key, _unused, larger_is_better in _METRICS:
        values = [state["fits"][loss]["metrics"][key] for loss, *_unused in _FITS]
        best = None
        if all(np.isfinite(values)) and values[0] != values[1]:
            best = int(np.argmax(values) if larger_is_better else np.argmin(values))
        for column, value in enumerate(values):
            text = _format_metric(key, value)
            cells[column, column == best].append(text)
            cells[column, column != best].append("")
    return cells


def outlier_figure(state, *, residuals="both fits"):
    """The data with both fitted lines, how far each follows the dragged point, and the
    metrics of both.

    Draws an :func:`outlier_state` result in three panels, side by side:

    a. the data, the dragged point (filled, with its original place as a hollow circle),
       the MSE fit (solid) and the MAE fit (dashed), and the residuals of the fit(s)
       chosen by ``residuals`` as vertical segments;
    b. for every height of the dragged point across the slider's range, the value each
       fit predicts at its x: the MSE fit follows the point along a straight line (its
       slope is the point's leverage), the MAE fit stays almost flat;
    c. MSE, RMSE, MAE, MedAE, MAPE and R² of both fits, one column per fit, the better of
       the two in bold.

    A legend of the lines and points runs below the panels. It is the static counterpart
    of :func:`outlier_explorer`, and draws the explorer's figure for the same values
    (:class:`OutlierFigure`, which the explorer updates in place). The layout is fixed
    (no layout engine).

    Parameters
    ----------
    state : dict
        From :func:`outlier_state`.
    residuals : {"both fits", "MSE fit", "MAE fit", "neither"}, default "both fits"
        Whose residuals panel a draws.

    Returns
    -------
    matplotlib.figure.Figure
        Three axes: data, sweep, table.
    """
    residuals = _check_residuals(residuals)
    return OutlierFigure(dict(state, residuals=residuals)).figure


class OutlierFigure(LiveFigure):
    """:func:`outlier_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    The state is an :func:`outlier_state` result with, optionally, ``residuals`` (the menu's
    choice, "both fits" when left out). Drawn once: the axes, ticks, grid, labels, legend,
    the sweep's diagonal and the table's labels. A new state moves the lines, the residual
    segments, the points, the sweep's curves, markers and cursor, and changes the data
    panel's title and the table's values. Only a height outside the data's range (a start
    far above it) changes the panels' ranges and ticks; then the figure is built anew.
    """

    def draw(self, state):
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=_FIGSIZE, dpi=FIGURE_DPI)
        self._build(fig, state)
        return fig

    def _build(self, fig, state):
        from matplotlib.lines import Line2D

        self.animated = []
        self.layout = self._layout(state)
        ax_data, ax_sweep, ax_table = (_axes(fig, _FIGSIZE, box)
                                       for box in (_SCATTER, _SWEEP, _TABLE))
        self._draw_scatter(ax_data, state)
        self._draw_sweep(ax_sweep)
        self._draw_table(ax_table)
        handles = [
            Line2D([], [], linestyle="none", marker="o", markersize=5.5, color=_POINT_COLOUR,
                   label="data"),
            Line2D([], [], linestyle="none", marker="o", markersize=9,
                   markerfacecolor=_DRAGGED_COLOUR, markeredgecolor="black",
                   label="dragged point (hollow: where it was)"),
        ] + [Line2D([], [], color=colour, linestyle=style, linewidth=2.2, label=label)
             for _loss, _heading, label, colour, style in _FITS]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4,
                   frameon=False, fontsize=9.5, handlelength=2.4, columnspacing=1.8,
                   borderaxespad=0.3)
        # Drawn over the background in the order a full draw stacks them (the panels do
        # not overlap, so one order serves all three).
        self.animated.sort(key=lambda artist: artist.get_zorder())
        self.update(state)

    @staticmethod
    def _layout(state):
        return _height_range(state), state["x"].tobytes()

    def _draw_scatter(self, ax, state):
        x = state["x"]
        low, high = _height_range(state)
        pad_y = 0.04 * (high - low)
        self.pad_x = 0.08 * np.ptp(x)
        x_low, x_high = x.min() - self.pad_x, x.max() + self.pad_x
        self.ends = np.array([x_low, x_high])
        self.residual_lines, self.fit_lines = {}, {}
        for loss, _heading, _legend, colour, style in _FITS:
            self.residual_lines[loss], = ax.plot([], [], color=colour, linewidth=1.1,
                                                 alpha=0.75, zorder=2, gid=f"residuals {loss}")
            self.fit_lines[loss], = ax.plot([], [], color=colour, linestyle=style,
                                            linewidth=2.2, zorder=3)
        self.others, = ax.plot([], [], linestyle="none", marker="o", markersize=5.5,
                               color=_POINT_COLOUR, zorder=4)
        # Where the dragged point was, and where it is.
        self.path, = ax.plot([], [], color=_DRAGGED_COLOUR, linestyle=":", linewidth=1.2,
                             zorder=1)
        self.origin, = ax.plot([], [], linestyle="none", marker="o", markersize=6,
                               markerfacecolor="white", markeredgecolor=_DRAGGED_COLOUR,
                               markeredgewidth=1.3, zorder=4)
        self.dragged, = ax.plot([], [], linestyle="none", marker="o", markersize=9,
                                markerfacecolor=_DRAGGED_COLOUR, markeredgecolor="black",
                                markeredgewidth=1.0, zorder=5, clip_on=False)
        ax.set_xlim(x_low, x_high)
        ax.set_ylim(low - pad_y, high + pad_y)
        x_ticks = _round_ticks(x_low, x_high, 6)
        y_ticks = _round_ticks(low, high, 4)
        for position, _unused in y_ticks:
            ax.axhline(position, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        _hand_ticks(ax, _SCATTER[2:], x=x_ticks, y=y_ticks)
        ax.set_xlabel("x", labelpad=_LABELPAD)
        ax.set_ylabel("y", labelpad=24)
        ax.set_title(" ", y=1.0, pad=6)
        self.scatter_title = ax.title
        self.animated += [*self.residual_lines.values(), *self.fit_lines.values(), self.others,
                          self.path, self.origin, self.dragged, self.scatter_title]

    def _draw_sweep(self, ax):
        low, high = self.layout[0]
        ax.plot([low, high], [low, high], color="0.6", linestyle=":", linewidth=1.2, zorder=1)
        # Animated, though it never changes: the cursor passes under it.
        label = ax.text(high - 0.03 * (high - low), high - 0.1 * (high - low),
                        "the point\nitself", ha="right", va="top", fontsize=8.5, color="0.45")
        self.sweep_curves, self.sweep_marks = {}, {}
        for loss, _heading, _legend, colour, style in _FITS:
            self.sweep_curves[loss], = ax.plot([], [], color=colour, linestyle=style,
                                               linewidth=2, zorder=3)
            self.sweep_marks[loss], = ax.plot([], [], linestyle="none", marker="o",
                                              markersize=7, color=colour,
                                              markeredgecolor="white", zorder=5,
                                              clip_on=False)
        self.cursor = ax.axvline(low, color=_DRAGGED_COLOUR, linewidth=1.2, zorder=2)
        pad = 0.04 * (high - low)
        ax.set_xlim(low - pad, high + pad)
        ax.set_ylim(low - pad, high + pad)
        ticks = _round_ticks(low, high, 4)
        for position, _unused in ticks:
            ax.axhline(position, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        _hand_ticks(ax, _SWEEP[2:], x=ticks, y=ticks)
        ax.set_xlabel("height of the dragged point", labelpad=_LABELPAD)
        ax.set_ylabel("fitted value there", labelpad=22)
        ax.set_title("How far each fit follows it", y=1.0, pad=6)
        self.animated += [*self.sweep_curves.values(), *self.sweep_marks.values(), self.cursor,
                          label]

    def _draw_table(self, ax):
        from matplotlib.lines import Line2D

        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        columns = (0.62, 0.97)  # right edges of the two value columns
        header_y, first_row = 0.9, 0.8
        for (_loss, heading, _unused, colour, style), right in zip(_FITS, columns):
            ax.text(right, header_y, heading, ha="right", va="center", fontweight="bold",
                    color=colour)
            ax.add_line(Line2D([right - 0.27, right], [header_y - 0.075] * 2, color=colour,
                               linestyle=style, linewidth=2.2))
        ax.text(0.0, header_y, "metric", va="center", color="0.35")
        ax.axhline(header_y - 0.125, color="0.3", linewidth=0.9)
        # One multi-line text per column, and per value column one for the normal and one
        # for the bold cells (blank lines stand for the others): lines of one size sit on
        # the same baselines, and five texts draw far faster than eighteen.
        common = {"va": "top", "linespacing": _TABLE_LINESPACING}
        ax.text(0.0, first_row, "\n".join(label for _key, label, _larger in _METRICS), **common)
        self.cells = {
            (column, bold): ax.text(columns[column], first_row, "", ha="right",
                                    multialignment="right",
                                    fontweight="bold" if bold else "normal", **common)
            for column in range(len(_FITS)) for bold in (False, True)}
        ax.text(0.0, 0.1,
                "bold: the better fit on that metric\n(lower is better, but higher for R²)",
                va="top", fontsize=8.5, color="0.35")
        ax.set_title("Both fits on every metric", y=1.0, pad=6)
        self.animated += list(self.cells.values())

    def update(self, state):
        if self._layout(state) != self.layout:
            # Another range of heights (hence other ticks), or other data: build anew, and
            # let the next render draw its background again.
            self.figure.clear()
            self._build(self.figure, state)
            self.invalidate()
            return
        residuals = _check_residuals(state.get("residuals", "both fits"))
        x, y, index = state["x"], state["y"], state["index"]
        shown = RESIDUAL_OPTIONS[residuals]
        # Residuals of two fits side by side, a hair apart, so both show.
        offsets = ({"squared": -0.1 * self.pad_x, "absolute": 0.1 * self.pad_x}
                   if len(shown) == 2 else {})
        for loss, *_unused in _FITS:
            fit = state["fits"][loss]
            residual_line = self.residual_lines[loss]
            residual_line.set_visible(loss in shown)
            residual_line.set_data(*_residual_segments(x, y, fit["y_pred"],
                                                       offsets.get(loss, 0.0)))
            self.fit_lines[loss].set_data(self.ends, fit["slope"] * self.ends + fit["intercept"])
            self.sweep_curves[loss].set_data(state["sweep_y"], state["sweep_pred"][loss])
            self.sweep_marks[loss].set_data([state["outlier_y"]], [fit["y_pred"][index]])
        others = np.arange(x.size) != index
        self.others.set_data(x[others], y[others])
        self.path.set_data([state["outlier_x"]] * 2, [state["original_y"], state["outlier_y"]])
        self.origin.set_data([state["outlier_x"]], [state["original_y"]])
        self.dragged.set_data([state["outlier_x"]], [state["outlier_y"]])
        self.scatter_title.set_text(f"Point {state['point']} dragged to y = "
                                    f"{state['outlier_y']:g} ({_RESIDUAL_NOTES[residuals]})")
        self.cursor.set_xdata([state["outlier_y"]] * 2)
        for key, lines in _table_cells(state).items():
            self.cells[key].set_text("\n".join(lines))
            self.cells[key].set_visible(any(lines))


def outlier_explorer(x=None, y=None, *, outlier_y=DEFAULT_OUTLIER_Y, point=None,
                     residuals="both fits"):
    """Drag one point up and down and watch the MSE fit follow it and the MAE fit not.

    Each move runs :func:`outlier_state` and updates the figure of :func:`outlier_figure`
    in place (:class:`OutlierFigure`), following a dragged slider; the line between the
    controls and the figure is the state's ``message``. Its kernel-free version (slides,
    web page) has frames for 13 heights, 2.5 apart for the default data, of the first,
    the middle and the last point, with the residuals of both fits: the notebook drags
    the last point and then compares the ends with the middle.

    Parameters
    ----------
    x, y : array-like of shape (n,), optional
        The data; by default :data:`OUTLIER_X` and :data:`OUTLIER_Y` (16 points).
    outlier_y : float, default 22.0
        Starting height of the dragged point. The slider (``outlier y``) runs from one
        span of the data below it to one and a half spans above (-7 to 25.5 in steps of
        0.5 for the default data), widened to include this value.
    point : int, optional
        Which point is dragged at the start, 1 to n from the left; by default the last.
        The slider ``which point`` changes it; the point left behind goes back to its
        place.
    residuals : {"both fits", "MSE fit", "MAE fit", "neither"}, default "both fits"
        Whose residuals are drawn at the start; the menu ``residuals of`` changes it.

    Returns
    -------
    ipywidgets.VBox
        The controls, the message and the figure, with attributes ``controls`` (dict with
        the ``outlier_y`` and ``point`` sliders and the ``residuals`` menu), ``status``,
        ``image`` (the figure), ``live`` (the :class:`OutlierFigure`) and ``flush()``.
    """
    import ipywidgets as widgets

    first = outlier_state(outlier_y, point, x=x, y=y)
    residuals = _check_residuals(residuals)
    x, y_original = first["x"], first["y_original"]
    low, high, step = first["outlier_range"]
    low, high = min(low, first["outlier_y"]), max(high, first["outlier_y"])
    decimals = int(max(0, -np.floor(np.log10(step))))
    style = {"description_width": "initial"}
    height_slider = widgets.FloatSlider(
        value=first["outlier_y"], min=low, max=high, step=step, description=_("outlier y"),
        continuous_update=True, readout_format=f".{decimals}f", style=style,
        layout=widgets.Layout(width="360px"))
    point_slider = widgets.IntSlider(
        value=first["point"], min=1, max=x.size, step=1, description=_("which point"),
        continuous_update=True, style=style, layout=widgets.Layout(width="300px"))
    menu = widgets.Dropdown(options=list(RESIDUAL_OPTIONS), value=residuals,
                            description=_("residuals of"), style=style,
                            layout=widgets.Layout(width="220px"))
    data = {} if x is OUTLIER_X and y_original is OUTLIER_Y else {"x": x, "y": y_original}

    def state_of(outlier_y, point, residuals):
        return dict(outlier_state(outlier_y, point, **data), residuals=residuals)

    live = OutlierFigure(dict(first, residuals=residuals))
    _detached(live.figure)
    controls = {"outlier_y": height_slider, "point": point_slider, "residuals": menu}
    row = widgets.HBox([height_slider, point_slider, menu])
    # The lesson drags the last point, then compares the first, the middle and the last:
    # 13 heights of each (the sweep panel draws every other height) keep the frames
    # within their budget.
    points = sorted({1, (x.size + 1) // 2, x.size, first["point"]})
    return _explorer_box(row, controls, state_of, live,
                         frames={"outlier_y": _frame_heights(low, high, step, first["outlier_y"]),
                                 "point": points})


def _frame_heights(low, high, step, start, count=14):
    """Heights for the kernel-free frames: evenly spaced across [low, high] through the
    starting height, at most ``count``, each a whole number of slider steps."""
    stride = step * max(1, round((high - low) / (count - 1) / step))
    below = np.arange(start, low - 1e-9 * stride, -stride)[::-1]
    above = np.arange(start + stride, high + 1e-9 * stride, stride)
    return [float(v) for v in np.round(np.r_[below, above], 10)]
