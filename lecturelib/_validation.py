"""Input checks shared by every lecturelib module.

Each check raises a ``ValueError`` whose message names the offending argument and says
what to do about it, so a learner sees *why* a call failed instead of a silent wrong
number. Keep every check here: metric modules call these and contain only maths.
"""

from __future__ import annotations

import itertools
import json
import numbers
import os
import warnings

import numpy as np

__all__ = [
    "UndefinedMetricWarning",
    "as_1d",
    "as_float_array",
    "check_binary_mask",
    "check_binary_target",
    "check_boxes",
    "check_box_flags",
    "check_coco_detections",
    "check_coco_ground_truth",
    "check_consistent_length",
    "check_distribution",
    "check_labels_1d",
    "check_mask_labels",
    "check_masks",
    "check_positive_int",
    "check_pr_points",
    "check_sample_weight",
    "check_seed",
    "check_unit_threshold",
    "check_zero_division",
    "reject_complex",
    "warn_undefined",
]


class UndefinedMetricWarning(UserWarning):
    """A metric is undefined for this input (0/0) and a substitute value was returned.

    lecturelib's counterpart of :class:`sklearn.exceptions.UndefinedMetricWarning`, raised
    in the same situations, but a class of its own, not a subclass (that would make
    ``import lecturelib`` import scikit-learn and SciPy, which takes a second or more). A
    filter for scikit-learn's class therefore does not catch it; code that uses both
    libraries filters both classes (both derive from :class:`UserWarning`)::

        warnings.filterwarnings("ignore", category=lecturelib.classification.UndefinedMetricWarning)
        warnings.filterwarnings("ignore", category=sklearn.exceptions.UndefinedMetricWarning)
    """


def warn_undefined(message: str) -> None:
    warnings.warn(message, UndefinedMetricWarning, stacklevel=3)


def reject_complex(arr: np.ndarray, name: str) -> None:
    """Raise if ``arr`` holds complex numbers: casting them to float would silently drop
    the imaginary part (NumPy only warns), giving a wrong number instead of an error."""
    if arr.dtype.kind == "c" or (
        arr.dtype.kind == "O" and any(isinstance(v, complex) for v in arr.flat)
    ):
        raise ValueError(
            f"`{name}` holds complex numbers; metrics need real values. Pass the real part "
            "(z.real) or the magnitude (np.abs(z)) explicitly if that is what you mean."
        )


def _not_numeric(name: str, exc: Exception) -> ValueError:
    return ValueError(
        f"`{name}` must be numeric (a list, NumPy array or tensor of numbers); "
        f"could not convert it: {exc}"
    )


def as_float_array(x, name: str, *, ndim=None, allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a float64 array after checking shape, emptiness and finiteness."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise _not_numeric(name, exc) from None
    reject_complex(arr, name)
    try:
        arr = arr.astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise _not_numeric(name, exc) from None
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
    """Return ``x`` as a non-empty 1-D array (any real dtype), rejecting NaN in numeric
    input and complex numbers."""
    arr = np.asarray(x)
    reject_complex(arr, name)
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


def check_unit_threshold(value, name: str) -> float:
    """A real number in [0, 1] (an IoU threshold, say), returned as a float."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not np.isfinite(value) or not 0 <= value <= 1):
        raise ValueError(f"`{name}` must be a number in [0, 1], got {value!r}.")
    return float(value)


def check_box_flags(flags, name: str, n_boxes: int) -> np.ndarray:
    """One 0/1 (or bool) flag per box, such as COCO's ``iscrowd``; ``None`` means all 0."""
    if flags is None:
        return np.zeros(n_boxes, dtype=bool)
    arr = np.asarray(flags)
    if arr.ndim != 1 or arr.shape[0] != n_boxes:
        raise ValueError(
            f"`{name}` must hold one flag per box ({n_boxes}), got shape {arr.shape}."
        )
    if arr.dtype.kind not in "biuf" or not np.all((arr == 0) | (arr == 1)):
        raise ValueError(f"`{name}` must hold 0/1 (or False/True) flags, got {flags!r}.")
    return arr.astype(bool)


def _load_coco_json(value, name: str):
    """``value`` itself, or the JSON it names when it is a path (str or os.PathLike)."""
    if isinstance(value, (str, os.PathLike)):
        try:
            with open(value, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"`{name}`: could not read the JSON file {value!r}: {exc}") from None
    return value


def _column(records, key, name, what):
    """``[r[key] for r in records]``, or a ValueError naming the first record without it."""
    try:
        return [r[key] for r in records]
    except (KeyError, TypeError, IndexError):
        for i, r in enumerate(records):
            if not isinstance(r, dict) or key not in r:
                raise ValueError(
                    f"`{name}`: {what} {i} has no {key!r}: {r!r}."
                ) from None
        raise


def _integer_column(values, name, what, key):
    arr = np.asarray(values) if values else np.zeros(0, dtype=np.int64)
    if arr.ndim != 1 or arr.dtype.kind not in "iu":
        bad = next((v for v in values if isinstance(v, bool)
                    or not isinstance(v, numbers.Integral)), values[0] if values else None)
        raise ValueError(f"`{name}`: every {what} needs an integer {key!r}, got {bad!r}.")
    return arr.astype(np.int64)


def _float_column(values, name, what, key, *, shape=()):
    if not values:
        return np.zeros((0, *shape))
    try:
        if shape and set(map(len, values)) == {shape[0]}:
            # Rows of equal length: np.fromiter reads them 3-5 times faster than asarray.
            arr = np.fromiter(itertools.chain.from_iterable(values), dtype=np.float64,
                              count=len(values) * shape[0]).reshape(len(values), *shape)
        else:
            arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.shape != (len(values), *shape):
        want = "[x, y, w, h], four numbers" if shape else "a number"
        bad = next((v for v in values
                    if np.asarray(v, dtype=object).shape != shape), values[0])
        raise ValueError(f"`{name}`: every {what} needs {key!r} as {want}, got {bad!r}.")
    finite = np.isfinite(arr).reshape(len(values), -1).all(axis=1)
    if not finite.all():
        i = int(np.flatnonzero(~finite)[0])
        raise ValueError(f"`{name}`: {what} {i} has a {key!r} with NaN or infinity: "
                         f"{values[i]!r}.")
    return arr


def _check_boxes_column(records, name, what):
    boxes = _column(records, "bbox", name, what)
    arr = _float_column(boxes, name, what, "bbox", shape=(4,)).reshape(len(boxes), 4)
    bad = np.flatnonzero((arr[:, 2] < 0) | (arr[:, 3] < 0))
    if bad.size:
        raise ValueError(f"`{name}`: {what} {bad[0]} has a 'bbox' [x, y, w, h] with a negative "
                         f"width or height: {boxes[bad[0]]!r}.")
    return arr


def _check_unique(ids, name, what):
    values, counts = np.unique(ids, return_counts=True)
    if np.any(counts > 1):
        raise ValueError(f"`{name}` has two {what} with id {values[counts > 1][0]}; "
                         "ids must be unique.")
    return values


def check_coco_ground_truth(ground_truth) -> dict:
    """COCO ground truth (a dict, or the path of its JSON file) as NumPy arrays.

    Returns a dict with ``image_ids`` and ``category_ids`` (sorted), ``category_names``
    (in the order of ``category_ids``), and per annotation, in file order: ``id``,
    ``image_id``, ``category_id`` (int64), ``bbox`` (N, 4), ``area``, ``iscrowd`` (bool;
    a missing ``iscrowd`` counts as 0).
    """
    name = "ground_truth"
    ground_truth = _load_coco_json(ground_truth, name)
    if not isinstance(ground_truth, dict):
        raise ValueError(f"`{name}` must be a COCO dict (or the path of a COCO JSON file), "
                         f"got {type(ground_truth).__name__}.")
    for key in ("images", "annotations", "categories"):
        if not isinstance(ground_truth.get(key), (list, tuple)):
            raise ValueError(f"`{name}` must hold a list under {key!r}; pass a COCO-format "
                             "dict such as lecturelib.datasets.coco_scenes() returns.")
    images, categories = ground_truth["images"], ground_truth["categories"]
    annotations = ground_truth["annotations"]
    image_ids = _check_unique(
        _integer_column(_column(images, "id", name, "image"), name, "image", "id"),
        name, "images")
    category_ids = _integer_column(_column(categories, "id", name, "category"), name,
                                   "category", "id")
    if category_ids.size == 0:
        raise ValueError(f"`{name}` lists no category; list at least one under 'categories'.")
    names = _column(categories, "name", name, "category")
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise ValueError(f"`{name}`: every category needs a distinct 'name' string, got "
                         f"{names!r}.")
    order = np.argsort(category_ids, kind="stable")
    _check_unique(category_ids, name, "categories")

    n = len(annotations)
    ann_ids = _integer_column(_column(annotations, "id", name, "annotation"), name,
                              "annotation", "id")
    _check_unique(ann_ids, name, "annotations")
    found = {}
    for key, known, what in (("image_id", image_ids, "'images'"),
                             ("category_id", np.sort(category_ids), "'categories'")):
        ids = _integer_column(_column(annotations, key, name, "annotation"), name,
                              "annotation", key)
        missing = ~np.isin(ids, known)
        if missing.any():
            i = int(np.flatnonzero(missing)[0])
            raise ValueError(f"`{name}`: annotation {i} has {key} {ids[i]}, which is not the id "
                             f"of any entry in {what}.")
        found[key] = ids
    bbox = _check_boxes_column(annotations, name, "annotation")
    area = _float_column(_column(annotations, "area", name, "annotation"), name, "annotation",
                         "area")
    if np.any(area < 0):
        i = int(np.flatnonzero(area < 0)[0])
        raise ValueError(f"`{name}`: annotation {i} has a negative 'area' {area[i]!r}.")
    crowd = [a.get("iscrowd", 0) for a in annotations]
    bad = [c for c in crowd if c not in (0, 1)]
    if bad:
        raise ValueError(f"`{name}`: an annotation has 'iscrowd' {bad[0]!r}; use 0 or 1.")
    return {
        "image_ids": image_ids,
        "category_ids": category_ids[order],
        "category_names": tuple(names[i] for i in order),
        "id": ann_ids, "image_id": found["image_id"], "category_id": found["category_id"],
        "bbox": bbox, "area": area,
        "iscrowd": np.array(crowd, dtype=bool).reshape(n),
    }


def check_coco_detections(detections, image_ids) -> dict:
    """COCO results (a list of dicts, or the path of their JSON file) as NumPy arrays.

    Each result needs ``image_id`` (one of ``image_ids``), ``category_id``, ``bbox``
    ``[x, y, w, h]`` with ``w, h >= 0`` and a finite ``score``. Returns ``image_id``,
    ``category_id``, ``bbox`` (N, 4) and ``score``, in list order.
    """
    name = "detections"
    detections = _load_coco_json(detections, name)
    if not isinstance(detections, (list, tuple)):
        raise ValueError(
            f"`{name}` must be a list of COCO result dicts {{'image_id', 'category_id', "
            f"'bbox', 'score'}} (or the path of such a JSON file), got "
            f"{type(detections).__name__}.")
    what = "detection"
    found = {key: _integer_column(_column(detections, key, name, what), name, what, key)
             for key in ("image_id", "category_id")}
    unknown = ~np.isin(found["image_id"], image_ids)
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        raise ValueError(
            f"`{name}`: detection {i} has image_id {found['image_id'][i]}, which is not the id "
            "of any image in `ground_truth` (pycocotools fails on this too: 'Results do not "
            "correspond to current coco set').")
    bbox = _check_boxes_column(detections, name, what)
    score = _float_column(_column(detections, "score", name, what), name, what, "score")
    return {**found, "bbox": bbox, "score": score}


# regression

_MULTIOUTPUT_STRINGS = ("raw_values", "uniform_average", "variance_weighted")


def check_regression_targets(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """``y_true`` and ``y_pred`` as float64 arrays of shape (n_samples, n_outputs).

    Each may be 1-D (one output) or 2-D (one column per output); a 1-D array and a single
    column are interchangeable, as in scikit-learn. Both must be non-empty, finite, have
    the same number of samples and the same number of outputs.
    """
    arrays = {}
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        arr = as_float_array(y, name, ndim=(1, 2))
        arrays[name] = arr.reshape(-1, 1) if arr.ndim == 1 else arr
    y_true, y_pred = arrays["y_true"], arrays["y_pred"]
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    if y_true.shape[1] != y_pred.shape[1]:
        raise ValueError(
            f"`y_true` has {y_true.shape[1]} output(s) (columns) but `y_pred` has "
            f"{y_pred.shape[1]}; pass one predicted column per target column."
        )
    return y_true, y_pred


def check_multioutput(multioutput, n_outputs: int, *, allowed=_MULTIOUTPUT_STRINGS[:2]):
    """Validate ``multioutput``; return 'raw_values', 'variance_weighted', ``None``
    (uniform average) or the per-output weights as a float64 array.

    Weights must be one finite, non-negative number per output with a positive sum, and
    only make sense with two or more outputs.
    """
    if isinstance(multioutput, str):
        if multioutput not in allowed:
            options = ", ".join(repr(a) for a in allowed)
            raise ValueError(
                f"`multioutput` must be one of {options} or an array of one weight per "
                f"output, got {multioutput!r}."
            )
        return None if multioutput == "uniform_average" else multioutput
    weights = as_float_array(multioutput, "multioutput", ndim=1)
    if n_outputs == 1:
        raise ValueError(
            "`multioutput` weights only make sense with several outputs, but the targets "
            "have one; drop `multioutput` (or pass 'raw_values' or 'uniform_average')."
        )
    if weights.shape[0] != n_outputs:
        raise ValueError(
            f"`multioutput` has {weights.shape[0]} weights but the targets have "
            f"{n_outputs} outputs (columns); pass one weight per output."
        )
    if np.any(weights < 0):
        raise ValueError("`multioutput` has negative weights; output weights must be >= 0.")
    if not np.any(weights):
        raise ValueError(
            "`multioutput` weights are all zero; at least one output needs a positive weight."
        )
    return weights


def check_line_points(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Points (x, y) to fit a line to: matching finite 1-D arrays, at least two points and
    at least two different x values."""
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    check_consistent_length(x=x, y=y)
    if x.shape[0] < 2:
        raise ValueError("A line needs at least two points; `x` and `y` hold only one.")
    if np.all(x == x[0]):
        raise ValueError(
            f"Every `x` equals {x[0]:g}: the points lie on a vertical line, which has no "
            "finite slope. A line y = slope * x + intercept needs at least two different "
            "x values."
        )
    return x, y


# ranking

def check_ranking_inputs(y_true, y_score, *, ndim, allow_negative=False, min_items=1):
    """Relevance labels and scores of one query (1-D) or of several (2-D, one row each).

    Both become float64 arrays of the same shape, finite and non-empty; ``ndim`` is 1, 2
    or (1, 2). Negative relevance is rejected unless ``allow_negative``; a row needs at
    least ``min_items`` items.
    """
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    if np.asarray(y_score).dtype.kind == "b":
        raise ValueError(
            "`y_score` is boolean, so it cannot order the items (every True ties with every "
            "other True). Pass the model's real-valued scores, higher = ranked higher; if "
            "these booleans are relevance labels, they belong in `y_true`.")
    arrays = {}
    for name, x in (("y_true", y_true), ("y_score", y_score)):
        arr = as_float_array(x, name, allow_empty=True)
        if arr.ndim not in allowed:
            if allowed == (1,):
                hint = ("this function scores one query; for several queries (one per row) "
                        "use its mean_... counterpart, or pass a single row")
            elif allowed == (2,):
                hint = ("pass one row per query, shape (n_queries, n_items); for a single "
                        "query use [values] or values[None, :]")
            else:
                hint = "pass one query as a 1-D array or several as rows of a 2-D array"
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"`{name}` must be {want}, got an array of shape {arr.shape}: "
                             f"{hint}.")
        if arr.size == 0:
            raise ValueError(f"`{name}` is empty (shape {arr.shape}); pass at least one "
                             "query with at least one item.")
        arrays[name] = arr
    y_true, y_score = arrays["y_true"], arrays["y_score"]
    if y_true.shape != y_score.shape:
        raise ValueError(
            f"`y_true` has shape {y_true.shape} but `y_score` has shape {y_score.shape}; "
            "pass one relevance label and one score per item, in the same layout "
            "(n_queries, n_items).")
    if y_true.shape[-1] < min_items:
        raise ValueError(
            f"`y_true` has {y_true.shape[-1]} item per query, but this metric needs at "
            f"least {min_items} items to rank (with one, every ranking is the same).")
    if not allow_negative and np.any(y_true < 0):
        raise ValueError(
            f"`y_true` has negative values (such as {y_true[y_true < 0].flat[0]:g}); "
            "relevance labels must be >= 0 (0 = not relevant). Map negative grades, e.g. "
            "np.maximum(y_true, 0), first.")
    return y_true, y_score


def check_cutoff(k, *, allow_none=False):
    """A rank cutoff ``k``: a whole number >= 1 (or ``None`` if ``allow_none``)."""
    if k is None and allow_none:
        return None
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        also = " or None (the whole ranking)" if allow_none else ""
        raise ValueError(f"`k` must be an integer >= 1{also}, got {k!r}: the number of "
                         "top-ranked items to look at.")
    return int(k)
