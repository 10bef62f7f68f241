"""The binarisation explorer (notebook 06) on the notebook's soft person segmentation."""

from __future__ import annotations

import numpy as np

from . import Case


def binarisation_case():
    from lecturelib.datasets import soft_person_segmentation
    from lecturelib.explorers.segmentation import (BinarisationFigure, binarisation_figure,
                                                   binarisation_state)

    truth, probability_map = soft_person_segmentation()

    def state_of(threshold):
        return binarisation_state(probability_map, truth, threshold)

    return Case(
        "binarisation_explorer", "06_iou_dice_map",
        state_of=state_of,
        values=list(np.round(np.linspace(0.0, 1.0, 41), 2)),
        live=BinarisationFigure,
        fresh=binarisation_figure,
        # Everything object (no TN/FN bars), nothing object (no TP/FP bars, IoU 0, short
        # bars with their values above), a threshold between two bin edges (a split bin),
        # and the best IoU under the cursor.
        extra_states=[state_of(0.0), state_of(1.0), state_of(1 / 3), state_of(0.005),
                      state_of(0.52)])


CASES = {"binarisation_explorer": binarisation_case}
