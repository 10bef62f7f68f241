"""Figures the notebooks share, drawn with matplotlib at a modest size and resolution.

Each function returns the :class:`matplotlib.figure.Figure` it drew, so a notebook can
show it, save it or draw on it further.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FIGURE_DPI", "mask_overlay", "show_masks"]

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
