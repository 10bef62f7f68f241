"""Box-IoU and AP explorers: the pure update functions, their figures (drawn fresh and
updated in place), the widget shells and their kernel-free frames."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib.datasets import coco_scenes, detector_output  # noqa: E402
from lecturelib.detection import average_precision, box_iou, coco_evaluate  # noqa: E402
from lecturelib.explorers.detection import (  # noqa: E402
    COCO_IOU_THRESHOLDS,
    DEFAULT_PREDICTED_BOX,
    DEFAULT_TRUE_BOX,
    ap_explorer,
    ap_figure,
    ap_state,
    box_iou_explorer,
    box_iou_figure,
    box_iou_state,
)
from tests.helpers import IPYWIDGETS_7, core_widgets, figure_png, pixels  # noqa: E402


def same_picture(png, other, *, tolerance=40, max_share=0.003):
    """Two PNGs draw the same figure (up to anti-aliasing at a few edges)."""
    a, b = pixels(png), pixels(other)
    return a.shape == b.shape and (np.abs(a - b).max(axis=2) > tolerance).mean() <= max_share


def _recorded(folder, monkeypatch, make):
    """The kernel-free bundle an explorer writes while its notebook is executed."""
    import json

    from lecturelib.explorers._frames import BUDGET_BYTES, FRAMES_VARIABLE

    monkeypatch.setenv(FRAMES_VARIABLE, str(folder))
    make()
    [path] = folder.glob("*.json")
    assert path.stat().st_size <= BUDGET_BYTES
    return json.loads(path.read_text(encoding="utf-8"))


# ===================================================================== box IoU state

def _iou_by_hand(a, b):
    """IoU of two [x, y, w, h] boxes, written out independently of lecturelib."""
    iw = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = iw * ih
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def test_default_boxes_overlap_with_iou_061():
    state = box_iou_state()
    np.testing.assert_array_equal(state["true_box"], DEFAULT_TRUE_BOX)
    np.testing.assert_array_equal(state["moved_box"], DEFAULT_PREDICTED_BOX)
    assert (state["intersection"], state["union"]) == (8160.0, 13440.0)
    assert state["iou"] == pytest.approx(8160 / 13440, rel=1e-15)
    assert state["is_true_positive"]
    assert not box_iou_state(iou_threshold=0.75)["is_true_positive"]
    assert state["message"] == ("IoU = intersection 8,160 / union 13,440 = 0.607, ≥ threshold "
                                "0.50: the prediction is a true positive.")


@pytest.mark.parametrize("kwargs", [
    {"shift_x": -18, "shift_y": -10},                         # exactly on the true box
    {"shift_x": 30, "shift_y": -20, "width_scale": 0.5},
    {"width_scale": 2.0, "height_scale": 0.25},
    {"shift_x": -90, "shift_y": 68, "width_scale": 0.3},      # no overlap
    {"width_scale": 0.5, "height_scale": 0.5},                 # inside the true box
])
def test_box_iou_state_equals_box_iou_and_the_formula(kwargs):
    state = box_iou_state(**kwargs)
    x, y, w, h = DEFAULT_PREDICTED_BOX
    sw, sh = kwargs.get("width_scale", 1.0), kwargs.get("height_scale", 1.0)
    cx, cy = x + w / 2 + kwargs.get("shift_x", 0), y + h / 2 + kwargs.get("shift_y", 0)
    expected = [cx - w * sw / 2, cy - h * sh / 2, w * sw, h * sh]
    np.testing.assert_allclose(state["moved_box"], expected, rtol=1e-15)
    assert state["iou"] == box_iou([DEFAULT_TRUE_BOX], [expected], box_format="xywh")[0, 0]
    assert state["iou"] == pytest.approx(_iou_by_hand(DEFAULT_TRUE_BOX, expected), abs=1e-15)
    assert state["iou"] == pytest.approx(state["intersection"] / state["union"], abs=1e-15)
    if state["iou"] == 0:
        assert state["intersection_box"] is None
    else:
        ix, iy, iw, ih = state["intersection_box"]
        assert iw * ih == pytest.approx(state["intersection"])
    assert state["is_true_positive"] == (state["iou"] >= 0.5)


def test_iou_equal_to_the_threshold_is_a_true_positive():
    # [0, 0, 10, 10] and [5, 0, 10, 10]: IoU exactly 50 / 150; COCO matches at IoU >= t.
    iou = box_iou([[0, 0, 10, 10]], [[5, 0, 10, 10]], box_format="xywh")[0, 0]
    assert box_iou_state([0, 0, 10, 10], [5, 0, 10, 10], iou_threshold=iou)["is_true_positive"]
    assert not box_iou_state([0, 0, 10, 10], [5, 0, 10, 10],
                             iou_threshold=np.nextafter(iou, 1))["is_true_positive"]


def test_canvas_depends_on_the_boxes_only():
    canvases = {box_iou_state(shift_x=s, width_scale=k)["canvas"]
                for s in (-90, 0, 90) for k in (0.25, 2.0)}
    assert len(canvases) == 1
    x0, x1, y0, y1 = canvases.pop()
    tx, ty, tw, th = DEFAULT_TRUE_BOX
    assert x0 < tx and x1 > tx + tw and y0 < ty and y1 > ty + th


@pytest.mark.parametrize("kwargs, match", [
    ({"true_box": [0, 0, -1, 5]}, "true_box.*negative width"),
    ({"predicted_box": [0, 0, 5, -1]}, "predicted_box.*negative"),
    ({"true_box": [0, 0, 5]}, "true_box.*4 numbers"),
    ({"true_box": [[0, 0, 5, 5]]}, "true_box"),
    ({"predicted_box": [0, 0, 0, 5]}, "predicted_box.*zero width"),
    ({"true_box": [0, np.nan, 5, 5]}, "true_box.*NaN"),
    ({"width_scale": 0.0}, "width_scale"),
    ({"height_scale": -1.0}, "height_scale"),
    ({"shift_x": float("inf")}, "shift_x"),
    ({"shift_y": "3"}, "shift_y"),
    ({"iou_threshold": 1.5}, "iou_threshold"),
    ({"iou_threshold": float("nan")}, "iou_threshold"),
])
def test_box_iou_state_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        box_iou_state(**kwargs)


# ==================================================================== box IoU figure

def test_box_iou_figure_colours_the_verdict():
    tp = box_iou_figure(box_iou_state())
    fp = box_iou_figure(box_iou_state(iou_threshold=0.75))
    for fig, verdict in ((tp, "TP"), (fp, "FP")):
        assert [ax.get_title() for ax in fig.axes] == ["True and predicted box", ""]
        texts = [t.get_text() for t in fig.texts]
        assert any(t.startswith(f"{verdict}: IoU") for t in texts)
        assert "0.607" in texts and "8,160 px²" in texts and "13,440 px²" in texts
        [legend] = fig.legends
        assert f"predicted box ({verdict})" in [t.get_text() for t in legend.get_texts()]
    plt.close(tp)
    plt.close(fp)


@pytest.mark.parametrize("change", [
    {"shift_x": 1}, {"shift_y": -1}, {"width_scale": 1.05}, {"height_scale": 0.95},
    {"iou_threshold": 0.55}, {"iou_threshold": 0.65},
])
def test_one_slider_step_changes_the_box_figure(change):
    images = [figure_png(box_iou_figure(box_iou_state(**kwargs))) for kwargs in ({}, change)]
    assert images[0] != images[1]


# ================================================================== box IoU explorer

BOX_LABELS = {"shift_x": "shift x", "shift_y": "shift y", "width_scale": "width ×",
              "height_scale": "height ×", "iou_threshold": "IoU threshold"}


def test_box_iou_explorer_follows_every_control():
    box = box_iou_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert {key: c.description for key, c in box.controls.items()} == BOX_LABELS
    ranges = {key: (c.min, c.max, c.step, c.value) for key, c in box.controls.items()}
    assert ranges == {"shift_x": (-90, 90, 1, 0), "shift_y": (-68, 68, 1, 0),
                      "width_scale": (0.25, 2, 0.05, 1), "height_scale": (0.25, 2, 0.05, 1),
                      "iou_threshold": (0.05, 0.95, 0.05, 0.5)}
    assert all(c.continuous_update for c in box.controls.values())  # they follow a drag
    assert html.escape(box_iou_state()["message"]) == box.status.value
    assert same_picture(box.image.value, figure_png(box_iou_figure(box_iou_state())))

    frames = [box.image.value]
    moves = [("shift_x", -18), ("shift_y", -10), ("iou_threshold", 0.95),
             ("width_scale", 1.5), ("height_scale", 0.5), ("iou_threshold", 0.05)]
    for key, value in moves:
        box.controls[key].value = value
        box.flush()
        frames.append(box.image.value)
    assert len(set(frames)) == len(frames)  # every move drew a different picture
    state = box_iou_state(shift_x=-18, shift_y=-10, width_scale=1.5, height_scale=0.5,
                          iou_threshold=0.05)
    assert box.status.value == html.escape(state["message"])
    assert same_picture(frames[-1], figure_png(box_iou_figure(state)))
    assert plt.get_fignums() == []  # the live figure is the explorer's, not pyplot's


def test_box_iou_explorer_takes_its_boxes_and_starting_values():
    box = box_iou_explorer([10, 10, 40, 20], [15, 12, 40, 20], shift_x=-5, width_scale=0.5,
                           iou_threshold=0.75)
    values = {key: c.value for key, c in box.controls.items()}
    assert values == {"shift_x": -5, "shift_y": 0, "width_scale": 0.5, "height_scale": 1,
                      "iou_threshold": 0.75}
    assert (box.controls["shift_x"].max, box.controls["shift_y"].max) == (30, 15)
    state = box_iou_state([10, 10, 40, 20], [15, 12, 40, 20], shift_x=-5, width_scale=0.5,
                          iou_threshold=0.75)
    assert same_picture(box.image.value, figure_png(box_iou_figure(state)))


def test_box_iou_explorer_records_shift_x_by_threshold(tmp_path, monkeypatch):
    # The kernel-free version: how far the box may slide sideways at each threshold.
    bundle = _recorded(tmp_path, monkeypatch, lambda: box_iou_explorer(shift_x=0.0))
    shift, threshold = bundle["controls"]
    assert (shift["name"], threshold["name"]) == ("shift_x", "iou_threshold")
    assert shift["values"] == list(range(-90, 91, 9))  # 9 px steps: -18 aligns the boxes
    assert threshold["values"] == [0.25, 0.5, 0.75, 0.95]
    assert shift["values"][shift["initial"]] == 0
    assert threshold["values"][threshold["initial"]] == 0.5
    assert len(bundle["frames"]) == 21 * 4
    # Frames run over the threshold fastest: shift -18 (x aligned, IoU 0.8) at 0.75 is a
    # true positive, at 0.95 a false positive.
    messages = bundle["messages"]["en"]
    aligned = shift["values"].index(-18) * 4
    assert "true positive" in messages[aligned + 2]
    assert "false positive" in messages[aligned + 3]


@pytest.mark.parametrize("kwargs, match", [
    ({"shift_x": 500}, "shift_x"),
    ({"width_scale": 3.0}, "width_scale"),
    ({"iou_threshold": 0.0}, "iou_threshold"),
    ({"true_box": [0, 0, -4, 4]}, "true_box"),
])
def test_box_iou_explorer_rejects_bad_starting_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        box_iou_explorer(**kwargs)


# ========================================================================= AP state

@pytest.fixture(scope="module")
def scenes():
    gt = coco_scenes(20, seed=27)
    return gt, detector_output(gt, seed=27)


def _coco_ap_per_threshold(result, gt, category):
    k = [c["name"] for c in sorted(gt["categories"], key=lambda c: c["id"])].index(category)
    # precision[T, R, K, A, M]: all areas (A = 0), 100 detections per image (M = -1).
    return result.precision[:, :, k, 0, -1].mean(axis=1)


@pytest.mark.parametrize("n_images, seed", [(20, 27), (20, 0), (12, 3), (40, 5)])
def test_ap_equals_coco_evaluate_per_class_and_threshold(n_images, seed):
    gt = coco_scenes(n_images, seed=seed)
    dt = detector_output(gt, seed=seed)
    result = coco_evaluate(gt, dt)
    for category in ("person", "car", "dog"):
        state = ap_state(gt, dt, category=category)
        np.testing.assert_allclose(state["ap_per_threshold"],
                                   _coco_ap_per_threshold(result, gt, category),
                                   rtol=0, atol=1e-12)
        assert state["ap_50_95"] == pytest.approx(result.per_class_ap[category], abs=1e-12)
        assert state["ap"] == state["ap50"] == state["ap_per_threshold"][0]


def test_ap_at_each_threshold_is_that_thresholds_coco_ap(scenes):
    gt, dt = scenes
    coco = _coco_ap_per_threshold(coco_evaluate(gt, dt), gt, "person")
    for k, threshold in enumerate(np.round(COCO_IOU_THRESHOLDS, 2)):
        state = ap_state(gt, dt, category="person", iou_threshold=float(threshold))
        assert state["iou_threshold"] == threshold
        assert state["ap"] == pytest.approx(coco[k], abs=1e-12)
        assert state["ap"] == state["ap_per_threshold"][k]
    assert ap_state(gt, dt, category="person")["ap75"] == pytest.approx(coco[5], abs=1e-12)


def test_ap_state_ranks_and_counts_as_pycocotools_accumulates(scenes):
    gt, dt = scenes
    state = ap_state(gt, dt, category=1, iou_threshold=0.5)  # "person", by id
    assert state["category"] == "person" and state["category_id"] == 1
    person = [d for d in dt if d["category_id"] == 1]
    n = len(person)
    assert state["scores"].size == n and np.all(np.diff(state["scores"]) <= 0)
    np.testing.assert_array_equal(state["scores"],
                                  [dt[i]["score"] for i in state["det_index"]])
    assert state["n_tp"] + state["n_fp"] + state["n_ignored"] == n
    assert not np.any(state["is_true_positive"] & state["is_ignored"])
    # This scene has a detection on a crowd region: ignored, neither TP nor FP.
    assert state["n_ignored"] == 1 and state["n_crowd"] == 2
    n_true = sum(1 for a in gt["annotations"] if a["category_id"] == 1 and not a["iscrowd"])
    assert state["n_true"] == n_true
    tp = np.cumsum(state["is_true_positive"])
    fp = np.cumsum(~state["is_true_positive"] & ~state["is_ignored"])
    np.testing.assert_array_equal(state["recall"], tp / n_true)
    np.testing.assert_array_equal(state["precision"], tp / (tp + fp + np.spacing(1)))
    assert state["ap"] == average_precision(state["recall"], state["precision"],
                                            method="coco101")
    assert state["sampled_precision"].mean() == pytest.approx(state["ap"], abs=1e-15)
    # IoUs: a true positive's matched IoU reaches the threshold and is its best or less.
    tps = state["is_true_positive"]
    assert np.all(state["iou"][tps] >= 0.5)
    assert np.all(state["iou"][tps] <= state["best_iou"][tps] + 1e-15)
    assert np.all(state["iou"][~tps & ~state["is_ignored"]] == 0)
    assert "24 are true positives and 7 false positives, 1 ignored" in state["message"]


def test_ap_keeps_the_100_best_detections_per_image():
    gt = {"images": [{"id": 1}, {"id": 2}], "categories": [{"id": 1, "name": "a"}],
          "annotations": [{"id": 1, "image_id": 1, "category_id": 1,
                           "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
                          {"id": 2, "image_id": 2, "category_id": 1,
                           "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0}]}
    # 120 false boxes on image 1, then its true box scored lowest: cut by maxDets.
    dt = [{"image_id": 1, "category_id": 1, "bbox": [50 + i, 50, 5, 5], "score": 0.9 - i / 1000}
          for i in range(120)]
    dt += [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.1},
           {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.05}]
    state = ap_state(gt, dt, category="a")
    assert state["scores"].size == 101 and state["n_tp"] == 1 and state["n_fp"] == 100
    assert state["ap_50_95"] == pytest.approx(coco_evaluate(gt, dt).per_class_ap["a"],
                                              abs=1e-12)


def test_ap_treats_tied_scores_as_pycocotools_does():
    gt = {"images": [{"id": 2}, {"id": 1}], "categories": [{"id": 1, "name": "a"}],
          "annotations": [{"id": i, "image_id": i, "category_id": 1, "bbox": [0, 0, 10, 10],
                           "area": 100, "iscrowd": 0} for i in (1, 2)]}
    # Same scores everywhere: images in id order, each in list order, decide the ranking.
    dt = [{"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.5},
          {"image_id": 1, "category_id": 1, "bbox": [30, 0, 10, 10], "score": 0.5},
          {"image_id": 1, "category_id": 1, "bbox": [1, 0, 10, 10], "score": 0.5}]
    state = ap_state(gt, dt, category="a")
    assert state["image_id"].tolist() == [1, 1, 2]
    assert state["det_index"].tolist() == [1, 2, 0]
    assert state["ap_50_95"] == pytest.approx(coco_evaluate(gt, dt).per_class_ap["a"],
                                              abs=1e-12)


def _crowd_only_gt():
    gt = coco_scenes(5, seed=1)
    gt["categories"].append({"id": 9, "name": "crowd"})
    gt["annotations"].append({"id": 999, "image_id": 1, "category_id": 9,
                              "bbox": [0, 0, 50, 50], "area": 2500, "iscrowd": 1})
    return gt


@pytest.mark.parametrize("make, kwargs, match", [
    (None, {"category": "cat"}, "category.*'person'"),
    (None, {"category": 7}, "category"),
    (None, {"category": True}, "category"),
    (None, {"category": "person", "iou_threshold": 0.3}, "iou_threshold"),
    (None, {"category": "person", "iou_threshold": 1.0}, "iou_threshold"),
    (None, {"category": "person", "iou_threshold": float("nan")}, "iou_threshold"),
    ("crowd", {"category": "crowd"}, "category.*no true box"),
    ("bad_image", {"category": "person"}, "detections.*image_id"),
    ("negative", {"category": "person"}, "detections"),
    ("not_coco", {"category": "person"}, "ground_truth"),
])
def test_ap_state_rejects_bad_input(make, kwargs, match):
    gt = coco_scenes(5, seed=1)
    dt = detector_output(gt, seed=1)
    if make == "crowd":
        gt = _crowd_only_gt()
    elif make == "bad_image":
        dt = dt + [{"image_id": 77, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5}]
    elif make == "negative":
        dt = dt + [{"image_id": 1, "category_id": 1, "bbox": [0, 0, -5, 5], "score": 0.5}]
    elif make == "not_coco":
        gt = {"images": []}
    with pytest.raises(ValueError, match=match):
        ap_state(gt, dt, **kwargs)


# ======================================================================== AP figure

def test_ap_figure_draws_the_three_panels(scenes):
    gt, dt = scenes
    state = ap_state(gt, dt, category="person")
    fig = ap_figure(state)
    assert [ax.get_title() for ax in fig.axes] == [
        "32 'person' detections, 24 true boxes", f"PR curve at IoU 0.50: AP {state['ap']:.3f}",
        "AP at each IoU threshold"]
    ax_ranked, _, ax_bars = fig.axes
    [bars] = ax_ranked.collections  # one bar per detection, as high as its score
    tops = [path.vertices[:, 1].max() for path in bars.get_paths()]
    np.testing.assert_allclose(tops, state["scores"])
    colours = {"TP": (0.0, 0.62, 0.451), "FP": (0.902, 0.624, 0.0)}
    faces = [tuple(np.round(c[:3], 3)) for c in bars.get_facecolors()]
    assert faces.count(colours["TP"]) == 24 and faces.count(colours["FP"]) == 7
    # Ten AP bars plus the band marking the current threshold.
    heights = [p.get_height() for p in ax_bars.patches if p.get_width() == pytest.approx(0.04)]
    np.testing.assert_allclose(heights, state["ap_per_threshold"])
    legend_texts = [[t.get_text() for t in legend.get_texts()] for legend in fig.legends]
    assert legend_texts[0][:3] == ["TP 24", "FP 7", "ignored (crowd) 1"]
    assert any("AP50 0.991" in t.get_text() for t in ax_bars.texts)
    plt.close(fig)


def test_ap_figure_explains_an_empty_curve():
    gt = coco_scenes(20)
    dt = detector_output(gt)
    state = ap_state(gt, dt, category="person", iou_threshold=0.95)
    assert state["n_tp"] == 0 and state["ap"] == 0.0
    fig = ap_figure(state)
    assert any("no true positive" in t.get_text() for t in fig.axes[1].texts)
    plt.close(fig)


# ====================================================================== AP explorer

def test_ap_explorer_follows_the_threshold(scenes):
    gt, dt = scenes
    box = ap_explorer(gt, dt, category="person")
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    slider = box.controls["iou_threshold"]
    assert set(box.controls) == {"iou_threshold"}
    assert isinstance(slider, ipywidgets.FloatSlider)
    assert (slider.description, slider.min, slider.max, slider.step, slider.value) == (
        "IoU threshold", 0.5, 0.95, 0.05, 0.5)
    assert slider.continuous_update
    state = ap_state(gt, dt, category="person")
    assert box.status.value == html.escape(state["message"])
    assert same_picture(box.image.value, figure_png(ap_figure(state)))  # the static twin

    frames = [box.image.value]
    for threshold in np.round(COCO_IOU_THRESHOLDS[1:], 2):
        slider.value = float(threshold)
        box.flush()
        frames.append(box.image.value)
        expected = ap_state(gt, dt, category="person", iou_threshold=float(threshold))
        assert box.status.value == html.escape(expected["message"])
    assert len(set(frames)) == 10
    assert same_picture(frames[-1], figure_png(ap_figure(expected)))
    assert plt.get_fignums() == []


def test_ap_explorer_starts_at_the_given_threshold(scenes):
    gt, dt = scenes
    box = ap_explorer(gt, dt, category="car", iou_threshold=0.75)
    assert box.controls["iou_threshold"].value == 0.75
    state = ap_state(gt, dt, category="car", iou_threshold=0.75)
    assert same_picture(box.image.value, figure_png(ap_figure(state)))


def test_ap_figure_updated_in_place_shows_and_hides_the_empty_curve_note():
    # The notebook's data have a true positive at every threshold; these have none at 0.95.
    from lecturelib.explorers.detection import ApFigure
    from tests.helpers import assert_updates_draw_the_fresh_figure

    gt = coco_scenes(20)
    dt = detector_output(gt)
    states = [ap_state(gt, dt, category="person", iou_threshold=t)
              for t in (0.5, 0.95, 0.7, 0.95, 0.5)]
    assert states[1]["n_tp"] == 0 and states[0]["n_tp"] > 0
    live = ApFigure(states[0])
    assert_updates_draw_the_fresh_figure(live, ap_figure, states)
    plt.close(live.figure)


def test_ap_explorer_records_every_coco_threshold(scenes, tmp_path, monkeypatch):
    gt, dt = scenes
    bundle = _recorded(tmp_path, monkeypatch, lambda: ap_explorer(gt, dt, category="person"))
    [control] = bundle["controls"]
    assert control["name"] == "iou_threshold"
    assert control["values"] == [round(t, 2) for t in np.round(COCO_IOU_THRESHOLDS, 2)]
    assert control["readout"][0] == "0.50" and control["initial"] == 0
    assert len(bundle["frames"]) == 10
    assert bundle["messages"]["en"][5] == ap_state(gt, dt, category="person",
                                                   iou_threshold=0.75)["message"]


@pytest.mark.parametrize("kwargs, match", [
    ({"category": "cat"}, "category"),
    ({"category": "person", "iou_threshold": 0.52}, "iou_threshold"),
    ({"category": "person", "iou_threshold": 0.45}, "iou_threshold"),
])
def test_ap_explorer_rejects_bad_starting_values(scenes, kwargs, match):
    gt, dt = scenes
    with pytest.raises(ValueError, match=match):
        ap_explorer(gt, dt, **kwargs)


# ========================================================================= package

def test_package_re_exports_the_detection_explorers():
    from lecturelib.explorers import detection

    assert detection.__all__ == ["box_iou_state", "box_iou_figure", "box_iou_explorer",
                                 "ap_state", "ap_figure", "ap_explorer"]
    for name in detection.__all__:
        assert name in explorers.__all__
        assert getattr(explorers, name) is getattr(detection, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_explorers_read_sensibly_without_a_kernel(scenes):
    gt, dt = scenes
    for box in (box_iou_explorer(), ap_explorer(gt, dt, category="person")):
        assert "run the notebook" in box._repr_mimebundle_()["text/plain"]
