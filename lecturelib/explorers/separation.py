"""Class separation and prevalence: what sets the ROC and precision–recall curves
(notebook 05).

:func:`class_separation_explorer` slides the two classes' scores apart and shows their
histograms and the ROC curve they give; :func:`prevalence_explorer` makes the positives
rarer and shows that the ROC curve hardly moves while the PR curve falls. Both draw
binormal scores from :func:`lecturelib.datasets.score_distributions` and measure them
with :mod:`lecturelib.curves`.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_positive_int
from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LiveFigure, _axes, _detached, _explorer_box, _thin_curve

__all__ = [
    "class_separation_state",
    "class_separation_figure",
    "class_separation_explorer",
    "prevalence_state",
    "prevalence_figure",
    "prevalence_explorer",
]

SEPARATION_RANGE = (0.0, 4.0)
PREVALENCE_RANGE = (0.001, 0.5)
# Fewer positives than this leave a PR curve of a few steps and an AP that is mostly
# sampling noise; 10 is also what the smallest slider setting (0.1% of 20,000 = 20) clears.
MIN_CLASS_SAMPLES = 10
# Curves are thinned to at most this many points before drawing: 20,000 samples give a
# PR curve of 20,000 points, which matplotlib draws visibly slower and no screen resolves.
MAX_DRAWN_POINTS = 500

_NEGATIVE_COLOUR = "tab:blue"
_POSITIVE_COLOUR = "tab:orange"
_CURVE_COLOUR = "tab:purple"
_CHANCE_COLOUR = "0.45"


def _binormal_auc(separation):
    from math import erf

    # Phi(d / sqrt 2) written with erf, so the package needs no SciPy:
    # Phi(x) = (1 + erf(x / sqrt 2)) / 2, and x / sqrt 2 = d / 2.
    return 0.5 * (1.0 + erf(separation / 2.0))


def _auc_standard_error(auc_value, n_positive, n_negative):
    """Hanley & McNeil's (1982) standard error of an empirical AUC."""
    q1 = auc_value / (2.0 - auc_value)
    q2 = 2.0 * auc_value ** 2 / (1.0 + auc_value)
    variance = (auc_value * (1.0 - auc_value) + (n_positive - 1) * (q1 - auc_value ** 2)
                + (n_negative - 1) * (q2 - auc_value ** 2)) / (n_positive * n_negative)
    # Rounding can push a variance of (almost) 0 slightly negative at AUC = 1.
    return float(np.sqrt(max(variance, 0.0)))


def class_separation_state(separation, *, n=2000, seed=0):
    r"""Two classes' scores a distance ``separation`` apart, their ROC curve and its area.

    Scores follow the binormal model of
    :func:`lecturelib.datasets.score_distributions` with balanced classes: negatives
    :math:`\sim \mathcal{N}(0, 1)`, positives :math:`\sim \mathcal{N}(d, 1)`. The area
    under the ROC curve is the probability that a random positive outscores a random
    negative; for this model

    .. math:: \mathrm{AUC} = P(S_+ > S_-) = \Phi\!\left(\frac{d}{\sqrt 2}\right),

    because :math:`S_+ - S_- \sim \mathcal{N}(d, 2)`. At :math:`d = 0` it is 0.5
    (no separation: the ROC curve hugs the diagonal); at :math:`d = 4`, 0.998.

    Parameters
    ----------
    separation : float
        Distance :math:`d` between the class means, in standard deviations; finite
        (the explorer's slider covers 0 to 4; negative values make AUC < 0.5).
    n : int, default 2000
        Number of samples, at least 2; ``n // 2`` are positive, the rest negative.
    seed : int, default 0
        Seed of :func:`~lecturelib.datasets.score_distributions`. The noise does not
        depend on ``separation``, so moving it only slides the positives along.

    Returns
    -------
    dict
        ``y_true``, ``y_score`` : ndarray
            The labels (0/1) and scores, as returned by ``score_distributions``.
        ``negative_scores``, ``positive_scores`` : ndarray
            The scores of each class.
        ``bin_edges``, ``negative_density``, ``positive_density`` : ndarray
            Histograms of both classes on shared bins (40 bins), as densities so the
            two areas are each 1.
        ``fpr``, ``tpr``, ``thresholds`` : ndarray
            :func:`lecturelib.curves.roc_curve` of the scores.
        ``auc`` : float
            :func:`lecturelib.curves.roc_auc_score`, the empirical area.
        ``auc_theory`` : float
            :math:`\Phi(d / \sqrt 2)`, the area for infinitely many samples.
        ``auc_se`` : float
            Hanley–McNeil standard error of ``auc``: how far from ``auc_theory``
            sampling alone typically moves it.
        ``separation``, ``n_positive``, ``n_negative`` : the (checked) inputs.
        ``message`` : str
            One or two plain-text sentences with these numbers, as the explorer shows.

    Examples
    --------
    >>> state = class_separation_state(1.0)
    >>> round(state["auc_theory"], 3), round(state["auc"], 2)
    (0.76, 0.76)
    >>> class_separation_state(0.0)["message"].split(".")[0]
    'No separation: the ROC hugs the diagonal'

    References
    ----------
    J. A. Hanley and B. J. McNeil, "The meaning and use of the area under a receiver
    operating characteristic (ROC) curve", Radiology 143 (1982).
    T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006).
    """
    from ..curves import roc_auc_score, roc_curve
    from ..datasets import score_distributions

    separation = _check_real(separation, "separation")
    n = check_positive_int(n, "n", minimum=2)
    n_positive = n // 2
    n_negative = n - n_positive
    y_true, y_score = score_distributions(n_positive, n_negative, separation=separation,
                                          seed=seed)
    negative_scores = y_score[y_true == 0]
    positive_scores = y_score[y_true == 1]
    bin_edges = np.histogram_bin_edges(y_score, bins=40)
    negative_density, _unused = np.histogram(negative_scores, bins=bin_edges, density=True)
    positive_density, _unused = np.histogram(positive_scores, bins=bin_edges, density=True)
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    auc_value = roc_auc_score(y_true, y_score)
    auc_theory = _binormal_auc(separation)
    auc_se = _auc_standard_error(auc_value, n_positive, n_negative)

    if abs(separation) < 0.15:
        message = _(
            "No separation: the ROC hugs the diagonal. The two classes' scores overlap, so "
            "a random positive outscores a random negative {percent} of the time, like a "
            "coin toss: AUC = {auc} (chance is 0.5)."
        ).format(percent=f"{auc_value:.0%}", auc=f"{auc_value:.3f}")
    elif separation < 0:
        message = _(
            "Reversed: positives score lower than negatives, so AUC = {auc} is below "
            "chance (0.5); flipping the sign of the scores would give {flipped}."
        ).format(auc=f"{auc_value:.3f}", flipped=f"{1 - auc_value:.3f}")
    elif auc_theory >= 0.99:
        message = _(
            "Almost perfect separation (d = {d}): the ROC hugs the top-left corner. A "
            "random positive outscores a random negative {percent} of the time: "
            "AUC = {auc} (theory Φ(d/√2) = {theory})."
        ).format(d=f"{separation:g}", percent=f"{auc_value:.1%}", auc=f"{auc_value:.3f}",
                 theory=f"{auc_theory:.3f}")
    else:
        message = _(
            "Separation d = {d}: a random positive outscores a random negative {percent} "
            "of the time: AUC = {auc} (theory Φ(d/√2) = {theory}; sampling error about "
            "±{error})."
        ).format(d=f"{separation:g}", percent=f"{auc_value:.0%}", auc=f"{auc_value:.3f}",
                 theory=f"{auc_theory:.3f}", error=f"{auc_se:.3f}")
    return {
        "y_true": y_true,
        "y_score": y_score,
        "negative_scores": negative_scores,
        "positive_scores": positive_scores,
        "bin_edges": bin_edges,
        "negative_density": negative_density,
        "positive_density": positive_density,
        "fpr": fpr,
        "tpr": tpr,
        "thresholds": thresholds,
        "auc": auc_value,
        "auc_theory": auc_theory,
        "auc_se": auc_se,
        "separation": separation,
        "n_positive": n_positive,
        "n_negative": n_negative,
        "message": message,
    }


# Both figures have a fixed layout, in inches (left, bottom, width, height): a layout engine
# would lay the figure out anew for every state, and a tick label or legend a little wider
# would shift every panel, so the figure updated in place could not stay the one drawn
# fresh. Every label has a known size, so the places are fixed once (close to where the
# constrained layout put them).
_SEPARATION_FIGSIZE = (9.6, 4.0)
_SEPARATION_PANELS = ((0.62, 0.5, 4.85, 3.2), (6.2, 0.5, 3.2, 3.2))
_PREVALENCE_FIGSIZE = (8.4, 4.9)
_PREVALENCE_PANELS = ((0.6, 0.84, 3.5, 3.5), (4.78, 0.84, 3.5, 3.5))
# The score axis of the histograms stays put over the slider's range (0 to 4 with the
# explorer's 2,000 samples span about -3.5 to 7.5): the negatives stand still while the
# positives slide right. The density axis leaves room above the peaks (below 0.5 there)
# for the legend. A state beyond these (another ``n``, a negative ``d``) widens them.
_HISTOGRAM_XLIM = (-4.0, 8.0)
_HISTOGRAM_YMAX = 0.65


def _roc_legend_loc(auc_value):
    # The lower-right corner is empty unless the curve runs well below the diagonal.
    return "lower right" if auc_value >= 0.4 else "upper left"


def _draw_roc(ax, fpr, tpr, auc_value, title, *, legend_below=False):
    """A ROC curve on the unit square with the chance diagonal; returns (curve, legend).

    The legend names the lines (the title carries the numbers, so the legend never
    changes with the state); it goes below the panel, or else into the lower-right
    corner, which the curve leaves empty unless it runs well below the diagonal
    (AUC < 0.4).
    """
    ax.plot([0, 1], [0, 1], color=_CHANCE_COLOUR, linestyle="--", linewidth=1.2,
            label="chance (AUC = 0.5)")
    fpr, tpr = _thin_curve(fpr, tpr, MAX_DRAWN_POINTS)
    curve, = ax.plot(fpr, tpr, color=_CURVE_COLOUR, linewidth=2.2, label="model")
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_xlabel("false-positive rate (FPR)")
    ax.set_ylabel("true-positive rate (TPR, recall)")
    ax.set_title(title)
    if legend_below:
        legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2,
                           fontsize=9, frameon=False)
    else:
        legend = ax.legend(loc=_roc_legend_loc(auc_value), fontsize=9)
    ax.grid(alpha=0.3)
    return curve, legend


def _histogram_limits(state):
    """The score and density ranges of the histograms: fixed, unless ``state`` needs more."""
    edges = state["bin_edges"]
    peak = max(state["negative_density"].max(), state["positive_density"].max())
    # Headroom above the peaks keeps the legend clear of the bars.
    return ((min(_HISTOGRAM_XLIM[0], float(np.floor(edges[0]))),
             max(_HISTOGRAM_XLIM[1], float(np.ceil(edges[-1])))),
            (0.0, max(_HISTOGRAM_YMAX, 1.3 * float(peak))))


def _histogram_labels(state):
    return [f"negatives (n = {state['n_negative']:,})", f"positives (n = {state['n_positive']:,})"]


def class_separation_figure(state):
    """The two classes' score histograms and the ROC curve they give.

    Draws a :func:`class_separation_state` result: the static counterpart of
    :func:`class_separation_explorer`. The score axis is the same for every separation
    from 0 to 4 (the negatives stay where they are while the positives slide along).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: histograms of negative and positive scores; the ROC curve with the
        chance diagonal.
    """
    return ClassSeparationFigure(state).figure


class ClassSeparationFigure(LiveFigure):
    """:func:`class_separation_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`:
    axes, ticks, legends and the chance diagonal are drawn once; a new separation moves
    the four histogram steps (fills and outlines) and the ROC curve and rewrites both
    titles. A state the slider cannot reach (scores beyond the fixed axes, other sample
    sizes, AUC below 0.4) changes that background, which is then drawn anew."""

    def draw(self, state):
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=_SEPARATION_FIGSIZE, dpi=FIGURE_DPI)
        ax_hist, ax_roc = (_axes(fig, _SEPARATION_FIGSIZE, box) for box in _SEPARATION_PANELS)
        edges = state["bin_edges"]
        densities = (state["negative_density"], state["positive_density"])
        colours = (_NEGATIVE_COLOUR, _POSITIVE_COLOUR)
        # Both fills first, then both outlines: neither class's edge hides under the other.
        self.fills = [ax_hist.stairs(density, edges, fill=True, color=colour, alpha=0.3)
                      for density, colour in zip(densities, colours)]
        self.outlines = [ax_hist.stairs(density, edges, color=colour, linewidth=1.6,
                                        label=label)
                         for density, colour, label in zip(densities, colours,
                                                           _histogram_labels(state))]
        ax_hist.set_xlabel("score")
        ax_hist.set_ylabel("density")
        ax_hist.set_title(self._histogram_title(state))
        ax_hist.grid(alpha=0.3)
        ax_hist.set_axisbelow(True)  # the grid under the bars, as the background has it
        self.ax_hist = ax_hist

        self.roc_curve, self.roc_legend = _draw_roc(ax_roc, state["fpr"], state["tpr"],
                                                    state["auc"], self._roc_title(state))
        self._set_frame(state)
        self.titles = (ax_hist.title, ax_roc.title)
        # The bars stand on the bottom spine, which is drawn over them.
        self.animated = [*self.fills, *self.outlines, ax_hist.spines["bottom"], self.roc_curve,
                         *self.titles]
        return fig

    def update(self, state):
        if self._frame(state) != self.frame:
            self._set_frame(state)
            self.invalidate()  # the background changed: draw it anew
        edges = state["bin_edges"]
        for fill, outline, density in zip(self.fills, self.outlines,
                                          (state["negative_density"],
                                           state["positive_density"])):
            fill.set_data(density, edges)
            outline.set_data(density, edges)
        self.roc_curve.set_data(*_thin_curve(state["fpr"], state["tpr"], MAX_DRAWN_POINTS))
        for title, text in zip(self.titles, (self._histogram_title(state),
                                             self._roc_title(state))):
            title.set_text(text)

    @staticmethod
    def _frame(state):
        """What the background shows of a state: the histograms' limits and legend, and
        the corner of the ROC legend; the same for every state of the slider."""
        return _histogram_limits(state), _histogram_labels(state), _roc_legend_loc(state["auc"])

    def _set_frame(self, state):
        limits, labels, corner = self.frame = self._frame(state)
        self.ax_hist.set_xlim(*limits[0])
        self.ax_hist.set_ylim(*limits[1])
        for outline, label in zip(self.outlines, labels):
            outline.set_label(label)
        self.ax_hist.legend(loc="upper left", fontsize=9)
        self.roc_legend.set_loc(corner)

    @staticmethod
    def _histogram_title(state):
        return f"Scores of each class (d = {state['separation']:g})"

    @staticmethod
    def _roc_title(state):
        return f"ROC: AUC = {state['auc']:.3f} (theory {state['auc_theory']:.3f})"


def class_separation_explorer(*, separation=1.0):
    """A slider for the distance between the classes, redrawing histograms and ROC curve.

    The figure is :func:`class_separation_figure`, updated in place as the slider moves;
    the line between the slider and the figure is the ``message`` of
    :func:`class_separation_state`.

    Parameters
    ----------
    separation : float in [0, 4], default 1.0
        Starting value of the slider (distance between the class means, in standard
        deviations).

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``separation`` slider), ``status``, ``image``, ``live`` and ``flush``.
    """
    import ipywidgets as widgets

    low, high = SEPARATION_RANGE
    separation = _check_real(separation, "separation", minimum=low, maximum=high)
    slider = widgets.FloatSlider(value=separation, min=low, max=high, step=0.1,
                                 description=_("separation d"), continuous_update=True,
                                 readout_format=".1f", style={"description_width": "initial"})
    live = ClassSeparationFigure(class_separation_state(separation))
    _detached(live.figure)
    return _explorer_box(slider, {"separation": slider}, class_separation_state, live,
                         frames={"separation": grid_values(slider, 41)})


def _check_prevalence(prevalence):
    if (isinstance(prevalence, bool) or not isinstance(prevalence, numbers.Real)
            or not 0 < prevalence < 1):
        raise ValueError(
            f"`prevalence` (the fraction of positives) must be a number strictly between 0 "
            f"and 1, e.g. 0.01 for 1%; got {prevalence!r}."
        )
    return float(prevalence)


def prevalence_state(prevalence, *, separation=1.5, n=20000, seed=0):
    r"""ROC and precision–recall curves of one scorer at a given share of positives.

    ``round(prevalence * n)`` samples are positive and the rest negative, with the
    binormal scores of :func:`lecturelib.datasets.score_distributions` (negatives
    :math:`\mathcal{N}(0, 1)`, positives :math:`\mathcal{N}(d, 1)`): the same scorer at
    every prevalence. ROC rates are fractions *within* each class,

    .. math:: \mathrm{TPR} = \frac{TP}{P}, \qquad \mathrm{FPR} = \frac{FP}{N},

    so ROC-AUC does not depend on prevalence (up to sampling noise), while precision
    mixes the classes,

    .. math:: \mathrm{precision} = \frac{TP}{TP + FP}
              = \frac{\pi\,\mathrm{TPR}}{\pi\,\mathrm{TPR} + (1 - \pi)\,\mathrm{FPR}},

    with prevalence :math:`\pi`: as positives get rare the false positives take over the
    top of the ranking and average precision falls, towards its chance level
    :math:`\pi` (a random scorer's expected AP when the positives are many; with few
    positives it is higher: 0.060, not 0.02, for 2 positives in 100).

    Parameters
    ----------
    prevalence : float in (0, 1)
        Fraction of positives. ``round(prevalence * n)`` and the number of negatives
        must each be at least 10 (``MIN_CLASS_SAMPLES``): with fewer positives the PR
        curve is a handful of steps and AP mostly noise. With the default ``n`` that
        allows 0.0005 to 0.9995; the explorer's slider covers 0.001 to 0.5.
    separation : float, default 1.5
        Distance between the class means in standard deviations (ROC-AUC about 0.86).
    n : int, default 20000
        Total number of samples.
    seed : int, default 0
        Seed of ``score_distributions``. Changing ``prevalence`` keeps the samples of
        each class that both settings have, so the curves move smoothly.

    Returns
    -------
    dict
        ``y_true``, ``y_score`` : ndarray
            The labels (0/1) and scores.
        ``fpr``, ``tpr`` : ndarray
            :func:`lecturelib.curves.roc_curve`.
        ``precision``, ``recall`` : ndarray
            :func:`lecturelib.curves.precision_recall_curve`.
        ``roc_auc`` : float
            :func:`lecturelib.curves.roc_auc_score`.
        ``average_precision`` : float
            :func:`lecturelib.curves.average_precision_score`.
        ``baseline_ap`` : float
            The chance level of AP, the actual fraction of positives ``n_positive / n``
            (``prevalence`` up to rounding to whole samples). Chance ROC-AUC is 0.5.
        ``auc_theory`` : float
            :math:`\Phi(d / \sqrt 2)`, the ROC-AUC for infinitely many samples.
        ``prevalence``, ``separation``, ``n_positive``, ``n_negative`` : the inputs.
        ``message`` : str
            Plain-text sentences with these numbers, as the explorer shows them.

    Examples
    --------
    >>> common, rare = prevalence_state(0.5), prevalence_state(0.01)
    >>> round(common["roc_auc"], 3), round(rare["roc_auc"], 3)
    (0.852, 0.855)
    >>> round(common["average_precision"], 3), round(rare["average_precision"], 3)
    (0.853, 0.107)

    References
    ----------
    T. Saito and M. Rehmsmeier, "The precision-recall plot is more informative than the
    ROC plot when evaluating binary classifiers on imbalanced datasets", PLoS ONE 10
    (2015).
    J. Davis and M. Goadrich, "The relationship between precision-recall and ROC
    curves", ICML 2006.
    """
    from ..curves import (
        average_precision_score,
        precision_recall_curve,
        roc_auc_score,
        roc_curve,
    )
    from ..datasets import score_distributions

    prevalence = _check_prevalence(prevalence)
    separation = _check_real(separation, "separation")
    n = check_positive_int(n, "n", minimum=2 * MIN_CLASS_SAMPLES)
    n_positive = round(prevalence * n)
    n_negative = n - n_positive
    for name, count in (("positives", n_positive), ("negatives", n_negative)):
        if count < MIN_CLASS_SAMPLES:
            raise ValueError(
                f"`prevalence` = {prevalence:g} of `n` = {n:,} samples leaves {count} "
                f"{name}; at least {MIN_CLASS_SAMPLES} are needed for a meaningful PR "
                f"curve. Move `prevalence` towards 0.5 or raise `n`."
            )
    y_true, y_score = score_distributions(n_positive, n_negative, separation=separation,
                                          seed=seed)
    fpr, tpr, _unused = roc_curve(y_true, y_score)
    precision, recall, _unused = precision_recall_curve(y_true, y_score)
    roc_auc = roc_auc_score(y_true, y_score)
    average_precision = average_precision_score(y_true, y_score)
    baseline_ap = n_positive / n

    message = _(
        "Prevalence {prevalence} ({positives} positives among {n}): ROC-AUC = {roc_auc} "
        "(chance 0.5) and average precision = {ap} (chance {baseline}, the prevalence)."
    ).format(prevalence=f"{prevalence:.3g}", positives=f"{n_positive:,}", n=f"{n:,}",
             roc_auc=f"{roc_auc:.3f}", ap=f"{average_precision:.3f}",
             baseline=f"{baseline_ap:.3g}")
    if prevalence <= 0.05:
        message += " " + _(
            "Positives are rare: even a small false-positive rate is many false positives "
            "next to {positives} positives, so precision collapses while the ROC curve, a "
            "rate within each class, barely moves."
        ).format(positives=f"{n_positive:,}")
    return {
        "y_true": y_true,
        "y_score": y_score,
        "fpr": fpr,
        "tpr": tpr,
        "precision": precision,
        "recall": recall,
        "roc_auc": roc_auc,
        "average_precision": average_precision,
        "baseline_ap": baseline_ap,
        "auc_theory": _binormal_auc(separation),
        "prevalence": prevalence,
        "separation": separation,
        "n_positive": n_positive,
        "n_negative": n_negative,
        "message": message,
    }


def prevalence_figure(state):
    """ROC and precision–recall curves side by side, each with its chance level.

    Draws a :func:`prevalence_state` result: the static counterpart of
    :func:`prevalence_explorer`. Chance is the diagonal for ROC (AUC 0.5) and a
    horizontal line at the prevalence for PR (a random scorer's expected precision at
    every recall). The PR curve is drawn as steps, the rectangles average precision sums.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: ROC, and precision–recall.
    """
    return PrevalenceFigure(state).figure


class PrevalenceFigure(LiveFigure):
    """:func:`prevalence_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`: the
    axes, ticks, legends and the ROC's chance diagonal are drawn once; a new prevalence
    moves both curves and the PR chance line and rewrites the three titles.

    The legends name the lines without numbers ("model", "chance (AP = prevalence)"):
    the titles above carry AUC, AP and the prevalence. So the legends belong to the
    background, which keeps an update within budget (a legend is the costliest artist to
    redraw, its texts laid out anew)."""

    def draw(self, state):
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=_PREVALENCE_FIGSIZE, dpi=FIGURE_DPI)
        ax_roc, ax_pr = (_axes(fig, _PREVALENCE_FIGSIZE, box) for box in _PREVALENCE_PANELS)
        # Both legends below their panels, so they match and cover no curve.
        self.roc_curve, _legend = _draw_roc(
            ax_roc, state["fpr"], state["tpr"], state["roc_auc"], self._roc_title(state),
            legend_below=True)

        self.chance = ax_pr.axhline(state["baseline_ap"], color=_CHANCE_COLOUR,
                                    linestyle="--", linewidth=1.2,
                                    label="chance (AP = prevalence)")
        recall, precision = _thin_curve(state["recall"], state["precision"],
                                        MAX_DRAWN_POINTS)
        self.pr_curve, = ax_pr.plot(recall, precision, color=_CURVE_COLOUR, linewidth=2.2,
                                    drawstyle="steps-post", label="model")
        ax_pr.set_xlim(-0.01, 1.01)
        ax_pr.set_ylim(-0.01, 1.01)
        ax_pr.set_xlabel("recall (TPR)")
        ax_pr.set_ylabel("precision")
        ax_pr.set_title(self._pr_title(state))
        ax_pr.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, fontsize=9,
                     frameon=False)
        ax_pr.grid(alpha=0.3)
        self.suptitle = fig.suptitle(self._suptitle(state))
        self.titles = (ax_roc.title, ax_pr.title)
        self.animated = [self.roc_curve, self.chance, self.pr_curve, *self.titles,
                         self.suptitle]
        return fig

    def update(self, state):
        self.roc_curve.set_data(*_thin_curve(state["fpr"], state["tpr"], MAX_DRAWN_POINTS))
        baseline = state["baseline_ap"]
        self.chance.set_ydata([baseline, baseline])
        self.pr_curve.set_data(*_thin_curve(state["recall"], state["precision"],
                                            MAX_DRAWN_POINTS))
        for title, text in zip(self.titles, (self._roc_title(state), self._pr_title(state))):
            title.set_text(text)
        self.suptitle.set_text(self._suptitle(state))

    @staticmethod
    def _roc_title(state):
        return f"ROC: AUC = {state['roc_auc']:.3f}"

    @staticmethod
    def _pr_title(state):
        return f"Precision–recall: AP = {state['average_precision']:.3f}"

    @staticmethod
    def _suptitle(state):
        return (f"Prevalence {state['prevalence']:.3g} ({100 * state['prevalence']:.3g}% "
                f"positive): {state['n_positive']:,} positives, "
                f"{state['n_negative']:,} negatives")


def _stops(slider):
    """How many values a slider stops at, from ``min`` to ``max`` in steps of ``step``."""
    return int(np.floor((slider.max - slider.min) / slider.step + 1e-9)) + 1


def prevalence_explorer(*, prevalence=0.5):
    """A log-scale prevalence slider redrawing the ROC and PR curves of one scorer.

    The figure is :func:`prevalence_figure`, updated in place as the slider moves; the
    line between the slider and the figure is the ``message`` of
    :func:`prevalence_state`. Sliding towards rare positives leaves ROC-AUC where it was
    while average precision falls.

    Parameters
    ----------
    prevalence : float in [0.001, 0.5], default 0.5
        Starting fraction of positives.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``prevalence`` slider), ``status``, ``image``, ``live`` and ``flush``.
    """
    import ipywidgets as widgets

    low, high = PREVALENCE_RANGE
    prevalence = _check_real(_check_prevalence(prevalence), "prevalence", minimum=low,
                             maximum=high)
    # Log scale: 0.1%, 1% and 10% are equally far apart, as they are for the ratio of
    # negatives to positives that drives precision down.
    slider = widgets.FloatLogSlider(value=prevalence, base=10, min=float(np.log10(low)),
                                    max=float(np.log10(high)), step=0.1,
                                    description=_("prevalence (share of positives)"),
                                    continuous_update=True, readout_format=".3g",
                                    style={"description_width": "initial"},
                                    # Fixed: the long label would squeeze an automatic track
                                    # to a few pixels, too short to drag.
                                    layout=widgets.Layout(width="520px"))
    live = PrevalenceFigure(prevalence_state(prevalence))
    _detached(live.figure)
    # One control: the scorer (its separation) is fixed, so that only the share of
    # positives moves the curves. The grid is the slider's own stops (28, a tenth of a
    # decade apart), which a range input steps through evenly as the live slider does.
    return _explorer_box(slider, {"prevalence": slider}, prevalence_state, live,
                         frames={"prevalence": grid_values(slider, _stops(slider))})
