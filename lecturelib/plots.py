"""Figures the notebooks share, drawn with matplotlib at a modest size and resolution.

Each function returns the :class:`matplotlib.figure.Figure` it drew, so a notebook can
show it, save it or draw on it further. Functions that draw a single panel also accept
``ax=`` to draw into an existing axes (then the figure of that axes is returned).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping

import numpy as np

from ._validation import as_float_array

__all__ = [
    "FIGURE_DPI",
    "mask_overlay",
    "show_masks",
    "plot_loss_curves",
    "plot_loss_vs_parameter",
    "plot_loss_curve_grid",
    "plot_validation_curves",
    "plot_per_class_scores",
    "plot_confusion_matrix",
    "plot_confusion_matrices",
    "plot_entropy_curve",
    "plot_focal_loss_curves",
]

# Modest resolution keeps committed notebooks small and still reads on a projector.
FIGURE_DPI = 90

_OVERLAY_COLOURS = {
    "true positive": (0.20, 0.63, 0.17),   # green: person, found
    "false positive": (0.89, 0.47, 0.76),  # magenta: background called person
    "false negative": (1.00, 0.60, 0.00),  # orange: person missed
    "true negative": (0.95, 0.95, 0.95),   # light grey: background, left alone
}


def _check_mask(mask, name):
    arr = np.asarray(mask)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 2-D mask, got shape {arr.shape}.")
    if arr.dtype != bool and not np.isin(arr, (0, 1)).all():
        raise ValueError(f"`{name}` must be binary (booleans or 0/1).")
    return arr.astype(bool)


def mask_overlay(true_mask, predicted_mask):
    """RGB image colouring each pixel by its outcome: TP green, FP magenta, FN orange.

    Returns
    -------
    ndarray of float, shape (H, W, 3)
    """
    truth = _check_mask(true_mask, "true_mask")
    pred = _check_mask(predicted_mask, "predicted_mask")
    if truth.shape != pred.shape:
        raise ValueError(f"`true_mask` {truth.shape} and `predicted_mask` {pred.shape} differ in shape.")
    rgb = np.empty(truth.shape + (3,))
    rgb[~truth & ~pred] = _OVERLAY_COLOURS["true negative"]
    rgb[truth & pred] = _OVERLAY_COLOURS["true positive"]
    rgb[~truth & pred] = _OVERLAY_COLOURS["false positive"]
    rgb[truth & ~pred] = _OVERLAY_COLOURS["false negative"]
    return rgb


def show_masks(true_mask, predicted_mask, *, titles=("Ground truth", "Model's mask",
                                                      "Where they differ")):
    """Ground truth, prediction and the pixel-outcome overlay side by side, with a legend."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    overlay = mask_overlay(true_mask, predicted_mask)
    fig, axes = plt.subplots(1, 3, figsize=(9.5, 3.8), dpi=FIGURE_DPI, layout="constrained")
    for ax, image, title in zip(axes, (true_mask, predicted_mask, overlay), titles):
        ax.imshow(image, cmap="gray" if image is not overlay else None, interpolation="nearest")
        ax.set_title(title)
        ax.set_axis_off()
    handles = [Patch(facecolor=c, edgecolor="0.4", label=k) for k, c in _OVERLAY_COLOURS.items()]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False)
    return fig


# Training and validation keep these colours in every figure, so a learner who has read
# one loss-curve plot reads the next one without a legend.
_TRAIN_COLOUR = "tab:blue"
_VAL_COLOUR = "tab:orange"
_MARK_COLOUR = "0.3"


def _figure_and_axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, dpi=FIGURE_DPI, layout="constrained")
        return fig, ax
    return ax.figure, ax


def _check_real(value, name, *, minimum=None, maximum=None):
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not np.isfinite(value)
            or (minimum is not None and value < minimum)
            or (maximum is not None and value > maximum)):
        low = "" if minimum is None else f"{minimum:g}"
        high = "" if maximum is None else f"{maximum:g}"
        where = (f" in [{low}, {high}]" if low and high
                 else f" >= {low}" if low else f" <= {high}" if high else "")
        raise ValueError(f"`{name}` must be a finite number{where}, got {value!r}.")
    return float(value)


def _check_gamma(gamma, name="gamma"):
    # Shared with lecturelib.explorers so the static figure and the explorer accept the
    # same values.
    if (isinstance(gamma, bool) or not isinstance(gamma, numbers.Real)
            or not np.isfinite(gamma) or gamma < 0):
        raise ValueError(
            f"`{name}` must be a finite number >= 0 (0 gives plain cross-entropy; "
            f"the focal-loss paper uses 2), got {gamma!r}."
        )
    return float(gamma)


def _check_alpha(alpha):
    if alpha is None:
        return None
    if (isinstance(alpha, bool) or not isinstance(alpha, numbers.Real)
            or not 0 <= alpha <= 1):
        raise ValueError(
            f"`alpha` must be a number in [0, 1] (the weight of the positive class), "
            f"or None for no weighting; got {alpha!r}."
        )
    return float(alpha)


def _history_series(history, name, *, required):
    """One list attribute of a training history as a float array (None if absent)."""
    values = history.get(name) if isinstance(history, Mapping) else getattr(history, name, None)
    if values is None or (not required and np.size(values) == 0):
        if required:
            raise ValueError(
                f"`history` has no `{name}`; pass an object with lists `train_loss` and "
                "`val_loss` (one value per epoch), such as lecturelib.training.History."
            )
        return None
    return as_float_array(values, f"history.{name}", ndim=1)


def _best_epoch(history, val_loss):
    n_epochs = len(val_loss)
    best = history.get("best_epoch") if isinstance(history, Mapping) else getattr(
        history, "best_epoch", None)
    if best is None:
        # First epoch with the lowest validation loss: the model early stopping keeps.
        return int(np.argmin(val_loss)) + 1
    if (isinstance(best, bool) or not isinstance(best, numbers.Integral)
            or not 1 <= best <= n_epochs):
        raise ValueError(
            f"`history.best_epoch` must be an epoch number in 1..{n_epochs} (1-based), "
            f"got {best!r}."
        )
    return int(best)


def plot_loss_curves(history, *, metric=True):
    r"""Training and validation loss per epoch, with the early-stopping epoch marked.

    The best epoch is the one with the lowest validation loss,
    :math:`k = \arg\min_e L_{\mathrm{val}}(e)` (1-based): early stopping keeps the model
    from that epoch, since later epochs only fit the training set better (overfitting).

    Parameters
    ----------
    history : object or dict
        Anything with list attributes (or keys) ``train_loss`` and ``val_loss``, one value
        per epoch, and optionally ``train_accuracy`` and ``val_accuracy``, such as
        :class:`lecturelib.training.History`. Its ``best_epoch`` is used when present;
        otherwise the first epoch with the lowest validation loss is marked.
    metric : bool, default True
        Draw a second panel with the accuracies, if ``history`` has any.

    Returns
    -------
    matplotlib.figure.Figure
        One panel (loss) or two (loss, accuracy); the legend below the panels names the
        curves and the best epoch.

    Examples
    --------
    >>> history = {"train_loss": [1.0, 0.6, 0.4, 0.3], "val_loss": [1.1, 0.8, 0.9, 1.0]}
    >>> fig = plot_loss_curves(history)
    >>> fig.legends[0].get_texts()[-1].get_text()
    'best validation epoch = 2\n(early stopping point)'
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    train_loss = _history_series(history, "train_loss", required=True)
    val_loss = _history_series(history, "val_loss", required=True)
    n_epochs = len(val_loss)
    if len(train_loss) != n_epochs:
        raise ValueError(
            f"`history.train_loss` has {len(train_loss)} values but `history.val_loss` has "
            f"{n_epochs}; record both once per epoch."
        )
    best = _best_epoch(history, val_loss)
    accuracies = {}
    if metric:
        for name in ("train_accuracy", "val_accuracy"):
            values = _history_series(history, name, required=False)
            if values is not None:
                if len(values) != n_epochs:
                    raise ValueError(
                        f"`history.{name}` has {len(values)} values but there are "
                        f"{n_epochs} epochs of loss; record it once per epoch."
                    )
                accuracies[name] = values

    epochs = np.arange(1, n_epochs + 1)
    n_panels = 2 if accuracies else 1
    fig, axes = plt.subplots(1, n_panels, figsize=(9.6 if accuracies else 6.0, 3.9),
                             dpi=FIGURE_DPI,
                             layout="constrained", squeeze=False)
    axes = axes[0]
    # Markers show where the measurements are on short runs; on long ones they clutter.
    marker = "o" if n_epochs <= 30 else None
    style = {"marker": marker, "markersize": 4, "linewidth": 2}

    ax = axes[0]
    ax.plot(epochs, train_loss, color=_TRAIN_COLOUR, **style)
    ax.plot(epochs, val_loss, color=_VAL_COLOUR, **style)
    ax.axvline(best, color=_MARK_COLOUR, linestyle="--", linewidth=1.3)
    ax.plot([best], [val_loss[best - 1]], linestyle="none", marker="*", markersize=17,
            markerfacecolor=_VAL_COLOUR, markeredgecolor="black", zorder=5)
    ax.set_title("Loss")
    ax.set_ylabel("loss")

    if accuracies:
        ax = axes[1]
        colours = {"train_accuracy": _TRAIN_COLOUR, "val_accuracy": _VAL_COLOUR}
        for name, values in accuracies.items():
            ax.plot(epochs, values, color=colours[name], **style)
        ax.axvline(best, color=_MARK_COLOUR, linestyle="--", linewidth=1.3)
        ax.set_title("Accuracy")
        ax.set_ylabel("accuracy")

    for ax in axes:
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(alpha=0.3)

    handles = [
        Line2D([], [], color=_TRAIN_COLOUR, **style, label="training"),
        Line2D([], [], color=_VAL_COLOUR, **style, label="validation"),
        Line2D([], [], color=_MARK_COLOUR, linestyle="--", marker="*", markersize=13,
               markerfacecolor=_VAL_COLOUR, markeredgecolor="black",
               label=f"best validation epoch = {best}{' ' if accuracies else chr(10)}"
                     "(early stopping point)"),
    ]
    # Below the panels, so the legend can never cover a curve; one row, wrapped to fit
    # the width of a single panel.
    fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False)
    return fig


def plot_loss_curve_grid(histories, learning_rates, batch_sizes, *, ylim=(0.0, 2.6)):
    """Small multiples of loss curves: one panel per (learning rate, batch size) run.

    Rows are learning rates and columns batch sizes, so a glance along a row or down a
    column shows what changing one setting does. Each panel shows the training loss of
    every mini-batch (thin, the noisy signal the optimiser follows) and the validation
    loss per epoch (thick), on the same epoch axis and the same y-limits.

    Parameters
    ----------
    histories : dict of (lr, batch_size) -> History
        One run per combination, e.g. from :func:`lecturelib.training.fit`; each needs
        ``val_loss`` and ``batch_loss``.
    learning_rates, batch_sizes : sequence of float / int
        Row and column order.
    ylim : (float, float), default (0, 2.6)
        Shared y-limits; the default shows ln 10 ≈ 2.30, the loss of a uniform guess
        over ten classes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from types import SimpleNamespace as Run
    >>> runs = {(lr, b): Run(val_loss=[2.0, 1.0], batch_loss=[2.2, 2.0, 1.5, 1.1])
    ...         for lr in (0.1, 1.0) for b in (8, 64)}
    >>> len(plot_loss_curve_grid(runs, (0.1, 1.0), (8, 64)).axes)
    4
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    learning_rates, batch_sizes = list(learning_rates), list(batch_sizes)
    missing = [(lr, b) for lr in learning_rates for b in batch_sizes if (lr, b) not in histories]
    if missing:
        raise ValueError(f"`histories` has no run for (lr, batch_size) = {missing[0]}; "
                         "pass one History per combination.")
    fig, axes = plt.subplots(len(learning_rates), len(batch_sizes), squeeze=False,
                             figsize=(2.9 * len(batch_sizes) + 0.6, 2.1 * len(learning_rates) + 0.7),
                             dpi=FIGURE_DPI, sharex=True, sharey=True, layout="constrained")
    for i, lr in enumerate(learning_rates):
        for j, batch_size in enumerate(batch_sizes):
            run, ax = histories[lr, batch_size], axes[i, j]
            val_loss = np.asarray(run.val_loss, dtype=float)
            batch_loss = np.asarray(run.batch_loss, dtype=float)
            n_epochs = len(val_loss)
            # Batch k of an epoch sits at epoch + k / steps, so both curves share the x-axis.
            steps = np.arange(1, batch_loss.size + 1) * n_epochs / max(batch_loss.size, 1)
            ax.plot(steps, np.clip(batch_loss, *ylim), color=_TRAIN_COLOUR, linewidth=0.6,
                    alpha=0.6)
            ax.plot(np.arange(1, n_epochs + 1), np.clip(val_loss, *ylim), color=_VAL_COLOUR,
                    linewidth=2)
            ax.set_ylim(*ylim)
            ax.grid(alpha=0.3)
            if i == 0:
                ax.set_title(f"batch size {batch_size}")
            if j == 0:
                ax.set_ylabel(f"lr = {lr:g}\nloss")
            if i == len(learning_rates) - 1:
                ax.set_xlabel("epoch")
    handles = [Line2D([], [], color=_TRAIN_COLOUR, linewidth=1, label="training loss, every mini-batch"),
               Line2D([], [], color=_VAL_COLOUR, linewidth=2, label="validation loss, every epoch")]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False)
    return fig


def _updates_per_epoch(history, label):
    n_epochs, n_batches = len(history.val_loss), len(history.batch_loss)
    if n_batches == 0 or n_batches % n_epochs:
        raise ValueError(
            f"run {label!r} has {n_batches} batch losses for {n_epochs} epochs; x='update' "
            "needs `batch_loss` with every mini-batch of every epoch (as fit() records it)."
        )
    return n_batches // n_epochs


def plot_validation_curves(runs, *, x="epoch", ylim=(0.0, 2.6), log_x=None):
    """Validation loss of several runs on shared axes, against epochs or against updates.

    Against **epochs** every run has seen the same number of examples; against
    **updates** (optimizer steps) every run has moved its weights the same number of
    times. With a fixed number of epochs a batch of 8 takes 64 times as many updates as a
    batch of 512, so the two views can tell different stories about the batch size.

    Parameters
    ----------
    runs : dict of str -> History, or dict of str -> (dict of str -> History)
        Curve label to run, drawn in one panel; or panel title to such a dict, drawn as
        side-by-side panels sharing the y-axis. A label keeps its colour in every panel.
        Each run needs ``val_loss`` (one value per epoch) and, for ``x='update'``,
        ``batch_loss`` (one value per mini-batch, as :func:`lecturelib.training.fit`
        records it).
    x : {'epoch', 'update'}, default 'epoch'
        The epoch :math:`e` of a run with :math:`s` mini-batches per epoch is drawn at
        update :math:`e \\cdot s`, the step after which it was measured.
    ylim : (float, float), default (0, 2.6)
        Shared y-limits; the default shows ln 10 ≈ 2.30, the loss of a uniform guess
        over ten classes. Values outside are clipped to the edge.
    log_x : bool, optional
        Logarithmic x-axis; by default on for ``x='update'``, whose runs can differ in
        length by a factor of 50 or more.

    Returns
    -------
    matplotlib.figure.Figure
        One legend below the panels names the runs.

    Examples
    --------
    >>> from types import SimpleNamespace as Run
    >>> runs = {"batch 2": Run(val_loss=[2.0, 1.0], batch_loss=[2.2, 2.0, 1.5, 1.1]),
    ...         "batch 4": Run(val_loss=[2.1, 1.6], batch_loss=[2.2, 1.7])}
    >>> fig = plot_validation_curves(runs, x="update")
    >>> [line.get_xdata().tolist() for line in fig.axes[0].get_lines()]
    [[2, 4], [1, 2]]
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    if x not in ("epoch", "update"):
        raise ValueError(f"`x` must be 'epoch' or 'update', got {x!r}.")
    if not isinstance(runs, Mapping) or not runs:
        raise ValueError("`runs` must be a non-empty dict of label -> History (or of panel "
                         "title -> such a dict).")
    nested = [isinstance(v, Mapping) for v in runs.values()]
    if any(nested) and not all(nested):
        raise ValueError("`runs` must map labels to runs, or every panel title to a dict of "
                         "label -> run; do not mix the two.")
    panels = dict(runs) if all(nested) else {None: runs}
    if not all(panels.values()):
        raise ValueError("`runs` has a panel with no runs; give every panel at least one.")
    if log_x is None:
        log_x = x == "update"
    low, high = (_check_real(v, "ylim") for v in ylim)
    if not low < high:
        raise ValueError(f"`ylim` must be (low, high) with low < high, got {ylim!r}.")

    # Every curve is checked before a figure exists, so bad input leaves no empty figure.
    curves = {}
    for title, panel in panels.items():
        for label, run in panel.items():
            recorded = getattr(run, "val_loss", None)
            if recorded is None or np.size(recorded) == 0:
                raise ValueError(f"run {label!r} has no validation losses (`val_loss`); "
                                 "pass runs that trained for at least one epoch.")
            val_loss = _history_series(run, "val_loss", required=True)
            epochs = np.arange(1, val_loss.size + 1)
            where = epochs * _updates_per_epoch(run, label) if x == "update" else epochs
            curves[title, label] = where, val_loss

    labels = list(dict.fromkeys(label for panel in panels.values() for label in panel))
    colours = {label: f"C{i % 10}" for i, label in enumerate(labels)}
    fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels) + 1.4, 3.6),
                             dpi=FIGURE_DPI, sharey=True, squeeze=False, layout="constrained")
    for ax, (title, panel) in zip(axes[0], panels.items()):
        for label in panel:
            where, val_loss = curves[title, label]
            ax.plot(where, np.clip(val_loss, low, high), color=colours[label], linewidth=2,
                    marker="o" if val_loss.size <= 30 else None, markersize=3.5)
        ax.set_ylim(low, high)
        if log_x:
            ax.set_xscale("log")
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("epoch" if x == "epoch" else "updates (optimizer steps)")
        ax.grid(alpha=0.3, which="both" if log_x else "major")
        if title is not None:
            ax.set_title(str(title))
    axes[0, 0].set_ylabel("validation loss")
    handles = [Line2D([], [], color=colours[label], linewidth=2, label=str(label))
               for label in labels]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(labels), 4),
               frameon=False)
    return fig


def plot_per_class_scores(scores, class_names, *, ylabel="score", title=None, ax=None):
    """Grouped bars: one group per class, one bar per model (or loss, or setting).

    Parameters
    ----------
    scores : dict of str -> array-like of shape (n_classes,)
        Model name to its per-class scores in [0, 1] (e.g. ``recall_score(average=None)``).
    class_names : sequence of str
    ylabel, title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_per_class_scores({"A": [0.9, 0.5], "B": [0.8, 0.7]}, ["cat", "dog"])
    >>> len(fig.axes[0].patches)
    4
    """
    class_names = [str(c) for c in class_names]
    values = {}
    for name, row in scores.items():
        row = np.asarray(row, dtype=float)
        if row.shape != (len(class_names),):
            raise ValueError(f"`scores[{name!r}]` has shape {row.shape}; pass one score per "
                             f"class ({len(class_names)}).")
        values[name] = row
    if not values:
        raise ValueError("`scores` is empty; pass at least one model's scores.")
    fig, ax = _figure_and_axes(ax, (max(6.0, 1.4 + 0.55 * len(values) * len(class_names)), 3.6))
    width = 0.8 / len(values)
    positions = np.arange(len(class_names))
    for i, (name, row) in enumerate(values.items()):
        offset = (i - (len(values) - 1) / 2) * width
        ax.bar(positions + offset, row, width, label=name)
    ax.set_xticks(positions, class_names)
    ax.set_ylim(0, 1.0)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    if title:
        ax.set_title(title)
    # Below the axes, so the legend never covers a bar.
    fig.legend(loc="outside lower center", ncol=min(len(values), 5), frameon=False,
               handles=ax.get_legend_handles_labels()[0])
    return fig


def plot_loss_vs_parameter(parameter_values, curves, *, xlabel="weight w", ax=None,
                           separate=False):
    """Several quantities (e.g. accuracy and cross-entropy) as one parameter changes.

    Shows why accuracy cannot be a loss: as a weight moves, accuracy changes in steps
    (flat almost everywhere, so its gradient is 0) while cross-entropy changes smoothly.

    Parameters
    ----------
    parameter_values : array-like, shape (n,)
        Values of the parameter (x-axis); a fine grid makes steps look like steps.
    curves : dict of str -> array-like of shape (n,)
        Name (used as the axis label or legend entry) to y-values.
    xlabel : str, default "weight w"
    ax : matplotlib Axes, optional
        Draw into this axes (only with ``separate=False``).
    separate : bool, default False
        One panel per curve, stacked and sharing the x-axis. Otherwise one panel: with
        exactly two curves each gets its own y-axis (left and right, coloured like its
        curve), because a metric in [0, 1] and a loss rarely share a scale; with one or
        more than two curves all share one y-axis and a legend names them.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> w = np.linspace(-2, 2, 5)
    >>> fig = plot_loss_vs_parameter(w, {"accuracy": [0.5, 0.5, 0.75, 1, 1],
    ...                                  "cross-entropy": [1.5, 1.0, 0.7, 0.5, 0.4]})
    >>> [a.get_ylabel() for a in fig.axes]
    ['accuracy', 'cross-entropy']
    """
    import matplotlib.pyplot as plt

    x = as_float_array(parameter_values, "parameter_values", ndim=1)
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError(
            "`curves` must be a non-empty dict mapping a name to y-values, e.g. "
            "{'accuracy': acc, 'cross-entropy': ce}."
        )
    ys = {}
    for name, values in curves.items():
        y = as_float_array(values, f"curves[{name!r}]", ndim=1)
        if len(y) != len(x):
            raise ValueError(
                f"`curves[{name!r}]` has {len(y)} values but `parameter_values` has "
                f"{len(x)}; pass one y-value per parameter value."
            )
        ys[str(name)] = y
    colours = [f"C{i}" for i in range(len(ys))]

    if separate:
        if ax is not None:
            raise ValueError(
                "`ax` cannot be used with separate=True, which draws one panel per curve; "
                "pass ax=None (or separate=False to draw into your axes)."
            )
        fig, axes = plt.subplots(len(ys), 1, sharex=True, figsize=(6.0, 1.2 + 1.9 * len(ys)),
                                 dpi=FIGURE_DPI, layout="constrained", squeeze=False)
        for ax_i, (name, y), colour in zip(axes[:, 0], ys.items(), colours):
            ax_i.plot(x, y, color=colour, linewidth=2)
            ax_i.set_ylabel(name)
            ax_i.grid(alpha=0.3)
        axes[-1, 0].set_xlabel(xlabel)
        return fig

    fig, ax = _figure_and_axes(ax, figsize=(6.0, 3.8))
    if len(ys) == 2:
        (name_left, y_left), (name_right, y_right) = ys.items()
        right = ax.twinx()
        for axis, name, y, colour in ((ax, name_left, y_left, colours[0]),
                                      (right, name_right, y_right, colours[1])):
            axis.plot(x, y, color=colour, linewidth=2)
            axis.set_ylabel(name, color=colour)
            axis.tick_params(axis="y", colors=colour)
        ax.grid(alpha=0.3)
    else:
        for (name, y), colour in zip(ys.items(), colours):
            ax.plot(x, y, color=colour, linewidth=2, label=name)
        if len(ys) > 1:
            ax.legend(loc="best")
        else:
            ax.set_ylabel(next(iter(ys)))
        ax.grid(alpha=0.3)
    ax.set_xlabel(xlabel)
    return fig


def _entropy_unit(base):
    if base is None or base == np.e:
        return "nats"
    if base == 2:
        return "bits"
    return f"log-{base:g} units"


def plot_entropy_curve(*, base=2, ax=None):
    r"""Entropy of a coin that lands heads with probability p, for p from 0 to 1.

    .. math:: H(p) = -p \log p - (1 - p) \log (1 - p)

    Zero for a certain outcome (p = 0 or 1), largest for a fair coin: 1 bit at p = 0.5,
    which is marked.

    Parameters
    ----------
    base : float or None, default 2
        Logarithm base: 2 gives bits, ``None`` (or e) nats.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_entropy_curve()
    >>> fig.axes[0].get_ylabel()
    'entropy H(p) [bits]'

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., Fig. 2.1.
    """
    from .information import entropy

    p = np.linspace(0.0, 1.0, 201)
    # Computed before any figure exists, so a bad `base` raises without leaving one open.
    h = entropy(np.column_stack([p, 1.0 - p]), base=base)
    h_max = entropy([0.5, 0.5], base=base)
    unit = _entropy_unit(base)
    if unit == "bits" and h_max == 1.0:
        unit_of_max = "bit"
    else:
        unit_of_max = unit

    fig, ax = _figure_and_axes(ax, figsize=(5.2, 3.6))
    ax.plot(p, h, color="C0", linewidth=2.2)
    ax.plot([0.5], [h_max], marker="o", markersize=8, color="C3", zorder=5)
    ax.annotate(f"fair coin: H = {h_max:.3g} {unit_of_max}", xy=(0.5, h_max),
                xytext=(0, 9), textcoords="offset points", ha="center", va="bottom")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, h_max * 1.2)
    ax.set_xlabel("p = P(heads)")
    ax.set_ylabel(f"entropy H(p) [{unit}]")
    ax.set_title("Entropy of a coin")
    ax.grid(alpha=0.3)
    return fig


def _focal_loss_values(p_t, gamma, alpha):
    """Focal loss of a positive example predicted with probability ``p_t`` (float64)."""
    import torch

    from .losses import sigmoid_focal_loss

    logits = torch.logit(torch.as_tensor(p_t, dtype=torch.float64))
    loss = sigmoid_focal_loss(logits, torch.ones_like(logits), alpha=alpha, gamma=gamma)
    return loss.numpy()


def plot_focal_loss_curves(gammas=(0, 0.5, 1, 2, 5), *, alpha=None, ax=None):
    r"""Focal loss against the probability of the true class for several gammas.

    .. math:: \mathrm{FL}(p_t) = -\alpha (1 - p_t)^{\gamma} \log p_t

    Larger :math:`\gamma` flattens the loss of well-classified examples
    (:math:`p_t \to 1`); :math:`\gamma = 0` is cross-entropy. The values come from
    :func:`lecturelib.losses.sigmoid_focal_loss` (logit :math:`\log\frac{p_t}{1-p_t}`,
    target 1), so the figure and the loss agree. The y-axis stops at 5, as in the paper,
    since cross-entropy grows without bound as :math:`p_t \to 0`.

    Parameters
    ----------
    gammas : sequence of float, default (0, 0.5, 1, 2, 5)
        Focusing parameters, each ``>= 0``.
    alpha : float in [0, 1], optional
        Class weight multiplying every curve; ``None`` (default) for none.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_focal_loss_curves((0, 2))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['γ = 0 (cross-entropy)', 'γ = 2']

    References
    ----------
    T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
    Detection", ICCV 2017, Fig. 1. https://arxiv.org/abs/1708.02002
    """
    if isinstance(gammas, (str, bytes)) or not hasattr(gammas, "__iter__"):
        raise ValueError(f"`gammas` must be a list of numbers >= 0, e.g. (0, 2), got {gammas!r}.")
    gammas = [_check_gamma(g, "gammas") for g in gammas]
    if not gammas:
        raise ValueError("`gammas` is empty; pass at least one value, e.g. (0, 2).")
    alpha = _check_alpha(alpha)

    # Up to (almost) p_t = 1, where every curve reaches 0; p_t = 1 itself has an
    # infinite logit, which the loss rejects.
    p_t = np.linspace(0.002, 1 - 1e-9, 500)
    losses = [_focal_loss_values(p_t, g, alpha) for g in gammas]

    fig, ax = _figure_and_axes(ax, figsize=(5.6, 4.0))
    for gamma, loss in zip(gammas, losses):
        label = f"γ = {gamma:g}"
        if gamma == 0:
            label += " (α-weighted cross-entropy)" if alpha is not None else " (cross-entropy)"
        ax.plot(p_t, loss, linewidth=2, label=label)
    top = min(5.0, max(float(loss.max()) for loss in losses))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, top * 1.04 if top > 0 else 1.0)
    ax.set_xlabel("probability of the true class, $p_t$")
    ax.set_ylabel("loss")
    weight = "" if alpha is None else rf"{alpha:g}\,"
    ax.set_title(rf"$\mathrm{{FL}}(p_t) = -{weight}(1-p_t)^{{\gamma}}\,\log p_t$")
    # Where Lin et al. point out the effect: the easy examples the focal term silences.
    ax.axvspan(0.5, 1.0, color="0.93", zorder=0)
    ax.text(0.75, 0.45 * ax.get_ylim()[1], "well-classified examples\n($p_t > 0.5$)",
            ha="center", va="center", color="0.3")
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3)
    return fig


# ----------------------------------------------------------------------- confusion matrices

_CORRECT_CMAP = "Greens"
_WRONG_CMAP = "Reds"


def _as_count_matrix(counts):
    """A square count matrix from a ConfusionCounts or an array-like."""
    from .classification import ConfusionCounts

    if isinstance(counts, ConfusionCounts):
        return counts.matrix()
    matrix = np.asarray(counts, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 2:
        raise ValueError(f"`counts` must be a ConfusionCounts or a square matrix (at least 2x2), "
                         f"got shape {matrix.shape}.")
    if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
        raise ValueError("`counts` must hold finite, non-negative counts.")
    return matrix


def _confusion_cells(matrix, cell_names):
    """What :func:`plot_confusion_matrix` draws in each cell: the RGBA colours (K, K, 4),
    the texts and the text colours (white on a dark cell). An explorer that updates a
    drawn matrix in place sets these on its image and texts."""
    import matplotlib.pyplot as plt

    matrix = np.asarray(matrix, dtype=float)
    k = matrix.shape[0]
    row_totals = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(row_totals > 0, matrix / row_totals, 0.0)
    right, wrong = plt.get_cmap(_CORRECT_CMAP), plt.get_cmap(_WRONG_CMAP)
    colours = np.empty((k, k, 4))
    texts = [[""] * k for _unused in range(k)]
    text_colours = [["black"] * k for _unused in range(k)]
    for i in range(k):
        for j in range(k):
            # Keep even an empty cell faintly tinted, so the layout reads at a glance.
            colours[i, j] = (right if i == j else wrong)(0.12 + 0.68 * share[i, j])
            value = matrix[i, j]
            text = f"{value:,.0f}" if float(value).is_integer() else f"{value:.3g}"
            name = cell_names[i][j]
            texts[i][j] = f"{name}\n{text}" if name else text
            text_colours[i][j] = "white" if share[i, j] > 0.55 else "black"
    return colours, texts, text_colours


def plot_confusion_matrix(counts, labels=("negative", "positive"), *, ax=None, title=None,
                          cell_names=None):
    """A confusion matrix drawn as a table of coloured cells: right in green, wrong in red.

    Rows are the actual class and columns the predicted one, as in
    :func:`lecturelib.classification.confusion_matrix` (so a binary matrix reads
    ``[[TN, FP], [FN, TP]]``). The colour's strength is the share of the row's samples
    in that cell, so a rare class's mistakes are as visible as a common class's.

    Parameters
    ----------
    counts : ConfusionCounts or array-like of shape (K, K)
    labels : sequence of str
        Class names, in the order of the rows.
    ax : matplotlib Axes, optional
    title : str, optional
    cell_names : array-like of str, shape (K, K), optional
        Text before each count; defaults to TN / FP / FN / TP for a 2×2 matrix.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from lecturelib.classification import ConfusionCounts
    >>> fig = plot_confusion_matrix(ConfusionCounts(tp=3, fp=2, fn=1, tn=3))
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['FN\\n1', 'FP\\n2', 'TN\\n3', 'TP\\n3']
    """
    matrix = _as_count_matrix(counts)
    k = matrix.shape[0]
    labels = [str(label) for label in labels]
    if len(labels) != k:
        raise ValueError(f"`labels` has {len(labels)} names for a {k}x{k} matrix.")
    if cell_names is None:
        cell_names = [["TN", "FP"], ["FN", "TP"]] if k == 2 else [[""] * k for _ in range(k)]
    fig, ax = _figure_and_axes(ax, (1.6 + 1.05 * k, 1.2 + 0.95 * k))
    colours, texts, text_colours = _confusion_cells(matrix, cell_names)
    ax.imshow(colours, interpolation="nearest")
    for i in range(k):
        for j in range(k):
            ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=11,
                    color=text_colours[i][j])
    ax.set_xticks(range(k), labels)
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title)
    return fig


def plot_confusion_matrices(counts_list, titles, labels=("negative", "positive"), *,
                            captions=None):
    """Several confusion matrices side by side (small multiples), e.g. one per threshold.

    Parameters
    ----------
    counts_list : sequence of ConfusionCounts or square matrices
    titles : sequence of str
        One per matrix.
    labels : sequence of str
    captions : sequence of str, optional
        Text under each matrix (e.g. its precision and recall).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    counts_list, titles = list(counts_list), [str(t) for t in titles]
    if not counts_list or len(titles) != len(counts_list):
        raise ValueError("`titles` must give one title per matrix in `counts_list` (at least one).")
    if captions is not None and len(captions) != len(counts_list):
        raise ValueError("`captions` must give one caption per matrix.")
    n = len(counts_list)
    fig, axes = plt.subplots(1, n, figsize=(2.55 * n + 0.4, 3.2 if captions else 2.8),
                             dpi=FIGURE_DPI, layout="constrained", squeeze=False)
    for i, (counts, title, ax) in enumerate(zip(counts_list, titles, axes[0])):
        plot_confusion_matrix(counts, labels, ax=ax, title=title)
        if i:
            ax.set_ylabel("")
        if captions is not None:
            ax.set_xlabel(f"predicted\n{captions[i]}")
    return fig
