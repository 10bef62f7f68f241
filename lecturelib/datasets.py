"""Offline data for the course: everything is generated here or ships with a package.

Nothing in this module downloads anything; generated data uses fixed geometry or a fixed
seed, so every run gives the same arrays. The digits come with scikit-learn
(:func:`sklearn.datasets.load_digits`, 1,797 images of 8x8 pixels), small enough to train
on in a second on a laptop CPU.

Training data is float64 by default (PyTorch's default is float32): see
:mod:`lecturelib.training` for why the course trains in double precision.
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._validation import check_positive_int, check_seed
from .detection import box_iou

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
    "person_segmentation_example",
    "score_distributions",
    "coco_scenes",
    "detector_output",
    "soft_person_segmentation",
    "caption_image_similarities",
    "multi_caption_similarities",
    "sample_photo",
    "degrade_image",
    "degradation_for_psnr",
    "digit_training_images",
    "generated_digits",
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


def _digits():
    from sklearn.datasets import load_digits

    # Ships inside scikit-learn: no download. Pixels are integers 0..16.
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y.astype(np.int64)


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


def _check_real(value, name, *, minimum=None):
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or (minimum is not None and value < minimum)):
        bound = "" if minimum is None else f" >= {minimum:g}"
        raise ValueError(f"`{name}` must be a finite number{bound}, got {value!r}.")
    return float(value)


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


def score_distributions(n_positive, n_negative, *, separation=1.0, seed=0):
    r"""Scores of a classifier under the binormal model: one Gaussian per class.

    .. math::
        s \mid \text{negative} \sim \mathcal{N}(0, 1), \qquad
        s \mid \text{positive} \sim \mathcal{N}(d, 1)

    with :math:`d` = ``separation``, the distance between the class means in standard
    deviations (d' of signal detection theory). Under this model the area under the ROC
    curve is :math:`P(S_+ > S_-) = \Phi(d / \sqrt{2})`: 0.5 at :math:`d = 0`, 0.76 at
    :math:`d = 1`, 0.998 at :math:`d = 4`. How many positives there are (the prevalence)
    is set by the counts alone and does not change the two distributions.

    Parameters
    ----------
    n_positive, n_negative : int
        Number of samples of each class, at least 1 each (a ROC or PR curve needs both).
    separation : float, default 1.0
        Mean score of the positives, finite. 0 makes the classes indistinguishable;
        a negative value makes positives score *lower* (AUC below 0.5).
    seed : int, default 0
        The same seed gives the same arrays. Positives and negatives come from separate
        random streams, and the positives' noise does not depend on ``separation``:
        changing ``separation`` only shifts the positives, and adding samples of one
        class keeps the earlier ones (the first ``k`` positives drawn are the same for
        every ``n_positive >= k``; only their shuffled positions change). A slider over these parameters moves the data smoothly
        instead of redrawing it.

    Returns
    -------
    y_true : ndarray of int64, shape (n_positive + n_negative,)
        Labels, 1 for positive and 0 for negative, in shuffled order.
    y_score : ndarray of float64, same shape
        The scores, in the same order.

    Examples
    --------
    >>> y_true, y_score = score_distributions(3, 5, separation=2.0)
    >>> y_true.shape, y_score.dtype, int(y_true.sum())
    ((8,), dtype('float64'), 3)

    References
    ----------
    D. M. Green and J. A. Swets, *Signal Detection Theory and Psychophysics*, Wiley (1966).
    J. A. Hanley, "The robustness of the 'binormal' assumptions used in fitting ROC
    curves", Medical Decision Making 8 (1988).
    """
    n_positive = check_positive_int(n_positive, "n_positive")
    n_negative = check_positive_int(n_negative, "n_negative")
    separation = _check_real(separation, "separation")
    seed = check_seed(seed)
    # One child stream per role (SeedSequence.spawn gives independent streams), so the
    # negatives do not depend on n_positive, nor the positives on n_negative.
    negative_rng, positive_rng, shuffle_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(3))
    y_score = np.concatenate([negative_rng.standard_normal(n_negative),
                              separation + positive_rng.standard_normal(n_positive)])
    y_true = np.concatenate([np.zeros(n_negative, dtype=np.int64),
                             np.ones(n_positive, dtype=np.int64)])
    # Shuffled so that code relying on input order (e.g. a stable sort among tied
    # scores) sees no class blocks.
    order = shuffle_rng.permutation(y_true.size)
    return y_true[order], y_score[order]


# --- Synthetic object detection (COCO format) -----------------------------------------------

# COCO's area ranges (pycocotools Params.areaRng): small < 32², medium < 96², large above.
# We sample areas well inside each range so that rounding a box to 0.01 pixel never moves
# it into the neighbouring range (pycocotools counts both ends of a range as inside).
_SIZE_RANGES = {"small": (8.0**2, 30.0**2), "medium": (34.0**2, 90.0**2),
                "large": (100.0**2, 400.0**2)}
# Share of small, medium and large objects in COCO ("approximately 41% of objects are
# small, 34% are medium, and 24% are large", cocodataset.org, detection evaluation).
_SIZE_MIX = (0.41, 0.34, 0.25)
_EMPTY_IMAGE_FRACTION = 0.15
_MEAN_EXTRA_OBJECTS = 2.5      # a non-empty image holds 1 + Poisson(2.5) objects ...
_MAX_OBJECTS_PER_IMAGE = 12    # ... at most 12
# A false positive is resampled while it overlaps a true box of its category this much,
# so it stays false at every COCO IoU threshold (0.5 to 0.95).
_FALSE_POSITIVE_MAX_IOU = 0.3


def _check_unit_interval(value, name):
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or not 0 <= value <= 1):
        raise ValueError(f"`{name}` must be a number in [0, 1], got {value!r}.")
    return float(value)


def _check_categories(categories):
    names = None if isinstance(categories, str) else categories
    try:
        names = tuple(names)
    except TypeError:
        names = None
    if (not names or not all(isinstance(c, str) and c for c in names)
            or len(set(names)) != len(names)):
        raise ValueError(
            "`categories` must be a non-empty sequence of distinct non-empty names, e.g. "
            f"('person', 'car', 'dog'); got {categories!r}."
        )
    return names


def _check_image_size(image_size):
    try:
        width, height = image_size
    except (TypeError, ValueError):
        width = height = None
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) and v >= 160
               for v in (width, height)):
        raise ValueError(
            "`image_size` must be two integers (width, height), each >= 160 so that a large "
            f"COCO object (area > 96²) fits; got {image_size!r}."
        )
    return int(width), int(height)


def _hundredths_down(value):
    """``value`` rounded down to 0.01: COCO files commonly store boxes to two decimals."""
    return math.floor(value * 100) / 100


def _inside(start, extent, limit):
    """``start, extent`` with ``start + extent <= limit`` also in floating point: 0.01-pixel
    decimals are not exact binary fractions, and their sum may exceed the limit by 1 ulp."""
    while start + extent > limit:
        extent = round(extent - 0.01, 2)
    return start, extent


def _random_box(rng, size_range, width, height):
    """A random [x, y, w, h] of area log-uniform in ``size_range``, inside the image."""
    low, high = _SIZE_RANGES[size_range]
    # Half the image at most: a box the size of the image is not an object any more.
    high = min(high, 0.5 * width * height)
    low = min(low, high)
    area = math.exp(rng.uniform(math.log(low), math.log(high)))
    aspect = math.exp(rng.uniform(math.log(0.5), math.log(2.0)))  # w / h in [1/2, 2]
    w = min(math.sqrt(area * aspect), width)
    h = area / w
    if h > height:  # too tall for the image: keep the area, change the shape
        h = height
        w = min(area / h, width)
    w, h = _hundredths_down(w), _hundredths_down(h)
    x, w = _inside(_hundredths_down(rng.uniform(0, width - w)), w, width)
    y, h = _inside(_hundredths_down(rng.uniform(0, height - h)), h, height)
    return [x, y, w, h]


def _stratified_size_ranges(rng, n):
    """``n`` size-range names in COCO's proportions, each range at least once if n >= 3."""
    names = list(_SIZE_RANGES)
    counts = [math.floor(share * n) for share in _SIZE_MIX]
    # Largest remainder: the counts add up to n and follow the shares as closely as they can.
    remainders = [share * n - c for share, c in zip(_SIZE_MIX, counts)]
    for i in sorted(range(3), key=lambda i: -remainders[i])[:n - sum(counts)]:
        counts[i] += 1
    if n >= 3:
        for i in range(3):
            if counts[i] == 0:
                counts[int(np.argmax(counts))] -= 1
                counts[i] += 1
    labels = [name for name, c in zip(names, counts) for _ in range(c)]
    return [labels[i] for i in rng.permutation(n)]


def coco_scenes(n_images=20, *, categories=("person", "car", "dog"), crowd_fraction=0.05,
                image_size=(640, 480), seed=0):
    """Ground-truth boxes of a small synthetic detection data set, in COCO format.

    No pixels, only annotations: what an evaluator such as pycocotools reads. The scenes
    follow COCO's statistics where they matter for the metrics:

    - **Objects per image.** About 15% of the images (``round(0.15 * n_images)``, at
      least one when ``n_images >= 2``) hold no object; every other image holds
      ``1 + Poisson(2.5)`` objects, at most 12, so about 3.5 on average.
    - **Sizes.** The objects are split between COCO's area ranges in COCO's proportions,
      41% small (area < 32²), 34% medium (< 96²) and 25% large, by largest remainder;
      with 3 or more objects each range gets at least one. Within its range an area is
      log-uniform (8² to 30², 34² to 90², 100² to the smaller of 400² and half the image),
      well away from the range boundaries, and the aspect ratio w/h is log-uniform in
      [1/2, 2].
    - **Categories.** Category ``k`` (counting from 0) is drawn with probability
      proportional to ``1 / (k + 1)``: the first is the most common, as "person" is in
      COCO. With the default three: 55%, 27%, 18%.
    - **Crowd regions.** ``round(crowd_fraction * n_annotations)`` annotations are marked
      ``iscrowd=1``, taken from the medium and large boxes first (a crowd is a group of
      objects). COCO ignores detections matched to a crowd region.

    Every box lies inside its image (``0 <= x``, ``x + w <= width``, same for y), with
    coordinates rounded down to 0.01 pixel and ``area = w * h``.

    Parameters
    ----------
    n_images : int, default 20
        Number of images, at least 1.
    categories : sequence of str, default ("person", "car", "dog")
        Category names; their ids are 1, 2, ... in this order.
    crowd_fraction : float, default 0.05
        Fraction of annotations that are crowd regions, in [0, 1].
    image_size : (int, int), default (640, 480)
        Width and height of every image in pixels, each at least 160.
    seed : int, default 0
        The same seed gives the same dict.

    Returns
    -------
    dict
        ``{"images": [{"id", "width", "height"}], "annotations": [{"id", "image_id",
        "category_id", "bbox": [x, y, w, h], "area", "iscrowd"}], "categories": [{"id",
        "name"}]}``, plain Python ints, floats and lists (``json.dumps`` works). All ids
        start at 1; annotations are ordered by image.

    Examples
    --------
    >>> gt = coco_scenes(5)
    >>> len(gt["images"]), gt["categories"][0]
    (5, {'id': 1, 'name': 'person'})
    >>> sorted(gt["annotations"][0])
    ['area', 'bbox', 'category_id', 'id', 'image_id', 'iscrowd']
    """
    n_images = check_positive_int(n_images, "n_images")
    names = _check_categories(categories)
    crowd_fraction = _check_unit_interval(crowd_fraction, "crowd_fraction")
    width, height = _check_image_size(image_size)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)

    n_empty = round(_EMPTY_IMAGE_FRACTION * n_images)
    if n_images >= 2:
        n_empty = max(n_empty, 1)  # the evaluator's empty-image case always appears
    empty = set(rng.choice(n_images, size=n_empty, replace=False).tolist())
    counts = [0 if i in empty else
              min(1 + int(rng.poisson(_MEAN_EXTRA_OBJECTS)), _MAX_OBJECTS_PER_IMAGE)
              for i in range(n_images)]
    n_boxes = sum(counts)
    sizes = _stratified_size_ranges(rng, n_boxes)
    weights = 1.0 / np.arange(1, len(names) + 1)
    category_ids = rng.choice(len(names), size=n_boxes, p=weights / weights.sum()) + 1

    annotations = []
    for image_index, count in enumerate(counts):
        for _ in range(count):
            k = len(annotations)
            x, y, w, h = _random_box(rng, sizes[k], width, height)
            annotations.append({
                "id": k + 1, "image_id": image_index + 1,
                "category_id": int(category_ids[k]), "bbox": [x, y, w, h],
                "area": w * h, "iscrowd": 0,
            })
    n_crowd = round(crowd_fraction * n_boxes)
    big = [k for k in rng.permutation(n_boxes).tolist() if sizes[k] != "small"]
    small = [k for k in rng.permutation(n_boxes).tolist() if sizes[k] == "small"]
    for k in (big + small)[:n_crowd]:
        annotations[k]["iscrowd"] = 1
    return {
        "images": [{"id": i + 1, "width": width, "height": height} for i in range(n_images)],
        "annotations": annotations,
        "categories": [{"id": i + 1, "name": name} for i, name in enumerate(names)],
    }


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_finite(value):
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(value))


def _check_coco_ground_truth(ground_truth):
    """The images (id -> (width, height)), annotations and category ids of a COCO dict."""
    def fail(what):
        raise ValueError(f"`ground_truth` {what}; pass a COCO-format dict such as "
                         "coco_scenes() returns.")

    if not isinstance(ground_truth, dict):
        fail(f"must be a dict, got {type(ground_truth).__name__}")
    for key in ("images", "annotations", "categories"):
        if not isinstance(ground_truth.get(key), (list, tuple)):
            fail(f"must hold a list under {key!r}")
    images = {}
    for image in ground_truth["images"]:
        if (not isinstance(image, dict) or not _is_int(image.get("id"))
                or not all(_is_finite(image.get(k)) and image[k] >= 1
                           for k in ("width", "height"))):
            fail(f"has an image without an integer 'id' and a 'width' and 'height' of at "
                 f"least 1 pixel: {image!r}")
        if image["id"] in images:
            fail(f"has two images with id {image['id']}")
        images[image["id"]] = (float(image["width"]), float(image["height"]))
    category_ids = []
    for category in ground_truth["categories"]:
        if not isinstance(category, dict) or not _is_int(category.get("id")):
            fail(f"has a category without an integer 'id': {category!r}")
        category_ids.append(category["id"])
    if not category_ids or len(set(category_ids)) != len(category_ids):
        fail("must list at least one category, each id once")
    annotations = []
    for ann in ground_truth["annotations"]:
        if not isinstance(ann, dict):
            fail(f"has an annotation that is not a dict: {ann!r}")
        if ann.get("image_id") not in images:
            fail(f"has an annotation with image_id {ann.get('image_id')!r}, which is not "
                 "the id of any entry in 'images'")
        if ann.get("category_id") not in category_ids:
            fail(f"has an annotation with category_id {ann.get('category_id')!r}, which is "
                 "not the id of any entry in 'categories'")
        bbox = ann.get("bbox")
        if (not isinstance(bbox, (list, tuple)) or len(bbox) != 4
                or not all(_is_finite(v) for v in bbox) or bbox[2] < 0 or bbox[3] < 0):
            fail(f"has an annotation whose 'bbox' is not [x, y, w, h] with finite numbers "
                 f"and w, h >= 0: {bbox!r}")
        # pycocotools treats a missing 'iscrowd' as 0, and so do we.
        if ann.get("iscrowd", 0) not in (0, 1):
            fail(f"has an annotation with 'iscrowd' {ann.get('iscrowd')!r}; use 0 or 1")
        annotations.append(ann)
    return images, annotations, category_ids


def _clipped_box(cx, cy, w, h, width, height):
    """Box of centre (cx, cy) and size (w, h), clipped to the image, at least one pixel wide
    and high, as [x, y, w, h] rounded to 0.01 pixel."""
    box = []
    for centre, size, limit in ((cx, w, width), (cy, h, height)):
        low = min(max(centre - size / 2, 0.0), limit)
        high = min(max(centre + size / 2, 0.0), limit)
        if high - low < 1.0:
            # Jittered (nearly) off the image: a detector still outputs a real box.
            low = min(max(centre - 0.5, 0.0), limit - 1.0)
            high = low + 1.0
        # Rounded to the nearest 0.01 (not down), so that a zero jitter gives back the
        # true box exactly despite the detour through centre and size.
        start = round(float(low), 2)
        box.extend(_inside(start, round(float(high) - start, 2), limit))
    x, w, y, h = box
    return [x, y, w, h]


def _detection_score(u, quality, true):
    # Uniform scores on two overlapping intervals: true detections on [q/2, 1), false
    # ones on [0, 1 - q/2). q = 0 gives both the same distribution; q = 1 separates them.
    return quality / 2 + (1 - quality / 2) * u if true else (1 - quality / 2) * u


def detector_output(ground_truth, *, localisation_error=0.1, score_quality=0.8,
                    miss_rate=0.1, false_positives_per_image=1.0, duplicate_rate=0.05,
                    seed=0):
    r"""Detections of a simulated detector on ``ground_truth``, in COCO result format.

    How the detector behaves, per image of ``ground_truth``:

    - **Hits and misses.** Each ground-truth box that is not a crowd region is detected
      with probability ``1 - miss_rate``, with its own category. Crowd regions get no
      detection of their own (random false positives may still land on them).
    - **Localisation.** A detection is its true box jittered relative to the box's size:
      the centre moves by :math:`\mathcal{N}(0, (\sigma w)^2)` and
      :math:`\mathcal{N}(0, (\sigma h)^2)`, the width and height are multiplied by
      :math:`e^{\mathcal{N}(0, \sigma^2)}`, with :math:`\sigma` = ``localisation_error``.
      At 0.1 the median IoU with the true box is about 0.73 and 2% fall below COCO's
      0.5; at 0.3 the median is about 0.4, and most detections count as false positives
      although the object was found.
    - **Duplicates.** With probability ``duplicate_rate`` a detected object gets a second,
      looser box (jitter :math:`2\sigma`). Matching lets one box per object be a true
      positive, so the duplicate is a false positive and is scored like one.
    - **False positives.** ``Poisson(false_positives_per_image)`` random boxes per image
      (empty images included), of a random category, sizes in COCO's small/medium/large
      mix as in :func:`coco_scenes`. Such a box never overlaps a true box of its category
      with IoU 0.3 or more, so it is false at every COCO IoU threshold.
    - **Scores.** With :math:`q` = ``score_quality`` and :math:`u \sim U(0, 1)`, a
      detection of an object scores :math:`q/2 + (1 - q/2)u` and a duplicate or false
      positive :math:`(1 - q/2)u`. So :math:`q = 0` makes the score unrelated to
      correctness and :math:`q = 1` puts every object's detection (in [0.5, 1)) above
      every false one (in [0, 0.5)). The probability that an object's detection outscores
      a false one (the ROC AUC between them) is
      :math:`1 - \tfrac{1}{2}\left(\frac{1 - q}{1 - q/2}\right)^2`: 0.5, 0.78, 0.94, 1
      for q = 0, 0.5, 0.8, 1. The score rewards *finding* an object, not placing the box
      well, as a detector's classification score does.

    Boxes are clipped to the image and at least one pixel wide and high, coordinates
    rounded to 0.01 pixel. The list is ordered by image, then by decreasing score.

    Parameters
    ----------
    ground_truth : dict
        COCO-format ground truth, e.g. from :func:`coco_scenes`. Only ``images`` (id,
        width, height), ``categories`` (id) and ``annotations`` (image_id, category_id,
        bbox, iscrowd; a missing iscrowd means 0) are read.
    localisation_error : float, default 0.1
        Relative jitter :math:`\sigma` of the boxes, ``>= 0``; 0 reproduces the true boxes.
    score_quality : float, default 0.8
        How well scores separate true from false detections, in [0, 1].
    miss_rate : float, default 0.1
        Probability that an object is not detected, in [0, 1].
    false_positives_per_image : float, default 1.0
        Mean number of random false boxes per image, ``>= 0``.
    duplicate_rate : float, default 0.05
        Probability that a detected object is detected twice, in [0, 1].
    seed : int, default 0
        The same seed gives the same list. Misses, jitter, scores and false positives use
        separate random streams with one draw per object whatever the parameters, so
        changing one parameter moves the output smoothly: a higher ``miss_rate`` drops
        detections from the same list, ``score_quality`` moves the same scores.

    Returns
    -------
    list of dict
        ``[{"image_id", "category_id", "bbox": [x, y, w, h], "score"}]``, plain Python
        ints, floats and lists (``json.dumps`` works), as pycocotools' ``loadRes`` reads.

    Raises
    ------
    ValueError
        If ``ground_truth`` is not a COCO dict (an annotation naming an image or category
        id that is not listed, a malformed box, ...) or a parameter is out of range.

    Examples
    --------
    >>> gt = coco_scenes(3)
    >>> detections = detector_output(gt, miss_rate=0.0, false_positives_per_image=0.0,
    ...                              duplicate_rate=0.0)
    >>> len(detections) == sum(1 - a["iscrowd"] for a in gt["annotations"])
    True
    >>> sorted(detections[0])
    ['bbox', 'category_id', 'image_id', 'score']
    """
    images, annotations, category_ids = _check_coco_ground_truth(ground_truth)
    sigma = _check_real(localisation_error, "localisation_error", minimum=0)
    quality = _check_unit_interval(score_quality, "score_quality")
    miss_rate = _check_unit_interval(miss_rate, "miss_rate")
    fp_rate = _check_real(false_positives_per_image, "false_positives_per_image", minimum=0)
    duplicate_rate = _check_unit_interval(duplicate_rate, "duplicate_rate")
    seed = check_seed(seed)
    detect_rng, jitter_rng, score_rng, false_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(4))
    n = len(annotations)
    # All draws are made up front, one set per annotation, crowd or not: see `seed`.
    detect_u, duplicate_u = detect_rng.random(n), detect_rng.random(n)
    jitter = jitter_rng.standard_normal((n, 2, 4))
    score_u = score_rng.random((n, 2))

    by_image = {image_id: [] for image_id in images}
    for k, ann in enumerate(annotations):
        if ann.get("iscrowd", 0) or detect_u[k] < miss_rate:
            continue
        width, height = images[ann["image_id"]]
        x, y, w, h = (float(v) for v in ann["bbox"])
        copies = [(sigma, True)]
        if duplicate_u[k] < duplicate_rate:
            copies.append((2 * sigma, False))
        for copy, (spread, true) in enumerate(copies):
            dx, dy, dw, dh = jitter[k, copy] * spread
            box = _clipped_box(x + w / 2 + dx * w, y + h / 2 + dy * h, w * math.exp(dw),
                               h * math.exp(dh), width, height)
            by_image[ann["image_id"]].append({
                "image_id": ann["image_id"], "category_id": ann["category_id"],
                "bbox": box, "score": float(_detection_score(score_u[k, copy], quality, true)),
            })

    true_boxes = {}
    for ann in annotations:
        if not ann.get("iscrowd", 0):
            key = (ann["image_id"], ann["category_id"])
            true_boxes.setdefault(key, []).append([float(v) for v in ann["bbox"]])
    sizes = list(_SIZE_RANGES)
    for image_id, (width, height) in images.items():
        for _ in range(int(false_rng.poisson(fp_rate))):
            category = category_ids[int(false_rng.integers(len(category_ids)))]
            score = float(_detection_score(false_rng.random(), quality, False))
            truths = true_boxes.get((image_id, category), [])
            for _attempt in range(100):
                size = sizes[int(false_rng.choice(3, p=_SIZE_MIX))]
                box = _random_box(false_rng, size, width, height)
                if (not truths or box_iou([box], truths, box_format="xywh").max()
                        < _FALSE_POSITIVE_MAX_IOU):
                    by_image[image_id].append({"image_id": image_id, "category_id": category,
                                               "bbox": box, "score": score})
                    break
            # After 100 failed attempts (an image packed with boxes of this category) the
            # false positive is dropped rather than break the promise above.

    detections = []
    for image_id in images:
        detections.extend(sorted(by_image[image_id], key=lambda d: -d["score"]))
    return detections


# --- A soft (probabilistic) segmentation ----------------------------------------------------

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


# --- Text-image retrieval -------------------------------------------------------------------

_EMBEDDING_DIM = 64
_PAIRS_PER_TOPIC = 10
_TOPIC_SHARE = 0.5


def _unit_rows(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def caption_image_similarities(n_pairs=50, *, quality=0.35, seed=0):
    r"""Cosine similarities between captions and images from a simulated embedding model.

    A CLIP-like model maps a caption and an image to unit vectors whose cosine similarity
    says how well they match; retrieval ranks the images by that similarity. Here pair i
    (caption i describes image i) has a *meaning*, a random unit vector :math:`c_i` in 64
    dimensions, and both of its embeddings mix that meaning with their own noise:

    .. math::
        t_i = \frac{\sqrt{q}\, c_i + \sqrt{1 - q}\, \varepsilon_i}{\lVert\cdot\rVert},
        \qquad v_j = \frac{\sqrt{q}\, c_j + \sqrt{1 - q}\, \eta_j}{\lVert\cdot\rVert},
        \qquad S_{ij} = t_i \cdot v_j

    with :math:`q` = ``quality`` and :math:`\varepsilon_i, \eta_j` random unit vectors.
    The pairs come in topics of about ten (think "dogs", "food", "beaches"): the meanings
    of two pairs of one topic have cosine about 1/2, so their images are the hard
    negatives. On average a matching caption and image have similarity :math:`\approx q`,
    two of the same topic :math:`\approx q / 2`, others :math:`\approx 0`, each give or
    take about 0.1.

    With the defaults (50 pairs, quality 0.35, seed 0), text-to-image retrieval (rank each
    row, relevant = the diagonal) gives recall@1 = 0.48, recall@5 = 0.78, recall@10 = 0.92
    and image-to-text (the columns) 0.44, 0.86, 0.98. Over seeds 0-49 both directions
    average about 0.50, 0.88 and 0.97 (standard deviations 0.07, 0.05, 0.03). The
    quality sets how often the match ranks first; mean text-to-image recall@1 over seeds
    0-49 (50 pairs):

    =========  ====  ====  ====  ====  ====  ====  ====  ====  ====
    quality    0     0.1   0.2   0.3   0.35  0.4   0.5   0.6   1
    recall@1   0.02  0.08  0.19  0.39  0.50  0.63  0.85  0.97  1
    =========  ====  ====  ====  ====  ====  ====  ====  ====  ====


    Parameters
    ----------
    n_pairs : int, default 50
        Number of caption-image pairs, at least 2: the size of the gallery each caption
        is ranked against.
    quality : float in [0, 1], default 0.35
        The model's quality: the share of each embedding that carries the pair's meaning.
        0 gives random similarities (recall@1 about 1 / n_pairs); 1 gives identical
        embeddings for a caption and its image (similarity 1, always ranked first).
    seed : int, default 0
        The same seed gives the same matrix. The meanings, topics and noise do not depend
        on ``quality``, so changing it moves the similarities smoothly.

    Returns
    -------
    ndarray of float64, shape (n_pairs, n_pairs)
        ``S[i, j]`` is the cosine similarity of caption i and image j, in [-1, 1]; the
        matching pairs are on the diagonal. Relevance labels: ``np.eye(n_pairs)``.

    Examples
    --------
    >>> from lecturelib.ranking import recall_at_k
    >>> S = caption_image_similarities()
    >>> S.shape, bool(np.all(np.abs(S) <= 1))
    ((50, 50), True)
    >>> relevant = np.eye(50)
    >>> [recall_at_k(relevant, S, k) for k in (1, 5, 10)]     # text -> image
    [0.48, 0.78, 0.92]
    >>> [recall_at_k(relevant, S.T, k) for k in (1, 5, 10)]   # image -> text
    [0.44, 0.86, 0.98]

    References
    ----------
    A. Radford et al., "Learning transferable visual models from natural language
    supervision" (CLIP), ICML (2021).
    """
    n_pairs = check_positive_int(n_pairs, "n_pairs", minimum=2)
    quality = _check_unit_interval(quality, "quality")
    seed = check_seed(seed)
    # One stream per role, so that no draw depends on `quality`.
    topic_rng, assign_rng, meaning_rng, caption_rng, image_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5))
    n_topics = max(1, n_pairs // _PAIRS_PER_TOPIC)
    topics = _unit_rows(topic_rng.standard_normal((n_topics, _EMBEDDING_DIM)))
    topic_of = assign_rng.integers(0, n_topics, size=n_pairs)
    own = _unit_rows(meaning_rng.standard_normal((n_pairs, _EMBEDDING_DIM)))
    meaning = _unit_rows(np.sqrt(_TOPIC_SHARE) * topics[topic_of]
                         + np.sqrt(1 - _TOPIC_SHARE) * own)

    def embed(rng):
        noise = _unit_rows(rng.standard_normal((n_pairs, _EMBEDDING_DIM)))
        return _unit_rows(np.sqrt(quality) * meaning + np.sqrt(1 - quality) * noise)

    captions, images = embed(caption_rng), embed(image_rng)
    # Rounding can put a cosine a hair outside [-1, 1].
    return np.clip(captions @ images.T, -1.0, 1.0)


# --- Images and "generated" digits, for evaluating generative models -----------------------

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


# The digits' fixed training split: the train part of load_digits_split() (its defaults,
# val_size = test_size = 0.2, seed 0). Everything else (its val and test parts) is
# "held out": the pool that generated_digits draws from, never used for training.
_DIGITS_SPLIT_SEED = 0
_DIGITS_HELD_OUT_FRACTION = 0.2  # for each of validation and test


_DIGIT_PARTS = []  # filled once by _digit_parts()


def _digit_parts():
    """(X, y, train_index, held_out_index) of the digits, the indices sorted; cached."""
    if _DIGIT_PARTS:
        return _DIGIT_PARTS[0]
    from sklearn.model_selection import train_test_split

    X, y = _digits()
    n = len(y)
    # The same two calls as _stratified_split, so the split is load_digits_split()'s.
    n_part = round(_DIGITS_HELD_OUT_FRACTION * n)
    index = np.arange(n)
    rest, test = train_test_split(index, test_size=n_part, random_state=_DIGITS_SPLIT_SEED,
                                  stratify=y)
    train, val = train_test_split(rest, test_size=n_part, random_state=_DIGITS_SPLIT_SEED,
                                  stratify=y[rest])
    parts = (X, y, np.sort(train), np.sort(np.concatenate([val, test])))
    for array in parts:
        array.flags.writeable = False  # shared by every call: nobody may change it
    _DIGIT_PARTS.append(parts)
    return parts


def digit_training_images():
    """The fixed training split of the digits that the generative-model examples share.

    These 1,079 images are the ``train`` part of :func:`load_digits_split` with its
    defaults (stratified, seed 0), as NumPy arrays: the feature network and the caption
    model of :mod:`lecturelib.generative.features` learn from them, and
    ``generated_digits(kind="memorised")`` copies them. The other 718 images (that
    split's validation and test parts) are held out: ``generated_digits`` draws its
    real and corrupted sets from those.

    Returns
    -------
    images : ndarray of float64, shape (1079, 64)
        Pixels divided by 16, in [0, 1]; ``images[i].reshape(8, 8)`` is the picture.
    labels : ndarray of int64, shape (1079,)
        The digit 0-9 of each image (about 108 of each).

    Examples
    --------
    >>> images, labels = digit_training_images()
    >>> images.shape, labels.shape, float(images.max())
    ((1079, 64), (1079,), 1.0)
    """
    X, y, train, _ = _digit_parts()
    return X[train], y[train]


# Each kind's parameters and their defaults.
_GENERATED_KINDS = {
    "real": {},
    "noise": {"std": 0.2},
    "blur": {"sigma": 0.7},
    "shift": {"pixels": 1},
    "mode_collapse": {"dropped": 5},
    "memorised": {},
}


def _check_generated_params(kind, params):
    if not isinstance(kind, str) or kind not in _GENERATED_KINDS:
        raise ValueError(f"`kind` must be one of {tuple(_GENERATED_KINDS)}, got {kind!r}.")
    allowed = _GENERATED_KINDS[kind]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        takes = (f"only the parameter `{next(iter(allowed))}`" if allowed
                 else "no parameters")
        raise ValueError(
            f"generated_digits(kind={kind!r}) takes {takes}; got unexpected "
            f"`{unknown[0]}`."
        )
    values = {**allowed, **params}
    if kind == "noise":
        values["std"] = _check_real(values["std"], "std", minimum=0)
    elif kind == "blur":
        values["sigma"] = _check_real(values["sigma"], "sigma", minimum=0)
    elif kind == "shift":
        values["pixels"] = _check_shift(values["pixels"], 8, "pixels")
    elif kind == "mode_collapse":
        dropped = values["dropped"]
        if (isinstance(dropped, bool) or not isinstance(dropped, numbers.Integral)
                or not 0 <= dropped <= 9):
            raise ValueError(
                "`dropped` (how many of the 10 digits the generator never produces) must "
                f"be an integer from 0 to 9, got {dropped!r}."
            )
        values["dropped"] = int(dropped)
    return values


def _draw(rng, pool, n):
    """n indices from pool: without replacement when the pool is large enough, else every
    index ⌊n/m⌋ or ⌈n/m⌉ times (whole shuffled rounds, then part of one)."""
    rounds = [rng.permutation(pool) for _ in range(-(-n // len(pool)))]
    return np.concatenate(rounds)[:n]


def generated_digits(kind, *, n=500, seed=0, **params):
    r"""A stand-in for a generative model's output: digits with a controlled defect.

    Real generators are slow to train; these sets are made from scikit-learn's digits
    with one known defect each, so a metric can be checked against the truth: a good
    metric should rank them as the defect says. Every kind except ``'memorised'`` draws
    ``n`` of the 718 *held-out* digits (those outside :func:`digit_training_images`) in
    random order; the corrupting kinds then change those very images, so with one
    ``seed`` and ``n`` they are the ``'real'`` set plus the defect alone.

    ===============  ==============================  ===========================================
    kind             parameter (default)             what the "generator" does
    ===============  ==============================  ===========================================
    'real'           --                              held-out real digits: a perfect generator
    'noise'          ``std`` (0.2)                   adds Gaussian noise of std ``std`` to each
                                                     pixel, then clips to [0, 1]
    'blur'           ``sigma`` (0.7)                 Gaussian blur of std ``sigma`` pixels on
                                                     the 8 x 8 image (mirrored borders)
    'shift'          ``pixels`` (1)                  moves each digit ``pixels`` to the right
                                                     (left if negative), repeating the edge
                                                     column (almost always background, 0)
    'mode_collapse'  ``dropped`` (5)                 never draws the digits ``10 - dropped``
                                                     to 9: all ``n`` images are real digits 0
                                                     to ``9 - dropped``, in their natural
                                                     proportions
    'memorised'      --                              exact copies of ``n`` distinct training
                                                     images: perfect-looking, but no new digit
    ===============  ==============================  ===========================================

    With ``'mode_collapse'``, when the kept digits have fewer than ``n`` held-out images
    (about 72 per digit) the images repeat, each ⌊n/m⌋ or ⌈n/m⌉ times for m
    available, as a collapsed generator repeats itself.

    Parameters
    ----------
    kind : {'real', 'noise', 'blur', 'shift', 'mode_collapse', 'memorised'}
    n : int, default 500
        Number of images: at most 718 (the held-out digits), or 1,079 for
        ``'memorised'`` (the training images); any number for ``'mode_collapse'``.
    seed : int, default 0
        Seeds which images are drawn and the noise; the same arguments give the same
        arrays. Which images are drawn does not depend on ``std``, ``sigma`` or
        ``pixels``, so one seed compares strengths on the same digits.
    **params
        The kind's one parameter, as in the table (0 gives the real set back).

    Returns
    -------
    images : ndarray of float64, shape (n, 64)
        Pixels in [0, 1] (the digits' 0-16 divided by 16); ``images[i].reshape(8, 8)``.
    labels : ndarray of int64, shape (n,)
        The digit each image shows (for ``'shift'``, ``'noise'`` and ``'blur'`` the digit
        it was made from).

    Examples
    --------
    >>> real, labels = generated_digits("real")
    >>> real.shape, labels.dtype
    ((500, 64), dtype('int64'))
    >>> collapsed, labels = generated_digits("mode_collapse", dropped=3)
    >>> np.unique(labels).tolist()
    [0, 1, 2, 3, 4, 5, 6]
    >>> noisy, _ = generated_digits("noise", std=0.1)
    >>> bool(np.all((0 <= noisy) & (noisy <= 1)))
    True
    """
    values = _check_generated_params(kind, params)
    n = check_positive_int(n, "n")
    seed = check_seed(seed)
    X, y, train, held_out = _digit_parts()
    # Separate streams: which images are drawn does not depend on the noise.
    choice_rng, noise_rng = (np.random.default_rng(child)
                             for child in np.random.SeedSequence(seed).spawn(2))
    if kind == "memorised":
        pool, where = train, "training images (digit_training_images())"
    elif kind == "mode_collapse":
        pool = held_out[y[held_out] < 10 - values["dropped"]]
        where = None
    else:
        pool, where = held_out, "held-out digits"
    if where is not None and n > len(pool):
        raise ValueError(
            f"`n` must be at most {len(pool)} for kind={kind!r}, the number of {where}; "
            f"got {n}."
        )
    index = _draw(choice_rng, pool, n)
    images, labels = X[index], y[index]
    if kind == "noise" and values["std"] > 0:
        images = np.clip(images + values["std"] * noise_rng.standard_normal(images.shape),
                         0.0, 1.0)
    elif kind == "blur" and values["sigma"] > 0:
        images = _separable_blur(images.reshape(n, 8, 8), values["sigma"]).reshape(n, 64)
        images = np.clip(images, 0.0, 1.0)
    elif kind == "shift" and values["pixels"]:
        images = _shift_right(images.reshape(n, 8, 8), values["pixels"]).reshape(n, 64)
    return images, labels


# --- Several captions per image, for retrieval with more than one right answer -------------

def multi_caption_similarities(n_images=50, captions_per_image=5, *, quality=0.35, seed=0):
    r"""Caption-image cosine similarities when each image has several right captions.

    MS-COCO and Flickr30k give every image five captions written by different people,
    so a query image has five right answers among all the captions. This is
    :func:`caption_image_similarities` with ``captions_per_image`` captions per image:
    image j has a meaning :math:`c_j` (topics of about ten images, as there), its
    embedding mixes :math:`c_j` with noise, and so does each of its captions, each with
    its own noise:

    .. math::
        t_i = \frac{\sqrt{q}\, c_{\lfloor i / m \rfloor} + \sqrt{1 - q}\, \varepsilon_i}
        {\lVert\cdot\rVert}, \qquad
        v_j = \frac{\sqrt{q}\, c_j + \sqrt{1 - q}\, \eta_j}{\lVert\cdot\rVert},
        \qquad S_{ij} = t_i \cdot v_j

    with :math:`q` = ``quality`` and :math:`m` = ``captions_per_image``. Caption i
    describes image ``i // captions_per_image``. With ``captions_per_image=1`` this is
    exactly :func:`caption_image_similarities` with the same ``quality`` and ``seed``.

    Parameters
    ----------
    n_images : int, default 50
        Number of images, at least 2.
    captions_per_image : int, default 5
        Captions of each image, at least 1 (5 in MS-COCO and Flickr30k).
    quality : float in [0, 1], default 0.35
        The share of each embedding that carries the meaning, as in
        :func:`caption_image_similarities`.
    seed : int, default 0
        The same seed gives the same matrix; the draws do not depend on ``quality``.

    Returns
    -------
    ndarray of float64, shape (n_images * captions_per_image, n_images)
        ``S[i, j]``, the cosine similarity of caption i and image j, in [-1, 1]. The
        relevance labels of text-to-image retrieval (a row per caption) are
        ``np.repeat(np.eye(n_images), captions_per_image, axis=0)``; transpose both for
        image-to-text retrieval (a row per image, ``captions_per_image`` right captions).

    Examples
    --------
    >>> from lecturelib.ranking import hit_rate_at_k, recall_at_k
    >>> S = multi_caption_similarities()
    >>> S.shape
    (250, 50)
    >>> relevant = np.repeat(np.eye(50), 5, axis=0)
    >>> hit_rate_at_k(relevant.T, S.T, 1), recall_at_k(relevant.T, S.T, 1)  # image -> text
    (0.62, 0.124)
    """
    n_images = check_positive_int(n_images, "n_images", minimum=2)
    captions_per_image = check_positive_int(captions_per_image, "captions_per_image")
    quality = _check_unit_interval(quality, "quality")
    seed = check_seed(seed)
    # The streams of caption_image_similarities, in the same order, so that one caption
    # per image reproduces it.
    topic_rng, assign_rng, meaning_rng, caption_rng, image_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5))
    n_topics = max(1, n_images // _PAIRS_PER_TOPIC)
    topics = _unit_rows(topic_rng.standard_normal((n_topics, _EMBEDDING_DIM)))
    topic_of = assign_rng.integers(0, n_topics, size=n_images)
    own = _unit_rows(meaning_rng.standard_normal((n_images, _EMBEDDING_DIM)))
    meaning = _unit_rows(np.sqrt(_TOPIC_SHARE) * topics[topic_of]
                         + np.sqrt(1 - _TOPIC_SHARE) * own)

    def embed(rng, meanings):
        noise = _unit_rows(rng.standard_normal(meanings.shape))
        return _unit_rows(np.sqrt(quality) * meanings + np.sqrt(1 - quality) * noise)

    captions = embed(caption_rng, np.repeat(meaning, captions_per_image, axis=0))
    images = embed(image_rng, meaning)
    return np.clip(captions @ images.T, -1.0, 1.0)
