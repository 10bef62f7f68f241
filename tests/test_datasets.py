"""Offline data sets: digits splits, the imbalanced 80:10:10 digits, synthetic regression/blobs."""

import dataclasses
import math

import numpy as np
import pytest
import torch
from sklearn.datasets import load_digits

from lecturelib.datasets import (
    DataSplit,
    imbalanced_digits,
    linear_regression_data,
    load_digits_split,
    two_blobs,
)

SPLITS = ("train", "val", "test")
DIGITS_X, DIGITS_Y = load_digits(return_X_y=True)
DIGIT_COUNTS = np.bincount(DIGITS_Y)  # [178 182 177 183 181 182 181 179 174 180]


def _total_counts(data):
    return sum(data.counts(split) for split in SPLITS)


def _rows(data, label=None):
    """All images of a DataSplit (optionally of one class), back on the 0..16 pixel scale."""
    parts = []
    for split in SPLITS:
        X, y = getattr(data, f"X_{split}"), getattr(data, f"y_{split}")
        if label is not None:
            X = X[y == label]
        parts.append(np.rint(X.numpy() * 16).astype(np.int64))
    return np.concatenate(parts)


def _sorted_rows(a):
    return a[np.lexsort(a.T[::-1])]


def assert_stratified(data):
    """Every split holds each class in the proportion of the whole set, within one sample."""
    total = _total_counts(data)
    n = total.sum()
    for split in SPLITS:
        counts = data.counts(split)
        expected = total * counts.sum() / n
        assert np.all(np.abs(counts - expected) <= 1), (split, counts, expected)


# --- load_digits_split ----------------------------------------------------------------------

def test_digits_split_shapes_dtypes_and_scale():
    data = load_digits_split()
    assert (len(data.y_train), len(data.y_val), len(data.y_test)) == (1079, 359, 359)
    for split in SPLITS:
        X, y = getattr(data, f"X_{split}"), getattr(data, f"y_{split}")
        assert X.dtype == torch.float64 and y.dtype == torch.int64
        assert X.shape == (len(y), 64)
        assert float(X.min()) >= 0.0 and float(X.max()) <= 1.0
    assert float(data.X_train.max()) == 1.0  # divided by 16, the largest pixel value
    assert data.n_features == 64 and data.n_classes == 10
    assert data.class_names == tuple("0123456789")


def test_digits_split_is_a_partition_of_the_bundled_digits():
    data = load_digits_split(seed=3)
    assert np.array_equal(_total_counts(data), DIGIT_COUNTS)
    assert np.array_equal(_sorted_rows(_rows(data)), _sorted_rows(DIGITS_X.astype(np.int64)))


@pytest.mark.parametrize("kwargs", [{}, {"seed": 7}, {"val_size": 0.1, "test_size": 0.3}])
def test_digits_split_is_stratified(kwargs):
    assert_stratified(load_digits_split(**kwargs))


def test_digits_split_sizes_follow_the_fractions():
    data = load_digits_split(val_size=0.1, test_size=0.3)
    assert (len(data.y_val), len(data.y_test)) == (round(0.1 * 1797), round(0.3 * 1797))
    assert len(data.y_train) == 1797 - 180 - 539


def test_digits_split_same_seed_same_tensors_other_seed_other_split():
    a, b, c = load_digits_split(seed=1), load_digits_split(seed=1), load_digits_split(seed=2)
    for field in ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test"):
        assert torch.equal(getattr(a, field), getattr(b, field))
    assert not torch.equal(a.X_train, c.X_train)


# --- imbalanced_digits ----------------------------------------------------------------------

def test_imbalanced_default_is_80_10_10_capped_at_the_available_digits():
    data = imbalanced_digits()
    n_other = 1797 - DIGIT_COUNTS[8] - DIGIT_COUNTS[9]
    assert n_other == 1443
    # round(1443 * 10 / 80) = 180 wanted; digit 8 has only 174.
    assert _total_counts(data).tolist() == [1443, 174, 180]
    assert data.class_names == ("other", "8", "9")
    assert data.n_classes == 3
    assert_stratified(data)


@pytest.mark.parametrize("ratio, minority, expected, capped", [
    ((90, 5, 5), (8, 9), [1443, 80, 80], False),     # round(1443 * 5 / 90) = 80
    ((9, 1), (3,), [1614, 179], False),              # round(1614 / 9) = 179 of 183 threes
    # 1437 * 20/70 = 411 and 1437 * 10/70 = 205 wanted; only 178 zeros and 182 ones exist.
    ((70, 20, 10), (0, 1), [1437, 178, 182], True),
])
def test_imbalanced_class_sizes_follow_ratio(ratio, minority, expected, capped):
    n_other = 1797 - DIGIT_COUNTS[list(minority)].sum()
    wanted = [n_other] + [
        min(math.floor(n_other * r / ratio[0] + 0.5), DIGIT_COUNTS[d])
        for r, d in zip(ratio[1:], minority)]
    if capped:
        with pytest.warns(UserWarning, match="ratio"):
            data = imbalanced_digits(ratio, minority_digits=minority)
    else:
        data = imbalanced_digits(ratio, minority_digits=minority)
    assert _total_counts(data).tolist() == wanted == expected
    assert data.class_names == ("other",) + tuple(str(d) for d in minority)
    assert_stratified(data)


def test_imbalanced_classes_hold_the_right_digits():
    data = imbalanced_digits((90, 5, 5), minority_digits=(8, 9))
    by_digit = {d: {row.tobytes() for row in DIGITS_X[DIGITS_Y == d].astype(np.int64)}
                for d in range(10)}
    for label, digit in ((1, 8), (2, 9)):
        rows = _rows(data, label)
        assert all(row.tobytes() in by_digit[digit] for row in rows)
    other = {row.tobytes() for row in _rows(data, 0)}
    assert other == set().union(*(by_digit[d] for d in range(8)))


def test_imbalanced_subsample_is_seeded():
    a, b = imbalanced_digits((90, 5, 5), seed=4), imbalanced_digits((90, 5, 5), seed=4)
    c = imbalanced_digits((90, 5, 5), seed=5)
    assert torch.equal(a.X_train, b.X_train) and torch.equal(a.y_test, b.y_test)
    eights = lambda d: {r.tobytes() for r in _rows(d, 1)}  # noqa: E731
    assert eights(a) != eights(c)  # a different sample of 80 eights, not just another split


def test_imbalanced_warns_when_the_ratio_cannot_be_met():
    with pytest.warns(UserWarning, match="only 183 exist"):
        data = imbalanced_digits((50, 50), minority_digits=(3,))
    assert _total_counts(data).tolist() == [1614, 183]


# --- DataSplit ------------------------------------------------------------------------------

def test_datasplit_counts_repr_and_frozen():
    data = imbalanced_digits()
    assert data.counts().tolist() == data.counts("train").tolist()
    assert data.counts("val").dtype.kind == "i"
    text = repr(data)
    assert "DataSplit(64 features, 3 classes)" in text
    for split in SPLITS:
        assert f"{len(getattr(data, f'y_{split}'))}" in text
    assert "other" in text
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.X_train = data.X_val


def test_datasplit_counts_rejects_unknown_split():
    with pytest.raises(ValueError, match="split"):
        load_digits_split().counts("validation")


def _small_split(**override):
    X = torch.zeros(4, 3)
    y = torch.tensor([0, 1, 0, 1])
    fields = dict(X_train=X, y_train=y, X_val=X, y_val=y, X_test=X, y_test=y,
                  class_names=("a", "b"))
    fields.update(override)
    return DataSplit(**fields)


def test_datasplit_accepts_a_hand_built_split():
    data = _small_split()
    assert data.n_features == 3 and data.n_classes == 2
    assert data.counts("test").tolist() == [2, 2]


@pytest.mark.parametrize("override, match", [
    ({"X_train": torch.zeros(4, 3, dtype=torch.float64)}, "X_val` is torch.float32 but `X_train"),
    ({"X_train": torch.zeros(4, 3, dtype=torch.int64)}, "X_train"),
    ({"X_test": torch.zeros(4, 3, dtype=torch.float16)}, "X_test"),
    ({"y_val": torch.tensor([0.0, 1.0, 0.0, 1.0])}, "y_val"),
    ({"y_test": torch.tensor([0, 1, 0])}, "y_test"),
    ({"X_val": torch.zeros(4, 5)}, "X_val"),
    ({"y_train": torch.tensor([0, 1, 2, 1])}, "class_names"),
    ({"class_names": ("only",)}, "class_names"),
])
def test_datasplit_rejects_inconsistent_fields(override, match):
    with pytest.raises(ValueError, match=match):
        _small_split(**override)


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({"val_size": 0}, "val_size"),
    ({"val_size": 1.0}, "val_size"),
    ({"val_size": -0.1}, "val_size"),
    ({"val_size": True}, "val_size"),
    ({"val_size": "0.2"}, "val_size"),
    ({"test_size": 1.2}, "test_size"),
    ({"test_size": float("nan")}, "test_size"),
    ({"val_size": 0.5, "test_size": 0.5}, "val_size` \\+ `test_size"),
    ({"val_size": 0.001}, "val_size"),
    ({"seed": -1}, "seed"),
    ({"seed": 1.5}, "seed"),
    ({"seed": 2**32}, "seed"),
    ({"seed": True}, "seed"),
])
def test_digits_split_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        load_digits_split(**kwargs)


@pytest.mark.parametrize("args, kwargs, match", [
    (((80, 10),), {}, "ratio"),
    (((80, 10, 10, 10),), {}, "ratio"),
    (((80, 10, 0),), {}, "ratio"),
    (((80, -10, 10),), {}, "ratio"),
    (((80, float("nan"), 10),), {}, "ratio"),
    ((80,), {}, "ratio"),
    (((100_000, 1, 1),), {}, "ratio"),  # 1443 / 100000 rounds to 0 images
    ((), {"minority_digits": (8, 8)}, "minority_digits"),
    ((), {"minority_digits": (8, 10)}, "minority_digits"),
    ((), {"minority_digits": ()}, "minority_digits"),
    ((), {"minority_digits": 8}, "minority_digits"),
    (((1,) * 11,), {"minority_digits": range(10)}, "minority_digits"),
    ((), {"test_size": 0}, "test_size"),
    ((), {"seed": "0"}, "seed"),
])
def test_imbalanced_rejects_bad_arguments(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        imbalanced_digits(*args, **kwargs)


# --- linear_regression_data ------------------------------------------------------------------

def test_linear_regression_data_shapes_order_and_range():
    x, y = linear_regression_data()
    assert x.shape == y.shape == (40,)
    assert x.dtype == y.dtype == np.float64
    assert np.all(np.diff(x) >= 0)
    assert 0.0 <= x.min() and x.max() <= 5.0


def test_linear_regression_data_without_noise_lies_on_the_line():
    x, y = linear_regression_data(25, slope=-3.0, intercept=0.5, noise=0.0, x_range=(-1, 1))
    assert np.allclose(y, -3.0 * x + 0.5)
    assert -1 <= x.min() and x.max() <= 1


def test_linear_regression_data_recovers_the_line_and_the_noise():
    x, y = linear_regression_data(4000, slope=2.0, intercept=1.0, noise=0.5, seed=3)
    slope, intercept = np.polyfit(x, y, 1)
    assert slope == pytest.approx(2.0, abs=0.05)
    assert intercept == pytest.approx(1.0, abs=0.1)
    assert np.std(y - (slope * x + intercept)) == pytest.approx(0.5, rel=0.05)


def test_linear_regression_data_is_seeded():
    a, b = linear_regression_data(seed=1), linear_regression_data(seed=1)
    c = linear_regression_data(seed=2)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[1], c[1])


@pytest.mark.parametrize("kwargs, match", [
    ({"n": 1}, "n"),
    ({"n": 10.0}, "n"),
    ({"noise": -1.0}, "noise"),
    ({"slope": float("nan")}, "slope"),
    ({"intercept": float("inf")}, "intercept"),
    ({"x_range": (5.0, 0.0)}, "x_range"),
    ({"x_range": (0.0, float("inf"))}, "x_range"),
    ({"x_range": 5.0}, "x_range"),
    ({"seed": -3}, "seed"),
])
def test_linear_regression_data_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        linear_regression_data(**kwargs)


# --- two_blobs ----------------------------------------------------------------------------

def test_two_blobs_shapes_balance_and_centres():
    X, y = two_blobs(2000, separation=4.0, seed=1)
    assert X.shape == (2000, 2) and X.dtype == np.float64
    assert y.dtype == np.int64 and np.bincount(y).tolist() == [1000, 1000]
    assert np.allclose(X[y == 0].mean(axis=0), [-2.0, 0.0], atol=0.1)
    assert np.allclose(X[y == 1].mean(axis=0), [2.0, 0.0], atol=0.1)
    assert np.allclose(X[y == 0].std(axis=0), 1.0, atol=0.1)
    # Shuffled, so a plot or a mini-batch of the first rows sees both classes.
    assert 0 < y[:20].sum() < 20


def test_two_blobs_odd_n_and_zero_separation():
    X, y = two_blobs(7, separation=0.0)
    assert np.bincount(y).tolist() == [4, 3]
    X, y = two_blobs(4000, separation=0.0, seed=2)
    assert np.allclose(X[y == 0].mean(axis=0), X[y == 1].mean(axis=0), atol=0.15)


def test_two_blobs_is_seeded():
    (a, ya), (b, yb), (c, _) = two_blobs(seed=3), two_blobs(seed=3), two_blobs(seed=4)
    assert np.array_equal(a, b) and np.array_equal(ya, yb)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("kwargs, match", [
    ({"n": 1}, "n"),
    ({"n": "200"}, "n"),
    ({"separation": -1.0}, "separation"),
    ({"separation": float("nan")}, "separation"),
    ({"seed": None}, "seed"),
])
def test_two_blobs_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        two_blobs(**kwargs)
