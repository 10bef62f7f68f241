"""The class-separation and prevalence explorers (notebook 05), on the data their notebook
cells give them (the explorers' own binormal scores, with the default sizes and seed)."""

from __future__ import annotations

import numpy as np

from . import Case


def class_separation_case():
    from lecturelib.explorers.separation import (ClassSeparationFigure,
                                                 class_separation_figure,
                                                 class_separation_state)

    return Case(
        "class_separation_explorer", "05_roc_pr",
        state_of=class_separation_state,
        values=[round(d, 1) for d in np.linspace(0.0, 4.0, 41)],  # the slider's stops
        live=ClassSeparationFigure,
        fresh=class_separation_figure,
        extra_states=[
            # Beyond the slider: scores reaching past the fixed score axis (which widens),
            # a peak above the fixed density axis, the legend's other corner (AUC < 0.4),
            # then the slider's range again, where the axes return.
            class_separation_state(-1.5),
            class_separation_state(2.0, n=60, seed=3),
            class_separation_state(0.7)])


def prevalence_case():
    from lecturelib.explorers.separation import (PrevalenceFigure, prevalence_figure,
                                                 prevalence_state)

    return Case(
        "prevalence_explorer", "05_roc_pr",
        state_of=prevalence_state,
        # The log slider's stops, 0.1% to 50% a tenth of a decade apart.
        values=[float(10 ** e) for e in np.round(np.arange(-3.0, -0.35, 0.1), 1)] + [0.5],
        live=PrevalenceFigure,
        fresh=prevalence_figure,
        extra_states=[
            # The slider's ends (20 positives; half), and a scorer with no skill, whose PR
            # curve lies on its chance line.
            prevalence_state(0.001), prevalence_state(0.5),
            prevalence_state(0.05, separation=0.0)])


CASES = {"class_separation_explorer": class_separation_case,
         "prevalence_explorer": prevalence_case}
