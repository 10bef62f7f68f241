"""The ranking explorer (notebook 07) on the notebook's query: six results for "how to
compute IoU", graded 3, 2, 0, 1, 3, 0 in the engine's order."""

from __future__ import annotations

from . import Case

TITLES = ["IoU, Dice and mAP: lecture notes", "IoU in object detection (blog)",
          "Intersection of two sets (school maths)", "pycocotools API reference",
          "Jaccard index (encyclopedia)", "IOU: a promise to pay (finance)"]
GRADES = [3, 2, 0, 1, 3, 0]


def ranking_case():
    from lecturelib.explorers.ranking import RankingFigure, ranking_figure, ranking_state

    def state_of(k, order="model", grades=GRADES):
        return ranking_state(grades, k, order, titles=TITLES, query="how to compute IoU")

    return Case(
        "ranking_explorer", "07_regression_and_ranking",
        state_of=state_of,
        values=list(range(1, 7)),
        live=RankingFigure,
        fresh=ranking_figure,
        extra_states=[
            state_of(3, "swap_top"),
            state_of(6, "reversed"),  # nothing greyed, no cutoff line
            state_of(1, "ideal"),
            state_of(4, "swap_bottom"),
            state_of(2, grades=[0, 0, 0, 0, 0, 0]),  # nothing relevant: undefined metrics
            state_of(5, "ideal", grades=[1, 3, 3, 2, 0, 3]),  # regraded
        ])


CASES = {"ranking_explorer": ranking_case}
