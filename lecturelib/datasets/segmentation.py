"""Segmentation masks: a person against the background, and models' predictions of it.

- :func:`person_segmentation_example`: the true person mask and a plausible model's
  predicted mask (offset, too wide, arms too short);
- :func:`soft_person_segmentation`: the same person and a model's probability map, whose
  mask depends on the threshold.

The person is drawn from ellipses and bars in unit coordinates, so any image size gives
the same figure.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_seed
from ._common import _check_real

__all__ = ["person_segmentation_example", "soft_person_segmentation"]


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


def _ellipse_distance(x, y, a, b):
    """Signed distance to the ellipse (x/a)² + (y/b)² = 1, positive inside, to first order:
    exact on the boundary and along the axes, a smooth approximation elsewhere."""
    radius = np.sqrt((x / a) ** 2 + (y / b) ** 2)
    gradient = np.sqrt((x / a**2) ** 2 + (y / b**2) ** 2)
    # (1 - r) / |grad r|, with |grad r| = gradient / r; the centre (0/0) is min(a, b) deep.
    return np.divide((1 - radius) * radius, gradient, out=np.full_like(x, min(a, b)),
                     where=gradient > 0)


def _rectangle_distance(x, y, half_width, half_height):
    """Exact signed distance to an axis-aligned rectangle centred at 0, positive inside."""
    qx, qy = np.abs(x) - half_width, np.abs(y) - half_height
    outside = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0))
    return -(outside + np.minimum(np.maximum(qx, qy), 0))


def _person_signed_distance(xx, yy, *, dx=0.0, dy=0.0, arm_reach=1.0, swell=0.0):
    """Signed distance (unit coordinates, positive inside) to :func:`_person_silhouette`
    with the same arguments: ``>= 0`` exactly where that mask is True."""
    x, y = xx - dx, yy - dy
    s = swell
    leg_top, leg_bottom = 0.58, 0.9 + s
    leg_y = y - (leg_top + leg_bottom) / 2
    parts = [
        _ellipse_distance(x - 0.5, y - 0.2, 0.075 + s, 0.085 + s),                # head
        _ellipse_distance(x - 0.5, y - 0.46, 0.11 + s, 0.18 + s),                 # torso
        _rectangle_distance(x - 0.5, y - 0.38, 0.11 + 0.17 * arm_reach + s, 0.03 + s),
        _rectangle_distance(x - 0.44, leg_y, 0.035 + s, (leg_bottom - leg_top) / 2),
        _rectangle_distance(x - 0.56, leg_y, 0.035 + s, (leg_bottom - leg_top) / 2),
    ]
    # The union of the parts: inside any part means inside the person.
    return np.max(parts, axis=0)


def _gaussian_blur(image, sigma):
    """Separable Gaussian blur with renormalised weights at the border (NumPy only)."""
    index = np.arange(image.shape[0])
    weights = np.exp(-0.5 * ((index[:, None] - index[None, :]) / sigma) ** 2)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ image @ weights.T


# Spread of the soft map's logit noise: enough to make the outline wavy, too little to
# punch holes into the person.
_SOFT_NOISE_STD = 0.5


def soft_person_segmentation(size=128, *, sharpness=0.5, seed=0):
    r"""The person of :func:`person_segmentation_example` and a model's probability map.

    The probabilities are those of a decent but imperfect segmentation model: near 1 well
    inside its predicted person, near 0 far outside, and a soft band at its boundary. The
    model's person is the predicted mask of :func:`person_segmentation_example` (slightly
    offset, a little too wide, arms too short); each pixel's logit is

    .. math:: z = \kappa \, d + \varepsilon

    where :math:`d` is the pixel's signed distance in pixels to that predicted outline
    (positive inside), :math:`\kappa` = ``sharpness`` and :math:`\varepsilon` smooth noise
    (white noise blurred over about 3 pixels, standard deviation 0.5 logit), and the
    probability is :math:`\sigma(z) = 1 / (1 + e^{-z})`. Thresholding at 0.5 gives
    roughly that predicted mask, with a slightly wavy outline; lower thresholds grow the
    mask by about :math:`\mathrm{logit}(t) / \kappa` pixels, higher ones shrink it.

    IoU with the true mask as a function of the threshold, with the defaults::

        threshold  0.05  0.1   0.3   0.5   0.7   0.9   0.95
        IoU        0.48  0.53  0.64  0.67  0.65  0.51  0.35

    (the predicted mask of :func:`person_segmentation_example` has IoU 0.69; the mask at
    0.5 overlaps it with IoU 0.91). The IoU peaks near 0.5 and falls off on both sides,
    faster towards 1, where the thin arms and legs vanish first: a threshold is part of
    the model. Other seeds move these numbers by about 0.02.

    Parameters
    ----------
    size : int, default 128
        Side of the square image in pixels, at least 16; the true mask is that of
        ``person_segmentation_example(size)``.
    sharpness : float, default 0.5
        Logit change per pixel across the predicted outline, ``> 0``. With 0.5 the
        probability goes from 0.05 to 0.95 over about 12 pixels; larger values give a
        crisper, more confident map. The band is set in pixels, not in fractions of the
        image, as a network's uncertainty is a few pixels at any resolution.
    seed : int, default 0
        Seed of the noise; the same seed gives the same map.

    Returns
    -------
    true_mask : ndarray of bool, shape (size, size)
        Identical to ``person_segmentation_example(size)[0]``.
    probability_map : ndarray of float64, shape (size, size)
        Probability that each pixel is person, in [0, 1].

    Examples
    --------
    >>> truth, proba = soft_person_segmentation(64)
    >>> truth.shape, proba.dtype, bool(0 <= proba.min() and proba.max() <= 1)
    ((64, 64), dtype('float64'), True)
    """
    if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 16:
        raise ValueError(f"`size` must be an integer >= 16, got {size!r}.")
    sharpness = _check_real(sharpness, "sharpness")
    if sharpness <= 0:
        raise ValueError(f"`sharpness` must be > 0 (logits per pixel), got {sharpness!r}.")
    seed = check_seed(seed)
    truth, _ = person_segmentation_example(size)
    coords = (np.arange(size) + 0.5) / size
    xx, yy = np.meshgrid(coords, coords)
    # The same offsets as person_segmentation_example's prediction: at threshold 0.5 and
    # without noise this map gives exactly that predicted mask.
    distance = size * _person_signed_distance(xx, yy, dx=0.02, dy=0.015, arm_reach=0.6,
                                              swell=0.012)
    noise = _gaussian_blur(np.random.default_rng(seed).standard_normal((size, size)), 3.0)
    # Rescaled to the wanted standard deviation: blurring shrinks white noise's spread.
    noise *= _SOFT_NOISE_STD / noise.std()
    logit = sharpness * distance + noise
    # A stable logistic: exp only of non-positive numbers, so no overflow far from the person.
    e = np.exp(-np.abs(logit))
    probability = np.where(logit >= 0, 1 / (1 + e), e / (1 + e))
    return truth, probability
