"""The outlier explorer (notebook 07) on the notebook's data: the module's 16 points, the
last one dragged."""

from __future__ import annotations

import numpy as np

from . import Case


def outlier_case():
    from lecturelib.explorers.regression import OutlierFigure, outlier_figure, outlier_state

    def state_of(outlier_y, point=None, residuals="both fits"):
        return dict(outlier_state(outlier_y, point), residuals=residuals)

    return Case(
        "outlier_explorer", "07_regression_and_ranking",
        state_of=state_of,
        values=list(np.arange(-7.0, 25.75, 0.5)),  # the slider's every step
        live=OutlierFigure,
        fresh=lambda s: outlier_figure(s, residuals=s["residuals"]),
        extra_states=[
            state_of(22.0, residuals="MSE fit"),
            state_of(-7.0, 1, residuals="MAE fit"),  # the first point, far below
            state_of(0.0, 8, residuals="neither"),  # a true value of 0: MAPE explodes
            state_of(11.4, 16),  # back in its place: both fits as before, no bold in a row
            state_of(40.0, 8),  # above the data's range: other ranges and ticks
            state_of(31.0, 8, residuals="MSE fit"),
        ])


CASES = {"outlier_explorer": outlier_case}
