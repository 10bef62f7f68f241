"""Offline data for the course: everything is generated here or ships with a package.

Nothing in this module downloads anything; generated data uses fixed geometry or a fixed
seed, so every run gives the same arrays.
"""

from __future__ import annotations

import numpy as np

__all__ = ["person_segmentation_example"]


def _person_silhouette(xx, yy, *, dx=0.0, dy=0.0, arm_reach=1.0, swell=0.0):
    """A stick-figure-like person made of ellipses and bars, in unit coordinates.

    ``dx, dy`` shift the figure, ``arm_reach`` scales how far the arms extend and ``swell``
    grows every part (a blurry, over-segmenting model).
    """
    x, y = xx - dx, yy - dy
    s = swell
    head = ((x - 0.5) / (0.075 + s)) ** 2 + ((y - 0.2) / (0.085 + s)) ** 2 <= 1
    torso = ((x - 0.5) / (0.11 + s)) ** 2 + ((y - 0.46) / (0.18 + s)) ** 2 <= 1
    arms = (np.abs(y - 0.38) <= 0.03 + s) & (np.abs(x - 0.5) <= 0.11 + 0.17 * arm_reach + s)
    legs = (y >= 0.58) & (y <= 0.9 + s) & (
        (np.abs(x - 0.44) <= 0.035 + s) | (np.abs(x - 0.56) <= 0.035 + s))
    return head | torso | arms | legs


def person_segmentation_example(size=128):
    """A person-vs-background mask and a plausible model's prediction of it.

    The prediction is slightly offset, a little too wide, and misses the tips of the
    arms: good-looking at a glance, imperfect pixel by pixel. The person covers a small
    part of the image, as in most photos, which is what makes pixel accuracy flattering.

    Parameters
    ----------
    size : int, default 128
        Side of the square image, in pixels (at least 16).

    Returns
    -------
    true_mask, predicted_mask : ndarray of bool, shape (size, size)
        ``True`` marks person pixels.

    Examples
    --------
    >>> truth, pred = person_segmentation_example(64)
    >>> truth.shape, truth.dtype
    ((64, 64), dtype('bool'))
    """
    if not isinstance(size, (int, np.integer)) or size < 16:
        raise ValueError(f"`size` must be an integer >= 16, got {size!r}.")
    coords = (np.arange(size) + 0.5) / size
    xx, yy = np.meshgrid(coords, coords)
    truth = _person_silhouette(xx, yy)
    predicted = _person_silhouette(xx, yy, dx=0.02, dy=0.015, arm_reach=0.6, swell=0.012)
    return truth, predicted
