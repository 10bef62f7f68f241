"""lecturelib.generative.image equals scikit-image's PSNR, SSIM and MSE, and rejects bad input.

The NumPy uniform and Gaussian filters behind SSIM are compared with scipy.ndimage bit for
bit (scipy is a test dependency of the minimal environment too); the metrics with
scikit-image (ORACLES.md §6.4) to ``rtol=1e-12`` -- in practice they are equal to the last
bit, float32 images included. scikit-image is not installed in the minimal (Colab)
environment, so those tests skip there; the hand-computed cases and input checks run
everywhere.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import ndimage

from lecturelib.generative import image
from lecturelib.generative.image import (
    mean_squared_error,
    peak_signal_noise_ratio,
    structural_similarity,
)

FAST = settings(max_examples=60, deadline=None, database=None)
RTOL = 1e-12


def skimage_metrics():
    return pytest.importorskip("skimage.metrics")


def silently(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def assert_same(ours, theirs):
    """Equal values (to RTOL) and, for arrays, equal shapes and dtypes."""
    ours, theirs = (ours, theirs) if isinstance(ours, tuple) else ((ours,), (theirs,))
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        if isinstance(b, np.ndarray) and b.ndim:
            assert a.shape == b.shape and a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=1e-15)


# --- the filters: scipy.ndimage bit for bit -------------------------------------------

float_arrays = st.sampled_from([np.float64, np.float32]).flatmap(
    lambda dtype: hnp.arrays(
        dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9),
        elements=st.floats(-1e3, 1e3, width=32)))


@FAST
@given(x=float_arrays, size=st.integers(1, 12))
def test_uniform_filter_is_scipys_bit_for_bit(x, size):
    expected = ndimage.uniform_filter(x, size, mode="reflect")
    got = image._uniform_filter(x, size)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


@FAST
@given(x=float_arrays, sigma=st.floats(0, 4), truncate=st.sampled_from([3.5, 4.0]))
def test_gaussian_filter_is_scipys_bit_for_bit(x, sigma, truncate):
    expected = ndimage.gaussian_filter(x, sigma, mode="reflect", truncate=truncate)
    got = image._gaussian_filter(x, sigma, truncate)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_reflect_border_repeats_when_the_window_is_wider_than_the_line(n):
    x = np.arange(1.0, n + 1)
    for size in (7, 15):
        np.testing.assert_array_equal(image._uniform_filter(x, size),
                                      ndimage.uniform_filter(x, size, mode="reflect"))
    np.testing.assert_array_equal(image._gaussian_filter(x, 5.0, 3.5),
                                  ndimage.gaussian_filter(x, 5.0, mode="reflect", truncate=3.5))


# --- MSE and PSNR --------------------------------------------------------------------


def test_mse_hand_case_and_no_uint8_wraparound():
    assert mean_squared_error([[0, 0], [0, 0]], [[0, 2], [0, 0]]) == 1.0
    a = np.array([0, 255], dtype=np.uint8)
    assert mean_squared_error(a, a[::-1]) == 255.0**2


def test_psnr_hand_cases():
    x = np.full((4, 4), 100, dtype=np.uint8)
    assert peak_signal_noise_ratio(x, x + 5) == pytest.approx(10 * np.log10(255**2 / 25),
                                                              rel=1e-15)
    # Floats without data_range: R = 1 when image_true >= 0, R = 2 when it has negatives.
    t = np.array([0.0, 0.5, 1.0])
    assert peak_signal_noise_ratio(t, t + 0.1) == pytest.approx(20.0, rel=1e-12)
    assert peak_signal_noise_ratio(t - 0.5, t - 0.4) == pytest.approx(
        10 * np.log10(4 / 0.01), rel=1e-12)
    assert peak_signal_noise_ratio(t, t + 0.1, data_range=255) == pytest.approx(
        10 * np.log10(255**2 / 0.01), rel=1e-12)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.int8, np.float32, np.float64,
                                   bool])
def test_identical_images_give_infinite_psnr_silently(dtype):
    x = np.eye(4, dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert peak_signal_noise_ratio(x, x) == float("inf")


def test_psnr_default_range_comes_from_the_dtype():
    x = np.array([[10, 20], [30, 40]])
    y = x + 1  # MSE 1
    assert peak_signal_noise_ratio(x.astype(np.uint8), y.astype(np.uint8)) == pytest.approx(
        20 * np.log10(255))
    assert peak_signal_noise_ratio(x.astype(np.uint16), y.astype(np.uint16)) == pytest.approx(
        20 * np.log10(65535))
    # int8 with a negative value: max - min = 255.
    assert peak_signal_noise_ratio((x - 35).astype(np.int8),
                                   (y - 35).astype(np.int8)) == pytest.approx(20 * np.log10(255))


def test_psnr_float_outside_minus_one_one_needs_data_range():
    x = np.array([0.0, 128.0, 255.0])
    with pytest.raises(ValueError, match="image_true.*data_range"):
        peak_signal_noise_ratio(x, x + 1)
    assert peak_signal_noise_ratio(x, x + 1, data_range=255.0) == pytest.approx(
        20 * np.log10(255))


def test_psnr_mismatched_dtypes_warn_and_use_image_true():
    x = np.array([10, 20, 30], dtype=np.uint8)
    with pytest.warns(UserWarning, match="image_true"):
        value = peak_signal_noise_ratio(x, x.astype(np.float64) + 1)
    assert value == pytest.approx(20 * np.log10(255))


image_pairs_uint8 = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=8).flatmap(
    lambda shape: st.tuples(*[hnp.arrays(np.uint8, shape) for _ in range(2)]))


@FAST
@given(images=image_pairs_uint8, data_range=st.sampled_from([None, 255, 100.0]))
def test_psnr_and_mse_equal_skimage_uint8(images, data_range):
    skm = skimage_metrics()
    x, y = images
    assert mean_squared_error(x, y) == skm.mean_squared_error(x, y)
    expected = silently(skm.peak_signal_noise_ratio, x, y, data_range=data_range)
    assert peak_signal_noise_ratio(x, y, data_range=data_range) == expected


@FAST
@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=8),
       dtypes=st.sampled_from([(np.float64, np.float64), (np.float32, np.float32),
                               (np.float32, np.float64), (np.float16, np.float32),
                               (np.uint8, np.float64)]),
       negative=st.booleans(), seed=st.integers(0, 2**32 - 1))
def test_psnr_and_mse_equal_skimage_float(shape, dtypes, negative, seed):
    skm = skimage_metrics()
    rng = np.random.default_rng(seed)
    scale = 255 if dtypes[0] == np.uint8 else 1
    x = (rng.random(shape) * scale - (0.5 if negative and scale == 1 else 0)).astype(dtypes[0])
    y = (x + rng.normal(0, 0.05 * scale, shape)).astype(dtypes[1])
    assert mean_squared_error(x, y) == skm.mean_squared_error(x, y)
    assert_same(silently(peak_signal_noise_ratio, x, y),
                silently(skm.peak_signal_noise_ratio, x, y))


# --- SSIM ----------------------------------------------------------------------------


def test_ssim_identical_images_is_one_and_map_is_ones():
    x = np.arange(100, dtype=np.uint8).reshape(10, 10)
    value, ssim_map = structural_similarity(x, x, full=True)
    assert value == 1.0
    np.testing.assert_array_equal(ssim_map, np.ones((10, 10)))


def test_ssim_of_two_constant_images_is_the_luminance_term():
    # Zero variance everywhere: SSIM = (2 a b + C1) / (a² + b² + C1) at every pixel.
    a, b, r = 100.0, 110.0, 255.0
    c1 = (0.01 * r) ** 2
    expected = (2 * a * b + c1) / (a**2 + b**2 + c1)
    got = structural_similarity(np.full((9, 9), a), np.full((9, 9), b), data_range=r)
    assert got == pytest.approx(expected, rel=1e-12)


def test_ssim_cropped_mean_ignores_the_border():
    rng = np.random.default_rng(3)
    x = rng.random((12, 14))
    y = x + rng.normal(0, 0.1, x.shape)
    value, ssim_map = structural_similarity(x, y, data_range=1.0, full=True)
    assert value == pytest.approx(ssim_map[3:-3, 3:-3].mean(), rel=1e-15)
    value, ssim_map = structural_similarity(x, y, data_range=1.0, full=True,
                                            gaussian_weights=True)
    assert value == pytest.approx(ssim_map[5:-5, 5:-5].mean(), rel=1e-15)


def test_ssim_channel_axis_is_the_mean_over_channels():
    rng = np.random.default_rng(4)
    x = rng.integers(0, 256, (3, 11, 12)).astype(np.uint8)
    y = rng.integers(0, 256, (3, 11, 12)).astype(np.uint8)
    per_channel = [structural_similarity(x[c], y[c]) for c in range(3)]
    assert structural_similarity(x, y, channel_axis=0) == pytest.approx(np.mean(per_channel),
                                                                        rel=1e-15)
    moved = np.moveaxis(x, 0, -1), np.moveaxis(y, 0, -1)
    assert structural_similarity(*moved, channel_axis=-1) == structural_similarity(
        x, y, channel_axis=0)


def test_ssim_returns_value_gradient_and_map_in_skimage_order():
    rng = np.random.default_rng(5)
    x = rng.random((9, 9))
    y = rng.random((9, 9))
    value = structural_similarity(x, y, data_range=1.0)
    v, grad = structural_similarity(x, y, data_range=1.0, gradient=True)
    v2, grad2, ssim_map = structural_similarity(x, y, data_range=1.0, gradient=True,
                                                full=True)
    assert value == v == v2 and isinstance(value, float)
    np.testing.assert_array_equal(grad, grad2)
    assert grad.shape == ssim_map.shape == x.shape


@pytest.mark.parametrize("gaussian_weights", [False, True])
def test_ssim_gradient_is_the_derivative_of_the_uncropped_mean(gaussian_weights):
    # skimage's gradient (Avanaki 2009) differentiates the mean of the whole map, and is
    # exact with population covariances (with sample covariances it is ~2% off, as in
    # skimage, which the comparison with skimage below covers).
    rng = np.random.default_rng(6)
    x = rng.random((14, 15))
    y = rng.random((14, 15))
    kwargs = dict(data_range=1.0, use_sample_covariance=False,
                  gaussian_weights=gaussian_weights)
    _, grad = structural_similarity(x, y, gradient=True, **kwargs)
    h = 1e-6
    for idx in [(0, 0), (7, 5), (13, 14)]:
        bumped = [y.copy(), y.copy()]
        bumped[0][idx] += h
        bumped[1][idx] -= h
        full_mean = [structural_similarity(x, b, full=True, **kwargs)[1].mean()
                     for b in bumped]
        assert grad[idx] == pytest.approx((full_mean[0] - full_mean[1]) / (2 * h), rel=1e-5,
                                          abs=1e-10)


def test_ssim_wang_settings_use_an_11_pixel_gaussian():
    rng = np.random.default_rng(7)
    x = rng.random((11, 11))
    y = rng.random((11, 11))
    structural_similarity(x, y, data_range=1.0, gaussian_weights=True, sigma=1.5,
                          use_sample_covariance=False)
    with pytest.raises(ValueError, match="11-pixel window"):
        structural_similarity(x[:10], y[:10], data_range=1.0, gaussian_weights=True)


def test_ssim_other_integer_dtypes_warn_about_the_default_range():
    x = np.arange(100, dtype=np.uint16).reshape(10, 10)
    with pytest.warns(UserWarning, match="data_range = 65535"):
        structural_similarity(x, x[::-1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        structural_similarity(x, x[::-1], data_range=99)
        structural_similarity(x.astype(np.uint8), x[::-1].astype(np.uint8))


@st.composite
def ssim_cases(draw):
    """An image pair and structural_similarity's keyword arguments."""
    kind = draw(st.sampled_from(["uint8", "uint16", "int8", "float64", "float32", "mixed"]))
    gaussian = draw(st.booleans())
    sigma = draw(st.sampled_from([1.5, 1.0, 0.8])) if gaussian else 1.5
    win = 2 * int(3.5 * sigma + 0.5) + 1 if gaussian else 7
    win_size = draw(st.sampled_from([None, 3, 5])) if not gaussian or draw(st.booleans()) \
        else None
    need = win if win_size is None else win_size
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.integers(need, need + 6)) for _ in range(ndim))
    channel_axis = None
    if ndim >= 2 and draw(st.booleans()):
        channel_axis = draw(st.sampled_from([0, -1]))
        shape = list(shape)
        shape[channel_axis] = draw(st.integers(1, 3))
        shape = tuple(shape)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    if kind in ("uint8", "uint16", "int8"):
        info = np.iinfo(kind)
        top = min(info.max, 4095)
        x = rng.integers(info.min, top, shape, endpoint=True).astype(kind)
        noise = rng.normal(0, 0.1 * (top - info.min), shape)
        y = np.clip(x + noise, info.min, top).astype(kind)
        data_range = draw(st.sampled_from([None, 255, 4095.0]))
    else:
        x = rng.random(shape) * draw(st.sampled_from([1.0, 255.0]))
        y = x + rng.normal(0, 0.1 * x.max(), shape)
        dtypes = {"float64": (np.float64,) * 2, "float32": (np.float32,) * 2,
                  "mixed": (np.float32, np.float64)}[kind]
        x, y = x.astype(dtypes[0]), y.astype(dtypes[1])
        data_range = draw(st.sampled_from([1.0, 255, float(x.max() - x.min()) or 1.0]))
    kwargs = dict(win_size=win_size, data_range=data_range, channel_axis=channel_axis,
                  gaussian_weights=gaussian, gradient=draw(st.booleans()),
                  full=draw(st.booleans()),
                  use_sample_covariance=draw(st.booleans()))
    if gaussian:
        kwargs["sigma"] = sigma
    if draw(st.booleans()):
        kwargs.update(K1=draw(st.sampled_from([0.01, 0.05])),
                      K2=draw(st.sampled_from([0.03, 0.1])))
    return x, y, kwargs


@settings(max_examples=150, deadline=None, database=None)
@given(case=ssim_cases())
def test_ssim_equals_skimage(case):
    skm = skimage_metrics()
    x, y, kwargs = case
    expected = silently(skm.structural_similarity, x, y, **kwargs)
    assert_same(silently(structural_similarity, x, y, **kwargs), expected)


def test_ssim_equals_skimage_on_a_photo_sized_color_image():
    skm = skimage_metrics()
    rng = np.random.default_rng(8)
    x = rng.integers(0, 256, (64, 80, 3)).astype(np.uint8)
    y = np.clip(x + rng.normal(0, 25, x.shape), 0, 255).astype(np.uint8)
    for kwargs in ({}, {"gaussian_weights": True, "sigma": 1.5,
                        "use_sample_covariance": False}):
        assert_same(structural_similarity(x, y, channel_axis=-1, full=True, **kwargs),
                    skm.structural_similarity(x, y, channel_axis=-1, full=True, **kwargs))


def test_float32_images_compute_in_float32_like_skimage():
    skm = skimage_metrics()
    rng = np.random.default_rng(9)
    x = rng.random((16, 16)).astype(np.float32)
    y = (x + rng.normal(0, 0.1, x.shape)).astype(np.float32)
    value, ssim_map = structural_similarity(x, y, data_range=1.0, full=True)
    assert ssim_map.dtype == np.float32
    expected = skm.structural_similarity(x, y, data_range=1.0, full=True)
    assert value == expected[0]
    np.testing.assert_array_equal(ssim_map, expected[1])


# --- bad input -----------------------------------------------------------------------

X = np.zeros((8, 8))


@pytest.mark.parametrize("func", [mean_squared_error, peak_signal_noise_ratio,
                                  structural_similarity])
def test_images_of_different_shapes_are_rejected(func):
    with pytest.raises(ValueError, match=r"has shape \(8, 8\).*shape \(8, 9\)"):
        func(X, np.zeros((8, 9)))


@pytest.mark.parametrize("func", [mean_squared_error, peak_signal_noise_ratio,
                                  structural_similarity])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_and_inf_are_rejected(func, bad):
    y = X.copy()
    y[2, 3] = bad
    with pytest.raises(ValueError, match="NaN or infinity"):
        func(X, y)


@pytest.mark.parametrize("func", [mean_squared_error, peak_signal_noise_ratio,
                                  structural_similarity])
@pytest.mark.parametrize("bad", [np.zeros((0, 3)), 3.0, np.zeros(3, complex), ["a", "b"]])
def test_empty_scalar_and_non_real_images_are_rejected(func, bad):
    with pytest.raises(ValueError, match="`(image0|image_true|im1)`"):
        func(bad, bad)


@pytest.mark.parametrize("data_range", [0, -1.0, np.nan, np.inf, True, "255", [1.0]])
def test_bad_data_range_is_rejected(data_range):
    with pytest.raises(ValueError, match="`data_range`"):
        peak_signal_noise_ratio(X, X + 0.1, data_range=data_range)
    with pytest.raises(ValueError, match="`data_range`"):
        structural_similarity(X, X, data_range=data_range)


def test_ssim_of_float_images_needs_data_range():
    with pytest.raises(ValueError, match="`data_range` is required for float images"):
        structural_similarity(X, X)
    with pytest.raises(ValueError, match="`data_range` is required"):
        structural_similarity(X.astype(np.uint8), X)


@pytest.mark.parametrize("shape, kwargs", [
    ((6, 6), {}), ((10, 6), {}), ((7,), {"win_size": 9}), ((10, 10, 3), {}),
])
def test_images_smaller_than_the_window_are_rejected(shape, kwargs):
    with pytest.raises(ValueError, match="smaller than the .*window.*`win_size`"):
        structural_similarity(np.zeros(shape), np.zeros(shape), data_range=1.0, **kwargs)


def test_colour_images_hint_at_channel_axis():
    with pytest.raises(ValueError, match="channel_axis"):
        structural_similarity(np.zeros((10, 10, 3)), np.zeros((10, 10, 3)), data_range=1.0)
    structural_similarity(np.zeros((10, 10, 3)), np.zeros((10, 10, 3)), data_range=1.0,
                          channel_axis=-1)


@pytest.mark.parametrize("win_size", [4, 0, -3, 7.0, True])
def test_bad_win_size_is_rejected(win_size):
    with pytest.raises(ValueError, match="`win_size`"):
        structural_similarity(X, X, data_range=1.0, win_size=win_size)


@pytest.mark.parametrize("name", ["K1", "K2", "sigma"])
def test_negative_constants_are_rejected(name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        structural_similarity(X, X, data_range=1.0, **{name: -0.1})


def test_one_pixel_window_has_no_sample_covariance():
    with pytest.raises(ValueError, match="use_sample_covariance"):
        structural_similarity(X, X, data_range=1.0, win_size=1)
    assert structural_similarity(X, X, data_range=1.0, win_size=1,
                                 use_sample_covariance=False) == 1.0


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="k1"):
        structural_similarity(X, X, data_range=1.0, k1=0.1)


@pytest.mark.parametrize("channel_axis", [2, -3, 1.0, "last"])
def test_bad_channel_axis_is_rejected(channel_axis):
    with pytest.raises(ValueError, match="`channel_axis`"):
        structural_similarity(X, X, data_range=1.0, channel_axis=channel_axis)


def test_ssim_of_notebook_08s_shifted_photo_both_windows_equal_skimage():
    """Notebook 08 shows both: scikit-image's default 7x7 uniform window (0.741) and
    Wang et al.'s 11x11 Gaussian with population variances (0.725, torchmetrics' window)."""
    from lecturelib.datasets import degrade_image, sample_photo

    skm = skimage_metrics()
    photo = sample_photo()
    shifted = degrade_image(photo, shift=1)
    wang = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False)
    uniform = structural_similarity(photo, shifted, data_range=1.0)
    gaussian = structural_similarity(photo, shifted, data_range=1.0, **wang)
    assert uniform == skm.structural_similarity(photo, shifted, data_range=1.0)
    assert gaussian == skm.structural_similarity(photo, shifted, data_range=1.0, **wang)
    assert (round(uniform, 3), round(gaussian, 3)) == (0.741, 0.725)
