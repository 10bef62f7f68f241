"""The focal-loss explorer (notebook 03) at its notebook's start, γ = 2 and α = 0.25."""

from __future__ import annotations

import numpy as np

from . import Case


def focal_loss_case():
    from lecturelib.explorers.focal_loss import (FocalLossFigure, focal_loss_figure,
                                                 focal_loss_state)

    return Case(
        "focal_loss_explorer", "03_cross_entropy_and_focal_loss",
        state_of=lambda gamma: focal_loss_state(gamma, 0.25),
        values=[round(g, 1) for g in np.linspace(0.0, 5.0, 51)],
        live=FocalLossFigure,
        fresh=focal_loss_figure,
        extra_states=[
            focal_loss_state(0.0, 0.5),    # cross-entropy: object and background coincide
            focal_loss_state(2.0, 0.0),    # objects ignored: their share 0%
            focal_loss_state(5.0, 1.0),    # background ignored; the largest gradient
            focal_loss_state(0.0, 0.75),   # the paper's best α without focusing
            focal_loss_state(4.9, 0.05),   # the widest row label
        ])


CASES = {"focal_loss_explorer": focal_loss_case}
