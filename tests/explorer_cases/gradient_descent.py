"""The learning-rate explorer (notebook 01) on notebook 01's line data."""

from __future__ import annotations

import numpy as np

from . import Case


def learning_rate_case():
    from lecturelib.datasets import linear_regression_data
    from lecturelib.explorers.gradient_descent import (GradientDescentFigure,
                                                       gradient_descent_figure,
                                                       learning_rate_state)

    x, y = linear_regression_data(40, slope=2.0, intercept=1.0, noise=1.0, seed=0)

    def state(lr, steps=100):  # the notebook's 100 steps
        return learning_rate_state(x, y, lr=lr, steps=steps)

    return Case(
        "learning_rate_explorer", "01_loss_vs_metric",
        state_of=state,
        # The slider's log scale, 1e-4 to 1: slow, converged, zig-zag, diverged.
        values=list(10.0 ** np.linspace(-4, 0, 41)),
        live=lambda s: GradientDescentFigure(s, x=x, y=y),
        fresh=lambda s: gradient_descent_figure(x, y, s),
        extra_states=[
            state(0.07, steps=1),     # two points: one line besides the start
            state(0.07, steps=60),    # the last length drawn with markers
            state(0.07, steps=61),    # the first without
            state(0.0976, steps=200),  # just below the limit: a long zig-zag
            state(0.11, steps=200),   # just above it: diverging
            state(1.0, steps=200),    # overflows: the path stops early, the loss axis at 1e200
            state(1e-4, steps=200),   # slow
        ])


CASES = {"learning_rate_explorer": learning_rate_case}
