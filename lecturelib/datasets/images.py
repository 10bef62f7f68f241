"""A grey-scale photograph and its degraded copies, for image-quality metrics.

- :func:`sample_photo`: a fixed crop of scikit-learn's bundled ``china.jpg``;
- :func:`degrade_image`: a copy with Gaussian blur, a shift and Gaussian noise;
- :func:`degradation_for_psnr`: the noise or blur strength that gives a target PSNR.

The blur and shift here also make the corrupted digits of
:mod:`lecturelib.datasets.generative`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import check_seed
from ._common import _check_real

__all__ = ["sample_photo", "degrade_image", "degradation_for_psnr"]


# sample_photo's crop of china.jpg (427 x 640 pixels) is centred on the pagoda's top roof:
# tiles, ridge ornaments and windows against a flat sky, so blur, noise and a shift all show.
_PHOTO_CENTRE = (110, 130)  # (row, column)
_PHOTO_SHAPE = (427, 640)
# ITU-R BT.601 luma: the weights of PIL's Image.convert("L") and of JPEG's own Y channel.
_LUMA_WEIGHTS = (0.299, 0.587, 0.114)
# Kernels stop at 4 standard deviations, as in scipy.ndimage.gaussian_filter.
_BLUR_TRUNCATE = 4.0
# degradation_for_psnr stops once the PSNR is this close to the target (dB).
_PSNR_TOLERANCE = 1e-4


def sample_photo(size=128):
    r"""A grey-scale photograph: a fixed crop of scikit-learn's bundled ``china.jpg``.

    The Summer Palace pagoda in Beijing (:func:`sklearn.datasets.load_sample_image`,
    427 x 640 pixels, shipped with scikit-learn: nothing is downloaded). The crop is
    ``size`` x ``size`` pixels at the photo's own resolution, centred on the pagoda's
    top roof (row 110, column 130; moved inwards when it would leave the photo): the
    curved roof with its fine tiles and ridge ornaments, the windows below it, and flat
    sky. Edges and texture make blur and a shift visible, the flat sky shows noise.

    The grey level is the ITU-R BT.601 luma of the 8-bit colours, as in PIL's
    ``Image.convert("L")`` but without rounding to integers,

    .. math:: Y = \frac{0.299\, R + 0.587\, G + 0.114\, B}{255} \in [0, 1].

    The default 128 x 128 crop has mean 0.59 and standard deviation 0.30 and ranges from
    0 to 0.995. Shifting it one pixel to the right gives a PSNR of 20.3 dB, the same as
    Gaussian noise of standard deviation 0.10 or a Gaussian blur of 4.0 pixels (see
    :func:`degradation_for_psnr`): an invisible change scores like two obvious ones.

    Parameters
    ----------
    size : int, default 128
        Side of the square crop in pixels, from 16 to 427 (the photo's height).

    Returns
    -------
    ndarray of float64, shape (size, size)
        Values in [0, 1]; row 0 is the top of the image (``plt.imshow(photo,
        cmap="gray", vmin=0, vmax=1)`` shows it).

    Notes
    -----
    Reading the JPEG needs pillow (installed with the course and present in Colab).

    Examples
    --------
    >>> photo = sample_photo()
    >>> photo.shape, photo.dtype
    ((128, 128), dtype('float64'))
    >>> round(float(photo.mean()), 2), round(float(photo.std()), 2)
    (0.59, 0.3)
    """
    if (isinstance(size, bool) or not isinstance(size, numbers.Integral)
            or not 16 <= size <= _PHOTO_SHAPE[0]):
        raise ValueError(
            f"`size` must be an integer from 16 to {_PHOTO_SHAPE[0]} (the photo's height), "
            f"got {size!r}."
        )
    from sklearn.datasets import load_sample_image

    size = int(size)
    rgb = load_sample_image("china.jpg")
    top, left = (min(max(centre - size // 2, 0), extent - size)
                 for centre, extent in zip(_PHOTO_CENTRE, _PHOTO_SHAPE))
    crop = rgb[top:top + size, left:left + size].astype(np.float64)
    red, green, blue = _LUMA_WEIGHTS
    # Written out, not as a matrix product, so every CPU rounds it the same way.
    grey = (red * crop[..., 0] + green * crop[..., 1] + blue * crop[..., 2]) / 255.0
    # The weights sum to 1 only up to rounding: keep white at exactly 1.
    return np.clip(grey, 0.0, 1.0)


def _check_image(image, name="image"):
    try:
        arr = np.array(image, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.ndim != 2 or min(arr.shape) < 2:
        shape = getattr(arr, "shape", None)
        raise ValueError(
            f"`{name}` must be a 2-D grey-scale image (height, width) of at least 2 x 2 "
            f"pixels, e.g. sample_photo(); got {'shape ' + str(shape) if shape else image!r}."
        )
    if not np.all(np.isfinite(arr)) or arr.min() < 0 or arr.max() > 1:
        raise ValueError(
            f"`{name}` must hold finite values in [0, 1] (data range 1); divide 8-bit "
            "images by 255."
        )
    return arr


def _reflect(index, n):
    """Map indices outside [0, n) back inside by mirroring at the borders, the edge pixel
    repeated (``d c b a | a b c d | d c b a``, scipy.ndimage's 'reflect', np.pad's
    'symmetric'); works for offsets of any size."""
    index = np.mod(index, 2 * n)
    return np.where(index >= n, 2 * n - 1 - index, index)


def _blur_axis(x, sigma, axis):
    # scipy.ndimage's radius rule, so the two agree to rounding.
    radius = int(_BLUR_TRUNCATE * sigma + 0.5)
    offsets = np.arange(-radius, radius + 1)
    weights = np.exp(-0.5 * (offsets / sigma) ** 2)
    weights /= weights.sum()
    n = x.shape[axis]
    positions = np.arange(n)
    out = np.zeros_like(x)
    # One shifted copy per kernel tap, added in a fixed order: element-wise NumPy
    # arithmetic, so the result is bit-for-bit the same on every CPU (a matrix product
    # would sum in a CPU-dependent order).
    for offset, weight in zip(offsets, weights):
        out += weight * np.take(x, _reflect(positions + offset, n), axis=axis)
    return out


def _separable_blur(x, sigma):
    """Gaussian blur of std ``sigma`` pixels over the last two axes (rows, then columns)."""
    return _blur_axis(_blur_axis(x, sigma, -2), sigma, -1)


def _shift_right(x, pixels):
    """Shift the last axis right by ``pixels`` (left if negative), repeating the edge."""
    columns = np.clip(np.arange(x.shape[-1]) - pixels, 0, x.shape[-1] - 1)
    return x[..., columns]


def _check_shift(shift, width, name):
    if (isinstance(shift, bool) or not isinstance(shift, numbers.Integral)
            or not -width < shift < width):
        raise ValueError(
            f"`{name}` must be a whole number of pixels with absolute value below the "
            f"width {width} (positive moves right, negative left), got {shift!r}."
        )
    return int(shift)


def degrade_image(image, *, noise=0.0, blur=0.0, shift=0, seed=0):
    r"""A degraded copy of a grey-scale image: Gaussian blur, a shift and Gaussian noise.

    The three steps, in this order (each is skipped at 0, so the defaults return an exact
    copy):

    1. **blur**: a Gaussian blur of standard deviation ``blur`` pixels, as a separable
       convolution (rows, then columns) with a kernel cut at :math:`4\sigma` and mirrored
       borders (``d c b a | a b c d``), like
       ``scipy.ndimage.gaussian_filter(image, blur, mode="reflect")``;
    2. **shift**: the picture moves ``shift`` whole pixels to the right (left if
       negative); the columns that come into view repeat the image's first (last) column;
    3. **noise**: independent Gaussian noise of standard deviation ``noise`` added to
       every pixel, then the result is clipped to [0, 1], as a camera clips at black and
       white. Clipping makes the error a little smaller than ``noise`` where the image is
       near 0 or 1.

    Parameters
    ----------
    image : array-like of shape (height, width)
        Grey levels in [0, 1], e.g. :func:`sample_photo`.
    noise : float, default 0.0
        Standard deviation of the noise (in units of the data range), ``>= 0``.
    blur : float, default 0.0
        Standard deviation of the blur kernel in pixels, ``>= 0``.
    shift : int, default 0
        Horizontal shift in pixels, with ``|shift| < width``.
    seed : int, default 0
        Seed of the noise. The same seed draws the same standard normal numbers for any
        ``noise``, which only scales them: the error grows smoothly with ``noise``.

    Returns
    -------
    ndarray of float64, shape (height, width)
        Values in [0, 1].

    Examples
    --------
    >>> image = np.array([[0.0, 0.5, 1.0], [0.2, 0.4, 0.6]])
    >>> degrade_image(image, shift=1)
    array([[0. , 0. , 0.5],
           [0.2, 0.2, 0.4]])
    >>> bool(np.array_equal(degrade_image(image), image))
    True
    """
    image = _check_image(image)
    noise = _check_real(noise, "noise", minimum=0)
    blur = _check_real(blur, "blur", minimum=0)
    shift = _check_shift(shift, image.shape[1], "shift")
    seed = check_seed(seed)
    out = image
    if blur > 0:
        out = _separable_blur(out, blur)
    if shift:
        out = _shift_right(out, shift)
    if noise > 0:
        out = out + noise * np.random.default_rng(seed).standard_normal(out.shape)
    # A copy in every case; a no-op on in-range values (blur can overshoot 1 by 1 ulp).
    return np.clip(out, 0.0, 1.0)


def _psnr(reference, image):
    """10 log10(1 / MSE) in dB, for images with data range 1; inf for identical images.
    (The course's documented PSNR is lecturelib.generative.image's.)"""
    mse = float(np.mean((reference - image) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(1 / mse)


_DEGRADATION_KINDS = ("noise", "blur")


def degradation_for_psnr(image, kind, psnr, *, seed=0):
    r"""The noise or blur strength that gives ``image`` a target PSNR.

    Finds :math:`p` with :math:`\mathrm{PSNR}(\text{image},\ \text{degrade\_image(image,
    kind=p)}) = ` ``psnr``, where :math:`\mathrm{PSNR} = 10 \log_{10}(1 / \mathrm{MSE})`
    (data range 1). With it a notebook can put noise, blur and a one-pixel shift side by
    side at *equal* PSNR and show how differently they look.

    The search is a bisection on :math:`p`: it doubles an upper bound from 1 until the
    PSNR falls below the target, then halves the interval, keeping the PSNR above the
    target at its lower end and at or below it at its upper end, until the PSNR is within
    ``1e-4`` dB of the target. (Blur's PSNR need not fall monotonically with
    :math:`\sigma`; the bracket still ends at a crossing.) About 30 degradations: well
    under a second for a 128 x 128 image.

    Parameters
    ----------
    image : array-like of shape (height, width)
        The reference, grey levels in [0, 1].
    kind : {'noise', 'blur'}
        Which argument of :func:`degrade_image` to tune.
    psnr : float
        Target PSNR in dB, ``> 0``. Too low a target is unreachable: clipped noise at most
        turns every pixel into 0 or 1, and the strongest blur into a flat grey; the error
        message says how low each can go.
    seed : int, default 0
        Seed of the noise (use the same seed in :func:`degrade_image`).

    Returns
    -------
    float
        ``noise`` (standard deviation) or ``blur`` (pixels) for :func:`degrade_image`.

    Examples
    --------
    >>> photo = sample_photo()
    >>> target = 10 * np.log10(1 / np.mean((degrade_image(photo, shift=1) - photo) ** 2))
    >>> round(float(target), 2)        # a one-pixel shift
    20.33
    >>> std = degradation_for_psnr(photo, "noise", target)
    >>> sigma = degradation_for_psnr(photo, "blur", target)
    >>> round(std, 3), round(sigma, 2)
    (0.101, 4.0)
    >>> noisy = degrade_image(photo, noise=std)
    >>> round(float(10 * np.log10(1 / np.mean((noisy - photo) ** 2))), 2)
    20.33
    """
    image = _check_image(image)
    if not isinstance(kind, str) or kind not in _DEGRADATION_KINDS:
        raise ValueError(f"`kind` must be one of {_DEGRADATION_KINDS}, got {kind!r}.")
    target = _check_real(psnr, "psnr")
    if target <= 0:
        raise ValueError(f"`psnr` must be > 0 dB, got {psnr!r}.")
    seed = check_seed(seed)
    if kind == "blur" and np.ptp(image) == 0:
        raise ValueError("`image` is flat (a single grey level): no blur changes it, so no "
                         "blur gives a finite `psnr`.")

    def achieved(strength):
        return _psnr(image, degrade_image(image, **{kind: strength}, seed=seed))

    # Beyond these the degradation no longer changes: noise of std 64 has clipped every
    # pixel to 0 or 1, and a blur as wide as the image leaves a flat grey.
    limit = 64.0 if kind == "noise" else float(2 ** math.ceil(math.log2(max(image.shape))))
    low, high = 0.0, 1.0
    value = achieved(high)
    while value > target and high < limit:
        low, high = high, 2 * high
        value = achieved(high)
    if value > target:
        raise ValueError(
            f"`psnr`={target:g} dB is out of reach for {kind}: even {kind}={high:g} only "
            f"brings this image down to {value:.2f} dB. Ask for a higher PSNR."
        )
    if abs(value - target) <= _PSNR_TOLERANCE:
        return high
    while True:
        middle = (low + high) / 2
        if not low < middle < high:  # the interval cannot shrink any further
            return high
        value = achieved(middle)
        if abs(value - target) <= _PSNR_TOLERANCE:
            return middle
        if value > target:
            low = middle
        else:
            high = middle
