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
    "check_binary_mask",
    "check_binary_target",
    "check_boxes",
    "check_consistent_length",
    "check_distribution",
    "check_labels_1d",
    "check_mask_labels",
    "check_masks",
    "check_positive_int",
    "check_pr_points",
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


def check_masks(mask_true, mask_pred) -> tuple[np.ndarray, np.ndarray]:
    """Two segmentation masks of the same (any) shape, flattened to int64 label arrays.

    Values must be whole numbers (bool, 0/1, or integer class labels); probabilities and
    logits are rejected with a hint to threshold or take the argmax first.
    """
    masks = {}
    for name, mask in (("mask_true", mask_true), ("mask_pred", mask_pred)):
        arr = np.asarray(mask)
        if arr.dtype.kind not in "biuf":
            raise ValueError(
                f"`{name}` must be a numeric or boolean mask (bool, 0/1 or integer class "
                f"labels), got dtype {arr.dtype}."
            )
        if arr.size == 0:
            raise ValueError(f"`{name}` is empty (shape {arr.shape}); pass a mask with pixels.")
        if arr.dtype.kind == "f":
            if not np.all(np.isfinite(arr)):
                raise ValueError(
                    f"`{name}` contains NaN or infinity; a mask holds class labels only."
                )
            if np.any(arr != np.round(arr)):
                raise ValueError(
                    f"`{name}` holds non-integer values (such as "
                    f"{arr[arr != np.round(arr)].flat[0]:g}); masks hold class labels. "
                    "Threshold probabilities first, e.g. (prob >= 0.5), or take the argmax "
                    "over the class axis."
                )
        masks[name] = arr
    if masks["mask_true"].shape != masks["mask_pred"].shape:
        raise ValueError(
            f"`mask_true` has shape {masks['mask_true'].shape} but `mask_pred` has shape "
            f"{masks['mask_pred'].shape}; they must match pixel for pixel (resize or crop "
            "the prediction to the ground truth first)."
        )
    # int64 so that any integer label in `labels` compares safely with any mask dtype.
    return tuple(m.reshape(-1).astype(np.int64) for m in masks.values())


def check_binary_mask(mask, name: str) -> None:
    """Raise unless the (already checked) flat mask holds only 0 and 1."""
    values = np.unique(mask)
    if not set(values.tolist()) <= {0, 1}:
        raise ValueError(
            f"`{name}` takes values {values.tolist()[:10]}, but average='binary' needs a "
            "binary mask (bool or 0/1). For a label map pass average='macro', 'micro' or "
            "None (optionally with labels=[...]); for one class, binarise it first "
            "(mask == class)."
        )


def check_mask_labels(labels) -> np.ndarray:
    """``labels`` of a label map: a non-empty 1-D list of distinct whole numbers."""
    arr = np.asarray(labels)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"`labels` must be a non-empty 1-D list of class labels, got {labels!r}."
        )
    if arr.dtype.kind not in "iuf" or (
        arr.dtype.kind == "f" and not np.all(arr == np.round(arr))
    ):
        raise ValueError(
            f"`labels` must hold integer class labels as in the masks, got {labels!r}."
        )
    if np.unique(arr).size != arr.size:
        raise ValueError(f"`labels` lists a label twice: {labels!r}; list each class once.")
    return arr.astype(np.int64)


_BOX_FORMATS = {"xyxy": "(x1, y1, x2, y2)", "xywh": "(x, y, w, h)",
                "cxcywh": "(cx, cy, w, h)"}


def check_boxes(boxes, name: str, box_format: str) -> np.ndarray:
    """An (N, 4) float64 array of finite boxes with non-negative width and height.

    ``N = 0`` is allowed (an image without boxes); an empty list counts as shape (0, 4).
    """
    if box_format not in _BOX_FORMATS:
        raise ValueError(
            f"`box_format` must be one of {list(_BOX_FORMATS)}, got {box_format!r}."
        )
    arr = as_float_array(boxes, name, allow_empty=True)
    if arr.size == 0 and arr.ndim == 1:
        arr = arr.reshape(0, 4)
    if arr.ndim != 2 or arr.shape[1] != 4:
        raise ValueError(
            f"`{name}` must have shape (N, 4), one row {_BOX_FORMATS[box_format]} per box, "
            f"got shape {arr.shape}. For a single box use [[...]] or box[None, :]."
        )
    if box_format == "xyxy":
        wide, high = arr[:, 2] - arr[:, 0], arr[:, 3] - arr[:, 1]
        hint = "x2 < x1 or y2 < y1"
    else:
        wide, high = arr[:, 2], arr[:, 3]
        hint = "w < 0 or h < 0"
    bad = np.flatnonzero((wide < 0) | (high < 0))
    if bad.size:
        raise ValueError(
            f"`{name}` has a box with negative width or height ({hint}) at row {bad[0]}: "
            f"{arr[bad[0]].tolist()}. Check box_format={box_format!r} matches the data."
        )
    return arr


def check_pr_points(recall, precision) -> tuple[np.ndarray, np.ndarray]:
    """Matching 1-D recall and precision in [0, 1], recall non-decreasing (may be empty)."""
    recall = as_float_array(recall, "recall", ndim=1, allow_empty=True)
    precision = as_float_array(precision, "precision", ndim=1, allow_empty=True)
    if recall.shape != precision.shape:
        raise ValueError(
            f"`recall` has {recall.size} values but `precision` has {precision.size}; pass "
            "one (recall, precision) pair per detection."
        )
    for name, arr in (("recall", recall), ("precision", precision)):
        if np.any(arr < 0) or np.any(arr > 1):
            raise ValueError(f"`{name}` has values outside [0, 1]; it must hold rates.")
    drops = np.flatnonzero(np.diff(recall) < 0)
    if drops.size:
        i = drops[0]
        raise ValueError(
            f"`recall` decreases at index {i + 1} ({recall[i]:g} -> {recall[i + 1]:g}). "
            "Pass the points in the order of detections sorted by decreasing score, where "
            "the cumulative recall never decreases."
        )
    return recall, precision
