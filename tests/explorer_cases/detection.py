"""The box-IoU and AP explorers (notebook 06) on the notebook's boxes and small data set."""

from __future__ import annotations

import numpy as np

from . import Case


def box_iou_case():
    from lecturelib.explorers.detection import BoxIouFigure, box_iou_figure, box_iou_state

    def state_of(shift_x, **others):
        # The notebook's call: box_iou_explorer(shift_x=0.0, iou_threshold=0.5).
        return box_iou_state(shift_x=shift_x, **{"iou_threshold": 0.5, **others})

    return Case(
        "box_iou_explorer", "06_iou_dice_map",
        state_of=state_of,
        values=[float(x) for x in np.linspace(-90, 90, 41).round()],
        live=BoxIouFigure,
        fresh=box_iou_figure,
        # No overlap (no intersection), a false positive at 0.75, the box on the true box
        # (x aligned), at the strictest and loosest thresholds (the label's other side),
        # and resized off the canvas.
        extra_states=[state_of(-90.0, shift_y=68.0), state_of(0.0, iou_threshold=0.75),
                      state_of(-18.0, shift_y=-10.0, iou_threshold=0.95),
                      state_of(30.0, iou_threshold=0.05),
                      state_of(60.0, shift_y=-60.0, width_scale=2.0, height_scale=0.25)])


def ap_case():
    from lecturelib.datasets import coco_scenes, detector_output
    from lecturelib.explorers.detection import ApFigure, ap_figure, ap_state

    small_truth = coco_scenes(20, seed=27)
    small_detections = detector_output(small_truth, seed=27)
    thresholds = [round(0.5 + 0.05 * k, 2) for k in range(10)]
    states = {t: ap_state(small_truth, small_detections, category="person", iou_threshold=t)
              for t in thresholds}
    return Case(
        "ap_explorer", "06_iou_dice_map",
        state_of=states.__getitem__,
        values=thresholds,
        live=ApFigure,
        fresh=ap_figure,
        # 0.95: no true positive (the note; nothing ignored); 0.52: off COCO's grid (a
        # line instead of the band).
        extra_states=[states[0.95],
                      ap_state(small_truth, small_detections, category="person",
                               iou_threshold=0.52)])


CASES = {"box_iou_explorer": box_iou_case, "ap_explorer": ap_case}
