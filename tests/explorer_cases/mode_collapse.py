"""The mode-collapse explorer (notebook 08) on the notebook's features: its digit network
(seed 0) embedding held-out digits and the ten generated sets."""

from __future__ import annotations

from . import Case


def mode_collapse_case():
    from lecturelib.explorers.mode_collapse import (ModeCollapseFigure, mode_collapse_features,
                                                    mode_collapse_figure, mode_collapse_state)
    from lecturelib.generative import train_digit_feature_network

    data = mode_collapse_features(train_digit_feature_network(seed=0))
    return Case(
        "mode_collapse_explorer", "08_generative_evaluation",
        state_of=lambda dropped: mode_collapse_state(int(dropped), **data),
        values=list(range(10)),
        live=ModeCollapseFigure,
        fresh=mode_collapse_figure,
        # One class dropped (the legend's singular), none (no cross), all but one.
        extra_states=[mode_collapse_state(d, **data) for d in (1, 0, 9)])


CASES = {"mode_collapse_explorer": mode_collapse_case}
