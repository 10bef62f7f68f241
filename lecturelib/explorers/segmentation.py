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

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LiveFigure, _axes, _detached, _explorer_box

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
    """Each pixel coloured by its outcome, as opaque float32 RGBA: the form matplotlib
    resamples without converting it first (a third of the cost of float64 RGB)."""
    from matplotlib.colors import to_rgba

    rgba = np.empty(mask_true.shape + (4,), dtype=np.float32)
    for colour, where in zip(_OUTCOME_COLOURS.values(), (
            mask_true & mask_pred, ~mask_true & mask_pred, mask_true & ~mask_pred,
            ~mask_true & ~mask_pred)):
        rgba[where] = to_rgba(colour)
    return rgba


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


class _Kept:
    """An animated artist of a :class:`~lecturelib.explorers._shell.LiveFigure` whose
    pixels, once drawn, are kept by a key (what decides them: its text, place and
    colours) and put back when the key comes again: text costs a few milliseconds to draw
    (each glyph is rendered anew), putting pixels back a few microseconds. At most
    :attr:`KEEP` keys are kept. The pixels kept include what lies under the artist's box,
    so whatever else the figure draws there must be decided by the same key (a title or
    a label with nothing animated behind it, a legend below the axes).
    """

    KEEP = 64
    PAD = 2  # pixels around the artist's box, for anti-aliased edges

    def __init__(self, artist):
        self.artist = artist
        self._kept = {}

    def set_animated(self, animated):
        self.artist.set_animated(animated)

    def draw(self, renderer):
        if not self.artist.get_visible():
            return
        canvas = self.artist.figure.canvas
        key = self._key()
        kept = self._kept.get(key)
        if kept is not None:
            canvas.restore_region(kept)
            return
        box = self._draw(renderer)
        if len(self._kept) >= self.KEEP:
            self._kept.pop(next(iter(self._kept)))
        self._kept[key] = canvas.copy_from_bbox(box.padded(self.PAD))


class _KeptText(_Kept):
    """A text (with or without a box around it) kept as pixels by what it shows and where."""

    def _key(self):
        from matplotlib.colors import to_hex

        text = self.artist
        patch = text.get_bbox_patch()
        return (text.get_text(), text.get_position(), text.get_horizontalalignment(),
                text.get_verticalalignment(), to_hex(text.get_color(), keep_alpha=True),
                None if patch is None else to_hex(patch.get_facecolor(), keep_alpha=True))

    def _draw(self, renderer):
        from matplotlib.transforms import Bbox

        text = self.artist
        text.draw(renderer)
        box = text.get_window_extent(renderer)
        patch = text.get_bbox_patch()
        return box if patch is None else Bbox.union([box, patch.get_window_extent(renderer)])


class _QuickLegend(_Kept):
    """A legend whose labels or handle colours change with the state. Besides the
    pixels kept by labels and colours, a legend whose labels kept their widths is drawn
    as its handles and texts where the last layout put them: matplotlib lays a legend out
    anew on every draw, 10 to 20 ms for a few entries, and only a legend whose labels
    changed width needs it."""

    def __init__(self, legend):
        super().__init__(legend)
        self.texts = legend.get_texts()
        self._widths = None

    def _key(self):
        from matplotlib.colors import to_hex

        colours = []
        for handle in self.artist.legend_handles:
            colour = (handle.get_color() if hasattr(handle, "get_color")
                      else handle.get_facecolor())
            colours.append(to_hex(colour, keep_alpha=True))
        return tuple(text.get_text() for text in self.texts), tuple(colours)

    def _draw(self, renderer):
        from matplotlib.offsetbox import OffsetBox

        legend = self.artist
        widths = [text.get_window_extent(renderer).width for text in self.texts]
        if widths != self._widths:
            legend.draw(renderer)
            self._widths = widths
            self._box = legend.get_window_extent(renderer)
            return self._box
        boxes = list(legend.get_children())
        while boxes:
            box = boxes.pop(0)
            if isinstance(box, OffsetBox):
                boxes[:0] = box.get_children()
            elif box is not legend.get_frame() or legend.get_frame_on():
                box.draw(renderer)
        return self._box


def _draw_map(fig, probabilities, threshold):
    """The probability map and, below it in the same axes, a grey strip that is its
    colour scale, with the threshold marked (one axes instead of two: cheaper to draw).
    Returns the threshold's mark, which a new threshold moves (x = threshold × width)."""
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
    mark, = ax.plot([threshold * cols] * 2, [strip_top, strip_bottom],
                    color=_OUTCOME_COLOURS["false positive"], linewidth=3,
                    solid_capstyle="butt",
                    clip_on=False)  # not clipped: at 0 or 1 half the mark would be cut off
    ax.set_xlim(0, cols)
    ax.set_ylim(strip_bottom, 0)
    ax.set_axis_off()
    below_strip = -0.06 / (rows * inch + below)  # in axes fractions
    for x, text, ha in ((0, "0", "left"), (1, "1", "right"),
                        (0.5, "probability (line: threshold)", "center")):
        ax.text(x, below_strip, text, ha=ha, va="top", fontsize=9, transform=ax.transAxes)
    ax.set_title("Model's probability of object", y=1.0, pad=6)
    return mark


def _histogram_peak(state):
    """The largest count of a 0.01-wide bin of either class. A threshold between two
    edges splits a bin and never raises a count, so the bands sized by this peak hold
    the histograms at every threshold."""
    mask_true, probabilities = state["mask_true"], state["probabilities"]
    return max(int(np.histogram(probabilities[where], bins=HISTOGRAM_EDGES)[0].max())
               for where in (mask_true, ~mask_true))


def _histogram_parts(edges, counts, threshold):
    """Heights and edges of one class's bins below and above the threshold (log10 of the
    count plus a lift, 0 for an empty bin); a part is None when no bin lies there."""
    split = int(np.searchsorted(edges, threshold, side="left"))
    heights = np.where(counts > 0, np.log10(np.maximum(counts, 1)) + _HIST_LIFT, 0.0)
    parts = []
    for values, part_edges in ((heights[:split], edges[:split + 1]),
                               (heights[split:], edges[split:])):
        parts.append((values, part_edges) if values.size else None)
    return parts


def _set_stairs(patch, part, base):
    if part is None:
        patch.set_visible(False)
        return
    values, edges = part
    patch.set_data(values + base, edges, baseline=base)
    patch.set_visible(True)


class _Histograms:
    """Both classes' histograms in one axes, background above object, on a log scale
    drawn by hand: each bar is log10(count) + a lift so that one pixel shows, and the
    ticks are placed at the decades (no log transform and no tick locator to run). Each
    class is two step patches, below and above the threshold, coloured by the outcome
    its bins become; a new threshold moves the split and the threshold's lines."""

    def __init__(self, ax, state):
        peak = max(_histogram_peak(state), 10)
        block = np.log10(peak) + _HIST_LIFT + 0.25  # height of each class's band
        gap = 0.3 * block
        self.offset = offset = block + gap  # where the background band starts
        ticks, labels = [], []
        decades = [10 ** k for k in range(0, int(np.log10(peak)) + 1, 2)]
        self.patches = []  # (patch, band, part), in drawing order
        bands = (("object", 0.0, "false negative", "true positive", "object\npixels"),
                 ("background", offset, "true negative", "false positive",
                  "background\npixels"))
        for band, base, below, above, name in bands:
            for part, outcome in ((0, below), (1, above)):
                patch = ax.stairs([base], [0.0, 1.0], baseline=base, fill=True,
                                  color=_OUTCOME_COLOURS[outcome])
                self.patches.append((patch, band, part))
                if outcome == "true negative":  # pale: outline it
                    outline = ax.stairs([base], [0.0, 1.0], baseline=base, color="0.55",
                                        linewidth=0.6)
                    self.patches.append((outline, band, part))
            ticks += [base + np.log10(d) + _HIST_LIFT for d in decades]
            labels += [f"{d:,}" for d in decades]
            ax.text(-0.4, base + block / 2, name, rotation=90, ha="center", va="center",
                    transform=ax.get_yaxis_transform())
        # The gap between the bands reads as the edge of two panels sharing their sides.
        self.gap = ax.axhspan(block, offset, color="white", zorder=3)
        self.edges = [ax.axhline(y, color="black", linewidth=0.8, zorder=4)
                      for y in (block, offset)]
        self.lines = [ax.plot([0, 0], [low, high], color="black", linewidth=1.5, zorder=5)[0]
                      for low, high in ((0, block), (offset, offset + block))]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, offset + block)
        _hand_ticks(ax, _HIST[2:], x=_UNIT_TICKS, y=zip(ticks, labels))
        ax.set_xlabel("probability of object", labelpad=_LABELPAD)
        self.spines = list(ax.spines.values())
        self.update(state)

    @property
    def animated(self):
        """What a new threshold changes, in drawing order: the bars, then what lies over
        them in the figure drawn whole (the axes' edges, the gap between the bands and
        its edges, the threshold's lines)."""
        return [*(p for p, _band, _part in self.patches), *self.spines, self.gap,
                *self.edges, *self.lines]

    def update(self, state):
        threshold, edges = state["threshold"], state["bin_edges"]
        parts = {"object": _histogram_parts(edges, state["object_counts"], threshold),
                 "background": _histogram_parts(edges, state["background_counts"],
                                                threshold)}
        for patch, band, part in self.patches:
            _set_stairs(patch, parts[band][part], self.offset if band == "background" else 0.0)
        for line in self.lines:
            line.set_xdata([threshold, threshold])


def _bar_label(value):
    """(y, vertical alignment, colour) of a score's value on its bar: inside a tall bar,
    above a short one."""
    if value >= 0.2:
        return value - 0.02, "top", "white"
    return value + 0.02, "bottom", "black"


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
    explorer's figure for the same arguments (:class:`BinarisationFigure`). The layout
    is fixed (no layout engine).

    Parameters
    ----------
    state : dict
        From :func:`binarisation_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Five axes: map (with its colour strip), histograms, outcome image, curves, bars.
    """
    return BinarisationFigure(state).figure


class BinarisationFigure(LiveFigure):
    """:func:`binarisation_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`:
    the map, the curves and the layout are drawn once; a new threshold moves the mark on
    the colour strip, splits the histograms anew, recolours the outcome image and its
    legend's counts, and moves the points on the curves, the bars and their values."""

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch, Rectangle

        threshold = state["threshold"]
        fig = plt.figure(figsize=_FIGSIZE, dpi=FIGURE_DPI)
        self.mark = _draw_map(fig, state["probabilities"], threshold)
        ax_hist, ax_outcome, ax_curve, ax_bars = (
            _axes(fig, _FIGSIZE, box) for box in (_HIST, _OVERLAY, _CURVES, _BARS))

        # b. Histograms, one per true class, coloured by the outcome each bin becomes.
        self.histograms = _Histograms(ax_hist, state)
        ax_hist.set_title(self._histogram_title(state), y=1.0, pad=6)

        # c. The outcome of every pixel.
        self.outcome = ax_outcome.imshow(
            _outcome_image(state["mask_true"], state["mask_pred"]), interpolation="nearest")
        # No axis machinery (the most costly part of an empty axes to draw); a frame instead.
        ax_outcome.set_axis_off()
        self.frame = fig.add_artist(Rectangle(
            ax_outcome.get_position().p0, *ax_outcome.get_position().size,
            transform=fig.transFigure, fill=False, edgecolor="0.3", linewidth=0.8))
        ax_outcome.set_title("Predicted mask vs truth", y=1.0, pad=6)
        handles = [Patch(facecolor=colour, edgecolor="0.4", label=self._count_label(state, name))
                   for name, colour in _OUTCOME_COLOURS.items()]
        width, height = _FIGSIZE
        centre = (_OVERLAY[0] + _OVERLAY[2] / 2) / width
        # Its columns are as wide as their counts: _QuickLegend lays it out anew when they
        # change width.
        self.legend = fig.legend(handles=handles, loc="upper center",
                                 bbox_to_anchor=(centre, (_OVERLAY[1] - 0.08) / height),
                                 ncol=2, frameon=False, fontsize=9, handlelength=1.2,
                                 columnspacing=1.0, borderaxespad=0.0)

        # d. The scores against the threshold.
        t = state["curve_thresholds"]
        self.points = []
        for key, _unused, colour, style in _METRIC_STYLES:
            curve = state[{"pixel_accuracy": "accuracy_curve"}.get(key, f"{key}_curve")]
            ax_curve.plot(t, curve, color=colour, linestyle=style, linewidth=1.8)
            self.points.append(ax_curve.plot(
                [threshold], [state[key]], linestyle="none", marker="o", markersize=7,
                color=colour, markeredgecolor="white", zorder=5, clip_on=False)[0])
        self.cursor = ax_curve.axvline(threshold, color="0.2", linewidth=1)
        self.best = ax_curve.plot([state["best_threshold"]], [state["best_iou"]],
                                  linestyle="none", marker="^", markersize=8,
                                  markerfacecolor="white", markeredgecolor="black",
                                  zorder=4)[0]
        ax_curve.set_xlim(0, 1)
        ax_curve.set_ylim(*_SCORE_YLIM)
        _hand_ticks(ax_curve, _CURVES[2:], x=_UNIT_TICKS, y=_UNIT_TICKS)
        ax_curve.set_xlabel("threshold  (△ best IoU)", labelpad=_LABELPAD)
        ax_curve.set_ylabel("score", labelpad=24)
        for level in (0.5, 1.0):  # grid lines without the grid's per-tick artists
            ax_curve.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        ax_curve.axvline(0.5, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        ax_curve.set_title("Scores vs threshold", y=1.0, pad=6)
        curve_spines = list(ax_curve.spines.values())

        # e. The scores now, as bars on the curves' scale.
        self.bars, self.bar_values = [], []
        for row, (key, label, colour, _unused) in enumerate(_METRIC_STYLES):
            value = state[key]
            self.bars.append(ax_bars.bar(row, value, width=0.7, color=colour)[0])
            y, va, text_colour = _bar_label(value)
            self.bar_values.append(ax_bars.text(row, y, f"{value:.3f}", ha="center", va=va,
                                                rotation=90, color=text_colour, fontsize=9))
            ax_bars.text(row, -0.03, label, ha="center", va="top", fontsize=9,
                         transform=ax_bars.get_xaxis_transform())
        ax_bars.set_xlim(-0.55, len(_METRIC_STYLES) - 0.45)
        ax_bars.set_ylim(*_SCORE_YLIM)
        ax_bars.set_axis_off()
        self.zero = ax_bars.axhline(0.0, color="0.25", linewidth=1)
        for level in (0.5, 1.0):
            ax_bars.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        ax_bars.set_title(self._bars_title(state), y=1.0, pad=6)

        self.titles = (ax_hist.title, ax_bars.title)
        # In drawing order: what a figure drawn whole puts over an animated artist (the
        # outcome image's frame, the axes' edges and the best-IoU marker over the cursor,
        # the zero line over the bars) is drawn again after it.
        self.animated = [self.mark, *self.histograms.animated,
                         *(_KeptText(title) for title in self.titles), self.outcome,
                         self.frame, _QuickLegend(self.legend), self.cursor, *curve_spines,
                         self.best, *self.points, *self.bars, self.zero, *self.bar_values]
        return fig

    def update(self, state):
        threshold = state["threshold"]
        columns = state["probabilities"].shape[1]
        self.mark.set_xdata([threshold * columns] * 2)
        self.histograms.update(state)
        self.outcome.set_data(_outcome_image(state["mask_true"], state["mask_pred"]))
        for text, name in zip(self.legend.get_texts(), _OUTCOME_COLOURS):
            text.set_text(self._count_label(state, name))
        self.cursor.set_xdata([threshold, threshold])
        for point, (key, _label, _colour, _style), bar, text in zip(
                self.points, _METRIC_STYLES, self.bars, self.bar_values):
            value = state[key]
            point.set_data([threshold], [value])
            bar.set_height(value)
            y, va, colour = _bar_label(value)
            text.set_text(f"{value:.3f}")
            text.set_y(y)
            text.set_verticalalignment(va)
            text.set_color(colour)
        self.titles[0].set_text(self._histogram_title(state))
        self.titles[1].set_text(self._bars_title(state))

    @staticmethod
    def _histogram_title(state):
        return f"Pixels by probability (t = {state['threshold']:.2f})"

    @staticmethod
    def _bars_title(state):
        return f"At t = {state['threshold']:.2f}"

    @staticmethod
    def _count_label(state, name):
        short = _OUTCOME_SHORT[name]
        return f"{short} {state[short.lower()]:,}"


def binarisation_explorer(probabilities, mask_true, *, threshold=0.5):
    """A threshold slider over a probability map, redrawing the mask and its scores.

    Each move runs :func:`binarisation_state` and updates the figure of
    :func:`binarisation_figure` in place (:class:`BinarisationFigure`), following the
    slider as it is dragged; the line between the slider and the figure is the state's
    ``message``.

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
        the ``threshold`` slider), ``status``, ``image`` (the figure), ``live`` and
        ``flush``.
    """
    import ipywidgets as widgets

    probabilities = _check_probability_map(probabilities)
    mask_true = _check_true_mask(mask_true, probabilities.shape)
    threshold = _check_real(threshold, "threshold", minimum=0, maximum=1)
    slider = widgets.FloatSlider(value=threshold, min=0.0, max=1.0, step=0.01,
                                 description=_("threshold"), continuous_update=True,
                                 readout_format=".2f", style={"description_width": "initial"},
                                 layout=widgets.Layout(width="520px"))

    def state_of(threshold):
        return binarisation_state(probabilities, mask_true, threshold)

    live = BinarisationFigure(state_of(threshold))
    _detached(live.figure)
    return _explorer_box(slider, {"threshold": slider}, state_of, live,
                         frames={"threshold": grid_values(slider, 41)})
