"""The cross-entropy explorer (notebook 02) at its notebook's start: the lecture's
prediction (0.1, 0.7, 0.2) and the one-hot target Offensive."""

from __future__ import annotations

import numpy as np

from . import Case


def cross_entropy_case():
    from lecturelib.explorers.entropy import (CLASS_SHARES, DEFAULT_LOGITS, CrossEntropyFigure,
                                              cross_entropy_figure, cross_entropy_state)

    none, _offensive, hate = DEFAULT_LOGITS

    def state(offensive):  # the true class's score, the kernel-free version's slider
        return cross_entropy_state([none, offensive, hate], "Offensive")

    return Case(
        "cross_entropy_explorer", "02_entropy",
        state_of=state,
        values=list(np.linspace(-5.0, 5.0, 41)),
        live=CrossEntropyFigure,
        fresh=cross_entropy_figure,
        extra_states=[
            cross_entropy_state(DEFAULT_LOGITS, CLASS_SHARES),          # soft: no shading
            cross_entropy_state(np.log(CLASS_SHARES), CLASS_SHARES),    # q = p: KL 0
            cross_entropy_state([-5.0, 5.0, -5.0], "None"),             # 10 nats: axis to 12
            cross_entropy_state([0.0, 0.0, 0.0], "Hate"),                # uniform: ln 3
            cross_entropy_state([5.0, -5.0, 5.0], CLASS_SHARES),        # soft, large KL
        ])


CASES = {"cross_entropy_explorer": cross_entropy_case}
