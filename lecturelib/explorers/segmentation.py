"""Binarising a probability map: the threshold that turns it into a mask (notebook 06).

A segmentation model outputs, for every pixel, the probability that it belongs to the
object; a mask is what remains after a threshold. :func:`binarisation_explorer` slides
that threshold and shows the probability map, the histogram of its pixels split by what
they truly are, the mask it gives against the true one (true-positive, false-positive
and false-negative pixels), and IoU, Dice and pixel accuracy, with their curves over all
thresholds. Pixel accuracy stays high at every threshold because the background
dominates; IoU and Dice do not.
"""

from __future__ import annotations

import html

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._shell import _axes, _explorer_box, _show

__all__ = [
    "binarisation_state",
    "binarisation_figure",
    "binarisation_explorer",
]

# Thresholds of the IoU/Dice/accuracy curves and of the slider (0.01 apart).
CURVE_THRESHOLDS = np.linspace(0.0, 1.0, 101)
# Histogram bins of the pixel probabilities, 0.01 wide: a slider step is a bin edge.
HISTOGRAM_EDGES = np.linspace(0.0, 1.0, 101)

# Pixel outcomes, colour-blind safe (Okabe–Ito and Tol colours; the four stay at least
# 34 CIELAB units apart under simulated protanopia, deuteranopia and tritanopia).
_OUTCOME_COLOURS = {
    "true positive": "#009E73",   # bluish green: person, found
    "false positive": "#E69F00",  # orange: background called person
    "false negative": "#332288",  # indigo: person missed
    "true negative": "#DDDDDD",   # light grey: background, left alone
}
_OUTCOME_SHORT = {"true positive": "TP", "false positive": "FP", "false negative": "FN",
                  "true negative": "TN"}
_METRIC_STYLES = (  # key, label, colour, line style
    ("pixel_accuracy", "pixel\naccuracy", "0.55", ":"),
    ("dice", "Dice", "#AA4499", "--"),
    ("iou", "IoU", "black", "-"),
)

# Panel places in inches (left, bottom, width, height): fixed, because every label has a
# known size and a layout engine would cost a second full draw per slider move.
_FIGSIZE = (13.0, 3.55)
_MAP = (0.2, 0.9, 2.3, 2.3)  # the image's box; the colour strip goes below it
_STRIP_GAP, _STRIP_HEIGHT = 0.2, 0.13
_HIST = (3.75, 0.9, 2.2, 2.3)
# Histogram bars are log10(count) + this, so a bin of one pixel still shows.
_HIST_LIFT = 0.3
_OVERLAY = (6.4, 0.9, 2.3, 2.3)
_CURVES = (9.45, 0.9, 2.0, 2.3)
_BARS = (11.6, 0.9, 1.25, 2.3)
_SCORE_YLIM = (0.0, 1.04)
_GRID_COLOUR = "0.88"
_UNIT_TICKS = ((0, "0"), (0.5, "0.5"), (1, "1"))
# Axis labels clear the hand-drawn tick labels (see _hand_ticks) by this many points.
_LABELPAD = 18


def _check_probability_map(probabilities):
    arr = np.asarray(probabilities)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"`probabilities` must be numeric, got dtype {arr.dtype}.")
    arr = arr.astype(np.float64)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(
            f"`probabilities` must be a non-empty 2-D map (height, width), got shape "
            f"{arr.shape}; pass one image's map, e.g. proba[0] of a batch."
        )
    if np.isnan(arr).any():
        raise ValueError("`probabilities` contains NaN; a probability map needs a value "
                         "in [0, 1] at every pixel.")
    if arr.min() < 0 or arr.max() > 1:
        raise ValueError(
            f"`probabilities` must lie in [0, 1], got values from {arr.min():g} to "
            f"{arr.max():g}; apply a sigmoid to logits first."
        )
    return arr


def _check_true_mask(mask_true, shape):
    arr = np.asarray(mask_true)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"`mask_true` must be a binary mask, got dtype {arr.dtype}.")
    if arr.shape != shape:
        raise ValueError(
            f"`mask_true` has shape {arr.shape} but `probabilities` has shape {shape}; "
            "they must match pixel for pixel."
        )
    if arr.dtype != bool:
        if arr.dtype.kind == "f" and np.isnan(arr).any():
            raise ValueError("`mask_true` contains NaN; it must be binary (bool or 0/1).")
        values = np.unique(arr)
        if not set(values.tolist()) <= {0, 1}:
            raise ValueError(
                f"`mask_true` must be binary (bool or 0/1), got values "
                f"{values.tolist()[:10]}; for a label map pass (labels == class)."
            )
        arr = arr.astype(bool)
    if not arr.any():
        raise ValueError(
            "`mask_true` has no foreground pixel: IoU and Dice would be 0 or undefined at "
            "every threshold. Pass a mask with at least one object pixel."
        )
    return arr


def _threshold_curves(probabilities, mask_true):
    """IoU, Dice and pixel accuracy at every threshold of CURVE_THRESHOLDS, from counts:
    two sorts, then a binary search per threshold (pixels with p >= t are predicted)."""
    person = np.sort(probabilities[mask_true])
    background = np.sort(probabilities[~mask_true])
    n_person, n_background = person.size, background.size
    tp = n_person - np.searchsorted(person, CURVE_THRESHOLDS, side="left")
    fp = n_background - np.searchsorted(background, CURVE_THRESHOLDS, side="left")
    fn, tn = n_person - tp, n_background - fp
    # n_person > 0, so no denominator is 0.
    return {
        "iou": tp / (tp + fp + fn),
        "dice": 2 * tp / (2 * tp + fp + fn),
        "pixel_accuracy": (tp + tn) / (n_person + n_background),
    }


def binarisation_state(probabilities, mask_true, threshold=0.5):
    r"""The mask a threshold makes of a probability map, and how well it matches the truth.

    A pixel is predicted as object when its probability is ``>= threshold``. Against the
    true mask each pixel is then a true positive (object, found), false positive
    (background called object), false negative (object missed) or true negative, and

    .. math::
        \mathrm{IoU} = \frac{TP}{TP + FP + FN}, \qquad
        \mathrm{Dice} = \frac{2\,TP}{2\,TP + FP + FN}, \qquad
        \text{pixel accuracy} = \frac{TP + TN}{TP + FP + FN + TN}.

    IoU and Dice come from :func:`lecturelib.segmentation.iou_score` and
    :func:`~lecturelib.segmentation.dice_score`. Only accuracy counts the true
    negatives, so where the background dominates it stays high whatever the mask.

    Parameters
    ----------
    probabilities : array-like of shape (H, W)
        Probability that each pixel is object, in [0, 1], no NaN.
    mask_true : array-like of shape (H, W)
        The true mask, bool or 0/1, with at least one object pixel.
    threshold : float in [0, 1], default 0.5

    Returns
    -------
    dict
        ``threshold`` : float
        ``probabilities`` : ndarray of float64, ``mask_true``, ``mask_pred`` : ndarray of bool
        ``tp``, ``fp``, ``fn``, ``tn`` : int
            Pixel counts.
        ``iou``, ``dice``, ``pixel_accuracy`` : float
        ``object_share`` : float
            Share of pixels that are object in the truth: the accuracy of predicting
            nothing is ``1 - object_share``.
        ``bin_edges`` : ndarray
            Histogram bins of the probabilities: 0.01 wide, with ``threshold`` added as an
            edge when it falls between two.
        ``background_counts``, ``object_counts`` : ndarray of int
            Pixels of each true class per bin.
        ``curve_thresholds`` : ndarray
            0, 0.01, ..., 1.
        ``iou_curve``, ``dice_curve``, ``accuracy_curve`` : ndarray
            Each score at every one of those thresholds.
        ``best_threshold``, ``best_iou`` : float
            Where on that grid IoU is highest (the lowest such threshold), and its IoU.
        ``message`` : str
            One plain-text sentence with these numbers, as the explorer shows it.

    Raises
    ------
    ValueError
        If ``probabilities`` is not a 2-D map in [0, 1] (or holds NaN), ``mask_true`` is
        not binary, has another shape or no object pixel, or ``threshold`` is not in
        [0, 1].

    Examples
    --------
    >>> proba = [[0.9, 0.6, 0.2], [0.4, 0.1, 0.0]]
    >>> truth = [[1, 1, 0], [1, 0, 0]]
    >>> state = binarisation_state(proba, truth, 0.5)
    >>> state["tp"], state["fp"], state["fn"], state["tn"]
    (2, 0, 1, 3)
    >>> round(state["iou"], 4), state["dice"], round(state["pixel_accuracy"], 4)
    (0.6667, 0.8, 0.8333)
    """
    from ..segmentation import dice_score, iou_score

    probabilities = _check_probability_map(probabilities)
    mask_true = _check_true_mask(mask_true, probabilities.shape)
    threshold = _check_real(threshold, "threshold", minimum=0, maximum=1)

    mask_pred = probabilities >= threshold
    tp = int(np.count_nonzero(mask_true & mask_pred))
    fp = int(np.count_nonzero(~mask_true & mask_pred))
    fn = int(np.count_nonzero(mask_true & ~mask_pred))
    tn = int(mask_true.size - tp - fp - fn)
    iou = iou_score(mask_true, mask_pred)
    dice = dice_score(mask_true, mask_pred)
    accuracy = (tp + tn) / mask_true.size

    # The threshold is made a bin edge (it replaces the 0.01 edge it rounds to, or is
    # added between two), so every bin lies wholly on one side of it.
    edges = HISTOGRAM_EDGES.copy()
    nearest = int(np.argmin(np.abs(edges - threshold)))
    if abs(edges[nearest] - threshold) < 1e-9:
        edges[nearest] = threshold
    else:
        edges = np.insert(edges, np.searchsorted(edges, threshold), threshold)
    background_counts, _unused = np.histogram(probabilities[~mask_true], bins=edges)
    object_counts, _unused = np.histogram(probabilities[mask_true], bins=edges)

    curves = _threshold_curves(probabilities, mask_true)
    best = int(np.argmax(curves["iou"]))
    object_share = float(mask_true.mean())
    message = _(
        "Threshold {threshold}: {predicted} pixels predicted object ({tp} TP, {fp} FP; "
        "{fn} object pixels missed). IoU {iou}, Dice {dice}, pixel accuracy {accuracy}. "
        "{background_percent} of the pixels are background, so predicting nothing would "
        "already score accuracy {background_share}; the best IoU, {best_iou}, is at "
        "threshold {best_threshold}."
    ).format(threshold=f"{threshold:.2f}", predicted=f"{tp + fp:,}", tp=f"{tp:,}",
             fp=f"{fp:,}", fn=f"{fn:,}", iou=f"{iou:.3f}", dice=f"{dice:.3f}",
             accuracy=f"{accuracy:.3f}", background_percent=f"{1 - object_share:.0%}",
             background_share=f"{1 - object_share:.3f}",
             best_iou=f"{curves['iou'][best]:.3f}",
             best_threshold=f"{CURVE_THRESHOLDS[best]:.2f}")
    return {
        "threshold": threshold,
        "probabilities": probabilities,
        "mask_true": mask_true,
        "mask_pred": mask_pred,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "iou": float(iou),
        "dice": float(dice),
        "pixel_accuracy": float(accuracy),
        "object_share": object_share,
        "bin_edges": edges,
        "background_counts": background_counts,
        "object_counts": object_counts,
        "curve_thresholds": CURVE_THRESHOLDS.copy(),
        "iou_curve": curves["iou"],
        "dice_curve": curves["dice"],
        "accuracy_curve": curves["pixel_accuracy"],
        "best_threshold": float(CURVE_THRESHOLDS[best]),
        "best_iou": float(curves["iou"][best]),
        "message": message,
    }


def _outcome_image(mask_true, mask_pred):
    from matplotlib.colors import to_rgb

    rgb = np.empty(mask_true.shape + (3,))
    for (name, colour), where in zip(_OUTCOME_COLOURS.items(), (
            mask_true & mask_pred, ~mask_true & mask_pred, mask_true & ~mask_pred,
            ~mask_true & ~mask_pred)):
        rgb[where] = to_rgb(colour)
    return rgb


def _hand_ticks(ax, size, *, x=(), y=()):
    """Tick marks and labels drawn as one line and a few texts.

    A real tick is five artists and costs about a millisecond per redraw; these figures
    have fixed ticks, so drawing them by hand keeps a slider move fast. ``size`` is the
    axes' (width, height) in inches; ``x`` and ``y`` are (position, label) pairs.
    """
    width, height = size
    length = 3.5 / 72  # inches, matplotlib's default major tick length
    for pairs, along, transform in ((x, "x", ax.get_xaxis_transform()),
                                    (y, "y", ax.get_yaxis_transform())):
        marks_a, marks_b = [], []
        for position, label in pairs:
            if along == "x":
                marks_a += [position, position, np.nan]
                marks_b += [0.0, -length / height, np.nan]
                ax.text(position, -(length + 0.03) / height, label, ha="center", va="top",
                        transform=transform)
            else:
                marks_a += [0.0, -length / width, np.nan]
                marks_b += [position, position, np.nan]
                ax.text(-(length + 0.03) / width, position, label, ha="right",
                        va="center", transform=transform)
        if marks_a:
            ax.plot(marks_a, marks_b, color="black", linewidth=0.8, clip_on=False,
                    transform=transform)
    ax.set_xticks([])
    ax.set_yticks([])


def _draw_map(fig, probabilities, threshold):
    """The probability map and, below it in the same axes, a grey strip that is its
    colour scale, with the threshold marked (one axes instead of two: cheaper to draw)."""
    left, bottom, side, _unused = _MAP
    rows, cols = probabilities.shape
    inch = min(side / cols, side / rows)  # inches per pixel, square pixels
    top = bottom + side
    below = _STRIP_GAP + _STRIP_HEIGHT  # inches of strip and gap under the map
    ax = _axes(fig, _FIGSIZE, (left + (side - cols * inch) / 2, top - rows * inch - below,
                               cols * inch, rows * inch + below))
    ax.imshow(probabilities, cmap="gray", vmin=0, vmax=1, interpolation="nearest",
              extent=(0, cols, rows, 0), aspect="auto")
    strip_top, strip_bottom = rows + _STRIP_GAP / inch, rows + below / inch
    ax.imshow(np.linspace(0, 1, 256)[None, :], cmap="gray", vmin=0, vmax=1, aspect="auto",
              extent=(0, cols, strip_bottom, strip_top))
    ax.plot([threshold * cols] * 2, [strip_top, strip_bottom],
            color=_OUTCOME_COLOURS["false positive"], linewidth=3, solid_capstyle="butt",
            clip_on=False)  # not clipped: at 0 or 1 half the mark would be cut off
    ax.set_xlim(0, cols)
    ax.set_ylim(strip_bottom, 0)
    ax.set_axis_off()
    below_strip = -0.06 / (rows * inch + below)  # in axes fractions
    for x, text, ha in ((0, "0", "left"), (1, "1", "right"),
                        (0.5, "probability (line: threshold)", "center")):
        ax.text(x, below_strip, text, ha=ha, va="top", fontsize=9, transform=ax.transAxes)
    ax.set_title("Model's probability of object", y=1.0, pad=6)
    return ax


def _draw_histograms(ax, edges, background_counts, object_counts, threshold):
    """Both classes' histograms in one axes, background above object, on a log scale
    drawn by hand: each bar is log10(count) + a lift so that one pixel shows, and the
    ticks are placed at the decades (no log transform and no tick locator to run)."""
    peak = max(background_counts.max(), object_counts.max(), 10)
    block = np.log10(peak) + _HIST_LIFT + 0.25  # height of each class's band
    gap = 0.3 * block
    offset = block + gap  # where the background band starts
    split = int(np.searchsorted(edges, threshold, side="left"))
    ticks, labels = [], []
    decades = [10 ** k for k in range(0, int(np.log10(peak)) + 1, 2)]
    bands = ((object_counts, 0.0, "false negative", "true positive", "object\npixels"),
             (background_counts, offset, "true negative", "false positive",
              "background\npixels"))
    for counts, base, below, above, name in bands:
        heights = np.where(counts > 0, np.log10(np.maximum(counts, 1)) + _HIST_LIFT, 0.0)
        for part, part_edges, outcome in ((slice(0, split), edges[:split + 1], below),
                                          (slice(split, None), edges[split:], above)):
            values = heights[part]
            if values.size == 0:
                continue
            ax.stairs(values + base, part_edges, baseline=base, fill=True,
                      color=_OUTCOME_COLOURS[outcome])
            if outcome == "true negative":  # pale: outline it
                ax.stairs(values + base, part_edges, baseline=base, color="0.55",
                          linewidth=0.6)
        ticks += [base + np.log10(d) + _HIST_LIFT for d in decades]
        labels += [f"{d:,}" for d in decades]
        ax.text(-0.4, base + block / 2, name, rotation=90, ha="center", va="center",
                transform=ax.get_yaxis_transform())
    # The gap between the bands reads as the edge of two panels sharing their sides.
    ax.axhspan(block, offset, color="white", zorder=3)
    for y in (block, offset):
        ax.axhline(y, color="black", linewidth=0.8, zorder=4)
    ax.plot([threshold, threshold], [0, block], color="black", linewidth=1.5, zorder=5)
    ax.plot([threshold, threshold], [offset, offset + block], color="black",
            linewidth=1.5, zorder=5)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, offset + block)
    _hand_ticks(ax, _HIST[2:], x=_UNIT_TICKS, y=zip(ticks, labels))
    ax.set_xlabel("probability of object", labelpad=_LABELPAD)


def binarisation_figure(state):
    """The probability map, its pixels' histogram, the mask against the truth, and scores.

    Draws a :func:`binarisation_state` result in five panels, side by side:

    a. the probability map (black 0, white 1), with a colour strip below marking the
       threshold;
    b. histograms (log scale) of the pixels' probabilities, background above and object
       below, with the threshold as a vertical line; the bars take the colour of the
       outcome they become: right of the line background is a false positive and object
       a true positive, left of it true negative and false negative;
    c. the predicted mask against the true one, each pixel coloured by its outcome, with
       a legend of the four counts;
    d. IoU, Dice and pixel accuracy against the threshold, the current one marked, and
       the best IoU;
    e. the three scores at the current threshold as bars, on the same scale.

    It is the static counterpart of :func:`binarisation_explorer`, and draws the
    explorer's figure for the same arguments. The layout is fixed (no layout engine), so
    a redraw stays within the course's 150 ms.

    Parameters
    ----------
    state : dict
        From :func:`binarisation_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Seven axes: map, colour strip, background histogram, object histogram, outcome
        image, curves, bars.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    threshold = state["threshold"]
    fig = plt.figure(figsize=_FIGSIZE, dpi=FIGURE_DPI)
    _draw_map(fig, state["probabilities"], threshold)
    ax_hist, ax_outcome, ax_curve, ax_bars = (
        _axes(fig, _FIGSIZE, box) for box in (_HIST, _OVERLAY, _CURVES, _BARS))

    # b. Histograms, one per true class, coloured by the outcome each bin becomes.
    _draw_histograms(ax_hist, state["bin_edges"], state["background_counts"],
                     state["object_counts"], threshold)
    ax_hist.set_title(f"Pixels by probability (t = {threshold:.2f})", y=1.0, pad=6)

    # c. The outcome of every pixel.
    ax_outcome.imshow(_outcome_image(state["mask_true"], state["mask_pred"]),
                      interpolation="nearest")
    # No axis machinery (the most costly part of an empty axes to draw); a frame instead.
    ax_outcome.set_axis_off()
    fig.add_artist(Rectangle(ax_outcome.get_position().p0, *ax_outcome.get_position().size,
                             transform=fig.transFigure, fill=False, edgecolor="0.3",
                             linewidth=0.8))
    ax_outcome.set_title("Predicted mask vs truth", y=1.0, pad=6)
    handles = [Patch(facecolor=colour, edgecolor="0.4",
                     label=f"{_OUTCOME_SHORT[name]} {state[_OUTCOME_SHORT[name].lower()]:,}")
               for name, colour in _OUTCOME_COLOURS.items()]
    width, height = _FIGSIZE
    centre = (_OVERLAY[0] + _OVERLAY[2] / 2) / width
    fig.legend(handles=handles, loc="upper center",
               bbox_to_anchor=(centre, (_OVERLAY[1] - 0.08) / height), ncol=2, frameon=False, fontsize=9, handlelength=1.2, columnspacing=1.0,
               borderaxespad=0.0)

    # d. The scores against the threshold.
    t = state["curve_thresholds"]
    for key, _unused, colour, style in _METRIC_STYLES:
        curve = state[{"pixel_accuracy": "accuracy_curve"}.get(key, f"{key}_curve")]
        ax_curve.plot(t, curve, color=colour, linestyle=style, linewidth=1.8)
        ax_curve.plot([threshold], [state[key]], linestyle="none", marker="o",
                      markersize=7, color=colour, markeredgecolor="white", zorder=5,
                      clip_on=False)
    ax_curve.axvline(threshold, color="0.2", linewidth=1)
    ax_curve.plot([state["best_threshold"]], [state["best_iou"]], linestyle="none",
                  marker="^", markersize=8, markerfacecolor="white", markeredgecolor="black",
                  zorder=4)
    ax_curve.set_xlim(0, 1)
    ax_curve.set_ylim(*_SCORE_YLIM)
    _hand_ticks(ax_curve, _CURVES[2:], x=_UNIT_TICKS, y=_UNIT_TICKS)
    ax_curve.set_xlabel("threshold  (△ best IoU)", labelpad=_LABELPAD)
    ax_curve.set_ylabel("score", labelpad=24)
    for level in (0.5, 1.0):  # grid lines without the grid's per-tick artists
        ax_curve.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    ax_curve.axvline(0.5, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    ax_curve.set_title("Scores vs threshold", y=1.0, pad=6)

    # e. The scores now, as bars on the curves' scale.
    for row, (key, label, colour, _unused) in enumerate(_METRIC_STYLES):
        value = state[key]
        ax_bars.bar(row, value, width=0.7, color=colour)
        inside = value >= 0.2
        ax_bars.text(row, value - 0.02 if inside else value + 0.02, f"{value:.3f}",
                     ha="center", va="top" if inside else "bottom", rotation=90,
                     color="white" if inside else "black", fontsize=9)
        ax_bars.text(row, -0.03, label, ha="center", va="top", fontsize=9,
                     transform=ax_bars.get_xaxis_transform())
    ax_bars.set_xlim(-0.55, len(_METRIC_STYLES) - 0.45)
    ax_bars.set_ylim(*_SCORE_YLIM)
    ax_bars.set_axis_off()
    ax_bars.axhline(0.0, color="0.25", linewidth=1)
    for level in (0.5, 1.0):
        ax_bars.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    ax_bars.set_title(f"At t = {threshold:.2f}", y=1.0, pad=6)
    return fig


def binarisation_explorer(probabilities, mask_true, *, threshold=0.5):
    """A threshold slider over a probability map, redrawing the mask and its scores.

    Each move runs :func:`binarisation_state` and draws :func:`binarisation_figure`; the
    line between the slider and the figure is the state's ``message``.

    Parameters
    ----------
    probabilities : array-like of shape (H, W)
        Probability of object per pixel, in [0, 1]; e.g. the second value of
        :func:`lecturelib.datasets.soft_person_segmentation`.
    mask_true : array-like of shape (H, W)
        The true mask (bool or 0/1), e.g. the first value of that function.
    threshold : float in [0, 1], default 0.5
        Starting threshold. The slider (labelled ``threshold``) runs from 0 (every pixel
        is object) to 1 in steps of 0.01.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``threshold`` slider), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    probabilities = _check_probability_map(probabilities)
    mask_true = _check_true_mask(mask_true, probabilities.shape)
    threshold = _check_real(threshold, "threshold", minimum=0, maximum=1)
    slider = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01,
                                 description="threshold", continuous_update=False,
                                 readout_format=".2f", style={"description_width": "initial"},
                                 layout=widgets.Layout(width="520px"))
    status = widgets.HTML(value="")

    def draw(threshold):
        state = binarisation_state(probabilities, mask_true, threshold)
        status.value = html.escape(state["message"])
        _show(binarisation_figure(state))

    controls = {"threshold": slider}
    return _explorer_box(slider, status, draw, controls)
