"""Object detection: box overlap and average precision (notebook 06).

:func:`box_iou_explorer` moves and resizes a predicted box over a true one and shows
their intersection, the IoU, and whether the prediction counts as a true or a false
positive at an IoU threshold. :func:`ap_explorer` takes the detections of one class on a
small data set, matches them to the true boxes at an IoU threshold as COCO does, and
shows the ranked detections, the precision–recall curve and its 101-point AP, and how
the AP falls as the threshold rises from 0.50 to 0.95 (COCO's AP@[.5:.95] is their
mean). The numbers come from :mod:`lecturelib.detection`.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LiveFigure, _axes, _detached, _explorer_box
from .segmentation import _LABELPAD, _KeptText, _QuickLegend, _hand_ticks

__all__ = [
    "box_iou_state",
    "box_iou_figure",
    "box_iou_explorer",
    "ap_state",
    "ap_figure",
    "ap_explorer",
]

# Outcome colours shared with the segmentation explorer (colour-blind safe).
_TP_COLOUR = "#009E73"
_FP_COLOUR = "#E69F00"
_IGNORED_COLOUR = "#DDDDDD"  # with a dark outline: pale next to white
_TRUE_BOX_COLOUR = "black"
_GRID_COLOUR = "0.88"


# ================================================================== box IoU explorer

# A true box and a prediction a little off: IoU 0.61, a true positive at 0.5 and a false
# positive at 0.75.
DEFAULT_TRUE_BOX = (40.0, 30.0, 120.0, 90.0)
DEFAULT_PREDICTED_BOX = (58.0, 40.0, 120.0, 90.0)
# Slider ranges: shifts up to this share of the true box's width (x) or height (y), each
# side; width and height factors of the predicted box; the IoU threshold.
SHIFT_RANGE = 0.75
SCALE_RANGE = (0.25, 2.0)
BOX_THRESHOLD_RANGE = (0.05, 0.95)


def _check_box(box, name):
    from .._validation import as_float_array, check_boxes

    arr = as_float_array(box, name)
    if arr.shape != (4,):
        raise ValueError(f"`{name}` must be one box [x, y, w, h] (4 numbers), got shape "
                         f"{arr.shape}.")
    check_boxes(arr[None, :], name, "xywh")  # a negative width or height
    if arr[2] == 0 or arr[3] == 0:
        raise ValueError(f"`{name}` has zero width or height: {arr.tolist()}; its IoU "
                         "would be 0 wherever it is.")
    return arr


def _check_scale(value, name):
    value = _check_real(value, name)
    if value <= 0:
        raise ValueError(f"`{name}` must be > 0 (a factor on the box's size), got {value!r}.")
    return value


def _moved_box(box, shift_x, shift_y, width_scale, height_scale):
    """``box`` shifted, and resized about its centre, as [x, y, w, h]."""
    x, y, w, h = box
    cx, cy = x + w / 2 + shift_x, y + h / 2 + shift_y
    w, h = w * width_scale, h * height_scale
    return np.array([cx - w / 2, cy - h / 2, w, h])


def _shift_limits(true_box):
    """Largest slider shifts (x, y), whole pixels."""
    return (float(max(1, round(SHIFT_RANGE * true_box[2]))),
            float(max(1, round(SHIFT_RANGE * true_box[3]))))


def _canvas(true_box, predicted_box):
    """Drawing area (x0, x1, y0, y1): the true box, and the predicted box at every shift
    of the sliders at its own size and at every size unshifted. It depends on the boxes
    only, so the boxes move and the view does not; a box both shifted and enlarged far
    runs off its edge (a larger area would draw every box smaller)."""
    limit_x, limit_y = _shift_limits(true_box)
    px, py, pw, ph = predicted_box
    cx, cy = px + pw / 2, py + ph / 2
    reach_x = max(limit_x + pw / 2, SCALE_RANGE[1] * pw / 2)
    reach_y = max(limit_y + ph / 2, SCALE_RANGE[1] * ph / 2)
    x0, x1 = min(true_box[0], cx - reach_x), max(true_box[0] + true_box[2], cx + reach_x)
    y0, y1 = min(true_box[1], cy - reach_y), max(true_box[1] + true_box[3], cy + reach_y)
    margin = 0.03 * max(x1 - x0, y1 - y0)
    return x0 - margin, x1 + margin, y0 - margin, y1 + margin


def box_iou_state(true_box=DEFAULT_TRUE_BOX, predicted_box=DEFAULT_PREDICTED_BOX, *,
                  shift_x=0.0, shift_y=0.0, width_scale=1.0, height_scale=1.0,
                  iou_threshold=0.5):
    r"""IoU of a true box and a moved predicted box, and the verdict at a threshold.

    The predicted box is shifted by (``shift_x``, ``shift_y``) and its width and height
    multiplied by ``width_scale`` and ``height_scale`` about its centre. Then

    .. math:: \mathrm{IoU} = \frac{|T \cap P|}{|T \cup P|}
              = \frac{|T \cap P|}{|T| + |P| - |T \cap P|}

    from :func:`lecturelib.detection.box_iou` (COCO's continuous coordinates, no +1),
    and the prediction is a true positive when ``IoU >= iou_threshold``, as in COCO's
    matching; otherwise a false positive, and the object counts as missed.

    Parameters
    ----------
    true_box, predicted_box : sequence of 4 float
        ``[x, y, w, h]`` (COCO: top-left corner, width, height), ``w, h > 0``. Image
        coordinates: ``y`` grows downwards.
    shift_x, shift_y : float, default 0
        Pixels to move the predicted box by.
    width_scale, height_scale : float > 0, default 1
        Factors on the predicted box's width and height.
    iou_threshold : float in [0, 1], default 0.5

    Returns
    -------
    dict
        ``true_box``, ``predicted_box`` (as given), ``moved_box`` (as drawn): ndarray [x, y, w, h]
        ``intersection_box`` : ndarray [x, y, w, h] or None when the boxes do not overlap
        ``intersection``, ``union``, ``iou`` : float
        ``iou_threshold`` : float
        ``is_true_positive`` : bool
        ``shift_x``, ``shift_y``, ``width_scale``, ``height_scale`` : float
        ``canvas`` : (x0, x1, y0, y1), the area the figure shows
        ``message`` : str

    Raises
    ------
    ValueError
        If a box is not 4 finite numbers with positive width and height, a scale is not
        > 0, a shift is not finite, or ``iou_threshold`` is outside [0, 1].

    Examples
    --------
    >>> state = box_iou_state([0, 0, 10, 10], [5, 0, 10, 10])
    >>> state["intersection"], state["union"], round(state["iou"], 4)
    (50.0, 150.0, 0.3333)
    >>> state["is_true_positive"]
    False
    >>> box_iou_state([0, 0, 10, 10], [5, 0, 10, 10], shift_x=-3)["is_true_positive"]
    True
    """
    from .._validation import check_unit_threshold
    from ..detection import box_iou

    true_box = _check_box(true_box, "true_box")
    predicted_box = _check_box(predicted_box, "predicted_box")
    shift_x = _check_real(shift_x, "shift_x")
    shift_y = _check_real(shift_y, "shift_y")
    width_scale = _check_scale(width_scale, "width_scale")
    height_scale = _check_scale(height_scale, "height_scale")
    iou_threshold = check_unit_threshold(iou_threshold, "iou_threshold")

    moved = _moved_box(predicted_box, shift_x, shift_y, width_scale, height_scale)
    iou = float(box_iou(true_box[None, :], moved[None, :], box_format="xywh")[0, 0])
    left, top = max(true_box[0], moved[0]), max(true_box[1], moved[1])
    right = min(true_box[0] + true_box[2], moved[0] + moved[2])
    bottom = min(true_box[1] + true_box[3], moved[1] + moved[3])
    overlaps = right > left and bottom > top
    intersection = (right - left) * (bottom - top) if overlaps else 0.0
    union = true_box[2] * true_box[3] + moved[2] * moved[3] - intersection
    is_tp = iou >= iou_threshold
    if is_tp:
        message = _("IoU = intersection {intersection} / union {union} = {iou}, ≥ threshold "
                    "{threshold}: the prediction is a true positive.")
    else:
        message = _("IoU = intersection {intersection} / union {union} = {iou}, < threshold "
                    "{threshold}: the prediction is a false positive (and the object counts "
                    "as missed).")
    message = message.format(intersection=f"{intersection:,.0f}", union=f"{union:,.0f}",
                             iou=f"{iou:.3f}", threshold=f"{iou_threshold:.2f}")
    return {
        "true_box": true_box,
        "predicted_box": predicted_box,
        "moved_box": moved,
        "intersection_box": (np.array([left, top, right - left, bottom - top])
                             if overlaps else None),
        "intersection": float(intersection),
        "union": float(union),
        "iou": iou,
        "iou_threshold": iou_threshold,
        "is_true_positive": bool(is_tp),
        "shift_x": shift_x,
        "shift_y": shift_y,
        "width_scale": width_scale,
        "height_scale": height_scale,
        "canvas": _canvas(true_box, predicted_box),
        "message": message,
    }


_BOX_FIGSIZE = (9.0, 4.2)
_BOX_CANVAS = (0.2, 0.8, 5.6, 3.05)   # the largest box the canvas may take
_BOX_GAUGE = (6.35, 1.25, 2.4, 0.32)
_BOX_COLUMN_TEXT = 6.35  # inches: left edge of the numbers above the gauge


def box_iou_figure(state):
    """A true and a predicted box, their intersection, and the IoU against the threshold.

    Draws a :func:`box_iou_state` result: on the left the true box (black), the predicted
    box (dashed; green if it is a true positive at the threshold, orange if not) and
    their intersection (hatched); on the right the intersection, the union and the IoU,
    the verdict, and a gauge from 0 to 1 filled up to the IoU with the threshold marked.
    The static counterpart of :func:`box_iou_explorer` (:class:`BoxIouFigure`).

    Parameters
    ----------
    state : dict
        From :func:`box_iou_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the boxes and the gauge.
    """
    return BoxIouFigure(state).figure


def _verdict(state):
    """(colour, "TP" or "FP") of the predicted box."""
    return (_TP_COLOUR, "TP") if state["is_true_positive"] else (_FP_COLOUR, "FP")


class BoxIouFigure(LiveFigure):
    """:func:`box_iou_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`: the
    canvas (its area depends on the boxes only), the true box, the labels and the gauge's
    scale are drawn once; a new state moves and recolours the predicted box and the
    intersection, and changes the numbers, the verdict and the gauge."""

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch, Rectangle

        fig = plt.figure(figsize=_BOX_FIGSIZE, dpi=FIGURE_DPI)
        width, height = _BOX_FIGSIZE
        x0, x1, y0, y1 = state["canvas"]
        # The canvas axes keeps the boxes' proportions: its box is fitted here, once,
        # rather than by matplotlib's aspect machinery at draw time.
        left, bottom, most_w, most_h = _BOX_CANVAS
        inch = min(most_w / (x1 - x0), most_h / (y1 - y0))
        w_in, h_in = (x1 - x0) * inch, (y1 - y0) * inch
        ax = _axes(fig, _BOX_FIGSIZE, (left + (most_w - w_in) / 2, bottom + most_h - h_in,
                                       w_in, h_in))
        ax.set_xlim(x0, x1)
        ax.set_ylim(y1, y0)  # image coordinates: y grows downwards
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_facecolor("0.97")

        colour, verdict = _verdict(state)
        self.intersection = ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="0.8",
                                                   edgecolor="0.45", hatch="///",
                                                   linewidth=0))
        tx, ty, tw, th = state["true_box"]
        true_box = ax.add_patch(Rectangle((tx, ty), tw, th, fill=False,
                                          edgecolor=_TRUE_BOX_COLOUR, linewidth=2.5))
        self.moved = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, edgecolor=colour,
                                            linewidth=2.5, linestyle="--"))
        ax.set_title("True and predicted box", y=1.0, pad=6)
        handles = [Line2D([], [], color=_TRUE_BOX_COLOUR, linewidth=2.5, label="true box"),
                   Line2D([], [], color=colour, linewidth=2.5, linestyle="--",
                          label=f"predicted box ({verdict})"),
                   Patch(facecolor="0.8", edgecolor="0.45", hatch="///",
                         label="intersection")]
        self.legend = fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False,
                                 bbox_to_anchor=((left + most_w / 2) / width,
                                                 (bottom - 0.12) / height),
                                 borderaxespad=0.0)

        # The numbers, top to bottom, at fixed places in inches.
        def put(y, text, **kwargs):
            return fig.text(_BOX_COLUMN_TEXT / width, y / height, text, va="top", **kwargs)

        put(3.92, "IoU = intersection / union", fontsize=11)
        values_at = (_BOX_COLUMN_TEXT + 2.35) / width
        self.values = []
        for y, name in ((3.5, "intersection"), (3.2, "union"), (2.9, "IoU")):
            bold = "bold" if name == "IoU" else "normal"
            put(y, name, fontweight=bold)
            self.values.append(fig.text(values_at, y / height, "", va="top", ha="right",
                                        fontweight=bold))
        self.verdict = put(2.4, "", color="white", fontweight="bold", fontsize=11,
                           bbox={"facecolor": colour, "edgecolor": "none",
                                 "boxstyle": "round,pad=0.3"})

        # The gauge: 0 to 1, filled to the IoU; the threshold splits FP (left) from TP.
        gauge = _axes(fig, _BOX_FIGSIZE, _BOX_GAUGE)
        self.spans = (gauge.axvspan(0.5, 1, color=_TP_COLOUR, alpha=0.15, linewidth=0),
                      gauge.axvspan(0, 0.5, color=_FP_COLOUR, alpha=0.15, linewidth=0))
        self.bar, = gauge.barh(0, 0.5, height=0.6, color=colour)
        self.cut = gauge.axvline(0.5, color="black", linewidth=1.5)
        gauge.set_xlim(0, 1)
        gauge.set_ylim(-0.5, 0.5)
        _hand_ticks(gauge, _BOX_GAUGE[2:], x=((0, "0"), (0.5, "0.5"), (1, "1")))
        self.cut_label = gauge.text(0.5, 1.08, "", fontsize=9, va="bottom",
                                    transform=gauge.get_xaxis_transform())
        gauge.set_xlabel("IoU", labelpad=_LABELPAD)
        self.update(state)
        # In drawing order, with what a figure drawn whole puts over an animated artist
        # (the true box over the intersection, the axes' edges) drawn again after it.
        # The numbers, the verdict and the threshold's label are kept as pixels by what
        # they show (nothing else animated lies behind them).
        self.animated = [self.intersection, true_box, self.moved, *ax.spines.values(),
                         _QuickLegend(self.legend),
                         *(_KeptText(text) for text in (*self.values, self.verdict)),
                         *self.spans, self.bar, self.cut, *gauge.spines.values(),
                         _KeptText(self.cut_label)]
        return fig

    def update(self, state):
        colour, verdict = _verdict(state)
        if state["intersection_box"] is None:
            self.intersection.set_visible(False)
        else:
            self.intersection.set_bounds(*state["intersection_box"])
            self.intersection.set_visible(True)
        self.moved.set_bounds(*state["moved_box"])
        self.moved.set_edgecolor(colour)
        self.legend.legend_handles[1].set_color(colour)
        self.legend.get_texts()[1].set_text(f"predicted box ({verdict})")
        for text, value in zip(self.values, (f"{state['intersection']:,.0f} px²",
                                             f"{state['union']:,.0f} px²",
                                             f"{state['iou']:.3f}")):
            text.set_text(value)
        threshold = state["iou_threshold"]
        self.verdict.set_text(f"{verdict}: IoU {'≥' if state['is_true_positive'] else '<'} "
                              f"{threshold:.2f}")
        self.verdict.get_bbox_patch().set_facecolor(colour)
        tp_span, fp_span = self.spans
        tp_span.set_x(threshold)
        tp_span.set_width(1 - threshold)
        fp_span.set_width(threshold)
        self.bar.set_width(state["iou"])
        self.bar.set_facecolor(colour)
        self.cut.set_xdata([threshold, threshold])
        self.cut_label.set_text(f"threshold {threshold:.2f}")
        self.cut_label.set_x(threshold)
        self.cut_label.set_horizontalalignment("left" if threshold < 0.5 else "right")


def box_iou_explorer(true_box=DEFAULT_TRUE_BOX, predicted_box=DEFAULT_PREDICTED_BOX, *,
                     shift_x=0.0, shift_y=0.0, width_scale=1.0, height_scale=1.0,
                     iou_threshold=0.5):
    """Sliders that move and resize a predicted box over a true one, and an IoU threshold.

    Each move runs :func:`box_iou_state` and updates the figure of
    :func:`box_iou_figure` in place (:class:`BoxIouFigure`), following a dragged slider;
    the line between the sliders and the figure is the state's ``message``. Its
    kernel-free version (slides, course website) keeps two of the sliders: ``shift x``
    (21 positions, 9 pixels apart for the default boxes) against ``IoU threshold``
    (0.25, 0.5, 0.75 and 0.95), the section's lesson: how far a box may slide before it
    stops counting, and how that distance shrinks as the threshold rises.

    Parameters
    ----------
    true_box, predicted_box : sequence of 4 float
        ``[x, y, w, h]`` with positive width and height. The defaults overlap with IoU
        0.61.
    shift_x, shift_y, width_scale, height_scale, iou_threshold : float
        Starting slider values, as in :func:`box_iou_state`. The sliders: ``shift x`` and
        ``shift y`` by whole pixels up to 0.75 of the true box's width and height either
        way; ``width ×`` and ``height ×`` from 0.25 to 2 in steps of 0.05; ``IoU
        threshold`` from 0.05 to 0.95 in steps of 0.05.

    Returns
    -------
    ipywidgets.VBox
        The sliders, the message and the figure, with attributes ``controls`` (dict with
        ``shift_x``, ``shift_y``, ``width_scale``, ``height_scale`` and ``iou_threshold``),
        ``status``, ``image`` (the figure), ``live`` and ``flush``.
    """
    import ipywidgets as widgets

    first = box_iou_state(true_box, predicted_box, shift_x=shift_x, shift_y=shift_y,
                          width_scale=width_scale, height_scale=height_scale,
                          iou_threshold=iou_threshold)
    true_box, predicted_box = first["true_box"], first["predicted_box"]
    limit_x, limit_y = _shift_limits(true_box)
    for name, value, low, high in (
            ("shift_x", shift_x, -limit_x, limit_x), ("shift_y", shift_y, -limit_y, limit_y),
            ("width_scale", width_scale, *SCALE_RANGE),
            ("height_scale", height_scale, *SCALE_RANGE),
            ("iou_threshold", iou_threshold, *BOX_THRESHOLD_RANGE)):
        if not low <= value <= high:
            raise ValueError(f"`{name}` must be in [{low:g}, {high:g}] for the slider, got "
                             f"{value!r}.")
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="300px")
    common = {"style": style, "layout": layout, "continuous_update": True}
    sliders = {
        "shift_x": widgets.FloatSlider(value=shift_x, min=-limit_x, max=limit_x, step=1,
                                       description=_("shift x"), readout_format=".0f", **common),
        "shift_y": widgets.FloatSlider(value=shift_y, min=-limit_y, max=limit_y, step=1,
                                       description=_("shift y"), readout_format=".0f", **common),
        "width_scale": widgets.FloatSlider(value=width_scale, min=SCALE_RANGE[0],
                                           max=SCALE_RANGE[1], step=0.05,
                                           description=_("width ×"), readout_format=".2f",
                                           **common),
        "height_scale": widgets.FloatSlider(value=height_scale, min=SCALE_RANGE[0],
                                            max=SCALE_RANGE[1], step=0.05,
                                            description=_("height ×"), readout_format=".2f",
                                            **common),
        "iou_threshold": widgets.FloatSlider(value=iou_threshold, min=BOX_THRESHOLD_RANGE[0],
                                             max=BOX_THRESHOLD_RANGE[1], step=0.05,
                                             description=_("IoU threshold"),
                                             readout_format=".2f", **common),
    }

    def state_of(shift_x, shift_y, width_scale, height_scale, iou_threshold):
        return box_iou_state(true_box, predicted_box, shift_x=shift_x, shift_y=shift_y,
                             width_scale=width_scale, height_scale=height_scale,
                             iou_threshold=iou_threshold)

    rows = widgets.VBox([
        widgets.HBox([sliders["shift_x"], sliders["shift_y"]]),
        widgets.HBox([sliders["width_scale"], sliders["height_scale"]]),
        sliders["iou_threshold"],
    ])
    live = BoxIouFigure(first)
    _detached(live.figure)
    return _explorer_box(rows, sliders, state_of, live,
                         frames={"shift_x": grid_values(sliders["shift_x"], 21),
                                 "iou_threshold": _box_frame_thresholds(iou_threshold)})


def _box_frame_thresholds(iou_threshold):
    """The IoU thresholds of the kernel-free box explorer: a loose one, COCO's AP50 and
    AP75 rules and its strictest, 0.95 (and the starting value)."""
    return sorted({0.25, 0.5, 0.75, 0.95, round(float(iou_threshold), 2)})


# ======================================================================= AP explorer

# COCO's IoU thresholds, as pycocotools writes them (0.8999999999999999 among them).
COCO_IOU_THRESHOLDS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1)
COCO_MAX_DETECTIONS = 100  # per image and category


def _find_category(gt, category):
    """The (id, name) of ``category``, given as its name or its id."""
    ids, names = gt["category_ids"], gt["category_names"]
    if isinstance(category, str):
        if category in names:
            k = names.index(category)
            return int(ids[k]), category
    elif isinstance(category, numbers.Integral) and not isinstance(category, bool):
        where = np.flatnonzero(ids == category)
        if where.size:
            return int(category), names[int(where[0])]
    raise ValueError(
        f"`category` must be one of the ground truth's category names {list(names)} or "
        f"ids {ids.tolist()}, got {category!r}."
    )


def _check_ap_threshold(value):
    value = _check_real(value, "iou_threshold", minimum=0.5, maximum=0.95)
    # pycocotools' own floats, so that an IoU exactly at a threshold is judged alike.
    nearest = COCO_IOU_THRESHOLDS[np.argmin(np.abs(COCO_IOU_THRESHOLDS - value))]
    return value, float(nearest if abs(nearest - value) < 1e-9 else value)


def _prepare_ap(ground_truth, detections, category):
    """One class's boxes per image, checked, in the orders pycocotools uses."""
    from .._validation import check_coco_detections, check_coco_ground_truth
    from ..detection import box_iou

    gt = check_coco_ground_truth(ground_truth)
    dt = check_coco_detections(detections, gt["image_ids"])
    category_id, name = _find_category(gt, category)
    in_class = gt["category_id"] == category_id
    n_regular = int(np.count_nonzero(in_class & ~gt["iscrowd"]))
    if n_regular == 0:
        raise ValueError(
            f"`category` {name!r} has no true box that counts (every one is a crowd region, "
            "or there is none): its AP is undefined (COCO reports -1). Pick another category."
        )
    images = []
    for image_id in gt["image_ids"]:  # sorted ids: pycocotools' image order
        g = np.flatnonzero(in_class & (gt["image_id"] == image_id))
        d = np.flatnonzero((dt["category_id"] == category_id) & (dt["image_id"] == image_id))
        if d.size == 0:
            continue
        # Highest scores first (stable: ties keep list order), at most 100 per image.
        d = d[np.argsort(-dt["score"][d], kind="mergesort")][:COCO_MAX_DETECTIONS]
        boxes, crowd = gt["bbox"][g], gt["iscrowd"][g]
        regular = boxes[~crowd]
        best_iou = (box_iou(dt["bbox"][d], regular, box_format="xywh").max(axis=1)
                    if regular.size else np.zeros(d.size))
        images.append({"image_id": int(image_id), "det_index": d, "det_boxes": dt["bbox"][d],
                       "scores": dt["score"][d], "gt_boxes": boxes, "gt_iscrowd": crowd,
                       "best_iou": best_iou})
    return {"category_id": category_id, "category": name, "n_true": n_regular,
            "n_crowd": int(np.count_nonzero(in_class & gt["iscrowd"])), "images": images}


def _match_at(prepared, threshold):
    """Detections of all images in pycocotools' accumulate order (images by id, each by
    score, then a stable sort by score), with their outcome at ``threshold``."""
    from ..detection import match_detections

    parts = {key: [] for key in ("score", "det_index", "image_id", "iou", "best_iou",
                                 "is_true_positive", "is_ignored")}
    for image in prepared["images"]:
        m = match_detections(image["gt_boxes"], image["det_boxes"], image["scores"],
                             iou_threshold=threshold, gt_iscrowd=image["gt_iscrowd"],
                             box_format="xywh")
        # The detections are already in score order, so m.order is 0, 1, 2, ...
        parts["score"].append(image["scores"])
        parts["det_index"].append(image["det_index"])
        parts["image_id"].append(np.full(image["scores"].size, image["image_id"]))
        parts["iou"].append(m.iou)
        parts["best_iou"].append(image["best_iou"])
        parts["is_true_positive"].append(m.is_true_positive)
        parts["is_ignored"].append(m.is_ignored)
    ranked = {key: (np.concatenate(value) if value else np.zeros(0))
              for key, value in parts.items()}
    for key in ("is_true_positive", "is_ignored"):
        ranked[key] = ranked[key].astype(bool)
    for key in ("det_index", "image_id"):
        ranked[key] = ranked[key].astype(np.int64)
    order = np.argsort(-ranked["score"], kind="mergesort")
    ranked = {key: value[order] for key, value in ranked.items()}
    # pycocotools' accumulate: ignored detections add neither a TP nor a FP.
    tp = np.cumsum(ranked["is_true_positive"]).astype(float)
    fp = np.cumsum(~ranked["is_true_positive"] & ~ranked["is_ignored"]).astype(float)
    ranked["recall"] = tp / prepared["n_true"]
    ranked["precision"] = tp / (fp + tp + np.spacing(1))
    return ranked


def _ap_of(ranked):
    from ..detection import average_precision

    return average_precision(ranked["recall"], ranked["precision"], method="coco101")


def _ap_state_from(prepared, iou_threshold, matched, aps):
    """The state at one threshold, from prepared data, the matching at that threshold,
    and the AP at every COCO threshold."""
    threshold, _unused = _check_ap_threshold(iou_threshold)
    recall, precision = matched["recall"], matched["precision"]
    envelope = (np.maximum.accumulate(precision[::-1])[::-1] if precision.size
                else precision.copy())
    levels = np.linspace(0.0, 1.00, 101)
    first = np.searchsorted(recall, levels, side="left")
    reached = first < recall.size
    sampled = np.zeros(levels.size)
    sampled[reached] = envelope[first[reached]]
    ap = _ap_of(matched)
    aps = np.asarray(aps, dtype=float)
    n_tp = int(np.count_nonzero(matched["is_true_positive"]))
    n_ignored = int(np.count_nonzero(matched["is_ignored"]))
    n_fp = int(matched["score"].size - n_tp - n_ignored)
    if n_ignored:
        message = _(
            "IoU threshold {threshold}: of {detections} '{category}' detections {tp} are "
            "true positives and {fp} false positives, {ignored} ignored (on a crowd "
            "region); recall reaches {recall} of {true_boxes} true boxes. AP (101-point) "
            "{ap}; over the IoU thresholds 0.50–0.95: AP50 {ap50}, AP75 {ap75}, "
            "AP@[.5:.95] {ap_50_95}."
        )
    else:
        message = _(
            "IoU threshold {threshold}: of {detections} '{category}' detections {tp} are "
            "true positives and {fp} false positives; recall reaches {recall} of "
            "{true_boxes} true boxes. AP (101-point) {ap}; over the IoU thresholds "
            "0.50–0.95: AP50 {ap50}, AP75 {ap75}, AP@[.5:.95] {ap_50_95}."
        )
    message = message.format(
        threshold=f"{threshold:.2f}", detections=matched["score"].size,
        category=prepared["category"], tp=n_tp, fp=n_fp, ignored=n_ignored,
        recall=f"{recall[-1] if recall.size else 0.0:.3f}", true_boxes=prepared["n_true"],
        ap=f"{ap:.3f}", ap50=f"{aps[0]:.3f}", ap75=f"{aps[5]:.3f}",
        ap_50_95=f"{aps.mean():.3f}")
    return {
        "category": prepared["category"],
        "category_id": prepared["category_id"],
        "iou_threshold": threshold,
        "n_true": prepared["n_true"],
        "n_crowd": prepared["n_crowd"],
        "scores": matched["score"],
        "det_index": matched["det_index"],
        "image_id": matched["image_id"],
        "iou": matched["iou"],
        "best_iou": matched["best_iou"],
        "is_true_positive": matched["is_true_positive"],
        "is_ignored": matched["is_ignored"],
        "n_tp": n_tp, "n_fp": n_fp, "n_ignored": n_ignored,
        "recall": recall,
        "precision": precision,
        "envelope": envelope,
        "recall_levels": levels,
        "sampled_precision": sampled,
        "ap": ap,
        "iou_thresholds": COCO_IOU_THRESHOLDS.copy(),
        "ap_per_threshold": aps,
        "ap50": float(aps[0]),
        "ap75": float(aps[5]),
        "ap_50_95": float(aps.mean()),
        "message": message,
    }


def ap_state(ground_truth, detections, *, category, iou_threshold=0.5):
    r"""COCO average precision of one class at one IoU threshold, and at all ten.

    For each image (and the class) the detections, at most 100 by decreasing score, are
    matched to the true boxes by :func:`lecturelib.detection.match_detections`, COCO's
    greedy rule: a detection is a true positive (TP) if it takes a true box with
    IoU >= the threshold that no higher-scored detection took, *ignored* if it lands on
    a crowd region, and a false positive (FP) otherwise. All images' detections are then
    ranked by score, and after the ``k``-th

    .. math:: \text{recall}_k = \frac{TP_k}{n_\text{true}}, \qquad
              \text{precision}_k = \frac{TP_k}{TP_k + FP_k + \varepsilon}

    with :math:`n_\text{true}` the class's true boxes that are not crowd regions and
    :math:`\varepsilon` = ``np.spacing(1)``, as pycocotools computes them. The AP is
    :func:`lecturelib.detection.average_precision` with ``method="coco101"``: the
    precision envelope averaged over the recall levels 0, 0.01, ..., 1. This is the
    per-class AP of pycocotools' ``COCOeval`` (bbox, all areas, 100 detections per
    image) at that threshold; the mean over the thresholds 0.50, 0.55, ..., 0.95 is the
    class's COCO AP, AP@[.5:.95].

    Parameters
    ----------
    ground_truth : dict
        COCO ground truth, e.g. :func:`lecturelib.datasets.coco_scenes`.
    detections : list of dict
        COCO results, e.g. :func:`lecturelib.datasets.detector_output`.
    category : str or int
        The class: its name or its id in ``ground_truth``.
    iou_threshold : float in [0.5, 0.95], default 0.5

    Returns
    -------
    dict
        ``category``, ``category_id``, ``iou_threshold``
        ``n_true``, ``n_crowd`` : int
            The class's true boxes that count, and its crowd regions.
        ``scores``, ``det_index``, ``image_id``, ``iou``, ``best_iou``,
        ``is_true_positive``, ``is_ignored`` : ndarray
            One entry per detection, ranked by score: its score, its index in
            ``detections``, its image, the IoU with the box it matched (0 if none), its
            highest IoU with any true box of its image and class that is not a crowd
            region, and its outcome.
        ``n_tp``, ``n_fp``, ``n_ignored`` : int
        ``recall``, ``precision``, ``envelope`` : ndarray
            The precision–recall curve after each ranked detection, and the precision
            envelope (best precision at this recall or beyond).
        ``recall_levels``, ``sampled_precision`` : ndarray
            The 101 recall levels and the envelope there (0 beyond the last recall);
            their mean is the AP.
        ``ap`` : float
            AP at ``iou_threshold``.
        ``iou_thresholds``, ``ap_per_threshold`` : ndarray
            COCO's ten thresholds and the AP at each.
        ``ap50``, ``ap75``, ``ap_50_95`` : float
            AP at 0.5 and 0.75, and the mean over the ten.
        ``message`` : str

    Raises
    ------
    ValueError
        If the ground truth or the detections are not valid COCO data, ``category`` is
        not one of the ground truth's, the class has no true box that counts, or
        ``iou_threshold`` is outside [0.5, 0.95].

    Examples
    --------
    Two true boxes in one image; three detections, the best-scored a loose duplicate:

    >>> gt = {"images": [{"id": 1}], "categories": [{"id": 1, "name": "cat"}],
    ...       "annotations": [
    ...           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10],
    ...            "area": 100, "iscrowd": 0},
    ...           {"id": 2, "image_id": 1, "category_id": 1, "bbox": [20, 0, 10, 10],
    ...            "area": 100, "iscrowd": 0}]}
    >>> dt = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
    ...       {"image_id": 1, "category_id": 1, "bbox": [3, 0, 10, 10], "score": 0.8},
    ...       {"image_id": 1, "category_id": 1, "bbox": [21, 0, 10, 10], "score": 0.7}]
    >>> state = ap_state(gt, dt, category="cat")
    >>> state["is_true_positive"].tolist(), state["recall"].tolist()
    ([True, False, True], [0.5, 0.5, 1.0])
    >>> round(state["ap"], 4), round(state["ap50"], 4), round(state["ap_50_95"], 4)
    (0.835, 0.835, 0.736)
    """
    prepared = _prepare_ap(ground_truth, detections, category)
    threshold, coco_threshold = _check_ap_threshold(iou_threshold)
    aps = [_ap_of(_match_at(prepared, t)) for t in COCO_IOU_THRESHOLDS]
    return _ap_state_from(prepared, threshold, _match_at(prepared, coco_threshold), aps)


_AP_FIGSIZE = (13.0, 3.75)
_AP_RANKED = (0.75, 0.95, 4.6, 2.35)
_AP_PR = (6.3, 0.95, 2.6, 2.35)
_AP_BARS = (9.85, 0.95, 2.9, 2.35)
_AP_CURRENT_COLOUR = "#0072B2"
_AP_OTHER_COLOUR = "#A6C8E0"
_UNIT_TICKS = ((0, "0"), (0.5, "0.5"), (1, "1"))
_AP_BARS_TOP = 1.32  # the AP panel's y range, room above 1 for its numbers


def _ranked_colours(state):
    """Face and edge colours of the ranked detections' bars: green TP, orange FP, and
    outlined grey for ignored detections (pale next to white)."""
    faces = np.where(state["is_true_positive"], _TP_COLOUR,
                     np.where(state["is_ignored"], _IGNORED_COLOUR, _FP_COLOUR))
    return faces, np.where(state["is_ignored"], "0.4", faces)


class _Ranked:
    """The detections by decreasing score: bar height = score, colour = outcome, and a
    dash at each one's best IoU with a true box, against the IoU threshold. Only the
    colours and the threshold's line change with the threshold (the ranking is by score
    and the best IoUs do not depend on it)."""

    def __init__(self, ax, state):
        from matplotlib.collections import PolyCollection

        n = state["scores"].size
        ranks = np.arange(1, n + 1)
        faces, edges = _ranked_colours(state)
        # The bars as one collection rather than one patch each: a class may have
        # hundreds of detections, and each patch costs its own draw.
        left, right, top = ranks - 0.4, ranks + 0.4, state["scores"]
        bars = np.stack([np.c_[left, np.zeros(n)], np.c_[left, top], np.c_[right, top],
                         np.c_[right, np.zeros(n)]], axis=1)
        self.bars = ax.add_collection(PolyCollection(bars, facecolors=faces,
                                                     edgecolors=edges, linewidths=0.8))
        self.best, = ax.plot(ranks, state["best_iou"], linestyle="none", marker="_",
                             markersize=7, markeredgewidth=2, color="black")
        self.cut = ax.axhline(state["iou_threshold"], color="black", linewidth=1,
                              linestyle=":")
        ax.set_xlim(0.4, max(n, 1) + 0.6)
        ax.set_ylim(0, 1.04)
        # A round step giving at most 8 rank labels besides the first.
        step = next(m * 10 ** e for e in range(12) for m in (1, 2, 5)
                    if m * 10 ** e * 8 >= n)
        step = max(step, 5)
        _hand_ticks(ax, _AP_RANKED[2:], x=[(1, "1")] + [(r, str(r)) for r in
                                                        range(step, n + 1, step)],
                    y=_UNIT_TICKS)
        ax.set_xlabel("rank by score", labelpad=_LABELPAD)
        ax.set_ylabel("score (bars), IoU (—)", labelpad=24)
        ax.set_title(f"{n} '{state['category']}' detections, {state['n_true']} true boxes",
                     y=1.0, pad=6)
        # In drawing order, with the dashes and the axes' edges drawn again over the bars.
        self.animated = [self.bars, self.best, self.cut, *ax.spines.values()]

    def update(self, state):
        faces, edges = _ranked_colours(state)
        self.bars.set_facecolor(faces)
        self.bars.set_edgecolor(edges)
        self.cut.set_ydata([state["iou_threshold"]] * 2)


class _PrCurve:
    """The precision after each ranked detection, its envelope, and the area the
    101-point AP averages; a note instead when no detection is a true positive."""

    def __init__(self, ax, state):
        self.area = ax.fill_between(state["recall_levels"], state["sampled_precision"],
                                    step="post", color=_AP_CURRENT_COLOUR, alpha=0.18,
                                    linewidth=0)
        # Raw precision after each detection, and its envelope (interpolated precision).
        self.raw, = ax.plot([], [], color="0.5", linewidth=1, marker=".", markersize=4)
        self.envelope, = ax.plot([], [], color=_AP_CURRENT_COLOUR, linewidth=2,
                                 drawstyle="steps-pre")
        self.note = ax.text(0.5, 0.6, "", ha="center", va="center", fontsize=9,
                            color="0.3", bbox={"facecolor": "white", "edgecolor": "0.7"})
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.04)
        for level in (0.5, 1.0):
            ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        ax.axvline(0.5, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        _hand_ticks(ax, _AP_PR[2:], x=_UNIT_TICKS, y=_UNIT_TICKS)
        ax.set_xlabel("recall", labelpad=_LABELPAD)
        ax.set_ylabel("precision", labelpad=24)
        ax.set_title("", y=1.0, pad=6)
        self.title = ax.title
        self.update(state)
        # In drawing order: the axes' edges lie over the curves and under the note.
        self.animated = [self.area, self.raw, self.envelope, *ax.spines.values(), self.note,
                         _KeptText(self.title)]

    def update(self, state):
        recall, precision = state["recall"], state["precision"]
        self.area.set_data(state["recall_levels"], state["sampled_precision"], 0)
        for line in (self.raw, self.envelope):
            line.set_visible(bool(recall.size))
        if recall.size:
            self.raw.set_data(recall, precision)
            self.envelope.set_data(np.r_[0.0, recall],
                                   np.r_[state["envelope"][0], state["envelope"]])
        self.note.set_text(f"no true positive at IoU {state['iou_threshold']:.2f}:\n"
                           "recall stays 0, AP is 0")
        self.note.set_visible(state["n_tp"] == 0)
        self.title.set_text(f"PR curve at IoU {state['iou_threshold']:.2f}: "
                            f"AP {state['ap']:.3f}")


class _ApBars:
    """The AP at each COCO threshold, the current one highlighted (a band behind its
    bar, visible even where the AP is 0; a line where the threshold is off COCO's
    grid), with AP50, AP75 and their mean AP@[.5:.95] marked. The APs do not change with
    the threshold, only which one is highlighted."""

    def __init__(self, ax, state):
        thresholds, aps = state["iou_thresholds"], state["ap_per_threshold"]
        self.band = ax.axvspan(0.5 - 0.025, 0.5 + 0.025, ymax=1 / _AP_BARS_TOP,
                               color=_AP_CURRENT_COLOUR, alpha=0.12, linewidth=0)
        self.bars = list(ax.bar(thresholds, aps, width=0.04, color=_AP_OTHER_COLOUR,
                                linewidth=0))
        self.line = ax.axvline(0.5, ymax=1 / _AP_BARS_TOP, color=_AP_CURRENT_COLOUR,
                               linewidth=1.5)
        mean = state["ap_50_95"]
        self.mean = ax.axhline(mean, xmax=(thresholds[-1] + 0.03 - 0.47) / 0.53,
                               color="black", linewidth=1.2, linestyle="--")
        # The numbers sit above 1, where no bar reaches: they never cover a bar or the mean.
        ax.text(0.03, 0.97, f"AP50 {state['ap50']:.3f}   AP75 {state['ap75']:.3f}\n"
                f"AP@[.5:.95] {mean:.3f} (dashed: the mean)", ha="left", va="top",
                transform=ax.transAxes, fontsize=9)
        ax.set_xlim(0.47, 1.0)
        ax.set_ylim(0, _AP_BARS_TOP)
        for level in (0.5, 1.0):
            ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        _hand_ticks(ax, _AP_BARS[2:],
                    x=[(t, f"{t:.2f}".lstrip("0")) for t in (0.5, 0.75, 0.95)],
                    y=_UNIT_TICKS)
        ax.set_xlabel("IoU threshold", labelpad=_LABELPAD)
        ax.set_ylabel("AP", labelpad=24)
        ax.set_title("AP at each IoU threshold", y=1.0, pad=6)
        self.thresholds = thresholds
        self.update(state)
        # In drawing order: band, bars, line, then the mean and the axes' edges over them.
        self.animated = [self.band, *self.bars, self.line, self.mean, *ax.spines.values()]

    def update(self, state):
        thresholds, threshold = self.thresholds, state["iou_threshold"]
        current = int(np.argmin(np.abs(thresholds - threshold)))
        on_grid = abs(thresholds[current] - threshold) < 1e-9
        self.band.set_x(thresholds[current] - 0.025)
        self.band.set_visible(on_grid)
        self.line.set_xdata([threshold, threshold])
        self.line.set_visible(not on_grid)
        for k, bar in enumerate(self.bars):
            bar.set_facecolor(_AP_CURRENT_COLOUR if on_grid and k == current
                              else _AP_OTHER_COLOUR)


def _ap_counts(state):
    return (f"TP {state['n_tp']}", f"FP {state['n_fp']}",
            f"ignored (crowd) {state['n_ignored']}")


def ap_figure(state):
    """Ranked detections, the precision–recall curve, and AP against the IoU threshold.

    Draws an :func:`ap_state` result in three panels:

    a. the class's detections by decreasing score, each a bar as high as its score,
       green if a true positive at the threshold, orange if a false positive, grey if
       ignored (on a crowd region); a black dash marks each one's best IoU with a true
       box, and the dotted line the IoU threshold: a dash below the line is a false
       positive, and so is a dash above it whose box a better-scored detection took;
    b. the precision–recall curve (grey: after each detection) and its envelope (blue),
       with the area the 101-point AP averages shaded;
    c. the AP at each COCO threshold 0.50, ..., 0.95, the current one highlighted,
       AP50, AP75 and their mean AP@[.5:.95] (dashed) marked.

    The static counterpart of :func:`ap_explorer` (:class:`ApFigure`).

    Parameters
    ----------
    state : dict
        From :func:`ap_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Three axes, in the order above.
    """
    return ApFigure(state).figure


class ApFigure(LiveFigure):
    """:func:`ap_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`, for one
    class's detections at any of the IoU thresholds: the bars' places, the best IoUs,
    the APs and the layout are drawn once; a new threshold recolours the ranked bars and
    the AP bars, moves the threshold's line, redraws the PR curve and its area, and
    changes the counts in the legend and the PR panel's title."""

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        fig = plt.figure(figsize=_AP_FIGSIZE, dpi=FIGURE_DPI)
        ax_ranked, ax_pr, ax_bars = (_axes(fig, _AP_FIGSIZE, box)
                                     for box in (_AP_RANKED, _AP_PR, _AP_BARS))
        self.panels = (_Ranked(ax_ranked, state), _PrCurve(ax_pr, state),
                       _ApBars(ax_bars, state))

        width, height = _AP_FIGSIZE
        tp, fp, ignored = _ap_counts(state)
        handles = [Patch(color=_TP_COLOUR, label=tp), Patch(color=_FP_COLOUR, label=fp),
                   Patch(facecolor=_IGNORED_COLOUR, edgecolor="0.4", label=ignored),
                   Line2D([], [], color="black", linestyle="none", marker="_", markersize=7,
                          markeredgewidth=2, label="best IoU"),
                   Line2D([], [], color="black", linestyle=":", label="IoU threshold")]
        self.legend = fig.legend(
            handles=handles, loc="upper center", ncol=5, frameon=False, fontsize=9,
            bbox_to_anchor=((_AP_RANKED[0] + _AP_RANKED[2] / 2) / width, 0.4 / height),
            borderaxespad=0.0, handlelength=1.3, columnspacing=0.9, handletextpad=0.5)
        handles = [Line2D([], [], color="0.5", marker=".", linewidth=1, label="precision"),
                   Line2D([], [], color=_AP_CURRENT_COLOUR, linewidth=2, label="envelope"),
                   Patch(color=_AP_CURRENT_COLOUR, alpha=0.18, label="101-point AP (area)")]
        fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False, fontsize=9,
                   bbox_to_anchor=((_AP_PR[0] + _AP_PR[2] / 2) / width, 0.4 / height),
                   borderaxespad=0.0, handlelength=1.5, columnspacing=1.0)
        self.animated = [artist for panel in self.panels for artist in panel.animated]
        self.animated.append(_QuickLegend(self.legend))
        return fig

    def update(self, state):
        for panel in self.panels:
            panel.update(state)
        for text, label in zip(self.legend.get_texts(), _ap_counts(state)):
            text.set_text(label)


def ap_explorer(ground_truth, detections, *, category, iou_threshold=0.5):
    """An IoU-threshold slider over one class's detections, redrawing the matches, the
    precision–recall curve and the AP.

    The detections are matched at all ten COCO thresholds once, here; a slider move
    picks one and updates the figure of :func:`ap_figure` in place (:class:`ApFigure`).
    The line between the slider and the figure is the state's ``message``.

    Parameters
    ----------
    ground_truth : dict
        COCO ground truth, e.g. :func:`lecturelib.datasets.coco_scenes`.
    detections : list of dict
        COCO results, e.g. :func:`lecturelib.datasets.detector_output`.
    category : str or int
        The class, by name or id.
    iou_threshold : float, default 0.5
        Starting value of the slider (labelled ``IoU threshold``), one of 0.50, 0.55,
        ..., 0.95.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``iou_threshold`` slider), ``status``, ``image`` (the figure), ``live`` and
        ``flush``.
    """
    import ipywidgets as widgets

    prepared = _prepare_ap(ground_truth, detections, category)
    threshold, _unused = _check_ap_threshold(iou_threshold)
    grid = np.round(COCO_IOU_THRESHOLDS, 2)
    if not np.any(np.abs(grid - threshold) < 1e-9):
        raise ValueError(f"`iou_threshold` must be one of COCO's thresholds 0.50, 0.55, ..., "
                         f"0.95 for the slider, got {iou_threshold!r}.")
    matched = [_match_at(prepared, t) for t in COCO_IOU_THRESHOLDS]
    aps = [_ap_of(m) for m in matched]
    slider = widgets.FloatSlider(value=threshold, min=0.5, max=0.95, step=0.05,
                                 description=_("IoU threshold"), continuous_update=True,
                                 readout_format=".2f", style={"description_width": "initial"},
                                 layout=widgets.Layout(width="520px"))

    def state_of(iou_threshold):
        k = int(np.argmin(np.abs(grid - iou_threshold)))
        return _ap_state_from(prepared, float(grid[k]), matched[k], aps)

    live = ApFigure(state_of(threshold))
    _detached(live.figure)
    return _explorer_box(slider, {"iou_threshold": slider}, state_of, live,
                         frames={"iou_threshold": grid_values(slider, grid.size)})
