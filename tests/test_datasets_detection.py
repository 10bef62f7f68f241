"""Synthetic detection data: COCO ground truth and a simulated detector."""

import copy
import json
import math

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from lecturelib.datasets import coco_scenes, detector_output
from lecturelib.detection import box_iou

SMALL, MEDIUM = 32.0**2, 96.0**2


def _size_range(area):
    return "small" if area < SMALL else "medium" if area < MEDIUM else "large"


def _inside_image(box, image):
    x, y, w, h = box
    return (w > 0 and h > 0 and x >= 0 and y >= 0
            and x + w <= image["width"] and y + h <= image["height"])


def _match(ground_truth, detections, threshold=0.5):
    """COCO's greedy matching, per image and category: detections by decreasing score each
    take the unmatched true box of highest IoU >= threshold. Crowd regions must be absent.
    Returns one bool per detection (True positive or not), in the order of ``detections``."""
    assert not any(a["iscrowd"] for a in ground_truth["annotations"])
    truths = {}
    for a in ground_truth["annotations"]:
        truths.setdefault((a["image_id"], a["category_id"]), []).append(a["bbox"])
    is_tp = [False] * len(detections)
    taken = {key: np.zeros(len(boxes), dtype=bool) for key, boxes in truths.items()}
    order = sorted(range(len(detections)), key=lambda i: -detections[i]["score"])
    for i in order:
        d = detections[i]
        key = (d["image_id"], d["category_id"])
        if key not in truths:
            continue
        iou = box_iou([d["bbox"]], truths[key], box_format="xywh")[0]
        iou[taken[key]] = -1
        best = int(np.argmax(iou))
        if iou[best] >= threshold:
            taken[key][best] = True
            is_tp[i] = True
    return np.array(is_tp)


# --- coco_scenes ----------------------------------------------------------------------------

def test_coco_scenes_structure_types_and_json():
    gt = coco_scenes()
    assert set(gt) == {"images", "annotations", "categories"}
    assert gt["categories"] == [{"id": 1, "name": "person"}, {"id": 2, "name": "car"},
                                {"id": 3, "name": "dog"}]
    assert [im["id"] for im in gt["images"]] == list(range(1, 21))
    assert all(im == {"id": im["id"], "width": 640, "height": 480} for im in gt["images"])
    anns = gt["annotations"]
    assert [a["id"] for a in anns] == list(range(1, len(anns) + 1))
    for a in anns:
        assert set(a) == {"id", "image_id", "category_id", "bbox", "area", "iscrowd"}
        assert type(a["id"]) is int and type(a["image_id"]) is int
        assert type(a["category_id"]) is int and a["category_id"] in (1, 2, 3)
        assert a["iscrowd"] in (0, 1) and type(a["iscrowd"]) is int
        assert isinstance(a["bbox"], list) and all(type(v) is float for v in a["bbox"])
        assert type(a["area"]) is float and a["area"] == a["bbox"][2] * a["bbox"][3]
    assert [a["image_id"] for a in anns] == sorted(a["image_id"] for a in anns)
    assert json.loads(json.dumps(gt)) == gt


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_coco_scenes_has_every_size_range_and_empty_images(seed):
    gt = coco_scenes(seed=seed)
    ranges = {_size_range(a["area"]) for a in gt["annotations"]}
    assert ranges == {"small", "medium", "large"}
    used = {a["image_id"] for a in gt["annotations"]}
    assert 1 <= len(gt["images"]) - len(used) <= 6  # some images hold no object


def test_coco_scenes_follows_cocos_size_mix_and_counts():
    gt = coco_scenes(400, seed=5)
    anns = gt["annotations"]
    sizes = [_size_range(a["area"]) for a in anns]
    shares = [sizes.count(r) / len(sizes) for r in ("small", "medium", "large")]
    assert np.allclose(shares, (0.41, 0.34, 0.25), atol=0.01)  # largest remainder: exact-ish
    per_image = np.bincount([a["image_id"] for a in anns], minlength=401)[1:]
    assert (per_image == 0).sum() == 60  # round(0.15 * 400)
    assert per_image.max() <= 12
    assert 3.2 < per_image[per_image > 0].mean() < 3.8  # 1 + Poisson(2.5)
    categories = np.bincount([a["category_id"] for a in anns])[1:] / len(anns)
    assert np.allclose(categories, np.array([1, 1 / 2, 1 / 3]) / (11 / 6), atol=0.04)


@pytest.mark.parametrize("image_size", [(640, 480), (160, 200)])
def test_coco_scenes_boxes_lie_inside_their_image(image_size):
    gt = coco_scenes(60, image_size=image_size, seed=1)
    images = {im["id"]: im for im in gt["images"]}
    assert all(_inside_image(a["bbox"], images[a["image_id"]]) for a in gt["annotations"])
    # Areas keep clear of the range boundaries, so rounding cannot move a box across one.
    areas = np.array([a["area"] for a in gt["annotations"]])
    assert np.all((np.abs(areas - SMALL) > 50) & (np.abs(areas - MEDIUM) > 50))


@pytest.mark.parametrize("fraction", [0.0, 0.05, 0.3, 1.0])
def test_coco_scenes_crowd_fraction(fraction):
    anns = coco_scenes(100, crowd_fraction=fraction, seed=2)["annotations"]
    n_crowd = sum(a["iscrowd"] for a in anns)
    assert n_crowd == round(fraction * len(anns))
    if 0 < fraction < 0.5:  # crowds are groups: medium and large boxes first
        assert all(a["area"] >= SMALL for a in anns if a["iscrowd"])


def test_coco_scenes_is_seeded_and_takes_custom_categories():
    assert coco_scenes(seed=4) == coco_scenes(seed=4)
    assert coco_scenes(seed=4) != coco_scenes(seed=5)
    gt = coco_scenes(3, categories=["cat"])
    assert gt["categories"] == [{"id": 1, "name": "cat"}]
    assert {a["category_id"] for a in gt["annotations"]} == {1}
    one = coco_scenes(1)
    assert len(one["images"]) == 1 and len(one["annotations"]) >= 1


@pytest.mark.parametrize("kwargs, name", [
    ({"n_images": 0}, "n_images"),
    ({"n_images": -3}, "n_images"),
    ({"n_images": 2.0}, "n_images"),
    ({"categories": ()}, "categories"),
    ({"categories": "person"}, "categories"),
    ({"categories": ("a", "a")}, "categories"),
    ({"categories": ("a", 1)}, "categories"),
    ({"crowd_fraction": -0.1}, "crowd_fraction"),
    ({"crowd_fraction": 1.5}, "crowd_fraction"),
    ({"crowd_fraction": math.nan}, "crowd_fraction"),
    ({"image_size": (640,)}, "image_size"),
    ({"image_size": (100, 480)}, "image_size"),
    ({"image_size": (640.0, 480)}, "image_size"),
    ({"seed": -1}, "seed"),
])
def test_coco_scenes_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        coco_scenes(**kwargs)


# --- detector_output ------------------------------------------------------------------------

def test_detector_output_structure_types_order_and_json():
    gt = coco_scenes()
    detections = detector_output(gt)
    images = {im["id"]: im for im in gt["images"]}
    assert detections
    for d in detections:
        assert set(d) == {"image_id", "category_id", "bbox", "score"}
        assert type(d["image_id"]) is int and d["image_id"] in images
        assert type(d["category_id"]) is int and d["category_id"] in (1, 2, 3)
        assert all(type(v) is float for v in d["bbox"]) and len(d["bbox"]) == 4
        assert type(d["score"]) is float and 0 <= d["score"] <= 1
        assert _inside_image(d["bbox"], images[d["image_id"]])
    # Ordered by image, then by decreasing score.
    keys = [(d["image_id"], -d["score"]) for d in detections]
    assert keys == sorted(keys)
    assert json.loads(json.dumps(detections)) == detections


def test_detector_output_is_seeded():
    gt = coco_scenes()
    assert detector_output(gt, seed=3) == detector_output(gt, seed=3)
    assert detector_output(gt, seed=3) != detector_output(gt, seed=4)


def test_detector_output_finds_every_object_exactly_without_errors():
    gt = coco_scenes(30, seed=1)
    detections = detector_output(gt, localisation_error=0.0, miss_rate=0.0,
                                 false_positives_per_image=0.0, duplicate_rate=0.0)
    expected = sorted((a["image_id"], a["category_id"], tuple(a["bbox"]))
                      for a in gt["annotations"] if not a["iscrowd"])
    got = sorted((d["image_id"], d["category_id"], tuple(d["bbox"])) for d in detections)
    assert got == expected  # crowd regions are not detected as objects


def test_detector_output_miss_rate_extremes_and_no_false_positives():
    gt = coco_scenes(30, crowd_fraction=0.0, seed=2)
    n_objects = len(gt["annotations"])
    none = detector_output(gt, miss_rate=1.0, false_positives_per_image=0.0)
    assert none == []
    every = detector_output(gt, miss_rate=0.0, false_positives_per_image=0.0,
                            duplicate_rate=0.0, localisation_error=0.02)
    assert len(every) == n_objects and _match(gt, every).all()
    only_false = detector_output(gt, miss_rate=1.0, false_positives_per_image=2.0)
    assert only_false and not _match(gt, only_false, threshold=0.3).any()


def test_detector_output_false_positive_and_duplicate_rates():
    gt = coco_scenes(300, crowd_fraction=0.0, seed=3)
    n_objects = len(gt["annotations"])
    false = detector_output(gt, miss_rate=1.0, false_positives_per_image=1.5)
    assert abs(len(false) / 300 - 1.5) < 0.2  # Poisson(1.5) per image
    doubled = detector_output(gt, miss_rate=0.0, false_positives_per_image=0.0,
                              duplicate_rate=1.0, localisation_error=0.02)
    assert len(doubled) == 2 * n_objects
    assert _match(gt, doubled).sum() == n_objects  # one true positive per object


def test_detector_output_score_quality_one_separates_true_from_false_positives():
    gt = coco_scenes(60, crowd_fraction=0.0, seed=4)
    detections = detector_output(gt, score_quality=1.0, localisation_error=0.02,
                                 duplicate_rate=0.2, false_positives_per_image=2.0)
    is_tp = _match(gt, detections)
    scores = np.array([d["score"] for d in detections])
    assert is_tp.sum() > 50 and (~is_tp).sum() > 50
    assert scores[is_tp].min() > scores[~is_tp].max()
    assert scores[is_tp].min() >= 0.5 > scores[~is_tp].max()


@pytest.mark.parametrize("quality", [0.0, 0.5, 0.8])
def test_detector_output_score_quality_sets_the_auc(quality):
    gt = coco_scenes(400, crowd_fraction=0.0, seed=6)
    detections = detector_output(gt, score_quality=quality, localisation_error=0.0,
                                 false_positives_per_image=3.0, seed=1)
    is_tp = _match(gt, detections)
    auc = roc_auc_score(is_tp, [d["score"] for d in detections])
    expected = 1 - 0.5 * ((1 - quality) / (1 - quality / 2)) ** 2  # the docstring's formula
    assert abs(auc - expected) < 0.03


def test_detector_output_localisation_error_lowers_the_overlap():
    gt = coco_scenes(100, crowd_fraction=0.0, seed=7)
    median_iou = []
    for error in (0.05, 0.1, 0.3):
        detections = detector_output(gt, localisation_error=error, miss_rate=0.0,
                                     false_positives_per_image=0.0, duplicate_rate=0.0)
        # Without misses, duplicates or false positives the k-th detection of an image is
        # not necessarily its k-th box: look up each detection's best box instead.
        boxes = {}
        for a in gt["annotations"]:
            boxes.setdefault((a["image_id"], a["category_id"]), []).append(a["bbox"])
        median_iou.append(np.median([
            box_iou([d["bbox"]], boxes[(d["image_id"], d["category_id"])],
                    box_format="xywh").max() for d in detections]))
    assert median_iou[0] > median_iou[1] > median_iou[2]
    assert 0.7 < median_iou[1] < 0.9


def test_detector_output_parameters_move_the_same_draws():
    gt = coco_scenes(40, seed=8)
    fewer, more = detector_output(gt, miss_rate=0.4), detector_output(gt, miss_rate=0.1)
    keys = [{(d["image_id"], d["category_id"], tuple(d["bbox"]), d["score"]) for d in dets}
            for dets in (fewer, more)]
    assert keys[0] < keys[1]  # a higher miss rate drops detections and changes no other


def test_detector_output_clips_boxes_to_the_image():
    gt = {"images": [{"id": 7, "width": 50, "height": 40}],
          "categories": [{"id": 1, "name": "thing"}],
          "annotations": [{"id": 1, "image_id": 7, "category_id": 1,
                           "bbox": [0.0, 30.0, 50.0, 10.0]}]}  # no area or iscrowd: allowed
    for seed in range(20):
        for d in detector_output(gt, localisation_error=2.0, duplicate_rate=1.0,
                                 false_positives_per_image=2.0, seed=seed):
            assert _inside_image(d["bbox"], gt["images"][0])
            assert d["bbox"][2] >= 0.99 and d["bbox"][3] >= 0.99


def _broken(change):
    gt = copy.deepcopy(coco_scenes(3))
    change(gt)
    return gt


@pytest.mark.parametrize("ground_truth, match", [
    ([], "must be a dict"),
    ({"images": [], "annotations": []}, "'categories'"),
    (_broken(lambda g: g["annotations"][0].update(image_id=99)), "image_id 99"),
    (_broken(lambda g: g["annotations"][0].update(category_id=9)), "category_id 9"),
    (_broken(lambda g: g["annotations"][0].update(bbox=[0, 0, -1, 5])), "bbox"),
    (_broken(lambda g: g["annotations"][0].update(bbox=[0, 0, 5])), "bbox"),
    (_broken(lambda g: g["annotations"][0].update(bbox=[0, 0, math.nan, 5])), "bbox"),
    (_broken(lambda g: g["annotations"][0].update(iscrowd=2)), "iscrowd"),
    (_broken(lambda g: g["images"][0].pop("width")), "width"),
    (_broken(lambda g: g["images"].append(dict(g["images"][0]))), "two images"),
    (_broken(lambda g: g.update(categories=[])), "at least one category"),
])
def test_detector_output_rejects_malformed_ground_truth(ground_truth, match):
    with pytest.raises(ValueError, match="`ground_truth`") as info:
        detector_output(ground_truth)
    assert match in str(info.value)


@pytest.mark.parametrize("kwargs, name", [
    ({"localisation_error": -0.1}, "localisation_error"),
    ({"score_quality": 1.2}, "score_quality"),
    ({"score_quality": -0.2}, "score_quality"),
    ({"miss_rate": -0.1}, "miss_rate"),
    ({"miss_rate": 1.1}, "miss_rate"),
    ({"false_positives_per_image": -1}, "false_positives_per_image"),
    ({"false_positives_per_image": math.inf}, "false_positives_per_image"),
    ({"duplicate_rate": 2}, "duplicate_rate"),
    ({"seed": 0.5}, "seed"),
])
def test_detector_output_rejects_bad_parameters(kwargs, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        detector_output(coco_scenes(2), **kwargs)
