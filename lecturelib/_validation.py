"""Input checks shared by every lecturelib module.

Each check raises a ``ValueError`` whose message names the offending argument and says
what to do about it, so a learner sees *why* a call failed instead of a silent wrong
number. Keep every check here: metric modules call these and contain only maths.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

__all__ = [
    "UndefinedMetricWarning",
    "as_1d",
    "as_float_array",
    "check_binary_target",
    "check_consistent_length",
    "check_distribution",
    "check_labels_1d",
    "check_positive_int",
    "check_sample_weight",
    "check_seed",
    "check_zero_division",
    "warn_undefined",
]


class UndefinedMetricWarning(UserWarning):
    """A metric is undefined for this input (0/0) and a substitute value was returned.

    Mirrors :class:`sklearn.exceptions.UndefinedMetricWarning` so code written for
    scikit-learn filters the same warnings.
    """


def warn_undefined(message: str) -> None:
    warnings.warn(message, UndefinedMetricWarning, stacklevel=3)


def as_float_array(x, name: str, *, ndim=None, allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a float64 array after checking shape, emptiness and finiteness."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"`{name}` must be numeric (a list, NumPy array or tensor of numbers); "
            f"could not convert it: {exc}"
        ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(
                f"`{name}` must be {want}, got an array of shape {arr.shape}; "
                "reshape it (for example with .ravel() or [None, :]) first."
            )
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"`{name}` is empty; pass at least one value.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"`{name}` contains NaN or infinity; remove or impute those values first."
        )
    return arr


def as_1d(x, name: str) -> np.ndarray:
    """Return ``x`` as a non-empty 1-D array (any dtype), rejecting NaN in numeric input."""
    arr = np.asarray(x)
    if arr.ndim == 2 and 1 in arr.shape and arr.size > 0:
        # A column vector of labels is common (e.g. y[:, None]); accept it like sklearn does.
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(
            f"`{name}` must be 1-D (one value per sample), got shape {arr.shape}."
        )
    if arr.size == 0:
        raise ValueError(f"`{name}` is empty; pass at least one sample.")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(
            f"`{name}` contains NaN or infinity; remove or impute those values first."
        )
    return arr


def check_consistent_length(**arrays) -> None:
    """Raise if the named arrays do not all have the same number of samples."""
    lengths = {name: len(a) for name, a in arrays.items() if a is not None}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"`{n}` has {k}" for n, k in lengths.items())
        raise ValueError(
            f"Inputs have different numbers of samples: {described}. "
            "Pass one value per sample in each."
        )


def check_labels_1d(y, name: str) -> np.ndarray:
    """Class labels: 1-D, non-empty, discrete (ints, bools or strings, or integral floats)."""
    arr = as_1d(y, name)
    if arr.dtype.kind == "f" and np.any(arr != np.round(arr)):
        raise ValueError(
            f"`{name}` looks continuous (it holds non-integer numbers). Classification "
            "metrics need class labels: threshold the scores first, e.g. "
            "(y_score >= 0.5).astype(int)."
        )
    if arr.dtype.kind == "O":
        arr = arr.astype(str)
    return arr


def check_sample_weight(sample_weight, n_samples: int) -> np.ndarray:
    """Return per-sample weights (ones if ``None``), checked for length, sign, finiteness
    and that at least one is positive."""
    if sample_weight is None:
        return np.ones(n_samples, dtype=np.float64)
    w = as_float_array(sample_weight, "sample_weight", ndim=1)
    if w.shape[0] != n_samples:
        raise ValueError(
            f"`sample_weight` has {w.shape[0]} values but there are {n_samples} samples; "
            "pass one weight per sample."
        )
    if np.any(w < 0):
        raise ValueError("`sample_weight` has negative values; weights must be >= 0.")
    if not np.any(w):
        # All-zero weights leave no sample to score (and no threshold for a curve);
        # scikit-learn rejects them too.
        raise ValueError(
            "`sample_weight` is all zeros; at least one sample needs a positive weight."
        )
    return w


def check_zero_division(zero_division):
    """Validate ``zero_division`` ('warn', 0, 1 or NaN) and return the value to substitute."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0
    elif isinstance(zero_division, numbers.Real) and (
        zero_division in (0, 1) or np.isnan(zero_division)
    ):
        return float(zero_division)
    raise ValueError(
        f"`zero_division` must be 'warn', 0.0, 1.0 or np.nan, got {zero_division!r}."
    )


def check_distribution(p, name: str, *, atol: float = 1e-6) -> np.ndarray:
    """A probability distribution (1-D) or a batch of them (2-D, one per row).

    Values must lie in [0, 1] and each distribution must sum to 1 within ``atol``.
    """
    arr = as_float_array(p, name, ndim=(1, 2))
    if np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(
            f"`{name}` has values outside [0, 1]; it must hold probabilities. "
            "If these are logits or scores, apply softmax (or sigmoid) first."
        )
    sums = arr.sum(axis=-1)
    if not np.allclose(sums, 1.0, rtol=0.0, atol=atol):
        worst = float(sums.flat[np.argmax(np.abs(sums - 1.0))])
        raise ValueError(
            f"`{name}` must sum to 1 (along its last axis), but a sum is {worst:.6g}. "
            "Normalise it first, e.g. p / p.sum(axis=-1, keepdims=True)."
        )
    return arr


def check_binary_target(y_true, name: str, pos_label):
    """Return (boolean positives mask, pos_label) for a binary ``y_true``.

    With ``pos_label=None`` the labels must be {0, 1} or {-1, 1} (or a subset), as in
    scikit-learn; otherwise ``pos_label`` names the positive class.
    """
    y = check_labels_1d(y_true, name)
    classes = np.unique(y)
    if classes.size > 2:
        raise ValueError(
            f"`{name}` has {classes.size} classes {classes.tolist()[:10]}; this metric "
            "is for binary problems. Binarise it (y == positive_class) first."
        )
    if pos_label is None:
        if y.dtype.kind in "US" or not (
            set(classes.tolist()) <= {0, 1} or set(classes.tolist()) <= {-1, 1}
        ):
            raise ValueError(
                f"`{name}` takes values {classes.tolist()} and `pos_label` is not given; "
                "pass pos_label=<the positive class> or use labels {0, 1} or {-1, 1}."
            )
        pos_label = 1
    return y == pos_label, pos_label


def check_positive_int(value, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` after checking it is a whole number >= ``minimum``.

    ``bool`` and integral floats such as ``32.0`` are rejected: a float usually means a
    size was computed (``n / 2``) where an integer was meant.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"`{name}` must be an integer >= {minimum}, got {value!r}.")
    return int(value)


def check_seed(seed, name: str = "seed") -> int:
    """A random seed every library here accepts: an integer in [0, 2**32 - 1].

    The upper bound is scikit-learn's (``random_state``); NumPy and PyTorch accept it too.
    """
    if (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)
            or not 0 <= seed <= 2**32 - 1):
        raise ValueError(
            f"`{name}` must be an integer in [0, 2**32 - 1], got {seed!r}; "
            "pass a fixed whole number such as 0 so runs can be repeated."
        )
    return int(seed)
