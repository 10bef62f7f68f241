"""The threshold explorer (notebooks 04 and 05) on notebook 04's breast-cancer model."""

from __future__ import annotations

import numpy as np

from . import Case


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
