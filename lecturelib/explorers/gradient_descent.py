"""Gradient descent on a line and the learning rate (notebook 01).

:func:`learning_rate_explorer` has sliders for the learning rate and the number of
steps and shows the fitted line after every few steps and the loss per step: whether
full-batch gradient descent on the mean squared error converges, crawls or diverges.
A slider move runs :func:`learning_rate_state` and updates a
:class:`GradientDescentFigure` in place.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_float_array, check_consistent_length, check_positive_int
from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LayeredLiveFigure, _axes, _detached, _explorer_box, _percent_text

__all__ = [
    "gradient_descent_path",
    "learning_rate_state",
    "gradient_descent_figure",
    "learning_rate_explorer",
]

_STATUS_COLOURS = {"converged": "#1a7f37", "slow": "#b35900", "diverged": "#c62828"}


def _check_lr(lr):
    if (isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not np.isfinite(lr)
            or lr <= 0):
        raise ValueError(
            f"`lr` (the learning rate α) must be a positive finite number such as 0.01, "
            f"got {lr!r}."
        )
    return float(lr)


def _check_xy(x, y):
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    check_consistent_length(x=x, y=y)
    if len(x) < 2:
        raise ValueError("`x` and `y` hold one point; a line needs at least two.")
    return x, y


def _mse(a, b, x, y):
    return np.mean((a * x + b - y) ** 2)


def gradient_descent_path(x, y, *, lr, steps=30, a0=0.0, b0=0.0):
    r"""Full-batch gradient descent on the mean squared error of a line, step by step.

    The model is :math:`\hat y = a x + b` and the loss
    :math:`J(a, b) = \frac{1}{n} \sum_i (a x_i + b - y_i)^2`. Each step moves both
    parameters at once, from the same old values (lecture 003):

    .. math::
        a := a - \alpha \frac{\partial J}{\partial a}
           = a - \alpha \frac{2}{n} \sum_i (a x_i + b - y_i)\, x_i, \qquad
        b := b - \alpha \frac{2}{n} \sum_i (a x_i + b - y_i).

    Because :math:`J` is quadratic, the outcome is set by the largest curvature
    :math:`\lambda_{\max}` of :math:`J` (the largest eigenvalue of its Hessian): a
    learning rate above :math:`2 / \lambda_{\max}` (``lr_limit``) makes every step
    overshoot further than the last, and the loss grows.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data, at least two points, finite.
    lr : float
        Learning rate :math:`\alpha > 0`.
    steps : int, default 30
        Number of updates (at least 1).
    a0, b0 : float, default 0.0
        Starting slope and intercept.

    Returns
    -------
    dict
        ``a``, ``b``, ``loss`` : ndarray
            Parameters and loss after 0, 1, ..., ``steps`` updates (length
            ``steps + 1``, element 0 is the starting point). If the loss overflows the
            path stops at the last finite point, so every value returned is finite.
        ``status`` : {'converged', 'slow', 'diverged'}
            ``'diverged'``: the loss went up at some step or overflowed (for a quadratic
            loss, once it rises it keeps rising). ``'converged'``: the final loss is
            within 1% of the best possible (least-squares) loss, or within a millionth of
            the starting loss when the data lie exactly on a line. ``'slow'``: neither.
        ``message`` : str
            A sentence saying what happened and what to try.
        ``best_a``, ``best_b``, ``best_loss`` : float
            The least-squares line and its loss, where descent should end up.
        ``lr_limit`` : float
            :math:`2 / \lambda_{\max}`: larger learning rates diverge on this data.
        ``lr_optimal`` : float
            :math:`2 / (\lambda_{\min} + \lambda_{\max})`, the fastest constant rate.
        ``lr`` : float
            The learning rate used.

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])
    >>> path = gradient_descent_path(x, y, lr=0.1, steps=300)
    >>> path["status"], round(float(path["a"][-1]), 3), round(float(path["b"][-1]), 3)
    ('converged', 2.0, 1.0)
    >>> gradient_descent_path(x, y, lr=0.5, steps=300)["status"]
    'diverged'
    """
    x, y = _check_xy(x, y)
    lr = _check_lr(lr)
    steps = check_positive_int(steps, "steps")
    a = _check_real(a0, "a0")
    b = _check_real(b0, "b0")

    n = len(x)
    hessian = (2.0 / n) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), n]])
    eigenvalues = np.linalg.eigvalsh(hessian)
    lr_limit = 2.0 / eigenvalues[-1]
    lr_optimal = 2.0 / (eigenvalues[0] + eigenvalues[-1])
    (best_a, best_b), *_unused = np.linalg.lstsq(np.column_stack([x, np.ones(n)]), y, rcond=None)
    best_loss = float(_mse(best_a, best_b, x, y))

    path_a, path_b, path_loss = [a], [b], [float(_mse(a, b, x, y))]
    overflowed_at = None
    # Overflow is an expected outcome here (a too-large learning rate), reported in the
    # status instead of as RuntimeWarnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            residual = a * x + b - y
            a, b = a - lr * 2.0 * np.mean(residual * x), b - lr * 2.0 * np.mean(residual)
            loss = float(_mse(a, b, x, y))
            if not (np.isfinite(a) and np.isfinite(b) and np.isfinite(loss)):
                overflowed_at = step
                break
            path_a.append(a)
            path_b.append(b)
            path_loss.append(loss)
    loss = np.array(path_loss)

    start, end = loss[0], loss[-1]
    # Rounding can nudge a converged loss up by an ulp; only a real rise counts.
    rises = np.flatnonzero(np.diff(loss) > 1e-9 * loss[:-1] + 1e-15 * start)
    # "Close enough" is 1% above the best possible loss, or, for data exactly on a line
    # (best loss 0), a millionth of the starting loss.
    tolerance = 0.01 * best_loss + 1e-6 * start
    if overflowed_at is not None or rises.size:
        status = "diverged"
        fields = {"start": f"{start:.3g}", "peak": f"{loss.max():.3g}",
                  "limit": f"{lr_limit:.2g}", "lr": f"{lr:.2g}"}
        if overflowed_at is not None:
            message = _(
                "Diverged: the loss went from {start} to {peak} and overflowed at step "
                "{step}. Each step overshoots the minimum by more than it corrects: lower the "
                "learning rate below {limit} (it is {lr})."
            ).format(step=overflowed_at, **fields)
        else:
            message = _(
                "Diverged: the loss went from {start} to {peak} and has been rising since "
                "step {step}. Each step overshoots the minimum by more than it corrects: "
                "lower the learning rate below {limit} (it is {lr})."
            ).format(step=rises[0] + 1, **fields)
    elif end - best_loss <= tolerance:
        status = "converged"
        reached = int(np.flatnonzero(loss - best_loss <= tolerance)[0])
        message = _(
            "Converged: after {steps} steps the loss is {loss}, within 1% of the best "
            "possible {best} (since step {reached})."
        ).format(steps=len(loss) - 1, loss=f"{end:.3g}", best=f"{best_loss:.3g}",
                 reached=reached)
    else:
        status = "slow"
        fields = {"steps": len(loss) - 1, "loss": f"{end:.3g}", "best": f"{best_loss:.3g}"}
        if best_loss > 0 and end >= 2 * best_loss:
            times = end / best_loss
            fields["times"] = f"{times:,.0f}" if times >= 10 else f"{times:.2g}"
            gap = _("Slow: after {steps} steps the loss is {loss}, still {times} times the "
                    "best possible {best}; {advice}.")
        elif best_loss > 0:
            fields["percent"] = _percent_text(end / best_loss - 1)
            gap = _("Slow: after {steps} steps the loss is {loss}, still {percent} above the "
                    "best possible {best}; {advice}.")
        else:
            gap = _("Slow: after {steps} steps the loss is {loss}, not yet near 0, the loss "
                    "of the line through every point; {advice}.")
        if lr <= lr_optimal:
            advice = _("take more steps or raise the learning rate (it is {lr}; above "
                       "{limit} it diverges)").format(lr=f"{lr:.2g}", limit=f"{lr_limit:.2g}")
        else:
            advice = _("the steps zig-zag across the valley: take more steps or lower the "
                       "learning rate a little (it is {lr}; about {optimal} is fastest)"
                       ).format(lr=f"{lr:.2g}", optimal=f"{lr_optimal:.2g}")
        message = gap.format(advice=advice, **fields)
    return {
        "a": np.array(path_a),
        "b": np.array(path_b),
        "loss": loss,
        "status": status,
        "message": message,
        "best_a": float(best_a),
        "best_b": float(best_b),
        "best_loss": best_loss,
        "lr_limit": float(lr_limit),
        "lr_optimal": float(lr_optimal),
        "lr": lr,
    }


def learning_rate_state(x, y, *, lr, steps=30):
    """The learning-rate explorer's state: gradient descent from a = b = 0 on ``x, y``.

    It is :func:`gradient_descent_path` at the sliders' values, the one pure function a
    slider move runs; its ``message`` (converged, slow or diverged, and what to try) is
    the explorer's status line, and :func:`gradient_descent_figure` draws it.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data, at least two points, finite.
    lr : float
        Learning rate α > 0.
    steps : int, default 30
        Number of updates (at least 1).

    Returns
    -------
    dict
        As :func:`gradient_descent_path` returns it.

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])
    >>> learning_rate_state(x, y, lr=0.1, steps=300)["status"]
    'converged'
    """
    return gradient_descent_path(x, y, lr=lr, steps=steps)


def _snapshot_steps(n_points):
    """Steps 0, 1, 2, 4, 8, ... and the last: the early steps are where a line moves
    (or, with too large a learning rate, overshoots) the most."""
    steps = [0] + [2 ** k for k in range(int(np.log2(max(n_points - 1, 1))) + 1)]
    return np.array(sorted({k for k in steps if k < n_points - 1} | {n_points - 1}))


# The panels' places in inches (left, bottom, width, height): fixed, so a new state moves
# lines and not axes, and no layout engine measures every label on each slider move. The
# legend is a row under both panels: inside a panel it would jump from corner to corner
# as the lines move, and every line passing under it would have to be drawn again.
_GD_FIGSIZE = (9.6, 4.2)
_GD_FIT_BOX = (0.55, 0.77, 4.1, 3.18)
_GD_LOSS_BOX = (5.4, 0.77, 4.05, 3.18)
# Lines drawn at most for the explorer's 200 steps: steps 0, 1, 2, 4, ..., 128 and 200.
_SNAPSHOT_LINES = len(_snapshot_steps(201))


def _loss_limits(path):
    """Whole decades around the losses and the best loss, at most 1e200.

    Set before anything is drawn: autoscaling a log axis to a diverged loss (up to
    ~1e308) overflows, and past 1e200 the story ("it exploded") is told anyway.
    """
    loss = path["loss"]
    positive = np.concatenate([loss[loss > 0], [path["best_loss"]] if path["best_loss"] > 0
                               else []])
    if not positive.size:
        return None
    low = max(np.floor(np.log10(positive.min())), -300.0)
    high = min(np.ceil(np.log10(positive.max())), 200.0)
    return 10.0 ** low, 10.0 ** max(high, low + 1)


# Where matplotlib would put the loss panel's axis labels, in points from the axes: below
# its step numbers, and left of its widest power of ten (10^0 to 10^200, about 4.8 points
# a character of the exponent).
_TICK_LABELS_HEIGHT = 21.0


def _loss_label_offset(limits):
    exponents = [f"{np.log10(limit):.0f}" for limit in limits]
    return 23.8 + 4.8 * max(len(e) for e in exponents)


def gradient_descent_figure(x, y, path):
    """The data with the line after every few steps, and the loss per step.

    Draws a :func:`gradient_descent_path` (or :func:`learning_rate_state`) result: the
    static counterpart of :func:`learning_rate_explorer`. The line is drawn after steps
    0, 1, 2, 4, 8, ... and the last, older ones fainter; the least-squares line is
    dashed. The view stays on the data, so a diverging line leaves the chart instead of
    rescaling it.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: data and fitted lines; loss per step on a log scale.
    """
    x, y = _check_xy(x, y)
    return GradientDescentFigure(path, x=x, y=y).figure


class GradientDescentFigure(LayeredLiveFigure):
    """:func:`gradient_descent_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    The data, the least-squares line, the axes and the layout are drawn once. A new path
    moves the snapshot lines (a fixed set, the unused ones hidden), draws the
    data points over them again and changes the fit panel's title; in the loss panel it
    moves the loss curve and the best-loss line over it. The loss panel's axes (limits,
    ticks, grid, title) and the legend follow the path's scale, status and length, which
    change seldom in a drag (the scale moves only as the loss diverges): they are the
    figure's layers, each drawn again only when it changes.
    """

    def looks(self):
        return self._looks

    def draw(self, path):
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.transforms import offset_copy

        x, y = self.x, self.y
        fig = plt.figure(figsize=_GD_FIGSIZE, dpi=FIGURE_DPI)
        ax_fit = _axes(fig, _GD_FIGSIZE, _GD_FIT_BOX)
        ax_loss = _axes(fig, _GD_FIGSIZE, _GD_LOSS_BOX)
        self.ax_fit, self.ax_loss = ax_fit, ax_loss

        self.points = ax_fit.scatter(x, y, s=18, color="0.35", zorder=3, label="data")
        # Pin the view to the data: a diverging line flies off, and the axes must not follow.
        x_pad = 0.05 * (np.ptp(x) or 1.0)
        y_pad = 0.15 * (np.ptp(y) or 1.0)
        x_lo, x_hi = x.min() - x_pad, x.max() + x_pad
        self.line_x = np.array([x_lo, x_hi])
        best, = ax_fit.plot(self.line_x, path["best_a"] * self.line_x + path["best_b"],
                            color="black", linestyle="--", linewidth=1.5,
                            label="least-squares line")
        count = max(_SNAPSHOT_LINES, len(_snapshot_steps(len(path["a"]))))
        self.lines = [ax_fit.plot([], [])[0] for _unused in range(count)]
        ax_fit.set_xlim(x_lo, x_hi)
        ax_fit.set_ylim(y.min() - y_pad, y.max() + y_pad)
        ax_fit.set_xlabel("x")
        ax_fit.set_ylabel("y")
        ax_fit.grid(alpha=0.3)
        # Titles at a fixed height (nothing is drawn above the panels): matplotlib's
        # automatic placement measures every tick label on each redraw.
        ax_fit.set_title(" ", y=1.0)
        self.fit_title = ax_fit.title

        ax_loss.set_yscale("log")
        self.loss_line, = ax_loss.plot([], [], linewidth=2, markersize=3)
        self.best_loss = None
        if path["best_loss"] > 0:
            self.best_loss = ax_loss.axhline(path["best_loss"], color="black",
                                             linestyle="--", linewidth=1.2)
        ax_loss.set_xlabel("step")
        ax_loss.set_ylabel("mean squared error (log scale)")
        # Axis labels placed here rather than by matplotlib, which measures every tick
        # label of the panel on each redraw to find the place.
        ax_loss.xaxis.set_label_coords(0.5, 0, transform=offset_copy(
            ax_loss.transAxes, fig=fig, y=-_TICK_LABELS_HEIGHT, units="points"))
        ax_loss.grid(alpha=0.3, which="both")

        handles = [self.points, best, Line2D([], [], linewidth=2.6, label="after step"),
                   Line2D([], [], linewidth=2, markersize=3, label="loss per step")]
        if self.best_loss is not None:
            handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1.2,
                                  label="best possible loss"))
        self.legend = fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                                 ncol=len(handles), frameon=False)
        self.update(path)
        self.animated = [*self.lines, self.points, self.fit_title, self.loss_line,
                         *([self.best_loss] if self.best_loss is not None else [])]
        self.layers = [[self.legend], [ax_loss]]
        return fig

    def update(self, path):
        from matplotlib.transforms import offset_copy

        a, b, loss = path["a"], path["b"], path["loss"]
        colour = _STATUS_COLOURS[path["status"]]
        shown = _snapshot_steps(len(a))
        if len(shown) > len(self.lines):  # a path longer than any the explorer makes
            extra = [self.ax_fit.plot([], [])[0]
                     for _unused in range(len(shown) - len(self.lines))]
            for line in extra:
                line.set_animated(self.lines[0].get_animated())
            self.animated[len(self.lines):len(self.lines)] = extra
            self.lines.extend(extra)
        for rank, line in enumerate(self.lines):
            visible = rank < len(shown)
            line.set_visible(visible)
            if not visible:
                continue
            k = shown[rank]
            line.set_data(self.line_x, a[k] * self.line_x + b[k])
            line.set_color(colour)
            line.set_alpha(min(1.0, 0.2 + 0.8 * rank / max(len(shown) - 1, 1)))
            line.set_linewidth(2.6 if k == len(a) - 1 else 1.4)
        if path["status"] == "diverged":
            # Most of the lines have left the chart; say why instead of leaving it blank.
            self.fit_title.set_text(f"lr = {path['lr']:.2g}: every step overshoots further")
        else:
            self.fit_title.set_text(f"The line every few steps (lr = {path['lr']:.2g})")

        ax = self.ax_loss
        limits = _loss_limits(path)
        if limits is not None:
            ax.set_ylim(*limits)
            ax.yaxis.set_label_coords(0, 0.5, transform=offset_copy(
                ax.transAxes, fig=ax.figure, x=-_loss_label_offset(limits), units="points"))
        marker = "o" if len(loss) <= 60 else "None"
        self.loss_line.set_data(np.arange(len(loss)), loss)
        self.loss_line.set_color(colour)
        self.loss_line.set_marker(marker)
        ax.set_xlim(0, max(len(loss) - 1, 1))
        ax.set_title(f"Loss per step: {path['status']}", color=colour, y=1.0)

        last = self.lines[len(shown) - 1]
        self.legend.texts[2].set_text(f"after step {shown[-1]}")
        self.legend.legend_handles[2].set_color(colour)
        self.legend.legend_handles[2].set_alpha(last.get_alpha())
        self.legend.legend_handles[3].set_color(colour)
        self.legend.legend_handles[3].set_marker(marker)
        self._looks = ((path["status"], shown[-1], marker, last.get_alpha()),
                       (ax.get_xlim(), ax.get_ylim(), path["status"]))


def learning_rate_explorer(x, y, *, lr=0.01, steps=30):
    """A learning-rate slider (log scale) and a steps slider for gradient descent on a line.

    Each move runs :func:`learning_rate_state`, whose ``message`` (converged, slow or
    diverged) is the line below the sliders, and updates the figure of
    :func:`gradient_descent_figure` in place, following a dragged slider.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data, e.g. from :func:`lecturelib.datasets.linear_regression_data`.
    lr : float in [1e-4, 1], default 0.01
        Starting learning rate.
    steps : int in [1, 200], default 30
        Starting number of steps.

    Returns
    -------
    ipywidgets.VBox
        Controls, the status line and the figure, with attributes ``controls`` (dict of
        the ``lr`` and ``steps`` sliders), ``status``, ``image``, ``live`` and ``flush``.
    """
    import ipywidgets as widgets

    x, y = _check_xy(x, y)
    lr = _check_lr(lr)
    if not 1e-4 <= lr <= 1:
        raise ValueError(f"`lr` must be in [1e-4, 1], the slider's range, got {lr!r}.")
    steps = check_positive_int(steps, "steps")
    if steps > 200:
        raise ValueError(f"`steps` must be at most 200, the slider's range, got {steps!r}.")

    style = {"description_width": "initial"}
    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-4, max=0, step=0.05,
                                       description=_("learning rate α"), style=style,
                                       readout_format=".2g")
    steps_slider = widgets.IntSlider(value=steps, min=1, max=200, step=1,
                                     description=_("steps"), style=style)

    def state_of(lr, steps):
        return learning_rate_state(x, y, lr=lr, steps=steps)

    live = GradientDescentFigure(state_of(lr, steps), x=x, y=y)
    _detached(live.figure)
    controls = {"lr": lr_slider, "steps": steps_slider}
    # The kernel-free version slides the learning rate, the lesson of this explorer
    # (crawl, converge, zig-zag, diverge), at the notebook's number of steps.
    return _explorer_box(widgets.HBox([lr_slider, steps_slider]), controls, state_of, live,
                         frames={"lr": grid_values(lr_slider, 41)})
