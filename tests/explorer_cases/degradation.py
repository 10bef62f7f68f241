"""The degradation explorer (notebook 08) on the course's photo, started as the notebook
starts it (shifted by one pixel); a drag moves its first slider, the noise."""

from __future__ import annotations

from . import Case


def degradation_case():
    import numpy as np

    from lecturelib.explorers.degradation import (BLUR_MAX, NOISE_MAX, NOISE_SWEEP, SHIFT_MAX,
                                                  DegradationFigure, degradation_figure,
                                                  degradation_state)

    other = np.random.default_rng(0).uniform(size=(16, 24))
    return Case(
        "degradation_explorer", "08_generative_evaluation",
        state_of=lambda noise: degradation_state(noise=float(noise), shift=1),
        values=[float(v) for v in NOISE_SWEEP],
        live=DegradationFigure,
        fresh=degradation_figure,
        extra_states=[
            degradation_state(),  # identical: PSNR infinite, no dotted line
            degradation_state(blur=BLUR_MAX),
            degradation_state(shift=SHIFT_MAX),
            degradation_state(noise=NOISE_MAX, blur=BLUR_MAX, shift=SHIFT_MAX),  # lowest
            degradation_state(other, noise=0.2, shift=2),  # another image: a new background
        ])


CASES = {"degradation_explorer": degradation_case}
