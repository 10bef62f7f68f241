"""lecturelib.detection.coco_evaluate and match_detections against pycocotools itself.

pycocotools (2.0.11) is the reference: every case runs ``COCOeval(gt, dt, 'bbox')``
(``evaluate``, ``accumulate``, ``summarize``) on copies of the same input and compares
its 12 ``stats``, the per-class AP and the ``precision``, ``recall`` and ``scores`` arrays
with lecturelib's, to 1e-12 (they agree bit for bit). The inputs are ORACLES.md §4's fixed
cases, one case per edge, and hypothesis-drawn data: lecturelib.datasets' scenes and
detector with drawn parameters, and small COCO dicts built from scratch with tied scores,
duplicate and zero-area boxes, crowd regions and areas on the range boundaries.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pycocotools")
from pycocotools.coco import COCO  # noqa: E402
from pycocotools.cocoeval import COCOeval  # noqa: E402

from lecturelib.datasets import coco_scenes, detector_output  # noqa: E402
from lecturelib.detection import COCOEvaluation, coco_evaluate, match_detections  # noqa: E402

TOLERANCE = 1e-12
KEYS = ["AP", "AP50", "AP75", "APs", "APm", "APl",
        "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]
FEW = settings(max_examples=100, deadline=None, database=None)


# --- the reference ----------------------------------------------------------------------


def pycocotools_eval(gt, dt):
    """COCOeval after summarize(), on copies (pycocotools writes into its inputs), quiet."""
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = copy.deepcopy(gt)
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(copy.deepcopy(dt))
        evaluator = COCOeval(coco_gt, coco_dt, "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    return evaluator


def reference_per_class_ap(evaluator, gt):
    """Per-class AP as detectron2 and others compute it from pycocotools' precision, with
    -1 instead of NaN for a category without a counted true box."""
    precision = evaluator.eval["precision"]
    categories = sorted(gt["categories"], key=lambda c: c["id"])
    out = {}
    for k, category in enumerate(categories):
        values = precision[:, :, k, 0, -1]
        values = values[values > -1]
        out[category["name"]] = float(np.mean(values)) if values.size else -1.0
    return out


def assert_same_as_pycocotools(gt, dt, reference_dt=None):
    """coco_evaluate(gt, dt) equals pycocotools on (gt, reference_dt or dt); returns both."""
    result = coco_evaluate(gt, dt)
    evaluator = pycocotools_eval(gt, dt if reference_dt is None else reference_dt)
    assert np.max(np.abs(result.stats - evaluator.stats)) <= TOLERANCE, (
        result.stats, evaluator.stats)
    for name in ("precision", "recall", "scores"):
        ours, theirs = getattr(result, name), evaluator.eval[name]
        assert ours.shape == theirs.shape
        assert np.max(np.abs(ours - theirs), initial=0.0) <= TOLERANCE, name
    want = reference_per_class_ap(evaluator, gt)
    assert result.per_class_ap.keys() == want.keys()
    assert max(abs(result.per_class_ap[k] - want[k]) for k in want) <= TOLERANCE
    return result, evaluator


def one_image(annotations, categories=({"id": 1, "name": "dog"},), image_ids=(1,)):
    return {"images": [{"id": i} for i in image_ids], "categories": list(categories),
            "annotations": [
                {"id": k + 1, "image_id": image_ids[0], "category_id": 1, "iscrowd": 0,
                 **a, "area": a.get("area", a["bbox"][2] * a["bbox"][3])}
                for k, a in enumerate(annotations)]}


def det(bbox, score, image_id=1, category_id=1):
    return {"image_id": image_id, "category_id": category_id, "bbox": list(bbox),
            "score": score}


# --- ORACLES.md §4 fixed cases ----------------------------------------------------------


def test_one_perfect_medium_box():
    gt = one_image([{"bbox": [10, 10, 50, 40]}])  # area 2000: medium
    result, _ = assert_same_as_pycocotools(gt, [det([10, 10, 50, 40], 0.9)])
    want = [1, 1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1]
    np.testing.assert_allclose(result.stats, want, rtol=0, atol=3e-16)  # 1 - 2**-52
    assert result["AP"] == 0.9999999999999998  # tp / (tp + fp + np.spacing(1))
    assert result.per_class_ap == {"dog": 0.9999999999999998}


def test_crowd_overlap_is_intersection_over_detection_area():
    # [0,0,10,10] vs [5,0,10,10] (xywh): IoU 50/150 = 1/3, crowd overlap 50/100 = 0.5.
    for crowd, iou, matched in ((0, 1 / 3, False), (1, 0.5, True)):
        m = match_detections([[0, 0, 10, 10]], [[5, 0, 10, 10]], [0.9], iou_threshold=0.4,
                             gt_iscrowd=[crowd])
        assert m.gt_index[0] == (0 if matched else -1)
        assert m.is_ignored[0] == matched and not m.is_true_positive[0]
        if matched:
            assert m.iou[0] == iou
    # In COCOeval: a detection on a crowd region (matched at IoU 0.5) is ignored, the
    # category has no counted true box, so everything is -1.
    gt = one_image([{"bbox": [0, 0, 10, 10], "iscrowd": 1}])
    result, _ = assert_same_as_pycocotools(gt, [det([5, 0, 10, 10], 0.9)])
    assert result.stats.tolist() == [-1.0] * 12


# --- edge cases, each against pycocotools -----------------------------------------------


def test_crowd_regions_absorb_many_detections_and_rank_after_regular_boxes():
    gt = one_image([{"bbox": [0, 0, 100, 100], "iscrowd": 1}, {"bbox": [0, 0, 50, 50]},
                    {"bbox": [200, 200, 30, 30]}])
    dt = [det([0, 0, 50, 50], 0.9), det([0, 0, 52, 50], 0.8), det([10, 10, 50, 50], 0.7),
          det([0, 0, 100, 100], 0.6), det([200, 200, 30, 30], 0.5), det([300, 0, 5, 5], 0.4)]
    assert_same_as_pycocotools(gt, dt)


def test_images_without_detections_or_ground_truth_and_empty_categories():
    cats = [{"id": 3, "name": "cat"}, {"id": 1, "name": "dog"}, {"id": 7, "name": "emu"}]
    gt = {"images": [{"id": i} for i in (5, 2, 9, 4)], "categories": cats, "annotations": [
        {"id": 1, "image_id": 2, "category_id": 1, "bbox": [0, 0, 40, 40], "area": 1600,
         "iscrowd": 0},
        {"id": 2, "image_id": 5, "category_id": 3, "bbox": [5, 5, 10, 10], "area": 100,
         "iscrowd": 0},
        {"id": 3, "image_id": 5, "category_id": 7, "bbox": [5, 5, 10, 10], "area": 100,
         "iscrowd": 1},
    ]}
    dt = [det([0, 0, 40, 38], 0.8, image_id=2), det([1, 1, 10, 10], 0.3, image_id=4),
          det([5, 5, 10, 10], 0.7, image_id=5, category_id=7),
          det([0, 0, 40, 40], 0.6, image_id=9, category_id=3)]
    result, _ = assert_same_as_pycocotools(gt, dt)
    # Categories sorted by id: dog (1), cat (3), emu (7); emu has only a crowd region.
    assert result.category_names == ("dog", "cat", "emu")
    assert result.per_class_ap["emu"] == -1.0
    assert result.per_class_ap["cat"] == 0.0


def test_duplicates_tied_scores_and_tied_ious():
    gt = one_image([{"bbox": [0, 0, 20, 20]}, {"bbox": [0, 0, 20, 20]},
                    {"bbox": [10, 0, 20, 20]}])
    dt = [det([0, 0, 20, 20], 0.5), det([0, 0, 20, 20], 0.5), det([0, 0, 20, 20], 0.5),
          det([5, 0, 20, 20], 0.5), det([10, 0, 20, 20], 0.9)]
    assert_same_as_pycocotools(gt, dt)


def test_more_than_100_detections_in_an_image():
    rng = np.random.default_rng(0)
    boxes = np.round(rng.uniform(0, 200, (30, 4)), 1)
    gt = one_image([{"bbox": b.tolist()} for b in boxes], image_ids=(1, 2))
    noisy = np.repeat(boxes, 5, axis=0) + rng.normal(0, 3, (150, 4))
    noisy[:, 2:] = np.abs(noisy[:, 2:])
    scores = np.round(rng.random(150), 2)  # ties across the cut at rank 100
    dt = [det(b.tolist(), float(s)) for b, s in zip(noisy, scores)]
    dt += [det(b.tolist(), float(s), image_id=2) for b, s in zip(noisy[:20], scores[:20])]
    result, _ = assert_same_as_pycocotools(gt, dt)
    assert result["AR1"] < result["AR10"] < result["AR100"]


def test_area_ranges_use_the_annotation_area_and_include_both_ends():
    gt = one_image([{"bbox": [0, 0, 40, 40], "area": 1024.0},     # small and medium
                    {"bbox": [100, 0, 40, 40], "area": 9216.0},   # medium and large
                    {"bbox": [200, 0, 10, 10], "area": 5000.0},   # box small, area medium
                    {"bbox": [300, 0, 32, 32], "area": 0.0}])
    dt = [det([0, 0, 40, 40], 0.9), det([100, 0, 40, 40], 0.8), det([200, 0, 10, 10], 0.7),
          det([300, 0, 32, 32], 0.6), det([400, 0, 32, 32], 0.5), det([400, 0, 96, 96], 0.4),
          det([400, 0, 0, 10], 0.3)]
    assert_same_as_pycocotools(gt, dt)


def test_an_annotation_with_id_0_counts_as_unmatched_as_in_pycocotools():
    # pycocotools stores a match as the true box's id, and id 0 reads as "no match".
    gt = one_image([{"bbox": [0, 0, 20, 20]}, {"bbox": [50, 0, 20, 20]}])
    gt["annotations"][0]["id"] = 0
    result, _ = assert_same_as_pycocotools(gt, [det([0, 0, 20, 20], 0.9),
                                                det([50, 0, 20, 20], 0.8)])
    assert result["AP50"] < 0.6


def test_detections_of_unknown_categories_are_left_out_with_a_warning():
    gt = one_image([{"bbox": [0, 0, 20, 20]}])
    dt = [det([0, 0, 20, 20], 0.9), det([0, 0, 20, 20], 0.95, category_id=91)]
    with pytest.warns(UserWarning, match="category_id that is not in `ground_truth`.*91"):
        result, _ = assert_same_as_pycocotools(gt, dt)
    assert result["AP"] == 0.9999999999999998


def test_empty_detection_list_is_defined_and_equals_pycocotools_with_no_usable_detection():
    gt = {"images": [{"id": 1}, {"id": 2}],
          "categories": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}],
          "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 9, 9],
                           "area": 81, "iscrowd": 0}]}
    with pytest.raises(IndexError):  # pycocotools' loadRes([])
        pycocotools_eval(gt, [])
    # pycocotools with one detection it leaves out (unknown category) is the same case.
    result, _ = assert_same_as_pycocotools(gt, [], reference_dt=[det([0, 0, 9, 9], 1.0, 1, 5)])
    assert result.stats.tolist() == [0, 0, 0, 0, -1, -1, 0, 0, 0, 0, -1, -1]
    assert result.per_class_ap == {"a": 0.0, "b": -1.0}


def test_ground_truth_without_annotations_gives_minus_one_everywhere():
    gt = {"images": [{"id": 1}], "categories": [{"id": 1, "name": "a"}], "annotations": []}
    result, _ = assert_same_as_pycocotools(gt, [det([0, 0, 9, 9], 0.5)])
    assert result.stats.tolist() == [-1.0] * 12


def test_json_paths_and_inputs_left_unchanged(tmp_path):
    gt = coco_scenes(8, seed=3)
    dt = detector_output(gt, seed=3)
    before = copy.deepcopy((gt, dt))
    result = coco_evaluate(gt, dt)
    assert (gt, dt) == before
    (tmp_path / "gt.json").write_text(json.dumps(gt))
    (tmp_path / "dt.json").write_text(json.dumps(dt))
    from_files = coco_evaluate(str(tmp_path / "gt.json"), tmp_path / "dt.json")
    assert dict(from_files) == dict(result)


def test_result_is_a_mapping_of_the_12_numbers_in_pycocotools_order():
    gt = coco_scenes(10, seed=4)
    result, evaluator = assert_same_as_pycocotools(gt, detector_output(gt, seed=4))
    assert isinstance(result, COCOEvaluation)
    assert list(result) == KEYS and len(result) == 12
    assert list(dict(result).values()) == evaluator.stats.tolist()
    assert all(type(v) is float for v in result.values())
    assert result.precision.shape == (10, 101, 3, 4, 3)
    assert result.recall.shape == (10, 3, 4, 3)
    assert repr(result).startswith("COCOEvaluation(AP=")
    np.testing.assert_array_equal(COCOEvaluation.iou_thresholds,
                                  evaluator.params.iouThrs)
    np.testing.assert_array_equal(COCOEvaluation.recall_thresholds,
                                  evaluator.params.recThrs)
    assert list(COCOEvaluation.area_ranges.values()) == [
        tuple(r) for r in evaluator.params.areaRng]
    assert list(COCOEvaluation.max_detections) == evaluator.params.maxDets


# --- bad input ----------------------------------------------------------------------------


def _gt():
    return one_image([{"bbox": [0, 0, 20, 20]}])


def _with(obj, path, value):
    obj = copy.deepcopy(obj)
    target = obj
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return obj


GOOD_DT = [det([0, 0, 20, 20], 0.9)]


@pytest.mark.parametrize("gt, dt, match", [
    ([], GOOD_DT, "`ground_truth` must be a COCO dict"),
    (_with(_gt(), ["images"], KeyError), GOOD_DT,
     "`ground_truth` must hold a list under 'images'"),
    (_with(_gt(), ["annotations", 0, "bbox"], [0, 0, -1, 3]), GOOD_DT,
     "`ground_truth`: annotation 0 has a 'bbox'.*negative width"),
    (_with(_gt(), ["annotations", 0, "bbox"], [0, 0, np.nan, 3]), GOOD_DT,
     "`ground_truth`: annotation 0 has a 'bbox' with NaN"),
    (_with(_gt(), ["annotations", 0, "bbox"], [0, 0, 3]), GOOD_DT,
     "`ground_truth`: every annotation needs 'bbox' as \\[x, y, w, h\\]"),
    (_with(_gt(), ["annotations", 0, "area"], KeyError), GOOD_DT,
     "`ground_truth`: annotation 0 has no 'area'"),
    (_with(_gt(), ["annotations", 0, "area"], -4.0), GOOD_DT, "negative 'area'"),
    (_with(_gt(), ["annotations", 0, "id"], KeyError), GOOD_DT,
     "`ground_truth`: annotation 0 has no 'id'"),
    (_with(_gt(), ["annotations", 0, "image_id"], 8), GOOD_DT,
     "`ground_truth`: annotation 0 has image_id 8, which is not the id of any entry in "
     "'images'"),
    (_with(_gt(), ["annotations", 0, "category_id"], 8), GOOD_DT,
     "annotation 0 has category_id 8, which is not"),
    (_with(_gt(), ["annotations", 0, "iscrowd"], 2), GOOD_DT, "'iscrowd' 2; use 0 or 1"),
    (_with(_gt(), ["images"], [{"id": 1}, {"id": 1}]), GOOD_DT, "two images with id 1"),
    (_with(_gt(), ["categories"], []), GOOD_DT, "`ground_truth` lists no category"),
    (_with(_gt(), ["categories", 0, "name"], KeyError), GOOD_DT,
     "`ground_truth`: category 0 has no 'name'"),
    (_with(_gt(), ["images", 0, "id"], "1"), GOOD_DT, "every image needs an integer 'id'"),
    (_gt(), {"bbox": [0, 0, 1, 1]}, "`detections` must be a list of COCO result dicts"),
    (_gt(), [det([0, 0, 1, 1], 0.5, image_id=3)],
     "`detections`: detection 0 has image_id 3, which is not the id of any image"),
    (_gt(), [det([0, 0, -1, 1], 0.5)], "`detections`: detection 0 has a 'bbox'.*negative"),
    (_gt(), [det([0, 0, 1, np.inf], 0.5)], "`detections`: detection 0 has a 'bbox' with NaN"),
    (_gt(), [det([0, 0, 1, 1], float("nan"))], "`detections`: detection 0 has a 'score' with"),
    (_gt(), [GOOD_DT[0], {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}],
     "`detections`: detection 1 has no 'score'"),
    (_gt(), [det([0, 0, 1, 1], "high")], "`detections`: every detection needs 'score' as a"),
    (_gt(), [det([0, 0, 1, 1], 0.5, category_id=1.0)],
     "every detection needs an integer 'category_id'"),
])
def test_bad_input_names_the_argument(gt, dt, match):
    with pytest.raises(ValueError, match=match):
        coco_evaluate(gt, dt)


def test_duplicate_annotation_ids_are_rejected():
    gt = one_image([{"bbox": [0, 0, 20, 20]}, {"bbox": [50, 0, 20, 20]}])
    gt["annotations"][1]["id"] = 1
    with pytest.raises(ValueError, match="`ground_truth` has two annotations with id 1"):
        coco_evaluate(gt, GOOD_DT)


def test_unknown_image_fails_in_pycocotools_too():
    with pytest.raises(AssertionError, match="Results do not correspond"):
        pycocotools_eval(_gt(), [det([0, 0, 1, 1], 0.5, image_id=3)])


def test_missing_iscrowd_counts_as_0():
    gt = _with(_gt(), ["annotations", 0, "iscrowd"], KeyError)
    assert dict(coco_evaluate(gt, GOOD_DT)) == dict(coco_evaluate(_gt(), GOOD_DT))


@pytest.mark.parametrize("iou_type", ["segm", "keypoints", "box", None])
def test_only_bbox_is_supported(iou_type):
    with pytest.raises(ValueError, match="`iou_type` must be 'bbox'"):
        coco_evaluate(_gt(), GOOD_DT, iou_type=iou_type)


# --- hypothesis: lecturelib's scenes and detector ------------------------------------------


@FEW
@given(n_images=st.integers(1, 40), n_categories=st.integers(1, 6),
       crowd_fraction=st.sampled_from([0.0, 0.05, 0.3]),
       localisation_error=st.sampled_from([0.0, 0.05, 0.1, 0.3]),
       score_quality=st.floats(0, 1), miss_rate=st.floats(0, 0.5),
       false_positives_per_image=st.floats(0, 4),
       duplicate_rate=st.floats(0, 0.5), seed=st.integers(0, 2**32 - 1))
def test_synthetic_scenes_match_pycocotools(n_images, n_categories, crowd_fraction,
                                            localisation_error, score_quality, miss_rate,
                                            false_positives_per_image, duplicate_rate, seed):
    gt = coco_scenes(n_images, categories=[f"c{i}" for i in range(n_categories)],
                     crowd_fraction=crowd_fraction, seed=seed)
    dt = detector_output(gt, localisation_error=localisation_error,
                         score_quality=score_quality, miss_rate=miss_rate,
                         false_positives_per_image=false_positives_per_image,
                         duplicate_rate=duplicate_rate, seed=seed)
    if dt:
        assert_same_as_pycocotools(gt, dt)


# --- hypothesis: small COCO dicts from scratch ---------------------------------------------


@st.composite
def coco_cases(draw):
    """A few images and categories; boxes on a coarse grid (tied IoUs, duplicates, zero
    areas, touching edges) or anywhere; areas w*h or on the range boundaries; crowd
    regions; annotation ids including 0; scores with ties."""
    image_ids = draw(st.lists(st.integers(0, 50), min_size=1, max_size=4, unique=True))
    category_ids = draw(st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        coord, size = st.integers(0, 4).map(lambda v: 8.0 * v), st.integers(0, 5).map(
            lambda v: 8.0 * v)
    else:
        coord = size = st.floats(0, 120, allow_nan=False, allow_subnormal=False)
    box = st.tuples(coord, coord, size, size).map(list)
    annotations = []
    for ann_id in draw(st.lists(st.integers(0, 99), max_size=12, unique=True)):
        bbox = draw(box)
        area = draw(st.sampled_from([bbox[2] * bbox[3], 1024.0, 9216.0, 0.0])
                    | st.floats(0, 2e4, allow_nan=False))
        annotations.append({
            "id": ann_id, "image_id": draw(st.sampled_from(image_ids)),
            "category_id": draw(st.sampled_from(category_ids)), "bbox": bbox,
            "area": area, "iscrowd": draw(st.sampled_from([0, 0, 0, 1]))})
    truths = [a["bbox"] for a in annotations]
    detections = []
    for _ in range(draw(st.integers(1, 25))):
        bbox = (list(draw(st.sampled_from(truths)))
                if truths and draw(st.booleans()) else draw(box))
        detections.append({
            "image_id": draw(st.sampled_from(image_ids)),
            "category_id": draw(st.sampled_from(category_ids)), "bbox": bbox,
            "score": draw(st.sampled_from([0.25, 0.5, 0.75]) | st.floats(0, 1))})
    ground_truth = {"images": [{"id": i} for i in image_ids],
                    "categories": [{"id": c, "name": f"c{c}"} for c in category_ids],
                    "annotations": annotations}
    return ground_truth, detections


@settings(max_examples=300, deadline=None, database=None)
@given(case=coco_cases())
def test_random_coco_dicts_match_pycocotools(case):
    assert_same_as_pycocotools(*case)


# --- match_detections against pycocotools' evaluateImg ------------------------------------


@st.composite
def one_image_cases(draw):
    grid = draw(st.booleans())
    coord = (st.integers(0, 4).map(lambda v: 5.0 * v) if grid
             else st.floats(0, 50, allow_nan=False, allow_subnormal=False))
    size = (st.integers(0, 4).map(lambda v: 5.0 * v) if grid
            else st.floats(0, 50, allow_nan=False, allow_subnormal=False))
    box = st.tuples(coord, coord, size, size).map(list)
    gt_boxes = draw(st.lists(box, max_size=8))
    crowd = draw(st.lists(st.sampled_from([0, 0, 1]), min_size=len(gt_boxes),
                          max_size=len(gt_boxes)))
    det_boxes = draw(st.lists(
        st.sampled_from(gt_boxes) | box if gt_boxes else box, min_size=1, max_size=15))
    scores = draw(st.lists(st.sampled_from([0.2, 0.6]) | st.floats(0, 1),
                           min_size=len(det_boxes), max_size=len(det_boxes)))
    return gt_boxes, crowd, det_boxes, scores


@FEW
@given(case=one_image_cases())
def test_match_detections_is_pycocotools_evaluate_img(case):
    gt_boxes, crowd, det_boxes, scores = case
    gt = one_image([{"bbox": b, "iscrowd": c, "area": 1.0} for b, c in zip(gt_boxes, crowd)])
    evaluator = pycocotools_eval(gt, [det(b, s) for b, s in zip(det_boxes, scores)])
    found = evaluator.evalImgs[0]  # category 1, area range 'all', image 1
    assert found["aRng"] == [0, 1e10]
    order = np.array(found["dtIds"]) - 1  # detection ids are positions + 1
    for t, threshold in enumerate(evaluator.params.iouThrs):
        m = match_detections(gt_boxes, det_boxes, scores, iou_threshold=threshold,
                             gt_iscrowd=crowd)
        np.testing.assert_array_equal(m.order, order)
        # dtMatches holds the matched annotation's id (position + 1), 0 if none.
        np.testing.assert_array_equal(m.gt_index[order], found["dtMatches"][t] - 1)
        np.testing.assert_array_equal(m.is_ignored[order], found["dtIgnore"][t])
        np.testing.assert_array_equal(m.is_true_positive,
                                      (m.gt_index >= 0) & ~m.is_ignored)
        if gt_boxes:
            ious = evaluator.ious[1, 1]  # (detections by score, true boxes)
            matched = np.flatnonzero(m.gt_index >= 0)
            rank = np.argsort(order)
            np.testing.assert_array_equal(m.iou[matched],
                                          ious[rank[matched], m.gt_index[matched]])
        assert np.all(m.iou[m.gt_index < 0] == 0)


def test_warning_free_on_valid_data():
    gt = coco_scenes(5, seed=9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        coco_evaluate(gt, detector_output(gt, seed=9))
