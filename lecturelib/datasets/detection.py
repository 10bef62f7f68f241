"""Synthetic object detection in COCO format: ground-truth scenes and a simulated detector.

- :func:`coco_scenes`: ground-truth boxes with COCO's statistics (objects per image,
  small/medium/large mix, crowd regions), as a COCO annotation dict;
- :func:`detector_output`: the detections of a simulated detector on such ground truth
  (misses, localisation error, duplicates, false positives, scores), in COCO result
  format.

No pixels, only annotations: what an evaluator such as pycocotools reads.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import check_positive_int, check_seed
from ..detection import box_iou
from ._common import _check_real, _check_unit_interval

__all__ = ["coco_scenes", "detector_output"]


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
