"""The decision threshold: confusion matrix, metrics and operating point (notebooks 04
and 05).

:func:`threshold_explorer` is one slider over a classifier's scores: it shows the
confusion matrix at the threshold, the metrics it gives, and the operating point on the
ROC and PR curves. The scores are sorted once into a
:class:`lecturelib.curves.ThresholdSweep`; a slider move is then a couple of binary
searches, and the curves are drawn from a thinned copy made once.
"""

from __future__ import annotations

import weakref

import numpy as np

from .._validation import check_positive_int
from ..i18n import N_
from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LiveFigure, _detached, _explorer_box, _thin_curve

__all__ = [
    "threshold_state",
    "threshold_curves",
    "threshold_figure",
    "threshold_explorer",
]

# A curve of 10^5 points costs tens of milliseconds to draw on every slider move and looks
# no different from 400 points on a panel about 300 pixels wide.
MAX_THRESHOLD_CURVE_POINTS = 400

_THRESHOLD_METRICS = (("accuracy", "accuracy"), ("precision", "precision"),
                      ("recall", "recall"), ("specificity", "specificity"), ("f1", "F1"))
# The four counts as the message names them: (one, several), each a template.
_COUNT_NAMES = (
    ("tp", N_("{count} true positive"), N_("{count} true positives")),
    ("fp", N_("{count} false positive"), N_("{count} false positives")),
    ("fn", N_("{count} false negative"), N_("{count} false negatives")),
    ("tn", N_("{count} true negative"), N_("{count} true negatives")),
)
_SWEEP_CURVE_COLOUR = "tab:purple"
_SWEEP_CHANCE_COLOUR = "0.5"
_OPERATING_POINT_COLOUR = "black"
_METRIC_BAR_COLOUR = "#6f8fb8"


def _check_sweep(sweep):
    from ..curves import ThresholdSweep

    if not isinstance(sweep, ThresholdSweep):
        raise ValueError(
            f"`sweep` must be a lecturelib.curves.ThresholdSweep, got "
            f"{type(sweep).__name__}; build it once with ThresholdSweep(y_true, y_score)."
        )
    return sweep


def _format_threshold(threshold):
    return f"{threshold:.4g}" if np.isfinite(threshold) else ("∞" if threshold > 0 else "−∞")


def threshold_state(sweep, threshold):
    r"""The confusion matrix, its metrics and the operating points at one threshold.

    A sample is predicted positive when ``score >= threshold``. The counts come from
    :meth:`ThresholdSweep.counts_at <lecturelib.curves.ThresholdSweep.counts_at>` and the
    metrics from :meth:`~lecturelib.curves.ThresholdSweep.metrics_at`: two binary
    searches in the sweep's cumulative counts, so the cost does not grow with the data.
    The operating point is where this threshold sits on each curve:

    .. math::
        \text{ROC: } (\mathrm{FPR}, \mathrm{TPR}) = \left(\frac{FP}{N}, \frac{TP}{P}\right),
        \qquad
        \text{PR: } (\mathrm{recall}, \mathrm{precision})
        = \left(\frac{TP}{P}, \frac{TP}{TP + FP}\right).

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
        The scores, sorted once.
    threshold : float
        Any number; ``-inf`` (everything positive) and ``inf`` (nothing positive) are
        allowed, NaN is not.

    Returns
    -------
    dict
        ``threshold`` : float
        ``tp``, ``fp``, ``fn``, ``tn`` : int
            The counts; ``counts`` holds them as a
            :class:`~lecturelib.classification.ConfusionCounts`.
        ``metrics`` : dict of float
            ``accuracy``, ``precision``, ``recall``, ``specificity``, ``f1``, ``fpr``,
            ``tpr``. Precision is ``nan`` when nothing is predicted positive (0/0).
        ``roc_point`` : tuple (fpr, tpr)
        ``pr_point`` : tuple (recall, precision)
            Its precision is ``nan`` when nothing is predicted positive; the figure then
            leaves the PR point out.
        ``n_predicted_positive`` : int
        ``message`` : str
            One plain-text sentence with the counts, as the explorer shows it.

    Examples
    --------
    >>> from lecturelib.curves import ThresholdSweep
    >>> sweep = ThresholdSweep([0, 0, 1, 1, 0, 1, 0, 1],
    ...                        [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35])
    >>> state = threshold_state(sweep, 0.5)
    >>> state["tp"], state["fp"], state["fn"], state["tn"]
    (2, 0, 2, 4)
    >>> state["roc_point"], state["pr_point"]
    ((0.0, 0.5), (0.5, 1.0))
    >>> print(state["message"])  # doctest: +NORMALIZE_WHITESPACE
    Threshold 0.5: 2 true positives, 0 false positives, 2 false negatives,
    4 true negatives; precision 1.000, recall 0.500.
    """
    sweep = _check_sweep(sweep)
    counts = sweep.counts_at(threshold)
    metrics = sweep.metrics_at(threshold)
    threshold = float(threshold)
    precision = metrics["precision"]
    tally = ", ".join(
        _(one if getattr(counts, key) == 1 else several).format(
            count=f"{getattr(counts, key):,}")
        for key, one, several in _COUNT_NAMES)
    if np.isnan(precision):
        message = _("Threshold {threshold}: {tally}; precision undefined (nothing is "
                    "predicted positive), recall {recall}.")
    else:
        message = _("Threshold {threshold}: {tally}; precision {precision}, recall {recall}.")
    message = message.format(threshold=_format_threshold(threshold), tally=tally,
                             precision=f"{precision:.3f}", recall=f"{metrics['recall']:.3f}")
    return {
        "threshold": threshold,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        "counts": counts,
        "metrics": metrics,
        "roc_point": (metrics["fpr"], metrics["tpr"]),
        "pr_point": (metrics["recall"], precision),
        "n_predicted_positive": counts.tp + counts.fp,
        "message": message,
    }


# Thinned curves per sweep (a sweep never changes), so threshold_figure called without
# `curves` pays the O(n) pass once, not on every slider move. Weak keys: a sweep that is
# no longer used frees its curves too.
_CURVES_CACHE = weakref.WeakKeyDictionary()


def threshold_curves(sweep, *, max_points=MAX_THRESHOLD_CURVE_POINTS):
    """ROC and PR curves of a sweep, thinned for drawing, with their areas.

    This is the one step of the threshold figure whose cost grows with the number of
    samples (a pass over the sorted scores, a few ms at 10^5). It runs once per sweep
    and ``max_points``: later calls return the cached, read-only arrays.

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
    max_points : int, default 400
        At most this many points per curve (at least 2), spaced along the curve's length
        so its shape is kept.

    Returns
    -------
    dict
        ``fpr``, ``tpr`` : ndarray
            The ROC curve (:meth:`~lecturelib.curves.ThresholdSweep.roc_curve`), thinned.
        ``recall``, ``precision`` : ndarray
            The PR curve, thinned.
        ``roc_auc``, ``average_precision`` : float
            From the full curves: :func:`~lecturelib.curves.roc_auc_score` and
            :func:`~lecturelib.curves.average_precision_score` of the same data.
        ``prevalence`` : float
            The PR curve's chance level (a random scorer's precision).

    Examples
    --------
    >>> from lecturelib.curves import ThresholdSweep
    >>> from lecturelib.datasets import score_distributions
    >>> curves = threshold_curves(ThresholdSweep(*score_distributions(3000, 7000)))
    >>> len(curves["fpr"]) <= 400, len(curves["recall"]) <= 400
    (True, True)
    """
    from ..curves import auc

    sweep = _check_sweep(sweep)
    max_points = check_positive_int(max_points, "max_points", minimum=2)
    cached = _CURVES_CACHE.get(sweep, {}).get(max_points)
    if cached is not None:
        return dict(cached)
    fpr, tpr, _unused = sweep.roc_curve()
    precision, recall, _unused = sweep.precision_recall_curve()
    # Step-wise AP, as average_precision_score sums it (the last point is P = 1 at R = 0).
    average_precision = float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))
    fpr_thin, tpr_thin = _thin_curve(fpr, tpr, max_points)
    recall_thin, precision_thin = _thin_curve(recall, precision, max_points)
    curves = {
        "fpr": fpr_thin,
        "tpr": tpr_thin,
        "recall": recall_thin,
        "precision": precision_thin,
        "roc_auc": auc(fpr, tpr),
        "average_precision": average_precision,
        "prevalence": sweep.prevalence,
    }
    for value in curves.values():
        if isinstance(value, np.ndarray):
            # Shared by every later call for this sweep, so nobody may change them.
            value.flags.writeable = False
    _CURVES_CACHE.setdefault(sweep, {})[max_points] = curves
    return dict(curves)


# The panels' places in inches (left, width) on one row: fixed, because every label in
# this figure has a known size. A layout engine would cost a second full draw per slider
# move. Most of a redraw is matplotlib's per-artist work (each tick is five artists, each
# text is laid out and measured), so the figure keeps ticks and texts few.
_THRESHOLD_FIGSIZE = (12.6, 3.25)
_THRESHOLD_PANELS = ((0.9, 2.3), (4.05, 2.2), (7.05, 2.3), (10.1, 2.3))
_THRESHOLD_PANEL_BOTTOM, _THRESHOLD_PANEL_HEIGHT = 0.6, 2.3
_MIDLINE_COLOUR = "0.88"


def _metric_values(metrics):
    return [metrics[key] for key, _unused in _THRESHOLD_METRICS]


def _metric_label(value):
    """(text, x, horizontal alignment, colour) of one metric's printed value."""
    if np.isnan(value):
        return "undefined (0/0)", 0.02, "left", "0.4"
    if value >= 0.8:
        # Inside the end of a long bar, clear of the line that marks 1.
        return f"{value:.3f}", value - 0.02, "right", "white"
    return f"{value:.3f}", value + 0.02, "left", "black"


def _draw_metric_bars(ax, metrics):
    """The metrics as bars with their values; returns (bars, value texts) to update."""
    values = _metric_values(metrics)
    rows = np.arange(len(values))
    bars = ax.barh(rows, np.nan_to_num(values), height=0.62, color=_METRIC_BAR_COLOUR)
    # Names are plain texts left of the axes rather than tick labels, and the axes has no
    # axis machinery at all (values are printed; lines mark 0 and 1): the same look at a
    # fraction of the drawing cost.
    names_at = ax.get_yaxis_transform()
    texts = []
    for row, value, (_unused, name) in zip(rows, values, _THRESHOLD_METRICS):
        ax.text(-0.03, row, name, transform=names_at, ha="right", va="center")
        label, x, align, colour = _metric_label(value)
        texts.append(ax.text(x, row, label, ha=align, va="center", color=colour))
    ax.set_ylim(len(values) - 0.5, -0.5)  # top to bottom, in the lecture's order
    ax.set_xlim(0, 1.25)  # room right of a short bar for its value
    ax.set_axis_off()
    ax.axvline(0.0, color="0.25", linewidth=1)
    ax.axvline(1.0, color="0.6", linewidth=1, linestyle="--")
    return list(bars), texts


def _update_metric_bars(bars, texts, metrics):
    for bar, text, value in zip(bars, texts, _metric_values(metrics)):
        bar.set_width(np.nan_to_num(value))
        label, x, align, colour = _metric_label(value)
        text.set_text(label)
        text.set_x(x)
        text.set_horizontalalignment(align)
        text.set_color(colour)


def _mark_operating_point(ax, x, y):
    """Guides and marker of an operating point; returns them, to move with set_data."""
    # Dotted guides to both axes show which rate each coordinate is.
    guides, = ax.plot([x, x, 0], [0, y, y], color=_OPERATING_POINT_COLOUR, linestyle=":",
                      linewidth=1.1, zorder=4)
    # Not clipped: at a corner such as (0, 0) half the marker would be cut off.
    marker, = ax.plot([x], [y], linestyle="none", marker="o", markersize=10,
                      markerfacecolor=_OPERATING_POINT_COLOUR, markeredgecolor="white",
                      markeredgewidth=1.5, zorder=5, clip_on=False)
    return guides, marker


def _move_operating_point(guides, marker, x, y):
    guides.set_data([x, x, 0], [0, y, y])
    marker.set_data([x], [y])


def _unit_square(ax, xlabel, ylabel):
    """Axes for two rates on [0, 1], without tick machinery.

    Each tick is five artists and costs about a millisecond per redraw; on a unit square
    ticks at 0 and 1 would only repeat the corners. So the corners are labelled with
    three plain texts and the midlines drawn as plain lines: a tenth of each redraw.
    """
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.axhline(0.5, color=_MIDLINE_COLOUR, linewidth=0.8, zorder=0)
    ax.axvline(0.5, color=_MIDLINE_COLOUR, linewidth=0.8, zorder=0)
    for x, y, text, ha, va in ((-0.025, -0.025, "0", "right", "top"),
                               (1.0, -0.025, "1", "center", "top"),
                               (-0.025, 1.0, "1", "right", "center")):
        ax.text(x, y, text, ha=ha, va=va, color="0.25")
    # Without tick labels the axis labels would sit on the corner labels; pad them out.
    ax.set_xlabel(xlabel, labelpad=13)
    ax.set_ylabel(ylabel, labelpad=11)


def threshold_figure(sweep, state, *, curves=None):
    """The confusion matrix, its metrics and the operating point on ROC and PR curves.

    Draws a :func:`threshold_state` result in four panels, side by side:

    a. the confusion matrix laid out as scikit-learn's (rows actual, columns predicted:
       ``[[TN, FP], [FN, TP]]``), right answers green and mistakes red
       (:func:`lecturelib.plots.plot_confusion_matrix`);
    b. accuracy, precision, recall, specificity and F1 as bars with their values;
    c. the ROC curve with the chance diagonal and the operating point (FPR, TPR);
    d. the PR curve with the chance level (the prevalence) and the operating point
       (recall, precision), left out, with a note, when nothing is predicted positive.

    It is the static counterpart of :func:`threshold_explorer`: call it at a few
    thresholds for small multiples that read without a kernel. The cost of a redraw does
    not depend on the number of samples (the curves are thinned once, see
    :func:`threshold_curves`); the layout is fixed, with no layout engine, and ticks and
    texts are few, which keeps it within the 150 ms budget of ``COURSE.md``.

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
    state : dict
        From ``threshold_state(sweep, threshold)``.
    curves : dict, optional
        From ``threshold_curves(sweep)``, which is what is used when it is left out (it
        is computed once per sweep and cached, so redraws stay cheap either way).

    Returns
    -------
    matplotlib.figure.Figure
        Four axes, in the order above.
    """
    sweep = _check_sweep(sweep)
    if curves is None:
        curves = threshold_curves(sweep)
    return ThresholdFigure(state, curves=curves).figure


class ThresholdFigure(LiveFigure):
    """:func:`threshold_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`: the
    curves and layout are drawn once; a new threshold changes the matrix's colours and
    counts, the bars and their values, the two operating points and the first title."""

    def draw(self, state):
        import matplotlib.pyplot as plt

        from ..plots import plot_confusion_matrix

        curves = self.curves
        width, height = _THRESHOLD_FIGSIZE
        fig = plt.figure(figsize=_THRESHOLD_FIGSIZE, dpi=FIGURE_DPI)
        ax_cm, ax_bar, ax_roc, ax_pr = (
            fig.add_axes((left / width, _THRESHOLD_PANEL_BOTTOM / height, panel / width,
                          _THRESHOLD_PANEL_HEIGHT / height))
            for left, panel in _THRESHOLD_PANELS)

        plot_confusion_matrix(state["counts"], ax=ax_cm)
        self.cells, self.cell_texts = ax_cm.images[0], list(ax_cm.texts)
        self.bars, self.values = _draw_metric_bars(ax_bar, state["metrics"])

        ax_roc.plot([0, 1], [0, 1], color=_SWEEP_CHANCE_COLOUR, linestyle="--", linewidth=1.1)
        ax_roc.text(0.62, 0.56, "chance", rotation=45, ha="center", va="center", fontsize=9,
                    color=_SWEEP_CHANCE_COLOUR)
        ax_roc.plot(curves["fpr"], curves["tpr"], color=_SWEEP_CURVE_COLOUR, linewidth=2)
        self.roc_point = _mark_operating_point(ax_roc, *state["roc_point"])
        _unit_square(ax_roc, "false-positive rate", "true-positive rate")

        prevalence = curves["prevalence"]
        ax_pr.axhline(prevalence, color=_SWEEP_CHANCE_COLOUR, linestyle="--", linewidth=1.1)
        # Chance is named at the left, where a useful PR curve is high above it.
        ax_pr.text(0.02, prevalence + 0.015, "chance", va="bottom", fontsize=9,
                   color=_SWEEP_CHANCE_COLOUR)
        ax_pr.plot(curves["recall"], curves["precision"], color=_SWEEP_CURVE_COLOUR,
                   linewidth=2, drawstyle="steps-post")
        # Precision can be 0/0 (nothing predicted positive): then there is no point to
        # mark, and a note says why the panel has none.
        self.pr_point = _mark_operating_point(ax_pr, *_pr_point_or_origin(state))
        self.pr_note = ax_pr.text(
            0.5, 0.68, "no point: nothing is\npredicted positive,\nprecision is 0/0",
            ha="center", va="center", fontsize=9, color="0.3",
            bbox={"facecolor": "white", "edgecolor": "0.7", "alpha": 0.9})
        self._show_pr_point(state)
        _unit_square(ax_pr, "recall", "precision")

        # The threshold heads the first panel (a figure title would cost as much to draw as
        # a panel's labels). Titles sit at a fixed height: nothing is drawn above the
        # panels, and matplotlib's automatic placement measures every tick label first.
        titles = (self._title(state), "Metrics", f"ROC: AUC {curves['roc_auc']:.3f}",
                  f"PR: AP {curves['average_precision']:.3f}")
        for ax, title in zip((ax_cm, ax_bar, ax_roc, ax_pr), titles):
            ax.set_title(title, y=1.0, pad=6)
        self.title = ax_cm.title
        self.animated = [self.cells, *self.cell_texts, *self.bars, *self.values,
                         *self.roc_point, *self.pr_point, self.pr_note, self.title]
        return fig

    def update(self, state):
        from ..plots import _as_count_matrix, _confusion_cells

        colours, texts, text_colours = _confusion_cells(
            _as_count_matrix(state["counts"]), [["TN", "FP"], ["FN", "TP"]])
        self.cells.set_data(colours)
        for text, label, colour in zip(self.cell_texts, (t for row in texts for t in row),
                                       (c for row in text_colours for c in row)):
            text.set_text(label)
            text.set_color(colour)
        _update_metric_bars(self.bars, self.values, state["metrics"])
        _move_operating_point(*self.roc_point, *state["roc_point"])
        _move_operating_point(*self.pr_point, *_pr_point_or_origin(state))
        self._show_pr_point(state)
        self.title.set_text(self._title(state))

    @staticmethod
    def _title(state):
        return f"Threshold {_format_threshold(state['threshold'])}"

    def _show_pr_point(self, state):
        defined = not np.isnan(state["pr_point"][1])
        for artist in self.pr_point:
            artist.set_visible(defined)
        self.pr_note.set_visible(not defined)


def _pr_point_or_origin(state):
    recall, precision = state["pr_point"]
    return (recall, 0.0) if np.isnan(precision) else (recall, precision)


def _threshold_slider_range(low, high, threshold):
    """Step, minimum and maximum of a slider over scores in [low, high].

    The step is a round number (1, 2 or 5 times a power of ten) giving about 1,000
    positions; the range runs from at or below the lowest score (everything positive)
    to one step above the highest (nothing positive), widened to include ``threshold``.
    """
    magnitude = max(abs(low), abs(high), 1.0)
    # One distinct score: any span will do. Otherwise at least a millionth of the scores'
    # magnitude, so each step stays far above float rounding (1e-16 of it).
    span = max(high - low, 1e-6 * magnitude) if high > low else magnitude
    target = span / 1000
    exponent = np.floor(np.log10(target))
    # The largest round number up to the target; the tolerance and the decade below keep
    # log10's rounding (10 ** floor(log10(1e-9)) can exceed 1e-9) from leaving none.
    step = max(m * 10.0 ** e for e in (exponent - 1, exponent) for m in (1, 2, 5)
               if m * 10.0 ** e <= target * (1 + 1e-9))
    minimum = np.floor(low / step) * step
    maximum = (np.floor(high / step) + 1) * step
    # Rounding in low / step can land a grid point just past a score; step back out.
    if minimum > low:
        minimum -= step
    if maximum <= high:
        maximum += step
    minimum, maximum = min(minimum, threshold), max(maximum, threshold)
    decimals = int(max(0, -np.floor(np.log10(step))))
    return float(step), float(minimum), float(maximum), decimals


def threshold_explorer(y_true, y_score, *, threshold=0.5, pos_label=None):
    """A threshold slider over a classifier's scores, redrawing the confusion matrix,
    the metrics and the operating point on the ROC and PR curves.

    The scores are sorted once here (:class:`lecturelib.curves.ThresholdSweep`) and the
    curves thinned once (:func:`threshold_curves`); each slider move then runs
    :func:`threshold_state` (a couple of binary searches) and draws
    :func:`threshold_figure`. The line between the slider and the figure is the state's
    ``message``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with both classes present.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    threshold : float, default 0.5
        Starting threshold, finite. The slider runs from the lowest score (everything
        positive) to just above the highest (nothing positive), widened to include this
        value, in about 1,000 round steps.
    pos_label : label, optional
        The positive class; needed when the labels are not {0, 1} or {-1, 1}.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``threshold`` slider), ``status``, ``output`` and ``sweep``.
    """
    import ipywidgets as widgets

    from ..curves import ThresholdSweep

    sweep = ThresholdSweep(y_true, y_score, pos_label=pos_label)
    threshold = _check_real(threshold, "threshold")
    curves = threshold_curves(sweep)
    scores = sweep.distinct_scores
    step, minimum, maximum, decimals = _threshold_slider_range(float(scores[0]),
                                                               float(scores[-1]), threshold)
    slider = widgets.FloatSlider(value=threshold, min=minimum, max=maximum, step=step,
                                 description=_("threshold"), continuous_update=True,
                                 readout_format=f".{decimals}f",
                                 style={"description_width": "initial"},
                                 layout=widgets.Layout(width="520px"))

    def state_of(threshold):
        return threshold_state(sweep, threshold)

    live = ThresholdFigure(state_of(threshold), curves=curves)
    _detached(live.figure)
    box = _explorer_box(slider, {"threshold": slider}, state_of, live,
                        frames={"threshold": grid_values(slider, 41)})
    box.sweep = sweep
    return box
