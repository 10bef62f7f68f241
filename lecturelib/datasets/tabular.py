"""Feature tables with labels, for training: the digits, their imbalanced subset, toy data.

- :class:`DataSplit`: a classification data set cut into training, validation and test
  parts, as PyTorch tensors; :data:`DEFAULT_DTYPE` and :func:`float_dtype` give the
  course's float precision (float64);
- :func:`load_digits_split`: scikit-learn's handwritten digits, scaled to [0, 1] and
  split with stratification;
- :func:`imbalanced_digits`: an imbalanced 3-class problem from the digits, the
  lecture's 80:10:10 example;
- :func:`linear_regression_data`: noisy points around a line, for gradient descent;
- :func:`two_blobs`: two Gaussian clouds in 2-D, the smallest classification task.
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._validation import check_positive_int, check_seed
from ._common import _check_real, _digits

if TYPE_CHECKING:
    import torch

__all__ = [
    "DEFAULT_DTYPE",
    "float_dtype",
    "DataSplit",
    "load_digits_split",
    "imbalanced_digits",
    "linear_regression_data",
    "two_blobs",
]


_SPLITS = ("train", "val", "test")

# The course's training precision. float32 results depend on the CPU's float code path
# in their last bits, and twenty epochs of training amplify those bits into visibly
# different numbers; in float64 the same runs agree far beyond the digits we print.
DEFAULT_DTYPE = "float64"
_FLOAT_DTYPES = ("float32", "float64")


def float_dtype(dtype):
    """The :class:`torch.dtype` for ``dtype``: ``torch.float32``/``torch.float64`` or their
    names ``'float32'``/``'float64'``; ``None`` means the course default (float64).

    Examples
    --------
    >>> float_dtype(None), float_dtype("float32")
    (torch.float64, torch.float32)
    """
    import torch

    if dtype is None:
        dtype = DEFAULT_DTYPE
    if isinstance(dtype, str) and dtype in _FLOAT_DTYPES:
        return getattr(torch, dtype)
    if dtype in (torch.float32, torch.float64):
        return dtype
    raise ValueError(
        f"`dtype` must be torch.float64 (the course default), torch.float32, or their "
        f"names 'float64'/'float32'; got {dtype!r}."
    )


@dataclass(frozen=True, eq=False)
class DataSplit:
    """A classification data set cut into training, validation and test parts.

    The three roles of the course: the model learns from ``train`` (the practice
    problems), we tune and stop early on ``val``, and ``test`` is the exam, looked at once.

    Attributes
    ----------
    X_train, X_val, X_test : Tensor of float64 or float32, shape (n_samples, n_features)
        All three of one dtype (float64 from the course's loaders).
    y_train, y_val, y_test : Tensor of int64, shape (n_samples,)
        Class indices in ``[0, n_classes)``.
    class_names : tuple of str
        Name of each class index, e.g. ``("other", "8", "9")``.

    Examples
    --------
    >>> data = load_digits_split()
    >>> data.n_features, data.n_classes, len(data.y_train)
    (64, 10, 1079)
    >>> int(data.counts("test").sum())
    359
    """

    X_train: torch.Tensor
    y_train: torch.Tensor
    X_val: torch.Tensor
    y_val: torch.Tensor
    X_test: torch.Tensor
    y_test: torch.Tensor
    class_names: tuple[str, ...]

    def __post_init__(self):
        import torch

        # Hand-built splits (e.g. in an exercise) get the same checks as ours, so a wrong
        # dtype fails here and not as a cryptic error deep inside a loss.
        names = tuple(str(c) for c in self.class_names)
        if len(names) < 2:
            raise ValueError(f"`class_names` must name at least two classes, got {names!r}.")
        object.__setattr__(self, "class_names", names)
        n_features = None
        for split in _SPLITS:
            X, y = getattr(self, f"X_{split}"), getattr(self, f"y_{split}")
            if (not isinstance(X, torch.Tensor) or X.dim() != 2
                    or X.dtype not in (torch.float32, torch.float64)):
                raise ValueError(
                    f"`X_{split}` must be a 2-D float64 (or float32) tensor (samples x "
                    "features); convert it with torch.as_tensor(X, dtype=torch.float64)."
                )
            if X.dtype != self.X_train.dtype:
                raise ValueError(
                    f"`X_{split}` is {X.dtype} but `X_train` is {self.X_train.dtype}; "
                    "give all three parts one dtype (e.g. .double() on each)."
                )
            if not isinstance(y, torch.Tensor) or y.dtype != torch.int64 or y.dim() != 1:
                raise ValueError(
                    f"`y_{split}` must be a 1-D int64 tensor of class indices; "
                    "convert it with torch.as_tensor(y, dtype=torch.int64)."
                )
            if len(X) != len(y) or len(y) == 0:
                raise ValueError(
                    f"`X_{split}` has {len(X)} rows and `y_{split}` {len(y)} labels; "
                    "they must match and not be empty."
                )
            if n_features is not None and X.shape[1] != n_features:
                raise ValueError(
                    f"`X_{split}` has {X.shape[1]} features but `X_train` has {n_features}."
                )
            n_features = X.shape[1]
            if int(y.min()) < 0 or int(y.max()) >= len(names):
                raise ValueError(
                    f"`y_{split}` holds labels outside [0, {len(names) - 1}]; "
                    "`class_names` must name every class index."
                )

    @property
    def n_features(self) -> int:
        """Number of input features (64 for the 8x8 digits)."""
        return int(self.X_train.shape[1])

    @property
    def dtype(self):
        """The float dtype of the inputs (``torch.float64`` from the course's loaders)."""
        return self.X_train.dtype

    @property
    def n_classes(self) -> int:
        """Number of classes, ``len(class_names)``."""
        return len(self.class_names)

    def counts(self, split: str = "train") -> np.ndarray:
        """Number of samples of each class in ``split`` ('train', 'val' or 'test')."""
        if split not in _SPLITS:
            raise ValueError(f"`split` must be one of {_SPLITS}, got {split!r}.")
        y = getattr(self, f"y_{split}")
        return np.bincount(y.numpy(), minlength=self.n_classes)

    def __repr__(self) -> str:
        width = max(6, *(len(c) + 1 for c in self.class_names))
        header = "".join(f"{c:>{width}}" for c in (*self.class_names, "total"))
        lines = [f"DataSplit({self.n_features} features, {self.n_classes} classes)",
                 f"{'':<6}{header}"]
        for split in _SPLITS:
            counts = self.counts(split)
            row = "".join(f"{c:>{width}}" for c in (*counts.tolist(), int(counts.sum())))
            lines.append(f"{split:<6}{row}")
        return "\n".join(lines)


def _check_fraction(value, name):
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or not 0 < value < 1):
        raise ValueError(
            f"`{name}` must be a fraction strictly between 0 and 1 (e.g. 0.2), got {value!r}."
        )
    return float(value)


def _stratified_split(X, y, class_names, *, val_size, test_size, seed, dtype):
    """Cut (X, y) into train/val/test with the class proportions of y in every part."""
    # PyTorch and scikit-learn are imported here, not at the top: the person masks need
    # only NumPy, and importing PyTorch takes seconds.
    import torch
    from sklearn.model_selection import train_test_split

    dtype = float_dtype(dtype)
    val_size = _check_fraction(val_size, "val_size")
    test_size = _check_fraction(test_size, "test_size")
    if val_size + test_size >= 1:
        raise ValueError(
            f"`val_size` + `test_size` = {val_size + test_size:g} leaves nothing to train "
            "on; their sum must be below 1 (e.g. 0.2 and 0.2)."
        )
    n, n_classes = len(y), len(class_names)
    # Absolute sizes (rather than fractions) make the second split exact: a fraction of
    # what remains after the test set would round differently from val_size * n.
    n_test, n_val = round(test_size * n), round(val_size * n)
    for name, size in (("test_size", n_test), ("val_size", n_val),
                       ("val_size` + `test_size", n - n_test - n_val)):
        if size < n_classes:
            raise ValueError(
                f"`{name}` leaves {size} of {n} samples for one part, fewer than the "
                f"{n_classes} classes, so some class could not appear in it; "
                "use a less extreme size."
            )
    index = np.arange(n)
    rest, test = train_test_split(index, test_size=n_test, random_state=seed, stratify=y)
    train, val = train_test_split(rest, test_size=n_val, random_state=seed, stratify=y[rest])
    parts = {}
    for split, idx in (("train", train), ("val", val), ("test", test)):
        # Sorting keeps the original order inside each part; the split is what is random.
        idx = np.sort(idx)
        missing = np.setdiff1d(np.arange(n_classes), y[idx])
        if missing.size:
            raise ValueError(
                f"The {split} part has no sample of class {class_names[missing[0]]!r}: that "
                "class is too small for these sizes. Use larger `val_size`/`test_size` or "
                "give the class more samples."
            )
        parts[f"X_{split}"] = torch.as_tensor(X[idx], dtype=dtype)
        parts[f"y_{split}"] = torch.as_tensor(y[idx], dtype=torch.int64)
    return DataSplit(**parts, class_names=tuple(class_names))


def load_digits_split(*, val_size=0.2, test_size=0.2, seed=0, dtype=None) -> DataSplit:
    """The handwritten digits, scaled to [0, 1] and split into train/validation/test.

    1,797 grey-scale images of 8x8 pixels, flattened to 64 features and divided by 16
    (the largest pixel value), ten roughly balanced classes "0" to "9". The split is
    stratified: every part has the class proportions of the whole set (within one image).

    Parameters
    ----------
    val_size, test_size : float, default 0.2
        Fractions of all images in the validation and test parts, each in (0, 1) with
        sum below 1. Sizes are rounded to whole images; the rest is for training.
    seed : int, default 0
        Seed of the split; the same seed gives the same tensors.
    dtype : torch.dtype or str, optional
        Dtype of the inputs: float64 (default, the course's precision) or float32.

    Returns
    -------
    DataSplit

    Examples
    --------
    >>> data = load_digits_split()
    >>> data.X_train.shape, data.X_train.dtype, data.y_train.dtype
    (torch.Size([1079, 64]), torch.float64, torch.int64)
    >>> float(data.X_train.max())
    1.0

    References
    ----------
    E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine
    Learning Repository (1998); bundled as :func:`sklearn.datasets.load_digits`.
    """
    seed = check_seed(seed)
    X, y = _digits()
    names = tuple(str(d) for d in range(10))
    return _stratified_split(X, y, names, val_size=val_size, test_size=test_size, seed=seed,
                             dtype=dtype)


def _check_minority_digits(minority_digits):
    try:
        digits = tuple(minority_digits)
    except TypeError:
        digits = None
    if (not digits or len(digits) > 9
            or not all(isinstance(d, numbers.Integral) and not isinstance(d, bool)
                       and 0 <= d <= 9 for d in digits)
            or len(set(digits)) != len(digits)):
        raise ValueError(
            "`minority_digits` must be 1 to 9 distinct digits from 0 to 9, e.g. (8, 9); "
            f"got {minority_digits!r}."
        )
    return tuple(int(d) for d in digits)


def _check_ratio(ratio, n_expected):
    try:
        values = tuple(ratio)
    except TypeError:
        values = None
    if values is None or len(values) != n_expected:
        raise ValueError(
            f"`ratio` must have {n_expected} entries, one for 'other' and one per minority "
            f"digit (len(minority_digits) + 1), e.g. (80, 10, 10); got {ratio!r}."
        )
    if not all(isinstance(r, numbers.Real) and not isinstance(r, bool)
               and math.isfinite(r) and r > 0 for r in values):
        raise ValueError(f"`ratio` entries must be positive finite numbers, got {ratio!r}.")
    return tuple(float(r) for r in values)


def imbalanced_digits(ratio=(80, 10, 10), *, minority_digits=(8, 9), val_size=0.2,
                      test_size=0.2, seed=0, dtype=None) -> DataSplit:
    r"""An imbalanced 3-class problem from the digits: the lecture's 80:10:10 example.

    The lecture's classes are "None / Offensive / Hate" at 80:10:10; here they are
    "other digit" and two rare digits. Class 0 ("other") holds every digit not in
    ``minority_digits``; class :math:`i \geq 1` holds digit ``minority_digits[i-1]``,
    randomly subsampled (seeded) to

    .. math:: n_i = \mathrm{round}\!\left(n_0 \, \frac{\mathrm{ratio}_i}{\mathrm{ratio}_0}
ight)

    images, but never more than the data set has (about 180 per digit). With the
    default digits, (80, 10, 10) gives 1443 : 174 : 180 (both rare digits capped) and
    (90, 5, 5) gives 1443 : 80 : 80. The split is stratified like
    :func:`load_digits_split`.

    Parameters
    ----------
    ratio : sequence of positive float, default (80, 10, 10)
        Relative class sizes, 'other' first; ``len(minority_digits) + 1`` entries.
    minority_digits : sequence of int, default (8, 9)
        The rare digits, in class order.
    val_size, test_size : float, default 0.2
        Fractions of the selected images in the validation and test parts.
    seed : int, default 0
        Seeds both the subsampling and the split.
    dtype : torch.dtype or str, optional
        Dtype of the inputs: float64 (default) or float32.

    Returns
    -------
    DataSplit
        With ``class_names = ("other", "8", "9")`` for the defaults.

    Warns
    -----
    UserWarning
        If a minority class gets fewer than 95% of the images ``ratio`` asks for because
        the digit has no more (e.g. ``ratio=(50, 50)``): the data then does not follow
        ``ratio``. Check ``DataSplit.counts()``.

    Examples
    --------
    >>> data = imbalanced_digits((90, 5, 5))
    >>> data.class_names
    ('other', '8', '9')
    >>> [int(c) for c in data.counts("train") + data.counts("val") + data.counts("test")]
    [1443, 80, 80]
    """
    seed = check_seed(seed)
    minority = _check_minority_digits(minority_digits)
    ratio = _check_ratio(ratio, len(minority) + 1)
    X, digit = _digits()
    majority = np.flatnonzero(~np.isin(digit, minority))
    n_major = majority.size
    rng = np.random.default_rng(seed)
    chosen, labels = [majority], [np.zeros(n_major, dtype=np.int64)]
    for label, d in enumerate(minority, start=1):
        available = np.flatnonzero(digit == d)
        wanted = math.floor(n_major * ratio[label] / ratio[0] + 0.5)  # round half up
        n_take = min(wanted, available.size)
        if n_take < 3:
            raise ValueError(
                f"`ratio` gives digit {d} only {n_take} image(s) ({n_major} x "
                f"{ratio[label]:g}/{ratio[0]:g}); each class needs at least 3 to appear in "
                "train, validation and test. Use a less extreme ratio."
            )
        if n_take < 0.95 * wanted:
            warnings.warn(
                f"`ratio` asks for {wanted} images of digit {d} but only {available.size} "
                "exist; using all of them, so the classes do not follow `ratio`.",
                UserWarning, stacklevel=2,
            )
        chosen.append(np.sort(rng.choice(available, size=n_take, replace=False)))
        labels.append(np.full(n_take, label, dtype=np.int64))
    index, y = np.concatenate(chosen), np.concatenate(labels)
    order = np.argsort(index, kind="stable")  # back to the data set's own order
    names = ("other",) + tuple(str(d) for d in minority)
    return _stratified_split(X[index[order]], y[order], names, val_size=val_size,
                             test_size=test_size, seed=seed, dtype=dtype)


def linear_regression_data(n=40, *, slope=2.0, intercept=1.0, noise=1.0,
                           x_range=(0.0, 5.0), seed=0):
    r"""Noisy points around a line, for gradient descent on linear regression.

    .. math:: y = a x + b + \varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, \sigma^2)

    with slope :math:`a`, intercept :math:`b` and noise :math:`\sigma`; x is uniform on
    ``x_range``. The lecture's model is :math:`\hat y = a x + b`.

    Parameters
    ----------
    n : int, default 40
        Number of points (at least 2: a line needs two).
    slope, intercept : float, default 2.0 and 1.0
        The true line.
    noise : float, default 1.0
        Standard deviation of the Gaussian noise, ``>= 0``; 0 puts the points on the line.
    x_range : (float, float), default (0.0, 5.0)
        Interval ``(low, high)`` of x, with ``low < high``.
    seed : int, default 0

    Returns
    -------
    x, y : ndarray of float64, shape (n,)
        ``x`` sorted ascending, which makes line plots of fits read left to right.

    Examples
    --------
    >>> x, y = linear_regression_data(5, noise=0.0)
    >>> bool(np.allclose(y, 2.0 * x + 1.0)), bool(np.all(np.diff(x) >= 0))
    (True, True)
    """
    n = check_positive_int(n, "n", minimum=2)
    slope = _check_real(slope, "slope")
    intercept = _check_real(intercept, "intercept")
    noise = _check_real(noise, "noise", minimum=0)
    seed = check_seed(seed)
    try:
        low, high = (float(v) for v in x_range)
    except (TypeError, ValueError):
        low = high = math.nan
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(
            f"`x_range` must be two finite numbers (low, high) with low < high, got {x_range!r}."
        )
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(low, high, size=n))
    y = slope * x + intercept + noise * rng.standard_normal(n)
    return x, y


def two_blobs(n=200, *, separation=2.0, seed=0):
    """Two round Gaussian clouds in 2-D, one per class: the smallest classification task.

    Class 0 is centred at ``(-separation / 2, 0)`` and class 1 at ``(+separation / 2, 0)``,
    each with unit variance in both directions, so the first feature alone separates
    them as well as any line can. Useful for 1-D/2-D pictures, e.g. accuracy as a function
    of one weight (a staircase: flat almost everywhere).

    Parameters
    ----------
    n : int, default 200
        Number of points, at least 2; ``n // 2`` per class (class 0 gets the odd one).
    separation : float, default 2.0
        Distance between the centres in standard deviations, ``>= 0``; 0 makes the
        classes indistinguishable.
    seed : int, default 0

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
    y : ndarray of int64, shape (n,)
        Labels 0 and 1, in shuffled order.

    Examples
    --------
    >>> X, y = two_blobs(10)
    >>> X.shape, np.bincount(y).tolist()
    ((10, 2), [5, 5])
    """
    n = check_positive_int(n, "n", minimum=2)
    separation = _check_real(separation, "separation", minimum=0)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    n1 = n // 2
    y = np.concatenate([np.zeros(n - n1, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    centres = np.where(y[:, None] == 1, separation / 2, -separation / 2) * np.array([1.0, 0.0])
    X = centres + rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return X[order], y[order]
