"""Data for notebook 08: the sample photo, its degradations, and the "generated" digits."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image
from scipy.ndimage import gaussian_filter
from sklearn.datasets import load_sample_image

from lecturelib.datasets import (
    degradation_for_psnr,
    degrade_image,
    digit_training_images,
    generated_digits,
    load_digits_split,
    sample_photo,
)

PHOTO = sample_photo()
TRAIN_X, TRAIN_Y = digit_training_images()


def psnr(reference, image):
    mse = np.mean((np.asarray(reference) - np.asarray(image)) ** 2)
    return math.inf if mse == 0 else 10 * math.log10(1 / mse)


def row_set(images):
    return {row.tobytes() for row in np.asarray(images)}


# --- sample_photo ---------------------------------------------------------------------------

def test_photo_is_a_grey_crop_of_china_jpg_in_the_unit_range():
    assert PHOTO.shape == (128, 128) and PHOTO.dtype == np.float64
    assert PHOTO.min() == 0.0 and 0.99 < PHOTO.max() <= 1.0
    # PIL's own grey conversion uses the same BT.601 weights, rounded to whole levels.
    rgb = load_sample_image("china.jpg")
    grey = np.asarray(Image.fromarray(rgb).convert("L"), dtype=np.float64) / 255
    top, left = 110 - 64, 130 - 64
    crop = grey[top:top + 128, left:left + 128]
    assert np.max(np.abs(PHOTO - crop)) <= 0.51 / 255


def test_photo_has_the_documented_statistics_and_is_identical_every_time():
    assert round(float(PHOTO.mean()), 2) == 0.59 and round(float(PHOTO.std()), 2) == 0.30
    assert round(psnr(PHOTO, degrade_image(PHOTO, shift=1)), 1) == 20.3
    np.testing.assert_array_equal(sample_photo(), PHOTO)


@pytest.mark.parametrize("size", [16, 64, 300, 427])
def test_photo_sizes_stay_inside_the_photo(size):
    photo = sample_photo(size)
    assert photo.shape == (size, size) and 0 <= photo.min() and photo.max() <= 1
    # Every size shows the same centre pixel (row 110, column 130) when the crop fits.
    if size <= 220:
        assert photo[size // 2, size // 2] == PHOTO[64, 64]


@pytest.mark.parametrize("size", [15, 428, 128.0, True, "128", None])
def test_photo_rejects_bad_sizes(size):
    with pytest.raises(ValueError, match="`size`"):
        sample_photo(size)


# --- degrade_image --------------------------------------------------------------------------

def test_no_degradation_is_an_exact_copy():
    out = degrade_image(PHOTO)
    np.testing.assert_array_equal(out, PHOTO)
    assert out is not PHOTO
    np.testing.assert_array_equal(degrade_image(PHOTO, noise=0.0, blur=0.0, shift=0, seed=5),
                                  PHOTO)


def test_shift_moves_right_and_repeats_the_edge_column():
    image = np.linspace(0, 1, 12).reshape(3, 4)
    right = degrade_image(image, shift=2)
    np.testing.assert_array_equal(right[:, 2:], image[:, :2])
    np.testing.assert_array_equal(right[:, :2], image[:, [0, 0]])
    left = degrade_image(image, shift=-1)
    np.testing.assert_array_equal(left[:, :3], image[:, 1:])
    np.testing.assert_array_equal(left[:, 3], image[:, 3])


@pytest.mark.parametrize("sigma", [0.3, 1.0, 2.6, 7.5, 40.0])
def test_blur_is_scipys_gaussian_filter_with_mirrored_borders(sigma):
    expected = gaussian_filter(PHOTO, sigma, mode="reflect", truncate=4.0)
    np.testing.assert_allclose(degrade_image(PHOTO, blur=sigma), expected, rtol=0, atol=1e-12)


def test_blur_keeps_the_mean_and_smooths():
    blurred = degrade_image(PHOTO, blur=2.0)
    assert abs(blurred.mean() - PHOTO.mean()) < 0.01
    assert np.abs(np.diff(blurred, axis=1)).mean() < 0.5 * np.abs(np.diff(PHOTO, axis=1)).mean()


def test_noise_has_the_requested_spread_and_is_clipped():
    grey = np.full((100, 100), 0.5)
    noisy = degrade_image(grey, noise=0.05, seed=3)
    assert abs(noisy.std() - 0.05) < 0.002 and abs(noisy.mean() - 0.5) < 0.002
    strong = degrade_image(PHOTO, noise=0.5)
    assert strong.min() == 0.0 and strong.max() == 1.0
    # Clipping only removes error: it is below the noise's own spread.
    assert np.sqrt(np.mean((strong - PHOTO) ** 2)) < 0.5


def test_noise_is_deterministic_per_seed_and_only_scaled_by_its_strength():
    a = degrade_image(PHOTO, noise=0.1, seed=7)
    np.testing.assert_array_equal(a, degrade_image(PHOTO, noise=0.1, seed=7))
    assert not np.array_equal(a, degrade_image(PHOTO, noise=0.1, seed=8))
    grey = np.full((20, 20), 0.5)
    small, large = (degrade_image(grey, noise=s, seed=1) - 0.5 for s in (0.01, 0.02))
    np.testing.assert_allclose(large, 2 * small, atol=1e-15)


def test_steps_run_blur_then_shift_then_noise():
    expected = np.clip(
        np.roll(gaussian_filter(PHOTO, 1.5, mode="reflect"), 1, axis=1)
        + 0.1 * np.random.default_rng(4).standard_normal(PHOTO.shape), 0, 1)
    out = degrade_image(PHOTO, noise=0.1, blur=1.5, shift=1, seed=4)
    np.testing.assert_allclose(out[:, 1:], expected[:, 1:], atol=1e-12)


@pytest.mark.parametrize("kwargs, name", [
    ({"noise": -0.1}, "noise"), ({"noise": math.nan}, "noise"), ({"blur": -1}, "blur"),
    ({"blur": "2"}, "blur"), ({"shift": 128}, "shift"), ({"shift": -128}, "shift"),
    ({"shift": 1.0}, "shift"), ({"shift": True}, "shift"), ({"seed": -1}, "seed"),
])
def test_degrade_rejects_bad_settings(kwargs, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        degrade_image(PHOTO, **kwargs)


@pytest.mark.parametrize("image", [
    np.zeros((4, 4, 3)), np.zeros(5), np.zeros((1, 5)), np.full((4, 4), 1.5),
    np.full((4, 4), -0.1), np.full((4, 4), np.nan), "photo", [[0, 1], [1]],
])
def test_degrade_rejects_images_that_are_not_grey_in_the_unit_range(image):
    with pytest.raises(ValueError, match="`image`"):
        degrade_image(image)


# --- degradation_for_psnr -------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["noise", "blur"])
@pytest.mark.parametrize("target", [16.0, 20.3, 25.0, 35.0])
def test_degradation_hits_the_target_psnr(kind, target):
    strength = degradation_for_psnr(PHOTO, kind, target)
    assert strength > 0
    assert abs(psnr(PHOTO, degrade_image(PHOTO, **{kind: strength})) - target) <= 1e-4


def test_noise_blur_and_a_one_pixel_shift_at_equal_psnr():
    target = psnr(PHOTO, degrade_image(PHOTO, shift=1))
    std = degradation_for_psnr(PHOTO, "noise", target)
    sigma = degradation_for_psnr(PHOTO, "blur", target)
    assert (round(std, 3), round(sigma, 2)) == (0.101, 4.0)
    for image in (degrade_image(PHOTO, noise=std), degrade_image(PHOTO, blur=sigma)):
        assert f"{psnr(PHOTO, image):.3f}" == f"{target:.3f}"


def test_the_noise_search_uses_the_seed():
    target = 22.0
    for seed in (0, 9):
        std = degradation_for_psnr(PHOTO, "noise", target, seed=seed)
        assert abs(psnr(PHOTO, degrade_image(PHOTO, noise=std, seed=seed)) - target) <= 1e-4


def test_stronger_degradation_for_lower_psnr():
    for kind in ("noise", "blur"):
        values = [degradation_for_psnr(PHOTO, kind, t) for t in (30, 25, 20)]
        assert values == sorted(values)


def test_unreachable_targets_say_how_low_the_psnr_can_go():
    with pytest.raises(ValueError, match=r"`psnr`=8 dB is out of reach for blur.*10\.\d\d dB"):
        degradation_for_psnr(PHOTO, "blur", 8)
    with pytest.raises(ValueError, match="`psnr`=1 dB is out of reach for noise"):
        degradation_for_psnr(PHOTO, "noise", 1)
    with pytest.raises(ValueError, match="flat"):
        degradation_for_psnr(np.full((16, 16), 0.3), "blur", 30)


@pytest.mark.parametrize("kind, target, name", [
    ("shift", 20, "kind"), ("Noise", 20, "kind"), (None, 20, "kind"),
    ("noise", 0, "psnr"), ("noise", -5, "psnr"), ("noise", math.inf, "psnr"),
    ("noise", "20", "psnr"),
])
def test_degradation_for_psnr_rejects_bad_arguments(kind, target, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        degradation_for_psnr(PHOTO, kind, target)


# --- digit_training_images and generated_digits ---------------------------------------------

def test_training_images_are_load_digits_splits_train_part():
    data = load_digits_split()
    np.testing.assert_array_equal(TRAIN_X, data.X_train.numpy())
    np.testing.assert_array_equal(TRAIN_Y, data.y_train.numpy())
    assert TRAIN_X.shape == (1079, 64) and TRAIN_Y.dtype == np.int64
    # Callers get their own copy: changing it cannot change the next call's images.
    images, _ = digit_training_images()
    images[0, 0] += 1
    assert digit_training_images()[0][0, 0] == data.X_train[0, 0].item()


KINDS = ["real", "noise", "blur", "shift", "mode_collapse", "memorised"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_gives_n_images_in_the_unit_range_and_is_deterministic(kind):
    images, labels = generated_digits(kind, n=200, seed=3)
    assert images.shape == (200, 64) and images.dtype == np.float64
    assert labels.shape == (200,) and labels.dtype == np.int64
    assert images.min() >= 0 and images.max() <= 1 and set(labels) <= set(range(10))
    again = generated_digits(kind, n=200, seed=3)
    np.testing.assert_array_equal(again[0], images)
    np.testing.assert_array_equal(again[1], labels)
    assert not np.array_equal(generated_digits(kind, n=200, seed=4)[0], images)


def test_real_digits_are_held_out_and_distinct():
    images, labels = generated_digits("real", n=718)
    data = load_digits_split()
    held_out = np.concatenate([data.X_val.numpy(), data.X_test.numpy()])
    assert row_set(images) == row_set(held_out)
    assert not row_set(images) & row_set(TRAIN_X)
    assert np.bincount(labels).min() >= 70


def test_real_sets_nest_and_default_to_500():
    images, labels = generated_digits("real")
    assert images.shape == (500, 64)
    np.testing.assert_array_equal(generated_digits("real", n=50)[0], images[:50])


def test_corruptions_change_the_real_set_and_nothing_else():
    real, labels = generated_digits("real", seed=2)
    for kind, params in (("noise", {"std": 0.3}), ("blur", {"sigma": 0.8}),
                         ("shift", {"pixels": 1})):
        images, same = generated_digits(kind, seed=2, **params)
        np.testing.assert_array_equal(same, labels)
        assert not np.array_equal(images, real)
    for kind, params in (("noise", {"std": 0}), ("blur", {"sigma": 0.0}),
                         ("shift", {"pixels": 0}), ("mode_collapse", {"dropped": 0})):
        images, same = generated_digits(kind, seed=2, **params)
        np.testing.assert_array_equal(images, real)
        np.testing.assert_array_equal(same, labels)


def test_noise_blur_and_shift_do_what_they_say():
    real, _ = generated_digits("real", n=300)
    noisy, _ = generated_digits("noise", n=300, std=0.1)
    expected = np.clip(real + 0.1 * np.random.default_rng(
        np.random.SeedSequence(0).spawn(2)[1]).standard_normal(real.shape), 0, 1)
    np.testing.assert_allclose(noisy, expected, atol=1e-15)
    blurred, _ = generated_digits("blur", n=300, sigma=0.7)
    np.testing.assert_allclose(
        blurred.reshape(-1, 8, 8),
        gaussian_filter(real.reshape(-1, 8, 8), (0, 0.7, 0.7), mode="reflect"), atol=1e-12)
    shifted, _ = generated_digits("shift", n=300, pixels=2)
    real8, shifted8 = real.reshape(-1, 8, 8), shifted.reshape(-1, 8, 8)
    np.testing.assert_array_equal(shifted8[:, :, 2:], real8[:, :, :-2])
    np.testing.assert_array_equal(shifted8[:, :, :2], real8[:, :, [0, 0]])
    left, _ = generated_digits("shift", n=300, pixels=-1)
    np.testing.assert_array_equal(left.reshape(-1, 8, 8)[:, :, :-1], real8[:, :, 1:])


@pytest.mark.parametrize("dropped", range(10))
def test_mode_collapse_keeps_exactly_ten_minus_dropped_digits(dropped):
    images, labels = generated_digits("mode_collapse", dropped=dropped)
    assert len(labels) == 500
    assert np.unique(labels).tolist() == list(range(10 - dropped))
    held_out = row_set(generated_digits("real", n=718)[0])
    assert row_set(images) <= held_out
    # Each available image is used floor(n/m) or ceil(n/m) times.
    _, counts = np.unique(images, axis=0, return_counts=True)
    m = len(counts)
    assert counts.min() >= 500 // m and counts.max() <= -(-500 // m)
    if dropped <= 3:
        assert m == 500  # enough held-out digits: no repeats


def test_mode_collapse_default_drops_five_digits_and_repeats_images():
    images, labels = generated_digits("mode_collapse")
    assert np.unique(labels).tolist() == [0, 1, 2, 3, 4]
    assert len(row_set(images)) == 360  # all held-out 0-4s, 140 of them twice


def test_memorised_images_are_distinct_copies_of_training_images():
    images, labels = generated_digits("memorised", n=1079)
    assert row_set(images) == row_set(TRAIN_X)
    lookup = {row.tobytes(): y for row, y in zip(TRAIN_X, TRAIN_Y)}
    assert all(lookup[row.tobytes()] == y for row, y in zip(images, labels))
    small, _ = generated_digits("memorised", n=10, seed=1)
    assert len(row_set(small)) == 10 and row_set(small) <= row_set(TRAIN_X)


@pytest.mark.parametrize("call, name", [
    (lambda: generated_digits("gan"), "kind"),
    (lambda: generated_digits(None), "kind"),
    (lambda: generated_digits("noise", sigma=1.0), "sigma"),
    (lambda: generated_digits("real", std=0.1), "std"),
    (lambda: generated_digits("noise", std=-0.1), "std"),
    (lambda: generated_digits("blur", sigma=math.nan), "sigma"),
    (lambda: generated_digits("shift", pixels=8), "pixels"),
    (lambda: generated_digits("shift", pixels=0.5), "pixels"),
    (lambda: generated_digits("mode_collapse", dropped=10), "dropped"),
    (lambda: generated_digits("mode_collapse", dropped=2.0), "dropped"),
    (lambda: generated_digits("real", n=719), "n"),
    (lambda: generated_digits("memorised", n=1080), "n"),
    (lambda: generated_digits("real", n=0), "n"),
    (lambda: generated_digits("real", seed=1.5), "seed"),
])
def test_generated_digits_rejects_bad_arguments(call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call()


# --- properties on random images ------------------------------------------------------------

small_images = st.tuples(st.integers(2, 12), st.integers(2, 12)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.floats(0, 1)))


@settings(max_examples=40, deadline=None)
@given(small_images, st.floats(0.05, 20), st.integers(-1, 1))
def test_blur_and_shift_agree_with_scipy_on_any_image(image, sigma, shift):
    out = degrade_image(image, blur=sigma, shift=shift)
    expected = np.clip(gaussian_filter(image, sigma, mode="reflect", truncate=4.0), 0, 1)
    columns = np.clip(np.arange(image.shape[1]) - shift, 0, image.shape[1] - 1)
    np.testing.assert_allclose(out, expected[:, columns], atol=1e-12)
    assert 0 <= out.min() and out.max() <= 1


@settings(max_examples=25, deadline=None)
@given(small_images, st.floats(12, 45), st.integers(0, 3))
def test_noise_search_hits_any_reachable_target(image, target, seed):
    try:
        std = degradation_for_psnr(image, "noise", target, seed=seed)
    except ValueError as error:
        # Only a target below what saturating noise reaches may be refused.
        assert "out of reach" in str(error)
        assert psnr(image, degrade_image(image, noise=64.0, seed=seed)) > target
        return
    assert abs(psnr(image, degrade_image(image, noise=std, seed=seed)) - target) <= 1e-4
