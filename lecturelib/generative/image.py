"""Full-reference image quality: how close a generated or restored image is to the true one.

Three scores compare an image ``y`` with a reference ``x`` of the same shape, pixel for
pixel:

- :func:`mean_squared_error` (MSE): the mean squared pixel difference;
- :func:`peak_signal_noise_ratio` (PSNR): the MSE on a log scale relative to the largest
  possible pixel value, in decibels; higher is better, identical images give infinity;
- :func:`structural_similarity` (SSIM, Wang et al. 2004): compares local means, contrasts
  and correlations in a sliding window, so it cares about *structure* the way the eye does
  and not only about per-pixel error. 1 means identical.

All three return the numbers of :mod:`skimage.metrics` on the same arguments: the same
dtype rules (an integer image's range comes from its dtype, a float image's must be given
for SSIM), the same sliding windows (the uniform and Gaussian filters of
:mod:`scipy.ndimage`, with the same "reflect" borders, are re-implemented here in NumPy
operation for operation, so the floats agree to the last bits), and the same cropped
mean. Where lecturelib is stricter (NaN, a non-positive ``data_range``, an unknown keyword)
it raises instead of returning NaN; each docstring lists those differences, and how
torchmetrics differs.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

__all__ = ["mean_squared_error", "peak_signal_noise_ratio", "structural_similarity"]

# Keyword arguments structural_similarity takes through **kwargs, with skimage's defaults.
_SSIM_KWARGS = {"K1": 0.01, "K2": 0.03, "sigma": 1.5, "use_sample_covariance": True}
# skimage: "Set to give an 11-tap filter with the default sigma of 1.5 to match Wang et al."
_SSIM_TRUNCATE = 3.5


# ---------------------------------------------------------------------------- checks

def _check_image(image, name):
    """``image`` as a NumPy array of its own dtype (bool, integer or float), at least 1-D,
    non-empty and finite."""
    arr = np.asarray(image)
    if arr.dtype.kind not in "biuf":
        raise ValueError(
            f"`{name}` must hold real numbers (bool, integer or float pixels), got dtype "
            f"{arr.dtype}. Convert it first, e.g. np.abs(z) for a complex image.")
    if arr.ndim == 0:
        raise ValueError(f"`{name}` is a single number; pass an image (an array with at "
                         "least one axis).")
    if arr.size == 0:
        raise ValueError(f"`{name}` is empty (shape {arr.shape}); pass an image with pixels.")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` contains NaN or infinity; remove or impute those pixels "
                         "first (skimage would return NaN).")
    return arr


def _check_pair(image0, image1, names):
    a = _check_image(image0, names[0])
    b = _check_image(image1, names[1])
    if a.shape != b.shape:
        raise ValueError(
            f"`{names[0]}` has shape {a.shape} but `{names[1]}` has shape {b.shape}; the "
            "images must have the same shape (resize or crop one of them first).")
    return a, b


def _check_data_range(data_range):
    """``None``, or a finite number > 0, returned unchanged (its type matters for the
    floating-point arithmetic, exactly as in skimage)."""
    if data_range is None:
        return None
    if (isinstance(data_range, (bool, np.bool_)) or not isinstance(data_range, numbers.Real)
            or not np.isfinite(data_range) or data_range <= 0):
        raise ValueError(
            f"`data_range` must be a positive number (the largest minus the smallest "
            f"possible pixel value, e.g. 255 for 8-bit images, 1.0 for floats in [0, 1]), "
            f"got {data_range!r}.")
    return data_range


def _check_non_negative(value, name):
    if (isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real)
            or not np.isfinite(value) or value < 0):
        raise ValueError(f"`{name}` must be a finite number >= 0, got {value!r}.")
    return value


def _float_type(dtype):
    """skimage's ``_supported_float_type``: float16 and float32 compute in float32,
    everything else (bool, integers, float64, longdouble) in float64."""
    dtype = np.dtype(dtype)
    return np.dtype(np.float32) if dtype.char in "ef" else np.dtype(np.float64)


def _dtype_range(dtype):
    """skimage's ``dtype_range``: (min, max) of an integer dtype, (False, True) for bool
    and (-1, 1) for every float dtype."""
    if dtype.kind == "b":
        return False, True
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return int(info.min), int(info.max)
    return -1, 1


# ---------------------------------------------------------------------------- MSE, PSNR

def mean_squared_error(image0, image1):
    r"""Mean squared error between two images of the same shape.

    .. math:: \mathrm{MSE}(x, y) = \frac{1}{n} \sum_{p} (x_p - y_p)^2

    over all ``n`` pixels (and channels). Integer images are converted to float first, so
    ``uint8`` differences do not wrap around.

    This is :func:`skimage.metrics.mean_squared_error`: the images are compared in the
    float type skimage picks (float32 if both are float16/float32, else float64) and the
    mean is accumulated in float64. :func:`lecturelib.regression.mean_squared_error` gives
    the same number on ``image0.ravel(), image1.ravel()`` (always in float64).

    Parameters
    ----------
    image0, image1 : array-like of the same shape
        Images of any shape, e.g. (H, W), (H, W, C) or a batch (N, H, W, C).

    Returns
    -------
    float
        0 for identical images.

    Raises
    ------
    ValueError
        If the shapes differ, an image is empty, holds NaN/infinity or non-real values.

    Examples
    --------
    >>> mean_squared_error([[0, 0], [0, 0]], [[0, 2], [0, 0]])
    1.0
    >>> mean_squared_error(np.array([0, 255], dtype=np.uint8), np.array([255, 0], np.uint8))
    65025.0

    References
    ----------
    scikit-image, ``skimage.metrics.mean_squared_error``.
    """
    image0, image1 = _check_pair(image0, image1, ("image0", "image1"))
    return float(_mse(image0, image1))


def _mse(image0, image1):
    float_type = np.result_type(_float_type(image0.dtype), _float_type(image1.dtype))
    image0 = np.asarray(image0, dtype=float_type)
    image1 = np.asarray(image1, dtype=float_type)
    return np.mean((image0 - image1) ** 2, dtype=np.float64)


def peak_signal_noise_ratio(image_true, image_test, *, data_range=None):
    r"""Peak signal-to-noise ratio (PSNR) of a test image against the true one, in dB.

    .. math:: \mathrm{PSNR} = 10 \log_{10} \frac{R^2}{\mathrm{MSE}(x, y)}

    where ``R`` is the data range: the largest possible pixel value minus the smallest.
    Each factor of 10 in the MSE costs 10 dB; typical values for lossy 8-bit images are
    30-50 dB.

    Parameters
    ----------
    image_true : array-like
        The ground-truth image.
    image_test : array-like of the same shape
        The image to judge.
    data_range : float, optional
        ``R``. Default, as in skimage, from ``image_true``'s dtype: its maximum when
        ``image_true`` has no negative value (255 for ``uint8``, 65535 for ``uint16``,
        **1 for float images**, 1 for bool), else maximum minus minimum (**2 for floats**
        in [-1, 1], 255 for ``int8``). Pass it explicitly for float images in another
        range, e.g. ``data_range=255.0`` for floats in [0, 255].

    Returns
    -------
    float
        ``inf`` for identical images (MSE = 0), as skimage (which also warns "divide by
        zero"; lecturelib returns ``inf`` silently).

    Notes
    -----
    **What each reference does differently.**

    - scikit-image ``peak_signal_noise_ratio``: the numbers here. Without ``data_range``
      it raises ``ValueError`` when ``image_true`` has values outside its dtype's range
      (a float image outside [-1, 1]); lecturelib does the same. With images of different
      dtypes it takes the range from ``image_true`` and warns; so does lecturelib.
      skimage returns NaN for images with NaN, and accepts ``data_range <= 0``; lecturelib
      raises ``ValueError`` for both.
    - torchmetrics ``peak_signal_noise_ratio(preds, target, data_range)``: note the
      reversed order (prediction first). ``data_range`` is **required**; a tuple
      ``(min, max)`` clips the images to it first. Over a batch with ``dim=None`` it
      computes one MSE over all images, not a mean of per-image PSNRs. It agrees with
      skimage to about 1e-7 relative (it accumulates in float32).
    - The mean of per-image PSNRs (a common way to report a data set) is not the PSNR of
      the pooled MSE: average ``peak_signal_noise_ratio`` over images yourself if that is
      what you need.

    Raises
    ------
    ValueError
        If the shapes differ, an image is empty or holds NaN/infinity, ``data_range`` is
        not a positive number, or (without ``data_range``) ``image_true`` has values
        outside its dtype's range.

    Examples
    --------
    An 8-bit image off by 5 grey levels everywhere: MSE = 25,
    PSNR = 10 log10(255² / 25) = 34.15 dB.

    >>> x = np.full((4, 4), 100, dtype=np.uint8)
    >>> round(peak_signal_noise_ratio(x, x + 5), 2)
    34.15
    >>> peak_signal_noise_ratio(x, x)
    inf

    References
    ----------
    scikit-image, ``skimage.metrics.peak_signal_noise_ratio``. Z. Wang and A. C. Bovik,
    "Mean squared error: love it or leave it?", IEEE Signal Processing Magazine 26 (2009).
    """
    image_true, image_test = _check_pair(image_true, image_test, ("image_true", "image_test"))
    data_range = _check_data_range(data_range)
    if data_range is None:
        if image_true.dtype != image_test.dtype:
            warnings.warn(
                f"`image_true` is {image_true.dtype} but `image_test` is {image_test.dtype}; "
                "data_range is set from image_true's dtype. Pass data_range explicitly.",
                UserWarning, stacklevel=2)
        dmin, dmax = _dtype_range(image_true.dtype)
        true_min, true_max = np.min(image_true), np.max(image_true)
        if true_max > dmax or true_min < dmin:
            raise ValueError(
                f"`image_true` has values in [{true_min}, {true_max}], outside the range "
                f"[{dmin}, {dmax}] expected for its dtype {image_true.dtype}; pass "
                "`data_range` explicitly (e.g. data_range=255.0 for floats in [0, 255]).")
        data_range = dmax if true_min >= 0 else dmax - dmin
    err = _mse(image_true, image_test)
    data_range = float(data_range)
    if err == 0:
        return float("inf")
    return float(10 * np.log10((data_range**2) / err))


# ---------------------------------------------------------------------------- filters
#
# scipy.ndimage filters a d-dimensional array one axis after the other. For each line
# along an axis it copies the values (as double) into a buffer extended at both ends in
# "reflect" mode, filters the buffer in double precision, and casts the result back to
# the array's dtype before the next axis. The functions below do exactly that, in the
# same order of floating-point operations, vectorised over all lines at once.

def _reflect_indices(n, before, after):
    """Indices into a line of length ``n`` extended by ``before``/``after`` samples in
    scipy.ndimage's 'reflect' mode (d c b a | a b c d | d c b a), repeated as needed."""
    i = np.arange(-before, n + after)
    m = np.mod(i, 2 * n)
    return np.where(m < n, m, 2 * n - 1 - m)


def _extended_lines(x, axis, before, after):
    """``x`` as float64 with ``axis`` moved first and reflect-extended along it."""
    n = x.shape[axis]
    ext = np.take(x, _reflect_indices(n, before, after), axis=axis)
    return np.moveaxis(ext.astype(np.float64, copy=False), axis, 0), n


def _uniform_filter1d(x, size, axis):
    """``scipy.ndimage.uniform_filter1d(x, size, axis, mode='reflect')``: a running sum,
    updated with (entering - leaving) and divided by ``size``, as scipy's C code does."""
    size1 = size // 2
    size2 = size - size1 - 1
    ext, n = _extended_lines(x, axis, size1, size2)
    first = np.cumsum(ext[:size], axis=0)[-1]        # tmp = sum of the first window
    steps = ext[size:size + n - 1] - ext[:n - 1]     # tmp += entering - leaving
    out = np.cumsum(np.concatenate([first[None], steps]), axis=0) / size
    return np.moveaxis(out, 0, axis).astype(x.dtype, copy=False)


def _uniform_filter(x, size):
    """``scipy.ndimage.uniform_filter(x, size)`` (same size on every axis, reflect mode)."""
    if size <= 1:
        return x.copy()
    for axis in range(x.ndim):
        x = _uniform_filter1d(x, size, axis)
    return x


def _gaussian_kernel1d(sigma, radius):
    """scipy.ndimage's normalised Gaussian weights at -radius..radius."""
    sigma2 = sigma * sigma
    t = np.arange(-radius, radius + 1)
    phi = np.exp(-0.5 / sigma2 * t**2)
    return phi / phi.sum()


def _correlate1d(x, weights, axis):
    """``scipy.ndimage.correlate1d(x, weights, axis, mode='reflect')`` for an odd-length
    kernel, with scipy's shortcut for symmetric kernels (pairs of samples are added before
    they are multiplied)."""
    size = weights.size
    size1 = size // 2
    size2 = size - size1 - 1
    ext, n = _extended_lines(x, axis, size1, size2)
    eps = np.finfo(np.float64).eps
    symmetric = 0
    if size % 2 == 1:
        half = np.arange(1, size // 2 + 1)
        if np.all(np.abs(weights[size1 + half] - weights[size1 - half]) <= eps):
            symmetric = 1
        elif np.all(np.abs(weights[size1 + half] + weights[size1 - half]) <= eps):
            symmetric = -1
    if symmetric:
        out = ext[size1:size1 + n] * weights[size1]
        for j in range(-size1, 0):
            left = ext[size1 + j:size1 + j + n]
            right = ext[size1 - j:size1 - j + n]
            out += (left + right if symmetric > 0 else left - right) * weights[size1 + j]
    else:
        out = ext[size1 + size2:size1 + size2 + n] * weights[size1 + size2]
        for j in range(-size1, size2):
            out += ext[size1 + j:size1 + j + n] * weights[size1 + j]
    return np.moveaxis(out, 0, axis).astype(x.dtype, copy=False)


def _gaussian_filter(x, sigma, truncate):
    """``scipy.ndimage.gaussian_filter(x, sigma, mode='reflect', truncate=truncate)``, as
    skimage's SSIM calls it (same sigma on every axis)."""
    if not sigma > 1e-15:
        return x.copy()
    radius = int(truncate * float(sigma) + 0.5)
    weights = _gaussian_kernel1d(sigma, radius)[::-1]
    for axis in range(x.ndim):
        x = _correlate1d(x, weights, axis)
    return x


# ---------------------------------------------------------------------------- SSIM

def structural_similarity(im1, im2, *, win_size=None, gradient=False, data_range=None,
                          channel_axis=None, gaussian_weights=False, full=False, **kwargs):
    r"""Mean structural similarity (SSIM) between two images.

    In a window around each pixel, with local means :math:`\mu`, variances
    :math:`\sigma^2` and covariance :math:`\sigma_{xy}`,

    .. math::

        \mathrm{SSIM}(x, y) = \frac{(2 \mu_x \mu_y + C_1)(2 \sigma_{xy} + C_2)}
                                   {(\mu_x^2 + \mu_y^2 + C_1)(\sigma_x^2 + \sigma_y^2 + C_2)},
        \qquad C_1 = (K_1 R)^2, \quad C_2 = (K_2 R)^2,

    the product of a luminance, a contrast and a structure comparison (``R`` is the data
    range). The result is the mean of this map over the pixels at least
    ``(win_size - 1) // 2`` away from every border. 1 means identical; it can be negative
    (anti-correlated structure).

    This is :func:`skimage.metrics.structural_similarity`, with the same arguments,
    defaults and numbers.

    Parameters
    ----------
    im1, im2 : array-like of the same shape
        Images of any dimension: (H, W) grey, (H, W, C) with ``channel_axis=-1``, or
        volumes. Every axis (but the channel axis) must be at least ``win_size`` long.
    win_size : odd int, optional
        Side of the sliding window. Default 7 with the uniform window; with
        ``gaussian_weights`` the Gaussian's width, ``2 * int(3.5 * sigma + 0.5) + 1`` (11
        for sigma 1.5). A ``win_size`` passed with ``gaussian_weights=True`` does not
        change the Gaussian, only the border cropped from the mean, as in skimage.
    gradient : bool, default False
        Also return skimage's gradient with respect to ``im2`` (Avanaki 2009). Note what
        it is, as in skimage: the derivative of the mean of the *uncropped* SSIM map (not
        of the cropped ``mssim``), and exact only with ``use_sample_covariance=False``;
        with the default sample covariance the formula leaves out the ``N / (N - 1)``
        factor and is about 2% off for a 7x7 window.
    data_range : float, optional
        ``R``. Default: from ``im1``'s dtype, max - min (255 for ``uint8``; for other
        integer dtypes the full range, with a warning, as in skimage). **Required for
        float images**: unlike :func:`peak_signal_noise_ratio`, SSIM raises instead of
        guessing (skimage would guess 2 for floats, the width of [-1, 1]).
    channel_axis : int, optional
        The axis of the colour channels: the result is the mean of the per-channel SSIMs.
        ``None`` (default) treats every axis as spatial.
    gaussian_weights : bool, default False
        Weight the window with a Gaussian of standard deviation ``sigma`` (truncated at
        3.5 sigma) instead of a uniform ``win_size``-wide box.
    full : bool, default False
        Also return the SSIM map (same shape as the images, uncropped).
    **kwargs
        ``K1`` (default 0.01), ``K2`` (0.03), ``sigma`` (1.5; only with
        ``gaussian_weights``) and ``use_sample_covariance`` (default True: the window's
        variances divide by ``N - 1`` instead of ``N``, ``N = win_size ** ndim``). Any
        other keyword raises ``TypeError`` (skimage silently ignores it, so a typo such
        as ``k1=`` would go unnoticed).

    Returns
    -------
    mssim : float
    grad : ndarray
        Only with ``gradient=True``: same shape as ``im1``.
    S : ndarray
        Only with ``full=True``: the SSIM map, same shape as ``im1``.

    Notes
    -----
    **The arithmetic is skimage's.** The local means are the uniform (or Gaussian)
    filters of :mod:`scipy.ndimage` with 'reflect' borders, re-implemented in NumPy in the
    same order of operations, so the values equal skimage's to about 1e-15 relative. As in
    skimage the computation is in float32 when ``im1`` is float16/float32 (``im2`` is
    converted to ``im1``'s float type), in float64 otherwise; the mean is accumulated in
    float64.

    **Wang et al. (2004)** used an 11-pixel Gaussian window (sigma 1.5) and population
    variances: ``gaussian_weights=True, sigma=1.5, use_sample_covariance=False`` with
    ``data_range``. skimage's default (7x7 uniform, sample covariance) gives a different
    number.

    **What each reference does differently.**

    - scikit-image: the numbers here. It raises for float images without
      ``data_range`` and for images smaller than the window, as lecturelib does; it
      returns NaN for images with NaN and ignores unknown keywords, where lecturelib
      raises ``ValueError`` and ``TypeError``.
    - torchmetrics ``structural_similarity_index_measure(preds, target, ...)``: Gaussian
      window by default (sigma 1.5, 11 taps), population variances, and ``data_range``
      estimated from the values when not given (max - min of the two images). It averages
      the **uncropped** map (with PyTorch reflect padding), so it differs from skimage
      (0.98422 vs 0.98310 on a 32x32 example); its map cropped by 5 pixels equals
      skimage's ``gaussian_weights=True, use_sample_covariance=False`` to 1e-16.
    - Wang et al.'s MATLAB ``ssim_index.m`` keeps only the "valid" part of the filtered
      images (no padding at all): the cropped mean here, with the Wang settings above.
      Their later ``ssim.m`` first downsamples images larger than 256 pixels, which
      neither skimage nor lecturelib does.

    Raises
    ------
    ValueError
        If the shapes differ, an image is empty or holds NaN/infinity, an image is
        smaller than the window, ``win_size`` is not an odd positive integer,
        ``data_range`` is missing for float images or not a positive number, ``K1``,
        ``K2`` or ``sigma`` is negative, or ``channel_axis`` is not an axis.
    TypeError
        For an unknown keyword argument.

    Examples
    --------
    An 8x8 ramp, and the same ramp with every other pixel of every other row brightened
    by 40 grey levels (the 7x7 window fits once at the centre, so the mean is over the
    central 2x2 pixels):

    >>> x = (np.arange(64).reshape(8, 8) * 4).astype(np.uint8)
    >>> y = x.copy()
    >>> y[::2, ::2] += 40
    >>> structural_similarity(x, x)
    1.0
    >>> round(structural_similarity(x, y), 4)
    0.851

    Float images need ``data_range``:

    >>> round(structural_similarity(x / 255, y / 255, data_range=1.0), 4)
    0.851

    References
    ----------
    Z. Wang, A. C. Bovik, H. R. Sheikh and E. P. Simoncelli, "Image quality assessment:
    from error visibility to structural similarity", IEEE Transactions on Image Processing
    13 (2004). A. N. Avanaki, "Exact global histogram specification optimized for
    structural similarity", Optical Review 16 (2009). scikit-image,
    ``skimage.metrics.structural_similarity``.
    """
    unknown = sorted(set(kwargs) - set(_SSIM_KWARGS))
    if unknown:
        raise TypeError(
            f"structural_similarity() got unexpected keyword argument(s) {unknown}; the "
            f"extra keywords it takes are {list(_SSIM_KWARGS)}.")
    options = {**_SSIM_KWARGS, **kwargs}
    for name in ("K1", "K2", "sigma"):
        _check_non_negative(options[name], name)
    if not isinstance(options["use_sample_covariance"], (bool, np.bool_)):
        raise ValueError("`use_sample_covariance` must be True or False, got "
                         f"{options['use_sample_covariance']!r}.")
    im1, im2 = _check_pair(im1, im2, ("im1", "im2"))
    data_range = _check_data_range(data_range)
    if win_size is not None and (isinstance(win_size, (bool, np.bool_))
                                 or not isinstance(win_size, numbers.Integral)
                                 or win_size < 1 or win_size % 2 == 0):
        raise ValueError(f"`win_size` must be an odd integer >= 1 (e.g. 7), got "
                         f"{win_size!r}.")
    float_type = _float_type(im1.dtype)
    args = (win_size, gradient, data_range, gaussian_weights, options, float_type,
            channel_axis is not None)
    if channel_axis is None:
        mssim, grad, S = _ssim(im1, im2, *args)
    else:
        if (isinstance(channel_axis, (bool, np.bool_))
                or not isinstance(channel_axis, numbers.Integral)
                or not -im1.ndim <= channel_axis < im1.ndim):
            raise ValueError(
                f"`channel_axis` must be an axis of the images, between {-im1.ndim} and "
                f"{im1.ndim - 1} (e.g. -1 for (H, W, C)), got {channel_axis!r}.")
        if im1.ndim == 1:
            raise ValueError("`channel_axis` leaves no spatial axis in 1-D images; drop "
                             "`channel_axis`.")
        axis = int(channel_axis) % im1.ndim
        nch = im1.shape[axis]
        per_channel = np.empty(nch, dtype=float_type)
        grad = np.empty(im1.shape, dtype=float_type) if gradient else None
        S = np.empty(im1.shape, dtype=float_type) if full else None
        for ch in range(nch):
            at = (slice(None),) * axis + (ch,)
            per_channel[ch], g, s = _ssim(im1[at], im2[at], *args)
            if gradient:
                grad[at] = g
            if full:
                S[at] = s
        mssim = per_channel.mean()
    result = (float(mssim),)
    if gradient:
        result += (grad,)
    if full:
        result += (S,)
    return result if len(result) > 1 else result[0]


def _ssim(im1, im2, win_size, gradient, data_range, gaussian_weights, options, float_type,
          has_channels):
    """SSIM of one channel: (mean SSIM, gradient or None, SSIM map), as skimage."""
    K1, K2, sigma = options["K1"], options["K2"], options["sigma"]
    if win_size is None:
        if gaussian_weights:
            r = int(_SSIM_TRUNCATE * sigma + 0.5)  # radius as in ndimage
            win_size = 2 * r + 1
        else:
            win_size = 7
    if np.any(np.asarray(im1.shape) < win_size):
        spatial = " per channel" if has_channels else ""
        hint = ("" if has_channels else " If the images have colour channels, pass "
                "channel_axis (e.g. channel_axis=-1 for (H, W, C)).")
        raise ValueError(
            f"The images (shape {im1.shape}{spatial}) are smaller than the {win_size}-pixel "
            f"window along some axis; pass an odd `win_size` no larger than their smallest "
            f"side, or use larger images.{hint}")
    if data_range is None:
        if im1.dtype.kind == "f" or im2.dtype.kind == "f":
            raise ValueError(
                "`data_range` is required for float images: SSIM's constants depend on it "
                "and a float image's range cannot be told from its dtype. Pass e.g. "
                "data_range=1.0 for images in [0, 1] or data_range=255.0 for [0, 255].")
        if im1.dtype != im2.dtype:
            warnings.warn(
                f"`im1` is {im1.dtype} but `im2` is {im2.dtype}; data_range is set from "
                "im1's dtype. Pass data_range explicitly.", UserWarning, stacklevel=3)
        dmin, dmax = _dtype_range(im1.dtype)
        data_range = dmax - dmin
        if im1.dtype.kind in "iu" and im1.dtype != np.uint8:
            warnings.warn(
                f"data_range is set from im1's dtype {im1.dtype}: data_range = "
                f"{data_range:.0f}. Pass data_range explicitly to avoid mistakes (e.g. "
                "4095 for 12-bit images stored as uint16).", UserWarning, stacklevel=3)

    ndim = im1.ndim
    NP = win_size**ndim
    if options["use_sample_covariance"] and NP == 1:
        raise ValueError("A 1-pixel window has no sample covariance (N - 1 = 0); pass "
                         "use_sample_covariance=False or a larger `win_size` / `sigma`.")
    if gaussian_weights:
        def filter_func(x):
            return _gaussian_filter(x, sigma, _SSIM_TRUNCATE)
    else:
        def filter_func(x):
            return _uniform_filter(x, win_size)

    im1 = im1.astype(float_type, copy=False)
    im2 = im2.astype(float_type, copy=False)
    # Sample (N - 1) or population (N, as Wang et al.) covariance; the filters divide by N.
    cov_norm = NP / (NP - 1) if options["use_sample_covariance"] else 1.0

    ux = filter_func(im1)
    uy = filter_func(im2)
    uxx = filter_func(im1 * im1)
    uyy = filter_func(im2 * im2)
    uxy = filter_func(im1 * im2)
    vx = cov_norm * (uxx - ux * ux)
    vy = cov_norm * (uyy - uy * uy)
    vxy = cov_norm * (uxy - ux * uy)

    R = data_range
    C1 = (K1 * R) ** 2
    C2 = (K2 * R) ** 2
    A1, A2, B1, B2 = (2 * ux * uy + C1, 2 * vxy + C2, ux**2 + uy**2 + C1, vx + vy + C2)
    D = B1 * B2
    S = (A1 * A2) / D

    # Leave out the border the window overhangs; the mean is accumulated in float64.
    pad = (win_size - 1) // 2
    inner = tuple(slice(pad, n - pad) for n in S.shape)
    mssim = S[inner].mean(dtype=np.float64)

    grad = None
    if gradient:
        # Avanaki (2009), Eqs. 7-8, written as in skimage.
        grad = filter_func(A1 / D) * im1
        grad += filter_func(-S / B2) * im2
        grad += filter_func((ux * (A2 - A1) - uy * (B2 - B1) * S) / D)
        grad *= 2 / im1.size
    return mssim, grad, S
