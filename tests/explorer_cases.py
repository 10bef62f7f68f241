"""Each explorer on the data its notebook gives it, for the tests and the benchmark.

A :class:`Case` holds what both need: ``state_of(value)`` for the explorer's main control,
the values a learner drags through (``values``), a ``live`` factory (the LiveFigure of the
fast path, built for a state) and ``fresh`` (the static twin drawn from scratch, as every
slider move drew it before explorers updated in place). ``tests/test_explorers_live.py``
checks that the two draw the same picture; ``benchmarks/bench_explorers.py`` times them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Case:
    name: str                 # the explorer function's name
    notebook: str
    state_of: object          # value of the main control -> state
    values: list              # what a drag goes through
    live: object              # state -> LiveFigure
    fresh: object             # state -> matplotlib Figure (the static twin, new)
    extra_states: list = field(default_factory=list)  # more variants for the pixel test


def threshold_case():
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from lecturelib.curves import ThresholdSweep
    from lecturelib.explorers.threshold import (ThresholdFigure, threshold_curves,
                                                threshold_figure, threshold_state)

    cancer = load_breast_cancer()
    y = (cancer.target == 0).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(cancer.data, y, test_size=0.3,
                                                        stratify=y, random_state=0)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    scores = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
    sweep = ThresholdSweep(y_test, scores)
    curves = threshold_curves(sweep)
    return Case(
        "threshold_explorer", "04_confusion_matrix",
        state_of=lambda t: threshold_state(sweep, t),
        values=list(np.linspace(0.0, 1.0, 41)),
        live=lambda s: ThresholdFigure(s, curves=curves),
        fresh=lambda s: threshold_figure(sweep, s, curves=curves),
        extra_states=[threshold_state(sweep, 2.0)])  # nothing predicted positive


CASES = {"threshold_explorer": threshold_case}
